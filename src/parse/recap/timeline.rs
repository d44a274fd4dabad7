//! The timeline's lines: timed entries, section headings, bullets under
//! them, and the lines the parser keeps without understanding (table rows
//! are [`super::table`]'s).

use super::{truncate, Parser, Part, MAX_DEPTH};
use crate::model::*;
use crate::parse::lines::{self, bracket_heading};
use crate::parse::rewrite;
use crate::parse::shapes;
use crate::parse::time::{parse_end, parse_time, TimeError};

impl Parser<'_> {
    /// Try to read `line` as part of the timeline. Returns false when it is
    /// none of the known shapes.
    pub(super) fn try_timeline(&mut self, n: usize, line: &str) -> bool {
        self.read_respelled(line, |p, l| p.read_timeline_line(n, l).then_some(()))
            .is_some()
    }

    /// `read` the line in 24-hour time first when it marks times of day
    /// (`2:00 PM 开场` would read as two minutes in), then as written, then
    /// respelled ([`rewrite`]) when it is no timeline line as written.
    /// `read` must leave no trace when it returns `None`.
    pub(super) fn read_respelled<T>(
        &mut self,
        line: &str,
        mut read: impl FnMut(&mut Self, &str) -> Option<T>,
    ) -> Option<T> {
        // `[05:30](https://youtu.be/x?t=330) 演示`: the time, and the video
        // it links to is the session's when the front matter names none.
        if let Some((unlinked, url)) = rewrite::unlinked_time(line) {
            if let Some(r) = self.read_any_spelling(&unlinked, &mut read) {
                self.linked_video
                    .get_or_insert_with(|| rewrite::without_moment(url));
                return Some(r);
            }
        }
        self.read_any_spelling(line, &mut read)
    }

    fn read_any_spelling<T>(
        &mut self,
        line: &str,
        read: &mut impl FnMut(&mut Self, &str) -> Option<T>,
    ) -> Option<T> {
        if let Some(r) = self.read_in_24_hours(line, read) {
            return Some(r);
        }
        if let Some(r) = read(self, line) {
            return Some(r);
        }
        let respelled = rewrite::respelled(line)?;
        match self.read_in_24_hours(&respelled, read) {
            Some(r) => Some(r),
            None => read(self, &respelled),
        }
    }

    fn read_in_24_hours<T>(
        &mut self,
        line: &str,
        read: &mut impl FnMut(&mut Self, &str) -> Option<T>,
    ) -> Option<T> {
        let day = rewrite::in_24_hours(line)?;
        let r = read(self, &day)?;
        self.time_forms.note_marked();
        Some(r)
    }

    fn read_timeline_line(&mut self, n: usize, line: &str) -> bool {
        let trimmed = line.trim();
        if let Some(h) = lines::section_heading(trimmed) {
            let h3 = trimmed.starts_with("### ");
            if !h3 && self.may_be_inner_heading(n, h.trim()) {
                self.inner_heading = Some((n, h.trim().to_string()));
                return true;
            }
            self.heading_level = if h3 { 3 } else { 4 };
            self.section_heading(n, h.trim());
            self.in_h3_section = h3;
            return true;
        }
        // `##### 细节` deeper than sections go, in the timeline: a label
        // of the bullets under it in the open section, as `#### 细节`
        // under a `###` section's entry is; with a time, or before any
        // section, a section (in the part the open one is in).
        if let Some(h) = deep_heading(trimmed).filter(|_| self.part == Part::Timeline) {
            if !self.timeline.is_empty() && self.timed_heading(n, h).is_none() {
                self.label_of_bullets(n, h);
            } else {
                self.heading_level = 4;
                self.section_heading(n, h);
            }
            return true;
        }
        if let Some(h) = bracket_heading(trimmed) {
            self.section_heading(n, h);
            return true;
        }
        if let Some(cells) = shapes::table_row(trimmed) {
            return self.table_row(n, &cells);
        }
        if let Some(b) = shapes::bullet(line) {
            // Outside the timeline's part, only a timed bullet opens (or
            // goes on with) the timeline: `## 关键要点` after it is a list
            // of its own, not more points of the last entry.
            if self.part != Part::Timeline && shapes::timed(b.text.trim()).is_none() {
                return false;
            }
            let indent = b.indent.chars().count();
            let base = *self.base_indent.get_or_insert(indent);
            let mut depth = indent.saturating_sub(base).div_ceil(2);
            let ordinal = b.ordinal;
            let body = b.text.trim();
            if depth > MAX_DEPTH {
                if !self.too_deep {
                    self.too_deep = true;
                    self.warn(
                        n,
                        format!(
                            "bullets nested more than {MAX_DEPTH} levels deep are shown \
                             {MAX_DEPTH} levels deep (this one and any later)"
                        ),
                    );
                }
                depth = MAX_DEPTH;
            }
            // `- **00:00** - text`, `1. 00:00 - text`: a timed bullet
            // opens its own entry.
            if depth == 0 {
                let timed = |p: &mut Self, b: &str| p.timed(n, b).or_else(|| p.time_at_end(n, b));
                if let Some(e) = self.read_respelled(body, timed) {
                    self.push_entry(e, true);
                    return true;
                }
            }
            // A nested bullet's leading time (or range) is its own, shown
            // apart from its text, in any of the spellings an entry's is.
            // Most bullets are prose, which no spelling of a time starts
            // with: they are not respelled.
            let may_be_timed = !body.starts_with(char::is_alphabetic)
                || body.starts_with('第')
                || rewrite::starts_with_part_of_day(body);
            let lead = (depth > 0 && may_be_timed)
                .then(|| self.read_respelled(body, |p, b| p.leading_time(b)))
                .flatten();
            let (time, end, rest) = match lead {
                Some(l) => (Some(l.start), l.end, l.text),
                None => (None, None, None),
            };
            let body = rest.as_deref().unwrap_or(body);
            let text = match ordinal {
                Some(o) => format!("{o}. {body}"),
                None => body.to_string(),
            };
            self.push_point(Point {
                time,
                end,
                text,
                depth,
                prose: false,
                quote: false,
                line: n,
            });
            return true;
        }
        if let Some(e) = self.timed(n, trimmed) {
            // `[00:00 - 05:30]` under a heading is that section's range.
            let bare_range = e.text.is_empty();
            if bare_range {
                if let Some(sec) = self.timeline.last_mut() {
                    if sec.entries.is_empty() && sec.start.is_none() {
                        // The heading's own entry: the section stays as
                        // its heading opened it.
                        sec.start = e.start;
                        sec.end = e.end;
                        let text = sec.heading.clone().unwrap_or_default();
                        sec.entries.push(TimelineEntry { text, ..e });
                        return true;
                    }
                }
            }
            // `00:28:00 - 结尾` among `00:00:00 - 开场` entries names the
            // closing part, as `55:00 结束` does: the word is the entry's
            // text, not a range with nothing in it.
            let mut e = e;
            if bare_range && e.end == Some(End::Close) {
                if let Some(word) = shapes::timed(trimmed).and_then(|c| c.end) {
                    e.text = word.as_str().to_string();
                    e.end = None;
                }
            }
            self.push_entry(e, false);
            return true;
        }
        if let Some(e) = self.time_at_end(n, trimmed) {
            self.push_entry(e, false);
            return true;
        }
        false
    }

    /// `开场介绍 (00:00)`, `开场介绍 (00:00 - 05:30)`: an entry whose time
    /// closes its line.
    fn time_at_end(&mut self, n: usize, text: &str) -> Option<TimelineEntry> {
        let (text, start, end) = if let Some(r) = shapes::heading_range(text) {
            let end = r.end.and_then(|e| self.end_field(n, e));
            (r.text(), self.time_field(n, r.start), end)
        } else {
            let (text, time) = shapes::trailing_time(text)?;
            (text.to_string(), self.time_field(n, time), None)
        };
        Some(entry(start, end, text, n))
    }

    /// `#### 细节` under a `###` section, after an entry, with no time:
    /// maybe a label of the entry's bullets (see [`Self::place_inner_heading`]).
    fn may_be_inner_heading(&mut self, n: usize, h: &str) -> bool {
        self.in_h3_section && self.open_entry() && self.timed_heading(n, h).is_none()
    }

    /// A `####` heading held back until the line after it, `next`: with
    /// bullets under it, a bold label among the entry's points (`细节`,
    /// then its bullets); before anything else, a section of its own.
    pub(super) fn place_inner_heading(&mut self, at: usize, heading: String, next: &str) {
        let bullets = shapes::bullet(next).is_some_and(|b| shapes::timed(b.text.trim()).is_none());
        if bullets && self.part == Part::Timeline {
            self.label_of_bullets(at, &heading);
        } else {
            self.section_heading(at, &heading);
        }
    }

    /// A heading (line `at`) shown as a bold label among the open entry's
    /// points, over the bullets that follow it.
    fn label_of_bullets(&mut self, at: usize, heading: &str) {
        self.push_point(Point {
            time: None,
            end: None,
            text: format!("**{heading}**"),
            depth: 0,
            prose: true,
            quote: false,
            line: at,
        });
        self.base_indent = None;
    }

    pub(super) fn section_heading(&mut self, n: usize, h: &str) {
        let timed = self.timed_heading(n, h).unwrap_or(TimedHeading {
            heading: Some(h.to_string()),
            start: None,
            end: None,
        });
        self.push_section(n, timed);
    }

    /// A heading with a time: `开场 (00:00 - 03:30)`, `00:00 开场`,
    /// `[00:00] 开场`, `00:00 - 05:30 开场`, `开场（0:00）`.
    pub(super) fn timed_heading(&mut self, n: usize, h: &str) -> Option<TimedHeading> {
        self.read_respelled(h, |p, h| p.timed_heading_as_read(n, h))
    }

    fn timed_heading_as_read(&mut self, n: usize, h: &str) -> Option<TimedHeading> {
        if let Some(r) = shapes::range_in_heading(h) {
            let start = self.time_field(n, r.start);
            let end = r.end.and_then(|e| self.end_field(n, e));
            return Some(TimedHeading {
                heading: Some(r.text()),
                start,
                end,
            });
        }
        if let Some(e) = self.timed(n, h) {
            return Some(TimedHeading {
                heading: (!e.text.is_empty()).then_some(e.text),
                start: e.start,
                end: e.end,
            });
        }
        // `### 二、编译器选项（6:20）`: a clock time closing the heading.
        // (`开场（5分钟）` says how long, not when.)
        let (text, time) = shapes::trailing_time(h).filter(|(_, t)| t.contains([':', '：']))?;
        Some(TimedHeading {
            heading: Some(text.to_string()),
            start: self.time_field(n, time),
            end: None,
        })
    }

    /// A timed heading with nothing under it (`### 05:00 演示`, then the
    /// next heading) is an entry of its own, as a heading with bullets
    /// under it is: the heading, at its time.
    pub(super) fn entries_of_bare_headings(&mut self) {
        for sec in &mut self.timeline {
            if let (true, Some(_), Some(heading)) =
                (sec.entries.is_empty(), sec.start, &sec.heading)
            {
                sec.entries
                    .push(entry(sec.start, sec.end, heading.clone(), sec.line));
            }
        }
    }

    pub(super) fn push_section(&mut self, n: usize, h: TimedHeading) {
        self.section_levels
            .push(std::mem::take(&mut self.heading_level));
        self.timeline.push(TimelineSection {
            part: self.h2_part.clone(),
            heading: h.heading,
            start: h.start,
            end: h.end,
            entries: Vec::new(),
            line: n,
        });
        self.entry_from_bullet = false;
        self.under_heading = true;
        self.base_indent = None;
        self.in_h3_section = false;
    }

    pub(super) fn timed(&mut self, n: usize, s: &str) -> Option<TimelineEntry> {
        let c = shapes::timed(s)?;
        let start = match self.read_time(c.start.as_str())? {
            Ok(t) => Some(t),
            Err(TimeError::OutOfRange(t)) => {
                self.warn(
                    n,
                    format!("impossible time `{t}`; the entry is kept without a time"),
                );
                None
            }
        };
        // `00:21:30 - 结束语`: an end word glued to more text is the text.
        let glued = c.end.is_some_and(|m| {
            !m.as_str().starts_with(|ch: char| ch.is_ascii_digit())
                && s[m.end()..]
                    .chars()
                    .next()
                    .is_some_and(|ch| ch.is_alphanumeric())
        });
        let (end, mut text) = if glued {
            let rest = s[c.start.end()..].trim_start_matches(|ch: char| {
                ch.is_whitespace() || "-–—:：·|~]】)）*".contains(ch)
            });
            (None, rest.trim().to_string())
        } else {
            let end = c.end.and_then(|m| self.end_field(n, m.as_str()));
            (end, c.text.trim().to_string())
        };
        // `**00:00 - 05:30 开场**`: bold around the whole line.
        if s.starts_with("**") {
            if let Some(t) = text.strip_suffix("**").filter(|t| !t.contains("**")) {
                text = t.trim_end().to_string();
            }
        }
        // `42:00 - 结束 - 核心要点回顾` leaves the end word in the text when
        // the range separator was a spaced dash. `05:00 结束` alone says
        // what happened then: the talk ended.
        if end.is_none() {
            for w in ["结束 - ", "结束 -"] {
                if let Some(rest) = text.strip_prefix(w) {
                    text = rest.trim().to_string();
                    return Some(entry(start, Some(End::Close), text, n));
                }
            }
        }
        Some(entry(start, end, text, n))
    }

    /// The time (or range) a bullet starts with. An end that cannot be
    /// read is left in the text, with the rest of it.
    fn leading_time(&mut self, body: &str) -> Option<LeadingTime> {
        let c = shapes::timed(body)?;
        let start = self.read_time(c.start.as_str())?.ok()?;
        let end = match c.end {
            Some(e) => match parse_end(e.as_str()) {
                Some(Ok(end)) => {
                    if let End::At(_) = end {
                        self.time_forms.note(e.as_str());
                    }
                    Some(end)
                }
                _ => {
                    return Some(LeadingTime {
                        start,
                        end: None,
                        text: None,
                    })
                }
            },
            None => None,
        };
        let rest = c.text.trim();
        Some(LeadingTime {
            start,
            end,
            text: (!rest.is_empty()).then(|| rest.to_string()),
        })
    }

    /// `s` read as a time, its form counted for [`super::clock::to_offsets`].
    fn read_time(&mut self, s: &str) -> Option<Result<Seconds, TimeError>> {
        let read = parse_time(s);
        if let Some(Ok(_)) = read {
            self.time_forms.note(s);
        }
        read
    }

    fn time_field(&mut self, n: usize, s: &str) -> Option<Seconds> {
        let read = self.read_time(s);
        self.in_range(n, read)
    }

    fn end_field(&mut self, n: usize, s: &str) -> Option<End> {
        let read = parse_end(s);
        let end = self.in_range(n, read)?;
        if let End::At(_) = end {
            self.time_forms.note(s);
        }
        Some(end)
    }

    /// A time of a range as read, or nothing (with a warning) when it is
    /// impossible.
    fn in_range<T>(&mut self, n: usize, read: Option<Result<T, TimeError>>) -> Option<T> {
        match read? {
            Ok(t) => Some(t),
            Err(TimeError::OutOfRange(t)) => {
                self.warn(n, format!("impossible time `{t}` in a range"));
                None
            }
        }
    }

    fn current_section(&mut self, n: usize) -> &mut TimelineSection {
        if self.timeline.is_empty() {
            self.section_levels.push(0);
            self.timeline.push(TimelineSection {
                part: self.h2_part.clone(),
                heading: None,
                start: None,
                end: None,
                entries: Vec::new(),
                line: n,
            });
        }
        self.timeline.last_mut().unwrap()
    }

    pub(super) fn push_entry(&mut self, e: TimelineEntry, from_bullet: bool) {
        self.current_section(e.line).entries.push(e);
        if !from_bullet {
            self.base_indent = None;
        }
        self.entry_from_bullet = from_bullet;
        self.under_heading &= from_bullet;
    }

    pub(super) fn push_point(&mut self, p: Point) {
        let line = p.line;
        let sec = self.current_section(line);
        match sec.entries.last_mut() {
            Some(e) => e.points.push(p),
            None => {
                // Bullets straight under a heading: an entry named after the
                // heading holds them, timed by the heading's range if any.
                sec.entries.push(TimelineEntry {
                    start: sec.start,
                    end: sec.end,
                    text: sec.heading.clone().unwrap_or_default(),
                    points: vec![p],
                    anchor: String::new(),
                    line: sec.line,
                });
            }
        }
    }

    /// Whether the timeline has an entry for a point to go under.
    fn open_entry(&self) -> bool {
        self.timeline.last().is_some_and(|s| !s.entries.is_empty())
    }

    /// `05;30 演示`, `06.45 问答`, `0800 开场`: a line of the timeline that
    /// reads once its times are written as times ([`rewrite::retyped`]),
    /// with a warning that says how they were read.
    pub(super) fn try_retyped_times(&mut self, n: usize, trimmed: &str) -> bool {
        let Some(r) = rewrite::retyped(trimmed) else {
            return false;
        };
        if !self.try_timeline(n, &r.line) {
            return false;
        }
        let read: Vec<String> = r
            .times
            .iter()
            .map(|(written, time)| format!("`{written}` as `{time}`"))
            .collect();
        self.warn(
            n,
            format!(
                "read {} (write a time with a colon to be sure)",
                read.join(", ")
            ),
        );
        true
    }

    pub(super) fn unknown_timeline_line(&mut self, n: usize, trimmed: &str) {
        if self.text_of_bare_time(n, trimmed) {
            return;
        }
        // `> “…” —— 讲者原话` under an entry: a quotation of the talk.
        let quote = self.quoted && self.open_entry() && !starts_like_a_time(trimmed);
        // `(0:00:00) 开场` then `Swami 登台，回顾了一年。`: a sentence about the
        // entry above it. (A short line there, `问答环节`, may be an entry
        // whose time was left out, and is reported.)
        // `✅ 完成了演示`, `💡 关键点`: a point, bulleted with an emoji;
        // `Q: …` and `A: …`, a question from the floor and its answer.
        let point_shaped = starts_with_emoji(trimmed)
            || shapes::exchange(trimmed).is_some_and(|(_, said)| !said.trim().is_empty());
        let sentence = self.open_entry() && ends_a_sentence(trimmed) && !point_shaped;
        let prose = !quote && (self.under_heading || sentence) && !starts_like_a_time(trimmed);
        let point = !prose && self.open_entry() && point_shaped;
        if !prose && !point && !quote {
            self.warn(
                n,
                format!(
                    "line not understood as part of the timeline, kept as text: `{}`",
                    truncate(trimmed, 60)
                ),
            );
        }
        self.push_point(Point {
            time: None,
            end: None,
            text: trimmed.to_string(),
            depth: 0,
            prose,
            quote,
            line: n,
        });
    }

    /// A time written on a line of its own (`[00:00]`, `#### 05:30`, a
    /// subtitle cue's `00:00:01,250 --> 00:00:04,000`) has its text on the
    /// next line: that line is the entry's text.
    fn text_of_bare_time(&mut self, n: usize, trimmed: &str) -> bool {
        let Some(sec) = self.timeline.last_mut() else {
            return false;
        };
        match sec.entries.last_mut() {
            Some(e) if e.text.is_empty() && e.points.is_empty() && e.start.is_some() => {
                e.text = trimmed.to_string();
            }
            None if sec.heading.is_none() && sec.start.is_some() => {
                sec.entries
                    .push(entry(sec.start, sec.end, trimmed.to_string(), n));
            }
            _ => return false,
        }
        true
    }
}

/// What a section heading says once its time is read off.
pub(super) struct TimedHeading {
    pub(super) heading: Option<String>,
    pub(super) start: Option<Seconds>,
    pub(super) end: Option<End>,
}

/// `9:99 开场`, `[0:60] 问答`: a line that was meant to be timed, reported
/// even where prose is expected.
/// The text of a `#####` or `######` heading.
fn deep_heading(line: &str) -> Option<&str> {
    let h = line
        .strip_prefix("##### ")
        .or_else(|| line.strip_prefix("###### "))?;
    Some(lines::atx_text(h).trim()).filter(|h| !h.is_empty())
}

fn starts_like_a_time(line: &str) -> bool {
    let head: String = line
        .trim_start_matches(['[', '(', '（', '【', '*'])
        .chars()
        .take(6)
        .collect();
    head.starts_with(|c: char| c.is_ascii_digit()) && head.contains([':', '：'])
}

/// Whether `line` starts with an emoji (or a dingbat such as `✔`) and
/// goes on with text that is not a time: the way chat apps and
/// summarising tools bullet a list.
fn starts_with_emoji(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let emoji = matches!(first as u32,
        0x2600..=0x27BF     // Miscellaneous symbols, dingbats: ☑ ✅ ✔ ❌ ⚠ ✨
        | 0x2B50..=0x2B55   // ⭐ ⭕
        | 0x1F300..=0x1FAFF); // Pictographs, emoticons, transport, supplemental
    let rest = chars
        .as_str()
        .trim_start_matches(['\u{FE0F}', ' ', '\u{3000}']);
    emoji && !rest.is_empty() && !rest.starts_with(|c: char| c.is_ascii_digit())
}

/// An entry with no points yet and no anchor (anchors are given at the end).
fn entry(start: Option<Seconds>, end: Option<End>, text: String, line: usize) -> TimelineEntry {
    TimelineEntry {
        start,
        end,
        text,
        points: Vec::new(),
        anchor: String::new(),
        line,
    }
}

/// The time or range a nested bullet starts with, and its text after it
/// (`None` when nothing follows, or when it is kept whole).
struct LeadingTime {
    start: Seconds,
    end: Option<End>,
    text: Option<String>,
}

/// Whether `line` ends as a sentence does: `。`, `！`, `？`, `.`, `!`, `?`.
fn ends_a_sentence(line: &str) -> bool {
    line.trim_end_matches(['”', '"', '）', ')'])
        .ends_with(['。', '！', '？', '.', '!', '?', '…'])
}
