//! Any text: web addresses are found inside it on character boundaries,
//! masking keeps every offset, and rendering the text with them gives
//! balanced `<a>` and `<strong>` tags and no unescaped markup, as a line
//! and as prose blocks (paragraphs, lists, tables, headings, quotes).
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
    assert_eq!(html.matches("<a ").count(), html.matches("</a>").count());
    assert_eq!(html.matches("<strong>").count(), html.matches("</strong>").count());
    assert!(!html.contains("<script"));
    let blocks = recap::render::text::prose_blocks(text, &[]);
    for (open, close) in [
        ("<a ", "</a>"),
        ("<strong>", "</strong>"),
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
});
