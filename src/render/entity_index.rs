//! Site-wide lookups the entity pages share, made once per render.
//!
//! Without them each of tens of thousands of entity pages scanned every
//! announcement of the site for its own, and each mention every timeline
//! entry of its session for its time: fine for a conference, minutes for
//! a recap with thousands of launches or entries.

use crate::enrich::{Announcement, Site};
use crate::model::Seconds;
use std::collections::HashMap;
use std::sync::OnceLock;

/// A session with more entries than this gets a table of its anchors the
/// first time a mention in it is shown; below it, a scan is cheaper.
const SCAN_ENTRIES: usize = 32;

pub struct EntityIndex<'a> {
    site: &'a Site,
    /// Per entity, its announcements' indices in `site.announcements`, in
    /// site order.
    announcements: Vec<Vec<u32>>,
    /// Per session, the start of each timeline anchor (the first entry
    /// with it), made on first use.
    starts: Vec<OnceLock<HashMap<&'a str, Option<Seconds>>>>,
}

impl<'a> EntityIndex<'a> {
    pub fn new(site: &'a Site) -> EntityIndex<'a> {
        let mut announcements = vec![Vec::new(); site.entities.len()];
        for (i, a) in site.announcements.iter().enumerate() {
            if let Some(list) = announcements.get_mut(a.entity) {
                list.push(i as u32);
            }
        }
        EntityIndex {
            site,
            announcements,
            starts: (0..site.sessions.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The announcements of entity `entity`, in site order.
    pub fn announcements_of(&self, entity: usize) -> impl Iterator<Item = &'a Announcement> + '_ {
        self.announcements
            .get(entity)
            .into_iter()
            .flatten()
            .map(|&i| &self.site.announcements[i as usize])
    }

    /// When the entry anchored `anchor` in session `session` starts.
    pub fn start_of(&self, session: usize, anchor: &str) -> Option<Seconds> {
        let s = &self.site.sessions[session];
        let entries: usize = s.timeline.iter().map(|section| section.entries.len()).sum();
        if entries <= SCAN_ENTRIES {
            return s
                .entries()
                .find(|e| e.anchor == anchor)
                .and_then(|e| e.start);
        }
        let starts = self.starts[session].get_or_init(|| {
            let mut starts = HashMap::with_capacity(entries);
            for e in s.entries() {
                starts.entry(e.anchor.as_str()).or_insert(e.start);
            }
            starts
        });
        starts.get(anchor).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::enrich::{enrich, Catalog};
    use crate::parse::{recap::parse_recap, Corpus};

    const CATALOG: &str = "[[product]]\nname = \"Amazon Bedrock\"\nkind = \"service\"\ndescription = \"d\"\n\n[[product]]\nname = \"Amazon Nova\"\nkind = \"model\"\ndescription = \"d\"\n";

    /// Sessions `a`, `b`, … with `entries` entries each, launching
    /// Bedrock in every entry and Nova in the last session's first.
    fn site(sessions: usize, entries: usize) -> Site {
        let sessions = (0..sessions)
            .map(|n| {
                let mut text = format!("# 大会：第{n}场\n\n## 时间线\n");
                for i in 0..entries {
                    let nova = if n + 1 == sessions && i == 0 {
                        "，预告 Amazon Nova"
                    } else {
                        ""
                    };
                    text += &format!(
                        "{:02}:{:02} - 第{i}条，发布 Amazon Bedrock{nova}\n",
                        i / 60,
                        i % 60
                    );
                }
                let mut s = parse_recap(&format!("{n}.txt"), &text).session;
                s.slug = format!("s{n}");
                s
            })
            .collect();
        let corpus = Corpus {
            sessions,
            ..Default::default()
        };
        enrich(
            corpus,
            Catalog::parse(CATALOG, "catalog.toml"),
            SiteConfig::default(),
        )
    }

    #[test]
    fn anchors_find_their_start_in_short_and_long_timelines() {
        for entries in [3, SCAN_ENTRIES * 4] {
            let site = site(1, entries);
            let index = EntityIndex::new(&site);
            let all: Vec<_> = site.sessions[0].entries().collect();
            assert_eq!(all.len(), entries);
            for e in all {
                assert_eq!(index.start_of(0, &e.anchor), e.start, "{}", e.anchor);
            }
            assert_eq!(index.start_of(0, "t-no-such-anchor"), None);
        }
    }

    #[test]
    fn each_entity_has_its_own_announcements_in_site_order() {
        let site = site(3, 2);
        let index = EntityIndex::new(&site);
        let of = |name: &str| {
            let i = site.entities.iter().position(|e| e.name == name).unwrap();
            let got: Vec<(usize, usize)> = index
                .announcements_of(i)
                .map(|a| (a.session, a.line))
                .collect();
            let expected: Vec<(usize, usize)> = site
                .announcements
                .iter()
                .filter(|a| a.entity == i)
                .map(|a| (a.session, a.line))
                .collect();
            assert_eq!(got, expected, "{name}");
            got
        };
        assert_eq!(
            of("Amazon Bedrock").iter().map(|a| a.0).collect::<Vec<_>>(),
            [0, 1, 2]
        );
        assert_eq!(of("Amazon Nova").len(), 1);
        assert_eq!(index.announcements_of(site.entities.len() + 1).count(), 0);
    }
}
