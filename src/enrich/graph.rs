//! The entity table: catalog entries, discovered names, speakers and
//! topics, each with its slug, URL and the spellings that find it.

use super::catalog::Catalog;
use super::discover::Discovered;
use super::matcher::{normalize, Matcher, Pattern};
use super::types::{Entity, EntityKind};
use crate::model::SpeakerRef;
use crate::parse::simplified;
use arcstr::ArcStr;
use std::collections::{BTreeMap, HashMap, HashSet};

#[derive(Debug, Default, Clone)]
pub struct Table {
    pub entities: Vec<Entity>,
    /// Names and aliases of products and companies, for the main matcher.
    pub patterns: Vec<Pattern>,
    /// Catalog topic keywords (target: topic entity).
    pub topic_patterns: Vec<Pattern>,
    /// Normalised footer theme → topic entity.
    pub footer_topics: HashMap<String, usize>,
    /// Normalised speaker name → speaker entity.
    pub speakers: HashMap<String, usize>,
    /// Per entity: its page and name, shared by every link to it. Made by
    /// [`Table::seal`] once no more entities are added.
    pub link_targets: Vec<(ArcStr, ArcStr)>,
    /// Per company: its name and aliases normalised ([`normalize`]), to
    /// tell `MiniMax M2` names MiniMax too; empty for other entities. Made
    /// by [`Table::seal`].
    pub company_names: Vec<Vec<String>>,
    by_name: HashMap<(EntityKind, String), usize>,
    slugs: HashSet<(EntityKind, String)>,
}

/// `Tomás Álvarez` → `Tomas Alvarez`, so the slug reads `tomas-alvarez`.
fn strip_accents(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkd()
        .filter(|c| !('\u{300}'..='\u{36F}').contains(c))
        .collect()
}

pub fn new_entity(kind: EntityKind, slug: String, name: &str) -> Entity {
    Entity {
        kind,
        url: format!("/{}/{slug}/", kind.section()),
        slug,
        name: name.to_string(),
        aliases: Vec::new(),
        category: None,
        description: None,
        homepage: None,
        catalogued: false,
        parent: None,
        children: Vec::new(),
        company: None,
        products: Vec::new(),
        role: None,
        org: None,
        sessions: Vec::new(),
        mentions: Vec::new(),
        launch: None,
        co_products: Vec::new(),
        co_companies: Vec::new(),
    }
}

impl Table {
    /// Call once every entity is in.
    pub fn seal(&mut self) {
        self.link_targets = self
            .entities
            .iter()
            .map(|e| (ArcStr::from(e.url.as_str()), ArcStr::from(e.name.as_str())))
            .collect();
        self.company_names = self
            .entities
            .iter()
            .map(|e| match e.kind {
                EntityKind::Company => std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| normalize(n))
                    .collect(),
                _ => Vec::new(),
            })
            .collect();
    }

    /// Products and companies of the catalog, with their families and
    /// makers, and the `[curation.merge]` spellings as extra aliases.
    pub fn from_catalog(catalog: &Catalog) -> Table {
        let mut t = Table::default();
        for (kind, list) in [
            (EntityKind::Product, &catalog.products),
            (EntityKind::Company, &catalog.companies),
        ] {
            for c in list {
                let id = t.add(kind, Some(c.slug.clone()), &c.name);
                let e = &mut t.entities[id];
                e.aliases = c.aliases.clone();
                e.category = Some(c.kind.clone()).filter(|k| !k.is_empty());
                e.description = Some(c.description.clone()).filter(|d| !d.is_empty());
                e.homepage = c.homepage.clone();
                e.catalogued = true;
            }
        }
        for c in &catalog.products {
            let id = t.by_name[&(EntityKind::Product, c.name.clone())];
            if let Some(p) = c
                .parent
                .as_ref()
                .and_then(|p| t.find(EntityKind::Product, p))
            {
                t.entities[id].parent = Some(p);
                t.entities[p].children.push(id);
            }
            if let Some(co) = c
                .company
                .as_ref()
                .and_then(|co| t.find(EntityKind::Company, co))
            {
                t.entities[id].company = Some(co);
                t.entities[co].products.push(id);
            }
        }
        for (seen, target) in &catalog.curation.merge {
            let id = t
                .find(EntityKind::Product, target)
                .or_else(|| t.find(EntityKind::Company, target));
            if let Some(id) = id {
                t.entities[id].aliases.push(seen.clone());
            }
        }
        t.rebuild_patterns();
        for (i, rule) in catalog.topics.iter().enumerate() {
            let id = t.add(EntityKind::Topic, Some(rule.slug.clone()), &rule.name);
            let e = &mut t.entities[id];
            e.catalogued = true;
            e.description = Some(rule.description.clone()).filter(|d| !d.is_empty());
            e.aliases = rule.keywords.clone();
            let _ = i;
            for k in &rule.keywords {
                t.topic_patterns.push(Pattern::auto(id, k));
            }
        }
        t
    }

    pub fn find(&self, kind: EntityKind, name: &str) -> Option<usize> {
        self.by_name.get(&(kind, name.to_string())).copied()
    }

    /// Add an entity with a unique slug (`-2`, `-3`… on collisions).
    pub fn add(&mut self, kind: EntityKind, slug: Option<String>, name: &str) -> usize {
        let base = slug.unwrap_or_else(|| crate::parse::slugify(&strip_accents(name)));
        let base = if base.is_empty() {
            "entity".to_string()
        } else {
            base
        };
        let mut slug = base.clone();
        let mut n = 2;
        while self.slugs.contains(&(kind, slug.clone())) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        self.slugs.insert((kind, slug.clone()));
        let id = self.entities.len();
        self.entities.push(new_entity(kind, slug, name));
        self.by_name.insert((kind, name.to_string()), id);
        id
    }

    /// Discovered products and companies, unless the catalog already has
    /// the name.
    pub fn add_discovered(&mut self, found: &[Discovered]) {
        let known: HashSet<String> = self.patterns.iter().map(|p| normalize(&p.text)).collect();
        for d in found {
            if known.contains(&normalize(&d.name)) {
                continue;
            }
            let id = self.add(d.kind, None, &d.name);
            self.entities[id].aliases = d
                .aliases
                .iter()
                .filter(|a| !known.contains(&normalize(a)))
                .cloned()
                .collect();
        }
        for d in found {
            let (Some(m), Some(id)) = (&d.maker, self.find(d.kind, &d.name)) else {
                continue;
            };
            if let Some(c) = self.find(EntityKind::Company, m) {
                self.entities[id].company = Some(c);
                self.entities[c].products.push(id);
            }
        }
        for d in found {
            let (Some(p), Some(id)) = (&d.parent, self.find(d.kind, &d.name)) else {
                continue;
            };
            if let Some(p) = self.find(EntityKind::Product, p).filter(|&p| p != id) {
                self.entities[id].parent = Some(p);
                self.entities[p].children.push(id);
                // A part is made by whoever makes the whole.
                if let (None, Some(c)) = (self.entities[id].company, self.entities[p].company) {
                    self.entities[id].company = Some(c);
                    self.entities[c].products.push(id);
                }
            }
        }
        self.rebuild_patterns();
    }

    fn rebuild_patterns(&mut self) {
        self.patterns = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| matches!(e.kind, EntityKind::Product | EntityKind::Company))
            .flat_map(|(i, e)| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(move |n| Pattern::auto(i, n))
            })
            .collect();
    }

    /// One speaker entity per distinct name over all sessions; the first
    /// role and organisation seen describe them.
    pub fn add_speakers(&mut self, per_session: &[Vec<SpeakerRef>]) {
        for list in per_session {
            for s in list {
                let key = normalize(&s.name);
                if let Some(&id) = self.speakers.get(&key) {
                    let e = &mut self.entities[id];
                    e.role = e.role.take().or_else(|| s.role.clone());
                    e.org = e.org.take().or_else(|| s.org.clone());
                    continue;
                }
                let id = self.add(EntityKind::Speaker, None, &s.name);
                let e = &mut self.entities[id];
                e.role = s.role.clone();
                e.org = s.org.clone();
                self.speakers.insert(key, id);
            }
        }
        // Link speakers to the company they work for.
        let companies: Vec<(String, usize)> = self
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == EntityKind::Company)
            .flat_map(|(i, e)| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(move |n| (normalize(n), i))
            })
            .collect();
        let companies: HashMap<String, usize> = companies.into_iter().collect();
        for e in self
            .entities
            .iter_mut()
            .filter(|e| e.kind == EntityKind::Speaker)
        {
            e.company = e
                .org
                .as_ref()
                .and_then(|o| companies.get(&normalize(o)).copied());
        }
    }

    /// Footer themes (`核心主题`) that no catalog topic keyword covers
    /// become topics of their own.
    pub fn add_footer_topics(&mut self, themes: &[&str], topic_matcher: &Matcher) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for t in themes {
            let key = normalize(t.trim());
            if !key.is_empty() && topic_matcher.find_all(&simplified(t)).is_empty() {
                seen.entry(key).or_insert(t.trim());
            }
        }
        for (key, name) in seen {
            let id = self.add(EntityKind::Topic, None, name);
            self.footer_topics.insert(key, id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_unique_and_readable() {
        let mut t = Table::default();
        let a = t.add(EntityKind::Speaker, None, "Tomás Álvarez");
        let b = t.add(EntityKind::Speaker, None, "Tomas Alvarez");
        let c = t.add(EntityKind::Company, None, "字节跳动");
        let d = t.add(EntityKind::Product, None, "Tomas Alvarez");
        assert_eq!(t.entities[a].slug, "tomas-alvarez");
        assert_eq!(t.entities[b].slug, "tomas-alvarez-2");
        assert_eq!(t.entities[c].url, "/companies/zi-jie-tiao-dong/");
        assert_eq!(t.entities[d].slug, "tomas-alvarez");
    }
}
