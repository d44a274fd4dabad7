//! A session's timeline as HTML, written by recap rather than by the theme.
//!
//! The timeline is most of a session page: on a 10,000-session site its
//! markup, looped over in tera, cost a tenth of the build, most of it
//! turning every entry and bullet into template values and looking their
//! fields up again. Like a Markdown page's body in Zola or mdBook, it is
//! now content the engine renders and the theme places
//! (`{{ session.timeline | safe }}`) and styles (the classes below, listed
//! in the theme README). A theme that wants markup of its own loops over
//! `session.sections`, which it is given when its session template mentions
//! them ([`super::theme::Theme::session_loops_sections`]).
//!
//! The markup is what the default theme's template loop wrote, byte for
//! byte, with the `points` macro its `macros.html` keeps for themes that
//! loop; `tests::same_as_the_template_loop` renders both.

use super::session::{EntryView, PointView, SectionView};
use super::text::escape_into;

/// The sections of a timeline, each with its entries and their bullets.
/// `watch_at` labels the links into the session's video.
pub fn timeline_html(sections: &[SectionView], watch_at: &str) -> String {
    let mut out = String::with_capacity(sections_bytes(sections));
    for sec in sections {
        section(&mut out, sec, watch_at);
    }
    out
}

/// A guess at the HTML's size, so the string is allocated once.
fn sections_bytes(sections: &[SectionView]) -> usize {
    fn points(ps: &[PointView]) -> usize {
        ps.iter()
            .map(|p| 40 + p.text.len() + points(&p.children))
            .sum()
    }
    sections
        .iter()
        .map(|s| {
            200 + s
                .entries
                .iter()
                .map(|e| 260 + e.text.len() + points(&e.points))
                .sum::<usize>()
        })
        .sum()
}

/// A template's truth: an absent or empty value is false.
fn given(value: Option<&str>) -> Option<&str> {
    value.filter(|v| !v.is_empty())
}

fn section(out: &mut String, sec: &SectionView, watch_at: &str) {
    let heading = given(sec.heading);
    let tag = if heading.is_some() { "section" } else { "div" };
    if let Some(part) = given(sec.part_html.as_deref()) {
        out.push_str("\n<h3 class=\"tl-part-title\" id=\"");
        escape_into(out, &sec.id);
        out.push_str("-part\">");
        out.push_str(part);
        out.push_str("</h3>");
    }
    // A section in a part is headed one level below the part.
    let level = if given(sec.part).is_some() {
        "h4"
    } else {
        "h3"
    };
    out.push_str("\n<");
    out.push_str(tag);
    out.push_str(" class=\"tl-section\" id=\"");
    escape_into(out, &sec.id);
    out.push('"');
    if heading.is_some() {
        out.push_str(" aria-labelledby=\"");
        escape_into(out, &sec.id);
        out.push_str("-h\"");
    }
    out.push('>');
    let time_id = given(sec.time_id.as_deref());
    if heading.is_some() {
        out.push_str("\n<");
        out.push_str(level);
        out.push_str(" class=\"tl-section-title\" id=\"");
        escape_into(out, &sec.id);
        out.push_str("-h\"><span");
        if let Some(id) = time_id {
            attribute(out, "id", id);
        }
        out.push('>');
        out.push_str(sec.heading_html.as_deref().unwrap_or_default());
        out.push_str("</span>");
        if let Some(start) = given(sec.start.as_deref()) {
            out.push_str(" <span class=\"tl-range\">");
            escape_into(out, start);
            if let Some(end) = given(sec.end.as_deref()) {
                out.push_str(" – ");
                escape_into(out, end);
            }
            out.push_str("</span>");
        }
        out.push_str("</");
        out.push_str(level);
        out.push('>');
    } else if let Some(id) = time_id {
        out.push_str("\n<span");
        attribute(out, "id", id);
        out.push_str("></span>");
    }
    out.push_str("\n<ol class=\"tl-entries\">");
    for e in &sec.entries {
        entry(out, e, watch_at);
    }
    out.push_str("\n</ol>\n</");
    out.push_str(tag);
    out.push('>');
}

fn entry(out: &mut String, e: &EntryView, watch_at: &str) {
    out.push_str("\n<li class=\"tl-entry\"");
    attribute(out, "id", e.anchor);
    out.push_str(">\n<div class=\"tl-time\">");
    if let Some(time) = given(e.time.as_deref()) {
        out.push_str("\n<a class=\"tl-time-link\" href=\"#");
        escape_into(out, e.anchor);
        out.push_str("\"><time");
        attribute(out, "datetime", e.datetime.as_deref().unwrap_or(""));
        out.push('>');
        escape_into(out, time);
        out.push_str("</time></a>");
        if let Some(end) = given(e.end.as_deref()) {
            end_label(out, end);
        }
        if let Some(video) = given(e.video.as_deref()) {
            video_link(out, video, watch_at, time);
            out.push_str(" title=\"");
            escape_into(out, watch_at);
            out.push_str("\">▶</a>");
        }
    }
    out.push_str("\n</div>\n<div class=\"tl-body\">");
    // `05:00 - 结束` alone: the time column says it all.
    if !e.repeats_heading && !e.text.is_empty() {
        out.push_str("\n<p class=\"tl-text");
        if e.points.is_empty() {
            out.push_str(" tl-text-only");
        }
        out.push_str("\">");
        out.push_str(&e.text);
        out.push_str("</p>");
    }
    if !e.points.is_empty() {
        points(out, &e.points, watch_at);
    }
    out.push_str("\n</div>\n</li>");
}

fn points(out: &mut String, points: &[PointView], watch_at: &str) {
    out.push_str("\n<ul class=\"tl-points\">");
    for p in points {
        out.push_str("\n<li");
        let time_id = given(p.time_id.as_deref());
        if let Some(id) = time_id {
            attribute(out, "id", id);
        }
        if p.prose {
            out.push_str(" class=\"tl-prose\"");
        } else if p.quote {
            out.push_str(" class=\"tl-quote\"");
        }
        out.push('>');
        if let Some(time) = given(p.time.as_deref()) {
            match time_id {
                Some(id) => {
                    out.push_str("<a class=\"tl-point-time\" href=\"#");
                    escape_into(out, id);
                    out.push_str("\">");
                }
                None => out.push_str("<span class=\"tl-point-time\">"),
            }
            out.push_str("<time");
            attribute(out, "datetime", p.datetime.as_deref().unwrap_or(""));
            out.push('>');
            escape_into(out, time);
            out.push_str("</time>");
            out.push_str(if time_id.is_some() { "</a>" } else { "</span>" });
            if let Some(end) = given(p.end.as_deref()) {
                end_label(out, end);
            }
            if let Some(video) = given(p.video.as_deref()) {
                out.push(' ');
                video_link(out, video, watch_at, time);
                out.push_str(">▶</a>");
            }
            out.push(' ');
        }
        out.push_str(&p.text);
        if !p.children.is_empty() {
            self::points(out, &p.children, watch_at);
        }
        out.push_str("</li>");
    }
    out.push_str("\n</ul>\n");
}

/// `<span class="tl-end">– 05:00</span>`, the dash hidden from screen
/// readers (they read the two times).
fn end_label(out: &mut String, end: &str) {
    out.push_str("<span class=\"tl-end\"><span aria-hidden=\"true\">–</span> ");
    escape_into(out, end);
    out.push_str("</span>");
}

/// ` name="value"`, the value escaped.
fn attribute(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    escape_into(out, value);
    out.push('"');
}

/// `<a class="tl-video" href="…" aria-label="… 01:15"`, left open for the
/// caller's other attributes.
fn video_link(out: &mut String, video: &str, watch_at: &str, time: &str) {
    out.push_str("<a class=\"tl-video\"");
    attribute(out, "href", video);
    out.push_str(" aria-label=\"");
    escape_into(out, watch_at);
    out.push(' ');
    escape_into(out, time);
    out.push('"');
}

/// A numbered bullet (`1. 讲者回顾了…`, `2、…`, `a) …`, which the parser
/// writes `1. `, `2. ` and `a. `) with its number in `<span
/// class="tl-ordinal">`, so the theme shows the number in the bullet's
/// place rather than both.
pub(super) fn ordinal_marked(html: String) -> String {
    let b = html.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let len = match digits {
        0 if b.first().is_some_and(u8::is_ascii_lowercase) => 1,
        1..=3 => digits,
        _ => return html,
    };
    if !html[len..].starts_with(". ") {
        return html;
    }
    let (number, rest) = html.split_at(len + 1);
    format!("<span class=\"tl-ordinal\">{number}</span>{rest}")
}

#[cfg(test)]
mod tests;
