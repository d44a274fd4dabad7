//! A compact text encoding for postings lists.
//!
//! Index shards are JavaScript files loaded with `<script>` (so search works
//! from `file://`, where there is no gzip and no `fetch`), which makes every
//! byte count. A posting is the gap to the previous document id as a
//! little-endian base-32 varint (5 bits a character, the sixth bit says
//! "more follows") and one character for the quantised term weight. Both
//! use the 64-character alphabet below, which needs no escaping in a JSON
//! string. A typical posting is two characters.

/// The 64 symbols, in value order.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The largest weight one character can hold.
pub const MAX_WEIGHT: u8 = 63;

fn push_varint(out: &mut String, mut v: u32) {
    loop {
        let low = (v & 31) as usize;
        v >>= 5;
        if v == 0 {
            out.push(ALPHABET[low] as char);
            return;
        }
        out.push(ALPHABET[low | 32] as char);
    }
}

/// What a postings list stores of `doc`: the number of documents skipped
/// since the previous one (`prev`), or `doc` itself for the first.
pub fn gap(prev: Option<u32>, doc: u32) -> u32 {
    match prev {
        None => doc,
        Some(p) => {
            debug_assert!(doc > p, "postings must be sorted and unique");
            doc - p - 1
        }
    }
}

/// Encode `(doc, weight)` pairs; `doc` must be strictly increasing and
/// `weight` at most [`MAX_WEIGHT`].
pub fn encode_postings(postings: &[(u32, u8)]) -> String {
    let mut w = PostingsWriter::default();
    for &(doc, weight) in postings {
        w.push(doc, weight);
    }
    w.out
}

/// A postings list encoded as it grows, so an index build never holds the
/// raw `(doc, weight)` pairs of the whole site (tens of millions on a big
/// one), only their two-character encodings.
#[derive(Debug, Default)]
pub struct PostingsWriter {
    prev: Option<u32>,
    len: usize,
    out: String,
}

impl PostingsWriter {
    /// Append a posting; `doc` must be greater than the previous one.
    pub fn push(&mut self, doc: u32, weight: u8) {
        push_varint(&mut self.out, gap(self.prev, doc));
        self.out
            .push(ALPHABET[weight.min(MAX_WEIGHT) as usize] as char);
        self.prev = Some(doc);
        self.len += 1;
    }

    /// Postings pushed so far.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    pub fn finish(self) -> String {
        self.out
    }
}

/// Encode non-negative numbers as a string of varints (for the gaps between
/// page starts in the index metadata).
pub fn encode_varints(values: impl IntoIterator<Item = u32>) -> String {
    let mut out = String::new();
    for v in values {
        push_varint(&mut out, v);
    }
    out
}

/// The inverse of [`encode_varints`]; `None` on malformed input.
pub fn decode_varints(s: &str) -> Option<Vec<u32>> {
    let value = |b: u8| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32);
    let mut out = Vec::new();
    let mut bytes = s.bytes();
    while let Some(first) = bytes.next() {
        let mut v = value(first)?;
        let mut n = v & 31;
        let mut shift = 5;
        while v & 32 != 0 {
            v = value(bytes.next()?)?;
            n |= (v & 31).checked_shl(shift)?;
            shift += 5;
        }
        out.push(n);
    }
    Some(out)
}

/// The inverse of [`encode_postings`]; `None` on malformed input. Used by
/// tests (the browser has its own decoder in `search.js`).
pub fn decode_postings(s: &str) -> Option<Vec<(u32, u8)>> {
    let value = |b: u8| ALPHABET.iter().position(|&a| a == b).map(|p| p as u32);
    let mut out = Vec::new();
    let mut bytes = s.bytes();
    let mut prev: Option<u32> = None;
    while let Some(first) = bytes.next() {
        let mut v = value(first)?;
        let mut gap = v & 31;
        let mut shift = 5;
        while v & 32 != 0 {
            v = value(bytes.next()?)?;
            gap |= (v & 31).checked_shl(shift)?;
            shift += 5;
        }
        let doc = match prev {
            None => gap,
            Some(p) => p.checked_add(gap)?.checked_add(1)?,
        };
        let weight = value(bytes.next()?)? as u8;
        out.push((doc, weight));
        prev = Some(doc);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let p = vec![(0, 1), (1, 63), (2, 5), (40, 7), (1_000, 0), (70_000, 12)];
        let s = encode_postings(&p);
        assert_eq!(decode_postings(&s).unwrap(), p);
    }

    #[test]
    fn varints_round_trip() {
        let v = vec![0, 1, 31, 32, 1023, 1024, 5_000_000];
        let s = encode_varints(v.iter().copied());
        assert_eq!(s.len(), 1 + 1 + 1 + 2 + 2 + 3 + 5);
        assert_eq!(decode_varints(&s).unwrap(), v);
        assert!(decode_varints("Z").is_none());
    }

    #[test]
    fn dense_postings_take_two_characters_each() {
        let p: Vec<(u32, u8)> = (0..100).map(|d| (d * 3, 9)).collect();
        assert_eq!(encode_postings(&p).len(), 200);
    }

    #[test]
    fn alphabet_needs_no_escaping() {
        let s = String::from_utf8(ALPHABET.to_vec()).unwrap();
        assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{s}\""));
    }

    #[test]
    fn malformed_input_is_rejected() {
        assert!(decode_postings("!").is_none());
        assert!(decode_postings("Z").is_none()); // continuation with nothing after
        assert!(decode_postings("1").is_none()); // doc without weight
    }
}
