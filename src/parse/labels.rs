//! What a recap's own lines say of the session, for recaps without front
//! matter: its date (`**日期**：2025年12月3日`, `Date: December 3, 2025`),
//! its video (`视频：https://…`), its length (`时长：约 55 分钟`) and its
//! track (`Track: AI/ML`). The lines stay in the recap as written.

use super::lines;
use crate::model::Seconds;

/// Labels a date follows, as note-takers write them.
const DATE_LABELS: &[&str] = &["会议日期", "日期", "时间", "Date"];

/// Labels a video's address follows.
const VIDEO_LABELS: &[&str] = &[
    "视频回放",
    "视频链接",
    "视频地址",
    "视频",
    "回放",
    "录像",
    "Video",
    "Recording",
    "YouTube",
];

/// Labels the session's length follows.
const LENGTH_LABELS: &[&str] = &[
    "会议时长",
    "演讲时长",
    "视频时长",
    "时长",
    "Duration",
    "Length",
];

/// Labels of who spoke (`主讲人：`, `Speakers:`), a longer word before its
/// head (`主持人` before `主持`), as enrichment's pattern tries them in
/// order. The parser reads a line with one as a fact of the session;
/// enrichment reads the people after it.
pub const SPEAKER_LABELS: &[&str] = &[
    "主讲人",
    "主讲嘉宾",
    "主讲",
    "演讲嘉宾",
    "分享嘉宾",
    "演讲人",
    "特邀嘉宾",
    "嘉宾分享",
    "嘉宾演讲",
    "嘉宾",
    "主持人",
    "主持",
    "演讲者",
    "讲者",
    "分享人",
    "讲师",
    "Speakers",
    "Speaker",
    "Presenters",
    "Presenter",
    "Host",
    "Moderator",
];

/// Whether a table's header cell (`讲者`, `**Speaker**`) says its column
/// holds who spoke.
pub fn heads_speakers(cell: &str) -> bool {
    let c = cell.trim_matches('*').trim();
    SPEAKER_LABELS.iter().any(|l| l.eq_ignore_ascii_case(c))
}

/// Labels of where, and what session it was (its code, level, tags),
/// besides who spoke and the date's, the video's and the length's.
const OTHER_LABELS: &[&str] = &[
    "地点", "会场", "Venue", "Location", "场次", "难度", "级别", "标签", "Level", "Tags",
];

/// Labels of the track or forum a session belongs to.
const TRACK_LABELS: &[&str] = &["分论坛", "专场", "Track"];

/// Labels of the note-taker's word on the whole session, or of who they
/// are, which close a recap (`总结：…`, `个人感受：…`, `整理：小王`).
const CLOSING_LABELS: &[&str] = &[
    "总结",
    "小结",
    "个人总结",
    "总体感受",
    "个人感受",
    "感受",
    "感想",
    "个人感想",
    "心得",
    "个人心得",
    "点评",
    "个人点评",
    "结语",
    "写在最后",
    "后记",
    "我的思考",
    "个人思考",
    "思考",
    "收获",
    "Summary",
    "Conclusion",
    "Takeaways",
    "Takeaway",
    "Key takeaways",
    "Final thoughts",
    "My take",
    // Who wrote the recap down.
    "笔记整理",
    "整理人",
    "整理",
    "记录人",
    "记录",
    "笔记",
    "作者",
    "Notes by",
    "Author",
];

/// Whether `line`, not a bullet, is `label：value` for one of the labels
/// of this module: a fact about the session, or the note-taker's word on
/// all of it, not a moment of it.
pub fn says_of_session(line: &str) -> bool {
    let plain = !line.starts_with(['-', '*', '•', ' ', '\t', '\u{3000}']) || line.starts_with("**");
    plain && (is_fact(line) || labelled(line, CLOSING_LABELS))
}

/// Whether `line` is `label：value` stating a fact of the session (its
/// date, video, length, track, speakers, venue, code, level or tags), in
/// a list or a quote or not: a paragraph of such lines is a header, no
/// summary of the talk.
pub fn is_fact(line: &str) -> bool {
    [
        DATE_LABELS,
        VIDEO_LABELS,
        LENGTH_LABELS,
        TRACK_LABELS,
        SPEAKER_LABELS,
        OTHER_LABELS,
    ]
    .iter()
    .any(|labels| labelled(line, labels))
}

fn labelled(line: &str, labels: &[&str]) -> bool {
    value_of(line, labels).is_some_and(|v| !v.trim().is_empty())
}

/// The first date given after a date label at the start of a fact of
/// `text` (see [`facts`]), as `2025-12-03`.
pub fn date(text: &str) -> Option<String> {
    facts(text).find_map(|line| first_date(value_of(line, DATE_LABELS)?))
}

/// The first web address given after a video label at the start of a fact
/// of `text` (see [`facts`]), bare, in `<…>` or as a Markdown link's target.
pub fn video(text: &str) -> Option<String> {
    facts(text).find_map(|line| {
        let value = value_of(line, VIDEO_LABELS)?;
        let at = value.find("https://").or_else(|| value.find("http://"))?;
        // The value is the address (`<…>`, `[…](…)` around it at most):
        // `视频：暂无，见 https://…/blog` names no video.
        let before = &value[..at];
        let linked = before.starts_with('[') && before.ends_with("](");
        if !(before.is_empty() || before == "<" || linked) {
            return None;
        }
        let url: String = value[at..]
            .chars()
            .take_while(|c| !c.is_whitespace() && !matches!(c, ')' | '>' | '）' | '，' | '。'))
            .collect();
        (url.len() > "https://".len()).then_some(url)
    })
}

/// The track given after a track label at the start of a fact of
/// `text` (see [`facts`]), up to the next fact on the line: `Track: AI/ML | Level: 300`
/// gives `AI/ML`.
pub fn track(text: &str) -> Option<String> {
    facts(text).find_map(|line| {
        let value = value_of(line, TRACK_LABELS)?;
        let end = value
            .find(['|', '｜', '；', ';', '。', '，', ','])
            .unwrap_or(value.len());
        let track = value[..end].trim().trim_matches('*').trim();
        (!track.is_empty() && track.chars().count() <= 40).then(|| track.to_string())
    })
}

/// The length given after a length label at the start of a fact of
/// `text` (see [`facts`]), in seconds: `时长：约 55 分钟`, `Duration: 1h 20m`,
/// `时长：1小时20分钟`, `时长：55:00`.
pub fn length(text: &str) -> Option<Seconds> {
    facts(text).find_map(|line| {
        let value = value_of(line, LENGTH_LABELS)?;
        let value = [
            "约", "大约", "~", "～", "about ", "About ", "approx. ", "Approx. ", "ca. ",
        ]
        .iter()
        .fold(value, |v, about| v.strip_prefix(about).unwrap_or(v))
        .trim_start();
        let clock = value
            .split(|c: char| c.is_whitespace() || c == '|')
            .next()?;
        if let Some(Ok(t)) = super::time::parse_time(clock).filter(|_| clock.contains(':')) {
            return Some(t).filter(|&t| t > 0);
        }
        let mut total = 0;
        let mut rest = value;
        for (units, scale) in [(HOURS, 3600), (MINUTES, 60)] {
            let Some((n, after)) = number(rest) else {
                break;
            };
            let after = after.trim_start();
            let Some(unit) = units.iter().find(|u| after.starts_with(*u)) else {
                continue;
            };
            total += n * scale;
            rest = after[unit.len()..].trim_start();
        }
        (total > 0).then_some(total)
    })
}

/// Units of a length, longest first: `小时` before `h`.
/// Units of a length of time, as a length label's value or an agenda's
/// item gives it.
pub const HOURS: &[&str] = &["小时", "hours", "hour", "hrs", "hr", "h"];
pub const MINUTES: &[&str] = &["分钟", "分", "minutes", "minute", "mins", "min", "m"];

/// The facts of `text`: its lines, and the pieces of a line that gives
/// several (`**Session:** KEY003 · **Date:** Dec 3, 2025 | **Length:** 1h`).
fn facts(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .flat_map(|line| split_facts(line, " · "))
        .flat_map(|fact| split_facts(fact, " | "))
}

/// `line` split at `sep`, where the piece after it has a label of its own:
/// in `Speakers: Jane Doe, AWS | Nathan Peck (AWS)` the bar lists speakers.
pub fn split_facts<'a>(line: &'a str, sep: &str) -> Vec<&'a str> {
    let labelled = |piece: &str| {
        piece.find([':', '：']).is_some_and(|at| {
            let label = piece[..at].trim().trim_matches('*');
            !label.is_empty() && label.chars().count() <= 24
        })
    };
    let mut pieces = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(i) = line[from..].find(sep) {
        let at = from + i;
        from = at + sep.len();
        if labelled(line[from..].split(sep).next().unwrap_or("")) {
            pieces.push(&line[start..at]);
            start = from;
        }
    }
    pieces.push(&line[start..]);
    pieces
}

/// What follows `label：` at the start of `line`, after list marks and
/// bold, as [`lines::strip_label`] reads a label (in either script, ASCII
/// case aside): `- **日期**：2025-12-03` gives `2025-12-03`.
fn value_of<'a>(line: &'a str, labels: &[&str]) -> Option<&'a str> {
    // `> 时长：…`: a header quoted whole.
    let line = line.trim_start_matches(['>', ' ']);
    lines::strip_label(line.trim_start_matches(['-', '•', ' ', '\u{3000}']), labels)
}

/// `2025-12-03`, `2025/12/3`, `2025.12.3`, `2025年12月3日`, `Dec 3, 2025`,
/// `December 3, 2025`, `3 December 2025` at the start of `s`.
fn first_date(s: &str) -> Option<String> {
    let (y, m, d) = numeric(s).or_else(|| english(s))?;
    let valid = (1000..=2999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d);
    valid.then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// The number at the start of `s`, and the rest.
fn number(s: &str) -> Option<(u32, &str)> {
    let n = s.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 4 {
        return None;
    }
    Some((s[..n].parse().ok()?, &s[n..]))
}

fn numeric(s: &str) -> Option<(u32, u32, u32)> {
    let (y, rest) = number(s)?;
    let rest = rest.trim_start();
    let (sep, rest) = match rest.chars().next()? {
        c @ ('-' | '/' | '.' | '年') => (c, &rest[c.len_utf8()..]),
        _ => return None,
    };
    let (m, rest) = number(rest.trim_start())?;
    let rest = match sep {
        '年' => rest.trim_start().strip_prefix('月')?,
        _ => rest.strip_prefix(sep)?,
    };
    let (d, _) = number(rest.trim_start())?;
    Some((y, m, d))
}

fn english(s: &str) -> Option<(u32, u32, u32)> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    // `Dec`, `Dec.`, `Sept` or the whole name.
    let month = |word: &str| {
        let w = word.trim_end_matches('.').to_ascii_lowercase();
        let n = MONTHS
            .iter()
            .position(|m| *m == w || w.len() >= 3 && m.starts_with(&w) && w.len() <= 4)?;
        Some(n as u32 + 1)
    };
    let mut words = s.split([' ', ',']).filter(|w| !w.is_empty());
    let (a, b, c) = (words.next()?, words.next()?, words.next()?);
    let year = |w: &str| number(w).filter(|(_, r)| r.is_empty()).map(|(y, _)| y);
    let day = |w: &str| {
        number(w)
            .filter(|(_, r)| ["", "st", "nd", "rd", "th"].contains(r))
            .map(|(d, _)| d)
    };
    match (month(a), month(b)) {
        (Some(m), _) => Some((year(c)?, m, day(b)?)),
        (None, Some(m)) => Some((year(c)?, m, day(a)?)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_after_a_label() {
        for (text, date) in [
            ("**日期**：2025年12月3日  **地点**：Venetian", "2025-12-03"),
            ("- 日期: 2025-12-02", "2025-12-02"),
            ("会议日期：2025/12/1（周一）", "2025-12-01"),
            ("时间：2025.12.4 14:00-15:00", "2025-12-04"),
            ("Date: December 3, 2025", "2025-12-03"),
            ("Date: Dec 3rd, 2025", "2025-12-03"),
            ("Date: 3 December 2025", "2025-12-03"),
            ("开场白\n**日期**：2025 年 12 月 3 日", "2025-12-03"),
            // Among other facts on its line.
            (
                "**Session:** KEY003 · **Date:** Dec 3, 2025 · **Length:** 1h 45m",
                "2025-12-03",
            ),
            ("Track: AI/ML | Date: 2025-12-04", "2025-12-04"),
        ] {
            assert_eq!(super::date(text).as_deref(), Some(date), "{text}");
        }
        for text in [
            "时间：14:00-15:00",
            "日期：12月3日",
            "日期：2025-13-01",
            "会议在 2025年12月3日 举行",
            "更新日期 2025-12-03",
            "Date: Decent 3, 2025",
        ] {
            assert_eq!(super::date(text), None, "{text}");
        }
    }

    #[test]
    fn tracks_after_a_label() {
        for (text, track) in [
            ("Track: AI/ML | Level: 300", "AI/ML"),
            ("- **分论坛**：金融科技", "金融科技"),
            ("> 讲者：王海峰\n> 专场：生成式 AI；难度：300", "生成式 AI"),
        ] {
            assert_eq!(super::track(text).as_deref(), Some(track), "{text}");
        }
        for text in ["Track:", "本场属于 Track 2", "- 专场", "Tracking: on"] {
            assert_eq!(super::track(text), None, "{text}");
        }
    }

    #[test]
    fn lengths_after_a_label() {
        for (text, length) in [
            ("> 讲者：王海峰\n> 时长：约 55 分钟 | 难度：300", 55 * 60),
            ("**时长**：1小时20分钟", 80 * 60),
            ("Duration: 1h 20m", 80 * 60),
            ("Length: about 45 minutes", 45 * 60),
            ("时长：2 小时", 7200),
            ("视频时长：55:30", 55 * 60 + 30),
            ("**Session:** KEY003 · **Length:** 1h 45m", 105 * 60),
        ] {
            assert_eq!(super::length(text), Some(length), "{text}");
        }
        for text in [
            "时长：待定",
            "时长：0 分钟",
            "会议时长很长，55 分钟",
            "- 时长",
        ] {
            assert_eq!(super::length(text), None, "{text}");
        }
    }

    #[test]
    fn videos_after_a_label() {
        for text in [
            "视频：https://www.youtube.com/watch?v=abc123",
            "- **视频回放**：<https://www.youtube.com/watch?v=abc123>",
            "Video: [YouTube](https://www.youtube.com/watch?v=abc123)",
            "博客：https://aws.amazon.com/blogs/x\n视频: https://www.youtube.com/watch?v=abc123。",
        ] {
            assert_eq!(
                video(text).as_deref(),
                Some("https://www.youtube.com/watch?v=abc123"),
                "{text}"
            );
        }
        for text in [
            "视频：待补充",
            "观看视频 https://youtu.be/x",
            "视频：https://",
            "视频：暂无，见博客 https://aws.amazon.com/blogs/x",
        ] {
            assert_eq!(video(text), None, "{text}");
        }
    }
}
