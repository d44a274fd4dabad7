//! Emphasis in recap prose: `**加粗**`, `*强调*`, `~~删除~~` and
//! `==高亮==` (as Typora and Obsidian write a highlight).
//!
//! Note-takers write all four; a reader should see bold, italic, struck-out
//! and highlighted text, never the marks. `**` pairs up left to right
//! wherever it stands (the recaps' long-standing rule). A single `*`, `~~`
//! and `==` follow CommonMark's flanking rule, which reads Chinese well
//! (`这是*重点*内容` is emphasis) and leaves `2 * 3`, `*注：`, `3~5 天` and
//! `a == b` alone; they pair within a line. `_` is not emphasis here: note-takers
//! write it in identifiers (`max_tokens`) far more often than for italics.

use std::borrow::Cow;

/// What a pair of markers does to the text between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Style {
    Strong,
    Emphasis,
    Strike,
    Highlight,
}

/// One marker of a pair: `len` bytes at `at`, not themselves shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Marker {
    pub at: usize,
    pub len: usize,
    pub style: Style,
}

/// The markers of `text` that pair up, sorted by position. Each toggles
/// its style; an odd one out stays literal text.
pub fn markers(text: &str) -> Vec<Marker> {
    let b = text.as_bytes();
    let Some(first) = memchr::memchr3(b'*', b'~', b'=', b) else {
        return Vec::new();
    };
    let strong = strong_markers(text);
    let mut found: Vec<Marker> = strong
        .iter()
        .map(|&at| Marker {
            at,
            len: 2,
            style: Style::Strong,
        })
        .collect();
    let has_star = memchr::memchr(b'*', &b[first..]).is_some();
    if has_star {
        found.extend(flanked_pairs(text, Style::Emphasis, &strong));
    }
    if crate::bytescan::find_pair(&b[first..], *b"~~").is_some() {
        found.extend(flanked_pairs(text, Style::Strike, &[]));
    }
    if crate::bytescan::find_pair(&b[first..], *b"==").is_some() {
        found.extend(flanked_pairs(text, Style::Highlight, &[]));
    }
    found.sort_unstable_by_key(|m| m.at);
    found
}

/// `text` as read without emphasis: every `**` gone (paired or not, as
/// search and excerpts always read it), paired `*`, `~~` and `==` gone.
pub fn without_marks(text: &str) -> Cow<'_, str> {
    let text = crate::bytescan::without_bold(text);
    if !may_have_marks(&text) {
        return text;
    }
    let parts = removals(&text);
    match crate::shown::shown_text(&text, parts) {
        Cow::Borrowed(_) => text,
        Cow::Owned(t) => Cow::Owned(t),
    }
}

/// Where `text` is struck out (`~~旧价~~`), the marks included: what a
/// note-taker took back, such as an old price beside the new one.
pub fn struck_out(text: &str) -> Vec<std::ops::Range<usize>> {
    if crate::bytescan::find_pair(text.as_bytes(), *b"~~").is_none() {
        return Vec::new();
    }
    let marks = flanked_pairs(text, Style::Strike, &[]);
    marks
        .chunks_exact(2)
        .map(|pair| pair[0].at..pair[1].at + pair[1].len)
        .collect()
}

/// Whether `text` has a byte a mark other than `**` is made of.
pub fn may_have_marks(text: &str) -> bool {
    memchr::memchr3(b'*', b'~', b'=', text.as_bytes()).is_some()
}

/// The paired single `*`, `~~` and `==` markers of `text` (with no `**`
/// left in it) as parts that show nothing, for [`crate::shown`].
pub fn removals(text: &str) -> Vec<crate::shown::Part> {
    let mut found = flanked_pairs(text, Style::Emphasis, &[]);
    found.extend(flanked_pairs(text, Style::Strike, &[]));
    found.extend(flanked_pairs(text, Style::Highlight, &[]));
    found.sort_unstable_by_key(|m| m.at);
    found
        .into_iter()
        .map(|m| (m.at..m.at + m.len, m.at..m.at))
        .collect()
}

/// Byte offsets of the `**` markers that pair up, left to right. `****`
/// (an empty pair) is not bold.
fn strong_markers(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(p) = crate::bytescan::find_bold(&text[i..]) {
        found.push(i + p);
        i += p + 2;
    }
    if found.len() % 2 == 1 {
        found.pop();
    }
    let mut pairs = Vec::with_capacity(found.len());
    for pair in found.chunks(2) {
        if pair[1] > pair[0] + 2 {
            pairs.extend_from_slice(pair);
        }
    }
    pairs
}

/// Pairs of single `*` (for [`Style::Emphasis`]), of `~~` (for
/// [`Style::Strike`]) or of `==` (for [`Style::Highlight`]) that open and
/// close by CommonMark's flanking rule, within one line. A star in a run
/// of two or more is not a single star, nor `===` a `==`, but for the
/// star a `**` of `strong` leaves of a run of three (`***重点***` is bold
/// and emphasis).
fn flanked_pairs(text: &str, style: Style, strong: &[usize]) -> Vec<Marker> {
    let b = text.as_bytes();
    let (byte, len) = match style {
        Style::Strike => (b'~', 2),
        Style::Highlight => (b'=', 2),
        _ => (b'*', 1),
    };
    let mut pairs = Vec::new();
    let mut open: Option<usize> = None;
    // Where the search for a line break since the last marker starts.
    let mut seen = 0;
    for run in memchr::memchr_iter(byte, b) {
        if run > 0 && b[run - 1] == byte {
            continue;
        }
        let run_len = b[run..].iter().take_while(|&&c| c == byte).count();
        let at = match run_len {
            _ if run_len == len => run,
            3 if strong.binary_search(&run).is_ok() => run + 2,
            3 if strong.binary_search(&(run + 1)).is_ok() => run,
            _ => continue,
        };
        if memchr::memchr(b'\n', &b[seen..at]).is_some() {
            open = None;
        }
        seen = at;
        // A run flanks as a whole (`***重点***内容`).
        let before = text[..run].chars().next_back();
        let after = text[run + run_len..].chars().next();
        // `2*3*4` is arithmetic, `x==1` code: no mark inside a Latin word.
        if before.is_some_and(|c| c.is_ascii_alphanumeric())
            && after.is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        match open {
            Some(o) if closes(before, after) && at > o + len => {
                pairs.push(Marker { at: o, len, style });
                pairs.push(Marker { at, len, style });
                open = None;
            }
            _ if opens(before, after) => open = Some(at),
            _ => {}
        }
    }
    pairs
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// ASCII punctuation and the punctuation of Chinese text (`，。「」（）…`).
fn is_punctuation(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_punctuation()
            || matches!(c, '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
    })
}

/// Left-flanking: not followed by a space, and followed by a letter or
/// preceded by a space or punctuation.
fn opens(before: Option<char>, after: Option<char>) -> bool {
    !is_space(after) && (!is_punctuation(after) || is_space(before) || is_punctuation(before))
}

/// Right-flanking: the mirror of [`opens`].
fn closes(before: Option<char>, after: Option<char>) -> bool {
    !is_space(before) && (!is_punctuation(before) || is_space(after) || is_punctuation(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styled(text: &str) -> Vec<(Style, &str)> {
        let m = markers(text);
        let mut out = Vec::new();
        for style in [
            Style::Strong,
            Style::Emphasis,
            Style::Strike,
            Style::Highlight,
        ] {
            let of: Vec<&Marker> = m.iter().filter(|m| m.style == style).collect();
            for pair in of.chunks(2) {
                out.push((style, &text[pair[0].at + pair[0].len..pair[1].at]));
            }
        }
        out
    }

    #[test]
    fn stars_and_tildes_pair_as_a_reader_expects() {
        use Style::*;
        assert_eq!(styled("这是*重点*内容"), [(Emphasis, "重点")]);
        assert_eq!(styled("*重点*。"), [(Emphasis, "重点")]);
        assert_eq!(styled("价格~~100 元~~，现在 80 元"), [(Strike, "100 元")]);
        assert_eq!(
            styled("**加粗**和*斜体*和~~删除~~"),
            [(Strong, "加粗"), (Emphasis, "斜体"), (Strike, "删除")]
        );
        assert_eq!(
            styled("**重要：*很*重要**"),
            [(Strong, "重要：*很*重要"), (Emphasis, "很")]
        );
        assert_eq!(styled("用 *Amazon S3* 存储"), [(Emphasis, "Amazon S3")]);
        assert_eq!(styled("这是==高亮==的内容"), [(Highlight, "高亮")]);
        assert_eq!(
            styled("***重点***内容"),
            [(Strong, "*重点"), (Emphasis, "重点**")]
        );
    }

    #[test]
    fn stars_and_tildes_that_are_not_emphasis_stay_text() {
        for text in [
            "2 * 3 = 6",
            "2*3*4",
            "*注：价格以官网为准",
            "3~5 天",
            "范围 3~~5",
            "a * b *",
            "*跨\n行*",
            "**",
            "***",
            "~~ 空格 ~~",
            "**",
            "* 列表",
            "f(*args, **kwargs)",
            "a == b == c",
            "A ==> B",
            "=====",
            "x==1 && y==2",
        ] {
            assert!(
                markers(text).iter().all(|m| m.style == Style::Strong),
                "{text:?}: {:?}",
                markers(text)
            );
        }
    }

    #[test]
    fn reading_drops_every_pair_and_keeps_the_rest() {
        assert_eq!(
            without_marks("这是*重点*，~~旧价~~新价"),
            "这是重点，旧价新价"
        );
        assert_eq!(without_marks("**粗**体 2 * 3"), "粗体 2 * 3");
        assert!(matches!(without_marks("纯文本"), Cow::Borrowed(_)));
        assert!(matches!(without_marks("2 * 3"), Cow::Borrowed(_)));
    }

    #[test]
    fn struck_out_text_is_found_with_its_marks() {
        let text = "价格~~0.03 元~~降到 0.02 元，~~旧~~新，3~5 天";
        let found: Vec<&str> = struck_out(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["~~0.03 元~~", "~~旧~~"]);
        assert!(struck_out("3~5 天，a~~b").is_empty());
    }
}
