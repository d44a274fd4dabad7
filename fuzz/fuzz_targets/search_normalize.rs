//! The search index's normalisation must be NFKC, then lowercase, then
//! traditional characters folded to simplified by the table the browser
//! is given, for any text, whichever path (the table-free one for common
//! text, or the general one) it takes.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

fn fold() -> &'static HashMap<char, char> {
    static FOLD: OnceLock<HashMap<char, char>> = OnceLock::new();
    FOLD.get_or_init(|| {
        let pairs: Vec<char> = recap::search::fold_pairs().chars().collect();
        pairs.chunks(2).map(|p| (p[0], p[1])).collect()
    })
}

fuzz_target!(|text: &str| {
    let general: String = text
        .nfkc()
        .collect::<String>()
        .to_lowercase()
        .chars()
        .map(|c| *fold().get(&c).unwrap_or(&c))
        .collect();
    assert_eq!(recap::search::normalize(text), general);
});
