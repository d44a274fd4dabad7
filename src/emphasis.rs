//! Emphasis in recap prose: `**加粗**`, `*强调*`, `~~删除~~` and
//! `==高亮==` (as Typora and Obsidian write a highlight).
//!
//! Note-takers write all four; a reader should see bold, italic, struck-out
//! and highlighted text, never the marks. `**` pairs up left to right
//! wherever it stands (the recaps' long-standing rule). A single `*`, `~~`
//! and `==` follow CommonMark's flanking rule, which reads Chinese well
//! (`这是*重点*内容` is emphasis) and leaves `2 * 3`, `*注：`, `3~5 天` and
//! `a == b` alone; they pair within a line. `_` is emphasis only around
//! Chinese (`这是_斜体_内容`), never inside or around a Latin word: note-takers
//! write it in identifiers (`max_tokens`, `__init__`) far more often than
//! for italics.

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
        return underscore_pairs(text);
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
    found.extend(emphasis_pairs(text, &strong));
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
    let b = text.as_bytes();
    memchr::memchr3(b'*', b'~', b'=', b).is_some() || memchr::memchr(b'_', b).is_some()
}

/// The paired single `*`, `_`, `~~` and `==` markers of `text` (with no
/// `**` left in it) as parts that show nothing, for [`crate::shown`].
pub fn removals(text: &str) -> Vec<crate::shown::Part> {
    let mut found = emphasis_pairs(text, &[]);
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

/// The pairs of `*` and of `_` that make emphasis. A `_` pair within a
/// `*` pair is left as text, the text being emphasis already: a pair
/// toggles its style.
fn emphasis_pairs(text: &str, strong: &[usize]) -> Vec<Marker> {
    let stars = if text.as_bytes().contains(&b'*') {
        flanked_pairs(text, Style::Emphasis, strong)
    } else {
        Vec::new()
    };
    let mut found = underscore_pairs(text);
    if !stars.is_empty() {
        let within = |at: usize| stars.chunks(2).any(|p| (p[0].at..p[1].at).contains(&at));
        found = found
            .chunks(2)
            .filter(|p| !within(p[0].at) && !within(p[1].at))
            .flatten()
            .copied()
            .collect();
    }
    found.extend(stars);
    found
}

/// Pairs of single `_` around text with a Chinese character in it, within
/// a line: an opening `_` not after a Latin letter or digit, a closing one
/// not before one, neither beside another `_` (`这是_斜体_内容`,
/// `用 _Amazon S3 存储_`), so `max_tokens`, `__init__`, `_id_` and
/// `snake_case_名称` stay as written.
fn underscore_pairs(text: &str) -> Vec<Marker> {
    let b = text.as_bytes();
    let mut pairs = Vec::new();
    let mut open: Option<usize> = None;
    let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut addresses = Addresses::default();
    // What the text since the open `_` holds, read up to `read`: each
    // byte once, however many `_` fail to close it.
    let (mut read, mut han, mut line_break) = (0, false, false);
    for at in memchr::memchr_iter(b'_', b) {
        let before = text[..at].chars().next_back();
        let after = text[at + 1..].chars().next();
        if addresses.at(text, at) || before == Some('_') || after == Some('_') {
            continue;
        }
        let closes = !latin(after) && !is_space(before);
        if open.is_some() && closes {
            let since = &text[read..at];
            han |= since.chars().any(crate::search::is_cjk);
            line_break |= since.contains('\n');
            read = at;
        }
        match open {
            Some(o) if closes && han && !line_break => {
                pairs.push(Marker {
                    at: o,
                    len: 1,
                    style: Style::Emphasis,
                });
                pairs.push(Marker {
                    at,
                    len: 1,
                    style: Style::Emphasis,
                });
                open = None;
            }
            _ if !latin(before) && !is_space(after) => {
                open = Some(at);
                (read, han, line_break) = (at + 1, false, false);
            }
            _ => {}
        }
    }
    pairs
}

/// Whether an `_` is in a web address: in a run without spaces or
/// Chinese punctuation that has `://` before it
/// (`https://zh.wikipedia.org/wiki/文档_说明_页`, whose Chinese part the
/// address finder leaves out). Asked of positions left to right, each
/// byte looked at once.
#[derive(Default)]
struct Addresses {
    /// Where the run without spaces that the last position is in starts.
    run: usize,
    /// The last position asked of.
    seen: usize,
    /// Whether that run has `://` before that position.
    address: bool,
}

impl Addresses {
    fn at(&mut self, text: &str, at: usize) -> bool {
        let gap = &text[self.seen..at];
        match gap.rfind(ends_address) {
            Some(i) => {
                let space = gap[i..].chars().next().map_or(1, char::len_utf8);
                self.run = self.seen + i + space;
                self.address =
                    memchr::memmem::find(&text.as_bytes()[self.run..at], b"://").is_some();
            }
            None => {
                let from = self.seen.saturating_sub(2).max(self.run);
                self.address |= memchr::memmem::find(&text.as_bytes()[from..at], b"://").is_some();
            }
        }
        self.seen = at;
        self.address
    }
}

/// A space, or punctuation of Chinese text (`，。（`): no address goes on
/// past it.
fn ends_address(c: char) -> bool {
    c.is_whitespace() || !c.is_ascii() && is_punctuation(Some(c))
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
    fn underscores_around_chinese_are_emphasis() {
        use Style::*;
        assert_eq!(styled("这是_斜体_内容"), [(Emphasis, "斜体")]);
        assert_eq!(styled("_重点_。"), [(Emphasis, "重点")]);
        assert_eq!(
            styled("用 _Amazon S3 存储_ 数据"),
            [(Emphasis, "Amazon S3 存储")]
        );
        assert_eq!(
            styled("**加粗**和_斜体_"),
            [(Strong, "加粗"), (Emphasis, "斜体")]
        );
        assert_eq!(without_marks("这是_斜体_，旧价"), "这是斜体，旧价");
        assert_eq!(
            styled("见[链接](https://x.org/a_b)，这是_斜体_"),
            [(Emphasis, "斜体")]
        );
    }

    #[test]
    fn underscores_in_identifiers_stay_text() {
        for text in [
            "设置 max_tokens 参数",
            "__init__ 方法",
            "_id_ 字段",
            "snake_case_名称_",
            "_a_",
            "_ 空格 _",
            "_跨\n行_",
            "下划线_",
            "my_变量_name",
            "_前_后_",
            "*这是_斜体_内容*",
            "见 https://zh.wikipedia.org/wiki/文档_说明_页 一文",
            "见https://zh.wikipedia.org/wiki/文档_说明_页一文",
        ] {
            let m = markers(text);
            let shown: Vec<&str> = m.chunks(2).map(|p| &text[p[0].at + 1..p[1].at]).collect();
            assert!(
                m.iter().all(|m| text.as_bytes()[m.at] == b'*')
                    || text == "_前_后_" && shown == ["前"],
                "{text:?}: {shown:?}"
            );
        }
    }

    /// Every text of up to six of these characters: markers in order,
    /// each style's in pairs, each `_` pair around Chinese text.
    #[test]
    fn markers_pair_up_in_order_in_every_short_text() {
        let alphabet = ['_', '*', '中', 'a', ' ', '\n', '~'];
        let mut text = String::new();
        let mut word = [0usize; 6];
        for len in 1..=6 {
            word.iter_mut().for_each(|d| *d = 0);
            loop {
                text.clear();
                text.extend(word[..len].iter().map(|&d| alphabet[d]));
                let m = markers(&text);
                assert!(
                    m.windows(2).all(|w| w[0].at + w[0].len <= w[1].at),
                    "{text:?}: {m:?}"
                );
                for style in [Style::Strong, Style::Emphasis, Style::Strike] {
                    assert_eq!(
                        m.iter().filter(|m| m.style == style).count() % 2,
                        0,
                        "{text:?}"
                    );
                }
                let underscores: Vec<&Marker> =
                    m.iter().filter(|m| text.as_bytes()[m.at] == b'_').collect();
                for pair in underscores.chunks(2) {
                    assert!(
                        text[pair[0].at..pair[1].at].contains('中'),
                        "{text:?}: {m:?}"
                    );
                }
                let _ = without_marks(&text);
                let Some(d) = word[..len].iter().position(|&d| d + 1 < alphabet.len()) else {
                    break;
                };
                word[d] += 1;
                word[..d].iter_mut().for_each(|x| *x = 0);
            }
        }
    }

    /// A line of a million underscores between Chinese characters, with
    /// no space, is read in linear time: each byte looked at once for `://`.
    #[test]
    fn a_long_line_of_underscores_takes_linear_time() {
        let line = "中_".repeat(1_000_000);
        let m = markers(&line);
        assert_eq!(m.len(), 1_000_000);
    }

    /// An `_` that opens, then a million that could close but for the
    /// Chinese text missing between: each byte is read once.
    #[test]
    fn many_underscores_that_fail_to_close_take_linear_time() {
        let line = format!("_x{}", "a_ ".repeat(1_000_000));
        assert!(markers(&line).is_empty());
        let line = format!("_中{}", "a_ ".repeat(1_000_000));
        assert_eq!(markers(&line).len(), 2);
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
