//! The enrichment part of `data/site.json`: `products[]`, `companies[]`,
//! `speakers[]`, `topics[]`, `announcements[]` and `numbers[]`, flattened
//! into the top level of the export (see DESIGN.md, "The data export
//! contract"). Entities refer to each other and to sessions by slug.

use super::entities::deep_link;
use crate::enrich::{Announcement, Entity, EntityKind, MentionRole, Site};
use serde::Serialize;

#[derive(Serialize)]
pub struct Export<'a> {
    pub products: Vec<EntityData<'a>>,
    pub companies: Vec<EntityData<'a>>,
    pub speakers: Vec<EntityData<'a>>,
    pub topics: Vec<EntityData<'a>>,
    pub announcements: Vec<AnnouncementData<'a>>,
    pub numbers: Vec<NumberData<'a>>,
}

#[derive(Serialize)]
pub struct EntityData<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub aliases: &'a [String],
    /// Root-relative page URL.
    pub url: &'a str,
    /// False for names found by discovery (and for speakers and footer
    /// themes, which no catalog lists).
    pub catalogued: bool,
    /// The catalog `kind`: `service`, `model`, `customer`…
    pub category: Option<&'a str>,
    pub description: Option<&'a str>,
    pub homepage: Option<&'a str>,
    /// Slugs of related entities of the same kind (products only).
    pub parent: Option<&'a str>,
    pub children: Vec<&'a str>,
    /// Products: the maker's slug. Speakers: their company's slug.
    pub company: Option<&'a str>,
    /// Speakers: role and organisation as written.
    pub role: Option<&'a str>,
    pub org: Option<&'a str>,
    /// `launched`, `announced` or `preview` when a session did so.
    pub launch: Option<MentionRole>,
    /// Slugs of the sessions that mention it.
    pub sessions: Vec<&'a str>,
    pub mentions: Vec<MentionData<'a>>,
}

#[derive(Serialize)]
pub struct MentionData<'a> {
    /// The session's slug.
    pub session: &'a str,
    pub anchor: Option<&'a str>,
    pub excerpt: &'a str,
    pub role: MentionRole,
    /// `/sessions/<slug>/#<anchor>`.
    pub url: String,
    pub line: usize,
}

#[derive(Serialize)]
pub struct AnnouncementData<'a> {
    pub session: &'a str,
    /// The product's slug and name.
    pub product: &'a str,
    pub product_name: &'a str,
    pub role: MentionRole,
    pub verb: &'a str,
    pub excerpt: &'a str,
    pub anchor: Option<&'a str>,
    pub url: String,
}

#[derive(Serialize)]
pub struct NumberData<'a> {
    pub session: &'a str,
    /// As written: `1320亿美元`.
    pub text: &'a str,
    pub value: f64,
    pub unit: &'a str,
    pub magnitude: &'a str,
    /// `value` times the magnitude.
    pub scaled: f64,
    /// `percent`, `money`, `multiple`, `change`, `count`, `measure`.
    pub kind: &'a str,
    /// For changes, the figure before.
    pub from: Option<&'a str>,
    pub excerpt: &'a str,
    pub anchor: Option<&'a str>,
    pub url: String,
}

pub fn export(site: &Site) -> Export<'_> {
    let of = |kind| {
        site.entities_of(kind)
            .map(|(_, e)| entity_data(site, e))
            .collect()
    };
    Export {
        products: of(EntityKind::Product),
        companies: of(EntityKind::Company),
        speakers: of(EntityKind::Speaker),
        topics: of(EntityKind::Topic),
        announcements: site
            .announcements
            .iter()
            .map(|a| announcement_data(site, a))
            .collect(),
        numbers: (0..site.info.len())
            .flat_map(|i| numbers_data(site, i))
            .collect(),
    }
}

pub fn announcement_data<'a>(site: &'a Site, a: &'a Announcement) -> AnnouncementData<'a> {
    let s = &site.sessions[a.session];
    let p = &site.entities[a.entity];
    AnnouncementData {
        session: &s.slug,
        product: &p.slug,
        product_name: &p.name,
        role: a.role,
        verb: &a.verb,
        excerpt: &a.excerpt,
        anchor: a.anchor.as_deref(),
        url: deep_link(s, a.anchor.as_deref()),
    }
}

/// `known`, a figure's unit or magnitude as recap knows it (in simplified
/// characters: `亿`), as the figure's `text` writes it (`億` in `3 億美元`).
fn as_in<'a>(known: &'a str, text: &'a str) -> &'a str {
    if known.is_ascii() || text.contains(known) {
        return known;
    }
    // A character and its simplified form are as long in UTF-8.
    crate::parse::simplified(text)
        .find(known)
        .and_then(|at| text.get(at..at + known.len()))
        .unwrap_or(known)
}

/// The key figures of session `i`, in the order they were said.
pub fn numbers_data(site: &Site, i: usize) -> impl Iterator<Item = NumberData<'_>> {
    let s = &site.sessions[i];
    site.info[i].numbers.iter().map(move |n| NumberData {
        session: &s.slug,
        text: &n.text,
        value: n.value,
        unit: as_in(n.unit, &n.text),
        magnitude: as_in(n.magnitude, &n.text),
        scaled: n.scaled,
        kind: n.kind,
        from: n.from.as_deref(),
        excerpt: &n.excerpt,
        anchor: n.anchor.as_deref(),
        url: deep_link(s, n.anchor.as_deref()),
    })
}

pub fn entity_data<'a>(site: &'a Site, e: &'a Entity) -> EntityData<'a> {
    let slug = |i: usize| site.entities.get(i).map(|x| x.slug.as_str());
    EntityData {
        slug: &e.slug,
        name: &e.name,
        aliases: &e.aliases,
        url: &e.url,
        catalogued: e.catalogued,
        category: e.category.as_deref(),
        description: e.description.as_deref(),
        homepage: e.homepage.as_deref(),
        parent: e.parent.and_then(slug),
        children: e.children.iter().filter_map(|&c| slug(c)).collect(),
        company: e.company.and_then(slug),
        role: e.role.as_deref(),
        org: e.org.as_deref(),
        launch: e.launch,
        sessions: e
            .sessions
            .iter()
            .map(|&s| site.sessions[s].slug.as_str())
            .collect(),
        mentions: e
            .mentions
            .iter()
            .map(|m| {
                let s = &site.sessions[m.session as usize];
                MentionData {
                    session: &s.slug,
                    anchor: m.anchor.as_deref(),
                    excerpt: &m.excerpt,
                    role: m.role,
                    url: deep_link(s, m.anchor.as_deref()),
                    line: m.line as usize,
                }
            })
            .collect(),
    }
}
