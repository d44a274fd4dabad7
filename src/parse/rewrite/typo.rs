//! Times with a slip of the finger: `05;30`, `05；30`, `06.45`, `0800`.
//!
//! Unlike the other rewrites, these are guesses (`06.45` may be a price),
//! so the parser tries them only on a line of the timeline it could not
//! read otherwise, and says what it read.

/// A line with its mistyped times written as times.
#[derive(Debug, PartialEq)]
pub struct Retyped {
    pub line: String,
    /// Each time as written and as read: (`05;30`, `05:30`).
    pub times: Vec<(String, String)>,
}

/// Characters after a four-digit number that make it a year, a date or
/// an edition (`2025 年`, `1112 号`), not a time.
const NOT_AFTER_TIME: &str = "年月日号届版期";

/// `line` with the mistyped times at its start (in the run of digits and
/// marks before its text) written with a colon, or `None` when it has
/// none: `05;30 演示` → `05:30 演示`, `06.45-07.10 问答` → `06:45-07:10
/// 问答`, `0800 开场` → `08:00 开场`. Minutes and seconds must be below 60.
pub fn retyped(line: &str) -> Option<Retyped> {
    let run_end = line
        .char_indices()
        .find(|&(_, c)| c.is_alphabetic())
        .map_or(line.len(), |(i, _)| i);
    let run = &line[..run_end];
    if !run.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let b = run.as_bytes();
    let digits_from = |at: usize| b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
    let mut out = String::with_capacity(line.len() + 2);
    let mut times = Vec::new();
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let lead = digits_from(i);
        let before = run[..i].chars().next_back();
        let joined = before.is_some_and(|c| matches!(c, ':' | '：' | '.' | ',' | ';' | '；'));
        let sep = run[i + lead..].chars().next();
        let after_sep = i + lead + sep.map_or(0, char::len_utf8);
        let retyped = match sep {
            Some(';' | '；' | '.') if (1..=2).contains(&lead) && !joined => {
                let minutes = digits_from(after_sep);
                let next = run[after_sep + minutes..].chars().next();
                (minutes == 2
                    && below_sixty(&run[after_sep..after_sep + minutes])
                    && !next
                        .is_some_and(|c| matches!(c, '.' | ';' | '；' | ':' | '：' | '%' | '％')))
                .then(|| {
                    (
                        after_sep + minutes,
                        format!(
                            "{}:{}",
                            &run[i..i + lead],
                            &run[after_sep..after_sep + minutes]
                        ),
                    )
                })
            }
            _ if lead == 4
                && !joined
                && !sep.is_some_and(|c| {
                    matches!(c, ':' | '：' | '.' | ',' | ';' | '；' | '%' | '％')
                })
                && below_sixty(&run[i + 2..i + 4])
                && !line[run_end..].starts_with(|c| NOT_AFTER_TIME.contains(c))
                && !run[i + 4..]
                    .trim_start()
                    .starts_with(|c| NOT_AFTER_TIME.contains(c)) =>
            {
                Some((i + 4, format!("{}:{}", &run[i..i + 2], &run[i + 2..i + 4])))
            }
            _ => None,
        };
        match retyped {
            Some((end, time)) => {
                out.push_str(&run[copied..i]);
                out.push_str(&time);
                times.push((run[i..end].to_string(), time));
                copied = end;
                i = end;
            }
            None => i += lead,
        }
    }
    if times.is_empty() {
        return None;
    }
    out.push_str(&line[copied..]);
    Some(Retyped { line: out, times })
}

fn below_sixty(two_digits: &str) -> bool {
    two_digits.parse::<u32>().is_ok_and(|m| m < 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(line: &str) -> Option<String> {
        retyped(line).map(|r| r.line)
    }

    #[test]
    fn slips_of_the_finger_are_written_as_times() {
        for (written, read) in [
            ("05;30 演示", "05:30 演示"),
            ("05；30 演示", "05:30 演示"),
            ("06.45 问答", "06:45 问答"),
            ("0800 开场", "08:00 开场"),
            ("06.45-07.10 问答", "06:45-07:10 问答"),
            ("[05;30] 演示", "[05:30] 演示"),
        ] {
            assert_eq!(line_of(written).as_deref(), Some(read), "{written}");
        }
        let r = retyped("05;30 - 06;10 演示").unwrap();
        assert_eq!(
            r.times,
            [
                ("05;30".into(), "05:30".into()),
                ("06;10".into(), "06:10".into())
            ]
        );
    }

    #[test]
    fn numbers_that_are_not_times_are_left_alone() {
        for line in [
            "05:30 演示",
            "1. 开场",
            "2025 年度回顾",
            "2025年回顾",
            "3.5 倍的提升",
            "12.5% 的客户",
            "06.456 版本",
            "1.2.30 版本",
            "99;99 不可能",
            "0875 演示",
            "12345 个用户",
            "1;05:30 演示",
            "演示 05;30",
        ] {
            assert_eq!(line_of(line), None, "{line}");
        }
    }
}
