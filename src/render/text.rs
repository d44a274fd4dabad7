//! Recap text → safe HTML.
//!
//! Recap text is plain text that may carry emphasis and the marks of other
//! note tools ([`crate::emphasis`], [`crate::task_list`], [`crate::pasted`])
//! and, from enrichment, links over byte ranges. Everything else is escaped here, which is where
//! the site's XSS safety lives: a `<script>` in a recap is shown as text.

use crate::emphasis::Style;
use crate::enrich::Link;
use crate::media::Images;
use crate::task_list::TASK_BOX;
use std::fmt::Write;

/// Recap text as a reader sees it, for summaries, descriptions, feeds and
/// search: an image as its alt text, code without its backticks, a link
/// as its label (an address in `<…>` without them), no emphasis markers,
/// no task list box, a wiki link as its name and no `<br>`.
pub fn as_read(text: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let text = crate::task_list::without_task_box(text);
    let text = crate::shown::read_through(text, &crate::shown::READINGS);
    match crate::emphasis::without_marks(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(t) => Cow::Owned(t),
    }
}

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// [`escape`] appended to `out`. Runs of text with nothing to escape are
/// found eight bytes at a time and copied whole: every page goes through
/// here, much of it Chinese text.
pub fn escape_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut i = next_special(bytes, 0);
    while i < bytes.len() {
        let entity = match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        // `i` is a char boundary: the bytes escaped are ASCII.
        out.push_str(&text[copied..i]);
        out.push_str(entity);
        copied = i + 1;
        i = next_special(bytes, copied);
    }
    out.push_str(&text[copied..]);
}

fn is_special(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
}

/// The first byte from `from` on that [`escape_into`] replaces, or the
/// length of `bytes`.
fn next_special(bytes: &[u8], from: usize) -> usize {
    use crate::bytescan::{equal, find};
    let flags =
        |w| equal(w, b'&') | equal(w, b'<') | equal(w, b'>') | equal(w, b'"') | equal(w, b'\'');
    find(bytes, from, flags, is_special)
}

/// `text` cut to at most `max` characters, the last of them `…` when
/// anything was cut: for labels that must stay one short line.
pub fn clip(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) => {
            let keep = text
                .char_indices()
                .nth(max.saturating_sub(1))
                .map_or(0, |(i, _)| i);
            format!("{}…", &text[..keep])
        }
    }
}

/// Link targets we are willing to put into `href`: site paths, fragments,
/// web URLs and email addresses. Anything else (`javascript:`, `data:`)
/// stays plain text.
fn is_safe_url(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
        || url.starts_with('#')
        || url.starts_with("https://")
        || url.starts_with("http://")
        || url.starts_with("mailto:")
}

/// A paragraph of a recap's prose as HTML blocks: runs of list lines
/// (`- …`, `1. …`) become `<ul>` / `<ol>`, table rows (`| a | b |`) a
/// `<table>` (a row above `|---|` is its header), `## 标题` an `<h3>`,
/// `> 引语` a `<blockquote>`,
/// other lines a `<p>`
/// with a `<br>` where the note-taker broke the line (a bare line break
/// would show as a space between Chinese characters). Text as
/// [`linked_text`].
pub fn prose_blocks(text: &str, links: &[Link]) -> String {
    prose_blocks_with(text, links, &Shows::default())
}

/// [`prose_blocks`] with what a session `shows`.
pub fn prose_blocks_with(text: &str, links: &[Link], shows: &Shows) -> String {
    use crate::parse::shapes;
    if let Some(html) = code_block(text) {
        return html;
    }
    if !text.contains('\n') && !text.starts_with(['|', '#', '>']) && shapes::bullet(text).is_none()
    {
        return format!("<p>{}</p>", linked_text_with(text, links, shows));
    }
    #[derive(PartialEq, Clone, Copy)]
    enum Block {
        Para,
        Bullets,
        Numbered,
        Table,
        Quote,
    }
    let close = |out: &mut String, b: Block| {
        out.push_str(match b {
            Block::Para => "</p>",
            Block::Bullets => "</li></ul>",
            Block::Numbered => "</li></ol>",
            Block::Table => "</table></div>",
            Block::Quote => "</p></blockquote>",
        })
    };
    // Where `part` (a slice of `text`) starts in it.
    let offset = |part: &str| part.as_ptr() as usize - text.as_ptr() as usize;
    let linked = |part: &str| {
        let (from, to) = (offset(part), offset(part) + part.len());
        linked_text_with(part, &shifted(links, from, to), shows)
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let rows: Vec<Option<Vec<&str>>> = lines.iter().map(|l| shapes::table_row(l.trim())).collect();
    let is_rule = |k: usize| {
        rows.get(k)
            .and_then(Option::as_ref)
            .is_some_and(|c| shapes::is_table_rule(c))
    };
    let mut out = String::with_capacity(text.len() + 64);
    let mut open: Option<Block> = None;
    for (k, line) in lines.into_iter().enumerate() {
        if let Some(cells) = &rows[k] {
            if is_rule(k) && open == Some(Block::Table) {
                continue;
            }
            if !is_rule(k) {
                if open != Some(Block::Table) {
                    if let Some(b) = open {
                        close(&mut out, b);
                    }
                    out.push_str("<div class=\"table-wrap\"><table>");
                    open = Some(Block::Table);
                }
                let cell_tag = if is_rule(k + 1) { "th" } else { "td" };
                out.push_str("<tr>");
                for cell in cells {
                    let _ = write!(out, "<{cell_tag}>{}</{cell_tag}>", linked(cell));
                }
                out.push_str("</tr>");
                continue;
            }
        }
        if let Some(h) = heading_line(line) {
            if let Some(b) = open.take() {
                close(&mut out, b);
            }
            let _ = write!(out, "<h3>{}</h3>", linked(h));
            continue;
        }
        let (kind, body) = match shapes::bullet(line) {
            Some(b) if b.ordinal.is_some() => (Block::Numbered, b.text),
            Some(b) => (Block::Bullets, b.text),
            None => match line.trim_start().strip_prefix('>') {
                Some(quoted) => (Block::Quote, quoted.trim_start()),
                None => (Block::Para, line.trim_start()),
            },
        };
        let html = linked(body.trim_end());
        match (open, kind) {
            (Some(Block::Para), Block::Para) | (Some(Block::Quote), Block::Quote) => {
                out.push_str("<br>")
            }
            (Some(b), k) if b == k => out.push_str("</li><li>"),
            (prev, k) => {
                if let Some(b) = prev {
                    close(&mut out, b);
                }
                out.push_str(match k {
                    Block::Para => "<p>",
                    Block::Bullets => "<ul><li>",
                    Block::Quote => "<blockquote><p>",
                    _ => "<ol><li>",
                });
                open = Some(k);
            }
        }
        out.push_str(&html);
    }
    if let Some(b) = open {
        close(&mut out, b);
    }
    out
}

/// A fenced code block of a recap (a paragraph or a point of its own, as
/// the parser makes them), highlighted; `None` for any other text. Names
/// found in the code are not linked: the code is shown as written.
pub fn code_block(text: &str) -> Option<String> {
    let (lang, code) = crate::parse::recap::code::code_of(text)?;
    Some(
        super::highlight::Highlighter::default()
            .block(lang, &code)
            .trim_end()
            .to_string(),
    )
}

/// `## 总结` in prose (a part the parser has no slot for keeps its
/// heading): `总结`.
fn heading_line(line: &str) -> Option<&str> {
    let hashes = line.len() - line.trim_start_matches('#').len();
    let h = line[hashes..].strip_prefix([' ', '\t'])?.trim();
    ((1..=6).contains(&hashes) && !h.is_empty()).then_some(h)
}

/// The links that lie within `from..to`, as offsets from `from`.
fn shifted(links: &[Link], from: usize, to: usize) -> Vec<Link> {
    links
        .iter()
        .filter(|l| l.start >= from && l.end <= to)
        .map(|l| Link {
            start: l.start - from,
            end: l.end - from,
            ..l.clone()
        })
        .collect()
}

/// Render `text` as HTML: `links` become `<a href title>`, web addresses
/// `<a href>` (a Markdown link `[label](https://…)` shows its label),
/// `**…**`, `*…*`, `~~…~~` and `==…==` become `<strong>`, `<em>`, `<del>`
/// and `<mark>` ([`crate::emphasis`]), everything else is escaped.
///
/// Links are byte ranges into `text`. Ranges that are out of bounds, not on
/// character boundaries, empty, overlapping an earlier link or pointing at
/// an unsafe URL are ignored rather than trusted. Bold and links may cross
/// each other (of overlapping links the leftmost, then longest, wins); the
/// output is always well nested (a link is closed and reopened around a
/// bold boundary inside it).
pub fn linked_text(text: &str, links: &[Link]) -> String {
    linked_text_with(text, links, &Shows::default())
}

/// [`linked_text`], with each Markdown image that `shows` can show
/// (`![架构](arch.png)`) made an `<img>`, and each reference to one of its
/// footnotes (`[^1]`) the note's number, linked to it. No link or bold
/// marker reaches into either; a link may hold an image, not a reference.
pub fn linked_text_with(text: &str, links: &[Link], shows: &Shows) -> String {
    let mut shown = shown_images(text, &shows.images);
    let mut code = crate::inline_code::spans(text);
    // Code inside an image's syntax is its alt text; otherwise code wins
    // over an image it overlaps (`` `![图](a.png)` `` shows the syntax).
    // Each kind of span below is sorted and without overlaps: a lookup is a
    // binary search, as a line may hold tens of thousands of them.
    code.retain(|c| {
        overlapping(&shown, |(i, _, _)| i, &c.whole)
            .all(|(i, _, _)| !(i.start <= c.whole.start && c.whole.end <= i.end))
    });
    shown.retain(|(i, _, _)| overlapping(&code, |c| &c.whole, i).next().is_none());
    // `[ ] 待办`, `[x] 完成`: a task list item's box.
    let task = crate::task_list::task_box(text);
    let task_range = task.map(|_| 0..TASK_BOX.len());
    let (mut breaks, mut wikilinks) = if crate::pasted::may_have_pasted(text) {
        (
            crate::pasted::line_breaks(text),
            crate::pasted::wikilinks(text),
        )
    } else {
        Default::default()
    };
    let in_code_or_image = |r: &std::ops::Range<usize>| {
        overlapping(&code, |c| &c.whole, r).next().is_some()
            || overlapping(&shown, |(i, _, _)| i, r).next().is_some()
    };
    breaks.retain(|r| !in_code_or_image(r));
    // Web addresses are links too; a Markdown link shows only its label,
    // and no mention link may cut into it.
    let mut web = crate::urls::find(text);
    // A reference in a Markdown link's label (`[博客[^1]](https://…)`) is
    // shown after the link's part before it (links do not nest); one in
    // an address is part of the address.
    let mut notes = footnote_refs(text, shows);
    notes.retain(|(r, _)| {
        !in_code_or_image(r)
            && overlapping(&web, |w| &w.whole, r)
                .all(|w| w.text != w.whole && w.text.start <= r.start && r.end <= w.text.end)
    });
    wikilinks.retain(|(r, _)| overlapping(&code, |c| &c.whole, r).next().is_none());
    // Images, code, a task's box and line breaks are shown whole: a link
    // may hold one whole (`[![图](a.png)](https://…)`), but not reach into
    // one.
    let mut atom_list: Vec<std::ops::Range<usize>> = shown
        .iter()
        .map(|(i, _, _)| i.clone())
        .chain(code.iter().map(|c| c.whole.clone()))
        .chain(task_range.clone())
        .chain(breaks.iter().cloned())
        .chain(notes.iter().map(|(r, _)| r.clone()))
        .collect();
    atom_list.sort_unstable_by_key(|r| r.start);
    let atoms = || atom_list.iter();
    let in_image = |r: &std::ops::Range<usize>| {
        overlapping(&atom_list, |i| i, r).any(|i| !(r.start <= i.start && i.end <= r.end))
    };
    // A name that is all of a span of code (`` `Amazon S3` ``) is linked
    // around the code.
    let widened: Vec<Link>;
    let links = if code.is_empty() {
        links
    } else {
        widened = links
            .iter()
            .map(|l| {
                match overlapping(&code, |c| &c.whole, &(l.start..l.end))
                    .find(|c| c.code == (l.start..l.end))
                {
                    // The title repeated the name; it still does.
                    Some(c) if text[c.code.clone()] == *l.title => Link {
                        start: c.whole.start,
                        end: c.whole.end,
                        url: l.url.clone(),
                        title: arcstr::ArcStr::new(),
                    },
                    Some(c) => Link {
                        start: c.whole.start,
                        end: c.whole.end,
                        ..l.clone()
                    },
                    None => l.clone(),
                }
            })
            .collect();
        &widened
    };
    let marks = if shown.is_empty() && code.is_empty() && notes.is_empty() {
        crate::emphasis::markers(text)
    } else {
        // Blanked out, byte for byte, so no marker is found in one.
        let mut blank = text.to_string().into_bytes();
        for i in atoms() {
            blank[i.clone()].fill(b' ');
        }
        crate::emphasis::markers(std::str::from_utf8(&blank).unwrap_or(text))
    };
    // Inside a two-byte marker (`**`, `~~`): just after its first byte.
    let splits_marker = |at: usize| {
        at > 0
            && marks
                .binary_search_by_key(&(at - 1), |m| m.at)
                .is_ok_and(|i| marks[i].len == 2)
    };
    web.retain(|w| !in_image(&w.whole));
    let web_links: Vec<Link> = web
        .iter()
        .map(|w| Link {
            start: w.text.start,
            end: w.text.end,
            url: w.href.as_str().into(),
            title: arcstr::ArcStr::new(),
        })
        .collect();
    // A wiki link's brackets (and name before a `|`) are hidden like a
    // Markdown link's syntax; one that overlaps an address is text.
    wikilinks.retain(|(r, _)| !overlaps_web(&web, r) && !in_image(r));
    let mut hidden: Vec<std::ops::Range<usize>> = web.iter().flat_map(|w| w.syntax()).collect();
    if !wikilinks.is_empty() {
        hidden.extend(
            wikilinks
                .iter()
                .flat_map(|(whole, shown)| [whole.start..shown.start, shown.end..whole.end]),
        );
        hidden.sort_by_key(|h| h.start);
    }
    // Addresses come left to right without overlaps: the one that could
    // overlap a link is the last to start before the link ends.
    let in_web = |l: &Link| {
        let before = web.partition_point(|w| w.whole.start < l.end);
        before > 0 && web[before - 1].whole.end > l.start
    };
    let mut valid: Vec<&Link> = links
        .iter()
        .filter(|l| {
            let r = l.start..l.end;
            !in_web(l) && !in_image(&r) && overlapping(&notes, |(n, _)| n, &r).next().is_none()
        })
        .chain(&web_links)
        .filter(|l| {
            l.start < l.end
                && l.end <= text.len()
                && text.is_char_boundary(l.start)
                && text.is_char_boundary(l.end)
                && is_safe_url(&l.url)
                && !splits_marker(l.start)
                && !splits_marker(l.end)
        })
        .collect();
    valid.sort_by_key(|l| (l.start, std::cmp::Reverse(l.end)));
    let mut kept: Vec<&Link> = Vec::with_capacity(valid.len());
    for l in valid {
        if kept.last().is_none_or(|k| k.end <= l.start) {
            kept.push(l);
        }
    }

    // Cut points: every link edge, every bold marker, every hidden part.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for l in &kept {
        cuts.extend([l.start, l.end]);
    }
    for m in &marks {
        cuts.extend([m.at, m.at + m.len]);
    }
    for h in &hidden {
        cuts.extend([h.start, h.end]);
    }
    for i in atoms() {
        cuts.extend([i.start, i.end]);
    }
    cuts.sort_unstable();
    cuts.dedup();

    let mut out = String::with_capacity(text.len() + 64);
    // What is open in `out`, outermost first: at most a link, then the
    // styles in their order; what the current piece wants, the same way.
    let mut open: Vec<Open> = Vec::with_capacity(4);
    let mut styles = [false; 4];
    // The first kept link not wholly before the current piece.
    let mut next_link = 0;
    // The same for the hidden parts of Markdown links.
    let mut next_hidden = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if let Ok(i) = marks.binary_search_by_key(&a, |m| m.at) {
            // A marker toggles its style and is not itself shown.
            let s = &mut styles[marks[i].style as usize];
            *s = !*s;
            continue;
        }
        while hidden.get(next_hidden).is_some_and(|h| h.end <= a) {
            next_hidden += 1;
        }
        if hidden
            .get(next_hidden)
            .is_some_and(|h| h.start <= a && b <= h.end)
        {
            continue;
        }
        while kept.get(next_link).is_some_and(|l| l.end <= a) {
            next_link += 1;
        }
        // A note's number is a link of its own: never inside another.
        let link = kept
            .get(next_link)
            .copied()
            .filter(|l| l.start <= a && b <= l.end)
            .filter(|_| holding(&notes, |(r, _)| r, a, b).is_none());
        let wanted = link.map(Open::Link).into_iter().chain(
            [
                Style::Strong,
                Style::Emphasis,
                Style::Strike,
                Style::Highlight,
            ]
            .into_iter()
            .filter(|&s| styles[s as usize])
            .map(Open::Style),
        );
        reopen(&mut out, &mut open, wanted, text);
        if let Some(r) = holding(&breaks, |r| r, a, b) {
            if r.start == a {
                out.push_str("<br>");
            }
            continue;
        }
        if let Some(done) = task.filter(|_| b <= TASK_BOX.len()) {
            if a == 0 {
                // Drawn by the theme: a disabled `<input>` shows greyed out,
                // a done task hard to tell from an open one.
                let _ = write!(
                    out,
                    "<span class=\"task\" role=\"checkbox\" aria-checked=\"{done}\" \
                     aria-disabled=\"true\"></span>"
                );
            }
            continue;
        }
        if let Some((r, number)) = holding(&notes, |(r, _)| r, a, b) {
            if r.start == a {
                note_reference(&mut out, *number, shows);
            }
            continue;
        }
        match holding(&shown, |(i, _, _)| i, a, b) {
            Some((i, alt, shown)) if a == i.start => {
                let _ = write!(
                    out,
                    "<img src=\"{}\" alt=\"{}\"",
                    escape(&shown.src),
                    escape(alt)
                );
                if let Some((w, h)) = shown.size() {
                    if let Some(set) = shown.srcset(w) {
                        let _ = write!(
                            out,
                            " srcset=\"{}\" sizes=\"{}\"",
                            escape(&set),
                            crate::media::scaled::SIZES
                        );
                    }
                    let _ = write!(out, " width=\"{w}\" height=\"{h}\"");
                }
                out.push_str(" loading=\"lazy\" decoding=\"async\" class=\"recap-image\">");
            }
            Some(_) => {}
            None => match holding(&code, |c| &c.whole, a, b) {
                Some(c) if a == c.whole.start => {
                    out.push_str("<code>");
                    escape_into(&mut out, &text[c.code.clone()]);
                    out.push_str("</code>");
                }
                Some(_) => {}
                None => escape_into(&mut out, &text[a..b]),
            },
        }
    }
    reopen(&mut out, &mut open, std::iter::empty(), text);
    out
}

/// A reference to note `number`: its number, linked to the note; the
/// first on the page has the id the note links back to.
pub fn note_reference(out: &mut String, number: usize, shows: &Shows) {
    out.push_str("<sup class=\"fn-ref\"");
    if shows.first_reference(number) {
        let _ = write!(out, " id=\"{}\"", crate::footnotes::ref_anchor(number));
    }
    let _ = write!(
        out,
        "><a href=\"#{}\" role=\"doc-noteref\">{number}</a></sup>",
        crate::footnotes::anchor(number)
    );
}

/// The items of `sorted` (by the ranges `span` gives, which do not
/// overlap) that overlap `r`.
fn overlapping<'a, T>(
    sorted: &'a [T],
    span: impl Fn(&T) -> &std::ops::Range<usize> + 'a,
    r: &std::ops::Range<usize>,
) -> impl Iterator<Item = &'a T> + 'a {
    let (start, end) = (r.start, r.end);
    let first = sorted.partition_point(|t| span(t).end <= start);
    sorted[first..]
        .iter()
        .take_while(move |t| span(t).start < end)
}

/// Whether an address of `web` (left to right, without overlaps) overlaps
/// `r`.
fn overlaps_web(web: &[crate::urls::WebLink], r: &std::ops::Range<usize>) -> bool {
    overlapping(web, |w| &w.whole, r).next().is_some()
}

/// The item of `sorted` (as in [`overlapping`]) whose range holds all of
/// `a..b`.
fn holding<T>(
    sorted: &[T],
    span: impl Fn(&T) -> &std::ops::Range<usize>,
    a: usize,
    b: usize,
) -> Option<&T> {
    let first = sorted.partition_point(|t| span(t).end <= a);
    sorted
        .get(first)
        .filter(|t| span(t).start <= a && b <= span(t).end)
}

/// The images of `text` that `images` shows: where each is written, its
/// alt text and how it is shown.
fn shown_images<'t>(
    text: &'t str,
    images: &'t Images,
) -> Vec<(std::ops::Range<usize>, &'t str, &'t crate::media::Shown)> {
    if images.is_empty() || !text.contains("![") {
        return Vec::new();
    }
    crate::media::find(text)
        .into_iter()
        .filter_map(|r| Some((r.whole, r.alt, images.get(r.target)?)))
        .collect()
}

/// `257853` → `257,853`: counts in the thousands are read at a glance.
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

mod nesting;
mod shows;
use nesting::{reopen, Open};
use shows::footnote_refs;
pub use shows::Shows;

#[cfg(test)]
mod tests;
