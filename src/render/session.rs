//! The context of one session page (`session.html`): the session's text as
//! safe HTML with its inline links, the timeline with anchors and clock
//! labels, the proportional section bar, and what enrichment found.
//!
//! Views borrow from the [`Site`]; only HTML and labels are built here.

use super::clock::Clock;
use super::strings::Strings;
use super::text::{code_block, linked_text_with, prose_blocks_with, Shows};
use crate::enrich::{EntityRef, KeyNumber, Site, TextKey};
use crate::media::Images;
use crate::model::{time_anchor, Point, Seconds, Session, Title};
use serde::Serialize;
use std::collections::HashSet;

#[derive(Serialize)]
pub struct SessionPage<'a> {
    pub has_code: bool,
    pub session: SessionView<'a>,
    pub info: InfoView<'a>,
    pub prev: Option<SessionLink<'a>>,
    pub next: Option<SessionLink<'a>>,
}

/// A footnote as the session page shows it: the text refers to it as
/// `<sup><a href="#{anchor}">{number}</a></sup>`.
#[derive(Serialize)]
pub struct FootnoteView<'a> {
    pub number: usize,
    pub label: &'a str,
    /// The note's id on the page (`fn-1`).
    pub anchor: String,
    /// The note as HTML (escaped, its web addresses linked).
    pub html: String,
    /// The id of the first reference to it on the page, for the way back
    /// (`fnref-1`); none when the page shows no reference to it.
    pub back: Option<String>,
}

/// A link to a session, as lists and prev/next show it.
#[derive(Serialize)]
pub struct SessionLink<'a> {
    pub url: String,
    pub title: &'a str,
    pub topic: &'a str,
    pub kind: Option<&'a str>,
}

impl<'a> SessionLink<'a> {
    pub fn new(s: &'a Session) -> Self {
        SessionLink {
            url: session_url(s),
            title: &s.title.full,
            topic: &s.title.topic,
            kind: s.title.kind_beside_topic(),
        }
    }
}

pub fn session_url(s: &Session) -> String {
    ["/sessions/", &s.slug, "/"].concat()
}

#[derive(Serialize)]
pub struct SessionView<'a> {
    pub slug: &'a str,
    pub url: String,
    pub source: &'a str,
    pub title: &'a Title,
    /// The title's footnote references, as HTML to follow its topic.
    pub title_notes: String,
    pub speakers: Vec<SpeakerView<'a>>,
    pub duration_s: Option<Seconds>,
    /// In words for the language: `1 小时 35 分钟`.
    pub duration: Option<String>,
    /// Overview paragraphs as HTML (escaped, with inline links).
    pub overview: Vec<String>,
    /// The overview's first sentence, plain text (for meta descriptions).
    pub summary: Option<String>,
    pub key_themes: &'a [String],
    /// The footer's note (`注：…`) as written.
    pub note: Option<&'a str>,
    /// Other paragraphs kept from the recap, as escaped HTML with inline
    /// links.
    pub extra: Vec<String>,
    /// The note as HTML: escaped, with inline links, emphasis and footnote
    /// references.
    pub note_html: Option<String>,
    /// The recap's footnotes, in number order.
    pub footnotes: Vec<FootnoteView<'a>>,
    pub date: Option<String>,
    pub date_iso: Option<&'a str>,
    pub track: Option<&'a str>,
    pub video_url: Option<&'a str>,
    pub entry_count: usize,
    /// The timeline as HTML ([`super::timeline`]).
    pub timeline: String,
    /// The timeline as data, for a theme whose session template loops over
    /// it ([`super::theme::Theme::session_loops_sections`]); `None` for the
    /// others, which print `timeline`: turning it into template values was
    /// most of the cost of a session page's context.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<SectionView<'a>>>,
    /// The proportional bar; empty when the session has no usable times.
    pub bar: Vec<Segment>,
    /// The label at the bar's right end: the duration, or "end" when the
    /// last part runs to an end the recap does not time.
    pub bar_end: Option<String>,
    /// Label of the bar's left end: `00:00`, or the first time of day.
    pub bar_start: String,
    /// The "on this page" list: one item per bar segment, in order.
    pub toc: Vec<TocEntry>,
}

#[derive(Serialize)]
pub struct SpeakerView<'a> {
    pub name: &'a str,
    pub role: Option<&'a str>,
    pub org: Option<&'a str>,
    /// The speaker's page, when enrichment made one.
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SectionView<'a> {
    /// `sec-1`, `sec-2`…
    pub id: String,
    /// The part of the talk the section is in (`第一部分：新功能`), if the
    /// recap groups its sections in parts.
    pub part: Option<&'a str>,
    /// The part's heading as HTML, on the first section of each part only:
    /// where the part's heading goes.
    pub part_html: Option<String>,
    pub heading: Option<&'a str>,
    /// The heading as HTML: its emphasis, code, addresses and footnote
    /// references shown.
    pub heading_html: Option<String>,
    /// `t-…` for the section's start when no entry already carries it.
    pub time_id: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub entries: Vec<EntryView<'a>>,
}

#[derive(Serialize)]
pub struct EntryView<'a> {
    pub anchor: &'a str,
    pub start_s: Option<Seconds>,
    /// Clock label: `01:15`, or `0:01:15` in sessions of an hour or more.
    pub time: Option<String>,
    /// ISO 8601 duration for `<time datetime>`: `PT1M15S`.
    pub datetime: Option<String>,
    pub end: Option<String>,
    /// That moment in the session's video.
    pub video: Option<String>,
    pub text: String,
    /// The entry's text only repeats its section's heading (timelines made
    /// of headed sections, one entry each), so templates may leave it out.
    pub repeats_heading: bool,
    pub points: Vec<PointView>,
}

#[derive(Serialize)]
pub struct PointView {
    pub text: String,
    pub time: Option<String>,
    /// Where a timed bullet's range ends: a clock label or `结束`.
    pub end: Option<String>,
    pub datetime: Option<String>,
    pub time_id: Option<String>,
    pub video: Option<String>,
    /// A paragraph of prose, not a bullet.
    pub prose: bool,
    /// A quoted line, not a bullet.
    pub quote: bool,
    pub children: Vec<PointView>,
}

#[derive(Serialize)]
pub struct InfoView<'a> {
    pub products: &'a [EntityRef],
    pub companies: &'a [EntityRef],
    pub topics: &'a [EntityRef],
    pub speakers: &'a [EntityRef],
    pub related: Vec<SessionLink<'a>>,
    /// The key figures (see [`key_numbers`]), grouped by the sentence they
    /// are in: the timeline shows them all, and a recap that is a table of
    /// figures once made a page of a hundred megabytes.
    pub numbers: Vec<NumberGroup<'a>>,
    /// The other figures, counted, not listed.
    pub hidden_numbers: usize,
    /// Whether any of the above is non-empty.
    pub any: bool,
}

/// Figures said in one sentence, and the sentence (shown once, however
/// many figures it holds).
#[derive(Serialize)]
pub struct NumberGroup<'a> {
    pub figures: Vec<&'a str>,
    pub excerpt: &'a str,
    /// `#t-…` of the moment the sentence was said, if it has one.
    pub href: Option<String>,
}

/// Figures a session page lists as its key numbers: the timeline shows
/// every figure already, so the list is the telling few, not a second copy.
const KEY_NUMBERS: usize = 12;

/// Indices of the key figures, in the order they were said: money, changes
/// and multiples before shares, shares before counts and measures, each
/// kind in the order said; a figure once, however often it is repeated
/// (an overview and its timeline often give the same ones); at most
/// `KEY_NUMBERS` and `cap`.
fn key_numbers(numbers: &[KeyNumber], cap: usize) -> Vec<usize> {
    fn rank(kind: &str) -> u8 {
        match kind {
            "money" => 0,
            "change" => 1,
            "multiple" => 2,
            "percent" => 3,
            "count" => 4,
            _ => 5,
        }
    }
    let mut order: Vec<usize> = (0..numbers.len()).collect();
    order.sort_by_key(|&i| (rank(numbers[i].kind), i));
    let mut seen = HashSet::new();
    let mut key: Vec<usize> = order
        .into_iter()
        .filter(|&i| seen.insert(numbers[i].text.as_str()))
        .take(KEY_NUMBERS.min(cap))
        .collect();
    key.sort_unstable();
    key
}

/// Consecutive figures of the same sentence at the same moment, together.
fn group_numbers<'a>(numbers: &[&'a KeyNumber]) -> Vec<NumberGroup<'a>> {
    numbers
        .chunk_by(|a, b| a.said_with(b))
        .map(|said| NumberGroup {
            figures: said.iter().map(|n| n.text.as_str()).collect(),
            excerpt: &said[0].excerpt,
            href: said[0].anchor.as_ref().map(|a| ["#", a].concat()),
        })
        .collect()
}

/// The context of session `i`'s page; with `keep_sections`, the timeline
/// as data beside its HTML.
pub fn page<'a>(
    site: &'a Site,
    i: usize,
    strings: &Strings,
    keep_sections: bool,
) -> SessionPage<'a> {
    let s = &site.sessions[i];
    let clock = Clock::for_session(s);
    let duration_s = s.duration();
    let info = site.info.get(i);
    let speakers = s
        .speakers
        .iter()
        .map(|sp| SpeakerView {
            name: &sp.name,
            role: sp.role.as_deref(),
            org: sp.org.as_deref(),
            url: info
                .and_then(|inf| inf.speakers.iter().find(|e| e.name == sp.name))
                .map(|e| e.url.as_str()),
        })
        .collect();
    let links = |key: TextKey| site.links_at(key);
    let shows = Shows::new(Images::of(site, s), &s.footnotes);
    // First: the page shows the title first.
    let mut title_notes = String::new();
    for number in s.title.notes.iter().filter_map(|l| shows.footnote(l)) {
        super::text::note_reference(&mut title_notes, number, &shows);
    }
    let overview = s
        .overview
        .iter()
        .enumerate()
        .map(|(p, para)| {
            prose_blocks_with(
                &para.text,
                links(TextKey::Overview {
                    session: i,
                    paragraph: p,
                }),
                &shows,
            )
        })
        .collect();
    let mut used: HashSet<String> = s.entries().map(|e| e.anchor.clone()).collect();
    let video = |t: Seconds| s.video_url.as_deref().map(|u| video_at(u, t));
    // The first entry's index of each section, for `TextKey`.
    let first_entry: Vec<usize> = s
        .timeline
        .iter()
        .scan(0, |n, sec| {
            let first = *n;
            *n += sec.entries.len();
            Some(first)
        })
        .collect();
    let timeline_data = s
        .timeline
        .iter()
        .enumerate()
        .map(|(si, sec)| {
            let time_id = sec
                .start
                .map(time_anchor)
                .filter(|a| used.insert(a.clone()));
            let entries = sec
                .entries
                .iter()
                .enumerate()
                .map(|(ei, e)| {
                    let entry = first_entry[si] + ei;
                    let points = e
                        .points
                        .iter()
                        .enumerate()
                        .map(|(j, p)| {
                            let key = TextKey::Point {
                                session: i,
                                entry,
                                point: j,
                            };
                            let time_id =
                                p.time.map(time_anchor).filter(|a| used.insert(a.clone()));
                            let html = code_block(&p.text).unwrap_or_else(|| {
                                let html = linked_text_with(&p.text, links(key), &shows);
                                // A paragraph that starts `a. ` is no list.
                                if p.prose {
                                    html
                                } else {
                                    super::timeline::ordinal_marked(html)
                                }
                            });
                            (p, html, time_id)
                        })
                        .collect::<Vec<_>>();
                    EntryView {
                        anchor: &e.anchor,
                        start_s: e.start,
                        time: e.start.map(|t| clock.format(t)),
                        datetime: e.start.map(|t| clock.datetime(t)),
                        end: e.end.map(|end| clock.end(end, strings)),
                        video: e.start.and_then(video),
                        text: linked_text_with(
                            &e.text,
                            links(TextKey::Entry { session: i, entry }),
                            &shows,
                        ),
                        repeats_heading: sec.heading.as_deref() == Some(e.text.as_str()),
                        points: point_tree(points, &clock, &video, strings),
                    }
                })
                .collect();
            let opens_part = sec.part.is_some() && (si == 0 || s.timeline[si - 1].part != sec.part);
            SectionView {
                id: format!("sec-{}", si + 1),
                part: sec.part.as_deref(),
                part_html: sec
                    .part
                    .as_deref()
                    .filter(|_| opens_part)
                    .map(|h| linked_text_with(h, &[], &shows)),
                heading: sec.heading.as_deref(),
                heading_html: sec
                    .heading
                    .as_deref()
                    .map(|h| linked_text_with(h, &[], &shows)),
                time_id,
                start: sec.start.map(|t| clock.format(t)),
                end: sec.end.map(|end| clock.end(end, strings)),
                entries,
            }
        })
        .collect::<Vec<_>>();
    let timeline = super::timeline::timeline_html(&timeline_data, strings.get("watch_at"));
    let (bar, bar_end, toc) = bar_and_toc(s, &clock, strings);
    let related = info
        .map(|inf| {
            inf.related
                .iter()
                .filter_map(|&r| site.sessions.get(r))
                .map(|s| SessionLink::new(s))
                .collect()
        })
        .unwrap_or_default();
    let all_numbers = info.map_or(&[][..], |x| &x.numbers[..]);
    let key = key_numbers(all_numbers, site.config.max_mentions_per_page);
    let hidden_numbers = all_numbers.len() - key.len();
    let key: Vec<&KeyNumber> = key.into_iter().map(|i| &all_numbers[i]).collect();
    let numbers = group_numbers(&key);
    const NONE: &[EntityRef] = &[];
    let info_view = InfoView {
        products: info.map_or(NONE, |x| &x.products),
        companies: info.map_or(NONE, |x| &x.companies),
        topics: info.map_or(NONE, |x| &x.topics),
        speakers: info.map_or(NONE, |x| &x.speakers),
        any: info.is_some_and(|x| {
            !(x.products.is_empty()
                && x.companies.is_empty()
                && x.topics.is_empty()
                && x.related.is_empty())
        }) || !numbers.is_empty(),
        related,
        numbers,
        hidden_numbers,
    };
    SessionPage {
        has_code: s.has_code(),
        session: SessionView {
            slug: &s.slug,
            url: session_url(s),
            source: &s.source,
            title: &s.title,
            title_notes,
            speakers,
            duration_s,
            duration: duration_s.map(|d| strings.duration(d)),
            overview,
            summary: s
                .lead_paragraph()
                .map(|p| super::pages::first_sentence(&p.text, 150)),
            key_themes: &s.key_themes,
            note: s.note.as_ref().map(|n| n.text.as_str()),
            // In the order the page shows them, for the first reference to
            // each note.
            extra: s
                .extra
                .iter()
                .enumerate()
                .map(|(p, x)| {
                    let key = TextKey::Extra {
                        session: i,
                        paragraph: p,
                    };
                    prose_blocks_with(&x.text, links(key), &shows)
                })
                .collect(),
            note_html: s
                .note
                .as_ref()
                .map(|n| linked_text_with(&n.text, links(TextKey::Note { session: i }), &shows)),
            footnotes: s
                .footnotes
                .iter()
                .enumerate()
                .map(|(k, n)| FootnoteView {
                    number: n.number,
                    label: &n.label,
                    anchor: crate::footnotes::anchor(n.number),
                    html: linked_text_with(
                        &n.text,
                        links(TextKey::Footnote {
                            session: i,
                            note: k,
                        }),
                        &shows,
                    ),
                    back: shows
                        .referred(n.number)
                        .then(|| crate::footnotes::ref_anchor(n.number)),
                })
                .collect(),
            date: s.date.as_deref().map(|d| strings.date(d)),
            date_iso: s.date.as_deref().and_then(super::strings::iso_date),
            track: s.track.as_deref(),
            video_url: s.video_url.as_deref(),
            entry_count: s.entries().count(),
            timeline,
            sections: keep_sections.then_some(timeline_data),
            bar,
            bar_end,
            bar_start: clock.format(0),
            toc,
        },
        info: info_view,
        prev: i
            .checked_sub(1)
            .map(|p| SessionLink::new(&site.sessions[p])),
        next: site.sessions.get(i + 1).map(|s| SessionLink::new(s)),
    }
}

/// Nest flat points by depth. A point deeper than the one before it
/// becomes its child, however many levels it skips.
fn point_tree(
    points: Vec<(&Point, String, Option<String>)>,
    clock: &Clock,
    video: &dyn Fn(Seconds) -> Option<String>,
    strings: &Strings,
) -> Vec<PointView> {
    // Stack of (depth, view) still open; closed ones are folded into their parent.
    let mut roots: Vec<PointView> = Vec::new();
    let mut stack: Vec<(usize, PointView)> = Vec::new();
    let fold = |stack: &mut Vec<(usize, PointView)>, roots: &mut Vec<PointView>| {
        let (_, done) = stack.pop().expect("non-empty stack");
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(done),
            None => roots.push(done),
        }
    };
    for (p, text, time_id) in points {
        while stack.last().is_some_and(|(d, _)| *d >= p.depth) {
            fold(&mut stack, &mut roots);
        }
        stack.push((
            p.depth,
            PointView {
                text,
                time: p.time.map(|t| clock.format(t)),
                end: p.time.and(p.end).map(|end| clock.end(end, strings)),
                datetime: p.time.map(|t| clock.datetime(t)),
                time_id,
                video: p.time.and_then(video),
                prose: p.prose,
                quote: p.quote,
                children: Vec::new(),
            },
        ));
    }
    while !stack.is_empty() {
        fold(&mut stack, &mut roots);
    }
    roots
}

/// The URL of second `t` of a video: YouTube's `t` parameter, else a media
/// fragment (`#t=75`), which browsers honour for direct video files.
pub fn video_at(url: &str, t: Seconds) -> String {
    let base = url.split('#').next().unwrap_or(url);
    let host = base
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split(['/', '?']).next())
        .unwrap_or("")
        .trim_start_matches("www.")
        .trim_start_matches("m.");
    let sep = if base.contains('?') { '&' } else { '?' };
    match host {
        "youtube.com" => format!("{base}{sep}t={t}s"),
        "youtu.be" => format!("{base}{sep}t={t}"),
        _ => format!("{base}#t={t}"),
    }
}

mod bar;
use bar::bar_and_toc;
pub use bar::{Segment, TocEntry};

#[cfg(test)]
mod page_tests;
#[cfg(test)]
mod tests;
