//! The search index's normalisation must be NFKC then lowercase for any
//! text, whichever path (the table-free one for common text, or the
//! general one) it takes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use unicode_normalization::UnicodeNormalization;

fuzz_target!(|text: &str| {
    let general = text.nfkc().collect::<String>().to_lowercase();
    assert_eq!(recap::search::normalize(text), general);
});
