//! Recap text → [`Session`].
//!
//! The parser is a line classifier with a little state (which `##` part we are
//! in, the open section and entry). Every line lands somewhere: a line it does
//! not understand is kept as text and reported, never dropped.

use super::frontmatter::{self, FrontMatter, SpeakerField};
use super::lines::{self, bracket_heading, classify_h2, is_rule, strip_label, Heading};
use super::shapes;
use super::time::{parse_end, parse_time, TimeError};
use super::title::split_title;
use crate::diagnostics::Diagnostic;
use crate::model::*;

/// A parsed recap and what the parser had to say about it.
#[derive(Debug)]
pub struct ParsedRecap {
    pub session: Session,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Part {
    /// Before the first `##`.
    Preamble,
    Overview,
    Timeline,
    /// A `##` part the parser has no slot for; its lines go to `extra`.
    Other,
    Footer,
    /// `## 核心主题`: each line lists key themes.
    Themes,
    /// `## 备注`: each line is part of the note.
    Note,
}

impl Part {
    fn of(h: Heading) -> Part {
        match h {
            Heading::Overview => Part::Overview,
            Heading::Timeline => Part::Timeline,
            Heading::Other => Part::Other,
            Heading::Themes => Part::Themes,
            Heading::Note => Part::Note,
        }
    }
}

/// Parse one recap. `source` is the path shown in diagnostics and stored in
/// the session; `text` must already be valid UTF-8.
pub fn parse_recap(source: &str, text: &str) -> ParsedRecap {
    let mut p = Parser::new(source);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let unified;
    let text = if text.contains('\r') {
        unified = text.replace("\r\n", "\n").replace('\r', "\n");
        unified.as_str()
    } else {
        text
    };

    let (front, body, first_line) = match frontmatter::split(text) {
        Ok(mut s) => {
            if let Some(front) = &mut s.front {
                p.check_video_url(front, text);
            }
            (s.front, s.body, s.body_line)
        }
        Err(e) => {
            p.warn(e.line, format!("{}; the block is read as text", e.message));
            (None, text, 1)
        }
    };
    // A title in the front matter: the first line is not guessed to be one.
    p.seen_text = front.as_ref().is_some_and(|f| f.title.is_some());
    for (i, raw) in body.lines().enumerate() {
        p.line(first_line + i, raw.trim_end());
    }
    p.finish(front)
}

struct Parser<'a> {
    source: &'a str,
    part: Part,
    title: Option<String>,
    title_line: usize,
    overview: Vec<Paragraph>,
    extra: Vec<Paragraph>,
    timeline: Vec<TimelineSection>,
    key_themes: Vec<String>,
    note: Option<String>,
    /// Lines of the paragraph being gathered, and where it started.
    para: Vec<String>,
    para_line: usize,
    diagnostics: Vec<Diagnostic>,
    /// The open entry was made from a timed bullet (`- **00:00** - …`), so
    /// the next timed bullet is its sibling, not its child.
    entry_from_bullet: bool,
    /// Indentation of the first bullet under the open entry: bullets are
    /// nested relative to it, whatever the note-taker's indent style.
    base_indent: Option<usize>,
    /// A bullet deeper than [`MAX_DEPTH`] has been reported.
    too_deep: bool,
    /// A line other than the title has been read (or the front matter
    /// gave the title): no later line is guessed to be the title.
    seen_text: bool,
}

/// Bullets nested deeper than this are kept at this depth. No recap needs
/// more, and the stages after parsing nest a list (and the theme a macro
/// call) per level: a thousand levels overflowed a thread's stack.
pub const MAX_DEPTH: usize = 12;

impl<'a> Parser<'a> {
    fn new(source: &'a str) -> Self {
        Parser {
            source,
            part: Part::Preamble,
            title: None,
            title_line: 0,
            overview: Vec::new(),
            extra: Vec::new(),
            timeline: Vec::new(),
            key_themes: Vec::new(),
            note: None,
            para: Vec::new(),
            para_line: 0,
            diagnostics: Vec::new(),
            entry_from_bullet: false,
            base_indent: None,
            too_deep: false,
            seen_text: false,
        }
    }

    fn warn(&mut self, line: usize, msg: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.source, Some(line), msg));
    }

    /// A `video_url` that is not an http(s) URL is left out with a warning:
    /// every timeline time links to it, and `javascript:` there would run
    /// when a reader clicks.
    fn check_video_url(&mut self, front: &mut FrontMatter, text: &str) {
        let Some(url) = front.video_url.as_deref() else {
            return;
        };
        if !crate::urls::is_web_url(&url.trim().to_ascii_lowercase()) {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with("video"))
                .map_or(1, |i| i + 1);
            self.warn(
                line,
                format!(
                    "video_url `{}` is not an http(s) URL; left out (the times link to no video)",
                    truncate(url, 60)
                ),
            );
            front.video_url = None;
        }
    }

    fn line(&mut self, n: usize, line: &str) {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            self.flush_para();
            return;
        }
        if is_rule(trimmed) {
            self.flush_para();
            self.part = Part::Footer;
            return;
        }
        if let Some(h) = trimmed.strip_prefix("# ") {
            if self.title.is_none() {
                self.title = Some(h.trim().to_string());
                self.title_line = n;
                return;
            }
        }
        if self.title.is_none() && self.part == Part::Preamble {
            if !self.seen_text {
                if let Some(h) = lines::first_line_title(trimmed) {
                    self.title = Some(h.to_string());
                    self.title_line = n;
                    return;
                }
            } else if lines::is_setext_rule(trimmed)
                && self.para.len() == 1
                && self.overview.is_empty()
            {
                self.title = self.para.pop();
                self.title_line = self.para_line;
                return;
            }
        }
        self.seen_text = true;
        if let Some(h) = trimmed.strip_prefix("## ") {
            self.flush_para();
            // `## 00:00 开场`, `## 开场 (00:00 - 05:30)`: a recap whose
            // timeline sections are second-level headings.
            if let Some(timed) = self.timed_heading(n, h.trim()) {
                self.part = Part::Timeline;
                self.push_section(n, timed);
                return;
            }
            self.part = Part::of(classify_h2(h.trim()));
            if self.part == Part::Other {
                self.extra.push(Paragraph {
                    text: trimmed.to_string(),
                    line: n,
                });
            }
            return;
        }
        if self.part != Part::Footer {
            if let Some(h) = lines::part_label(trimmed) {
                self.flush_para();
                self.part = Part::of(h);
                return;
            }
            // `核心主题：…` after the timeline with no rule before it.
            if let Some(list) = lines::themes_line(trimmed) {
                self.flush_para();
                self.add_themes(list);
                self.part = Part::Footer;
                return;
            }
        }
        match self.part {
            Part::Preamble | Part::Overview => {
                if self.part == Part::Preamble && self.try_timeline(n, line) {
                    self.part = Part::Timeline;
                    return;
                }
                self.gather(n, trimmed)
            }
            Part::Other => {
                if self.try_timeline(n, line) {
                    self.part = Part::Timeline;
                } else {
                    self.gather(n, trimmed)
                }
            }
            Part::Footer => self.footer(n, trimmed),
            Part::Themes => {
                let list = shapes::bullet(trimmed).map_or(trimmed, |b| b.text);
                self.add_themes(list);
            }
            Part::Note => self.add_note(trimmed),
            Part::Timeline => {
                if !self.try_timeline(n, line) {
                    self.unknown_timeline_line(n, trimmed);
                }
            }
        }
    }

    fn gather(&mut self, n: usize, trimmed: &str) {
        if self.para.is_empty() {
            self.para_line = n;
        }
        self.para.push(trimmed.to_string());
    }

    fn flush_para(&mut self) {
        if self.para.is_empty() {
            return;
        }
        let p = Paragraph {
            text: self.para.join("\n"),
            line: self.para_line,
        };
        self.para.clear();
        match self.part {
            Part::Preamble | Part::Overview => self.overview.push(p),
            _ => self.extra.push(p),
        }
    }

    fn add_themes(&mut self, list: &str) {
        self.key_themes
            .extend(lines::split_themes(list).map(String::from));
    }

    fn add_note(&mut self, text: &str) {
        self.note = Some(match self.note.take() {
            Some(prev) => format!("{prev}\n{text}"),
            None => text.to_string(),
        });
    }

    fn footer(&mut self, n: usize, trimmed: &str) {
        if let Some(rest) = strip_label(trimmed, &lines::THEME_LABELS) {
            self.add_themes(rest);
        } else if let Some(rest) = strip_label(trimmed, &lines::NOTE_LABELS) {
            self.add_note(rest);
        } else {
            self.extra.push(Paragraph {
                text: trimmed.to_string(),
                line: n,
            });
        }
    }

    /// Try to read `line` as part of the timeline. Returns false when it is
    /// none of the known shapes.
    fn try_timeline(&mut self, n: usize, line: &str) -> bool {
        let trimmed = line.trim();
        if let Some(h) = trimmed
            .strip_prefix("### ")
            .or_else(|| trimmed.strip_prefix("#### "))
        {
            self.section_heading(n, h.trim());
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
            let indent = b.indent.chars().count();
            let base = *self.base_indent.get_or_insert(indent);
            let mut depth = indent.saturating_sub(base).div_ceil(2);
            let ordinal = b.ordinal;
            let body = b.text.trim();
            if self.part != Part::Timeline && self.timeline.is_empty() {
                return false;
            }
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
                if let Some(e) = self.timed(n, body) {
                    self.push_entry(e, true);
                    return true;
                }
            }
            let text = match ordinal {
                Some(o) => format!("{o}. {body}"),
                None => body.to_string(),
            };
            let time = if depth > 0 {
                self.leading_time(body)
            } else {
                None
            };
            self.push_point(Point {
                time,
                text,
                depth,
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
                        sec.start = e.start;
                        sec.end = e.end;
                        let text = sec.heading.clone().unwrap_or_default();
                        self.push_entry(TimelineEntry { text, ..e }, false);
                        return true;
                    }
                }
            }
            self.push_entry(e, false);
            return true;
        }
        false
    }

    fn section_heading(&mut self, n: usize, h: &str) {
        let timed = self.timed_heading(n, h).unwrap_or(TimedHeading {
            heading: Some(h.to_string()),
            start: None,
            end: None,
        });
        self.push_section(n, timed);
    }

    /// A heading with a time: `开场 (00:00 - 03:30)`, `00:00 开场`,
    /// `[00:00] 开场`, `00:00 - 05:30 开场`.
    fn timed_heading(&mut self, n: usize, h: &str) -> Option<TimedHeading> {
        if let Some(c) = shapes::heading_range(h) {
            let start = self.time_field(n, &c[2]);
            let end = self.end_field(n, &c[3]);
            return Some(TimedHeading {
                heading: Some(c[1].trim().to_string()),
                start,
                end,
            });
        }
        let e = self.timed(n, h)?;
        Some(TimedHeading {
            heading: (!e.text.is_empty()).then_some(e.text),
            start: e.start,
            end: e.end,
        })
    }

    fn push_section(&mut self, n: usize, h: TimedHeading) {
        self.timeline.push(TimelineSection {
            heading: h.heading,
            start: h.start,
            end: h.end,
            entries: Vec::new(),
            line: n,
        });
        self.entry_from_bullet = false;
        self.base_indent = None;
    }

    /// The header and rule of a table whose first row opens the timeline,
    /// gathered as text before it was known to be one.
    fn drop_table_head(&mut self) {
        let is_rule = |l: &String| shapes::table_row(l).is_some_and(|c| shapes::is_table_rule(&c));
        let n = self.para.len();
        if n >= 2 && is_rule(&self.para[n - 1]) && shapes::table_row(&self.para[n - 2]).is_some() {
            self.para.truncate(n - 2);
        }
        self.flush_para();
    }

    /// A row of a timeline written as a Markdown table: the first cell is
    /// the time (or range), the next one the entry's text, any others its
    /// points (`<br>` splits a cell into several). The header row and the
    /// rule under it are dropped; rows without a time are not understood.
    fn table_row(&mut self, n: usize, cells: &[&str]) -> bool {
        // Outside the timeline, a header and its rule may belong to a table
        // of something else (`| 时间 | 2025-12-02 |`): they are kept as text
        // until a timed row shows whose they are.
        if shapes::is_table_rule(cells) || cells.first().is_some_and(|c| shapes::is_time_label(c)) {
            return self.part == Part::Timeline;
        }
        let Some(mut e) = cells.first().and_then(|c| self.timed(n, c)) else {
            return false;
        };
        if self.part != Part::Timeline {
            self.drop_table_head();
        }
        let mut pieces = cells[1..]
            .iter()
            .flat_map(|c| split_br(c))
            .filter(|p| !p.is_empty());
        if e.text.is_empty() {
            e.text = pieces.next().unwrap_or_default().to_string();
        }
        e.points = pieces
            .map(|p| Point {
                time: None,
                text: p.to_string(),
                depth: 0,
                line: n,
            })
            .collect();
        self.push_entry(e, false);
        true
    }

    fn timed(&mut self, n: usize, s: &str) -> Option<TimelineEntry> {
        let c = shapes::timed(s)?;
        let start = match parse_time(c.start.as_str())? {
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
        // `42:00 - 结束 - 核心要点回顾` leaves the end word in the text when
        // the range separator was a spaced dash.
        if end.is_none() {
            for w in ["结束 - ", "结束 -", "结束"] {
                if let Some(rest) = text.strip_prefix(w) {
                    if w != "结束" || rest.is_empty() {
                        text = rest.trim().to_string();
                        return Some(TimelineEntry {
                            start,
                            end: Some(End::Close),
                            text,
                            points: Vec::new(),
                            anchor: String::new(),
                            line: n,
                        });
                    }
                }
            }
        }
        Some(TimelineEntry {
            start,
            end,
            text,
            points: Vec::new(),
            anchor: String::new(),
            line: n,
        })
    }

    fn leading_time(&self, body: &str) -> Option<Seconds> {
        let c = shapes::timed(body)?;
        parse_time(c.start.as_str())?.ok()
    }

    fn time_field(&mut self, n: usize, s: &str) -> Option<Seconds> {
        match parse_time(s)? {
            Ok(t) => Some(t),
            Err(TimeError::OutOfRange(t)) => {
                self.warn(n, format!("impossible time `{t}` in a range"));
                None
            }
        }
    }

    fn end_field(&mut self, n: usize, s: &str) -> Option<End> {
        match parse_end(s)? {
            Ok(e) => Some(e),
            Err(TimeError::OutOfRange(t)) => {
                self.warn(n, format!("impossible time `{t}` in a range"));
                None
            }
        }
    }

    fn current_section(&mut self, n: usize) -> &mut TimelineSection {
        if self.timeline.is_empty() {
            self.timeline.push(TimelineSection {
                heading: None,
                start: None,
                end: None,
                entries: Vec::new(),
                line: n,
            });
        }
        self.timeline.last_mut().unwrap()
    }

    fn push_entry(&mut self, e: TimelineEntry, from_bullet: bool) {
        self.current_section(e.line).entries.push(e);
        if !from_bullet {
            self.base_indent = None;
        }
        self.entry_from_bullet = from_bullet;
    }

    fn push_point(&mut self, p: Point) {
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

    fn unknown_timeline_line(&mut self, n: usize, trimmed: &str) {
        self.warn(
            n,
            format!(
                "line not understood as part of the timeline, kept as text: `{}`",
                truncate(trimmed, 60)
            ),
        );
        self.push_point(Point {
            time: None,
            text: trimmed.to_string(),
            depth: 0,
            line: n,
        });
    }

    fn finish(mut self, front: Option<FrontMatter>) -> ParsedRecap {
        self.flush_para();
        let source = self.source.to_string();
        let front = front.unwrap_or_default();
        let full = front
            .title
            .clone()
            .or(self.title.take())
            .unwrap_or_default();
        if full.is_empty() {
            self.warn(1, "no `# Title` line; the file name is used as the title");
        }
        let full = if full.is_empty() {
            file_stem(&source).to_string()
        } else {
            full
        };
        if self.timeline.iter().all(|s| s.entries.is_empty()) {
            let line = self.title_line.max(1);
            self.warn(
                line,
                "no timeline found: no line like `00:00 - …` or `### heading (00:00 - 05:00)`",
            );
        }
        check_order(&source, &self.timeline, &mut self.diagnostics);
        assign_anchors(&mut self.timeline);
        let speakers = front
            .speakers
            .unwrap_or_default()
            .into_iter()
            .map(|s| match s {
                SpeakerField::Name(name) => SpeakerRef {
                    name,
                    ..Default::default()
                },
                SpeakerField::Full { name, role, org } => SpeakerRef { name, role, org },
            })
            .collect();
        ParsedRecap {
            session: Session {
                slug: front.slug.unwrap_or_default(),
                source,
                title: split_title(&full),
                overview: self.overview,
                speakers,
                timeline: self.timeline,
                key_themes: self.key_themes,
                note: self.note,
                extra: self.extra,
                date: front.date,
                track: front.track,
                video_url: front.video_url,
            },
            diagnostics: self.diagnostics,
        }
    }
}

/// What a section heading says once its time is read off.
struct TimedHeading {
    heading: Option<String>,
    start: Option<Seconds>,
    end: Option<End>,
}

/// A table cell's lines: `甲<br>乙` → `甲`, `乙`.
fn split_br(cell: &str) -> impl Iterator<Item = &str> {
    cell.split("<br>")
        .flat_map(|p| p.split("<br/>"))
        .flat_map(|p| p.split("<br />"))
        .map(str::trim)
}

fn check_order(source: &str, timeline: &[TimelineSection], out: &mut Vec<Diagnostic>) {
    let mut last: Option<(Seconds, usize)> = None;
    for e in timeline.iter().flat_map(|s| &s.entries) {
        if let Some(t) = e.start {
            if let Some((prev, prev_line)) = last {
                if t < prev {
                    out.push(Diagnostic::warning(
                        source,
                        Some(e.line),
                        format!(
                            "time {} comes before {} on line {prev_line}; check the timestamps",
                            format_time(t),
                            format_time(prev)
                        ),
                    ));
                }
            }
            last = Some((t, e.line));
        }
    }
}

/// Give every entry an id: `t-1m15s` from its time (with `-2`, `-3` when a
/// time repeats), or `s<section>-e<entry>` when it has none. Ids depend only
/// on the text, so they are stable across builds.
fn assign_anchors(timeline: &mut [TimelineSection]) {
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for (si, sec) in timeline.iter_mut().enumerate() {
        for (ei, e) in sec.entries.iter_mut().enumerate() {
            let base = match e.start {
                Some(t) => time_anchor(t),
                None => format!("s{}-e{}", si + 1, ei + 1),
            };
            let count = seen.entry(base.clone()).or_insert(0);
            *count += 1;
            e.anchor = if *count == 1 {
                base
            } else {
                format!("{base}-{count}")
            };
        }
    }
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n).collect::<String>() + "…"
    }
}

#[cfg(test)]
mod tests;
