//! Related sessions: the ones sharing the rarest entities.
//!
//! An inverted index (entity → sessions) is walked from each session's own
//! entities, adding `weight × ln(N / df)` to every other session found
//! there; the best few win, ties broken by session order. Entities named by
//! more than [`max_postings`] sessions carry almost no information and are
//! skipped, which keeps the work per session bounded: linear in the corpus,
//! never all pairs.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// At most this many related sessions.
pub const MAX_RELATED: usize = 5;

/// Posting lists longer than this are skipped (their idf is small anyway).
pub fn max_postings(sessions: usize) -> usize {
    ((sessions as f64).sqrt() * 4.0).max(64.0) as usize
}

/// Entity → the sessions that name it, in session order.
pub type Postings = FxHashMap<usize, Vec<usize>>;

/// [`Postings`] of every session's entities.
pub fn postings(entities: &[Vec<(usize, f64)>]) -> Postings {
    let mut postings = Postings::default();
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
pub fn related(entities: &[Vec<(usize, f64)>], postings: &Postings) -> Vec<Vec<usize>> {
    let n = entities.len();
    entities
        .par_iter()
        .enumerate()
        .map_init(
            || Scores::new(n),
            |scores, (s, list)| scores.related_to(s, list, postings, n),
        )
        .collect()
}

/// Ranks the sessions related to one session after another, with a score
/// per session kept from one ranking to the next: a score table hashed by
/// session was most of the time ranking took. One per thread.
pub struct Scores {
    score: Vec<f64>,
    /// Whether a session is in `touched`.
    scored: Vec<bool>,
    /// Sessions with a score, in the order they first got one.
    touched: Vec<usize>,
}

impl Scores {
    /// For `n` sessions.
    pub fn new(n: usize) -> Scores {
        Scores {
            score: vec![0.0; n],
            scored: vec![false; n],
            touched: Vec::new(),
        }
    }

    /// The related sessions of session `s`, whose entities are `list`,
    /// among `n` sessions.
    pub fn related_to(
        &mut self,
        s: usize,
        list: &[(usize, f64)],
        postings: &Postings,
        n: usize,
    ) -> Vec<usize> {
        if self.score.len() < n {
            self.score.resize(n, 0.0);
            self.scored.resize(n, false);
        }
        for &(e, w) in list {
            let Some(p) = postings.get(&e) else { continue };
            if !counts(p.len(), n) {
                continue;
            }
            let idf = (n as f64 / p.len() as f64).ln();
            for &t in p {
                if t != s {
                    if !self.scored[t] {
                        self.scored[t] = true;
                        self.touched.push(t);
                    }
                    self.score[t] += w * idf;
                }
            }
        }
        let mut ranked: Vec<(usize, f64)> = Vec::with_capacity(self.touched.len());
        for t in self.touched.drain(..) {
            let v = std::mem::take(&mut self.score[t]);
            self.scored[t] = false;
            if v > 1e-9 {
                ranked.push((t, v));
            }
        }
        let best_first =
            |a: &(usize, f64), b: &(usize, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if ranked.len() > MAX_RELATED {
            ranked.select_nth_unstable_by(MAX_RELATED, best_first);
            ranked.truncate(MAX_RELATED);
        }
        ranked.sort_by(best_first);
        ranked.iter().map(|&(t, _)| t).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

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

    /// Ranking as first written, with the scores in a hash map.
    fn related_by_map(
        s: usize,
        list: &[(usize, f64)],
        postings: &Postings,
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
        ranked.iter().take(MAX_RELATED).map(|&(t, _)| t).collect()
    }

    #[test]
    fn ranking_with_a_score_table_matches_the_hash_map() {
        let mut next = crate::test_random(0x1234_5678_9abc_def1);
        for n in [3, 40, 300] {
            // Few entities, some weights zero: many ties and empty scores.
            let e: Vec<Vec<(usize, f64)>> = (0..n)
                .map(|_| {
                    (0..next() % 6)
                        .map(|_| ((next() % 30) as usize, (next() % 3) as f64 * 0.5))
                        .collect()
                })
                .collect();
            let p = postings(&e);
            let all = related(&e, &p);
            for (s, list) in e.iter().enumerate() {
                assert_eq!(all[s], related_by_map(s, list, &p, n), "{n} {s}");
                assert_eq!(Scores::new(n).related_to(s, list, &p, n), all[s]);
            }
        }
    }
}
