//! Any text: web addresses are found inside it on character boundaries,
//! masking keeps every offset, and rendering the text with them gives
//! well-nested `<a>`, `<strong>`, `<em>`, `<del>`, `<code>` and `<sup>`,
//! no link inside a link and no unescaped markup, as a line
//! and as prose blocks (paragraphs, lists, tables, headings, quotes),
//! with every Markdown image shown or not and every footnote reference
//! to a note or not.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for l in recap::urls::find(text) {
        assert!(l.whole.start <= l.text.start && l.text.end <= l.whole.end);
        assert!(text.is_char_boundary(l.whole.start) && text.is_char_boundary(l.whole.end));
        assert!(
            ["http://", "https://", "mailto:"].iter().any(|s| l.href.starts_with(s)),
            "{}",
            l.href
        );
    }
    let masked = recap::urls::mask(text);
    assert_eq!(masked.len(), text.len());
    let html = recap::render::text::linked_text(text, &[]);
    assert_nested(&html);
    assert!(!html.contains("<script"));
    let found = recap::media::find(text);
    for (a, b) in found.iter().zip(found.iter().skip(1)) {
        assert!(a.whole.end <= b.whole.start);
    }
    for r in &found {
        assert!(text.is_char_boundary(r.whole.start) && text.is_char_boundary(r.whole.end));
        assert!(text[r.whole.clone()].starts_with("![") && text[r.whole.clone()].ends_with(')'));
    }
    let pairs: Vec<(&str, &str)> = found.iter().map(|r| (r.target, "/media/i.png")).collect();
    let notes: Vec<recap::model::Footnote> = recap::footnotes::references(text)
        .iter()
        .enumerate()
        .map(|(i, r)| recap::model::Footnote {
            label: r.label.to_string(),
            number: i + 1,
            text: String::new(),
            line: 1,
        })
        .collect();
    let images = recap::render::text::Shows::new(recap::media::Images::from_pairs(&pairs), &notes);
    let shown = recap::render::text::linked_text_with(text, &[], &images);
    assert_nested(&shown);
    // An image in a span of code is shown as code.
    let code = recap::inline_code::spans(text);
    let outside_code = found
        .iter()
        .filter(|r| {
            !code.iter().any(|c| {
                c.whole.start < r.whole.end
                    && r.whole.start < c.whole.end
                    && !(r.whole.start <= c.whole.start && c.whole.end <= r.whole.end)
            })
        })
        .count();
    assert_eq!(shown.matches("<img ").count(), outside_code);
    assert!(!shown.contains("<script"));
    for blocks in [
        recap::render::text::prose_blocks(text, &[]),
        recap::render::text::prose_blocks_with(text, &[], &images),
    ] {
        check_blocks(&blocks);
    }
});

fn check_blocks(blocks: &str) {
    for (open, close) in [
        ("<a ", "</a>"),
        ("<strong>", "</strong>"),
        ("<em>", "</em>"),
        ("<del>", "</del>"),
        ("<p>", "</p>"),
        ("<li>", "</li>"),
        ("<table>", "</table>"),
        ("<tr>", "</tr>"),
        ("<h3>", "</h3>"),
        ("<blockquote>", "</blockquote>"),
    ] {
        assert_eq!(blocks.matches(open).count(), blocks.matches(close).count(), "{open}");
    }
    assert!(!blocks.contains("<script"));
}

/// The inline elements of `html` open and close in stack order, none
/// empty.
fn assert_nested(html: &str) {
    let tags = ["a", "strong", "em", "del", "code", "sup"];
    let mut stack: Vec<&str> = Vec::new();
    let mut last_open: Option<usize> = None;
    for (at, _) in html.match_indices('<') {
        let rest = &html[at + 1..];
        if let Some(rest) = rest.strip_prefix('/') {
            let name = rest.split('>').next().unwrap_or("");
            if tags.contains(&name) {
                assert_eq!(stack.pop(), Some(name), "{html}");
                if name != "code" {
                    assert_ne!(last_open, Some(at), "empty <{name}> in {html}");
                }
            }
        } else {
            let name = rest.split([' ', '>']).next().unwrap_or("");
            if let Some(&t) = tags.iter().find(|&&t| t == name) {
                assert!(t != "a" || !stack.contains(&"a"), "a link in a link: {html}");
                stack.push(t);
                last_open = Some(at + rest.find('>').unwrap_or(0) + 2);
            }
        }
    }
    assert!(stack.is_empty(), "{html}");
}
