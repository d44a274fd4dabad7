//! Which Latin words are ordinary English: a frequency-ranked word list
//! (`words.txt`, built into the binary) and a few closed word classes.
//!
//! Matching uses it to make names like `Writer` or `Quick` case-sensitive;
//! discovery uses it to keep ordinary words from becoming entity pages.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

const WORDS: &str = include_str!("words.txt");

/// Build the word table now (see [`super::warm_up_first_pass`]).
pub fn warm_up() {
    table();
}

/// Built on first use, which every build with Latin names reaches: with
/// SipHash and no reserved room this took as long as parsing the recaps.
fn table() -> &'static FxHashMap<&'static str, u32> {
    static TABLE: OnceLock<FxHashMap<&'static str, u32>> = OnceLock::new();
    TABLE.get_or_init(|| {
        // Room for every line up front (the header's few lines included).
        let lines = WORDS.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut table = FxHashMap::with_capacity_and_hasher(lines, Default::default());
        let words = WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty());
        for (i, w) in words.enumerate() {
            table.insert(w, i as u32);
        }
        table
    })
}

/// Words ranked below this are common (Zipf frequency >= 3.4): `writer`,
/// `quick`, `elastic`. The rest of the list is rarer English (`schema`).
pub const COMMON: usize = 16953;

/// True for a frequent English word, any case.
pub fn is_common(word: &str) -> bool {
    rank(word).is_some_and(|r| r < COMMON)
}

/// Frequency rank of an English word (0 = most frequent), any case; `None`
/// for words outside the list.
pub fn rank(word: &str) -> Option<usize> {
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return table().get(word).map(|&r| r as usize);
    }
    // Lower-case on the stack: this runs for every Latin word of a corpus.
    let mut buf = [0u8; 32];
    let bytes = word.as_bytes();
    if bytes.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
        table().get(lower).map(|&r| r as usize)
    } else {
        table()
            .get(word.to_ascii_lowercase().as_str())
            .map(|&r| r as usize)
    }
}

/// Like [`rank`], but also finds inflected forms the list lacks:
/// `embeddings` → `embedding`, `rebuilds` → `rebuild`, `moved` → `move`.
pub fn rank_inflected(word: &str) -> Option<usize> {
    let w = word.to_ascii_lowercase();
    if let Some(r) = rank(&w) {
        return Some(r);
    }
    let stems: [(&str, &str); 7] = [
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ];
    stems.iter().find_map(|(suffix, add)| {
        let base = w.strip_suffix(suffix)?;
        if base.len() < 3 {
            return None;
        }
        rank(&format!("{base}{add}"))
    })
}

/// Articles, prepositions, conjunctions, pronouns: words that end a
/// capitalised name run and are trimmed from its edges.
pub fn is_function_word(word: &str) -> bool {
    const FUNCTION: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "from",
        "by", "with", "without", "into", "onto", "over", "under", "about", "as", "via", "per",
        "vs", "versus", "than", "then", "this", "that", "these", "those", "our", "your", "their",
        "its", "his", "her", "my", "we", "you", "they", "it", "he", "she", "i", "is", "are", "was",
        "were", "be", "been", "not", "no", "yes", "if", "so", "also", "all", "any", "each",
        "every", "both", "new", "how", "why", "what", "when", "where", "who", "which",
    ];
    FUNCTION.contains(&word.to_ascii_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_ordinary_words_and_not_names() {
        assert!(rank("writer").is_some());
        assert!(rank("Quick").is_some());
        assert!(rank("the").unwrap() < 10);
        assert!(rank("kubernetes").is_none());
        assert!(rank("grafana").is_none());
        assert!(rank_inflected("Results").is_some());
        assert!(rank_inflected("Moved").is_some());
        assert!(rank_inflected("rebuilds").is_some());
        assert!(is_function_word("Without"));
        assert!(!is_function_word("Cloud"));
    }

    #[test]
    fn the_table_holds_the_whole_list() {
        assert!(table().len() > 30_000);
    }
}
