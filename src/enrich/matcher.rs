//! Multi-pattern name matching over recap text.
//!
//! All names of all entities go into one Aho-Corasick automaton, so a text is
//! scanned once whatever the size of the catalog. Matching happens on a
//! *normalised* copy of the text (full-width letters folded to ASCII, letters
//! lower-cased, runs of white space collapsed); a byte-offset map turns every
//! match back into a range of the original text, which is what links and
//! excerpts need. Names are matched in simplified characters, and so are
//! the texts given (a recap's text units are, see [`super::units`]).
//!
//! Rules on top of the automaton:
//! * leftmost-longest: `Nova 2 Sonic` is one match, never also `Nova 2`;
//! * Latin boundaries that work inside CJK text: a name that starts (ends)
//!   with a Latin letter or digit must not be preceded (followed) by one, so
//!   `Bedrock客户` matches but `Trainium` does not match inside `Trainium3`;
//!   when the longest candidate fails its boundary, shorter names that are
//!   prefixes of it are tried at the same place;
//! * names that are ordinary English words (`Writer`, `Connect`, `Quick`)
//!   match only with their exact case, and not as the first word of an
//!   English sentence (`Writer tools help…`).

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};
use std::collections::HashMap;

use super::words;
use crate::parse::simple_char;

/// One name to look for.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// What the caller wants back on a match (an entity index, a topic…).
    pub target: usize,
    /// The name as written in the catalog.
    pub text: String,
    /// Match only this exact spelling (after width folding).
    pub exact_case: bool,
}

impl Pattern {
    /// A pattern that is exact-case when the name is a single ordinary
    /// English word, case-insensitive otherwise.
    pub fn auto(target: usize, text: &str) -> Pattern {
        Pattern {
            target,
            text: text.to_string(),
            exact_case: is_ordinary_word(text),
        }
    }
}

/// A name found in a text; offsets are bytes into the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub target: usize,
    /// Index of the pattern in the list given to [`Matcher::for_text`].
    pub pattern: usize,
}

#[derive(Debug, Clone)]
struct PatternInfo {
    target: usize,
    /// Width-folded original spelling, for exact-case checks.
    folded: String,
    exact_case: bool,
    latin_start: bool,
    latin_end: bool,
    digit_end: bool,
    /// Normalised length in bytes.
    len: usize,
}

/// How much text a [`Matcher::for_text`] is to search before it is built
/// as a DFA. The 1,000-session corpus (8 MiB) spent 4% less on
/// enrichment with DFAs; the sample site (50 KiB) 10% more on the whole
/// build.
pub const DFA_FROM_BYTES: usize = 1 << 20;

/// The most bytes of names a [`Matcher::for_text`] builds a DFA for. A DFA
/// holds a row of transitions for about every byte of its names: the
/// 10,000-session corpus has 27 KiB of names in all, but a recap that is a
/// list of 50,000 made-up names (each one a discovered product) gave
/// 1.5 MiB, and a DFA of them took a quarter of the build and most of its
/// 800 MB peak. Past this, aho-corasick picks, as below [`DFA_FROM_BYTES`].
pub const DFA_MAX_NAME_BYTES: usize = 64 << 10;

/// The compiled set of names.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern: the original pattern index.
    ids: Vec<usize>,
    infos: Vec<PatternInfo>,
    /// Per automaton pattern: automaton patterns that are proper prefixes of
    /// it, longest first.
    prefixes: Vec<Vec<usize>>,
}

/// A single word of Latin letters that is a frequent English word: such
/// names only match with their exact case.
pub fn is_ordinary_word(name: &str) -> bool {
    let folded = fold_width(name);
    !folded.is_empty()
        && folded.chars().all(|c| c.is_ascii_alphabetic())
        && words::is_common(&folded)
}

impl Matcher {
    /// Compile `patterns` for searching about `text_bytes` of text in all.
    /// Empty names are ignored; when two names normalise to the same text,
    /// the first one wins. Past [`DFA_FROM_BYTES`] the automaton is a DFA,
    /// which takes a few milliseconds more to build and searches faster
    /// (unless the names are over [`DFA_MAX_NAME_BYTES`]); below, the kind
    /// aho-corasick picks. The same matches either way.
    pub fn for_text(patterns: &[Pattern], text_bytes: usize) -> Matcher {
        let kind = (text_bytes >= DFA_FROM_BYTES).then_some(AhoCorasickKind::DFA);
        Matcher::build(patterns, kind)
    }

    /// [`Matcher::for_text`] for a few names searched in one recap: always a
    /// noncontiguous NFA. For a handful of names aho-corasick would build a
    /// DFA, and one per recap cost more to build than it saved searching.
    /// A noncontiguous NFA also skips the step that makes a contiguous one
    /// out of it.
    pub fn for_one_recap(patterns: &[Pattern]) -> Matcher {
        Matcher::build(patterns, Some(AhoCorasickKind::NoncontiguousNFA))
    }

    /// [`Matcher::for_text`] with the automaton kind of `other`.
    pub fn new_like(patterns: &[Pattern], other: &Matcher) -> Matcher {
        Matcher::build(patterns, other.automaton.as_ref().map(|a| a.kind()))
    }

    fn build(patterns: &[Pattern], kind: Option<AhoCorasickKind>) -> Matcher {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut norm_texts: Vec<String> = Vec::new();
        let mut ids = Vec::new();
        let mut infos = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let norm = normalize(&p.text);
            let norm = norm.trim().to_string();
            if norm.is_empty() || seen.contains_key(&norm) {
                continue;
            }
            seen.insert(norm.clone(), norm_texts.len());
            let first = norm.chars().next().unwrap_or(' ');
            let last = norm.chars().next_back().unwrap_or(' ');
            infos.push(PatternInfo {
                target: p.target,
                folded: fold_width(p.text.trim()),
                exact_case: p.exact_case,
                latin_start: is_word_char(first),
                latin_end: is_word_char(last),
                digit_end: last.is_ascii_digit(),
                len: norm.len(),
            });
            ids.push(i);
            norm_texts.push(norm);
        }
        let prefixes = norm_texts
            .iter()
            .map(|t| {
                let mut pre: Vec<usize> = t
                    .char_indices()
                    .skip(1)
                    .filter_map(|(k, _)| seen.get(&t[..k]).copied())
                    .collect();
                pre.reverse();
                pre
            })
            .collect();
        let name_bytes: usize = norm_texts.iter().map(String::len).sum();
        let kind = kind.filter(|&k| k != AhoCorasickKind::DFA || name_bytes <= DFA_MAX_NAME_BYTES);
        let automaton = if norm_texts.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .kind(kind)
                    .ascii_case_insensitive(true)
                    .build(&norm_texts)
                    .expect("aho-corasick builds from plain strings"),
            )
        };
        Matcher {
            automaton,
            ids,
            infos,
            prefixes,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.automaton.is_none()
    }

    /// Every name in `text`, left to right, non-overlapping.
    pub fn find_all(&self, text: &str) -> Vec<Hit> {
        self.find_all_in(&View::new(text), text)
    }

    /// [`Matcher::find_all`] with `text`'s view made by the caller, which
    /// searches one text with several matchers.
    pub fn find_all_in(&self, norm: &View, text: &str) -> Vec<Hit> {
        let Some(ac) = &self.automaton else {
            return Vec::new();
        };
        let hay = norm.hay();
        let mut hits = Vec::new();
        let mut pos = 0;
        while pos < hay.len() {
            let Some(m) = ac.find(Input::new(hay).span(pos..hay.len())) else {
                break;
            };
            let start = m.start();
            let longest = m.pattern().as_usize();
            let last_end = hits.last().map(|h: &Hit| h.end);
            let accepted = std::iter::once(longest)
                .chain(self.prefixes[longest].iter().copied())
                .find(|&p| {
                    self.accepts(p, start, start + self.infos[p].len, norm, text)
                        && !(self.infos[p].exact_case
                            && ends_a_longer_name(text, norm.original(start), last_end))
                });
            match accepted {
                Some(p) => {
                    let end = start + self.infos[p].len;
                    hits.push(Hit {
                        start: norm.original(start),
                        end: norm.original(end),
                        target: self.infos[p].target,
                        pattern: self.ids[p],
                    });
                    pos = end;
                }
                None => pos = next_boundary(hay, start),
            }
        }
        hits
    }

    fn accepts(&self, p: usize, start: usize, end: usize, norm: &View, text: &str) -> bool {
        let info = &self.infos[p];
        let hay = norm.hay();
        let before = hay[..start].chars().next_back();
        let after = hay[end..].chars().next();
        if info.latin_start && before.is_some_and(is_word_char) {
            return false;
        }
        if info.latin_end && after.is_some_and(is_word_char) {
            return false;
        }
        // `Nova 2` must not match the start of `Nova 2.5`.
        if info.digit_end
            && after == Some('.')
            && hay[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return false;
        }
        if info.exact_case {
            let orig = &text[norm.original(start)..norm.original(end)];
            if fold_width(orig) != info.folded {
                return false;
            }
            if starts_english_sentence(text, norm.original(start), norm.original(end)) {
                return false;
            }
        }
        true
    }
}

/// Whether the word at `start` of `text` comes right after a capitalised
/// word (`Service` in `ECS Service Connect`) that is no name found before
/// it (`Nova` in `Nova Forge` is): the word is then the end of a longer
/// name, not the catalog's ordinary-word alias (`Connect`).
fn ends_a_longer_name(text: &str, start: usize, last_end: Option<usize>) -> bool {
    let Some(before) = text[..start].strip_suffix(' ') else {
        return false;
    };
    let word_start = before
        .trim_end_matches(|c: char| c.is_ascii_alphabetic())
        .len();
    let word = &before[word_start..];
    let mut letters = word.chars();
    letters.next().is_some_and(|c| c.is_ascii_uppercase())
        && !letters.as_str().is_empty()
        && letters.all(|c| c.is_ascii_lowercase())
        && last_end != Some(before.len())
}

/// True when the word at `start..end` of `text` opens an English sentence
/// whose next word is a lower-case English word: `Writer tools help…`. Such
/// a capitalised word says nothing about being a name.
fn starts_english_sentence(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '*', '"', '\'', '-', '(']);
    let at_start = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
    if !at_start {
        return false;
    }
    let Some(rest) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let word: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    word.starts_with(|c: char| c.is_ascii_lowercase()) && words::is_common(&word)
}

fn next_boundary(s: &str, i: usize) -> usize {
    let mut j = i + 1;
    while j < s.len() && !s.is_char_boundary(j) {
        j += 1;
    }
    j
}

/// Letters and digits that glue words together: ASCII, `_`, and Latin
/// letters with diacritics. CJK characters are not word characters here,
/// which is what lets `Bedrock客户` match `Bedrock`.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || c == '_'
        || ('\u{C0}'..='\u{24F}').contains(&c) && c != '\u{D7}' && c != '\u{F7}'
}

/// Full-width letters and digits (`Ｂｅｄｒｏｃｋ`, `１２３`) to ASCII,
/// ideographic and no-break spaces to space. Full-width punctuation
/// (`，：（`) is left alone: it is ordinary Chinese text, never part of a
/// name, and folding it would send most sentences down the slow path.
pub fn fold_char(c: char) -> char {
    match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        '\u{3000}' | '\u{A0}' => ' ',
        c => c,
    }
}

pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// The matching form of a name: width-folded, lower-cased, white space
/// collapsed, in simplified characters (`發佈會` and `发布会` are one
/// name).
pub fn normalize(s: &str) -> String {
    Normalized::new(s, true).text
}

/// What the automaton searches: the text itself when it needs no folding
/// (the automaton ignores ASCII case), else a normalised copy with its map.
pub enum View<'a> {
    Same(&'a str),
    Folded(Normalized),
}

impl<'a> View<'a> {
    pub fn new(text: &'a str) -> View<'a> {
        if is_plain(text) {
            View::Same(text)
        } else {
            View::Folded(Normalized::new(text, true))
        }
    }

    fn hay(&self) -> &str {
        match self {
            View::Same(t) => t,
            View::Folded(n) => &n.text,
        }
    }

    fn original(&self, i: usize) -> usize {
        match self {
            View::Same(_) => i,
            View::Folded(n) => n.original(i),
        }
    }
}

/// Whether normalising `text` would leave it as it is, but for ASCII case:
/// no white space other than single spaces, nothing [`fold_char`] changes,
/// no upper case in Latin, Greek or Cyrillic beyond ASCII (upper case
/// elsewhere is rare enough to leave to the case-sensitive path).
fn is_plain(text: &str) -> bool {
    let b = text.as_bytes();
    let mut prev_space = false;
    let mut i = 0;
    while i < b.len() {
        let x = b[i];
        if x < 0x80 {
            if x == b' ' && prev_space || x != b' ' && x.is_ascii_whitespace() {
                return false;
            }
            prev_space = x == b' ';
            i += 1;
            continue;
        }
        prev_space = false;
        // Read byte by byte, Chinese prose is skipped a character at a
        // time: only these lead bytes start characters that can fail,
        // U+0080–U+052F, U+1680, U+2000–U+206F, U+3000 and the full-width
        // forms.
        if matches!(x, 0xC2..=0xD4 | 0xE1..=0xE3 | 0xEF) {
            let c = text[i..].chars().next().unwrap_or(' ');
            if fold_char(c) != c || c.is_whitespace() || (c as u32) < 0x530 && c.is_uppercase() {
                return false;
            }
        }
        i += match x {
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
    }
    true
}

/// A normalised copy of a text with a map back to the original offsets.
#[derive(Debug, Clone)]
pub struct Normalized {
    pub text: String,
    /// `map[i]` is the original byte offset of normalised byte `i`;
    /// `map[text.len()]` is the original length.
    map: Vec<u32>,
}

impl Normalized {
    /// Fold widths, collapse white space and write traditional characters
    /// in their simplified forms; lower-case when `lower`.
    pub fn new(original: &str, lower: bool) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut last_space = false;
        for (i, c) in original.char_indices() {
            let c = simple_char(fold_char(c));
            if c.is_whitespace() {
                if last_space {
                    continue;
                }
                last_space = true;
                text.push(' ');
                map.push(i as u32);
                continue;
            }
            last_space = false;
            if c.is_ascii() {
                text.push(if lower { c.to_ascii_lowercase() } else { c });
                map.push(i as u32);
            } else if lower && c.is_uppercase() {
                for l in c.to_lowercase() {
                    push_mapped(&mut text, &mut map, l, i);
                }
            } else {
                push_mapped(&mut text, &mut map, c, i);
            }
        }
        map.push(original.len() as u32);
        Normalized { text, map }
    }

    /// The original byte offset of normalised offset `i`.
    pub fn original(&self, i: usize) -> usize {
        self.map[i] as usize
    }
}

fn push_mapped(text: &mut String, map: &mut Vec<u32>, c: char, at: usize) {
    text.push(c);
    for _ in 0..c.len_utf8() {
        map.push(at as u32);
    }
}

#[cfg(test)]
mod tests;
