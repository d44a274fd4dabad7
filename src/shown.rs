//! Text with parts of its Markdown written as what they show: an image as
//! its alt text, a link as its label, code without its backticks. Each
//! finder ([`crate::media::find`], [`crate::urls::find`],
//! [`crate::inline_code::spans`]) gives where a piece of syntax is written
//! and where, inside it, the part that shows is.

use std::borrow::Cow;
use std::ops::Range;

/// A piece of syntax: where it is written, and the part of it that shows.
pub type Part = (Range<usize>, Range<usize>);

/// The finders of Markdown written around what it shows, in the order a
/// reading applies them: images, code, links, the marks of other note
/// tools, then footnote references (which show nothing). Summaries and search ([`crate::render::text::as_read`])
/// and excerpts ([`crate::enrich::excerpt`]) read text through the same
/// list.
pub const READINGS: [fn(&str) -> Vec<Part>; 5] = [
    crate::media::alt_parts,
    crate::inline_code::code_parts,
    crate::urls::label_parts,
    crate::pasted::parts,
    crate::footnotes::parts,
];

/// `text` read through each of `readings` in turn (a slice of
/// [`READINGS`], or all of it), copied only where one changes something.
pub fn read_through<'t>(text: Cow<'t, str>, readings: &[fn(&str) -> Vec<Part>]) -> Cow<'t, str> {
    readings.iter().fold(text, |text, parts_of| {
        match shown_text(&text, parts_of(&text)) {
            Cow::Borrowed(_) => text,
            Cow::Owned(t) => Cow::Owned(t),
        }
    })
}

/// `text` with each of `parts` (left to right, without overlaps) replaced
/// by the part of it that shows.
pub fn shown_text(text: &str, parts: impl IntoIterator<Item = Part>) -> Cow<'_, str> {
    let mut parts = parts.into_iter().peekable();
    if parts.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for (whole, shown) in parts {
        out.push_str(&text[from..whole.start]);
        out.push_str(&text[shown]);
        from = whole.end;
    }
    out.push_str(&text[from..]);
    Cow::Owned(out)
}

/// [`shown_text`] of an owned `text`, and where the bounds `hs` and `he`
/// fall in the result: a bound inside the syntax around a shown part moves
/// to the part's nearer end.
pub fn shown_with_bounds(
    text: String,
    hs: usize,
    he: usize,
    parts: &[Part],
) -> (String, usize, usize) {
    if parts.is_empty() {
        return (text, hs, he);
    }
    let mut out = String::with_capacity(text.len());
    let (mut new_hs, mut new_he) = (None, None);
    let mut from = 0;
    for (whole, shown) in parts {
        for (old, new) in [(hs, &mut new_hs), (he, &mut new_he)] {
            if new.is_none() && old < whole.end {
                let base = out.len() + whole.start.saturating_sub(from);
                *new = Some(if old <= whole.start {
                    out.len() + old.saturating_sub(from)
                } else {
                    base + old.clamp(shown.start, shown.end) - shown.start
                });
            }
        }
        out.push_str(&text[from..whole.start]);
        out.push_str(&text[shown.clone()]);
        from = whole.end;
    }
    let rest = |old: usize| out.len() + old.saturating_sub(from);
    let hs = new_hs.unwrap_or_else(|| rest(hs));
    let he = new_he.unwrap_or_else(|| rest(he));
    out.push_str(&text[from..]);
    (out, hs, he)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_show_what_they_show_and_bounds_follow() {
        // `[ab](x)` → `ab`.
        let text = "甲[ab](x)乙".to_string();
        let parts = [(3..10, 4..6)];
        assert_eq!(shown_text(&text, parts.clone()), "甲ab乙");
        assert_eq!(shown_text(&text, []), text);
        // A bound on the shown part keeps its place in it; one in the
        // syntax moves to the part's nearer end; one after moves back.
        assert_eq!(
            shown_with_bounds(text.clone(), 4, 6, &parts),
            ("甲ab乙".into(), 3, 5)
        );
        assert_eq!(
            shown_with_bounds(text.clone(), 8, 10, &parts),
            ("甲ab乙".into(), 5, 5)
        );
        assert_eq!(
            shown_with_bounds(text, 0, 13, &parts),
            ("甲ab乙".into(), 0, 8)
        );
    }
}
