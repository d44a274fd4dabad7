//! The entity graph that enrichment adds to the site: entities with their
//! mentions, announcements, and the discovery candidates for `recap check`.
//!
//! Indexes (`usize`) point into `Site::entities` and `Site::sessions`.

use arcstr::ArcStr;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Product,
    Company,
    Speaker,
    Topic,
}

impl EntityKind {
    /// The URL section: `/products/…`.
    pub fn section(self) -> &'static str {
        match self {
            EntityKind::Product => "products",
            EntityKind::Company => "companies",
            EntityKind::Speaker => "speakers",
            EntityKind::Topic => "topics",
        }
    }

    /// The name it has in `data/site.json` and the search index: `company`.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Product => "product",
            EntityKind::Company => "company",
            EntityKind::Speaker => "speaker",
            EntityKind::Topic => "topic",
        }
    }

    pub fn all() -> [EntityKind; 4] {
        [
            EntityKind::Product,
            EntityKind::Company,
            EntityKind::Speaker,
            EntityKind::Topic,
        ]
    }
}

/// What a sentence says about the entity it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MentionRole {
    /// Released here (`发布`, `推出`, `正式发布`, `上线`, `launched`).
    Launched,
    /// Announced here (`宣布`, `announced`).
    Announced,
    /// Previewed or in beta (`预告`, `Beta`, `preview`).
    Preview,
    /// A customer telling its story, or cited as a case.
    CustomerStory,
    /// Presented as a partner.
    Partner,
    Mentioned,
}

impl MentionRole {
    pub fn is_launch(self) -> bool {
        matches!(
            self,
            MentionRole::Launched | MentionRole::Announced | MentionRole::Preview
        )
    }
}

/// One place a session speaks of an entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Index into `Site::sessions`. The numbers here are 32-bit: a big
    /// site has more than a million mentions.
    pub session: u32,
    /// The timeline entry's anchor (`t-1m15s`); `None` in the title and
    /// overview (see `in_title`).
    pub anchor: Option<ArcStr>,
    /// Where in the session: the section heading, the entry's text for flat
    /// timelines, or `None` for the overview.
    pub section: Option<ArcStr>,
    /// The sentence, trimmed to about 120 characters, `**` removed.
    pub excerpt: ArcStr,
    /// Byte range of the name inside `excerpt`.
    pub highlight: (u32, u32),
    pub role: MentionRole,
    /// Line in the recap file.
    pub line: u32,
    /// Said in the session's title: no anchor, as in the overview, but
    /// labelled as the title on entity pages.
    pub in_title: bool,
}

/// A product, company, speaker or topic with its own page.
#[derive(Debug, Clone, Serialize)]
pub struct Entity {
    pub kind: EntityKind,
    /// ASCII, unique within the kind.
    pub slug: String,
    pub name: String,
    /// Other spellings (catalog aliases, merged discoveries, spellings seen).
    pub aliases: Vec<String>,
    /// The catalog `kind` (`service`, `model`, `customer`…); `None` when
    /// discovered.
    pub category: Option<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    /// Root-relative URL: `/products/amazon-bedrock/`.
    pub url: String,
    /// `false` for names found by discovery, speakers and footer themes.
    pub catalogued: bool,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
    /// For products: the maker.
    pub company: Option<usize>,
    /// For companies: the products they make.
    pub products: Vec<usize>,
    /// For speakers: role and organisation as the recap gives them.
    pub role: Option<String>,
    pub org: Option<String>,
    /// Sessions that mention it, ascending.
    pub sessions: Vec<usize>,
    /// In session order, then text order.
    pub mentions: Vec<Mention>,
    /// Strongest launch role over all mentions, if any.
    pub launch: Option<MentionRole>,
    /// Products named in the same stories (timeline sections), most shared
    /// first: (entity, stories shared).
    pub co_products: Vec<(usize, usize)>,
    /// Companies named in the same stories.
    pub co_companies: Vec<(usize, usize)>,
}

/// A launch, announcement or preview, attached to the product it names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Announcement {
    pub session: usize,
    /// Index into `Site::entities` (a product).
    pub entity: usize,
    pub role: MentionRole,
    /// The launch word as written: `正式发布`, `预告`, `Beta`, `announced`.
    pub verb: String,
    pub excerpt: ArcStr,
    pub anchor: Option<ArcStr>,
    pub line: usize,
}

/// A name discovery proposed, for `recap check`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    pub name: String,
    /// `product` or `company`.
    pub kind: EntityKind,
    pub count: usize,
    /// Up to 20 `(file, line)` places, in file order.
    pub locations: Vec<(String, usize)>,
    /// True when it got a page.
    pub accepted: bool,
    /// Why it was accepted or rejected, in a few words.
    pub reason: String,
    /// Canonical entity it was merged into, if any.
    pub merged_into: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_exported_ones() {
        for k in EntityKind::all() {
            assert_eq!(serde_json::to_value(k).unwrap(), k.name());
        }
    }
}
