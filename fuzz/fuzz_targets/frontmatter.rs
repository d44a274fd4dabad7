//! The front matter splitter must never panic, and a body it returns must be
//! a suffix of the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(split) = recap::parse::frontmatter::split(text) {
            assert!(text.ends_with(split.body));
        }
        let _ = recap::parse::page::parse_page("fuzz.md", text);
    }
});
