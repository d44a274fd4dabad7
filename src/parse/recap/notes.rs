//! Footnote definitions in a recap (`[^1]: 数据来自官方博客`): taken out of
//! the text as they are read, then numbered in the order the recap first
//! refers to them. A definition's note goes on over the lines below it
//! that are indented by four spaces or a tab, as in Markdown.

use crate::diagnostics::Diagnostic;
use crate::footnotes;
use crate::model::{Footnote, Session, TimelineSection};
use std::collections::HashMap;

/// The definitions read so far, in the order they were written.
#[derive(Debug, Default)]
pub struct Notes {
    defined: Vec<Defined>,
    /// Where each label is in `defined`.
    by_label: HashMap<String, usize>,
    /// The definition the last line read was, or went on with.
    open: Option<usize>,
}

#[derive(Debug)]
struct Defined {
    label: String,
    text: String,
    line: usize,
}

impl Defined {
    fn go_on(&mut self, more: &str) {
        if more.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push(' ');
        }
        self.text.push_str(more);
    }
}

impl Notes {
    /// Read `line` (untrimmed; `n` is its number) if it is a definition or
    /// goes on with the one above it.
    pub fn read(&mut self, n: usize, line: &str, out: &mut Vec<Diagnostic>, source: &str) -> bool {
        let trimmed = line.trim();
        let indented = line.starts_with("    ") || line.starts_with('\t');
        if let Some(open) = self.open.filter(|_| indented && !trimmed.is_empty()) {
            self.defined[open].go_on(trimmed);
            return true;
        }
        self.open = None;
        let Some((label, text)) = footnotes::definition(trimmed) else {
            return false;
        };
        if let Some(&i) = self.by_label.get(label) {
            let first = &mut self.defined[i];
            out.push(Diagnostic::warning(
                source,
                Some(n),
                format!(
                    "footnote `[^{label}]` is defined twice (first on line {}); \
                     both notes are shown as one",
                    first.line
                ),
            ));
            first.go_on(text);
            self.open = Some(i);
            return true;
        }
        self.open = Some(self.defined.len());
        self.by_label.insert(label.to_string(), self.defined.len());
        self.defined.push(Defined {
            label: label.to_string(),
            text: text.to_string(),
            line: n,
        });
        true
    }

    /// `title` without its references to the notes read (`存储专场[^1]`
    /// → `存储专场`), and their labels in order; a reference to no note
    /// stays text, as in the rest of the recap.
    pub fn take_references(&self, title: &str) -> (String, Vec<String>) {
        if !footnotes::may_have_references(title) {
            return (title.to_string(), Vec::new());
        }
        let refs: Vec<_> = footnotes::references(title)
            .into_iter()
            .filter(|r| self.by_label.contains_key(r.label))
            .collect();
        let parts = refs
            .iter()
            .map(|r| (r.whole.clone(), r.whole.end..r.whole.end));
        let text = crate::shown::shown_text(title, parts).trim().to_string();
        (text, refs.iter().map(|r| r.label.to_string()).collect())
    }

    /// The footnotes of `session`, numbered in the order its text first
    /// refers to them (its title first, written on `title_line`), with a
    /// warning for a reference to no note, for a note nothing refers to
    /// and for a note with no text.
    pub fn number(
        self,
        session: &Session,
        title_line: usize,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<Footnote> {
        let Notes {
            defined, by_label, ..
        } = self;
        let mut defined: Vec<Option<Defined>> = defined.into_iter().map(Some).collect();
        let mut notes = Vec::new();
        // Labels referred to so far: numbered, or told to have no note.
        let mut seen: std::collections::HashSet<&str> = Default::default();
        let source = session.source.as_str();
        let in_title = session.title.notes.iter().map(|l| (l.as_str(), title_line));
        let in_text = texts(session)
            .filter(|(text, _)| footnotes::may_have_references(text))
            .flat_map(|(text, line)| {
                footnotes::references(text)
                    .into_iter()
                    .map(move |r| (r.label, line))
            });
        for (label, line) in in_title.chain(in_text) {
            if !seen.insert(label) {
                continue;
            }
            match by_label.get(label).and_then(|&i| defined[i].take()) {
                Some(d) => notes.push(Footnote {
                    number: notes.len() + 1,
                    label: d.label,
                    text: d.text,
                    line: d.line,
                }),
                None => out.push(Diagnostic::warning(
                    source,
                    Some(line),
                    format!(
                        "footnote `[^{0}]` has no note: write `[^{0}]: …` on a line \
                         of its own; shown as text",
                        label
                    ),
                )),
            }
        }
        for d in defined.into_iter().flatten() {
            out.push(Diagnostic::warning(
                source,
                Some(d.line),
                format!(
                    "footnote `[^{}]` is never referred to in the text; \
                     shown with the other notes at the end of the page",
                    d.label
                ),
            ));
            notes.push(Footnote {
                number: notes.len() + 1,
                label: d.label,
                text: d.text,
                line: d.line,
            });
        }
        for n in notes.iter().filter(|n| n.text.is_empty()) {
            out.push(Diagnostic::warning(
                source,
                Some(n.line),
                format!("footnote `[^{}]` has no text", n.label),
            ));
        }
        notes
    }
}

/// The session's text that may refer to a note, in reading order, each
/// piece with its line.
fn texts(s: &Session) -> impl Iterator<Item = (&str, usize)> {
    let overview = s.overview.iter().map(|p| (p.text.as_str(), p.line));
    let timeline = s.timeline.iter().flat_map(section_texts);
    let extra = s.extra.iter().map(|p| (p.text.as_str(), p.line));
    let note = s.note.iter().map(|p| (p.text.as_str(), p.line));
    overview.chain(timeline).chain(extra).chain(note)
}

fn section_texts(sec: &TimelineSection) -> impl Iterator<Item = (&str, usize)> {
    let heading = sec.heading.as_deref().map(|h| (h, sec.line));
    let entries = sec.entries.iter().flat_map(|e| {
        std::iter::once((e.text.as_str(), e.line))
            .chain(e.points.iter().map(|p| (p.text.as_str(), p.line)))
    });
    heading.into_iter().chain(entries)
}

#[cfg(test)]
mod tests {
    use crate::parse::recap::parse_recap;

    fn notes(text: &str) -> (Vec<(usize, String, String)>, Vec<String>) {
        let parsed = parse_recap("a.md", text);
        let notes = parsed
            .session
            .footnotes
            .iter()
            .map(|n| (n.number, n.label.clone(), n.text.clone()))
            .collect();
        let told = parsed
            .diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.line.unwrap_or(0), d.message))
            .collect();
        (notes, told)
    }

    fn note(number: usize, label: &str, text: &str) -> (usize, String, String) {
        (number, label.to_string(), text.to_string())
    }

    #[test]
    fn a_title_refers_first_and_reads_without_its_references() {
        let text = "# 标题[^t][^无]\n\n## 时间线\n00:00 开场[^a]\n\n[^a]: 甲\n[^t]: 题注\n";
        let parsed = parse_recap("a.md", text);
        assert_eq!(parsed.session.title.full, "标题[^无]");
        assert_eq!(parsed.session.title.notes, ["t"]);
        let (found, told) = notes(text);
        assert_eq!(found, [note(1, "t", "题注"), note(2, "a", "甲")]);
        assert!(told.is_empty(), "{told:?}");
    }

    #[test]
    fn notes_are_numbered_as_the_text_first_refers_to_them() {
        let (found, told) = notes(
            "# 标题\n\n## 时间线\n00:00 开场[^b]\n- 要点[^a]，又见[^b]\n\n\
             [^a]: 甲\n[^b]: 乙\n    接着写\n\tTab 也行\n",
        );
        assert_eq!(
            found,
            [note(1, "b", "乙 接着写 Tab 也行"), note(2, "a", "甲")]
        );
        assert!(told.is_empty(), "{told:?}");
    }

    #[test]
    fn definitions_are_not_text_wherever_they_are_written() {
        let parsed = parse_recap(
            "a.md",
            "# 标题\n\n[^1]: 开头的注\n\n## 会议概述\n概述[^1]。\n\n## 时间线\n00:00 开场\n",
        );
        let s = &parsed.session;
        assert_eq!(s.footnotes.len(), 1);
        assert_eq!(s.overview.len(), 1, "{:?}", s.overview);
        assert!(s.entries().all(|e| !e.text.contains("开头的注")));
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        // In a code block, a definition is code.
        let parsed = parse_recap(
            "a.md",
            "# 标题\n\n## 时间线\n00:00 开场\n```\n[^1]: x\n```\n",
        );
        assert!(parsed.session.footnotes.is_empty());
    }

    #[test]
    fn what_goes_wrong_with_notes_is_told_with_its_line() {
        let (found, told) = notes(
            "# 标题\n\n## 时间线\n00:00 开场[^1][^无]\n\n\
             [^1]: 第一次\n[^1]: 第二次\n[^多余]: 没人引用\n[^空]:\n",
        );
        assert_eq!(
            found,
            [
                note(1, "1", "第一次 第二次"),
                note(2, "多余", "没人引用"),
                note(3, "空", "")
            ]
        );
        let lines: Vec<&str> = told.iter().map(|t| t.split(": ").next().unwrap()).collect();
        assert_eq!(lines, ["7", "4", "8", "9", "9"], "{told:?}");
        assert!(told[0].contains("defined twice (first on line 6)"));
        assert!(told[1].contains("`[^无]` has no note"));
        assert!(told[2].contains("never referred to"));
        assert!(told[4].contains("has no text"));
    }
}
