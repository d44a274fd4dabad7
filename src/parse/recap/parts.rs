//! Parts of the talk: headings that group the timeline's sections
//! (`### 第一部分：新功能` over `####` sections, or `## 第一部分：…` over
//! the timeline's lines) rather than being sections of their own.

use super::{Parser, Part};
use crate::model::{Paragraph, TimelineSection};
use crate::parse::{lines, shapes};

impl Parser<'_> {
    /// Read `line` when it labels a part with no heading of its own:
    /// `要点总结：` alone on its line opens a part the parser has no slot
    /// for (shown as it is headed), and `Notes: …` among the timeline's
    /// entries is the session's note, not a point of the last one.
    pub(super) fn label_of_a_part(&mut self, n: usize, line: &str) -> bool {
        let trimmed = line.trim();
        if let Some(name) = lines::other_part_label(trimmed) {
            self.flush_para();
            self.part = Part::Other;
            let heading = Paragraph {
                text: format!("## {name}"),
                line: n,
            };
            self.shown_with_overview().push(heading);
            return true;
        }
        if self.part != Part::Timeline || shapes::bullet(line).is_some() {
            return false;
        }
        match lines::strip_label(trimmed, &lines::NOTE_LABELS) {
            Some(rest) if self.has_timed_entries() && !rest.is_empty() => {
                self.flush_para();
                self.add_note(n, rest);
                true
            }
            _ => false,
        }
    }

    /// `## 第二部分：开发工具` over the timeline line `n` that went on the
    /// timeline: the sections from there on are in that part, and the
    /// heading taken for the timeline's label (`## 第一部分：…`) named the
    /// part of those before. `sections` and `entries` are how many
    /// sections, and entries in the last one, there were before the line.
    pub(super) fn open_h2_part(
        &mut self,
        n: usize,
        heading: String,
        sections: usize,
        entries: usize,
    ) {
        if let Some(first) = self.timeline_label.take() {
            for sec in &mut self.timeline[..sections] {
                sec.part.get_or_insert_with(|| first.clone());
            }
        }
        // A timed line (`30:00 - Kiro`) went on with the last section:
        // what it added opens a section of the new part.
        if self.timeline.len() == sections {
            let last = self
                .timeline
                .last_mut()
                .expect("the line went on the timeline");
            let moved = last.entries.split_off(entries.min(last.entries.len()));
            self.section_levels.push(0);
            self.timeline.push(TimelineSection {
                part: None,
                heading: None,
                start: None,
                end: None,
                entries: moved,
                line: n,
            });
        }
        for sec in &mut self.timeline[sections..] {
            sec.part = Some(heading.clone());
        }
        self.h2_part = Some(heading);
    }

    /// A `###` heading with nothing under it but `####` sections
    /// (`### 第一部分：新功能`, then `#### 00:00 开场`, …) names the part of
    /// the talk they are in, rather than being a section of its own with no
    /// entries. Its sections are those up to the next heading that is not a
    /// `####` one.
    pub(super) fn parts_of_bare_headings(&mut self) {
        let levels = std::mem::take(&mut self.section_levels);
        let opens_part = |i: usize, sec: &TimelineSection| {
            levels.get(i) == Some(&3)
                && levels.get(i + 1) == Some(&4)
                && sec.entries.is_empty()
                && sec.start.is_none()
                && sec.end.is_none()
                && sec.heading.is_some()
        };
        let mut part: Option<String> = None;
        let mut kept = Vec::with_capacity(self.timeline.len());
        for (i, mut sec) in std::mem::take(&mut self.timeline).into_iter().enumerate() {
            if opens_part(i, &sec) {
                part = sec.heading.take();
                continue;
            }
            if levels.get(i) != Some(&4) {
                part = None;
            }
            if part.is_some() {
                sec.part = part.clone();
            }
            kept.push(sec);
        }
        self.timeline = kept;
    }
}
