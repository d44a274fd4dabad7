//! Timestamps as note-takers write them: `MM:SS`, `H:MM:SS`, minutes past 59
//! (`66:50`), in words (`5分30秒`), and `结束` for "until the end".

use crate::model::{End, Seconds};

/// Why a string that looks like a time is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Seconds or minutes field of 60 or more where it must be below 60.
    OutOfRange(String),
}

/// Parse `MM:SS`, `M:SS`, `H:MM:SS` (also with full-width `：`). Minutes past
/// 59 are allowed in the two-field form (`66:50` is 1:06:50), since
/// note-takers write long sessions that way. Milliseconds, as subtitle
/// files and transcript tools write them (`00:01:15.250`, `00:01:15,250`),
/// are dropped: anchors are to the second.
pub fn parse_time(s: &str) -> Option<Result<Seconds, TimeError>> {
    let s = s.trim();
    if !s.contains([':', '：']) {
        return parse_worded(s);
    }
    let s = match s
        .len()
        .checked_sub(4)
        .and_then(|i| s.get(i..).map(|f| (i, f)))
    {
        Some((i, f)) if f.starts_with(['.', ',']) && f[1..].bytes().all(|b| b.is_ascii_digit()) => {
            &s[..i]
        }
        _ => s,
    };
    let parts: Vec<&str> = s.split([':', '：']).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut nums = Vec::with_capacity(3);
    for p in &parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        nums.push(p.parse::<u32>().ok()?);
    }
    // The last field is always seconds and must be written with two digits.
    if parts.last()?.len() != 2 {
        return None;
    }
    let out_of_range = || Some(Err(TimeError::OutOfRange(s.to_string())));
    match nums.as_slice() {
        [m, sec] => {
            if *sec >= 60 {
                return out_of_range();
            }
            Some(Ok(m * 60 + sec))
        }
        [h, m, sec] => {
            if *sec >= 60 || *m >= 60 || parts[1].len() != 2 {
                return out_of_range();
            }
            Some(Ok(h * 3600 + m * 60 + sec))
        }
        _ => None,
    }
}

/// `5分30秒`, `1小时02分`, `1小时02分钟30秒`, `5m30s`, `1h02m`: seconds or
/// hours are needed (`5分钟` alone is a length of time, not a moment).
fn parse_worded(written: &str) -> Option<Result<Seconds, TimeError>> {
    let chinese;
    let s = if written.is_ascii() {
        chinese = written
            .replace('h', "小时")
            .replace('m', "分")
            .replace('s', "秒");
        chinese.as_str()
    } else {
        written
    };
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (hours, rest) = match s.split_once("小时") {
        Some((h, rest)) => (Some(number(h)?), rest),
        None => (None, s),
    };
    let (minutes, rest) = rest.split_once('分')?;
    let minutes = number(minutes)?;
    let rest = rest.strip_prefix('钟').unwrap_or(rest);
    let seconds = match rest {
        "" if hours.is_some() => 0,
        _ => number(rest.strip_suffix('秒')?)?,
    };
    if seconds >= 60 || hours.is_some() && minutes >= 60 {
        return Some(Err(TimeError::OutOfRange(written.to_string())));
    }
    Some(Ok(hours.unwrap_or(0) * 3600 + minutes * 60 + seconds))
}

/// Parse the end of a range: a time, or one of the words for "the end".
pub fn parse_end(s: &str) -> Option<Result<End, TimeError>> {
    let t = s.trim();
    if ["结束", "结尾", "end", "End", "END", "finish"].contains(&t) {
        return Some(Ok(End::Close));
    }
    parse_time(t).map(|r| r.map(End::At))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_and_three_fields() {
        assert_eq!(parse_time("00:00"), Some(Ok(0)));
        assert_eq!(parse_time("1:30"), Some(Ok(90)));
        assert_eq!(parse_time("00:01:15"), Some(Ok(75)));
        assert_eq!(parse_time("1:35:00"), Some(Ok(5700)));
    }

    #[test]
    fn milliseconds_are_dropped() {
        assert_eq!(parse_time("00:01:15.250"), Some(Ok(75)));
        assert_eq!(parse_time("00:01:15,999"), Some(Ok(75)));
        assert_eq!(parse_time("01:15.250"), Some(Ok(75)));
        assert_eq!(parse_time("01:15.25"), None);
    }

    #[test]
    fn minutes_past_59() {
        assert_eq!(parse_time("66:50"), Some(Ok(66 * 60 + 50)));
    }

    #[test]
    fn impossible_times_are_errors_not_silence() {
        assert!(matches!(parse_time("99:99"), Some(Err(_))));
        assert!(matches!(parse_time("1:75:00"), Some(Err(_))));
    }

    #[test]
    fn not_times() {
        assert_eq!(parse_time("abc"), None);
        assert_eq!(parse_time("12"), None);
        assert_eq!(parse_time("1:2"), None);
        assert_eq!(parse_time("2025"), None);
    }

    #[test]
    fn times_in_words() {
        assert_eq!(parse_time("0分0秒"), Some(Ok(0)));
        assert_eq!(parse_time("5分30秒"), Some(Ok(330)));
        assert_eq!(parse_time("1小时02分"), Some(Ok(3720)));
        assert_eq!(parse_time("1小时02分钟30秒"), Some(Ok(3750)));
        assert_eq!(parse_time("5分钟"), None);
        assert_eq!(parse_time("五分三十秒"), None);
        assert!(matches!(parse_time("5分75秒"), Some(Err(_))));
        assert!(matches!(parse_time("1小时75分"), Some(Err(_))));
        assert_eq!(parse_time("5m30s"), Some(Ok(330)));
        assert_eq!(parse_time("1h02m"), Some(Ok(3720)));
        assert_eq!(parse_time("1h02m10s"), Some(Ok(3730)));
        assert_eq!(parse_time("5m"), None);
        assert_eq!(parse_time("5ms"), None);
        assert!(matches!(parse_time("5m75s"), Some(Err(_))));
    }

    #[test]
    fn end_word() {
        assert_eq!(parse_end("结束"), Some(Ok(End::Close)));
        assert_eq!(parse_end("05:30"), Some(Ok(End::At(330))));
    }
}
