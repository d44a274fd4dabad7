//! Recap text → [`Session`].
//!
//! The parser is a line classifier with a little state (which `##` part we are
//! in, the open section and entry). Every line lands somewhere: a line it does
//! not understand is kept as text and reported, never dropped.

use super::frontmatter::{self, FrontMatter, SpeakerField};
use super::labels;
use super::lines::{self, classify_h2, is_rule, strip_label, Heading};
use super::shapes;
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

    let visible;
    let text = if has_invisible(text) {
        visible = text.replace(INVISIBLE, "");
        visible.as_str()
    } else {
        text
    };
    let decoded = super::entities::decoded(text);
    let text = decoded.as_ref();

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
    p.front_title = front.as_ref().is_some_and(|f| f.title.is_some());
    p.seen_text = p.front_title;
    let piped;
    let body = match table::with_outer_pipes(body) {
        Some(b) => {
            piped = b;
            piped.as_str()
        }
        None => body,
    };
    let comments = lines::comment_lines(body);
    p.body = (body, first_line);
    for (i, raw) in body.lines().enumerate() {
        if !comments.get(i).is_some_and(|&hidden| hidden) {
            p.line(first_line + i, raw.trim_end());
        }
    }
    let mut parsed = p.finish(front);
    parsed.session.may_show_images = body.contains("![");
    parsed
}

/// Characters that show nothing and join or split nothing a reader sees,
/// pasted in from web pages and chat apps: a zero-width space, a word
/// joiner and a byte-order mark inside the text. Left in, they hide a time
/// (`05:30\u{200B}`) or a name (`Ama\u{200B}zon`) from the parser, so
/// they are taken out first. (The zero-width joiner stays: emoji are made
/// with it.)
const INVISIBLE: [char; 3] = ['\u{200B}', '\u{2060}', '\u{FEFF}'];

fn has_invisible(text: &str) -> bool {
    let mut utf8 = [0; 4];
    INVISIBLE.iter().any(|c| {
        memchr::memmem::find(text.as_bytes(), c.encode_utf8(&mut utf8).as_bytes()).is_some()
    })
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
    note: Option<Paragraph>,
    /// Lines of the paragraph being gathered, and where it started.
    para: Vec<String>,
    para_line: usize,
    diagnostics: Vec<Diagnostic>,
    /// The open entry was made from a timed bullet (`- **00:00** - …`), so
    /// the next timed bullet is its sibling, not its child.
    entry_from_bullet: bool,
    /// The open part of the timeline was opened by a heading and has no
    /// entry written on a line of its own: prose there is the section's
    /// text, as in any Markdown document, not a line gone wrong.
    under_heading: bool,
    /// Indentation of the first bullet under the open entry: bullets are
    /// nested relative to it, whatever the note-taker's indent style.
    base_indent: Option<usize>,
    /// A bullet deeper than [`MAX_DEPTH`] has been reported.
    too_deep: bool,
    /// The line being read was quoted (`> …`) in the timeline.
    quoted: bool,
    /// The part a rule (`---`, `━━━`) ended. Until a footer label
    /// follows it, a line of that part's own takes the recap back to it.
    before_rule: Option<Part>,
    /// A line of only a number in the timeline, held back: before a
    /// subtitle cue's time range it is the cue's number and is dropped.
    cue_number: Option<(usize, String)>,
    /// A `####` heading under a `###` section's entry, and its line: the
    /// next line says whether it labels the bullets under it (a heading
    /// inside the entry) or opens a section of its own.
    inner_heading: Option<(usize, String)>,
    /// The open section was opened by a `###` heading.
    in_h3_section: bool,
    /// The level of the heading the next section is opened by (3 for
    /// `###`, 4 for `####`; 0 for any other kind of section).
    heading_level: u8,
    /// The `##` heading taken as the timeline's label (`## 内容`), which a
    /// second such heading further on shows to name the first part.
    timeline_label: Option<String>,
    /// The part of the talk new sections are in: the `##` heading over
    /// them, in a timeline written in parts (`## 第一部分：…`).
    h2_part: Option<String>,
    /// The cells of the last table header read whose first cell labels
    /// times (`| 时间 | 环节 | 讲者 |`).
    table_header: Vec<String>,
    /// Each section's [`Self::heading_level`], for
    /// [`Self::parts_of_bare_headings`].
    section_levels: Vec<u8>,
    /// A line other than the title has been read (or the front matter
    /// gave the title): no later line is guessed to be the title.
    seen_text: bool,
    /// The front matter gives the title.
    front_title: bool,
    /// How the timeline's times were written: `14:00` may be a time of day.
    time_forms: clock::TimeForms,
    /// The recap's text after its front matter, and the number of its
    /// first line.
    body: (&'a str, usize),
    /// The number of the last line that opens a timeline entry or section,
    /// found when first asked ([`Self::after_the_timeline`]).
    last_timed: Option<usize>,
    /// The video the first time written as a link points to, without its
    /// moment (see [`super::rewrite::unlinked_time`]).
    linked_video: Option<String>,
    /// The fenced code block being read, whose lines are code.
    fence: Option<code::Fence>,
    /// Footnote definitions, taken out of the text as they are read.
    notes: notes::Notes,
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
            under_heading: false,
            base_indent: None,
            too_deep: false,
            quoted: false,
            seen_text: false,
            front_title: false,
            cue_number: None,
            inner_heading: None,
            in_h3_section: false,
            heading_level: 0,
            timeline_label: None,
            table_header: Vec::new(),
            h2_part: None,
            section_levels: Vec::new(),
            before_rule: None,
            time_forms: clock::TimeForms::default(),
            body: ("", 1),
            last_timed: None,
            linked_video: None,
            fence: None,
            notes: notes::Notes::default(),
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
        if let Some(fence) = &mut self.fence {
            if fence.read(line) {
                self.close_fence();
            }
            return;
        }
        let marked = super::marks::ascii_marks(line);
        let line = &*super::marks::ascii_link_parens(&marked);
        let trimmed = line.trim();
        if let Some((at, number)) = self.cue_number.take() {
            let cue = shapes::timed(trimmed).is_some_and(|t| t.end.is_some());
            if !cue {
                self.unknown_timeline_line(at, &number);
            }
        }
        if !trimmed.is_empty() {
            if let Some((at, heading)) = self.inner_heading.take() {
                self.place_inner_heading(at, heading, trimmed);
            }
        }
        if self.notes.read(n, line, &mut self.diagnostics, self.source) {
            self.flush_para();
            self.seen_text = true;
            return;
        }
        if trimmed.is_empty() {
            self.flush_para();
            return;
        }
        if let Some(fence) = code::Fence::open(line, n) {
            self.seen_text = true;
            self.fence = Some(fence);
            return;
        }
        if let Some(heading) = self.underlined_part(trimmed) {
            self.para.clear();
            self.part = Part::of(heading);
            return;
        }
        if is_rule(trimmed) {
            self.flush_para();
            if self.part != Part::Footer {
                self.before_rule = Some(self.part);
            }
            self.part = Part::Footer;
            return;
        }
        if let Some(h) = trimmed.strip_prefix("# ") {
            let h = lines::atx_text(h).trim();
            if self.title.is_none() {
                self.title = Some(h.to_string());
                self.title_line = n;
                return;
            }
            // Two talks written into one file: the second is read as a
            // part of the first's timeline, not as points of its last
            // entry, and the note-taker is told.
            if !h.is_empty() {
                self.flush_para();
                self.warn(
                    n,
                    format!(
                        "a second title `# {}` (the first is on line {}): a recap file is \
                         one session, so what follows is read as a section of its timeline; \
                         move it to a file of its own to give it its own page",
                        truncate(h, 40),
                        self.title_line
                    ),
                );
                self.part = Part::Timeline;
                self.section_heading(n, h);
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
                && !self.front_title
                && self.para.len() == 1
                && self.overview.is_empty()
            {
                self.title = self.para.pop();
                self.title_line = self.para_line;
                return;
            }
        }
        self.seen_text = true;
        if let Some(h) = lines::h2_text(trimmed) {
            self.flush_para();
            self.h2_part = None;
            // `## 00:00 开场`, `## 开场 (00:00 - 05:30)`: a recap whose
            // timeline sections are second-level headings.
            if let Some(timed) = self.timed_heading(n, h) {
                self.part = Part::Timeline;
                self.push_section(n, timed);
                return;
            }
            self.part = Part::of(classify_h2(h));
            if self.part == Part::Other {
                let heading = Paragraph {
                    text: trimmed.to_string(),
                    line: n,
                };
                self.shown_with_overview().push(heading);
            }
            return;
        }
        if let Some(tags) = lines::hashtags(trimmed) {
            self.flush_para();
            self.key_themes.extend(tags.into_iter().map(String::from));
            return;
        }
        if self.part != Part::Footer {
            if let Some(h) = lines::part_label(trimmed) {
                self.flush_para();
                self.part = Part::of(h);
                return;
            }
            if self.label_of_a_part(n, line) {
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
        // A timeline quoted whole: `> 00:00 - 开场`.
        if self.part == Part::Timeline && trimmed.starts_with('>') {
            // All the marks at once (`> > …`): one call deeper, however
            // many there are.
            let mut quoted = line;
            while let Some(rest) = quoted.trim_start().strip_prefix('>') {
                quoted = rest.strip_prefix(' ').unwrap_or(rest);
            }
            let outer = std::mem::replace(&mut self.quoted, true);
            self.line(n, quoted);
            self.quoted = outer;
            return;
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
                // Nothing between the heading and this line but, when it is
                // a table's first row, the table's header and rule.
                let right_under = self.para.is_empty() || self.only_a_table_head();
                let bare_heading = right_under
                    && self.timeline.is_empty()
                    && self
                        .overview
                        .last()
                        .is_some_and(|p| p.line < n && crate::model::is_heading_line(&p.text));
                // `## 第二部分：开发工具` right over more of the timeline.
                let part_heading = (right_under && !self.timeline.is_empty())
                    .then(|| self.extra.last())
                    .flatten()
                    .filter(|p| p.line < n)
                    .and_then(|p| lines::h2_text(&p.text))
                    .map(str::to_string);
                let sections = self.timeline.len();
                let entries = self.timeline.last().map_or(0, |s| s.entries.len());
                if self.try_timeline(n, line) {
                    self.part = Part::Timeline;
                    // `## 内容` with the timeline's sections under it: the
                    // timeline's label, not a part of its own; unless a
                    // second such heading shows it named the first part.
                    if bare_heading {
                        self.timeline_label = self
                            .overview
                            .pop()
                            .and_then(|p| lines::h2_text(&p.text).map(str::to_string));
                    } else if let Some(heading) = part_heading {
                        self.extra.pop();
                        self.open_h2_part(n, heading, sections, entries);
                    }
                } else {
                    self.gather(n, trimmed)
                }
            }
            Part::Footer => self.footer(n, line),
            Part::Themes => {
                let list = shapes::bullet(trimmed).map_or(trimmed, |b| b.text);
                self.add_themes(list);
            }
            Part::Note => {
                // `## Notes` over the timeline itself, in a recap with none
                // but an agenda's list of untimed parts.
                let first = self.note.is_none() && !self.has_timed_entries();
                if first && self.try_timeline(n, line) {
                    self.part = Part::Timeline;
                } else {
                    self.add_note(n, trimmed);
                }
            }
            Part::Timeline => {
                if trimmed.len() <= 6 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
                    self.cue_number = Some((n, trimmed.to_string()));
                } else if !self.try_timeline(n, line) && !self.try_retyped_times(n, trimmed) {
                    let indented = line.starts_with(char::is_whitespace);
                    if !indented && labels::says_of_session(trimmed) && self.after_the_timeline(n) {
                        // `演讲者：…` after the last entry: text after the
                        // timeline. (Before an entry, `主持人：欢迎大家` is
                        // what was said then.)
                        self.part = Part::Other;
                        self.gather(n, trimmed);
                    } else {
                        self.unknown_timeline_line(n, trimmed);
                    }
                }
            }
        }
    }

    /// Whether no line after line `n` opens a timeline entry or section.
    fn after_the_timeline(&mut self, n: usize) -> bool {
        let (body, first) = self.body;
        let last = *self.last_timed.get_or_insert_with(|| {
            body.lines()
                .enumerate()
                .filter(|(_, l)| resumes(Part::Timeline, l.trim()))
                .last()
                .map_or(0, |(i, _)| first + i)
        });
        n > last
    }

    pub(super) fn has_timed_entries(&self) -> bool {
        self.timeline
            .iter()
            .flat_map(|s| &s.entries)
            .any(|e| e.start.is_some())
    }

    fn has_entries(&self) -> bool {
        self.timeline.iter().any(|s| !s.entries.is_empty())
    }

    /// A recap with no timeline part whose overview holds paragraphs of
    /// timed lines (`00:00 开场` / `- 要点` / `05:00 演示`), with no
    /// `## 时间线` heading over them: those paragraphs are the timeline,
    /// read as if the heading were there. A paragraph qualifies with two
    /// timed lines or more, starting with one, and only bullets between
    /// them, so prose that opens with a time of day stays prose.
    fn timeline_in_overview(&mut self) {
        let timed = |l: &str| shapes::timed(l).is_some();
        let is_timeline = |p: &Paragraph| {
            !crate::model::is_code_block(&p.text)
                && p.text.lines().next().is_some_and(timed)
                && p.text.lines().filter(|l| timed(l)).count() >= 2
                && p.text
                    .lines()
                    .all(|l| timed(l) || shapes::bullet(l).is_some())
        };
        if !self.overview.iter().any(is_timeline) {
            return;
        }
        let (timeline, overview): (Vec<Paragraph>, Vec<Paragraph>) =
            std::mem::take(&mut self.overview)
                .into_iter()
                .partition(is_timeline);
        self.overview = overview;
        self.part = Part::Timeline;
        for p in timeline {
            for (i, l) in p.text.lines().enumerate() {
                self.line(p.line + i, l);
            }
        }
    }

    fn gather(&mut self, n: usize, trimmed: &str) {
        if self.para.is_empty() {
            self.para_line = n;
        }
        self.para.push(trimmed.to_string());
    }

    pub(super) fn flush_para(&mut self) {
        if self.para.is_empty() {
            return;
        }
        // The first line of the recap, alone above a blank line or a
        // part's label, and shaped like a title: the title.
        if self.title.is_none()
            && !self.front_title
            && self.part == Part::Preamble
            && self.overview.is_empty()
            && self.para.len() == 1
            && lines::is_plain_title(&self.para[0])
        {
            self.title = self.para.pop();
            self.title_line = self.para_line;
            return;
        }
        let p = Paragraph {
            text: self.para.join("\n"),
            line: self.para_line,
        };
        self.para.clear();
        match self.part {
            Part::Preamble | Part::Overview => self.overview.push(p),
            Part::Other => self.shown_with_overview().push(p),
            _ => self.extra.push(p),
        }
    }

    /// Where a part of no known kind goes: before the timeline, with the
    /// overview, so that the page shows it where it was written; after
    /// it, with the text after it.
    pub(super) fn shown_with_overview(&mut self) -> &mut Vec<Paragraph> {
        if self.timeline.is_empty() {
            &mut self.overview
        } else {
            &mut self.extra
        }
    }

    /// A fenced code block is a paragraph of its own in prose, and a
    /// point of the open entry in the timeline.
    fn close_fence(&mut self) {
        let Some(fence) = self.fence.take() else {
            return;
        };
        let line = fence.line;
        let depth = self.code_depth(fence.indent());
        let text = fence.into_text();
        if self.part == Part::Timeline {
            self.push_point(Point {
                time: None,
                end: None,
                text,
                depth,
                prose: true,
                quote: false,
                line,
            });
        } else {
            self.flush_para();
            self.para_line = line;
            self.para.push(text);
            self.flush_para();
        }
    }

    /// How deep a code block indented `indent` sits among the open
    /// entry's bullets: inside the one it is indented under, as in
    /// Markdown (bullets are two spaces a level, from the first one's).
    fn code_depth(&self, indent: usize) -> usize {
        let last = self
            .timeline
            .last()
            .and_then(|s| s.entries.last())
            .and_then(|e| e.points.last());
        match (self.base_indent, last) {
            (Some(base), Some(last)) => indent.saturating_sub(base).div_ceil(2).min(last.depth + 1),
            _ => 0,
        }
    }

    fn add_themes(&mut self, list: &str) {
        self.key_themes
            .extend(lines::split_themes(list).map(String::from));
    }

    pub(super) fn add_note(&mut self, n: usize, text: &str) {
        match &mut self.note {
            Some(note) => {
                note.text.push('\n');
                note.text.push_str(text);
            }
            None => {
                self.note = Some(Paragraph {
                    text: text.to_string(),
                    line: n,
                })
            }
        }
    }

    fn footer(&mut self, n: usize, line: &str) {
        let trimmed = line.trim();
        if let Some(rest) = strip_label(trimmed, &lines::THEME_LABELS) {
            self.add_themes(rest);
            self.before_rule = None;
        } else if let Some(rest) = strip_label(trimmed, &lines::NOTE_LABELS) {
            self.add_note(n, rest);
            self.before_rule = None;
        } else if let Some(part) = self.before_rule.take().filter(|&p| resumes(p, trimmed)) {
            // `---` between two parts of the overview, or two entries of
            // the timeline: a separator, not the start of a footer.
            self.part = part;
            self.line(n, line);
        } else {
            self.extra.push(Paragraph {
                text: trimmed.to_string(),
                line: n,
            });
        }
    }

    /// The part a line underlined by `rule` names (`会议概述` over `---`
    /// or `===`, Markdown's other way to write a heading), when the line
    /// is a short name of a part: a sentence over a rule is the end of a
    /// paragraph and the footer's rule.
    fn underlined_part(&self, rule: &str) -> Option<Heading> {
        let underline =
            rule.len() >= 2 && (rule.bytes().all(|b| b == b'-') || rule.bytes().all(|b| b == b'='));
        if !underline || self.title.is_none() || self.para.len() != 1 {
            return None;
        }
        let name = self.para[0].trim();
        if name.chars().count() > 12 || name.contains(['。', '，', ',', '.', '；']) {
            return None;
        }
        Some(classify_h2(name)).filter(|h| *h != Heading::Other)
    }

    fn finish(mut self, front: Option<FrontMatter>) -> ParsedRecap {
        if let Some((at, number)) = self.cue_number.take() {
            self.unknown_timeline_line(at, &number);
        }
        if let Some((at, heading)) = self.inner_heading.take() {
            self.place_inner_heading(at, heading, "");
        }
        if let Some(line) = self.fence.as_ref().map(|f| f.line) {
            self.warn(
                line,
                "a code block opened here is never closed (no closing ``` or ~~~ \
                 line after it): it runs to the end of the file",
            );
            self.close_fence();
        }
        self.flush_para();
        self.parts_of_bare_headings();
        self.entries_of_bare_headings();
        if !self.has_entries() {
            self.timeline_in_overview();
        }
        if !self.has_entries() {
            let table = agenda::table_of_lengths(&mut self.overview)
                .or_else(|| agenda::table_of_lengths(&mut self.extra));
            self.timeline.extend(table);
        }
        agenda::timed_by_lengths(&mut self.timeline);
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
        if !self.has_entries() {
            let line = self.title_line.max(1);
            self.warn(
                line,
                "no timeline found: no line like `00:00 - …` or `### heading (00:00 - 05:00)`",
            );
        }
        let clock_start = clock::to_offsets(&mut self.timeline, &self.time_forms);
        if clock_start.is_none()
            && clock::to_hours_and_minutes(&mut self.timeline, &self.time_forms)
        {
            let first = self.timeline.iter().flat_map(|s| &s.entries).next();
            let line = first.map_or(1, |e| e.line);
            self.warn(
                line,
                "timeline read in hours and minutes (`00:05` as 5 minutes): read as minutes \
                 and seconds it would be over within a minute; write `00:05:00` to say so",
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
            // `- name: ""`: nobody, not a speaker without a name.
            .filter(|s| !s.name.trim().is_empty())
            .collect();
        let notes = std::mem::take(&mut self.notes);
        let (full, title_notes) = notes.take_references(&full);
        let title = Title {
            notes: title_notes,
            ..split_title(&full)
        };
        let date = front
            .date
            .or_else(|| told(&self.overview, &self.extra, labels::date));
        let video_url = front
            .video_url
            .or(self.linked_video)
            .or_else(|| told(&self.overview, &self.extra, labels::video));
        let stated_length = told(&self.overview, &self.extra, labels::length);
        let track = front
            .track
            .or_else(|| told(&self.overview, &self.extra, labels::track));
        let mut parsed = ParsedRecap {
            session: Session {
                slug: front.slug.unwrap_or_default(),
                source,
                title,
                overview: self.overview,
                speakers,
                timeline: self.timeline,
                key_themes: front.key_themes.unwrap_or(self.key_themes),
                note: self.note,
                extra: self.extra,
                date,
                track,
                video_url,
                clock_start,
                stated_length,
                footnotes: Vec::new(),
                may_show_images: false,
            },
            diagnostics: self.diagnostics,
        };
        parsed.session.footnotes =
            notes.number(&parsed.session, self.title_line, &mut parsed.diagnostics);
        parsed
    }
}

/// What the first paragraph that says it (see [`labels`]) says: the
/// overview's first, then the rest's.
fn told<T>(overview: &[Paragraph], extra: &[Paragraph], read: fn(&str) -> Option<T>) -> Option<T> {
    overview.iter().chain(extra).find_map(|p| read(&p.text))
}

/// Whether `line`, right after a rule that ended `part`, goes on with
/// it: prose after the overview's rule; a timed line or a section heading
/// after the timeline's.
fn resumes(part: Part, line: &str) -> bool {
    match part {
        Part::Preamble | Part::Overview => true,
        Part::Timeline => {
            lines::section_heading(line).is_some()
                || shapes::timed(shapes::bullet(line).map_or(line, |b| b.text)).is_some()
        }
        _ => false,
    }
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

mod agenda;
mod clock;
pub mod code;
mod notes;
mod parts;
mod table;
mod timeline;

#[cfg(test)]
mod parts_tests;
#[cfg(test)]
mod tests;
