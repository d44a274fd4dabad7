//! The parsed corpus: what a recap *says*, before any enrichment.
//!
//! Every stage after `parse` reads these types; none of them writes back.
//! Times are seconds from the start of the session.

use serde::Serialize;

/// A point in a session, in seconds from its start.
pub type Seconds = u32;

/// One recap file, parsed.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    /// ASCII, unique across the site, stable across builds.
    pub slug: String,
    /// The recap file's path relative to the seeds folder, with `/` separators.
    pub source: String,
    pub title: Title,
    /// Overview paragraphs, in order.
    pub overview: Vec<Paragraph>,
    /// Speakers named in front matter. Prose speakers are found by `enrich`.
    pub speakers: Vec<SpeakerRef>,
    pub timeline: Vec<TimelineSection>,
    /// `核心主题：A、B、C` in the footer.
    pub key_themes: Vec<String>,
    /// `注：…` in the footer, its lines joined by `\n`, and the line it
    /// starts on.
    pub note: Option<Paragraph>,
    /// Lines kept verbatim that belong to no known part (other `##` sections,
    /// footer lines that are neither themes nor note).
    pub extra: Vec<Paragraph>,
    pub date: Option<String>,
    pub track: Option<String>,
    pub video_url: Option<String>,
    /// The time of day of the timeline's first moment, in seconds after
    /// midnight, when the note-taker wrote times of day (`14:00 - 14:10`).
    /// The timeline's times are then offsets from it, as in every session.
    pub clock_start: Option<Seconds>,
    /// The length the recap states, `时长：约 55 分钟`: longer than its
    /// timeline's last time when the last part runs on after it.
    pub stated_length: Option<Seconds>,
    /// `[^1]: …` lines, numbered in the order the text first refers to
    /// them (notes never referred to come last).
    pub footnotes: Vec<Footnote>,
    /// Whether the recap holds a `![`: the images stage
    /// ([`crate::media`]) reads only these sessions, which on a big site
    /// spares it reading all of them again after every save.
    #[serde(skip)]
    pub may_show_images: bool,
}

/// A footnote (see [`crate::footnotes`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Footnote {
    /// As written: `1` in `[^1]`, `来源` in `[^来源]`.
    pub label: String,
    /// What the page shows, from 1.
    pub number: usize,
    pub text: String,
    pub line: usize,
}

/// A paragraph of prose with the line it started on.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub line: usize,
}

/// The H1 title split into its parts:
/// `AWS re:Invent 2025 分会场总结：通过合作伙伴…` → conference `AWS re:Invent 2025`,
/// kind `分会场`, topic `通过合作伙伴…`.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct Title {
    pub full: String,
    pub conference: Option<String>,
    pub kind: Option<String>,
    pub topic: String,
    /// Labels of the footnotes the title refers to (`存储专场[^1]`), in
    /// order; the title's text is read without the references.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Title {
    /// The kind, for a list that shows it as a badge beside the topic:
    /// none when the topic is the kind itself (a keynote titled just
    /// “主题演讲”), which would read twice.
    pub fn kind_beside_topic(&self) -> Option<&str> {
        self.kind.as_deref().filter(|k| *k != self.topic)
    }
}

/// A speaker as written in front matter.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct SpeakerRef {
    pub name: String,
    pub role: Option<String>,
    pub org: Option<String>,
}

/// A part of the timeline: an `###` heading and/or a time range, or neither
/// for flat timelines.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineSection {
    /// The part of the talk the section is in: a `###` heading with
    /// nothing under it but `####` sections (`### 第一部分：新功能`).
    pub part: Option<String>,
    pub heading: Option<String>,
    pub start: Option<Seconds>,
    pub end: Option<End>,
    pub entries: Vec<TimelineEntry>,
    pub line: usize,
}

/// Where a time range stops: at a time, or `结束` (the end of the session).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum End {
    At(Seconds),
    Close,
}

/// One moment of the timeline.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEntry {
    pub start: Option<Seconds>,
    pub end: Option<End>,
    pub text: String,
    pub points: Vec<Point>,
    /// `t-…` for timed entries, unique within the session; `s<n>-e<m>` otherwise.
    pub anchor: String,
    pub line: usize,
}

/// A bullet under an entry; may carry its own time (`- **00:00** - …`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Point {
    pub time: Option<Seconds>,
    /// Where a timed bullet's range ends (`- 02:30 - 03:00 …`).
    pub end: Option<End>,
    pub text: String,
    /// 0 for a top-level bullet, 1 for a nested one, …
    pub depth: usize,
    /// A paragraph under a timeline heading rather than a bullet.
    pub prose: bool,
    /// A quoted line under an entry (`> “…” —— 讲者原话`), without its
    /// `>`: shown as a quotation.
    pub quote: bool,
    pub line: usize,
}

impl Session {
    /// The session's length as the timeline tells it: the last explicit end,
    /// else the last start; or as the recap states it, if longer.
    pub fn duration(&self) -> Option<Seconds> {
        let mut last = None;
        for e in self.entries() {
            let t = match e.end {
                Some(End::At(t)) => Some(t),
                _ => e.start,
            };
            if let Some(t) = t {
                last = Some(last.map_or(t, |l: Seconds| l.max(t)));
            }
        }
        for s in &self.timeline {
            if let Some(End::At(t)) = s.end {
                last = Some(last.map_or(t, |l: Seconds| l.max(t)));
            }
        }
        if let Some(t) = self.stated_length {
            last = Some(last.map_or(t, |l: Seconds| l.max(t)));
        }
        // Only `00:00` written: the length is not known, not zero.
        last.filter(|&t| t > 0)
    }

    pub fn entries(&self) -> impl Iterator<Item = &TimelineEntry> {
        self.timeline.iter().flat_map(|s| s.entries.iter())
    }

    /// Whether the recap has a fenced code block (a paragraph or a point
    /// of its own, starting with its fence, as the parser makes them).
    pub fn has_code(&self) -> bool {
        let paragraphs = self.overview.iter().chain(&self.extra);
        paragraphs.map(|p| &p.text).any(|t| is_code_block(t))
            || self
                .entries()
                .flat_map(|e| &e.points)
                .any(|p| is_code_block(&p.text))
    }

    /// The overview's first paragraph of prose (not code, not a table, not
    /// a header of `日期：…`, `讲者：…` lines), which summaries, feeds and page
    /// descriptions quote.
    pub fn lead_paragraph(&self) -> Option<&Paragraph> {
        self.overview.iter().find(|p| {
            !is_code_block(&p.text)
                && !is_heading_line(&p.text)
                && !p.text.lines().all(crate::parse::labels::is_fact)
                && !p.text.lines().all(|l| l.trim_start().starts_with('|'))
        })
    }

    pub fn speaker_names(&self) -> Vec<&str> {
        self.speakers.iter().map(|s| s.name.as_str()).collect()
    }
}

/// A Markdown page from `content/`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Page {
    pub slug: String,
    pub source: String,
    pub title: String,
    pub description: Option<String>,
    pub date: Option<String>,
    /// The Markdown body, unrendered.
    pub body: String,
    /// Line in the source file where the body starts (after front matter).
    pub body_line: usize,
    pub template: Option<String>,
}

/// Whether a paragraph is only the `## …` heading that opens a part of no
/// known kind (kept as a paragraph of the part it opens).
pub fn is_heading_line(text: &str) -> bool {
    text.starts_with('#') && !text.contains('\n')
}

/// Whether a paragraph's or a point's text is a fenced code block, which
/// the parser keeps whole, fence first: it is shown as written, and
/// enrichment does not read it (a port number is no key figure).
pub fn is_code_block(text: &str) -> bool {
    text.starts_with("```") || text.starts_with("~~~")
}

/// Format seconds as `MM:SS` or `H:MM:SS`.
pub fn format_time(s: Seconds) -> String {
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    let mut out = String::with_capacity(8);
    if h > 0 {
        push_number(&mut out, h, 1);
        out.push(':');
    }
    push_number(&mut out, m, 2);
    out.push(':');
    push_number(&mut out, sec, 2);
    out
}

/// The anchor id of a time: `t-1m15s`, `t-1h05m00s`.
pub fn time_anchor(s: Seconds) -> String {
    let (h, m, sec) = (s / 3600, (s / 60) % 60, s % 60);
    let mut out = String::with_capacity(12);
    out.push_str("t-");
    if h > 0 {
        push_number(&mut out, h, 1);
        out.push('h');
        push_number(&mut out, m, 2);
    } else {
        push_number(&mut out, m, 1);
    }
    out.push('m');
    push_number(&mut out, sec, 2);
    out.push('s');
    out
}

/// Append `n` in decimal, with leading zeros up to `digits` digits. A
/// session page writes dozens of times, anchors and durations, and with
/// `format!("{m:02}")` the formatting machinery cost more than the digits.
pub fn push_number(out: &mut String, n: u32, digits: usize) {
    let mut buf = [b'0'; 20];
    let mut at = buf.len();
    let mut rest = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let at = at.min(buf.len() - digits.min(buf.len()));
    out.extend(buf[at..].iter().map(|&b| b as char));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_as_format_would() {
        for t in (0..400_000).chain([u32::MAX - 1, u32::MAX]) {
            let (h, m, sec) = (t / 3600, (t / 60) % 60, t % 60);
            let (clock, anchor) = if h > 0 {
                (
                    format!("{h}:{m:02}:{sec:02}"),
                    format!("t-{h}h{m:02}m{sec:02}s"),
                )
            } else {
                (format!("{m:02}:{sec:02}"), format!("t-{m}m{sec:02}s"))
            };
            assert_eq!(format_time(t), clock);
            assert_eq!(time_anchor(t), anchor);
        }
        for (n, digits) in [(0, 0), (0, 3), (7, 1), (42, 5), (u32::MAX, 12)] {
            let mut out = String::new();
            push_number(&mut out, n, digits);
            assert_eq!(out, format!("{n:0digits$}"));
        }
    }

    #[test]
    fn formats_times() {
        assert_eq!(format_time(0), "00:00");
        assert_eq!(format_time(75), "01:15");
        assert_eq!(format_time(3600 + 600), "1:10:00");
        assert_eq!(time_anchor(75), "t-1m15s");
        assert_eq!(time_anchor(4010), "t-1h06m50s");
    }

    #[test]
    fn a_kind_badge_does_not_repeat_the_topic() {
        let title = |kind: &str, topic: &str| Title {
            full: format!("{kind}：{topic}"),
            conference: None,
            kind: Some(kind.into()),
            topic: topic.into(),
            notes: Vec::new(),
        };
        assert_eq!(
            title("分会场", "Amazon Connect").kind_beside_topic(),
            Some("分会场")
        );
        assert_eq!(title("主题演讲", "主题演讲").kind_beside_topic(), None);
    }
}
