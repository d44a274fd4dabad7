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
    // Backticks closed on the same line make a span, not a fence.
    let span = c == '`' && t[n..].contains('`');
    (n >= 3 && !span).then_some((c, n))
}

/// `line` into `out`, references outside backtick spans decoded. A span
/// runs from a run of backticks to the next run as long; a run with none
/// after it is text.
fn decode_line(line: &str, out: &mut String) {
    if !line.contains('&') {
        out.push_str(line);
        return;
    }
    let runs = backtick_runs(line);
    // For each run, the next one as long: found once, right to left, so a
    // line of many runs of different lengths is read in linear time.
    let mut next_as_long = vec![None; runs.len()];
    let mut last_of_len: std::collections::HashMap<usize, usize> = Default::default();
    for (i, &(_, len)) in runs.iter().enumerate().rev() {
        next_as_long[i] = last_of_len.insert(len, i);
    }
    let mut prose_from = 0;
    let mut i = 0;
    while i < runs.len() {
        match next_as_long[i] {
            Some(j) => {
                let (start, _) = runs[i];
                let (close, len) = runs[j];
                decode_prose(&line[prose_from..start], out);
                out.push_str(&line[start..close + len]);
                prose_from = close + len;
                i = j + 1;
            }
            None => i += 1,
        }
    }
    decode_prose(&line[prose_from..], out);
}

/// Each run of backticks in `line`: where it starts and how long it is.
fn backtick_runs(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut runs = Vec::new();
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'`', &b[at..]) {
        let start = at + p;
        let len = b[start..].iter().take_while(|&&c| c == b'`').count();
        runs.push((start, len));
        at = start + len;
    }
    runs
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
        assert_eq!(decoded("```a```&amp;\n&amp;"), "```a```&\n&");
    }

    /// A line of runs of one, two, three… backticks, none closed, and a
    /// reference after them: read in linear time, the reference decoded.
    #[test]
    fn many_unclosed_backtick_runs_take_linear_time() {
        let mut line: String = (1..3000).map(|n| "`".repeat(n) + " ").collect();
        line.push_str("&amp;");
        let read = decoded(&line);
        assert!(read.ends_with(" &") && read.len() == line.len() - 4);
    }

    #[test]
    fn lines_stay_lines() {
        let text = "甲&amp;\n乙&#13;\n丙&#x0A;\n";
        assert_eq!(decoded(text).lines().count(), text.lines().count());
    }
}
