//! Figures typed in full width (`３０％`, `３．５倍`, `１２００万`), as a
//! Chinese input method writes digits in its full-width mode: read as
//! their ASCII selves, kept as written.

use super::Figure;

/// Whether `text` has a full-width digit (`０`–`９`: EF BC 90–99).
pub fn has_digits(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(0xEF, b).any(|i| {
        b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|c| (0x90..=0x99).contains(c))
    })
}

/// `text` with full-width digits and decimal points (`．`) written in
/// ASCII, and for each byte of the result where the byte it came from
/// starts, one more for the end.
fn folded(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        let ascii = match c {
            '\u{FF10}'..='\u{FF19}' => char::from_u32(c as u32 - 0xFEE0),
            '\u{FF0E}' => Some('.'),
            _ => None,
        };
        match ascii {
            Some(a) => {
                out.push(a);
                map.push(i);
            }
            None => {
                out.push(c);
                map.extend(i..i + c.len_utf8());
            }
        }
    }
    map.push(text.len());
    (out, map)
}

/// The figures of `text`, found in its ASCII reading by `find`, with their
/// places and text as written.
pub fn find_folded(text: &str, find: impl Fn(&str) -> Vec<Figure>) -> Vec<Figure> {
    let (ascii, map) = folded(text);
    find(&ascii)
        .into_iter()
        .map(|mut f| {
            // A change's figure before, as written too.
            if let Some(from) = &f.from {
                if let Some(at) = ascii[f.start..f.end].find(from.as_str()) {
                    let at = f.start + at;
                    f.from = Some(text[map[at]..map[at + from.len()]].to_string());
                }
            }
            f.start = map[f.start];
            f.end = map[f.end];
            f.text = text[f.start..f.end].to_string();
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_digits_are_found() {
        assert!(has_digits("成本降低３０％"));
        assert!(!has_digits("成本降低，三成：（无）．"));
        let (ascii, map) = folded("降低３．５倍");
        assert_eq!(ascii, "降低3.5倍");
        assert_eq!(map.len(), ascii.len() + 1);
        assert_eq!(map[6], 6);
        assert_eq!(map[9], 15);
        assert_eq!(*map.last().unwrap(), "降低３．５倍".len());
    }
}
