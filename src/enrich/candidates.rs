//! Discovery candidates as `recap check` lists them: counted from the
//! pages they got, and kept pointing at the right lines when an edit moves
//! them without changing what discovery decides.

use super::discover::Sighting;
use super::matcher;
use super::types::{Candidate, Entity, EntityKind};
use crate::model::Session;
use std::collections::HashMap;
use std::sync::Arc;

/// Candidates that got a page: count what the page lists, which also
/// covers merged spellings and places discovery did not see.
pub fn count_candidates(
    candidates: &mut [Candidate],
    entities: &[Arc<Entity>],
    sessions: &[Arc<Session>],
) {
    recount_candidates(candidates, entities, sessions, 0..entities.len());
}

/// [`count_candidates`] for the candidates whose page is one of `pages`
/// (indexes into `entities`) alone: after an edit, those are the only
/// counts that can change, and counting them all again took tens of
/// milliseconds on a 10,000-session site.
pub fn recount_candidates(
    candidates: &mut [Candidate],
    entities: &[Arc<Entity>],
    sessions: &[Arc<Session>],
    pages: impl IntoIterator<Item = usize>,
) {
    let mut by_name: HashMap<(EntityKind, &str), &Entity> = HashMap::new();
    for e in pages.into_iter().map(|k| &*entities[k]) {
        if !e.catalogued {
            by_name.entry((e.kind, e.name.as_str())).or_insert(e);
        }
    }
    if by_name.is_empty() {
        return;
    }
    for c in candidates
        .iter_mut()
        .filter(|c| c.accepted && c.merged_into.is_none())
    {
        if let Some(e) = by_name.get(&(c.kind, c.name.as_str())) {
            c.count = e.mentions.len();
            c.locations = e
                .mentions
                .iter()
                .take(20)
                .map(|m| (sessions[m.session as usize].source.clone(), m.line as usize))
                .collect();
        }
    }
}

/// The same sightings in the same order, perhaps on other lines (a line
/// added above them): discovery then decides the same.
pub fn same_but_lines(a: &[Sighting], b: &[Sighting]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.name == y.name
                && x.cjk == y.cjk
                && x.sentence_start == y.sentence_start
                && x.company_hint == y.company_hint
                && x.speaker_org == y.speaker_org
                && x.han_alias == y.han_alias
        })
}

/// Move the `(file, line)` places of candidates from the lines of `old`
/// sightings to those of `new` (the same sightings, [`same_but_lines`]).
/// A candidate lists its first places in corpus order, so its places in
/// `file` are the first of its sightings there, in order.
pub fn shift_lines(candidates: &mut [Candidate], file: &str, old: &[Sighting], new: &[Sighting]) {
    if old.iter().zip(new).all(|(a, b)| a.line == b.line) {
        return;
    }
    let mut lines: HashMap<String, Vec<usize>> = HashMap::new();
    for s in new {
        let key = matcher::normalize(&s.name);
        if !key.is_empty() {
            lines.entry(key).or_default().push(s.line);
        }
    }
    for c in candidates.iter_mut() {
        let Some(new_lines) = lines.get(&matcher::normalize(&c.name)) else {
            continue;
        };
        for (loc, &line) in c
            .locations
            .iter_mut()
            .filter(|(f, _)| f == file)
            .zip(new_lines)
        {
            loc.1 = line;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_places_follow_moved_lines() {
        let sighting = |name: &str, line| Sighting {
            name: name.into(),
            line,
            cjk: true,
            sentence_start: false,
            company_hint: false,
            speaker_org: false,
            han_alias: None,
            full: None,
            parent: None,
            maker: None,
            headline: false,
            launched: false,
        };
        let old = vec![sighting("Quux", 3), sighting("Zed", 4), sighting("quux", 9)];
        let new = vec![
            sighting("Quux", 4),
            sighting("Zed", 5),
            sighting("quux", 10),
        ];
        assert!(same_but_lines(&old, &new));
        assert!(!same_but_lines(&old, &new[..2]));
        let mut candidates = vec![Candidate {
            name: "Quux".into(),
            kind: EntityKind::Product,
            count: 3,
            locations: vec![
                ("a.txt".into(), 7),
                ("b.txt".into(), 3),
                ("b.txt".into(), 9),
            ],
            accepted: false,
            reason: String::new(),
            merged_into: None,
        }];
        shift_lines(&mut candidates, "b.txt", &old, &new);
        assert_eq!(
            candidates[0].locations,
            vec![
                ("a.txt".into(), 7),
                ("b.txt".into(), 4),
                ("b.txt".into(), 10)
            ]
        );
    }
}
