//! Footnotes as Markdown writes them: `[^1]` in the text refers to a note
//! written on a line of its own, `[^1]: 数据来自官方博客`. Note-takers put
//! sources, corrections and asides there, out of the flow of the talk.
//!
//! The parser takes the definitions out of the recap
//! ([`crate::model::Footnote`]); the session page shows each reference as
//! a superscript number linked to its note, and summaries, excerpts and
//! search read the text without the references.

use crate::shown::Part;
use std::ops::Range;

/// Longest label read, in bytes: `[^来源]`, `[^note-3]`, not a sentence.
const LONGEST_LABEL: usize = 40;

/// A reference to a footnote: where `[^label]` is written, and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'t> {
    pub whole: Range<usize>,
    pub label: &'t str,
}

/// The id of note `number` on its session's page: where the text's
/// references, mentions of names in the note and the export link to.
pub fn anchor(number: usize) -> String {
    format!("fn-{number}")
}

/// The number of the note whose id is `anchor`, if it is one.
pub fn number_of(anchor: &str) -> Option<usize> {
    anchor.strip_prefix("fn-")?.parse().ok()
}

/// The id of the first reference to note `number` on its page, for the
/// note's way back to the text.
pub fn ref_anchor(number: usize) -> String {
    format!("fnref-{number}")
}

/// `[^label]: text` (the line trimmed): the label and the note's text.
/// The text may be empty when the note goes on the lines below.
pub fn definition(line: &str) -> Option<(&str, &str)> {
    let rest = line.strip_prefix("[^")?;
    let close = rest.find("]:")?;
    let label = &rest[..close];
    is_label(label).then(|| (label, rest[close + 2..].trim()))
}

/// The references of `text`, left to right: `[^label]`, not followed by
/// `(` (that is a Markdown link whose label starts with `^`) or `:`.
pub fn references(text: &str) -> Vec<Reference<'_>> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(p) = crate::bytescan::find_pair(&b[from..], *b"[^") {
        let open = from + p;
        let inner = open + 2;
        let reach = (inner + LONGEST_LABEL + 1).min(b.len());
        let close = memchr::memchr(b']', &b[inner..reach]).map(|i| inner + i);
        let Some(close) = close else {
            from = inner;
            continue;
        };
        let label = &text[inner..close];
        let next = b.get(close + 1);
        if is_label(label) && !matches!(next, Some(b'(' | b':')) {
            found.push(Reference {
                whole: open..close + 1,
                label,
            });
            from = close + 1;
        } else {
            from = inner;
        }
    }
    found
}

/// References as parts that show nothing: what a reader reads in a
/// summary or a search result is the sentence, not `[^1]`.
pub fn parts(text: &str) -> Vec<Part> {
    if !may_have_references(text) {
        return Vec::new();
    }
    references(text)
        .into_iter()
        .map(|r| (r.whole.clone(), r.whole.end..r.whole.end))
        .collect()
}

/// Whether `text` may hold a reference: a cheap test before looking.
pub fn may_have_references(text: &str) -> bool {
    crate::bytescan::find_pair(text.as_bytes(), *b"[^").is_some()
}

/// A label: up to [`LONGEST_LABEL`] bytes of anything but spaces,
/// brackets and carets (CommonMark's rule, a little stricter).
fn is_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= LONGEST_LABEL
        && !label.contains(|c: char| c.is_whitespace() || matches!(c, '[' | ']' | '^'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(text: &str) -> Vec<&str> {
        references(text).into_iter().map(|r| r.label).collect()
    }

    #[test]
    fn definitions_are_a_label_a_colon_and_the_note() {
        assert_eq!(
            definition("[^1]: 数据来自官方博客"),
            Some(("1", "数据来自官方博客"))
        );
        assert_eq!(definition("[^来源]:见下"), Some(("来源", "见下")));
        assert_eq!(definition("[^note]:"), Some(("note", "")));
        for not in ["[^]: x", "[^a b]: x", "[^1] x", "[1]: x", "x [^1]: y"] {
            assert_eq!(definition(not), None, "{not}");
        }
    }

    #[test]
    fn references_are_found_where_they_are_written() {
        let text = "成本降低三成[^1]，见官方数据[^note]。";
        assert_eq!(labels(text), ["1", "note"]);
        let r = &references(text)[0];
        assert_eq!(&text[r.whole.clone()], "[^1]");
        for not in [
            "[^](x)",
            "[^1](https://a.b)",
            "[^a b]",
            "[^1",
            "^1]",
            "[^1]: 定义",
        ] {
            assert!(references(not).is_empty(), "{not}");
        }
        // A bracket left open does not hide the reference after it.
        assert_eq!(labels("[^开 始[^2]"), ["2"]);
        assert_eq!(
            labels(&format!("[^{}]", "长".repeat(20))),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn a_reader_reads_the_text_without_references() {
        let read = |t| crate::shown::shown_text(t, parts(t)).into_owned();
        assert_eq!(read("降低三成[^1]。"), "降低三成。");
        assert_eq!(read("无脚注"), "无脚注");
    }
}
