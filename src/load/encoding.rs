//! Recaps saved in the encodings editors still use, turned into UTF-8 so
//! the rest of the pipeline sees one encoding. Each is recognised by its
//! bytes alone (no guessing from the file name): a byte-order mark for
//! UTF-16, and for the legacy Chinese encodings, byte pairs that nearly all
//! fall in the encoding's common characters. Anything else is left as it
//! is and reported as not UTF-8 by the parse, with the line to look at.

/// `bytes` in UTF-8, and the legacy encoding they were read from (for a
/// warning), or `bytes` unchanged when they are in none of those.
pub fn to_utf8(bytes: Vec<u8>) -> (Vec<u8>, Option<&'static str>) {
    if let Some(utf8) = utf16_to_utf8(&bytes) {
        return (utf8, None);
    }
    if let Some(utf8) = gb18030_to_utf8(&bytes) {
        return (utf8, Some("GB18030 (GBK)"));
    }
    if let Some(utf8) = big5_to_utf8(&bytes) {
        return (utf8, Some("Big5"));
    }
    (bytes, None)
}

/// `bytes` as UTF-8 if they are UTF-16 text behind a byte-order mark,
/// the mark dropped; `None` for anything else, or for UTF-16 with unpaired
/// surrogates (which then reads as binary).
fn utf16_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (unit, body): (fn([u8; 2]) -> u16, _) = match bytes {
        [0xFF, 0xFE, body @ ..] => (u16::from_le_bytes, body),
        [0xFE, 0xFF, body @ ..] => (u16::from_be_bytes, body),
        _ => return None,
    };
    if body.len() % 2 != 0 {
        return None;
    }
    let units = body.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .ok()
        .map(String::into_bytes)
}

/// `bytes` as UTF-8 if they are Chinese text in GB18030 (a superset of
/// GBK and GB2312): every byte sequence valid GB18030, and nearly every
/// two-byte character in GB2312's common range. Big5 (traditional
/// Chinese) also decodes as GBK, into the wrong characters, but about four
/// in ten of its characters fall outside that range, so it is left to
/// [`big5_to_utf8`].
fn gb18030_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    legacy_to_utf8(bytes, encoding_rs::GB18030, |lead, trail| {
        Some(if (0x30..=0x39).contains(&trail) {
            Char::FourBytes
        } else {
            Char::TwoBytes {
                common: (0xA1..=0xF7).contains(&lead) && (0xA1..=0xFE).contains(&trail),
            }
        })
    })
}

/// `bytes` as UTF-8 if they are traditional Chinese text in Big5: every
/// two-byte character well formed, and nearly all of them among Big5's
/// punctuation and its frequently used characters (lead bytes `A1`–`C6`),
/// where ordinary text keeps to. GB18030 is tried first.
fn big5_to_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    legacy_to_utf8(bytes, encoding_rs::BIG5, |lead, trail| {
        matches!(trail, 0x40..=0x7E | 0xA1..=0xFE).then_some(Char::TwoBytes {
            common: (0xA1..=0xC6).contains(&lead),
        })
    })
}

/// A character of a legacy Chinese encoding, by its first two bytes.
enum Char {
    /// Counted: whether it is among the encoding's common characters.
    TwoBytes { common: bool },
    /// GB18030's four-byte characters, rare in text: not counted.
    FourBytes,
}

/// `bytes` decoded from `encoding` if they are not UTF-8, hold no NUL, and
/// `char_at` (given a lead byte and the next) finds every character well
/// formed and nine in ten of the two-byte ones common.
fn legacy_to_utf8(
    bytes: &[u8],
    encoding: &'static encoding_rs::Encoding,
    char_at: impl Fn(u8, u8) -> Option<Char>,
) -> Option<Vec<u8>> {
    if bytes.is_ascii() || bytes.contains(&0) || std::str::from_utf8(bytes).is_ok() {
        return None;
    }
    let (mut pairs, mut common) = (0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x00..=0x7F => i += 1,
            lead @ 0x81..=0xFE => match char_at(lead, *bytes.get(i + 1)?)? {
                Char::FourBytes => i += 4,
                Char::TwoBytes { common: c } => {
                    pairs += 1;
                    common += usize::from(c);
                    i += 2;
                }
            },
            _ => return None,
        }
    }
    if common * 10 < pairs * 9 {
        return None;
    }
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(bytes)?
        .into_owned();
    Some(text.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in text.encode_utf16() {
            bytes.extend(if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            });
        }
        bytes
    }

    /// `text` saved in `encoding`.
    fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} is all in {}", encoding.name());
        bytes.into_owned()
    }

    const SIMPLIFIED: &str =
        "# 亚马逊云科技大会：Amazon Bedrock 发布会\r\n\r\n## 时间线\n00:00 - 开场，讲者介绍新功能。\n";
    const TRADITIONAL: &str = "# 亞馬遜雲端運算大會：資料庫與機器學習的發展\n\n00:00 - 開場，講者說明這個會議的目標與範圍。\n";

    #[test]
    fn utf8_is_left_as_it_is() {
        let (bytes, from) = to_utf8(SIMPLIFIED.as_bytes().to_vec());
        assert_eq!((bytes.as_slice(), from), (SIMPLIFIED.as_bytes(), None));
    }

    #[test]
    fn gbk_is_read_as_gb18030() {
        let (bytes, from) = to_utf8(encoded(encoding_rs::GBK, SIMPLIFIED));
        assert_eq!(String::from_utf8(bytes).unwrap(), SIMPLIFIED);
        assert_eq!(from, Some("GB18030 (GBK)"));
    }

    #[test]
    fn big5_is_read_as_big5_not_as_gbk() {
        let big5 = encoded(encoding_rs::BIG5, TRADITIONAL);
        assert!(gb18030_to_utf8(&big5).is_none());
        let (bytes, from) = to_utf8(big5);
        assert_eq!(String::from_utf8(bytes).unwrap(), TRADITIONAL);
        assert_eq!(from, Some("Big5"));
    }

    #[test]
    fn gbk_is_not_taken_for_big5() {
        assert!(big5_to_utf8(&encoded(encoding_rs::GBK, SIMPLIFIED)).is_none());
    }

    #[test]
    fn latin1_and_broken_bytes_are_left_as_they_are() {
        for bytes in [
            b"# Caf\xe9 cr\xe8me\n\n00:00 - d\xe9but\n".to_vec(),
            // A Big5 lead byte at the very end, cut off from its trail.
            [encoded(encoding_rs::BIG5, TRADITIONAL), vec![0xA4]].concat(),
        ] {
            let (out, from) = to_utf8(bytes.clone());
            assert_eq!((out, from), (bytes, None));
        }
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let text = "# 会议：Bedrock 🎉\r\n\r\n00:00 - 开场\n";
        for big_endian in [false, true] {
            let (bytes, from) = to_utf8(utf16(text, big_endian));
            assert_eq!(
                (String::from_utf8(bytes).unwrap().as_str(), from),
                (text, None)
            );
        }
    }

    #[test]
    fn utf16_without_a_mark_or_with_a_lone_surrogate_is_left_as_it_is() {
        let mut no_mark = utf16("# 会议", false);
        no_mark.drain(..2);
        let mut lone = utf16("# 会议", false);
        lone.extend(0xD800u16.to_le_bytes());
        for bytes in [no_mark, lone] {
            assert_eq!(to_utf8(bytes.clone()), (bytes, None));
        }
    }
}
