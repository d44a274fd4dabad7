//! Times of day marked as such, `下午2:00`, `上午 9:30`, `2:00 PM`,
//! `9:30 a.m.`, or written with `点` (o'clock: `14点30分`, `下午2点半`), in
//! 24-hour time: `下午2:00 - 下午2:10 开场` → `14:00 - 14:10 开场`.

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
    /// `14点`, `9点半`: a time of day, its hour as written.
    AsWritten,
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
            Half::AsWritten => h,
        }
    }
}

/// A time with a part of the day before it or `AM`/`PM` after it, or
/// written with `点`. Groups: the word before, hours, minutes, `a`/`p`;
/// for `点`, its minutes (`30分`, `15`) or `半`.
static MARKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:(凌晨|早上|上午|中午|下午|傍晚|晚上)\s*)?([0-9]{1,2})\s*(?:[:：]\s*([0-9]{2})(?:\s*([AaPp])\.?[Mm]\.?)?|点(?:\s*([0-9]{1,2})\s*分?|(半))?)",
    )
    .unwrap()
});

/// Whether an hour up to 12 written with `点` and nothing after it (no part
/// of the day before it, no minutes or `半`) that ends at `after` is a
/// time: only before a space, a range's mark or the end of the line.
/// `3点原因` and `1点：成本` are points of a list.
fn o_clock_ends(after: &str) -> bool {
    after
        .chars()
        .next()
        .is_none_or(|c| c.is_whitespace() || "-–—~～至到*】]）)".contains(c))
}

/// How far into a line its times may start: past them is the entry's text.
const HEAD_BYTES: usize = 80;

/// `line` with its leading times of day in 24-hour time, when at least one
/// of them is marked with a part of the day or `AM`/`PM`; `None` when none
/// is. Only the start of the line is read: a time in the entry's text
/// (`14:00 开场，下午3:00 茶歇`) is prose and stays as written.
pub fn in_24_hours(line: &str) -> Option<String> {
    if !may_mark_times_of_day(line) {
        return None;
    }
    let mut end = line.len().min(HEAD_BYTES);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    // Up to two times, a range's start and end: where each is written,
    // where its marks end, its hour and minute, and its half of the day.
    let mut times = Vec::with_capacity(2);
    let mut from = 0;
    let mut o_clocks = false;
    for c in MARKED.captures_iter(head).take(2) {
        let whole = c.get(0)?;
        if !only_marks(&line[from..whole.start()]) {
            break;
        }
        let hour: u32 = c.get(2)?.as_str().parse().ok()?;
        let o_clock = c.get(3).is_none();
        let minute: u32 = match (c.get(3).or(c.get(5)), c.get(6)) {
            (Some(m), _) => m.as_str().parse().ok()?,
            (None, Some(_)) => 30,
            (None, None) => 0,
        };
        if hour > 23 || minute > 59 {
            return None;
        }
        // `14点开场` is a time; `3点原因`, three reasons.
        let bare_hour = o_clock && c.get(5).is_none() && c.get(6).is_none() && hour <= 12;
        if bare_hour && c.get(1).is_none() && !o_clock_ends(&line[whole.end()..]) {
            break;
        }
        o_clocks |= o_clock;
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
        let end = if suffix.is_some() || o_clock {
            whole.end()
        } else {
            c.get(3)?.end()
        };
        times.push((whole.start(), end, hour, minute, half));
        from = end;
    }
    // A time with no mark takes the half of the other end of its range
    // (`下午2:00至3:00`, `2:00 - 2:30 PM`); with `点` and no half of the
    // day anywhere, its hour is as written (`14点 - 15点`).
    let known = times
        .iter()
        .find_map(|t| t.4)
        .or(o_clocks.then_some(Half::AsWritten))?;
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

/// Whether `s` starts with a word of [`DAY_PARTS`] (`下午2:00`).
pub fn starts_with_part_of_day(s: &str) -> bool {
    DAY_PARTS.iter().any(|(w, _)| s.starts_with(w))
}

/// Whether `line` may start with a time marked as one of the day: a word
/// of [`DAY_PARTS`] first (after marks), or `am`, `PM`, `p.m.` (any case,
/// before no letter) where the run of times, spaces and dashes the line
/// starts with ends (`2:00 PM`, `2:00 - 2:30 pm`), or a word of
/// [`DAY_PARTS`] there (`2:00 - 下午2:30`). The check before the pattern:
/// it runs on every timeline line, and stops at the first letter.
fn may_mark_times_of_day(line: &str) -> bool {
    let body = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    let day_part = |at: &str| DAY_PARTS.iter().any(|(w, _)| at.starts_with(w));
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return day_part(body);
    }
    let run = body
        .find(|c: char| !(c.is_ascii_digit() || c.is_whitespace() || ":：-–—~～至到*".contains(c)))
        .unwrap_or(body.len());
    let at = &body[run..];
    let b = at.as_bytes();
    let m = if b.get(1) == Some(&b'.') { 2 } else { 1 };
    let am_pm = matches!(b.first(), Some(b'a' | b'A' | b'p' | b'P'))
        && matches!(b.get(m), Some(b'm' | b'M'))
        // `Amazon` after a time is a name, not a mark.
        && !b.get(m + 1).is_some_and(u8::is_ascii_alphabetic);
    am_pm || day_part(at) || at.starts_with('点')
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
            ("14点30分 开场", "14:30 开场"),
            ("14点 - 14点45分 演示", "14:00 - 14:45 演示"),
            ("下午2点半 问答", "14:30 问答"),
            ("下午2点至3点 茶歇", "14:00至15:00 茶歇"),
            ("- **9点15** 开场", "- **09:15** 开场"),
            ("下午3点开始", "15:00开始"),
            ("9点 签到", "09:00 签到"),
            ("14点开场", "14:00开场"),
        ] {
            assert_eq!(in_24_hours(written).as_deref(), Some(read), "{written}");
        }
    }

    #[test]
    fn every_part_of_the_day_passes_the_first_check() {
        for (word, _) in DAY_PARTS {
            assert!(
                may_mark_times_of_day(&format!("- **{word}2:00** 开场")),
                "{word}"
            );
            assert!(
                may_mark_times_of_day(&format!("2:00 - {word}2:30 开场")),
                "{word}"
            );
        }
        for line in [
            "2:00 PM 开场",
            "【9:30am】",
            "2:00 - 2:30 p.m. 问答",
            "12:00—1:00PM",
        ] {
            assert!(may_mark_times_of_day(line), "{line}");
        }
        for line in [
            "00:00 Amazon Bedrock 下一代 开场",
            "- 69% 的组织",
            "Amazon 下午 2:00",
        ] {
            assert!(!may_mark_times_of_day(line), "{line}");
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
            "3点原因：成本、速度",
            "- 2点建议",
            "1点：成本",
            "25点 开场",
            "这 3 点很重要",
        ] {
            assert_eq!(in_24_hours(line), None, "{line}");
        }
    }
}
