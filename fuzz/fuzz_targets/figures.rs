//! Key figures are found in any text without a panic, each one where it
//! says it is, left to right and never overlapping another.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut end = 0;
    for f in recap::enrich::numbers::find(text) {
        assert!(end <= f.start && f.start < f.end, "{f:?} after {end}");
        assert_eq!(&text[f.start..f.end], f.text);
        end = f.end;
    }
});
