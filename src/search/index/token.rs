//! Tokens with their hash computed once, and the maps keyed by them.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// How many maps the postings are split over while they are filled.
pub(super) const PARTS: usize = 16;

/// A token with its hash, computed once where its document is tokenised
/// (in parallel): the postings loop looks tokens up tens of millions of
/// times on a large site.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Token<'a> {
    pub(super) hash: u64,
    pub(super) text: &'a str,
}

impl<'a> Token<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let mut h = Fnv::default();
        h.write(text.as_bytes());
        Token {
            hash: h.finish(),
            text,
        }
    }

    pub(super) fn part(&self) -> usize {
        (self.hash % PARTS as u64) as usize
    }
}

impl std::hash::Hash for Token<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A map keyed by [`Token`]s, which carry their hash: the map uses it as
/// it is. The maps never reach the output, so hash order cannot leak.
pub(super) type TokenMap<'a, V> = HashMap<Token<'a>, V, BuildHasherDefault<Prehashed>>;

#[derive(Default)]
pub(super) struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, _: &[u8]) {
        unreachable!("tokens hash as one u64")
    }

    fn write_u64(&mut self, hash: u64) {
        self.0 = hash;
    }
}

/// Tokens are a few bytes long and hashed tens of millions of times on a
/// large site; FNV-1a is several times faster than the default SipHash.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}
