//! The name-like tokens of a unit, read byte by byte.

/// The spans of name-like tokens in `text`: a letter or digit (Latin,
/// accented Latin `À`–`ɏ`), then letters, digits and the joiners
/// `.&+'’:-`, ending on a letter, digit or `+`. As the regex
/// `[A-Za-z0-9À-ɏ](?:[A-Za-z0-9À-ɏ.&+'’:\-]*[A-Za-z0-9À-ɏ+])?` finds them,
/// but read byte by byte: the regex engine cost more than the rest of
/// discovery's reading of a unit.
pub(super) fn tokens(text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    // The UTF-8 width of the letter or digit at `i`, or 0. `À`–`ɏ` are
    // U+00C0–U+024F: lead bytes C3–C8, and C9 with 80–8F after it. A
    // continuation byte (80–BF) is never taken for either.
    let letter = |i: usize| match b[i] {
        b'0'..=b'9' | b'A'..=b'Z' | b'a'..=b'z' => 1,
        0xC3..=0xC8 => 2,
        0xC9 if b.get(i + 1).is_some_and(|&x| x <= 0x8F) => 2,
        _ => 0,
    };
    let joiner = |i: usize| match b[i] {
        b'.' | b'&' | b'\'' | b':' | b'-' => 1,
        0xE2 if b[i + 1..].starts_with(&[0x80, 0x99]) => 3,
        _ => 0,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let w = letter(i);
        if w == 0 {
            i += 1;
            continue;
        }
        let start = i;
        i += w;
        let mut end = i;
        while i < b.len() {
            let w = match letter(i) {
                0 if b[i] == b'+' => 1,
                w => w,
            };
            if w > 0 {
                i += w;
                end = i;
            } else {
                match joiner(i) {
                    0 => break,
                    j => i += j,
                }
            }
        }
        // Joiners after `end` start no token: going on from `i` skips
        // only them.
        out.push((start, end));
    }
    out
}
