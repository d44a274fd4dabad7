//! Which Latin words are ordinary English: a frequency-ranked word list
//! (`words.txt`, built into the binary) and a few closed word classes.
//!
//! Matching uses it to make names like `Writer` or `Quick` case-sensitive;
//! discovery uses it to keep ordinary words from becoming entity pages.

const WORDS: &str = include_str!("words.txt");

include!("word_hash.rs");

/// Laid out by `build.rs` (see its `word_table`): per slot, 0 or a rank + 1.
static SLOTS: &[u8; 2 * WORD_SLOTS] = include_bytes!(concat!(env!("OUT_DIR"), "/word_slots.bin"));
/// Per rank, where the word's line starts in [`WORDS`].
static STARTS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/word_starts.bin"));

/// The rank of `word` (lower case) in the list.
fn lookup(word: &str) -> Option<usize> {
    let key = word.as_bytes();
    let mut slot = word_slot(key);
    loop {
        let rank = usize::from(u16::from_le_bytes([SLOTS[2 * slot], SLOTS[2 * slot + 1]]));
        if rank == 0 {
            return None;
        }
        let rank = rank - 1;
        let at = &STARTS[4 * rank..4 * rank + 4];
        let start = u32::from_le_bytes([at[0], at[1], at[2], at[3]]) as usize;
        let line = &WORDS.as_bytes()[start..];
        if line.starts_with(key) && line.get(key.len()).is_none_or(|&b| b == b'\n') {
            return Some(rank);
        }
        slot = (slot + 1) & (WORD_SLOTS - 1);
    }
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
        return lookup(word);
    }
    // Lower-case on the stack: this runs for every Latin word of a corpus.
    let mut buf = [0u8; 32];
    let bytes = word.as_bytes();
    if bytes.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&buf[..bytes.len()]).ok()?;
        lookup(lower)
    } else {
        lookup(&word.to_ascii_lowercase())
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
    // No word of the list is longer than seven letters.
    word.len() <= 7 && FUNCTION.iter().any(|f| f.eq_ignore_ascii_case(word))
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
    fn every_listed_word_is_found_at_its_rank() {
        let words: Vec<&str> = WORDS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert!(words.len() > 30_000);
        for (rank, w) in words.iter().enumerate() {
            assert_eq!(lookup(w), Some(rank), "{w}");
        }
        // Prefixes and extensions of listed words are found only if listed.
        for probe in ["th", "the", "thexyz", "writ", "writers", "", "kubernetes"] {
            assert_eq!(
                lookup(probe),
                words.iter().position(|w| *w == probe),
                "{probe}"
            );
        }
    }
}
