//! Well-nested inline HTML: what is open (a link, then the styles) and
//! how to get from that to what the next piece of text wants.

use super::escape;
use crate::emphasis::Style;
use crate::enrich::Link;
use std::fmt::Write;

/// An element open in the HTML being written.
#[derive(Clone, Copy)]
pub(super) enum Open<'l> {
    Link(&'l Link),
    Style(Style),
}

impl Open<'_> {
    fn same(self, other: Open) -> bool {
        match (self, other) {
            (Open::Link(a), Open::Link(b)) => std::ptr::eq(a, b),
            (Open::Style(a), Open::Style(b)) => a == b,
            _ => false,
        }
    }
}

/// Make `open` (what `out` has open) `wanted`: keep what both start with,
/// close the rest from the inside out, open what is missing. A style
/// closed with nothing in it is taken back (bold that starts where a link
/// does is reopened inside the link), so the output is always well nested
/// and has no empty elements.
pub(super) fn reopen<'l>(
    out: &mut String,
    open: &mut Vec<Open<'l>>,
    wanted: impl Iterator<Item = Open<'l>> + Clone,
    text: &str,
) {
    let keep = open
        .iter()
        .zip(wanted.clone())
        .take_while(|(a, b)| a.same(*b))
        .count();
    if keep == open.len() && wanted.clone().count() == keep {
        return;
    }
    for o in open.drain(keep..).rev() {
        match o {
            Open::Link(_) => out.push_str("</a>"),
            Open::Style(s) => {
                let (start, end) = style_tags(s);
                match out.strip_suffix(start) {
                    Some(rest) => out.truncate(rest.len()),
                    None => out.push_str(end),
                }
            }
        }
    }
    for o in wanted.skip(keep) {
        match o {
            // A title that only repeats the link's text is noise to a
            // reader (and a tenth of a session page's bytes).
            Open::Link(l) if l.title.is_empty() || text.get(l.start..l.end) == Some(&*l.title) => {
                let _ = write!(out, "<a href=\"{}\">", escape(&l.url));
            }
            Open::Link(l) => {
                let _ = write!(
                    out,
                    "<a href=\"{}\" title=\"{}\">",
                    escape(&l.url),
                    escape(&l.title)
                );
            }
            Open::Style(s) => out.push_str(style_tags(s).0),
        }
        open.push(o);
    }
}

fn style_tags(style: Style) -> (&'static str, &'static str) {
    match style {
        Style::Strong => ("<strong>", "</strong>"),
        Style::Emphasis => ("<em>", "</em>"),
        Style::Strike => ("<del>", "</del>"),
        Style::Highlight => ("<mark>", "</mark>"),
    }
}
