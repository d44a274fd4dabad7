//! Related sessions: the ones sharing the rarest entities.
//!
//! An inverted index (entity → sessions) is walked from each session's own
//! entities, adding `weight × ln(N / df)` to every other session found
//! there; the best few win, ties broken by session order. Entities named by
//! more than [`max_postings`] sessions carry almost no information and are
//! skipped, which keeps the work per session bounded: linear in the corpus,
//! never all pairs.

use rayon::prelude::*;
use std::collections::HashMap;

/// At most this many related sessions.
pub const MAX_RELATED: usize = 5;

/// Posting lists longer than this are skipped (their idf is small anyway).
pub fn max_postings(sessions: usize) -> usize {
    ((sessions as f64).sqrt() * 4.0).max(64.0) as usize
}

/// Entity → the sessions that name it, in session order.
pub fn postings(entities: &[Vec<(usize, f64)>]) -> HashMap<usize, Vec<usize>> {
    let mut postings: HashMap<usize, Vec<usize>> = HashMap::new();
    for (s, list) in entities.iter().enumerate() {
        for &(e, _) in list {
            let p = postings.entry(e).or_default();
            if p.last() != Some(&s) {
                p.push(s);
            }
        }
    }
    postings
}

/// Whether a posting list of this length counts towards relatedness.
pub fn counts(len: usize, sessions: usize) -> bool {
    len >= 2 && len <= max_postings(sessions)
}

/// `entities[s]` lists (entity, weight) for session `s`, `postings` is
/// [`postings`] of it; returns up to [`MAX_RELATED`] related sessions per
/// session, best first.
pub fn related(
    entities: &[Vec<(usize, f64)>],
    postings: &HashMap<usize, Vec<usize>>,
) -> Vec<Vec<usize>> {
    let n = entities.len();
    entities
        .par_iter()
        .enumerate()
        .map(|(s, list)| related_to(s, list, postings, n))
        .collect()
}

/// The related sessions of session `s`, whose entities are `list`, among
/// `n` sessions.
pub fn related_to(
    s: usize,
    list: &[(usize, f64)],
    postings: &HashMap<usize, Vec<usize>>,
    n: usize,
) -> Vec<usize> {
    let mut scores: HashMap<usize, f64> = HashMap::new();
    for &(e, w) in list {
        let Some(p) = postings.get(&e) else { continue };
        if !counts(p.len(), n) {
            continue;
        }
        let idf = (n as f64 / p.len() as f64).ln();
        for &t in p {
            if t != s {
                *scores.entry(t).or_default() += w * idf;
            }
        }
    }
    let mut ranked: Vec<(usize, f64)> = scores.into_iter().filter(|&(_, v)| v > 1e-9).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // Not `into_iter().collect()`: that reuses `ranked`'s allocation, and
    // every session would keep room for all its candidates (260 MB at 10k).
    ranked.iter().take(MAX_RELATED).map(|&(t, _)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_shared_entities_rank_first() {
        // Entity 0 is everywhere (no information), 1 is shared by 0 and 2,
        // 2 by 0, 1 and 3.
        let e = vec![
            vec![(0, 1.0), (1, 1.0), (2, 1.0)],
            vec![(0, 1.0), (2, 1.0)],
            vec![(0, 1.0), (1, 1.0)],
            vec![(0, 1.0), (2, 1.0)],
            vec![(0, 1.0)],
        ];
        let r = related(&e, &postings(&e));
        assert_eq!(r[0], vec![2, 1, 3]);
        assert_eq!(r[2], vec![0]);
        assert!(r[4].is_empty());
    }

    #[test]
    fn ties_break_by_session_order_and_output_is_capped() {
        let e: Vec<Vec<(usize, f64)>> = (0..10).map(|_| vec![(7, 1.0)]).collect();
        let mut e = e;
        e.push(vec![(8, 1.0)]);
        let r = related(&e, &postings(&e));
        assert_eq!(r[3], vec![0, 1, 2, 4, 5]);
        assert!(r[10].is_empty());
        // Each list is kept for the whole build: it must not hold on to
        // room for every candidate it was ranked from.
        assert!(r.iter().all(|l| l.capacity() <= MAX_RELATED), "{r:?}");
    }
}
