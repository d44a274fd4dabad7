//! Markup that note-takers paste in from other tools: `<br>` line breaks
//! (from tables and web editors) and `[[wiki links]]` (from Obsidian and
//! Logseq). A `<br>` is a line break, not text (the rest of a recap's
//! HTML stays text); a wiki link shows its name (or the label after `|`),
//! without the brackets.

use crate::shown::Part;
use std::ops::Range;

/// Longest wiki link read, in bytes: brackets further apart are not one.
const LONGEST_WIKILINK: usize = 200;

/// Where `text` has a `<br>`, `<br/>` or `<br />` (any case).
pub fn line_breaks(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    for at in memchr::memchr_iter(b'<', b) {
        let rest = &b[at..];
        if rest.len() < 4 || !rest[1..3].eq_ignore_ascii_case(b"br") {
            continue;
        }
        let len = [&b"<br>"[..], b"<br/>", b"<br />"]
            .iter()
            .find(|form| rest.len() >= form.len() && rest[..form.len()].eq_ignore_ascii_case(form))
            .map(|form| form.len());
        if let Some(len) = len {
            found.push(at..at + len);
        }
    }
    found
}

/// The wiki links of `text`: where each is written and the part that
/// shows (`[[Amazon S3]]` → `Amazon S3`, `[[Amazon S3|S3]]` → `S3`).
pub fn wikilinks(text: &str) -> Vec<Part> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(p) = crate::bytescan::find_pair(&b[from..], *b"[[") {
        let open = from + p;
        let inner = open + 2;
        let reach = (inner + LONGEST_WIKILINK).min(b.len());
        let close = b[inner..reach]
            .iter()
            .position(|&c| matches!(c, b']' | b'[' | b'\n'))
            .map(|i| inner + i)
            .filter(|&i| i > inner && b[i..].starts_with(b"]]"));
        match close {
            Some(close) => {
                let shown_from =
                    memchr::memchr(b'|', &b[inner..close]).map_or(inner, |i| inner + i + 1);
                if shown_from < close {
                    found.push((open..close + 2, shown_from..close));
                }
                from = close + 2;
            }
            None => from = inner,
        }
    }
    found
}

/// Both kinds, left to right, as parts that show what a reader reads: a
/// wiki link its name, a line break a space where it has one (`<br />`)
/// and nothing otherwise.
pub fn parts(text: &str) -> Vec<Part> {
    if !may_have_pasted(text) {
        return Vec::new();
    }
    let mut all: Vec<Part> = line_breaks(text)
        .into_iter()
        .map(|r| {
            let shown = match text[r.clone()].find(' ') {
                Some(i) => r.start + i..r.start + i + 1,
                None => r.start..r.start,
            };
            (r, shown)
        })
        .collect();
    all.extend(wikilinks(text));
    all.sort_by_key(|(whole, _)| whole.start);
    // A `<br>` inside a wiki link's name is part of the name.
    let mut end = 0;
    all.retain(|(whole, _)| {
        let clear = whole.start >= end;
        if clear {
            end = whole.end;
        }
        clear
    });
    all
}

/// Whether `text` may hold either kind: a cheap test before looking.
pub fn may_have_pasted(text: &str) -> bool {
    memchr::memchr2(b'<', b'[', text.as_bytes()).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn as_read(text: &str) -> Cow<'_, str> {
        crate::shown::shown_text(text, parts(text))
    }

    #[test]
    fn line_breaks_in_any_spelling_are_found() {
        let text = "甲<br>乙<BR/>丙<br />丁<b>戊<brx>";
        let found: Vec<&str> = line_breaks(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["<br>", "<BR/>", "<br />"]);
        assert_eq!(
            as_read("第一行<br>第二行<br />第三行"),
            "第一行第二行 第三行"
        );
    }

    #[test]
    fn wiki_links_show_their_name_or_label() {
        assert_eq!(
            as_read("参见 [[Amazon S3]] 的页面"),
            "参见 Amazon S3 的页面"
        );
        assert_eq!(as_read("参见 [[Amazon S3|S3]]。"), "参见 S3。");
        for not in ["[[]]", "[[a\nb]]", "[[a]", "[[a [b]]", "[x](y)", "[[|]]"] {
            assert!(wikilinks(not).is_empty(), "{not}");
        }
        assert!(matches!(as_read("纯文本"), Cow::Borrowed(_)));
        assert_eq!(as_read("[[甲<br>乙]]"), "甲<br>乙");
        let long = format!("[[{}]]", "长".repeat(100));
        assert!(wikilinks(&long).is_empty());
    }
}
