//! An agenda of lengths: `1. 开场（约5分钟）`, `- Demo (15 min)`, `圆桌讨论 —
//! 半小时`, listed where the timeline goes and with no time anywhere in it.
//! A reader wants to jump to the demo, so each item becomes a moment of
//! the timeline, starting where the lengths before it add up to and
//! ending its own length later. The item's text is kept whole but for its
//! list number (the lengths, `约` and all, stay: they are what the times
//! were worked out from).

use crate::model::{End, Paragraph, Point, Seconds, TimelineEntry, TimelineSection};
use crate::parse::{labels, shapes};

/// Turn each untitled entry whose points form an agenda of lengths into
/// one entry per item. Nothing changes unless the whole timeline is
/// untimed: lengths beside times would say two things.
pub(super) fn timed_by_lengths(timeline: &mut [TimelineSection]) {
    let timed = timeline
        .iter()
        .flat_map(|s| &s.entries)
        .any(|e| e.start.is_some() || e.end.is_some() || e.points.iter().any(|p| p.time.is_some()));
    if timed {
        return;
    }
    let mut clock: Seconds = 0;
    for sec in timeline {
        let mut entries = Vec::with_capacity(sec.entries.len());
        for e in std::mem::take(&mut sec.entries) {
            match agenda(&e) {
                Some(items) if e.text.is_empty() => {
                    entries.extend(items.into_iter().map(|item| item.entry(&mut clock)));
                }
                _ => entries.push(e),
            }
        }
        sec.entries = entries;
    }
}

/// A recap with no timeline but a table of lengths (`| 环节 | 时长 |`,
/// `| 开场 | 5 分钟 |`) among `paragraphs`: the table, taken out of them,
/// as a timeline section, headed by the part's heading just before it
/// (`## 时间安排`, taken out too) when there is one.
pub(super) fn table_of_lengths(paragraphs: &mut Vec<Paragraph>) -> Option<TimelineSection> {
    let (at, entries) = paragraphs
        .iter()
        .enumerate()
        .find_map(|(i, p)| Some((i, entries_of_table(p)?)))?;
    let line = paragraphs[at].line;
    paragraphs.remove(at);
    let heading = at.checked_sub(1).and_then(|h| {
        Some((
            h,
            paragraphs[h].text.strip_prefix("## ")?.trim().to_string(),
        ))
    });
    let heading = heading.map(|(h, text)| {
        paragraphs.remove(h);
        text
    });
    Some(TimelineSection {
        part: None,
        heading,
        start: None,
        end: None,
        entries,
        line,
    })
}

/// The entries of a paragraph that is a Markdown table with a column of
/// lengths (every row's but maybe the last's): each row an entry, its
/// first other cell the text and the rest its points (`讲者：张伟`).
fn entries_of_table(p: &Paragraph) -> Option<Vec<TimelineEntry>> {
    let mut lines = p.text.lines();
    let header = shapes::table_row(lines.next()?)?;
    let rule = shapes::table_row(lines.next()?)?;
    if rule.len() != header.len() || !shapes::is_table_rule(&rule) {
        return None;
    }
    let rows: Vec<Vec<&str>> = lines.map(shapes::table_row).collect::<Option<_>>()?;
    const LENGTH_HEADS: [&str; 6] = ["时长", "用时", "时间", "Duration", "Length", "Time"];
    let column = header
        .iter()
        .position(|h| LENGTH_HEADS.iter().any(|l| h.eq_ignore_ascii_case(l)))?;
    let text_column = (0..header.len()).find(|&c| c != column)?;
    let lengths: Vec<Option<Seconds>> = rows
        .iter()
        .map(|r| r.get(column).and_then(|c| length(c)))
        .collect();
    let last_may_lack = lengths.split_last().map_or(&[][..], |(_, rest)| rest);
    if rows.len() < 2 || last_may_lack.iter().any(Option::is_none) {
        return None;
    }
    let mut clock = 0;
    let entries = rows
        .iter()
        .zip(lengths)
        .enumerate()
        .map(|(i, (row, length))| {
            let line = p.line + 2 + i;
            let points = (0..row.len())
                .filter(|&c| c != column && c != text_column && !row[c].is_empty())
                .map(|c| Point {
                    time: None,
                    end: None,
                    text: match header.get(c).filter(|h| !h.is_empty()) {
                        Some(h) => format!("{h}：{}", row[c]),
                        None => row[c].to_string(),
                    },
                    depth: 0,
                    prose: false,
                    quote: false,
                    line,
                })
                .collect();
            let start = clock;
            let end = length.map(|l| {
                clock += l;
                End::At(clock)
            });
            TimelineEntry {
                start: Some(start),
                end,
                text: row.get(text_column).unwrap_or(&"").to_string(),
                points,
                anchor: String::new(),
                line,
            }
        })
        .collect();
    Some(entries)
}

/// One item of an agenda: its point, the points under it, its length.
struct Item<'a> {
    point: &'a Point,
    under: Vec<Point>,
    length: Option<Seconds>,
}

impl Item<'_> {
    fn entry(self, clock: &mut Seconds) -> TimelineEntry {
        let start = *clock;
        let end = self.length.map(|l| {
            *clock += l;
            End::At(*clock)
        });
        TimelineEntry {
            start: Some(start),
            end,
            text: without_number(&self.point.text).to_string(),
            points: self.under,
            anchor: String::new(),
            line: self.point.line,
        }
    }
}

/// The items of `e`'s points when they are an agenda: two top-level
/// points or more, every one with a length but maybe the last (`Q&A`),
/// none a quotation; points nested under one go with it, a level up.
fn agenda(e: &TimelineEntry) -> Option<Vec<Item<'_>>> {
    let mut items: Vec<Item> = Vec::new();
    for p in &e.points {
        if p.quote {
            return None;
        }
        if p.depth > 0 {
            items.last_mut()?.under.push(Point {
                depth: p.depth - 1,
                ..p.clone()
            });
            continue;
        }
        if items.last().is_some_and(|i| i.length.is_none()) {
            return None;
        }
        items.push(Item {
            point: p,
            under: Vec::new(),
            length: length_at_end(&p.text),
        });
    }
    let with_length = items.iter().filter(|i| i.length.is_some()).count();
    (with_length >= 2).then_some(items)
}

/// `1. `, `2、`, `3) `, `一、`: the number an ordered list item starts with.
fn without_number(text: &str) -> &str {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        &text[digits..]
    } else {
        text.trim_start_matches(|c| "一二三四五六七八九十".contains(c))
    };
    if rest.len() == text.len() {
        return text;
    }
    ['.', '、', ')', '）']
        .iter()
        .find_map(|m| rest.strip_prefix(*m))
        .map_or(text, str::trim_start)
}

/// The length a line ends with, in brackets (`（约5分钟）`, `(~15 mins)`,
/// `（10 分钟左右）`) or after a dash or colon (`— 20 分钟`, `: 1小时`,
/// `— 半小时`).
fn length_at_end(text: &str) -> Option<Seconds> {
    let text = text.trim_end();
    let (inner, before) = if let Some(open) = text
        .strip_suffix(['）', ')'])
        .and_then(|t| t.rfind(['（', '(']).map(|i| (t, i)))
    {
        let (t, i) = open;
        (&t[i + t[i..].chars().next()?.len_utf8()..], &t[..i])
    } else {
        let i = text.rfind(['—', '–', '-', ':', '：', '|', '｜'])?;
        let mark = text[i..].chars().next()?;
        (&text[i + mark.len_utf8()..], &text[..i])
    };
    // An item needs words before its length.
    if before.trim().is_empty() {
        return None;
    }
    length(inner.trim())
}

/// `约5分钟`, `15 min`, `~15 mins`, `10 分钟左右`, `1小时`, `1.5 hours`, `半小时`.
fn length(s: &str) -> Option<Seconds> {
    let s = s
        .trim_start_matches(['约', '~', '～', '≈'])
        .trim_end_matches("左右")
        .trim();
    if s == "半小时" {
        return Some(30 * 60);
    }
    let number_len = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let number: f64 = s[..number_len].parse().ok()?;
    let unit = s[number_len..].trim();
    let minutes = if labels::MINUTES.contains(&unit) || unit == "'" {
        1.0
    } else if labels::HOURS.contains(&unit) {
        60.0
    } else {
        return None;
    };
    let seconds = (number * minutes * 60.0).round();
    (60.0..=8.0 * 3600.0)
        .contains(&seconds)
        .then_some(seconds as Seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_as_written() {
        for (written, minutes) in [
            ("开场（约5分钟）", 5),
            ("Demo (15 min)", 15),
            ("Demo (~15 mins)", 15),
            ("演示（10 分钟左右）", 10),
            ("圆桌讨论 — 半小时", 30),
            ("圆桌讨论 — 1小时", 60),
            ("Workshop: 1.5 hours", 90),
            ("开场致辞 — 5 分钟", 5),
        ] {
            assert_eq!(length_at_end(written), Some(minutes * 60), "{written}");
        }
        for other in [
            "Q&A",
            "（5分钟）",
            "延迟降低到 5 分钟",
            "节省 (50%)",
            "部署时间从 2 小时降到 (15 分钟以内)",
            "Aurora (PostgreSQL)",
        ] {
            assert_eq!(length_at_end(other), None, "{other}");
        }
    }

    #[test]
    fn a_table_of_lengths_is_a_timeline() {
        let mut paragraphs = vec![
            Paragraph {
                text: "## 时间安排".into(),
                line: 3,
            },
            Paragraph {
                text: "| 环节 | 时长 | 讲者 |\n|---|:-:|---|\n| 开场 | 5 分钟 | |\n\
                       | 演示 | 20 分钟 | 张伟 |\n| 问答 | | |"
                    .into(),
                line: 4,
            },
        ];
        let sec = table_of_lengths(&mut paragraphs).unwrap();
        assert!(paragraphs.is_empty());
        assert_eq!(sec.heading.as_deref(), Some("时间安排"));
        let got: Vec<_> = sec
            .entries
            .iter()
            .map(|e| (e.start, e.end, e.text.as_str(), e.points.len(), e.line))
            .collect();
        assert_eq!(
            got,
            [
                (Some(0), Some(End::At(300)), "开场", 0, 6),
                (Some(300), Some(End::At(1500)), "演示", 1, 7),
                (Some(1500), None, "问答", 0, 8)
            ]
        );
        assert_eq!(sec.entries[1].points[0].text, "讲者：张伟");

        // A table of times of day, or with no length column, is no agenda.
        for text in [
            "| 时间 | 内容 |\n|---|---|\n| 14:00 | 开场 |\n| 14:20 | 演示 |",
            "| 产品 | 说明 |\n|---|---|\n| Kiro | IDE |\n| Q | 助手 |",
        ] {
            let mut paragraphs = vec![Paragraph {
                text: text.into(),
                line: 1,
            }];
            assert!(table_of_lengths(&mut paragraphs).is_none(), "{text}");
            assert_eq!(paragraphs.len(), 1);
        }
    }

    #[test]
    fn numbers_of_ordered_items_go() {
        assert_eq!(without_number("1. 开场（约5分钟）"), "开场（约5分钟）");
        assert_eq!(
            without_number("二、SnapStart（15分钟）"),
            "SnapStart（15分钟）"
        );
        assert_eq!(without_number("12) Demo"), "Demo");
        assert_eq!(without_number("2025 年回顾"), "2025 年回顾");
        assert_eq!(without_number("十分重要"), "十分重要");
    }
}
