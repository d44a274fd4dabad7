//! The front matter splitter must never panic, a body it returns must be
//! a suffix of the input, and an error must name a line of the input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = std::str::from_utf8(data) {
        // With `\n` line ends, as the parsers hand it over.
        let text = &raw.replace("\r\n", "\n").replace('\r', "\n");
        match recap::parse::frontmatter::split(text) {
            Ok(split) => assert!(text.ends_with(split.body)),
            // An error names a line of the file.
            Err(e) => assert!(e.line >= 1 && e.line <= text.lines().count() + 1, "{e:?}"),
        }
        let _ = recap::parse::page::parse_page("fuzz.md", raw);
    }
});
