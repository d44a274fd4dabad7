//! The heads of timeline lines written in ways the timeline's shapes do not
//! take, rewritten into ones they do:
//!
//! * times of day marked as such, `下午2:00`, `上午 9:30`, `2:00 PM`,
//!   `9:30 a.m.`, in 24-hour time (`下午2:00 - 下午2:10 开场` →
//!   `14:00 - 14:10 开场`); the parser then takes the timeline as one of
//!   times of day;
//! * colons with spaces around them: `00 : 00 开场` → `00:00 开场`;
//! * minutes counted in words: `第5分钟 开场` → `5:00 开场`.
//!
//! The parser reads the rewritten line first, and the line as written when
//! the rewritten one is no timeline line either.

use crate::pattern::Regex;
use std::sync::LazyLock;

/// Words before a time that say which part of the day it is in, and how
/// each moves an hour written on a 12-hour clock.
const DAY_PARTS: &[(&str, Half)] = &[
    ("凌晨", Half::Morning),
    ("早上", Half::Morning),
    ("上午", Half::Morning),
    ("中午", Half::Noon),
    ("下午", Half::Afternoon),
    ("傍晚", Half::Afternoon),
    ("晚上", Half::Afternoon),
];

#[derive(Clone, Copy)]
enum Half {
    Morning,
    /// `中午12:30` is half past twelve, `中午1:00` one in the afternoon.
    Noon,
    Afternoon,
}

impl Half {
    fn hour(self, h: u32) -> u32 {
        match self {
            Half::Morning if h == 12 => 0,
            Half::Morning => h,
            Half::Noon if h <= 5 => h + 12,
            Half::Noon => h,
            Half::Afternoon if h < 12 => h + 12,
            Half::Afternoon => h,
        }
    }
}

/// A time with a part of the day before it or `AM`/`PM` after it.
/// Groups: the word before, hours, minutes, `a`/`p`.
static MARKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(凌晨|早上|上午|中午|下午|傍晚|晚上)\s*)?(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*([AaPp])\.?[Mm]\.?)?",
    )
    .unwrap()
});

/// A timeline line's head as the shapes take it.
pub struct Rewritten {
    pub line: String,
    /// Its times were marked as times of day.
    pub times_of_day: bool,
}

/// `line` with its head rewritten (see the module's doc), or `None` when
/// there is nothing to rewrite.
pub fn rewritten(line: &str) -> Option<Rewritten> {
    let counted = minutes_in_words(line);
    let line = counted.as_deref().unwrap_or(line);
    if let Some(day) = in_24_hours(line) {
        return Some(Rewritten {
            line: day,
            times_of_day: true,
        });
    }
    let tight = tight_colons(line);
    tight.or(counted).map(|line| Rewritten {
        line,
        times_of_day: false,
    })
}

/// `第5分钟 开场`, `- 第 12 分钟：演示` → `5:00 开场`, `- 12:00：演示`.
fn minutes_in_words(line: &str) -> Option<String> {
    let body = line.trim_start_matches(|c: char| c.is_whitespace() || "-*•·".contains(c));
    let lead = &line[..line.len() - body.len()];
    let rest = body.strip_prefix('第')?.trim_start();
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = rest[digits..].trim_start().strip_prefix('分')?;
    let after = after.strip_prefix('钟').unwrap_or(after);
    Some(format!("{lead}{}:00{after}", &rest[..digits]))
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

/// How far into a line its times may start: past them is the entry's text.
const HEAD_BYTES: usize = 80;

/// `line` with its leading times of day in 24-hour time, when at least one
/// of them is marked with a part of the day or `AM`/`PM`; `None` when none
/// is. Only the start of the line is read: a time in the entry's text
/// (`14:00 开场，下午3:00 茶歇`) is prose and stays as written.
fn in_24_hours(line: &str) -> Option<String> {
    let mut end = line.len().min(HEAD_BYTES);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    // Every word of DAY_PARTS has one of these characters.
    let day_part = || {
        head.contains(['午', '上', '晨', '晚']) && DAY_PARTS.iter().any(|(w, _)| head.contains(w))
    };
    if !head.contains([':', '：']) || !(am_or_pm_after_digit(head.as_bytes()) || day_part()) {
        return None;
    }
    // Up to two times, a range's start and end: where each is written,
    // where its marks end, its hour and minute, and its half of the day.
    let mut times = Vec::with_capacity(2);
    let mut from = 0;
    for c in MARKED.captures_iter(head).take(2) {
        let whole = c.get(0)?;
        if !only_marks(&line[from..whole.start()]) {
            break;
        }
        let hour: u32 = c.get(2)?.as_str().parse().ok()?;
        let minute: u32 = c.get(3)?.as_str().parse().ok()?;
        if hour > 23 || minute > 59 {
            return None;
        }
        let after = line[whole.end()..].chars().next();
        // `2:00 Amazon`: an `a`/`p` that starts a word is not a mark.
        let suffix = c
            .get(4)
            .filter(|_| !after.is_some_and(|ch| ch.is_ascii_alphanumeric()));
        let half = match (c.get(1), suffix) {
            (Some(word), _) => Some(DAY_PARTS.iter().find(|(w, _)| *w == word.as_str())?.1),
            (None, Some(ap)) if hour <= 12 => Some(match ap.as_str() {
                "a" | "A" => Half::Morning,
                _ => Half::Afternoon,
            }),
            _ => None,
        };
        let end = if suffix.is_some() {
            whole.end()
        } else {
            c.get(3)?.end()
        };
        times.push((whole.start(), end, hour, minute, half));
        from = end;
    }
    // A time with no mark takes the half of the other end of its range
    // (`下午2:00至3:00`, `2:00 - 2:30 PM`).
    let known = times.iter().find_map(|t| t.4)?;
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    for (start, end, hour, minute, half) in times {
        out.push_str(&line[from..start]);
        out.push_str(&format!(
            "{:02}:{minute:02}",
            half.unwrap_or(known).hour(hour)
        ));
        from = end;
    }
    out.push_str(&line[from..]);
    Some(out)
}

/// Whether `head` has `am`, `PM`, `p.m.` (any case) after a digit and
/// spaces: the check before the pattern, which most lines never need.
fn am_or_pm_after_digit(head: &[u8]) -> bool {
    (0..head.len()).any(|i| {
        let m = match head.get(i + 1) {
            Some(b'.') => i + 2,
            _ => i + 1,
        };
        matches!(head[i], b'a' | b'A' | b'p' | b'P')
            && matches!(head.get(m), Some(b'm' | b'M'))
            && head[..i]
                .iter()
                .rposition(|&b| b != b' ')
                .is_some_and(|k| head[k].is_ascii_digit())
    })
}

/// Whether `gap`, before or between a line's times, is only the marks
/// around them: bullets, brackets, bold, a range's dash or `至`/`到`/`to`.
fn only_marks(gap: &str) -> bool {
    gap.replace(['至', '到'], "")
        .replace("to", "")
        .chars()
        .all(|c| !c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marked_times_become_24_hour_times() {
        for (written, read) in [
            ("2:00 PM - 2:10 PM 开场", "14:00 - 14:10 开场"),
            ("9:30am–10:15am Keynote", "09:30–10:15 Keynote"),
            ("12:30 p.m. 午餐", "12:30 午餐"),
            ("12:15 AM 凌晨场", "00:15 凌晨场"),
            ("下午2:00 开场", "14:00 开场"),
            ("下午 2:00 - 下午 2:30 演示", "14:00 - 14:30 演示"),
            ("- **上午9:00** - 开场", "- **09:00** - 开场"),
            ("【下午3:00】茶歇", "【15:00】茶歇"),
            ("中午12:30 午餐", "12:30 午餐"),
            ("中午1:00 午餐会", "13:00 午餐会"),
            ("晚上19:30 晚宴", "19:30 晚宴"),
            ("下午2:00至3:00 演示", "14:00至15:00 演示"),
            ("11:00 AM - 1:00 PM 午餐", "11:00 - 13:00 午餐"),
            ("2:00 - 2:30 PM 问答", "14:00 - 14:30 问答"),
        ] {
            assert_eq!(in_24_hours(written).as_deref(), Some(read), "{written}");
        }
    }

    #[test]
    fn spaced_colons_and_minutes_in_words() {
        for (written, read) in [
            ("00 : 00 开场", "00:00 开场"),
            ("- 00 ：00 - 05 : 30 开场", "- 00：00 - 05:30 开场"),
            ("1 : 05 : 00 演示", "1:05:00 演示"),
            ("第5分钟 开场", "5:00 开场"),
            ("- 第 12 分钟：演示", "- 12:00：演示"),
            ("第120分 问答", "120:00 问答"),
            ("下午 2 : 00 开场", "14:00 开场"),
        ] {
            let r = rewritten(written).expect(written);
            assert_eq!(r.line, read, "{written}");
        }
        for line in [
            "00:00 开场",
            "比例 3 : 1",
            "第五分钟 开场",
            "第5章 开场",
            "第5分",
        ] {
            assert!(
                rewritten(line).is_none_or(|r| r.line == line || line == "第5分"),
                "{line}"
            );
        }
    }

    #[test]
    fn other_lines_are_left_alone() {
        for line in [
            "00:00 - 05:00 开场",
            "14:00 开场，下午3:00 茶歇",
            "2:00 Amazon Bedrock 介绍",
            "2:00 Apple 发布",
            "开场介绍，下午2:00",
            "下午茶",
            "下午99:00 开场",
        ] {
            assert_eq!(in_24_hours(line), None, "{line}");
        }
    }
}
