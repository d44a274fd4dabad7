//! Finding the first of a few ASCII bytes in a long text, eight bytes at a
//! time: the writers escape hundreds of megabytes of mostly Chinese text,
//! where a byte-at-a-time scan was half their work.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// A word's bytes below `n` (`n <= 128`), flagged in their top bit. Only
/// bytes at or after a real one may be flagged wrongly, so the word is
/// non-zero exactly when it holds such a byte.
pub fn below(word: u64, n: u8) -> u64 {
    word.wrapping_sub(ONES * u64::from(n)) & !word & HIGHS
}

/// A word's bytes equal to `b`, flagged as in [`below`].
pub fn equal(word: u64, b: u8) -> u64 {
    below(word ^ (ONES * u64::from(b)), 1)
}

/// The index of the first byte from `from` on that `wanted` accepts, or the
/// length of `bytes`. `flags` must be non-zero for every eight-byte word
/// holding such a byte (built from [`below`] and [`equal`]).
pub fn find(
    bytes: &[u8],
    from: usize,
    flags: impl Fn(u64) -> u64,
    wanted: impl Fn(u8) -> bool,
) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        if flags(u64::from_le_bytes(chunk.try_into().expect("eight bytes"))) != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && !wanted(bytes[i]) {
        i += 1;
    }
    i
}

/// Where `pair` first is in `bytes`. For two bytes a plain `memchr` for
/// the first is cheaper than building a `memmem` searcher, which costs
/// more than searching a sentence (and every sentence of a site is
/// searched for several pairs).
pub fn find_pair(bytes: &[u8], pair: [u8; 2]) -> Option<usize> {
    memchr::memchr_iter(pair[0], bytes).find(|&i| bytes.get(i + 1) == Some(&pair[1]))
}

/// Where the first `**` (the recaps' emphasis marker) of `text` starts.
/// A `str` search sets itself up on every call, which cost more than the
/// search on the short texts this runs on, a few hundred thousand times.
pub fn find_bold(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memchr_iter(b'*', b).find(|&i| b.get(i + 1) == Some(&b'*'))
}

/// `text` without its `**` markers (as `text.replace("**", "")`),
/// borrowed when it has none.
pub fn without_bold(text: &str) -> std::borrow::Cow<'_, str> {
    let Some(first) = find_bold(text) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut next = Some(first);
    while let Some(k) = next {
        out.push_str(&text[at..at + k]);
        at += k + 2;
        next = find_bold(&text[at..]);
    }
    out.push_str(&text[at..]);
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pair_is_found_where_it_first_is() {
        assert_eq!(find_pair(b"a~b~~c~~", *b"~~"), Some(3));
        assert_eq!(find_pair(b"[[[x", *b"[["), Some(0));
        assert_eq!(find_pair(b"[ ^ [", *b"[^"), None);
        assert_eq!(find_pair(b"", *b"[^"), None);
    }

    #[test]
    fn finds_the_first_wanted_byte_at_every_offset() {
        let wanted = |b: u8| b < 0x20 || b == b'"';
        let flags = |w: u64| below(w, 0x20) | equal(w, b'"');
        for at in 0..24 {
            for b in [b'"', b'\n', 0u8, 0x1f] {
                let mut text = "中文a".repeat(6).into_bytes();
                text.truncate(20);
                text.insert(at.min(text.len()), b);
                let want = text.iter().position(|&c| wanted(c)).unwrap();
                assert_eq!(find(&text, 0, flags, wanted), want, "{at} {b}");
            }
        }
        let plain = "中文 Amazon S3 ! # ~ \u{7f}".as_bytes();
        assert_eq!(find(plain, 0, flags, wanted), plain.len());
    }

    #[test]
    fn bold_markers_are_found_and_taken_out_as_str_would() {
        for text in [
            "",
            "*",
            "**",
            "***",
            "****",
            "a**b",
            "**加粗**文字",
            "a*b*c",
            "x***y**z",
            "中**",
            "**a",
            "末尾*",
            "* *",
        ] {
            assert_eq!(find_bold(text), text.find("**"), "{text:?}");
            assert_eq!(without_bold(text), text.replace("**", ""), "{text:?}");
        }
    }
}
