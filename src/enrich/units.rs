//! A session as a list of text units: every piece of prose with where it
//! is (line, timeline anchor, story) and how the renderer addresses it.
//!
//! A *story* is what "the same section" means for cross-links and
//! co-mentions: the title and overview together, each headed timeline
//! section, each entry of a flat (headless) timeline, the footer, and
//! each footnote.

use super::speakers::FoundSpeaker;
use super::TextKey;
use crate::model::{is_code_block, Point, Session};
use crate::parse::{as_written, simplified};
use arcstr::ArcStr;
use std::borrow::Cow;

/// The id of the session page's footer note (`注：…`), which mentions in
/// it link to.
pub const NOTE_ANCHOR: &str = "note";
/// The id of the parts the parser has no slot for, on the session page.
pub const EXTRA_ANCHOR: &str = "more";

#[derive(Debug, Clone)]
pub struct Unit<'a> {
    /// The text as matchers read it: web addresses blanked out (see
    /// [`crate::urls::mask`]) and traditional characters in their
    /// simplified forms (as the parser reads its labels), offsets the
    /// same as in `shown`.
    pub text: Cow<'a, str>,
    /// The text as written, for excerpts.
    pub shown: &'a str,
    pub line: usize,
    pub place: Place,
    /// Where the renderer shows it, for inline links; `None` for text that
    /// is not rendered as linkable prose (title, headings, key themes).
    pub key: Option<TextKey>,
    pub story: usize,
    /// The timeline anchor the text belongs to.
    pub anchor: Option<ArcStr>,
    /// The section label for mentions: heading, or entry text when flat.
    pub section: Option<&'a str>,
    /// What a text that ends with a colon goes on with: the first point
    /// under it (`发布 Amazon Ledger Hub：`, then `- 内置护栏…`).
    pub then: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Title,
    Overview,
    Heading,
    Entry,
    /// A bullet, with its depth.
    Point(usize),
    /// Key themes and the note.
    Footer,
    /// Parts the parser has no slot for (`## 讲者介绍`, `## 总结`): read
    /// as the footer is, and for speakers too.
    Extra,
    /// A footnote (`[^1]: 数据来自官方博客`).
    Footnote,
}

/// The text as matchers read it: web addresses blanked out (see
/// [`crate::urls::mask`]), and spans of inline code that are no name
/// (`aws s3 cp`, `--dry-run`: a command's words are not mentions, nor its
/// numbers key figures), byte for byte. Code that is a name, starting
/// with a capital letter or a Chinese character (`Amazon S3`), stays.
fn masked(text: &str) -> Cow<'_, str> {
    let text = crate::urls::mask(text);
    let code = crate::inline_code::spans(&text);
    let is_name = |c: &crate::inline_code::CodeSpan| {
        text[c.code.clone()]
            .chars()
            .next()
            .is_some_and(|f| f.is_uppercase() || crate::search::is_cjk(f))
    };
    if code.iter().all(is_name) {
        return text;
    }
    let mut bytes = text.as_bytes().to_vec();
    for c in code.iter().filter(|c| !is_name(c)) {
        bytes[c.whole.clone()].fill(b'|');
    }
    Cow::Owned(String::from_utf8(bytes).expect("whole characters replaced keep UTF-8 valid"))
}

/// The text as matchers read it: [`masked`], in simplified characters.
fn matched(text: &str) -> Cow<'_, str> {
    match masked(text) {
        Cow::Borrowed(t) => simplified(t),
        Cow::Owned(t) => {
            let simple = match simplified(&t) {
                Cow::Owned(s) => Some(s),
                Cow::Borrowed(_) => None,
            };
            Cow::Owned(simple.unwrap_or(t))
        }
    }
}

impl Unit<'_> {
    /// `part`, found at byte `at` of `text`, with the traditional
    /// characters written there: what matchers found, as readers see it.
    pub fn written(&self, part: String, at: usize) -> String {
        // Borrowed: the text is the one shown, character for character
        // (every unit of a simplified recap; this runs for each figure).
        if matches!(self.text, Cow::Borrowed(_)) {
            return part;
        }
        match as_written(&part, at, self.shown) {
            Cow::Owned(restored) => restored,
            Cow::Borrowed(_) => part,
        }
    }

    /// [`Unit::written`] of a part whose place is not known, as written
    /// where `text` first has it.
    pub fn written_anywhere(&self, part: String) -> String {
        if matches!(self.text, Cow::Borrowed(_)) {
            return part;
        }
        match self.text.find(&part) {
            Some(at) => self.written(part, at),
            None => part,
        }
    }

    /// A speaker found in `text`, named as written.
    pub fn written_speaker(&self, mut found: FoundSpeaker) -> FoundSpeaker {
        let s = &mut found.speaker;
        s.name = self.written_anywhere(std::mem::take(&mut s.name));
        s.role = s.role.take().map(|r| self.written_anywhere(r));
        s.org = s.org.take().map(|o| self.written_anywhere(o));
        found
    }
}

pub fn units(index: usize, s: &Session) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    out.push(unit(&s.title.full, 1, Place::Title, 0));
    for (p, para) in s.overview.iter().enumerate() {
        // Code is shown as written; names and figures in it are not read.
        if is_code_block(&para.text) {
            continue;
        }
        out.push(Unit {
            key: Some(TextKey::Overview {
                session: index,
                paragraph: p,
            }),
            ..unit(&para.text, para.line, Place::Overview, 0)
        });
    }
    let mut story = 0;
    let mut entry = 0;
    for sec in &s.timeline {
        let headed = sec.heading.is_some();
        if headed {
            story += 1;
        }
        let first_anchor: Option<ArcStr> =
            sec.entries.first().map(|e| ArcStr::from(e.anchor.as_str()));
        if let Some(h) = &sec.heading {
            out.push(Unit {
                anchor: first_anchor.clone(),
                section: Some(h),
                ..unit(h, sec.line, Place::Heading, story)
            });
        }
        for e in &sec.entries {
            if !headed {
                story += 1;
            }
            let anchor: ArcStr = ArcStr::from(e.anchor.as_str());
            let section = sec.heading.as_deref().or(Some(e.text.as_str()));
            // An entry named after its heading (`### 标题` + `[00:00 - 05:30]`)
            // says nothing the heading did not: one mention, not two.
            let repeats_heading = sec.heading.as_deref() == Some(e.text.as_str());
            out.extend((!repeats_heading).then(|| Unit {
                key: Some(TextKey::Entry {
                    session: index,
                    entry,
                }),
                anchor: Some(anchor.clone()),
                section,
                then: goes_on(&e.text, e.points.first()),
                ..unit(&e.text, e.line, Place::Entry, story)
            }));
            for (j, p) in e.points.iter().enumerate() {
                if is_code_block(&p.text) {
                    continue;
                }
                let under = e.points.get(j + 1).filter(|next| next.depth > p.depth);
                out.push(Unit {
                    key: Some(TextKey::Point {
                        session: index,
                        entry,
                        point: j,
                    }),
                    anchor: Some(anchor.clone()),
                    section,
                    then: goes_on(&p.text, under),
                    ..unit(&p.text, p.line, Place::Point(p.depth), story)
                });
            }
            entry += 1;
        }
    }
    story += 1;
    let footer_line = s
        .timeline
        .iter()
        .flat_map(|t| t.entries.iter())
        .flat_map(|e| std::iter::once(e.line).chain(e.points.iter().map(|p| p.line)))
        .max()
        .unwrap_or(1);
    for t in &s.key_themes {
        out.push(unit(t, footer_line, Place::Footer, story));
    }
    // In the order the page shows them.
    let extra_anchor = ArcStr::from(EXTRA_ANCHOR);
    for (p, x) in s.extra.iter().enumerate() {
        if is_code_block(&x.text) {
            continue;
        }
        out.push(Unit {
            key: Some(TextKey::Extra {
                session: index,
                paragraph: p,
            }),
            anchor: Some(extra_anchor.clone()),
            ..unit(&x.text, x.line, Place::Extra, story)
        });
    }
    if let Some(n) = &s.note {
        out.push(Unit {
            key: Some(TextKey::Note { session: index }),
            anchor: Some(ArcStr::from(NOTE_ANCHOR)),
            ..unit(&n.text, n.line, Place::Footer, story)
        });
    }
    // Each note is a place of its own, which its mentions link to.
    for (k, n) in s.footnotes.iter().enumerate() {
        story += 1;
        out.push(Unit {
            key: Some(TextKey::Footnote {
                session: index,
                note: k,
            }),
            anchor: Some(ArcStr::from(crate::footnotes::anchor(n.number))),
            ..unit(&n.text, n.line, Place::Footnote, story)
        });
    }
    out
}

/// A unit of `text` with no link key, anchor, section or text after it.
fn unit(text: &str, line: usize, place: Place, story: usize) -> Unit<'_> {
    Unit {
        text: matched(text),
        shown: text,
        line,
        place,
        key: None,
        story,
        anchor: None,
        section: None,
        then: None,
    }
}

/// The point `next` under `text` when `text` ends with the colon that
/// introduces it (`发布 **Amazon Ledger Hub**：`, then `- 内置护栏…`).
fn goes_on<'a>(text: &str, next: Option<&'a Point>) -> Option<&'a str> {
    next.filter(|_| text.trim_end().ends_with(['：', ':']))
        .map(|p| p.text.as_str())
}
