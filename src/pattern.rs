//! Regular expressions for the parse and enrichment stages: the `regex`
//! crate's engine and semantics, built without literal prefilters.
//!
//! A prefilter finds a pattern's literal parts (units, verbs, role words)
//! quickly in a long text, but recaps are searched a line or a paragraph
//! at a time, where it saves little, and building the prefilters was a
//! fifth of compiling these patterns: 2 ms of CPU in every build. The API
//! is the subset of `regex::Regex` these stages use, so the code reads the
//! same.

use regex_automata::meta;
use regex_automata::util::captures::Captures as Slots;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use std::ops::Range;

/// A compiled pattern (see [`regex::Regex`]).
#[derive(Debug, Clone)]
pub struct Regex {
    meta: meta::Regex,
}

/// Where a pattern or one of its groups matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'h> {
    hay: &'h str,
    start: usize,
    end: usize,
}

/// The groups of one match.
#[derive(Debug, Clone)]
pub struct Captures<'h> {
    hay: &'h str,
    slots: Slots,
}

/// What `regex` configures, and no prefilters.
fn config() -> meta::Config {
    meta::Config::new()
        .nfa_size_limit(Some(10 * (1 << 20)))
        .hybrid_cache_capacity(2 * (1 << 20))
        .utf8_empty(true)
        .auto_prefilter(false)
}

impl Regex {
    pub fn new(pattern: &str) -> Result<Regex, Box<meta::BuildError>> {
        Regex::build(pattern, config())
    }

    /// A pattern that starts with `^` and is matched against a line or a
    /// phrase. It is built without the lazy DFA, whose reverse automaton
    /// was about half of compiling such a pattern: from a fixed start, the
    /// one-pass and backtracking engines answer directly. Same matches.
    pub fn new_anchored(pattern: &str) -> Result<Regex, Box<meta::BuildError>> {
        debug_assert!(pattern.starts_with('^'), "not anchored: {pattern}");
        Regex::build(pattern, config().hybrid(false))
    }

    fn build(pattern: &str, config: meta::Config) -> Result<Regex, Box<meta::BuildError>> {
        let meta = meta::Builder::new()
            .configure(config.match_kind(MatchKind::LeftmostFirst))
            .syntax(syntax::Config::new().utf8(true))
            .build(pattern)
            .map_err(Box::new)?;
        Ok(Regex { meta })
    }

    pub fn is_match(&self, hay: &str) -> bool {
        self.meta.is_match(hay)
    }

    /// Every match, left to right, not overlapping.
    pub fn find_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Match<'h>> + 'r
    where
        'h: 'r,
    {
        self.meta
            .find_iter(hay)
            .map(move |m| Match::new(hay, m.range()))
    }

    pub fn captures<'h>(&self, hay: &'h str) -> Option<Captures<'h>> {
        self.captures_at(hay, 0)
    }

    /// The first match at or after `start`; `^`, `$` and word boundaries
    /// still see the whole of `hay`.
    pub fn captures_at<'h>(&self, hay: &'h str, start: usize) -> Option<Captures<'h>> {
        let mut slots = self.meta.create_captures();
        let input = Input::new(hay).span(start..hay.len());
        self.meta.search_captures(&input, &mut slots);
        slots.is_match().then_some(Captures { hay, slots })
    }

    /// The groups of a match already found at `span`: searched from its
    /// start only, and no further than its end, which the engines find
    /// in less time than the first match after a point.
    pub fn captures_of<'h>(&self, hay: &'h str, span: Range<usize>) -> Option<Captures<'h>> {
        let mut slots = self.meta.create_captures();
        let input = Input::new(hay).span(span).anchored(Anchored::Yes);
        self.meta.search_captures(&input, &mut slots);
        slots.is_match().then_some(Captures { hay, slots })
    }

    /// Every match with its groups, left to right, not overlapping.
    pub fn captures_iter<'r, 'h>(&'r self, hay: &'h str) -> impl Iterator<Item = Captures<'h>> + 'r
    where
        'h: 'r,
    {
        self.meta
            .captures_iter(hay)
            .map(move |slots| Captures { hay, slots })
    }
}

impl<'h> Match<'h> {
    fn new(hay: &'h str, range: Range<usize>) -> Match<'h> {
        Match {
            hay,
            start: range.start,
            end: range.end,
        }
    }

    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    pub fn as_str(&self) -> &'h str {
        &self.hay[self.start..self.end]
    }

    pub fn len(&self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl<'h> Captures<'h> {
    /// Group `i` (0 is the whole match), if it took part in the match.
    pub fn get(&self, i: usize) -> Option<Match<'h>> {
        let span = self.slots.get_group(i)?;
        Some(Match::new(self.hay, span.range()))
    }

    /// The group named `name`, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Match<'h>> {
        let span = self.slots.get_group_by_name(name)?;
        Some(Match::new(self.hay, span.range()))
    }
}

/// `c[1]`: the text of a group that always takes part (panics otherwise).
impl std::ops::Index<usize> for Captures<'_> {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        self.get(i)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("group {i} did not take part in the match"))
    }
}

/// `c["name"]`: the text of a named group that always takes part.
impl std::ops::Index<&str> for Captures<'_> {
    type Output = str;

    fn index(&self, name: &str) -> &str {
        self.name(name)
            .map(|m| m.as_str())
            .unwrap_or_else(|| panic!("group `{name}` did not take part in the match"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Same matches, groups and positions as the `regex` crate.
    #[test]
    fn matches_as_the_regex_crate_does() {
        let cases = [
            (
                r"(?P<v>[0-9]+)\s?(?P<unit>%|倍|x)?",
                "增长 98% 与 3倍，以及 12 个 x",
            ),
            (
                r"由\s*(?P<body>[^，。]{2,}?)\s*(?:主讲|分享)",
                "本场由 AWS 首席架构师 Memet 主讲。",
            ),
            (
                r"^(\s*)(?:[-*+•·]|(\d{1,3})[.、)])\s+(.*)$",
                "  12、 第二点",
            ),
            (
                r"\b(?i:from) (?P<a>\d+) to (?P<b>\d+)\b",
                "grew from 5 to 25 users",
            ),
            (r"", "空的"),
        ];
        for (pattern, hay) in cases {
            let ours = if pattern.starts_with('^') {
                Regex::new_anchored(pattern).unwrap()
            } else {
                Regex::new(pattern).unwrap()
            };
            let theirs = regex::Regex::new(pattern).unwrap();
            assert_eq!(ours.is_match(hay), theirs.is_match(hay));
            let a: Vec<_> = ours.find_iter(hay).map(|m| m.range()).collect();
            let b: Vec<_> = theirs.find_iter(hay).map(|m| m.range()).collect();
            assert_eq!(a, b, "{pattern}");
            for start in 0..=hay.len() {
                if !hay.is_char_boundary(start) {
                    continue;
                }
                let a = ours.captures_at(hay, start);
                let b = theirs.captures_at(hay, start);
                assert_eq!(a.is_some(), b.is_some(), "{pattern} at {start}");
                let (Some(a), Some(b)) = (a, b) else { continue };
                for (i, name) in theirs.capture_names().enumerate() {
                    let want = b.get(i).map(|m| m.range());
                    assert_eq!(a.get(i).map(|m| m.range()), want);
                    if let Some(name) = name {
                        assert_eq!(a.name(name).map(|m| m.range()), want);
                    }
                }
            }
            let a: Vec<_> = ours
                .captures_iter(hay)
                .map(|c| c.get(0).unwrap().range())
                .collect();
            let b: Vec<_> = theirs
                .captures_iter(hay)
                .map(|c| c.get(0).unwrap().range())
                .collect();
            assert_eq!(a, b, "{pattern}");
        }
    }
}
