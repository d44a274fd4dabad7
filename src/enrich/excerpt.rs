//! Sentences around a match: the excerpt shown on entity, announcement and
//! number pages.

use crate::shown::shown_with_bounds;

/// Longest excerpt, in characters, before it is trimmed around the match.
pub const MAX_CHARS: usize = 120;

/// How far, in characters, a sentence is looked for on either side of a
/// match. An excerpt keeps at most [`MAX_CHARS`] characters around its
/// match, so a sentence reaching further is cut anyway; without the bound,
/// a recap with thousands of mentions on one long line took time growing
/// with the square of the line's length.
const REACH: usize = 2 * MAX_CHARS;

/// `。！？；`: ends a sentence wherever it stands.
fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；')
}

/// `.!?`: ends a sentence when a space or the end of the text follows.
fn may_end_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?')
}

/// Start of the sentence containing byte `at`: just after the previous
/// `。！？；` or line break, or a Latin `.`/`!`/`?` followed by a space;
/// at most [`REACH`] characters back.
pub fn sentence_start(text: &str, at: usize) -> usize {
    let mut start = at;
    let mut next = None;
    for (i, c) in text[..at].char_indices().rev().take(REACH) {
        if ends_sentence(c) || c == '\n' {
            return i + c.len_utf8();
        }
        if may_end_sentence(c) && next == Some(' ') {
            return i + 1;
        }
        start = i;
        next = Some(c);
    }
    start
}

/// End of the sentence containing byte `at` (exclusive, after its
/// terminator); at most [`REACH`] characters on.
pub fn sentence_end(text: &str, at: usize) -> usize {
    let mut end = at;
    for (i, c) in text[at..].char_indices().take(REACH) {
        end = at + i + c.len_utf8();
        if ends_sentence(c) {
            return end;
        }
        if c == '\n' {
            return at + i;
        }
        if may_end_sentence(c) && text[end..].chars().next().is_none_or(|n| n == ' ') {
            return end;
        }
    }
    end
}

/// The sentence around `start..end` of `text`, emphasis markers removed and
/// trimmed to about [`MAX_CHARS`] characters around the match, with the
/// match's byte range inside the returned excerpt.
pub fn excerpt(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    // Where the reach, not a sentence's end, cut the text, the reader is
    // told so; only there may an image have been cut.
    let mut s = sentence_start(text, start);
    if !is_sentence_bound(text, s) {
        s = whole_image_at(text, s, Side::Start);
    }
    let mut e = sentence_end(text, end).max(end);
    if !is_sentence_bound(text, e) {
        e = whole_image_at(text, e, Side::End);
    }
    let (cut_before, cut_after) = (!is_sentence_bound(text, s), !is_sentence_bound(text, e));
    let (out, hs, he) = without_bold(text, s..e, start, end);
    let (out, hs, he) = without_emphasis(out, hs, he);
    let (out, hs, he) =
        crate::shown::READINGS
            .iter()
            .fold((out, hs, he), |(out, hs, he), parts_of| {
                let parts = parts_of(&out);
                shown_with_bounds(out, hs, he, &parts)
            });
    let (mut out, hs, he) = table_row_cells(out, hs, he);
    // Drop list markers, quote marks, a task's box and surrounding space,
    // keeping the highlight.
    let mut unmarked = out.trim_start_matches(['-', '*', ' ', '\t', '•', '·']);
    while let Some(rest) = unmarked
        .strip_prefix('>')
        .filter(|r| r.is_empty() || r.starts_with([' ', '>']))
    {
        unmarked = rest.trim_start_matches([' ', '\t']);
    }
    let lead = out.len() - crate::task_list::without_task_box(unmarked).len();
    let trail = out.len() - out.trim_end().len();
    out.truncate(out.len() - trail);
    out.drain(..lead.min(out.len()));
    let hs = hs.saturating_sub(lead).min(out.len());
    let he = he.saturating_sub(lead).clamp(hs, out.len());
    let (mut out, (mut hs, mut he)) = trim_around(out, hs, he);
    if cut_before && !out.starts_with('…') {
        out.insert(0, '…');
        hs += '…'.len_utf8();
        he += '…'.len_utf8();
    }
    if cut_after && !out.ends_with('…') {
        out.push('…');
    }
    (out, (hs, he))
}

/// [`excerpt`] of `text` at `start..end`, going on with `then` when the
/// excerpt ends with the colon that introduces it (`发布 Amazon Ledger
/// Hub：` and the point under it): up to [`MAX_CHARS`] in all.
pub fn excerpt_then(
    text: &str,
    then: Option<&str>,
    start: usize,
    end: usize,
) -> (String, (usize, usize)) {
    let (mut out, at) = excerpt(text, start, end);
    let Some(then) = then.filter(|_| out.ends_with(['：', ':'])) else {
        return (out, at);
    };
    let room = MAX_CHARS.saturating_sub(out.chars().count());
    // Less than a few words of it would say nothing.
    if room < 8 {
        return (out, at);
    }
    let (next, _) = excerpt(then, 0, 0);
    let chars: Vec<(usize, char)> = next.char_indices().collect();
    if chars.len() <= room {
        out.push_str(&next);
    } else {
        // Off the middle of a word, as any cut of an excerpt.
        let (_, to) = off_word_cuts(&chars, 0, room - 1, (0, 0));
        out.push_str(next[..chars[to].0].trim_end_matches('…'));
        out.push('…');
    }
    (out, at)
}

/// A Markdown table's row, `| 读延迟 | 单区域 < 10 ms |`, as its cells
/// read: `读延迟 · 单区域 < 10 ms`, with the bounds `hs..he` moved with
/// their text (a bound between cells to the nearer cell). Other text is
/// returned as it is.
fn table_row_cells(text: String, hs: usize, he: usize) -> (String, usize, usize) {
    let row = text.trim();
    if !(row.starts_with('|') && row.ends_with('|') && row.len() > 1) {
        return (text, hs, he);
    }
    let base = text.len() - text.trim_start().len();
    let mut cells = Vec::new();
    let mut at = base + 1;
    for cell in row[1..row.len() - 1].split('|') {
        let lead = cell.len() - cell.trim_start().len();
        let start = at + lead;
        let end = start + cell.trim().len();
        if end > start {
            cells.push(start..end);
        }
        at += cell.len() + 1;
    }
    let mut out = String::with_capacity(text.len());
    let (mut nhs, mut nhe) = (None, None);
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push_str(" · ");
        }
        if nhs.is_none() && hs < cell.end {
            nhs = Some(out.len() + hs.saturating_sub(cell.start));
        }
        if he >= cell.start {
            nhe = Some(out.len() + he.min(cell.end) - cell.start);
        }
        out.push_str(&text[cell.clone()]);
    }
    let nhs = nhs.unwrap_or(out.len());
    let nhe = nhe.unwrap_or(nhs).max(nhs);
    (out, nhs, nhe)
}

/// Whether byte `at` is where [`sentence_start`] or [`sentence_end`] stop
/// at a sentence's or a line's bound, rather than at their reach.
fn is_sentence_bound(text: &str, at: usize) -> bool {
    let next = text[at..].chars().next();
    match text[..at].chars().next_back() {
        None | Some('\n') => true,
        Some(c) if ends_sentence(c) => true,
        Some(c) if may_end_sentence(c) => next.is_none_or(|c| c == ' '),
        Some(_) => matches!(next, None | Some('\n')),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Start,
    End,
}

/// Longest image syntax (`![alt](target)`) looked back for from a bound.
const IMAGE_REACH: usize = 2048;

/// `at`, moved out of an image's syntax it falls inside: to the image's
/// start for an excerpt's start, to its end for an excerpt's end. Cut in
/// half, an image is neither read as its alt text nor worth showing.
fn whole_image_at(text: &str, at: usize, side: Side) -> usize {
    let mut from = at.saturating_sub(IMAGE_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let Some(p) = memchr::memmem::rfind(&text.as_bytes()[from..at], b"![") else {
        return at;
    };
    let open = from + p;
    let mut to = (open + 2 * IMAGE_REACH).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    match crate::media::find(&text[open..to]).first() {
        Some(img) if img.whole.start == 0 && open + img.whole.end > at => match side {
            Side::Start => open,
            Side::End => open + img.whole.end,
        },
        _ => at,
    }
}

/// `text` without paired `*`, `~~` and `==` (the `**` already gone), the
/// bounds moved as [`shown_with_bounds`] moves them.
fn without_emphasis(text: String, hs: usize, he: usize) -> (String, usize, usize) {
    if !crate::emphasis::may_have_marks(&text) {
        return (text, hs, he);
    }
    let found = crate::emphasis::removals(&text);
    shown_with_bounds(text, hs, he, &found)
}

/// `text[range]` without its `**` markers, and where `start` and `end`
/// fall in the copy. Copied a run at a time, each run ending at the next
/// `**`. A bound on a run or on the `**` after it is placed in the copy;
/// one on the second `*` of a pair is not (it stays 0), and an `end` at or
/// past the range is the copy's end.
fn without_bold(
    text: &str,
    range: std::ops::Range<usize>,
    start: usize,
    end: usize,
) -> (String, usize, usize) {
    let (s, e) = (range.start, range.end);
    let mut out = String::with_capacity(e - s);
    let (mut hs, mut he) = (0, 0);
    let mut i = s;
    while i < e {
        let stop = crate::bytescan::find_bold(&text[i..e]).map_or(e, |k| i + k);
        if (i..=stop).contains(&start) && start < e {
            hs = out.len() + (start - i);
        }
        if (i..=stop).contains(&end) && end < e {
            he = out.len() + (end - i);
        }
        out.push_str(&text[i..stop]);
        i = if stop < e { stop + 2 } else { e };
    }
    if end >= e {
        he = out.len();
    }
    (out, hs, he)
}

/// Cut `text` to about [`MAX_CHARS`] characters keeping `hs..he` visible,
/// marking cuts with `…`.
fn trim_around(text: String, hs: usize, he: usize) -> (String, (usize, usize)) {
    // Most sentences are short enough: no need to index their characters.
    if text.len() <= MAX_CHARS || text.chars().nth(MAX_CHARS).is_none() {
        return (text, (hs, he));
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let ci = |b: usize| chars.partition_point(|&(i, _)| i < b);
    let (cs, ce) = (ci(hs), ci(he));
    let room = MAX_CHARS.saturating_sub(ce - cs);
    let before = (room / 3).min(cs);
    let mut from = cs - before;
    let mut to = (ce + room - before).min(chars.len());
    if to - from < MAX_CHARS {
        from = from.saturating_sub(MAX_CHARS - (to - from));
    }
    to = to.max(ce);
    let (from, to) = off_word_cuts(&chars, from, to, (cs, ce));
    let byte = |c: usize| chars.get(c).map_or(text.len(), |&(i, _)| i);
    let (bf, bt) = (byte(from), byte(to));
    let mut out = String::new();
    if from > 0 {
        out.push('…');
    }
    let shift = out.len();
    out.push_str(&text[bf..bt]);
    if to < chars.len() {
        out.push('…');
    }
    (out, (hs - bf + shift, he - bf + shift))
}

/// Whether character `i` is part of a Latin word or figure: a cut beside
/// it would show a reader half a name (`…a 作为` for `Centrica 作为`). A
/// `.` or `,` is, between two letters or digits (`2.5`, `11,000`).
fn in_word(chars: &[(usize, char)], i: usize) -> bool {
    let alnum = |i: usize| {
        chars
            .get(i)
            .is_some_and(|&(_, c)| c.is_ascii_alphanumeric())
    };
    match chars[i].1 {
        c if c.is_ascii_alphanumeric() => true,
        '_' | '-' | '\'' => true,
        '.' | ',' => i > 0 && alnum(i - 1) && alnum(i + 1),
        _ => false,
    }
}

/// Character cuts `from..to` moved off the middle of Latin words, the
/// partial word and the spaces at the cut dropped; never into the match at
/// `cs..ce`.
fn off_word_cuts(
    chars: &[(usize, char)],
    mut from: usize,
    mut to: usize,
    (cs, ce): (usize, usize),
) -> (usize, usize) {
    let word = |i: usize| in_word(chars, i);
    if from > 0 {
        if word(from - 1) {
            while from < cs && word(from) {
                from += 1;
            }
        }
        while from < cs && chars[from].1 == ' ' {
            from += 1;
        }
    }
    if to < chars.len() {
        if word(to) {
            while to > ce && word(to - 1) {
                to -= 1;
            }
        }
        while to > ce && chars[to - 1].1 == ' ' {
            to -= 1;
        }
    }
    (from, to)
}

#[cfg(test)]
mod tests {
    /// `发布 **X**：` and the point under it read as one excerpt.
    #[test]
    fn a_colon_goes_on_with_the_point_under_it() {
        let line = "发布**Amazon Ledger Hub**：";
        let at = line.find("Amazon").unwrap();
        let (ex, (hs, he)) =
            super::excerpt_then(line, Some("内置护栏，提升客户满意度"), at, at + 17);
        assert_eq!(ex, "发布Amazon Ledger Hub：内置护栏，提升客户满意度");
        assert_eq!(&ex[hs..he], "Amazon Ledger Hub");
        let (ex, _) = super::excerpt_then(line, None, at, at + 17);
        assert_eq!(ex, "发布Amazon Ledger Hub：");
        // No colon, nothing added.
        let (ex, _) = super::excerpt_then("发布 Kiro。", Some("下一点"), 7, 11);
        assert_eq!(ex, "发布 Kiro。");
        // Too long a point is cut at a word's edge, within the limit.
        let long = "Amazon Bedrock AgentCore ".repeat(10);
        let (ex, _) = super::excerpt_then(line, Some(&long), at, at + 17);
        assert!(ex.chars().count() <= super::MAX_CHARS, "{ex}");
        let last = ex.trim_end_matches('…').rsplit(' ').next().unwrap();
        assert!(["Amazon", "Bedrock", "AgentCore"].contains(&last), "{ex}");
    }

    use super::*;

    /// A figure in a table's row reads as the row's cells; one in a
    /// quoted line without its `>`.
    #[test]
    fn table_pipes_and_quote_marks_are_no_part_of_an_excerpt() {
        assert_eq!(
            ex(
                "| 指标 | 数值 |\n|---|---|\n| 读延迟 | 单区域 < 10 ms |\n",
                "10 ms"
            ),
            ("读延迟 · 单区域 < 10 ms".to_string(), "10 ms".to_string())
        );
        assert_eq!(
            ex("| 读延迟 | 单区域 < 10 ms |", "读延迟"),
            ("读延迟 · 单区域 < 10 ms".to_string(), "读延迟".to_string())
        );
        assert_eq!(
            ex("> 讲者：王海峰\n> 时长：约 55 分钟 | 难度：300", "55 分钟"),
            (
                "时长：约 55 分钟 | 难度：300".to_string(),
                "55 分钟".to_string()
            )
        );
        assert_eq!(ex("延迟 > 10 ms 时告警", "10 ms").0, "延迟 > 10 ms 时告警");
    }

    fn ex(text: &str, name: &str) -> (String, String) {
        let s = text.find(name).unwrap();
        let (e, (a, b)) = excerpt(text, s, s + name.len());
        let h = e[a..b].to_string();
        (e, h)
    }

    #[test]
    fn chinese_sentence_around_match() {
        let t = "AWS业务规模达到1320亿美元。Amazon Bedrock为全球超过10万家企业提供AI推理服务；其他内容。";
        let (e, h) = ex(t, "Amazon Bedrock");
        assert_eq!(e, "Amazon Bedrock为全球超过10万家企业提供AI推理服务；");
        assert_eq!(h, "Amazon Bedrock");
    }

    #[test]
    fn bold_markers_are_removed() {
        let t = "- 发布**P6e-GB300实例**，搭载Nvidia最新系统";
        let (e, h) = ex(t, "P6e-GB300");
        assert_eq!(e, "发布P6e-GB300实例，搭载Nvidia最新系统");
        assert_eq!(h, "P6e-GB300");
    }

    #[test]
    fn italic_and_strikethrough_markers_are_removed() {
        let t = "- 这是*Amazon S3*的新功能，价格~~100 元~~现在 80 元，2 * 3 不变";
        let (e, h) = ex(t, "Amazon S3");
        assert_eq!(e, "这是Amazon S3的新功能，价格100 元现在 80 元，2 * 3 不变");
        assert_eq!(h, "Amazon S3");
        // A match that is all of the emphasised text stays highlighted.
        let t = "用 ~~Kiro~~ 生成";
        let (e, h) = ex(t, "Kiro");
        assert_eq!((e.as_str(), h.as_str()), ("用 Kiro 生成", "Kiro"));
    }

    #[test]
    fn latin_sentences_and_decimals() {
        let t = "Infrastructure cost is down. Acme moved 2.5 billion embeddings into PostgreSQL 17 with pgvector. Done.";
        let (e, h) = ex(t, "PostgreSQL");
        assert_eq!(
            e,
            "Acme moved 2.5 billion embeddings into PostgreSQL 17 with pgvector."
        );
        assert_eq!(h, "PostgreSQL");
    }

    #[test]
    fn long_sentences_are_trimmed_around_the_match() {
        let t = format!("{}Kiro{}", "前".repeat(200), "后".repeat(200));
        let (e, h) = ex(&t, "Kiro");
        assert_eq!(h, "Kiro");
        assert!(e.starts_with('…') && e.ends_with('…'));
        assert!(e.chars().count() <= MAX_CHARS + 2, "{}", e.chars().count());
    }

    #[test]
    fn a_trimmed_excerpt_shows_no_half_word() {
        let before = format!("{}Centrica 作为客户案例", "前".repeat(80));
        let after = format!("平台，整合 Amazon Connect{}", "后".repeat(80));
        let t = format!("{before}{}Kiro{after}", "中".repeat(30));
        let (e, h) = ex(&t, "Kiro");
        assert_eq!(h, "Kiro");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        for cut in e.split(['前', '中', '后', '…']) {
            assert!(
                cut.is_empty() || !cut.starts_with(|c: char| c.is_ascii_lowercase()),
                "half a word after a cut in {e}"
            );
        }
        assert!(!e.contains("…a") && !e.contains("Centric…"), "{e}");
        // Each cut lands where it was or at the word's edge, so the excerpt
        // keeps its length within a word of the limit.
        assert!(e.chars().count() >= MAX_CHARS - 12, "{}", e.chars().count());
    }

    #[test]
    fn a_cut_between_latin_words_keeps_whole_words_on_either_side() {
        let words = [
            "Alpha", "Bravo", "Charlie", "Charlie.", "Delta", "2.5", "Echo", "11,000",
        ];
        for shift in 0..12 {
            let t = format!(
                "{}{} 用 Kiro 和 {}",
                "中".repeat(shift),
                "Alpha Bravo Charlie. ".repeat(12),
                "Delta 2.5 Echo 11,000 ".repeat(12),
            );
            let (e, h) = ex(&t, "Kiro");
            assert_eq!(h, "Kiro");
            for word in e
                .split([' ', '…', '中', '用', '和'])
                .filter(|w| !w.is_empty())
            {
                assert!(word == "Kiro" || words.contains(&word), "{word:?} in {e}");
            }
            assert!(!e.contains(" …") && !e.contains("… "), "{e}");
        }
    }

    #[test]
    fn a_sentence_longer_than_the_reach_gives_the_same_excerpt() {
        let around = |n: usize| {
            let t = format!(
                "开头。{}Kiro**发布**{}。结尾",
                "前".repeat(n),
                "后".repeat(n)
            );
            ex(&t, "Kiro")
        };
        let near = around(REACH + 10);
        assert_eq!(around(100_000), near);
        assert!(near.0.starts_with('…') && near.0.ends_with('…'), "{near:?}");
        assert!(near.0.contains("Kiro发布"), "{near:?}");
    }

    #[test]
    fn a_sentence_cut_by_the_reach_says_so_even_when_short() {
        // Cut by the reach, with a long image among the characters it
        // counts: short enough once the image is its alt text.
        let url = format!("https://cdn.example.org/{}.png", "x".repeat(150));
        let t = format!(
            "{}![图]({url}){}Kiro{}![图]({url}){}",
            "前".repeat(REACH),
            "前".repeat(20),
            "后".repeat(20),
            "后".repeat(REACH)
        );
        let (e, h) = ex(&t, "Kiro");
        assert_eq!(h, "Kiro");
        assert!(e.starts_with('…') && e.ends_with('…'), "{e}");
        assert!(e.chars().count() <= MAX_CHARS + 2, "{}", e.chars().count());
        // A sentence that ends, or a line, is no cut.
        let (e, _) = ex("甲。Kiro 发布\n乙", "Kiro");
        assert_eq!(e, "Kiro 发布");
        let (e, _) = ex("Done. Kiro ships", "Kiro");
        assert_eq!(e, "Kiro ships");
    }

    #[test]
    fn a_sentence_end_within_the_reach_is_found() {
        let t = format!(
            "{}。{}Kiro。{}",
            "甲".repeat(300),
            "乙".repeat(30),
            "丙".repeat(300)
        );
        let (e, h) = ex(&t, "Kiro");
        assert_eq!(e, format!("{}Kiro。", "乙".repeat(30)));
        assert_eq!(h, "Kiro");
    }

    /// The copy as first written, a character at a time.
    fn copy_by_chars(
        text: &str,
        s: usize,
        e: usize,
        start: usize,
        end: usize,
    ) -> (String, usize, usize) {
        let mut out = String::new();
        let (mut hs, mut he) = (0, 0);
        let bytes = text.as_bytes();
        let mut i = s;
        while i < e {
            if i == start {
                hs = out.len();
            }
            if i == end {
                he = out.len();
            }
            if bytes[i] == b'*' && i + 1 < e && bytes[i + 1] == b'*' {
                i += 2;
                continue;
            }
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
        if end >= e {
            he = out.len();
        }
        (out, hs, he)
    }

    #[test]
    fn copies_without_bold_match_the_character_at_a_time_copy() {
        const PIECES: &[&str] = &[
            "*", "**", "***", "文", "Kiro", " ", "。", "\n", "- ", ".", "a",
        ];
        let mut next = crate::test_random(0x9e37_79b9_7f4a_7c15);
        for _ in 0..50_000 {
            let n = 1 + (next() % 10) as usize;
            let text: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&b| text.is_char_boundary(b))
                .collect();
            let a = bounds[(next() % bounds.len() as u64) as usize];
            let b = bounds[(next() % bounds.len() as u64) as usize];
            let (start, end) = (a.min(b), a.max(b));
            let s = sentence_start(&text, start);
            let e = sentence_end(&text, end).max(end);
            let got = without_bold(&text, s..e, start, end);
            let want = copy_by_chars(&text, s, e, start, end);
            assert_eq!(got, want, "{text:?} {start}..{end}");
        }
    }

    #[test]
    fn code_in_an_excerpt_reads_without_its_backticks() {
        let text = "用 `aws s3 cp` 把数据拷进 `Amazon S3`。";
        let at = text.find("Amazon S3").unwrap();
        let (ex, (hs, he)) = excerpt(text, at, at + "Amazon S3".len());
        assert_eq!(ex, "用 aws s3 cp 把数据拷进 Amazon S3。");
        assert_eq!(&ex[hs..he], "Amazon S3");
    }

    #[test]
    fn a_link_in_an_excerpt_reads_as_its_label() {
        let text = "详见 Amazon S3 [官方博客](https://aws.amazon.com/blogs/) 与 <https://a.org/x>，以及 [Bedrock 文档](https://b.org/)。";
        for name in ["Amazon S3", "Bedrock"] {
            let at = text.find(name).unwrap();
            let (ex, (hs, he)) = excerpt(text, at, at + name.len());
            assert_eq!(
                ex,
                "详见 Amazon S3 官方博客 与 https://a.org/x，以及 Bedrock 文档。"
            );
            assert_eq!(&ex[hs..he], name);
        }
    }

    #[test]
    fn an_image_in_an_excerpt_reads_as_its_alt_text() {
        let text = "见![Amazon S3 架构](a.png)与 Bedrock。";
        let at = text.find("Amazon S3").unwrap();
        let (ex, (hs, he)) = excerpt(text, at, at + "Amazon S3".len());
        assert_eq!(ex, "见Amazon S3 架构与 Bedrock。");
        assert_eq!(&ex[hs..he], "Amazon S3");
        let at = text.find("Bedrock").unwrap();
        let (ex, (hs, he)) = excerpt(text, at, at + "Bedrock".len());
        assert_eq!(&ex[hs..he], "Bedrock");
        // An image the sentence's reach cuts in half is whole.
        let url = format!("https://cdn.example.org/{}.png", "x".repeat(REACH));
        let text = format!("介绍 Kiro 的界面![Kiro 界面]({url})以及更多内容");
        let at = text.find("Kiro").unwrap();
        let (ex, _) = excerpt(&text, at, at + 4);
        assert_eq!(ex, "介绍 Kiro 的界面Kiro 界面…");
        let (ex, _) = excerpt(
            &format!("介绍 Kiro 的界面![Kiro 界面]({url})\n下一行"),
            at,
            at + 4,
        );
        assert_eq!(ex, "介绍 Kiro 的界面Kiro 界面", "the image ends the line");
        let text = format!("开头![图]({url})再说 Kiro。");
        let at = text.find("Kiro").unwrap();
        let (ex, _) = excerpt(&text, at, at + 4);
        assert_eq!(ex, "…图再说 Kiro。");
        // A bound inside the image's syntax moves to its alt text.
        let text = "a![b](c.png)d";
        let parts = crate::media::alt_parts(text);
        let (out, hs, he) = shown_with_bounds(text.into(), 1, 12, &parts);
        assert_eq!((out.as_str(), hs, he), ("abd", 1, 2));
    }
}
