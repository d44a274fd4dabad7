// Included by `build.rs`, which lays out the English word table, and by
// `words.rs`, which probes it: both must hash a word the same way.

/// Slots in the word table: a power of two, over three times the words so
/// probes stay short.
const WORD_SLOTS: usize = 1 << 17;

/// The word table's first slot for `word` (FNV-1a, 32 bits).
fn word_slot(word: &[u8]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for &b in word {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h as usize & (WORD_SLOTS - 1)
}
