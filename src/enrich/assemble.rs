//! The deterministic merge after the parallel scans: mentions into
//! entities, per-session lists, co-mentions, related sessions, and a final
//! table with only the entities something mentions, ordered by kind and
//! name. What the merge counted is kept in [`Memory`], so that
//! [`super::patch`] can redo one session's share of it.

use super::graph::Table;
use super::related;
use super::scan::SessionScan;
use super::types::{Announcement, Entity, EntityKind, MentionRole};
use super::{EntityRef, SessionInfo};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Stories with more names than this add no co-mentions (a list of fifty
/// partners says little about any two of them) and would cost k².
pub const MAX_STORY: usize = 40;
/// Co-mentioned products and companies kept per entity.
const MAX_CO: usize = 12;

pub struct Assembled {
    pub entities: Vec<Entity>,
    pub info: Vec<SessionInfo>,
    pub announcements: Vec<Announcement>,
}

/// What the merge counted, by table index (before compaction), so one
/// session's share can be taken out and put back.
#[derive(Debug, Default, Clone)]
pub struct Memory {
    /// Entity → co-mentioned entity → number of stories naming both.
    pub co: CoCounts,
    /// Per session: its stories (the co-mention input).
    pub stories: Vec<Vec<Vec<usize>>>,
    /// Per session: (entity, weight) for related sessions.
    pub weights: Vec<Vec<(usize, f64)>>,
    /// Entity → sessions naming it, for related sessions.
    pub postings: related::Postings,
    /// Table index → index in `Site::entities`.
    pub remap: Vec<Option<usize>>,
}

/// The links each session's text gets, per session.
pub type Links = Vec<Vec<(super::TextKey, super::Link)>>;

/// The merge, one session's scan at a time, in session order: a build adds
/// one batch of scans while the next batch is scanned.
pub struct Assembler<'a> {
    speakers: &'a [Vec<usize>],
    entities: Vec<Entity>,
    memory: Memory,
    infos: Vec<SessionInfo>,
    announcements: Vec<Announcement>,
    links: Links,
}

impl<'a> Assembler<'a> {
    /// `speakers` are each session's speaker entities.
    pub fn new(table: &Table, speakers: &'a [Vec<usize>]) -> Assembler<'a> {
        let n = speakers.len();
        Assembler {
            speakers,
            entities: table.entities.clone(),
            memory: Memory::default(),
            infos: Vec::with_capacity(n),
            announcements: Vec::new(),
            links: Vec::with_capacity(n),
        }
    }

    /// Add the scan of the next session.
    pub fn add(&mut self, mut scan: SessionScan) {
        let si = self.infos.len();
        let entities = &mut self.entities;
        for (e, m) in std::mem::take(&mut scan.mentions) {
            let ent = &mut entities[e];
            if ent.sessions.last() != Some(&si) {
                ent.sessions.push(si);
            }
            if m.role.is_launch() {
                ent.launch = stronger(ent.launch, Some(m.role));
            }
            ent.mentions.push(m);
        }
        for &sp in &self.speakers[si] {
            let ent = &mut entities[sp];
            if !ent.sessions.contains(&si) {
                ent.sessions.push(si);
                ent.sessions.sort_unstable();
            }
        }
        let memory = &mut self.memory;
        count_co(&mut memory.co, &scan.stories, 1);
        let (info, weights) = session_info(entities, &mut scan, &self.speakers[si]);
        self.infos.push(info);
        memory.weights.push(weights);
        memory.stories.push(std::mem::take(&mut scan.stories));
        self.announcements
            .extend(dedup_announcements(std::mem::take(&mut scan.announcements)));
        self.links.push(scan.links);
    }

    /// Related sessions, co-mentions and the final table, once every
    /// session is in.
    pub fn finish(self) -> (Assembled, Links, Memory) {
        let Assembler {
            mut entities,
            mut memory,
            mut infos,
            mut announcements,
            links,
            ..
        } = self;
        memory.postings = related::postings(&memory.weights);
        for (s, r) in related::related(&memory.weights, &memory.postings)
            .into_iter()
            .enumerate()
        {
            infos[s].related = r;
        }
        let lists: Vec<(usize, (Vec<_>, Vec<_>))> = memory
            .co
            .keys()
            .map(|&a| (a, co_lists(&memory.co, a, |i| &entities[i])))
            .collect();
        for (a, (products, companies)) in lists {
            entities[a].co_products = products;
            entities[a].co_companies = companies;
        }
        for e in &mut entities {
            e.mentions.shrink_to_fit();
            e.sessions.shrink_to_fit();
        }
        let (entities, remap) = compact(entities);
        for a in &mut announcements {
            a.entity = remap[a.entity].expect("announced entities are mentioned");
        }
        announcements.sort_by(|a, b| {
            a.session
                .cmp(&b.session)
                .then(a.line.cmp(&b.line))
                .then(a.entity.cmp(&b.entity))
        });
        memory.remap = remap;
        (
            Assembled {
                entities,
                info: infos,
                announcements,
            },
            links,
            memory,
        )
    }
}

/// Add (`sign` 1) or take out (`sign` -1) the co-mentions of `stories`.
pub fn count_co(co: &mut CoCounts, stories: &[Vec<usize>], sign: i8) {
    for story in stories.iter().filter(|s| s.len() <= MAX_STORY) {
        for &a in story {
            for &b in story.iter().filter(|&&b| b != a) {
                let row = co.entry(a).or_default();
                let c = row.entry(b).or_default();
                if sign > 0 {
                    *c += 1;
                } else {
                    *c -= 1;
                    if *c == 0 {
                        row.remove(&b);
                    }
                }
            }
        }
    }
    co.retain(|_, row| !row.is_empty());
}

/// Entity → entity → the number of stories naming both. Only ever looked
/// up, never listed in map order, so the hash need not resist collisions:
/// with std's, counting was a fifth of assembling the model.
pub type CoCounts = FxHashMap<usize, FxHashMap<usize, usize>>;

/// (entity, number of shared stories), best first.
pub type CoList = Vec<(usize, usize)>;

/// Co-mentioned products and companies of entity `a` (table indexes):
/// most shared first, then by name. `entity` looks a table index up.
pub fn co_lists<'a>(
    co: &CoCounts,
    a: usize,
    entity: impl Fn(usize) -> &'a Entity,
) -> (CoList, CoList) {
    let mut list: Vec<(usize, usize)> = co
        .get(&a)
        .map(|row| row.iter().map(|(&b, &c)| (b, c)).collect())
        .unwrap_or_default();
    list.sort_by(|x, y| {
        y.1.cmp(&x.1)
            .then_with(|| cmp_name(entity(x.0), entity(y.0)))
    });
    let (products, companies): (Vec<_>, Vec<_>) = list
        .into_iter()
        .partition(|(b, _)| entity(*b).kind == EntityKind::Product);
    let top = |l: Vec<(usize, usize)>| l.iter().take(MAX_CO).copied().collect();
    (top(products), top(companies))
}

/// A session's info page lists and its related-session weights, from its
/// scan (`numbers` are moved out of it). `entities` are in table order.
pub fn session_info(
    entities: &[Entity],
    scan: &mut SessionScan,
    speakers: &[usize],
) -> (SessionInfo, Vec<(usize, f64)>) {
    let refs = |kind: EntityKind| -> Vec<EntityRef> {
        let mut v: Vec<(usize, usize)> = scan
            .counts
            .iter()
            .filter(|(e, _)| entities[**e].kind == kind)
            .map(|(e, c)| (*e, *c))
            .collect();
        v.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| cmp_name(&entities[a.0], &entities[b.0]))
        });
        v.into_iter()
            .map(|(e, c)| entity_ref(&entities[e], c))
            .collect()
    };
    let speaker_refs = speakers
        .iter()
        .map(|&sp| entity_ref(&entities[sp], scan.counts.get(&sp).copied().unwrap_or(0)))
        .collect();
    let info = SessionInfo {
        products: refs(EntityKind::Product),
        companies: refs(EntityKind::Company),
        topics: refs(EntityKind::Topic),
        speakers: speaker_refs,
        related: Vec::new(),
        numbers: {
            let mut numbers = std::mem::take(&mut scan.numbers);
            numbers.shrink_to_fit();
            numbers
        },
    };
    let weights: Vec<(usize, f64)> = scan
        .counts
        .keys()
        .chain(speakers.iter())
        .map(|&e| {
            let w = match entities[e].kind {
                EntityKind::Speaker => 1.5,
                EntityKind::Topic => 0.5,
                _ => 1.0,
            };
            (e, w)
        })
        .collect();
    (info, weights)
}

/// The launch role an entity's page shows: the strongest of its mentions.
pub fn launch_of(mentions: &[super::Mention]) -> Option<MentionRole> {
    mentions
        .iter()
        .filter(|m| m.role.is_launch())
        .fold(None, |launch, m| stronger(launch, Some(m.role)))
}

/// The stronger of two launch roles (`Launched`, then `Announced`, then
/// `Preview`), where there is one.
pub fn stronger(a: Option<MentionRole>, b: Option<MentionRole>) -> Option<MentionRole> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if rank(x) <= rank(y) { x } else { y }),
        (x, None) => x,
        (None, y) => y,
    }
}

fn rank(r: MentionRole) -> u8 {
    match r {
        MentionRole::Launched => 0,
        MentionRole::Announced => 1,
        MentionRole::Preview => 2,
        _ => 3,
    }
}

/// One announcement per product and session: the first one that points
/// into the timeline, else the first.
pub fn dedup_announcements(list: Vec<Announcement>) -> Vec<Announcement> {
    let mut best: BTreeMap<usize, Announcement> = BTreeMap::new();
    for a in list {
        match best.get(&a.entity) {
            Some(b) if b.anchor.is_some() || a.anchor.is_none() => {}
            _ => {
                best.insert(a.entity, a);
            }
        }
    }
    best.into_values().collect()
}

fn cmp_name(a: &Entity, b: &Entity) -> std::cmp::Ordering {
    lowercase_cmp(&a.name, &b.name).then(a.slug.cmp(&b.slug))
}

/// `a.to_lowercase().cmp(&b.to_lowercase())` without making the two
/// strings: sorting entities compares names millions of times. Only a
/// capital sigma lowers differently inside a string (`ς` at the end of a
/// word), so names with one take the long way.
fn lowercase_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    if a.is_ascii() && b.is_ascii() {
        return a
            .bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()));
    }
    if a.contains('Σ') || b.contains('Σ') {
        return a.to_lowercase().cmp(&b.to_lowercase());
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .cmp(b.chars().flat_map(char::to_lowercase))
}

fn entity_ref(e: &Entity, count: usize) -> EntityRef {
    EntityRef {
        name: e.name.clone(),
        url: e.url.clone(),
        count,
    }
}

/// Keep entities with at least one session, and the families of those
/// (a family whose name is only ever said as part of its members', like
/// `AgentCore` in `AgentCore Gateway`, still has a page listing them),
/// order them by kind and name, and rewrite every index. Returns the old →
/// new map.
fn compact(entities: Vec<Entity>) -> (Vec<Entity>, Vec<Option<usize>>) {
    let mut keep: Vec<bool> = entities.iter().map(|e| !e.sessions.is_empty()).collect();
    for i in 0..entities.len() {
        if !entities[i].sessions.is_empty() {
            // Parent chains end (the catalog refuses loops); the bound is
            // for safety only.
            let mut up = entities[i].parent;
            for _ in 0..entities.len() {
                let Some(p) = up.filter(|&p| !keep[p]) else {
                    break;
                };
                keep[p] = true;
                up = entities[p].parent;
            }
        }
    }
    let mut order: Vec<usize> = (0..entities.len()).filter(|&i| keep[i]).collect();
    order.sort_by(|&a, &b| {
        entities[a]
            .kind
            .cmp(&entities[b].kind)
            .then_with(|| cmp_name(&entities[a], &entities[b]))
    });
    let mut remap = vec![None; entities.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = Some(new);
    }
    let mut slots: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let mut out: Vec<Entity> = order
        .iter()
        .map(|&i| slots[i].take().expect("each once"))
        .collect();
    let map = |i: &usize| remap[*i];
    for e in &mut out {
        e.parent = e.parent.as_ref().and_then(map);
        e.company = e.company.as_ref().and_then(map);
        e.children = e.children.iter().filter_map(map).collect();
        e.products = e.products.iter().filter_map(map).collect();
        e.co_products = e
            .co_products
            .iter()
            .filter_map(|(i, c)| remap[*i].map(|j| (j, *c)))
            .collect();
        e.co_companies = e
            .co_companies
            .iter()
            .filter_map(|(i, c)| remap[*i].map(|j| (j, *c)))
            .collect();
        e.children.sort_unstable();
        e.products.sort_unstable();
    }
    (out, remap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stronger_launch_wins_whichever_side_it_is_on() {
        use MentionRole::*;
        assert_eq!(stronger(Some(Preview), Some(Launched)), Some(Launched));
        assert_eq!(stronger(Some(Announced), Some(Preview)), Some(Announced));
        assert_eq!(stronger(None, Some(Preview)), Some(Preview));
        assert_eq!(stronger(Some(Announced), None), Some(Announced));
        assert_eq!(stronger(None, None), None);
    }

    #[test]
    fn names_compare_as_their_lowercase_forms() {
        let names = [
            "Amazon S3",
            "amazon s3",
            "AMAZON S3X",
            "Kiro",
            "kiro",
            "İstanbul",
            "ΣΟΦΙΑ",
            "σοφια",
            "ΌΣΟΣ",
            "亚马逊",
            "Ａｍａｚｏｎ",
            "ǅemal",
            "",
            "Straße",
            "STRASSE",
        ];
        for a in names {
            for b in names {
                let want = a.to_lowercase().cmp(&b.to_lowercase());
                assert_eq!(lowercase_cmp(a, b), want, "{a} {b}");
            }
        }
    }
}
