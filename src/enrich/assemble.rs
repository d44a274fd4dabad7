//! The deterministic merge after the parallel scans: mentions into
//! entities, per-session lists, co-mentions, related sessions, and a final
//! table with only the entities something mentions, ordered by kind and
//! name.

use super::graph::Table;
use super::related;
use super::scan::SessionScan;
use super::types::{Announcement, Entity, EntityKind, MentionRole};
use super::{EntityRef, SessionInfo};
use std::collections::{BTreeMap, HashMap};

/// Stories with more names than this add no co-mentions (a list of fifty
/// partners says little about any two of them) and would cost k².
const MAX_STORY: usize = 40;
/// Co-mentioned products and companies kept per entity.
const MAX_CO: usize = 12;

pub struct Assembled {
    pub entities: Vec<Entity>,
    pub info: Vec<SessionInfo>,
    pub announcements: Vec<Announcement>,
}

pub fn assemble(
    mut table: Table,
    scans: Vec<SessionScan>,
    speakers: &[Vec<usize>],
) -> (Assembled, Vec<Vec<(super::TextKey, super::Link)>>) {
    let n = scans.len();
    let mut co: HashMap<(usize, usize), usize> = HashMap::new();
    let mut infos = Vec::with_capacity(n);
    let mut announcements = Vec::new();
    let mut links = Vec::with_capacity(n);
    let mut per_session_entities: Vec<Vec<(usize, f64)>> = Vec::with_capacity(n);
    for (si, scan) in scans.into_iter().enumerate() {
        for (e, m) in scan.mentions {
            let ent = &mut table.entities[e];
            if ent.sessions.last() != Some(&si) {
                ent.sessions.push(si);
            }
            if m.role.is_launch() {
                ent.launch = Some(match ent.launch {
                    Some(r) if rank(r) <= rank(m.role) => r,
                    _ => m.role,
                });
            }
            ent.mentions.push(m);
        }
        for &sp in &speakers[si] {
            let ent = &mut table.entities[sp];
            if !ent.sessions.contains(&si) {
                ent.sessions.push(si);
                ent.sessions.sort_unstable();
            }
        }
        for story in &scan.stories {
            if story.len() > MAX_STORY {
                continue;
            }
            for &a in story {
                for &b in story {
                    if a != b {
                        *co.entry((a, b)).or_default() += 1;
                    }
                }
            }
        }
        let refs = |kind: EntityKind| -> Vec<EntityRef> {
            let mut v: Vec<(usize, usize)> = scan
                .counts
                .iter()
                .filter(|(e, _)| table.entities[**e].kind == kind)
                .map(|(e, c)| (*e, *c))
                .collect();
            v.sort_by(|a, b| {
                b.1.cmp(&a.1)
                    .then_with(|| cmp_name(&table.entities[a.0], &table.entities[b.0]))
            });
            v.into_iter()
                .map(|(e, c)| entity_ref(&table.entities[e], c))
                .collect()
        };
        let speaker_refs = speakers[si]
            .iter()
            .map(|&sp| {
                entity_ref(
                    &table.entities[sp],
                    scan.counts.get(&sp).copied().unwrap_or(0),
                )
            })
            .collect();
        infos.push(SessionInfo {
            products: refs(EntityKind::Product),
            companies: refs(EntityKind::Company),
            topics: refs(EntityKind::Topic),
            speakers: speaker_refs,
            related: Vec::new(),
            numbers: scan.numbers,
        });
        let weights: Vec<(usize, f64)> = scan
            .counts
            .keys()
            .chain(speakers[si].iter())
            .map(|&e| {
                let w = match table.entities[e].kind {
                    EntityKind::Speaker => 1.5,
                    EntityKind::Topic => 0.5,
                    _ => 1.0,
                };
                (e, w)
            })
            .collect();
        per_session_entities.push(weights);
        announcements.extend(dedup_announcements(scan.announcements));
        links.push(scan.links);
    }
    for (s, r) in related::related(&per_session_entities)
        .into_iter()
        .enumerate()
    {
        infos[s].related = r;
    }
    // Co-mentions, most shared first, then by name.
    let mut co_lists: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for ((a, b), c) in co {
        co_lists.entry(a).or_default().push((b, c));
    }
    for (a, mut list) in co_lists {
        list.sort_by(|x, y| {
            y.1.cmp(&x.1)
                .then_with(|| cmp_name(&table.entities[x.0], &table.entities[y.0]))
        });
        let (products, companies): (Vec<_>, Vec<_>) = list
            .into_iter()
            .partition(|(b, _)| table.entities[*b].kind == EntityKind::Product);
        table.entities[a].co_products = products.into_iter().take(MAX_CO).collect();
        table.entities[a].co_companies = companies.into_iter().take(MAX_CO).collect();
    }
    let (entities, remap) = compact(table.entities);
    for a in &mut announcements {
        a.entity = remap[a.entity].expect("announced entities are mentioned");
    }
    announcements.sort_by(|a, b| {
        a.session
            .cmp(&b.session)
            .then(a.line.cmp(&b.line))
            .then(a.entity.cmp(&b.entity))
    });
    (
        Assembled {
            entities,
            info: infos,
            announcements,
        },
        links,
    )
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
fn dedup_announcements(list: Vec<Announcement>) -> Vec<Announcement> {
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
    a.name
        .to_lowercase()
        .cmp(&b.name.to_lowercase())
        .then(a.slug.cmp(&b.slug))
}

fn entity_ref(e: &Entity, count: usize) -> EntityRef {
    EntityRef {
        name: e.name.clone(),
        url: e.url.clone(),
        count,
    }
}

/// Keep entities with at least one session, order them by kind and name,
/// and rewrite every index. Returns the old → new map.
fn compact(entities: Vec<Entity>) -> (Vec<Entity>, Vec<Option<usize>>) {
    let mut order: Vec<usize> = (0..entities.len())
        .filter(|&i| !entities[i].sessions.is_empty())
        .collect();
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
