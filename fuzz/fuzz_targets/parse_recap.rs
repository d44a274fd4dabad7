//! Any bytes must load and parse without panicking: text in any encoding
//! recap reads (UTF-8, UTF-16 with a mark, GB18030, Big5) becomes a session in
//! which every timed entry has an anchor, a timeline read as times of
//! day is in order within a day and the footnotes are numbered 1, 2, 3…
//! with no label twice; anything else is one diagnostic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use recap::load::Source;

fuzz_target!(|data: &[u8]| {
    let src = Source::new("fuzz.txt".into(), "fuzz.txt".into(), data.to_vec());
    if let Some(utf8) = src.decoded_from.map(|_| &src.bytes) {
        assert!(std::str::from_utf8(utf8).is_ok(), "decoded text is UTF-8");
    }
    let (session, diagnostics) = recap::parse::parse_recap_source(&src);
    match session {
        Some(session) => {
            for e in session.entries() {
                assert!(!e.anchor.is_empty());
            }
            let _ = session.duration();
            for (i, n) in session.footnotes.iter().enumerate() {
                assert_eq!(n.number, i + 1);
                assert!(session.footnotes[..i].iter().all(|m| m.label != n.label));
            }
            // A timeline read as times of day is in order, and shorter
            // than a day (it may go past midnight).
            if let Some(start) = session.clock_start {
                assert!(start < 24 * 3600);
                let starts: Vec<u32> = session.entries().filter_map(|e| e.start).collect();
                assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
                assert!(starts.iter().all(|&t| t < 24 * 3600));
            }
        }
        None => assert_eq!(diagnostics.len(), 1, "an unreadable file is one error"),
    }
});
