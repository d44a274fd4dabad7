//! HTML character references pasted into recaps: `&nbsp;`, `AT&amp;T`,
//! `&#8212;`. Web editors and HTML-to-Markdown converters leave them in
//! the text, and a reader should see the character, not the reference.
//! They are read as Markdown reads them: outside code (a fenced block or
//! a backtick span keeps `&amp;` as written), and only references that
//! name a character (`&foo;` and `R&D;` stay text). A no-break space is
//! read as a space, as the parser reads spaces.

use std::borrow::Cow;

/// The named references note-takers' text carries, and what each stands
/// for.
const NAMED: [(&str, &str); 24] = [
    ("nbsp", " "),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ensp", " "),
    ("emsp", " "),
    ("thinsp", " "),
    ("mdash", "—"),
    ("ndash", "–"),
    ("hellip", "…"),
    ("middot", "·"),
    ("bull", "•"),
    ("times", "×"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("yen", "¥"),
    ("euro", "€"),
];

/// `text` with its character references outside code replaced by their
/// characters; borrowed when it has none. Lines stay lines: no reference
/// is read as a line break or another control character.
pub fn decoded(text: &str) -> Cow<'_, str> {
    let b = text.as_bytes();
    if memchr::memchr(b'&', b).is_none() || memchr::memchr(b';', b).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<(char, usize)> = None;
    for line in text.split_inclusive('\n') {
        let opens = fence_of(line);
        match (fence, opens) {
            (Some((c, n)), Some((d, m))) if c == d && m >= n => {
                fence = None;
                out.push_str(line);
            }
            (Some(_), _) => out.push_str(line),
            (None, Some(f)) => {
                fence = Some(f);
                out.push_str(line);
            }
            (None, None) => decode_line(line, &mut out),
        }
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// The fence a line opens or closes (its character and length): three or
/// more backticks or tildes, after up to three spaces or a list's bullet.
fn fence_of(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start();
    let t = t.strip_prefix(['-', '*', '+']).map_or(t, str::trim_start);
    let c = t.chars().next().filter(|&c| c == '`' || c == '~')?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// `line` into `out`, references outside backtick spans decoded.
fn decode_line(line: &str, out: &mut String) {
    let mut rest = line;
    while !rest.is_empty() {
        let Some(tick) = rest.find('`') else {
            decode_prose(rest, out);
            return;
        };
        decode_prose(&rest[..tick], out);
        let run = rest[tick..].bytes().take_while(|&b| b == b'`').count();
        let after = &rest[tick + run..];
        // The span ends at the next run of as many backticks; without one,
        // the backticks are text.
        let close = closing_run(after, run);
        match close {
            Some(i) => {
                out.push_str(&rest[tick..tick + run + i + run]);
                rest = &after[i + run..];
            }
            None => {
                out.push_str(&rest[tick..tick + run]);
                rest = after;
            }
        }
    }
}

/// Where in `text` the first run of exactly `len` backticks starts.
fn closing_run(text: &str, len: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'`', &b[at..]) {
        let start = at + p;
        let n = b[start..].iter().take_while(|&&c| c == b'`').count();
        if n == len {
            return Some(start);
        }
        at = start + n;
    }
    None
}

/// `text`, outside code, into `out` with its references decoded.
fn decode_prose(text: &str, out: &mut String) {
    let mut from = 0;
    for at in memchr::memchr_iter(b'&', text.as_bytes()) {
        if at < from {
            continue;
        }
        if let Some((len, shown)) = reference_at(&text[at..]) {
            out.push_str(&text[from..at]);
            out.push_str(&shown);
            from = at + len;
        }
    }
    out.push_str(&text[from..]);
}

/// The reference `text` starts with: its length and the character(s) it
/// stands for.
fn reference_at(text: &str) -> Option<(usize, Cow<'static, str>)> {
    let b = text.as_bytes();
    let name_len = b[1..]
        .iter()
        .take(33)
        .take_while(|&&c| c.is_ascii_alphanumeric() || c == b'#')
        .count();
    if name_len == 0 || name_len > 32 || b.get(1 + name_len) != Some(&b';') {
        return None;
    }
    let name = &text[1..1 + name_len];
    let len = name_len + 2;
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) if (1..=6).contains(&hex.len()) => u32::from_str_radix(hex, 16).ok()?,
            None if (1..=7).contains(&num.len()) && num.bytes().all(|b| b.is_ascii_digit()) => {
                num.parse().ok()?
            }
            _ => return None,
        };
        let c = char::from_u32(code).filter(|c| !c.is_control())?;
        let c = if c == '\u{a0}' { ' ' } else { c };
        return Some((len, Cow::Owned(c.to_string())));
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(_, shown)| (len, Cow::Borrowed(shown)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_read_as_their_characters() {
        assert_eq!(decoded("AT&amp;T 的&nbsp;方案"), "AT&T 的 方案");
        assert_eq!(decoded("&lt;script&gt; 是文本"), "<script> 是文本");
        assert_eq!(decoded("A&#8212;B &#x4E2D;文 &#160;"), "A—B 中文  ");
        assert_eq!(decoded("“&ldquo;引&rdquo;”&hellip;"), "““引””…");
    }

    #[test]
    fn what_names_no_character_stays_text() {
        for text in [
            "R&D; 部门",
            "AT&T",
            "&foo;",
            "&#10;换行",
            "&#0;",
            "&#x110000;",
            "&;",
            "& nbsp;",
            "&#12345678;",
            "a & b; c",
        ] {
            assert_eq!(decoded(text), text, "{text}");
            assert!(matches!(decoded(text), Cow::Borrowed(_)), "{text}");
        }
    }

    #[test]
    fn code_keeps_its_references() {
        let text = "用 `&amp;` 转义&amp;\n```html\n&nbsp;\n```\n之后&amp;\n- ~~~\n  &lt;\n  ~~~\n";
        assert_eq!(
            decoded(text),
            "用 `&amp;` 转义&\n```html\n&nbsp;\n```\n之后&\n- ~~~\n  &lt;\n  ~~~\n"
        );
        assert_eq!(decoded("``a`&amp;`b`` &amp;"), "``a`&amp;`b`` &");
        assert_eq!(decoded("` 不成对 &amp;"), "` 不成对 &");
    }

    #[test]
    fn lines_stay_lines() {
        let text = "甲&amp;\n乙&#13;\n丙&#x0A;\n";
        assert_eq!(decoded(text).lines().count(), text.lines().count());
    }
}
