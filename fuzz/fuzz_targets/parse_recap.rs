//! Any text must parse to a session without panicking, and every timed
//! entry must get an anchor.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let r = recap::parse::recap::parse_recap("fuzz.txt", text);
        for e in r.session.entries() {
            assert!(!e.anchor.is_empty());
        }
        let _ = r.session.duration();
    }
});
