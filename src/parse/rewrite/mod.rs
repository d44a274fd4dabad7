//! Timeline lines written in ways the timeline's shapes do not take,
//! rewritten into ones they do. The parser reads a line as written first,
//! and the rewritten line when that is no timeline line; a line with times
//! of day marked as such is read in 24-hour time before anything else, as
//! `2:00 PM 开场` would otherwise read as two minutes in.
//!
//! | written | read as |
//! |---|---|
//! | `下午2:00 开场`, `2:00 PM - 2:30 PM 开场` | `14:00 开场`, `14:00 - 14:30 开场` ([`in_24_hours`]) |
//! | `１２：３０ 开场`, `第５分钟 开场` | `12：30 开场`, `5:00 开场` ([`half_width_times`]) |
//! | `00 : 00 开场` | `00:00 开场` |
//! | `第5分钟 开场`, `【第 8 分钟】演示` | `5:00 开场`, `8:00 演示` |
//! | `开场（0-5分钟）`, `0~5 min：开场` | `开场（0:00-5:00）`, `0:00-5:00：开场` |
//! | `T+05:00 开场` | `05:00 开场` |
//! | `` `00:00` 开场 ``, `*00:00* 开场`, `_00:00_ 开场` | `00:00 开场` |
//! | `约05:30 演示`, `~05:30 演示` | `05:30 演示` |
//! | `- 在 02:10，Mehdi 介绍了…`, `最后在 33:00 进行问答` | `- 02:10 Mehdi 介绍了…`, `33:00 进行问答` |
//! | `<05:30> 演示`, `「05:30」演示`, `` `[05:30]` 演示 `` | `[05:30] 演示` |
//! | `5'30" 开场`, `5′30″ - 8′10″ 演示` | `5:30 开场`, `5:30 - 8:10 演示` |
//! | `开场 — 05:00`, `开场 - 05:00-08:00` | `05:00 开场`, `05:00-08:00 开场` |
//! | `二、演示 05:00`, `（三）问答 10:00-15:00`, `第四部分 20:00 总结` | `05:00 二、演示`, `10:00-15:00 （三）问答`, `20:00 第四部分 总结` |
//! | `【开场】00:00-05:00` | `00:00-05:00 开场` |
//! | `**第一部分：开场（00:00-05:00）**` | `第一部分：开场（00:00-05:00）` |
//!
//! Times with a typo (`05;30`, `06.45`, `0800`) are guesses, read only on a
//! timeline line nothing else reads, with a warning ([`retyped`]).

mod day;
mod typo;

pub use day::{in_24_hours, starts_with_part_of_day};
pub use typo::retyped;

use crate::pattern::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// `line` as the timeline's shapes may take it, or `None` when no rewrite
/// applies. Times of day are not rewritten here but by [`in_24_hours`].
pub fn respelled(line: &str) -> Option<String> {
    // Every rewrite needs a digit (or a count in Chinese numerals, which
    // only `第二十五分钟` takes): most lines that reach here are prose.
    let may_be_a_time = line.bytes().any(|b| b.is_ascii_digit())
        || has_full_width_digit(line)
        || line.contains('第') && line.contains('分');
    if !may_be_a_time {
        return None;
    }
    let mut out = Cow::Borrowed(line);
    for rewrite in [
        half_width_times,
        without_keycap,
        unbold,
        without_t_plus,
        about,
        said_at,
        unwrapped_time,
        square_brackets,
        minutes_in_primes,
        label_last,
        time_first,
        time_said_after,
        numbered_part,
        minutes_in_words,
        minutes_in_latin,
        minute_ranges,
        tight_colons,
    ] {
        if let Some(r) = rewrite(&out) {
            out = Cow::Owned(r);
        }
    }
    match out {
        Cow::Owned(r) => Some(r),
        Cow::Borrowed(_) => None,
    }
}

/// How many ASCII digits `s` starts with.
fn leading_digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

/// An ASCII digit or a full-width one (`０`–`９`).
fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// Whether `s` has a full-width digit: `０`–`９` are EF BC 90–99.
fn has_full_width_digit(s: &str) -> bool {
    let b = s.as_bytes();
    memchr::memchr_iter(0xEF, b).any(|i| {
        b.get(i + 1) == Some(&0xBC) && b.get(i + 2).is_some_and(|x| (0x90..=0x99).contains(x))
    })
}

fn half_width(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        c => c,
    }
}

/// `１２：３０ 开场`, `第５分钟`, `０-５分钟`: times written in full-width
/// digits, as a Chinese input method in full-width mode types them, in
/// ASCII ones. Only runs of digits that are times change: a colon between
/// them or a time unit after them (`分`, `秒`, `小时`, `点`, `m`, `h`, `s`).
/// Other full-width digits (`增长１５％`, `第２部分`) are kept as written.
fn half_width_times(line: &str) -> Option<String> {
    if !has_full_width_digit(line) {
        return None;
    }
    let chars: Vec<char> = line.chars().collect();
    let in_run = |c: char| is_digit(c) || " :：-–—~～至到".contains(c);
    let mut out = String::with_capacity(line.len());
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i]) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && in_run(chars[end]) {
            end += 1;
        }
        // The run ends on its last digit: marks after it are the text's.
        while !is_digit(chars[end - 1]) {
            end -= 1;
        }
        let run = &chars[i..end];
        let marks: Vec<char> = run.iter().copied().filter(|&c| c != ' ').collect();
        let clock = marks
            .windows(3)
            .any(|w| is_digit(w[0]) && matches!(w[1], ':' | '：') && is_digit(w[2]));
        let unit = chars[end..]
            .iter()
            .find(|c| **c != ' ')
            .is_some_and(|c| matches!(c, '分' | '秒' | '小' | '点' | 'h' | 'm' | 's'));
        if clock || unit {
            out.extend(run.iter().copied().map(half_width));
        } else {
            out.extend(run);
        }
        i = end;
    }
    (out != line).then_some(out)
}

/// `**第一部分：开场（00:00-05:00）**`: bold around a whole line with a
/// time in it.
fn unbold(line: &str) -> Option<String> {
    let t = line.trim();
    let inner = t.strip_prefix("**")?.strip_suffix("**")?;
    let timed = inner.contains(|c: char| c.is_ascii_digit());
    (timed && !inner.contains("**")).then(|| inner.trim().to_string())
}

/// Bullets and marks a timeline line may start with, before its time.
fn lead(line: &str) -> (&str, &str) {
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || "-*•·".contains(c));
    (&line[..line.len() - body.len()], body)
}

/// `T+05:00 开场`: a count from the start, as some tools write it.
fn without_t_plus(line: &str) -> Option<String> {
    let (lead, body) = lead(line);
    let rest = body
        .strip_prefix("T+")
        .or_else(|| body.strip_prefix("t+"))?;
    rest.starts_with(|c: char| c.is_ascii_digit())
        .then(|| format!("{lead}{rest}"))
}

/// A bullet's marker and the space after it, if `line` starts with one,
/// and the rest. Unlike [`lead`], a `*` with no space after it is kept: it
/// opens italics.
fn marker(line: &str) -> (&str, &str) {
    let body = line.trim_start();
    let body = ["- ", "* ", "+ ", "• "]
        .iter()
        .find_map(|m| body.strip_prefix(m))
        .map_or(body, str::trim_start);
    (&line[..line.len() - body.len()], body)
}

/// `约05:30 演示`, `- ~05:30 演示`: a time the note-taker was not sure of.
fn about(line: &str) -> Option<String> {
    let (lead, body) = marker(line);
    let rest = ["大约", "约", "~", "～", "≈"]
        .iter()
        .find_map(|w| body.strip_prefix(w))?
        .trim_start();
    // A time, not a count (`约5成的客户`).
    let digits = leading_digits(rest);
    let unit = rest[digits..].starts_with([':', '：', '分', 'h', 'm', '\'', '′']);
    ((1..=3).contains(&digits) && unit).then(|| format!("{lead}{rest}"))
}

/// `- 在 02:10，Mehdi 介绍了…` → `- 02:10 Mehdi 介绍了…`, `At 00:03:10, Matt
/// announced…` → `00:03:10 Matt announced…`, `最后在 33:00 进行问答` →
/// `33:00 进行问答`: the moment said in the sentence's opening words, up
/// to its comma (or, after a word of sequence, `最后`, a space).
fn said_at(line: &str) -> Option<String> {
    const THEN: [&str; 5] = ["最后在", "随后在", "然后在", "接着在", "之后在"];
    let (lead, body) = marker(line);
    let then = THEN.iter().find_map(|w| body.strip_prefix(w));
    let rest = then
        .or_else(|| {
            ["在", "At around ", "At about ", "At "]
                .iter()
                .find_map(|w| body.strip_prefix(w))
        })?
        .trim_start();
    let digits = leading_digits(rest);
    let colon = rest[digits..].strip_prefix([':', '：'])?;
    if !(1..=2).contains(&digits) {
        return None;
    }
    let time_len = digits + 1 + colon.len()
        - colon
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == ':')
            .len();
    let (time, after) = rest.split_at(time_len);
    let after = after.trim_start();
    let after = after.strip_prefix("时").unwrap_or(after);
    let text = match after.strip_prefix(['，', ',']) {
        Some(text) => text.trim_start(),
        // `最后在 33:00 进行问答`, but not `最后在 33:00 之后…`.
        None if then.is_some()
            && !after.is_empty()
            && !["之后", "以后", "之前", "以前", "前", "后", "左右"]
                .iter()
                .any(|w| after.starts_with(w)) =>
        {
            after
        }
        None => return None,
    };
    // `At 21:45, he introduced …`: the sentence now opens with `he`.
    let mut chars = text.chars();
    let first = chars.next()?;
    Some(format!(
        "{lead}{time} {}{}",
        first.to_ascii_uppercase(),
        chars.as_str()
    ))
}

/// `` `00:00` 开场 ``, `*00:00* 开场`, `_00:00 - 05:30_ 开场`: the time in
/// inline code or in italics (bold, `**00:00**`, the shapes take as it is).
fn unwrapped_time(line: &str) -> Option<String> {
    let (lead, body) = marker(line);
    let mark = body
        .chars()
        .next()
        .filter(|c| matches!(c, '`' | '*' | '_'))?;
    let inner = &body[1..];
    let time = inner.strip_prefix(opens).unwrap_or(inner);
    if inner.starts_with(mark) || !time.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let close = inner.find(mark)?;
    Some(format!("{lead}{}{}", &inner[..close], &inner[close + 1..]))
}

/// Brackets a time may be written in, with their closing ones, besides
/// `[]`, `【】` and `()` that the shapes take as written.
const BRACKETS: [(char, char); 11] = [
    ('<', '>'),
    ('＜', '＞'),
    ('〈', '〉'),
    ('《', '》'),
    ('「', '」'),
    ('『', '』'),
    ('〔', '〕'),
    ('〖', '〗'),
    ('［', '］'),
    ('{', '}'),
    ('｛', '｝'),
];

/// Whether `c` opens one of [`BRACKETS`] or of the shapes' own.
fn opens(c: char) -> bool {
    matches!(c, '[' | '【' | '(') || BRACKETS.iter().any(|b| b.0 == c)
}

/// `<05:30> 演示`, `「05:30 - 08:00」演示`: a leading time in brackets other
/// than the shapes' own, as `[05:30] 演示`.
fn square_brackets(line: &str) -> Option<String> {
    let (lead, body) = marker(line);
    let open = body.chars().next()?;
    let &(_, close) = BRACKETS.iter().find(|(o, _)| *o == open)?;
    let inner = &body[open.len_utf8()..];
    // A time, not a title (`《2025 年度报告》`) or a count (`<5 个>`).
    let start = inner.trim_start();
    let digits = leading_digits(start);
    if !(1..=3).contains(&digits) || !start[digits..].starts_with([':', '：']) {
        return None;
    }
    let end = inner.find(close)?;
    let time = &inner[..end];
    if time.contains(|c: char| opens(c) || BRACKETS.iter().any(|b| b.1 == c)) {
        return None;
    }
    let rest = &inner[end + close.len_utf8()..];
    Some(format!("{lead}[{time}]{rest}"))
}

/// `[00:00](https://youtu.be/x?t=0) 开场`: a time written as a link to
/// that moment of the video. The line without the link, and the link.
pub fn unlinked_time(line: &str) -> Option<(String, &str)> {
    let (lead, body) = marker(line);
    let (lead, body) = match body.strip_prefix("**") {
        Some(rest) => (&line[..line.len() - rest.len()], rest),
        None => (lead, body),
    };
    let inner = body.strip_prefix('[')?;
    if !inner.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (time, rest) = inner.split_once("](")?;
    let (url, rest) = rest.split_once(')')?;
    let web = url.starts_with("https://") || url.starts_with("http://");
    if time.contains(['[', ']']) || !web || url.contains(char::is_whitespace) {
        return None;
    }
    Some((format!("{lead}{time}{rest}"), url))
}

/// A video's address without the moment a link to it starts at (`t=75s`,
/// `start=75`, `#t=75`), for the session's `video_url`.
pub fn without_moment(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("t=") && !p.starts_with("start="))
        .collect();
    if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    }
}

/// `5'30" 开场`, `- 5′30″ - 8′10″ 演示`: minutes and seconds written with
/// primes, as notes on a video often are. Only at the start of the line
/// (after bullets), where a timeline line's times are.
fn minutes_in_primes(line: &str) -> Option<String> {
    let (lead, body) = lead(line);
    let (time, mut rest) = primed(body)?;
    let mut out = format!("{lead}{time}");
    // The end of a range: `5′30″ - 8′10″`.
    let gap = rest.len()
        - rest
            .trim_start_matches([' ', '-', '–', '—', '~', '～', '至', '到'])
            .len();
    if let Some((end, after)) = primed(&rest[gap..]).filter(|_| gap > 0) {
        out.push_str(&rest[..gap]);
        out.push_str(&end);
        rest = after;
    }
    out.push_str(rest);
    Some(out)
}

/// The time in primes `s` starts with (`5'30"`, `12′05″`) as `5:30`, and
/// the text after it.
fn primed(s: &str) -> Option<(String, &str)> {
    let m = leading_digits(s);
    if !(1..=3).contains(&m) {
        return None;
    }
    let rest = s[m..].strip_prefix(['\'', '′'])?;
    if leading_digits(rest) != 2 {
        return None;
    }
    let after = &rest[2..];
    let after = after.strip_prefix(['"', '″']).unwrap_or(after);
    Some((format!("{}:{}", &s[..m], &rest[..2]), after))
}

/// A time as the rewrites below look for it: `05:00`, `1:05:00`.
const TIME: &str = r"[0-9]{1,3}[:：][0-9]{2}(?:[:：][0-9]{2})?";

/// `【开场】00:00-05:00`: the label first, in brackets, then the time.
fn label_last(line: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new_anchored(&format!(
            r"^【([^】]+)】\s*({TIME}(?:\s*[-–—~～至到]\s*{TIME})?)\s*$"
        ))
        .unwrap()
    });
    if !line.trim_start().starts_with('【') {
        return None;
    }
    let c = RE.captures(line.trim())?;
    Some(format!("{} {}", c.get(2)?.as_str(), c.get(1)?.as_str()))
}

/// `开场 — 05:00`, `开场 - 05:00-08:00`, `圆桌 | 18:30-结束`: the time last,
/// after a dash or a bar.
fn time_first(line: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new_anchored(&format!(
            r"^([^|｜].*?[^\s0-9:：|｜])\s*(?:[-–—]{{1,2}}|[|｜·])\s*({TIME}(?:\s*[-–—~～至到]\s*(?:{TIME}|结束|结尾|[Ee]nd))?)\s*$"
        ))
        .unwrap()
    });
    let t = line.trim_end();
    let closes = t.ends_with(|c: char| c.is_ascii_digit())
        || t.ends_with("结束")
        || t.ends_with("结尾")
        || t.ends_with("nd");
    if !closes || !t.contains([':', '：']) {
        return None;
    }
    let (lead, body) = lead(t);
    let c = RE.captures(body)?;
    Some(format!(
        "{lead}{} {}",
        c.get(2)?.as_str(),
        c.get(1)?.as_str()
    ))
}

/// `- Mike 介绍了 AgentCore Runtime（03:20），强调会话隔离。` → `- 03:20 Mike
/// 介绍了 AgentCore Runtime，强调会话隔离。`: a point whose one time, in
/// brackets, follows what was said then, and ends the line or a clause.
fn time_said_after(line: &str) -> Option<String> {
    static RE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(&format!(r"[（(]\s*({TIME})\s*[）)]")).unwrap());
    let (lead, body) = marker(line);
    if !body.contains(['（', '(']) || !body.contains([':', '：']) {
        return None;
    }
    let mut found = RE.captures_iter(body);
    let c = found.next()?;
    if found.next().is_some() {
        return None;
    }
    let whole = c.get(0)?;
    let before = body[..whole.start()].trim_end();
    let after = &body[whole.end()..];
    let closes =
        after.is_empty() || after.starts_with(['，', ',', '。', '；', ';', '.', '！', '!']);
    let time = c.get(1)?.as_str();
    (!before.is_empty() && closes).then(|| format!("{lead}{time} {before}{after}"))
}

/// `1️⃣ 00:00 开场` → `00:00 开场`: a number on a keycap, as a list's
/// marker.
fn without_keycap(line: &str) -> Option<String> {
    let body = line.trim_start();
    let mut chars = body.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let rest = if first == '🔟' {
        rest
    } else if first.is_ascii_digit() {
        let rest = rest.strip_prefix('\u{FE0F}').unwrap_or(rest);
        rest.strip_prefix('\u{20E3}')?
    } else {
        return None;
    };
    Some(rest.trim_start().to_string())
}

/// `二、演示 05:00`, `（三）问答 10:00-15:00`, `1.1 细节 16:00`, `第四部分
/// 20:00 总结`: a numbered part of the talk, its time after a space (at the
/// end, or after the number), as `05:00 二、演示`. Only after a number of
/// the kinds that number a talk's parts: a sentence that ends in a time is
/// no entry.
fn numbered_part(line: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        let number = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(](?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[）)]|第(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})(?:部分|章|节|段|阶段|场)|[0-9]{1,2}(?:\.[0-9]{1,2})+)";
        let range = format!(r"{TIME}(?:\s*[-–—~～至到]\s*{TIME})?");
        Regex::new_anchored(&format!(
            r"^(?P<number>{number})(?P<space>\s*)(?:(?P<first>{range})\s+(?P<after>\S.*?)|(?P<before>\S.*?)\s+(?P<last>{range}))\s*$"
        ))
        .unwrap()
    });
    let t = line.trim();
    let numbered =
        t.starts_with(|c: char| c.is_ascii_digit() || "一二三四五六七八九十（(第".contains(c));
    if !numbered || !t.contains([':', '：']) {
        return None;
    }
    let c = RE.captures(t)?;
    let number = c.name("number")?.as_str();
    let (time, text) = match (c.name("first"), c.name("last")) {
        (Some(time), _) => (time, format!("{number} {}", c.name("after")?.as_str())),
        (_, Some(time)) => {
            let space = c.name("space")?.as_str();
            (
                time,
                format!("{number}{space}{}", c.name("before")?.as_str()),
            )
        }
        _ => return None,
    };
    Some(format!("{} {text}", time.as_str()))
}

/// `第5分钟 开场`, `- 第 12 分钟：演示`, `【第 8 分钟】演示`, `第二十五分钟：Q&A`
/// → `5:00 开场`, `- 12:00：演示`, `8:00 演示`, `25:00：Q&A`.
fn minutes_in_words(line: &str) -> Option<String> {
    const BRACKETS: [(char, char); 5] = [
        ('【', '】'),
        ('[', ']'),
        ('（', '）'),
        ('(', ')'),
        ('「', '」'),
    ];
    let (lead, body) = lead(line);
    let close = BRACKETS.iter().find(|(open, _)| body.starts_with(*open));
    let body = close.map_or(body, |(open, _)| body[open.len_utf8()..].trim_start());
    let rest = body.strip_prefix('第')?.trim_start();
    let digits = leading_digits(rest);
    let (minutes, rest) = match digits {
        1..=3 => (rest[..digits].to_string(), &rest[digits..]),
        // In numerals, only `分钟`: `第二分会场` is the second hall.
        0 => {
            let (n, len) = chinese_count(rest)?;
            rest[len..].trim_start().strip_prefix("分钟")?;
            (n.to_string(), &rest[len..])
        }
        _ => return None,
    };
    let after = rest.trim_start().strip_prefix('分')?;
    let after = after.strip_prefix('钟').unwrap_or(after);
    let after = match close {
        // The text after a bracketed mark stands apart from it.
        Some((_, close)) => format!(" {}", after.trim_start().strip_prefix(*close)?.trim_start()),
        None => after.to_string(),
    };
    Some(format!("{lead}{minutes}:00{after}"))
}

/// A count in Chinese numerals at the start of `s`, up to 999 (`五`, `十二`,
/// `二十五`, `一百零五`), and its length in bytes.
fn chinese_count(s: &str) -> Option<(u32, usize)> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|d| d as u32)
    };
    // The last unit counted: each must be smaller than the one before
    // (`十十` is no number).
    let (mut total, mut pending, mut last_unit, mut len) = (0, None::<u32>, 1000, 0);
    for c in s.chars() {
        let unit = match c {
            // `一百零五`: the `零` holds the empty tens.
            '零' if total > 0 && pending.is_none() => {
                len += c.len_utf8();
                continue;
            }
            '十' => 10,
            '百' => 100,
            _ => match digit(c) {
                Some(d) if pending.is_none() => {
                    pending = Some(d);
                    len += c.len_utf8();
                    continue;
                }
                _ => break,
            },
        };
        if unit >= last_unit {
            return None;
        }
        // `十二` is twelve: a bare `十` counts one ten.
        total += pending.take().unwrap_or(1) * unit;
        last_unit = unit;
        len += c.len_utf8();
    }
    let n = total + pending.unwrap_or(0);
    (len > 0 && (1..1000).contains(&n)).then_some((n, len))
}

/// `- 5min：开场`, `12min30s: 演示`, `40 min - 问答`, `12m — 架构` →
/// `- 5:00：开场`, `12:30: 演示`, `40:00 - 问答`, `12:00 — 架构`: a moment
/// in minutes, then a colon or a dash (`5 min 的演示` is a length of time).
fn minutes_in_latin(line: &str) -> Option<String> {
    let (lead, body) = lead(line);
    let digits = leading_digits(body);
    if !(1..=3).contains(&digits) {
        return None;
    }
    let unit = body[digits..].trim_start();
    let rest = match unit.strip_prefix("min") {
        Some(rest) => rest,
        // `12m — 架构` as `05m30s — 开场` beside it is written; `5m - 10m`
        // is a range, and `5m users` no time.
        None => {
            let rest = unit.strip_prefix('m')?;
            let text = rest.trim_start_matches([' ', '：', ':', '-', '–', '—']);
            if rest.starts_with(|c: char| c.is_ascii_alphabetic())
                || text.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            rest
        }
    };
    let seconds_len = leading_digits(rest);
    let (seconds, after) = match rest[seconds_len..].strip_prefix('s') {
        Some(after) if (1..=2).contains(&seconds_len) => (&rest[..seconds_len], after),
        _ => ("0", rest),
    };
    let seconds: u32 = seconds.parse().ok()?;
    let text = after.trim_start();
    let marked = text.starts_with(['：', ':']) || text.starts_with(['-', '–', '—']);
    (marked && seconds < 60).then(|| format!("{lead}{}:{seconds:02}{after}", &body[..digits]))
}

/// `开场（0-5分钟）`, `（第5-20分钟）`, `0~5 min：开场`: a range of whole
/// minutes → `0:00-5:00`.
fn minute_ranges(line: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"第?\s*([0-9]{1,3})\s*(?:分钟?)?\s*[-–—~～至到]\s*([0-9]{1,3})\s*(?:分钟|分|mins?|minutes)",
        )
        .unwrap()
    });
    // At the start (after bullets) or in brackets closing the line.
    let (lead, body) = lead(line);
    let closed = line.trim_end().ends_with([')', '）', ']', '】']);
    if !closed && !body.starts_with(|c: char| c.is_ascii_digit() || c == '第') {
        return None;
    }
    if !line.contains('分') && !line.contains("min") {
        return None;
    }
    let c = RE.captures(line)?;
    let whole = c.get(0)?;
    let before = line[..whole.start()].trim_end();
    let after = line[whole.end()..].trim();
    let at_start = whole.start() == lead.len();
    let bracketed =
        before.ends_with(['（', '(', '[', '【']) && matches!(after, ")" | "）" | "]" | "】");
    if !at_start && !bracketed {
        return None;
    }
    Some(format!(
        "{}{}:00-{}:00{}",
        &line[..whole.start()],
        c.get(1)?.as_str(),
        c.get(2)?.as_str(),
        &line[whole.end()..]
    ))
}

/// `00 : 00 - 05 : 30 开场` → `00:00 - 05:30 开场`: spaces on either side
/// of a colon between digits, in the run of digits and marks a timeline
/// line starts with.
fn tight_colons(line: &str) -> Option<String> {
    let run_end = line
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic())
        .map_or(line.len(), |(i, _)| i);
    let run = &line[..run_end];
    let spaced = run.char_indices().any(|(i, c)| {
        matches!(c, ':' | '：')
            && (run[..i].ends_with([' ', '\t']) || run[i + c.len_utf8()..].starts_with([' ', '\t']))
    });
    if !spaced {
        return None;
    }
    let run: Vec<char> = run.chars().collect();
    let colon = |c: Option<&char>| matches!(c, Some(':' | '：'));
    let digit = |c: Option<&char>| c.is_some_and(char::is_ascii_digit);
    let mut out = String::with_capacity(line.len());
    let mut dropped = false;
    for (i, c) in run.iter().enumerate() {
        if c.is_whitespace() {
            let before = run[..i].iter().rev().find(|c| !c.is_whitespace());
            let next = run[i + 1..].iter().find(|c| !c.is_whitespace());
            if digit(before) && colon(next) || colon(before) && digit(next) {
                dropped = true;
                continue;
            }
        }
        out.push(*c);
    }
    dropped.then(|| out + &line[run_end..])
}

#[cfg(test)]
mod tests;
