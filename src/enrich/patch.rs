//! Redo one session's share of the merge in a finished [`Site`], in place:
//! what `recap serve` does after a recap is edited, instead of merging
//! 10,000 sessions again.
//!
//! Every merged list keeps one session's part together (entity mentions
//! and announcements are in session order, links and co-mentions are
//! counted per session in [`Memory`]), so a session's part can be cut out
//! and the new one put in its place. The result is what [`super::assemble`]
//! makes from the same scans, as long as the same entities have pages: an
//! edit that gives an entity its first mention or takes its last one
//! changes every index after it, and [`fits_all`] says so, so the caller
//! merges everything again instead.

use super::assemble::{self, Memory, MAX_STORY};
use super::graph::Table;
use super::related;
use super::scan::SessionScan;
use super::{Mention, SessionLinks, Site};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// A session's new scan with [`assemble::session_info`] of it.
pub type Input = (SessionScan, super::SessionInfo, Vec<(usize, f64)>);

/// Table indexes of the entities a session names (its weights' entities).
fn entity_set(weights: &[(usize, f64)]) -> BTreeSet<usize> {
    weights.iter().map(|&(e, _)| e).collect()
}

/// Whether the edited sessions can take their new `weights` (from
/// [`assemble::session_info`] of each new scan), all together, without an
/// entity page appearing or disappearing. Together, because two edits can
/// each drop an entity that only those two sessions named.
pub fn fits_all(site: &Site, memory: &Memory, edits: &[(usize, &[(usize, f64)])]) -> bool {
    let edited: BTreeSet<usize> = edits.iter().map(|&(i, _)| i).collect();
    let sets: Vec<(BTreeSet<usize>, BTreeSet<usize>)> = edits
        .iter()
        .map(|&(i, weights)| (entity_set(&memory.weights[i]), entity_set(weights)))
        .collect();
    let appears = sets
        .iter()
        .any(|(old, new)| new.difference(old).any(|&e| memory.remap[e].is_none()));
    let named_after: BTreeSet<usize> = sets.iter().flat_map(|(_, new)| new).copied().collect();
    let kept = |e: usize| match memory.remap[e] {
        None => false,
        Some(se) => {
            named_after.contains(&e)
                || site.entities[se]
                    .sessions
                    .iter()
                    .any(|s| !edited.contains(s))
        }
    };
    !appears
        && sets
            .iter()
            .all(|(old, new)| old.difference(new).all(|&e| kept(e)))
}

/// Replace session `i`'s share of `site` by what `scan` found (`info` and
/// `weights` are [`assemble::session_info`] of it; `table` is the table it
/// was scanned against). The caller has checked [`fits_all`] for every edit.
pub fn apply(
    site: &mut Site,
    table: &Table,
    memory: &mut Memory,
    i: usize,
    (mut scan, info, weights): Input,
) -> Applied {
    let (old, new) = (entity_set(&memory.weights[i]), entity_set(&weights));
    let remap = &memory.remap;

    let mut by_entity: BTreeMap<usize, Vec<Mention>> = BTreeMap::new();
    for (e, m) in std::mem::take(&mut scan.mentions) {
        by_entity.entry(e).or_default().push(m);
    }
    let mut mentioned = Vec::new();
    for &e in old.union(&new) {
        let Some(se) = remap[e] else { continue };
        mentioned.push(se);
        let ent = Arc::make_mut(&mut site.entities[se]);
        let lo = ent.mentions.partition_point(|m| (m.session as usize) < i);
        let hi = ent.mentions.partition_point(|m| m.session as usize <= i);
        let here = by_entity.remove(&e).unwrap_or_default();
        let (old_launch, new_launch) = (
            assemble::launch_of(&ent.mentions[lo..hi]),
            assemble::launch_of(&here),
        );
        ent.mentions.splice(lo..hi, here);
        match (ent.sessions.binary_search(&i), new.contains(&e)) {
            (Ok(k), false) => {
                ent.sessions.remove(k);
            }
            (Err(k), true) => ent.sessions.insert(k, i),
            _ => {}
        }
        // A big entity has a hundred thousand mentions: they are read again
        // only when this session may have held the page's launch alone.
        ent.launch = if old_launch.is_some() && old_launch == ent.launch {
            assemble::launch_of(&ent.mentions)
        } else {
            assemble::stronger(ent.launch, new_launch)
        };
    }

    // Co-mentions: take the old stories out, put the new ones in, and
    // list again every entity either names.
    assemble::count_co(&mut memory.co, &memory.stories[i], -1);
    assemble::count_co(&mut memory.co, &scan.stories, 1);
    let touched: BTreeSet<usize> = memory.stories[i]
        .iter()
        .chain(&scan.stories)
        .filter(|s| s.len() <= MAX_STORY)
        .flatten()
        .copied()
        .collect();
    for a in touched {
        let Some(sa) = remap[a] else { continue };
        let (products, companies) = assemble::co_lists(&memory.co, a, |x| &table.entities[x]);
        let mapped = |l: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
            l.into_iter()
                .filter_map(|(x, c)| remap[x].map(|y| (y, c)))
                .collect()
        };
        let ent = Arc::make_mut(&mut site.entities[sa]);
        ent.co_products = mapped(products);
        ent.co_companies = mapped(companies);
    }
    memory.stories[i] = std::mem::take(&mut scan.stories);

    let mut announcements: Vec<_> =
        assemble::dedup_announcements(std::mem::take(&mut scan.announcements))
            .into_iter()
            .filter_map(|mut a| {
                a.entity = remap[a.entity]?;
                Some(a)
            })
            .collect();
    announcements.sort_by(|a, b| a.line.cmp(&b.line).then(a.entity.cmp(&b.entity)));
    let lo = site.announcements.partition_point(|a| a.session < i);
    let hi = site.announcements.partition_point(|a| a.session <= i);
    site.announcements.splice(lo..hi, announcements);

    site.links[i] = Arc::new(SessionLinks::new(scan.links));

    let mut info = info;
    info.related = site.info[i].related.clone();
    site.info[i] = Arc::new(info);

    // Related sessions: a posting list that gained or lost this session
    // changes the scores of every session on it (when it counts at all).
    let n = memory.weights.len();
    let mut affected = BTreeSet::from([i]);
    for &e in old.symmetric_difference(&new) {
        let list = memory.postings.entry(e).or_default();
        let before = list.len();
        match list.binary_search(&i) {
            Ok(k) => {
                list.remove(k);
            }
            Err(k) => list.insert(k, i),
        }
        if related::counts(before, n) || related::counts(list.len(), n) {
            affected.extend(list.iter().copied());
        }
    }
    memory.postings.retain(|_, l| !l.is_empty());
    memory.weights[i] = weights;
    Applied {
        related: affected,
        mentioned,
    }
}

/// What [`apply`] changed beyond the session itself.
pub struct Applied {
    /// Sessions whose related sessions may have changed; the caller
    /// recomputes them with [`related_again`] once every edited session
    /// is in.
    pub related: BTreeSet<usize>,
    /// Entities (indexes into `Site::entities`) whose mentions in the
    /// session were replaced.
    pub mentioned: Vec<usize>,
}

/// Recompute the related sessions of `sessions`.
pub fn related_again(site: &mut Site, memory: &Memory, sessions: &BTreeSet<usize>) {
    use rayon::prelude::*;
    let n = memory.weights.len();
    let found: Vec<(usize, Vec<usize>)> = sessions
        .par_iter()
        .map_init(
            || related::Scores::new(n),
            |scores, &s| {
                let r = scores.related_to(s, &memory.weights[s], &memory.postings, n);
                (s, r)
            },
        )
        .collect();
    for (s, r) in found {
        Arc::make_mut(&mut site.info[s]).related = r;
    }
}
