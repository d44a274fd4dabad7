//! The shapes of a timeline line: a bullet, a timed entry, a heading with a
//! time range.
//!
//! Each shape is defined by a pattern. Most lines of a recap are bullets
//! or prose that no timed pattern matches, and running the patterns on
//! every one of them was most of the parser's time (the backtracking
//! engine clears a table as long as the line before each try). So bullets
//! are read by hand, with the pattern as the reference (the tests compare
//! the two), and the other patterns run only on lines that pass a cheap
//! test they imply.

use crate::pattern::{Match, Regex};
use std::sync::LazyLock;

/// A timed line: `00:00 - text`, `0:00-1:30 - text`, `42:00 - 结束 - text`,
/// `[00:00 - 05:30]`, `【00:00】text`, `**[12:30]** text`, `12:30 – 18:00 · text`,
/// `00:00｜text`, `00:00:00.000 - text`, `00:00:01,250 --> 00:00:04,000`,
/// `⏱ 00:00 text` (a symbol before the time, as summarising tools write),
/// `5分30秒 - text`. Groups: start, end, text. The reference the tests hold
/// [`timed`] to.
#[cfg(test)]
static ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new_anchored(&entry_pattern("(.*)$", Shapes::All)).unwrap());

/// [`ENTRY`] without its last group, the rest of the line: the head of a
/// timed line is a few bytes, and matched alone the lazy DFA finds where it
/// ends before the groups are worked out on just those bytes. With the
/// text in the pattern, the backtracking engine cleared a table as long as
/// the line times the pattern's states for every timed line: 2% of a
/// build. Groups: start, end. Without the rare shapes (see [`Shapes`]).
static ENTRY_HEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&entry_pattern("", Shapes::Common)).unwrap());

/// [`ENTRY_HEAD`] with every shape, for the lines that may need one.
static ENTRY_HEAD_ALL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&entry_pattern("", Shapes::All)).unwrap());

/// Which shapes a pattern takes. Times in words and symbols before a time
/// made the patterns take 2.7 times as long to compile (1.65 ms against
/// 0.61 ms, on a build's critical path), for lines most sites never have:
/// a line goes to the pattern with them only when it may be one
/// ([`needs_all_shapes`]).
#[derive(Clone, Copy, PartialEq)]
enum Shapes {
    Common,
    All,
}

/// A time as written: `MM:SS`, `H:MM:SS`, full-width colons, and
/// milliseconds (`.250`, `,250`) as transcript tools write them. ASCII
/// digits only (full-width ones are respelled first, see
/// [`super::rewrite`]): Unicode's `\d` took four times as long to compile.
const CLOCK_TIME: &str = r"[0-9]{1,3}[:：][0-9]{1,3}(?:[:：][0-9]{1,3})?(?:[.,][0-9]{3})?";

/// A time in words: `5分30秒`, `1小时02分`, `5m30s`, `1h02m`. It needs its
/// seconds or its hours: `5分钟` alone is a length of time in prose.
const WORDED_TIME: &str = r"(?:[0-9]{1,2}小时)?[0-9]{1,3}分[0-9]{1,2}秒|[0-9]{1,2}小时[0-9]{1,2}分钟?|(?:[0-9]{1,2}h)?[0-9]{1,3}m[0-9]{1,2}s|[0-9]{1,2}h[0-9]{1,2}m";

fn time_pattern(shapes: Shapes) -> String {
    match shapes {
        Shapes::Common => format!("(?:{CLOCK_TIME})"),
        Shapes::All => format!("(?:{CLOCK_TIME}|{WORDED_TIME})"),
    }
}

fn entry_pattern(tail: &str, shapes: Shapes) -> String {
    let t = time_pattern(shapes);
    let symbols = match shapes {
        Shapes::Common => "",
        Shapes::All => r"(?:[\p{So}\x{FE0F}\x{200D}]+\s*)?",
    };
    format!(
        r"^{symbols}(?:[0-9０-９]{{1,3}}[.、)]\s*)?(?:\*\*)?[\[【(（]?\s*({t})\s*(?:(?:-->|->|→|-|–|—|~|～|至|到|to)\s*({t}|结束|结尾|[Ee]nd)\s*)?[\]】)）]?(?:\*\*)?\s*(?:(?:--|->|=>|——|-|–|—|:|：|·|\||｜|~|，|,|、|/|→|⇒|▶|►)\s*)?{tail}"
    )
}

/// Whether `s` may hold a shape only the patterns with every shape take: a
/// time in words anywhere, or a symbol first. Looser than those shapes,
/// as a check before them may be.
fn needs_all_shapes(s: &str) -> bool {
    if s.chars()
        .next()
        .is_some_and(|c| !c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
    {
        return true;
    }
    // A digit, then the first unit of a worded time (`5分`, `1小时`, `5m`,
    // `1h`), in the run of characters a line's times and the marks around
    // them are made of: the text after them (`用15分钟完成`) is not looked at.
    let mut after_digit = false;
    s.chars()
        .take_while(|&c| c.is_numeric() || c.is_whitespace() || TIME_MARKS.contains(c))
        .any(|c| {
            let worded = after_digit && matches!(c, '分' | '小' | 'h' | 'm');
            after_digit = c.is_numeric();
            worded
        })
}

/// Every character of [`entry_pattern`]'s times, ranges and the marks
/// around them, but digits and spaces.
const TIME_MARKS: &str = ":：.,，、/▶►)(（）[]【】*-–—~～>=→⇒|｜·至到toEend结束尾分小时钟秒hms";

/// A range in brackets on a heading: `开场介绍 (00:00 - 03:30)`, or within
/// it, `第一部分（00:00–10:00）背景`, maybe left open, `问答（40:00–）`.
/// Groups: the text before, start, end, the text after.
fn heading_range_pattern(shapes: Shapes) -> Regex {
    let t = time_pattern(shapes);
    Regex::new_anchored(&format!(
        r"^(.*?)\s*[\[【(（]\s*({t})\s*(?:-->|->|→|-|–|—|~|～|至|到|to)\s*({t}|结束|结尾|[Ee]nd)?\s*[\]】)）]\s*(.*)$"
    ))
    .unwrap()
}

static HEADING_RANGE: LazyLock<Regex> = LazyLock::new(|| heading_range_pattern(Shapes::Common));
static HEADING_RANGE_ALL: LazyLock<Regex> = LazyLock::new(|| heading_range_pattern(Shapes::All));

/// `- text`, `* text`, `— text`, `1. text`, `2、text`, `a. text`, indented or
/// not. Groups:
/// indent, ordinal, text. [`bullet`] reads the same lines without it.
static BULLET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new_anchored(r"^(\s*)(?:[-*+•·—–]\s+|([0-9０-９]{1,3}|[a-z])(?:[.)]\s+|、\s*))(\S.*|)$")
        .unwrap()
});

/// A line of a question-and-answer exchange, `Q12: 价格？`, `A：…`,
/// `问：…`, `回答：…`: who speaks (`Q12`) and what is said after the
/// colon. Under a timeline entry it is a point; its `Q12` is no name.
pub fn exchange(line: &str) -> Option<(&str, &str)> {
    const WHO: [&str; 6] = ["Q", "A", "问", "答", "提问", "回答"];
    WHO.iter().find_map(|who| {
        let rest = line.strip_prefix(who)?;
        let number = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let said = rest[number..].strip_prefix([':', '：'])?;
        Some((&line[..who.len() + number], said))
    })
}

/// A bullet line, as [`BULLET`] splits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bullet<'a> {
    /// The whitespace before the marker.
    pub indent: &'a str,
    /// `12` for `12. text`, `a` for `a. text`; `None` for `- text`.
    pub ordinal: Option<&'a str>,
    /// Everything after the marker and the whitespace that follows it.
    pub text: &'a str,
}

/// `line` read as a bullet, exactly as [`BULLET`] would.
pub fn bullet(line: &str) -> Option<Bullet<'_>> {
    let body = line.trim_start();
    let indent = &line[..line.len() - body.len()];
    let first = body.chars().next()?;
    // `2、第二条`: Chinese puts no space after `、`.
    let mut spaced = true;
    let (ordinal, after) = match first {
        '-' | '*' | '+' | '•' | '·' | '—' | '–' => (None, &body[first.len_utf8()..]),
        '0'..='9' => {
            let digits = body.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &body[digits..];
            let mark = rest.chars().next()?;
            if mark.is_numeric() {
                // Full-width, or another script's: the pattern decides.
                return bullet_by_pattern(line);
            }
            if digits > 3 || !matches!(mark, '.' | '、' | ')') {
                return None;
            }
            spaced = mark != '、';
            (Some(&body[..digits]), &rest[mark.len_utf8()..])
        }
        'a'..='z' => {
            let rest = &body[1..];
            let mark = rest.chars().next()?;
            if !matches!(mark, '.' | '、' | ')') {
                return None;
            }
            spaced = mark != '、';
            (Some(&body[..1]), &rest[mark.len_utf8()..])
        }
        c if c.is_numeric() => return bullet_by_pattern(line),
        _ => return None,
    };
    let text = after.trim_start();
    // `\s+` (`\s*` after `、`) then the rest: no line break.
    if (spaced && text.len() == after.len()) || text.contains('\n') {
        return None;
    }
    Some(Bullet {
        indent,
        ordinal,
        text,
    })
}

fn bullet_by_pattern(line: &str) -> Option<Bullet<'_>> {
    let c = BULLET.captures(line)?;
    Some(Bullet {
        indent: c.get(1).map_or("", |m| m.as_str()),
        ordinal: c.get(2).map(|m| m.as_str()),
        text: c.get(3).map_or("", |m| m.as_str()),
    })
}

/// A timed line, split as [`ENTRY`] splits it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timed<'a> {
    /// The start time as written.
    pub start: Match<'a>,
    /// The end time or end word, if there is a range.
    pub end: Option<Match<'a>>,
    /// The rest of the line.
    pub text: &'a str,
}

/// `s` read as a timed line, exactly as [`ENTRY`] would.
pub fn timed(s: &str) -> Option<Timed<'_>> {
    if !clock_after_prefix(s) {
        return None;
    }
    let head = if needs_all_shapes(s) {
        &ENTRY_HEAD_ALL
    } else {
        &ENTRY_HEAD
    };
    let c = head.captures(s)?;
    let head = c.get(0)?.end();
    let text = &s[head..];
    // `.*$` stops at a line break; `ENTRY` matches only to the end.
    if text.contains('\n') {
        return None;
    }
    let timed = Timed {
        start: c.get(1)?,
        end: c.get(2),
        text,
    };
    (!timed.worded_time_in_prose(head)).then_some(timed)
}

impl Timed<'_> {
    /// `1小时02分钟的演示`: a worded time with text glued to it is prose.
    fn worded_time_in_prose(&self, text_start: usize) -> bool {
        self.end.is_none()
            && text_start == self.start.end()
            && !self.text.is_empty()
            && !self.start.as_str().ends_with(|c: char| c.is_ascii_digit())
    }
}

/// Whether `s` is `【…】` around a timed line: such a line is an entry,
/// not a bracketed heading.
pub fn is_timed(s: &str) -> bool {
    timed(s).is_some()
}

/// A range in brackets on a heading (see [`heading_range_pattern`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeadingRange<'h> {
    pub before: &'h str,
    pub start: &'h str,
    /// `None` for a range left open: `（40:00–）`.
    pub end: Option<&'h str>,
    pub after: &'h str,
}

impl HeadingRange<'_> {
    /// The heading without its range: `第一部分 背景`.
    pub fn text(&self) -> String {
        match (self.before.trim(), self.after.trim()) {
            (before, "") => before.to_string(),
            ("", after) => after.to_string(),
            (before, after) => format!("{before} {after}"),
        }
    }
}

/// A range closing a line, `开场介绍 (00:00 - 03:30)`: the shape a
/// timeline's line may take, where a range within it or left open would
/// take prose (`会议 (9:00-10:00) 在 A 厅`) for an entry.
pub fn heading_range(h: &str) -> Option<HeadingRange<'_>> {
    range_in_heading(h).filter(|r| r.end.is_some() && r.after.is_empty())
}

/// A range in brackets anywhere on a heading, maybe left open.
pub fn range_in_heading(h: &str) -> Option<HeadingRange<'_>> {
    if !h.contains([']', '】', ')', '）']) || !h.contains([':', '：', '分', 'm']) {
        return None;
    }
    let c = if needs_all_shapes(h) {
        HEADING_RANGE_ALL.captures(h)
    } else {
        HEADING_RANGE.captures(h)
    }?;
    Some(HeadingRange {
        before: c.get(1)?.as_str(),
        start: c.get(2)?.as_str(),
        end: c.get(3).map(|m| m.as_str()),
        after: c.get(4)?.as_str(),
    })
}

/// A time in brackets at the end of a line, `开场介绍 (00:00)`:
/// (the text before it, the time as written).
pub fn trailing_time(t: &str) -> Option<(&str, &str)> {
    let t = t.trim_end();
    let close = t.chars().next_back()?;
    let open = match close {
        ')' => '(',
        '）' => '（',
        ']' => '[',
        '】' => '【',
        _ => return None,
    };
    let at = t.rfind(open)?;
    let time = t[at + open.len_utf8()..t.len() - close.len_utf8()].trim();
    let text = t[..at].trim_end();
    (!text.is_empty() && super::time::parse_time(time).is_some()).then_some((text, time))
}

/// The cells of a Markdown table row, `| 00:00 | 开场 | 要点 |`, trimmed;
/// the outer pipes are optional on the right.
pub fn table_row(t: &str) -> Option<Vec<&str>> {
    let inner = t.strip_prefix('|')?;
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    if inner.trim().is_empty() {
        return None;
    }
    Some(inner.split('|').map(str::trim).collect())
}

/// `|---|:--:|`: the row under a table's header.
pub fn is_table_rule(cells: &[&str]) -> bool {
    cells
        .iter()
        .all(|c| c.contains('-') && c.chars().all(|ch| matches!(ch, '-' | ':' | ' ')))
}

/// A header cell that names the time column: `时间`, `Time`, `时间点`.
pub fn is_time_label(cell: &str) -> bool {
    let c = cell.trim_matches('*').trim().to_lowercase();
    [
        "时间",
        "时间点",
        "时间段",
        "时刻",
        "时间戳",
        "时间码",
        "time",
        "timestamp",
        "start",
    ]
    .contains(&c.as_str())
}

/// What every line [`ENTRY`] matches has: before its first `:` or `：`
/// (or the `分`, `小时`, `m` or `h` of a worded time),
/// only digits, spaces and the optional prefix's marks (`1.`, `**`, `[`),
/// and a digit right before it.
fn clock_after_prefix(s: &str) -> bool {
    let mut after_digit = false;
    for c in s.chars() {
        match c {
            ':' | '：' | '分' | '小' | 'h' | 'm' => return after_digit,
            c if c.is_numeric() => after_digit = true,
            '.' | '、' | ')' | '*' | '[' | '【' | '(' | '（' => after_digit = false,
            c if c.is_whitespace() => after_digit = false,
            // A symbol before the time (`⏱ 00:00`); looser than the
            // pattern's `\p{So}`, as a check before it may be.
            c if !c.is_ascii() && !c.is_alphanumeric() => after_digit = false,
            _ => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exchanges_say_who_speaks_and_what() {
        assert_eq!(exchange("Q12: 价格？"), Some(("Q12", " 价格？")));
        assert_eq!(exchange("回答：按量"), Some(("回答", "按量")));
        assert_eq!(exchange("A:"), Some(("A", "")));
        assert_eq!(exchange("A100: 八卡"), Some(("A100", " 八卡")));
        assert_eq!(exchange("AWS: 云"), None);
        assert_eq!(exchange("Q 12: 空格"), None);
    }

    /// Lines in the shapes recaps come in, and near misses.
    const LINES: &[&str] = &[
        "- 一",
        "  - 二",
        "\t* 三",
        "+ 四",
        "• 五",
        "· 六",
        "1. 七",
        "12、八",
        "123) 九",
        "1234. 十",
        "1.没有空格",
        "-没有空格",
        "**[12:30]** text",
        "- **00:00** - 开场",
        "00:00 - 开场",
        "0:00-1:30 - 开场",
        "42:00 - 结束 - 回顾",
        "[00:00 - 05:30]",
        "【00:00】开场",
        "12:30 – 18:00 · 主题",
        "1. 00:10 - 编号的时间",
        "１. 全角数字",
        "٣. 阿拉伯数字",
        "1٣. 混合",
        "   ",
        "",
        "-",
        "- ",
        "Amazon S3 已服务超过 453 万家企业客户",
        "注意：这不是时间",
        "8:8",
        "（00：05）开场",
        "00:00｜开场",
        "00:00:00.000 - 开场",
        "00:00:01,250 --> 00:00:04,000",
        "12:30,13:00 两场",
        "5分30秒 - 主题演讲",
        "【1小时02分】问答",
        "1小时02分钟的演示",
        "5分钟完成部署",
        "0分0秒-5分30秒 开场",
        "5m30s - Demo",
        "1h02m10s - Q&A",
        "5ms 延迟",
        "3h 以后",
        "⏱ 00:00 开场",
        "🕐\u{FE0F} 05:30 - 发布",
        "— 破折号列表",
        "   a. 子点甲",
        "b) 子点乙",
        "e.g. 不是列表",
        "A. 大写不算",
        "ab. 两个字母",
        "2、第二条",
        "3、",
        "a、字母",
        "12、 空格",
        "2、\n换行",
        "—— 引语",
        "a 00:00 - 不在开头",
        "- 行内\n换行",
        "\u{3000}- 全角空格缩进",
        "- \u{3000}全角空格",
    ];

    fn timed_by_pattern(line: &str) -> Option<Timed<'_>> {
        let c = ENTRY.captures(line)?;
        let timed = Timed {
            start: c.get(1).unwrap(),
            end: c.get(2),
            text: c.get(3).unwrap().as_str(),
        };
        (!timed.worded_time_in_prose(c.get(3).unwrap().start())).then_some(timed)
    }

    #[test]
    fn bullets_and_timed_lines_read_as_by_the_patterns() {
        for line in LINES {
            assert_eq!(bullet(line), bullet_by_pattern(line), "{line:?}");
            assert_eq!(timed(line), timed_by_pattern(line), "{line:?}");
        }
    }

    #[test]
    fn lines_the_check_turns_away_never_match_the_entry_pattern() {
        for line in LINES {
            if !clock_after_prefix(line) {
                assert!(!ENTRY.is_match(line), "{line:?}");
            }
        }
        assert!(timed("00:00 - 开场").is_some());
        assert!(timed("**[12:30]** text").is_some());
        assert!(timed("1. 00:10 - 编号的时间").is_some());
        assert!(timed("Amazon S3 已服务超过 453 万家企业客户").is_none());
    }

    #[test]
    fn a_time_may_close_a_line() {
        assert_eq!(
            trailing_time("开场介绍 (00:00)"),
            Some(("开场介绍", "00:00"))
        );
        assert_eq!(trailing_time("发布（05:30）"), Some(("发布", "05:30")));
        assert_eq!(trailing_time("问答 [1:02:00] "), Some(("问答", "1:02:00")));
        assert_eq!(trailing_time("比例 (3:1)"), None);
        assert_eq!(trailing_time("(00:00)"), None);
        assert_eq!(trailing_time("开场介绍"), None);
    }

    #[test]
    fn heading_ranges_are_found_behind_the_check() {
        let r = heading_range("开场介绍 (00:00 - 03:30)").unwrap();
        assert_eq!(r.text(), "开场介绍");
        assert_eq!((r.start, r.end), ("00:00", Some("03:30")));
        assert!(heading_range("开场介绍").is_none());
        assert!(heading_range("比例 (3:1)").is_none());
        let within = range_in_heading("第一部分（00:00–10:00）背景").unwrap();
        assert_eq!(within.text(), "第一部分 背景");
        assert_eq!((within.start, within.end), ("00:00", Some("10:00")));
        assert!(heading_range("第一部分（00:00–10:00）背景").is_none());
        let open = range_in_heading("第四部分（40:00–）Q&A").unwrap();
        assert_eq!(
            (open.start, open.end, open.text().as_str()),
            ("40:00", None, "第四部分 Q&A")
        );
        assert!(heading_range("问答（40:00–）").is_none());
    }

    /// Random lines over the characters the shapes are made of: the hand
    /// reader and the check agree with the patterns on every one.
    #[test]
    fn random_lines_agree_with_the_patterns() {
        const PIECES: &[&str] = &[
            " ",
            "\t",
            "\u{3000}",
            "-",
            "*",
            "**",
            "+",
            "•",
            "·",
            "1",
            "12",
            "123",
            "4",
            "١",
            "１",
            ".",
            "、",
            ")",
            "）",
            "(",
            "（",
            "[",
            "]",
            "【",
            "】",
            ":",
            "：",
            "00:00",
            "05:30",
            "结束",
            "end",
            "to",
            "至",
            "~",
            "–",
            "文",
            "Kiro",
            "\n",
            "｜",
            ".250",
            ",5",
            "-->",
            "→",
            "分",
            "秒",
            "小时",
            "钟",
            "5分30秒",
            "⏱",
            "🕐",
            "\u{FE0F}",
            "—",
            "，",
            "--",
            "=>",
            "⇒",
        ];
        let mut next = crate::test_random(0x2545_f491_4f6c_dd1d);
        for _ in 0..200_000 {
            let len = (next() % 8) as usize;
            let line: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            assert_eq!(bullet(&line), bullet_by_pattern(&line), "{line:?}");
            assert_eq!(timed(&line), timed_by_pattern(&line), "{line:?}");
            assert_eq!(
                range_in_heading(&line).is_some(),
                HEADING_RANGE_ALL.is_match(&line),
                "{line:?}"
            );
        }
    }
}
