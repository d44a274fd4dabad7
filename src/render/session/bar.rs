//! The session's proportional timeline bar and its table of contents:
//! where each part starts and ends, in percent of the session.

use super::super::clock::Clock;
use super::super::strings::Strings;
use crate::model::{End, Seconds, Session, TimelineEntry};
use serde::Serialize;

/// One part of the proportional bar, positioned in percent of the session.
#[derive(Serialize)]
pub struct Segment {
    pub href: String,
    pub label: String,
    /// Tooltip: `label · 03:30 – 08:00`.
    pub title: String,
    pub left: String,
    pub width: String,
}

#[derive(Serialize)]
pub struct TocEntry {
    pub href: String,
    pub label: String,
    pub time: String,
    /// On the first entry of each part of the talk, the part's heading,
    /// which the list shows above it.
    pub part: Option<String>,
}

/// The parts the bar shows: the sections when the timeline has at least two
/// headed ones, else the timed entries.
pub(super) fn bar_and_toc(
    s: &Session,
    clock: &Clock,
    strings: &Strings,
) -> (Vec<Segment>, Option<String>, Vec<TocEntry>) {
    struct Part {
        start: Seconds,
        end: Option<End>,
        label: String,
        href: String,
        /// The part of the talk it opens (`第一部分：新功能`).
        opens: Option<String>,
    }
    let headed = s
        .timeline
        .iter()
        .filter(|sec| sec.heading.is_some())
        .count();
    let mut parts: Vec<Part> = Vec::new();
    if headed >= 2 {
        let mut in_part: Option<&str> = None;
        for sec in &s.timeline {
            let first = sec.entries.first();
            let start = sec.start.or_else(|| first.and_then(|e| e.start));
            let (Some(start), Some(first)) = (start, first) else {
                continue;
            };
            let end = sec.end.or_else(|| sec.entries.last().and_then(|e| e.end));
            let label = sec.heading.clone().unwrap_or_else(|| label_of(first));
            let opens = sec.part.as_deref().filter(|&p| in_part != Some(p));
            in_part = sec.part.as_deref();
            parts.push(Part {
                start,
                end,
                label,
                href: ["#", &first.anchor].concat(),
                opens: opens.map(plain),
            });
        }
    } else {
        for e in s.entries() {
            if let Some(start) = e.start {
                parts.push(Part {
                    start,
                    end: e.end,
                    label: label_of(e),
                    href: ["#", &e.anchor].concat(),
                    opens: None,
                });
            }
        }
    }
    let toc = parts
        .iter()
        .map(|p| TocEntry {
            href: p.href.clone(),
            label: plain(&p.label),
            time: clock.format(p.start),
            part: p.opens.clone(),
        })
        .collect();
    let Some(duration) = s.duration().filter(|&d| d > 0) else {
        return (Vec::new(), None, toc);
    };
    // Where each part stops: its own end, else where the next one starts.
    let mut spans: Vec<(Seconds, Seconds)> = Vec::with_capacity(parts.len());
    for (k, p) in parts.iter().enumerate() {
        let next = parts.get(k + 1).map(|n| n.start);
        let end = match p.end {
            Some(End::At(t)) => t,
            Some(End::Close) => duration,
            None => next.unwrap_or(duration),
        };
        spans.push((p.start, end));
    }
    // A last part that starts at the last known time ("21:30 – 结束") has no
    // measurable length; give it the average length so it stays visible.
    let measured: Vec<Seconds> = spans
        .iter()
        .filter(|(a, b)| b > a)
        .map(|(a, b)| b - a)
        .collect();
    let typical = if measured.is_empty() {
        60
    } else {
        measured.iter().sum::<Seconds>() / measured.len() as Seconds
    };
    let mut open_end = false;
    if let Some(last) = spans.last_mut() {
        if last.1 <= last.0 {
            last.1 = last.0 + typical.max(1);
            open_end = true;
        }
    }
    let total = spans
        .iter()
        .map(|&(_, e)| e)
        .max()
        .unwrap_or(duration)
        .max(duration) as f64;
    let bar = parts
        .iter()
        .zip(&spans)
        .filter(|(_, (a, b))| b > a)
        .map(|(p, &(a, b))| {
            let end_label = match p.end {
                Some(End::Close) => strings.get("to_end").to_string(),
                _ => clock.format(b.min(duration.max(a))),
            };
            let label = plain(&p.label);
            let times = format!("{} – {end_label}", clock.format(a));
            Segment {
                href: p.href.clone(),
                title: if label.is_empty() {
                    times
                } else {
                    format!("{label} · {times}")
                },
                label,
                left: format!("{:.3}", a as f64 / total * 100.0),
                width: format!("{:.3}", (b - a) as f64 / total * 100.0),
            }
        })
        .collect();
    let bar_end = if open_end {
        strings.get("to_end").to_string()
    } else {
        clock.format(total as Seconds)
    };
    (bar, Some(bar_end), toc)
}

/// What an entry is called in the bar and the table of contents: its text,
/// else the start of its first point (`- **28:00**` with bullets under it).
fn label_of(e: &TimelineEntry) -> String {
    if !e.text.is_empty() {
        return e.text.clone();
    }
    // Read first, then cut: a cut inside `**…**` would leave its marks.
    let first = e.points.first().map_or("", |p| p.text.as_str());
    super::super::text::clip(&plain(first), POINT_LABEL_CHARS)
}

/// How much of a first point stands in for a missing heading: about one
/// line of the table of contents.
const POINT_LABEL_CHARS: usize = 16;

/// Text for tooltips and lists, as a reader reads it
/// ([`super::text::as_read`]).
fn plain(text: &str) -> String {
    super::super::text::as_read(text).into_owned()
}
