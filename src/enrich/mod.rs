//! Stage 3: [`Corpus`] + [`Catalog`] → [`Site`], the whole cross-linked graph.
//!
//! The renderer reads only [`Site`]: sessions as parsed, plus what enrichment
//! found about each (its [`SessionInfo`]) and inline [`Link`]s for the text.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Session};
use crate::parse::Corpus;
use arcstr::ArcStr;
use serde::Serialize;
use std::sync::Arc;

mod assemble;
mod candidates;
pub mod catalog;
pub mod discover;
mod enricher;
pub mod excerpt;
mod graph;
pub mod launches;
pub mod matcher;
pub mod numbers;
mod patch;
pub mod related;
mod scan;
pub mod speakers;
pub mod types;
pub mod units;
pub mod words;

pub use catalog::Catalog;
pub use enricher::{CatalogTable, Enricher, Update};
pub use types::{Announcement, Candidate, Entity, EntityKind, Mention, MentionRole};

/// Everything the renderer needs.
///
/// Sessions, their parts and the entities are each behind an `Arc`, so a
/// copy shares them: `recap serve` copies the model when an edit lands
/// while a whole-site file is being made from it, and the edit then
/// replaces only the sessions and entities it changes
/// ([`Enricher::update`]). At 10,000 sessions that copy is 56 MiB, not
/// 386.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// Sorted by source path. `speakers` holds front matter speakers and,
    /// when the front matter names none, the ones found in the prose.
    pub sessions: Vec<Arc<Session>>,
    /// Parallel to `sessions`.
    pub info: Vec<Arc<SessionInfo>>,
    /// Parallel to `sessions`: inline links to entity pages, by where in
    /// the session's text they are (see [`Site::links_at`]).
    pub links: Vec<Arc<SessionLinks>>,
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
    /// Products, companies, speakers and topics that at least one session
    /// mentions, ordered by kind, then name. `url` is the page.
    pub entities: Vec<Arc<Entity>>,
    /// Launches, announcements and previews, by session then line.
    pub announcements: Vec<Announcement>,
    /// Every name discovery considered, kept or not, for `recap check`.
    pub candidates: Vec<Candidate>,
}

impl Site {
    /// Entities of one kind, in name order.
    pub fn entities_of(&self, kind: EntityKind) -> impl Iterator<Item = (usize, &Entity)> {
        self.entities
            .iter()
            .enumerate()
            .filter(move |(_, e)| e.kind == kind)
            .map(|(i, e)| (i, &**e))
    }

    /// The entity whose page is `url` (`/products/amazon-bedrock/`).
    pub fn entity_by_url(&self, url: &str) -> Option<&Entity> {
        self.entities.iter().find(|e| e.url == url).map(|e| &**e)
    }

    /// The inline links of the text at `key`, in text order.
    pub fn links_at(&self, key: TextKey) -> &[Link] {
        self.links
            .get(key.session())
            .map_or(&[], |links| links.at(key))
    }
}

/// What enrichment found about one session, ready to list on its page.
#[derive(Debug, Default, Clone, Serialize)]
pub struct SessionInfo {
    pub products: Vec<EntityRef>,
    pub companies: Vec<EntityRef>,
    pub topics: Vec<EntityRef>,
    pub speakers: Vec<EntityRef>,
    /// 3–5 sessions sharing the rarest entities, best first (indexes into
    /// `Site::sessions`).
    pub related: Vec<usize>,
    /// Key figures said in this session.
    pub numbers: Vec<KeyNumber>,
}

/// A link to an entity page, with how often the session mentions it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityRef {
    pub name: String,
    /// Root-relative URL, e.g. `/products/amazon-bedrock/`.
    pub url: String,
    pub count: usize,
}

/// A statistic as written: `98%`, `1320亿美元`, `140秒降至87秒`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyNumber {
    pub text: String,
    pub value: f64,
    pub unit: &'static str,
    pub magnitude: &'static str,
    /// The sentence it was said in.
    pub excerpt: ArcStr,
    pub anchor: Option<ArcStr>,
    /// `percent`, `money`, `multiple`, `change`, `count` or `measure`.
    pub kind: &'static str,
    /// `value` times the magnitude (`1320亿` → 1.32e11).
    pub scaled: f64,
    /// For changes (`从 140 秒降至 87 秒`): the figure before, as written.
    pub from: Option<String>,
    /// Line in the recap file.
    pub line: usize,
}

impl KeyNumber {
    /// Whether `other` was said in the same sentence at the same moment, so
    /// that the two are shown beside one copy of it.
    pub fn said_with(&self, other: &KeyNumber) -> bool {
        self.excerpt == other.excerpt && self.anchor == other.anchor
    }
}

/// Where a piece of session text the page shows as linked prose is: the
/// overview paragraph `i`, the title of timeline entry `entry` (counted
/// across sections, in [`Session::entries`] order), point `j` of an
/// entry, or a part of the footer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKey {
    Overview {
        session: usize,
        paragraph: usize,
    },
    Entry {
        session: usize,
        entry: usize,
    },
    Point {
        session: usize,
        entry: usize,
        point: usize,
    },
    /// Paragraph `paragraph` of [`Session::extra`](crate::model::Session::extra).
    Extra {
        session: usize,
        paragraph: usize,
    },
    /// The footer's note (`注：…`).
    Note {
        session: usize,
    },
    /// Footnote `note`, counted in [`Session::footnotes`](crate::model::Session::footnotes) order.
    Footnote {
        session: usize,
        note: usize,
    },
}

impl TextKey {
    /// The session the text is in.
    pub fn session(&self) -> usize {
        match *self {
            TextKey::Overview { session, .. }
            | TextKey::Entry { session, .. }
            | TextKey::Point { session, .. }
            | TextKey::Extra { session, .. }
            | TextKey::Note { session }
            | TextKey::Footnote { session, .. } => session,
        }
    }
}

/// The inline links of one session, grouped by the place in its text they
/// are in. Flat lists, not a map of small lists: a 10,000-session site has
/// most of a million links, and a list per place was most of their memory.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionLinks {
    /// The places that have links, in key order, each with the end of its
    /// links in `links`.
    places: Vec<(TextKey, u32)>,
    links: Vec<Link>,
}

impl SessionLinks {
    /// The links `found`, in text order within each place.
    pub fn new(mut found: Vec<(TextKey, Link)>) -> SessionLinks {
        // Stable: a place's links keep the order they were found in.
        found.sort_by_key(|(key, _)| *key);
        let mut out = SessionLinks {
            places: Vec::new(),
            links: Vec::with_capacity(found.len()),
        };
        for (key, link) in found {
            out.links.push(link);
            let end = out.links.len() as u32;
            match out.places.last_mut() {
                Some((last, e)) if *last == key => *e = end,
                _ => out.places.push((key, end)),
            }
        }
        out.places.shrink_to_fit();
        out
    }

    /// The links of the text at `key`, in text order.
    pub fn at(&self, key: TextKey) -> &[Link] {
        match self.places.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => {
                let start = if i == 0 { 0 } else { self.places[i - 1].1 };
                &self.links[start as usize..self.places[i].1 as usize]
            }
            Err(_) => &[],
        }
    }

    /// Each place that has links, in key order, with them.
    pub fn iter(&self) -> impl Iterator<Item = (TextKey, &[Link])> {
        self.places.iter().map(move |&(key, _)| (key, self.at(key)))
    }

    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }
}

/// A span of text (byte offsets into the unescaped text) that links to a page.
///
/// `url` and `title` are shared: a 10,000-session site has most of a
/// million links to a few hundred pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub url: ArcStr,
    pub title: ArcStr,
}

/// Find every entity, mention, launch and figure, and link them up.
///
/// Sessions are scanned in parallel twice: once for speakers and discovery
/// sightings (which the entity table needs), once for mentions against the
/// full table. Everything is merged in session order, so the result does
/// not depend on the number of threads. [`Enricher`] is the same pipeline
/// with its intermediate results kept, for `recap serve`.
pub fn enrich(corpus: Corpus, catalog: Catalog, config: SiteConfig) -> Site {
    Enricher::new(corpus, catalog, config).into_site()
}

/// Compile the patterns that the first pass (speakers and name discovery)
/// needs, each part on whichever thread is free; see [`crate::build`].
pub fn warm_up_first_pass() {
    warm_up(&[speakers::warm_up, discover::warm_up]);
}

/// Compile the patterns that only the main pass (figures and launches)
/// needs: a build makes them while the first pass runs.
pub fn warm_up_main_pass() {
    warm_up(&[numbers::warm_up, launches::warm_up]);
}

fn warm_up(parts: &[fn()]) {
    use rayon::prelude::*;
    parts.par_iter().for_each(|warm| warm());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::recap::parse_recap;

    const RECAP: &str = "# AWS re:Invent 2025 分会场总结：测试\n\n## 会议概述\n\n本次会议由AWS首席架构师Memet主讲。Bedrock很好，Bedrock很快。\n\n## 详细时间线\n\n### 第一部分 (00:00 - 05:00)\n00:00 - 01:00 - 介绍 Bedrock\n- Bedrock 客户翻倍，增长 98%\n- 再说 Bedrock\n\n### 第二部分 (05:00 - 09:00)\n05:00 - 06:00 - 发布 **Amazon Nova 2**\n- Bedrock 与 Writer\n";
    const CATALOG: &str = "[[product]]\nname = \"Amazon Bedrock\"\naliases = [\"Bedrock\"]\nkind = \"service\"\ndescription = \"d\"\n\n[[product]]\nname = \"Amazon Nova 2\"\nkind = \"model\"\ndescription = \"d\"\n\n[[company]]\nname = \"AWS\"\nkind = \"vendor\"\ndescription = \"d\"\n\n[[company]]\nname = \"Writer\"\nkind = \"customer\"\ndescription = \"d\"\n";

    fn site(config: SiteConfig, catalog: Catalog, front_matter: bool) -> Site {
        let mut s = parse_recap("a.txt", RECAP).session;
        s.slug = "a".into();
        if front_matter {
            s.speakers = vec![crate::model::SpeakerRef {
                name: "Front Matter".into(),
                role: None,
                org: None,
            }];
        }
        let corpus = Corpus {
            sessions: vec![s],
            ..Default::default()
        };
        enrich(corpus, catalog, config)
    }

    /// One session of `text`, enriched with [`CATALOG`].
    fn with_catalog(text: &str) -> Site {
        let mut s = parse_recap("a.txt", text).session;
        s.slug = "a".into();
        let corpus = Corpus {
            sessions: vec![s],
            ..Default::default()
        };
        enrich(
            corpus,
            Catalog::parse(CATALOG, "catalog.toml"),
            SiteConfig::default(),
        )
    }

    fn bedrock_links(site: &Site) -> Vec<(TextKey, usize)> {
        site.links
            .iter()
            .flat_map(|l| l.iter())
            .flat_map(|(k, ls)| {
                ls.iter()
                    .filter(|l| &*l.title == "Amazon Bedrock")
                    .map(move |l| (k, l.start))
            })
            .collect()
    }

    #[test]
    fn first_mention_per_section_links_and_everything_is_counted() {
        let site = site(
            SiteConfig::default(),
            Catalog::parse(CATALOG, "catalog.toml"),
            false,
        );
        // Overview, section one, section two: one link each.
        let links = bedrock_links(&site);
        assert_eq!(links.len(), 3, "{links:?}");
        let bedrock = site.entity_by_url("/products/amazon-bedrock/").unwrap();
        // Six times said; `Bedrock很好，Bedrock很快。` is one sentence, shown once.
        assert_eq!(bedrock.mentions.len(), 5);
        assert_eq!(site.info[0].products[0].name, "Amazon Bedrock");
        assert_eq!(site.info[0].products[0].count, 6);
        assert_eq!(site.info[0].numbers[0].text, "98%");
        assert_eq!(site.info[0].numbers[0].anchor.as_deref(), Some("t-0m00s"));
        let nova = site.entity_by_url("/products/amazon-nova-2/").unwrap();
        assert_eq!(nova.launch, Some(MentionRole::Launched));
        assert_eq!(site.announcements.len(), 1);
        let writer = site.entity_by_url("/companies/writer/").unwrap();
        assert_eq!(writer.mentions[0].role, MentionRole::CustomerStory);
        assert_eq!(site.sessions[0].speakers[0].name, "Memet");
        assert_eq!(site.info[0].speakers[0].url, "/speakers/memet/");
    }

    #[test]
    fn a_section_heading_in_bold_is_a_plain_label_of_its_mentions() {
        let site = with_catalog(
            "# Conf 2025 分会场总结：测试\n\n## 时间线\n\n### **Amazon Bedrock**集成\n\n\
             00:00 - 开场\n- 用 Amazon Bedrock 构建\n",
        );
        let bedrock = site.entity_by_url("/products/amazon-bedrock/").unwrap();
        let sections: Vec<_> = bedrock
            .mentions
            .iter()
            .map(|m| m.section.as_deref())
            .collect();
        assert_eq!(sections, [Some("Amazon Bedrock集成"); 2]);
    }

    #[test]
    fn a_known_company_with_a_generic_word_after_it_is_that_company() {
        let text = RECAP.replace(
            "- 再说 Bedrock",
            "- Writer AI负责人Dana Costa分享Writer的愿景",
        );
        let site = with_catalog(&text);
        let names = |kind| {
            site.entities_of(kind)
                .map(|(_, e)| e.name.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(EntityKind::Company), ["AWS", "Writer"]);
        let dana = site.entity_by_url("/speakers/dana-costa/").unwrap();
        assert_eq!(dana.org.as_deref(), Some("Writer"));
        assert_eq!(dana.role.as_deref(), Some("AI负责人"));
    }

    #[test]
    fn a_name_said_after_a_catalog_product_is_a_part_of_it() {
        let text = RECAP
            .replace(
                "- 再说 Bedrock",
                "- Bedrock Guardrails 上线，Bedrock Guardrails 很快",
            )
            .replace("- Bedrock 与 Writer", "- 集成 Bedrock PR 与 Bedrock Canvas");
        let site = with_catalog(&text);
        // Said once, `Bedrock Canvas` is not enough; `PR` is never a part.
        assert_eq!(
            product_names(&site),
            ["Amazon Bedrock", "Amazon Nova 2", "Bedrock Guardrails"]
        );
        let part = site.entity_by_url("/products/bedrock-guardrails/").unwrap();
        let whole = site.entity_by_url("/products/amazon-bedrock/").unwrap();
        assert_eq!(
            part.parent.map(|p| site.entities[p].name.as_str()),
            Some("Amazon Bedrock")
        );
        assert_eq!(whole.children.len(), 1);
    }

    /// `Bedrock Guardrails` is a part of the catalog's Amazon Bedrock even
    /// where `Bedrock` is never said on its own: the family is kept, with
    /// no mention, for its page to list its members.
    #[test]
    fn a_family_said_only_in_its_parts_names_is_kept() {
        let site = with_catalog(&RECAP.replace("Bedrock", "Bedrock Guardrails"));
        let part = site.entity_by_url("/products/bedrock-guardrails/").unwrap();
        assert!(part.mentions.len() > 2, "{}", part.mentions.len());
        let family = part.parent.map(|p| &site.entities[p]);
        assert_eq!(family.map(|e| e.name.as_str()), Some("Amazon Bedrock"));
        let family = family.unwrap();
        assert!(family.mentions.is_empty() && family.sessions.is_empty());
        assert_eq!(family.children.len(), 1);
        assert_eq!(
            site.entity_by_url(&family.url).map(|e| &e.name),
            Some(&family.name)
        );
        // An entity neither said nor a family of one said is still left out.
        assert_eq!(
            product_names(&site),
            ["Amazon Bedrock", "Amazon Nova 2", "Bedrock Guardrails"]
        );
    }

    fn product_names(site: &Site) -> Vec<&str> {
        site.entities_of(EntityKind::Product)
            .map(|(_, e)| e.name.as_str())
            .collect()
    }

    #[test]
    fn cross_links_can_be_turned_off() {
        let config = SiteConfig {
            cross_links: false,
            ..Default::default()
        };
        let site = site(config, Catalog::parse(CATALOG, "catalog.toml"), false);
        assert!(site.links.iter().all(|l| l.is_empty()));
        assert!(!site.entities.is_empty());
    }

    #[test]
    fn front_matter_speakers_win_over_prose() {
        let site = site(SiteConfig::default(), Catalog::default(), true);
        let names: Vec<&str> = site.sessions[0]
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, vec!["Front Matter"]);
    }

    /// `speakers: ["Andy Jassy (CEO, Amazon)"]` names Andy Jassy, as the
    /// same words in a recap's prose do.
    #[test]
    fn a_front_matter_speaker_with_role_and_company_in_brackets_is_read() {
        let text = "---\nspeakers: [\"Andy Jassy (CEO, Amazon)\", \"张伟（AWS 首席架构师）\", \"Ann Lee (Acme)\"]\n---\n# 题目\n\n## 时间线\n00:00 - Andy Jassy 开场\n";
        let site = with_catalog(text);
        let speakers: Vec<(&str, Option<&str>, Option<&str>)> = site.sessions[0]
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_deref(), s.org.as_deref()))
            .collect();
        assert_eq!(
            speakers,
            vec![
                ("Andy Jassy", Some("CEO"), Some("Amazon")),
                ("张伟", Some("首席架构师"), Some("AWS")),
                ("Ann Lee", None, Some("Acme")),
            ]
        );
        assert_eq!(site.info[0].speakers[0].url, "/speakers/andy-jassy/");
    }

    /// Speakers in front matter as objects, `title:` and `company:`: the
    /// title is the role, and a company the catalog does not know is a
    /// company of the site, as when the text introduces the speaker.
    #[test]
    fn a_front_matter_speakers_title_and_company_are_read() {
        let text = "---\nspeakers:\n  - name: 王芳\n    title: 平台负责人\n    company: 携程\n---\n# 题目\n\n## 时间线\n00:00 - 开场\n18:00 - 携程案例\n";
        let site = with_catalog(text);
        let sp = &site.sessions[0].speakers[0];
        assert_eq!(
            (sp.name.as_str(), sp.role.as_deref(), sp.org.as_deref()),
            ("王芳", Some("平台负责人"), Some("携程"))
        );
        let companies: Vec<&str> = site.info[0]
            .companies
            .iter()
            .map(|c| c.name.as_str())
            .collect();
        assert_eq!(companies, ["携程"]);
    }

    /// `Keynote 回顾 — Matt Garman 主题演讲`: Matt Garman gave the talk,
    /// first among its speakers, with the guest the text introduces; his
    /// name is no product.
    #[test]
    fn the_person_a_title_names_gave_the_talk() {
        let text = "# Keynote 回顾 — Matt Garman 主题演讲\n\n## 时间线\n00:00 - 开场\n- Adobe 首席技术官 Ely Greenfield 分享 Firefly\n";
        let site = with_catalog(text);
        let names: Vec<&str> = site.sessions[0]
            .speakers
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Matt Garman", "Ely Greenfield"]);
        assert!(!site.info[0]
            .products
            .iter()
            .any(|p| p.name.contains("Garman")));
    }

    #[test]
    fn a_broken_catalog_is_a_diagnostic_and_the_site_still_builds() {
        let catalog = Catalog::parse("[[product]\nname = 1", "content/catalog.toml");
        let site = site(SiteConfig::default(), catalog, false);
        assert!(site
            .diagnostics
            .iter()
            .any(|d| d.is_error() && d.file == "content/catalog.toml" && d.line == Some(1)));
        assert_eq!(site.sessions.len(), 1);
    }

    #[test]
    fn session_links_are_found_by_place_in_text_order() {
        let link = |start: usize| Link {
            start,
            end: start + 1,
            url: "/u/".into(),
            title: "T".into(),
        };
        let entry = |entry: usize| TextKey::Entry { session: 3, entry };
        let overview = TextKey::Overview {
            session: 3,
            paragraph: 0,
        };
        let links = SessionLinks::new(vec![
            (entry(2), link(5)),
            (overview, link(1)),
            (entry(2), link(9)),
            (entry(0), link(4)),
        ]);
        let starts = |key| links.at(key).iter().map(|l| l.start).collect::<Vec<_>>();
        assert_eq!(starts(entry(2)), [5, 9]);
        assert_eq!(starts(overview), [1]);
        assert_eq!(starts(entry(0)), [4]);
        assert!(starts(entry(1)).is_empty());
        assert_eq!(links.iter().count(), 3);
    }
}
