//! Markdown pages (`content/*.md`) → HTML, through pulldown-cmark.
//!
//! On top of CommonMark: tables, footnotes, task lists, strikethrough,
//! `{#id}` heading attributes; every heading gets a unique id made from its
//! text (so sections can be linked), fenced code is highlighted by
//! [`Highlighter`], and a table of contents of `##`/`###` headings is
//! collected for the "on this page" list.

use super::highlight::Highlighter;
use super::text::escape;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;
use std::collections::{HashSet, VecDeque};

/// A rendered page body.
#[derive(Debug, Default, Serialize)]
pub struct Markdown {
    pub html: String,
    /// `##` and `###` headings, in order.
    pub toc: Vec<TocItem>,
    /// Whether the page has a fenced code block (and needs `syntax.css`).
    pub has_code: bool,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct TocItem {
    pub level: u8,
    pub id: String,
    pub title: String,
}

pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Render `text`. When `title` is given and the page opens with an `# H1`
/// of exactly that text, the H1 is left out: the template shows the title.
///
/// Events stream from the parser to the HTML writer; only a heading or a
/// code block is held whole. A page of a million table cells held as
/// events took 190 times its size in memory.
///
/// `targets` gives a new address for a link's or an image's target, and an
/// image's width and height (see [`super::source_links`] and
/// [`crate::media`]).
pub fn render(
    text: &str,
    title: Option<&str>,
    highlighter: Highlighter,
    targets: &Targets,
) -> Markdown {
    let mut pages = Transform {
        link: targets.link,
        image: targets.image,
        parser: Parser::new_ext(text, options()),
        pending: VecDeque::new(),
        title,
        highlighter,
        toc: Vec::new(),
        ids: HashSet::new(),
        has_code: false,
        seen_content: false,
    };
    let mut html = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, &mut pages);
    Markdown {
        html,
        toc: pages.toc,
        has_code: pages.has_code,
    }
}

/// The parser's events with ids and anchors on headings, highlighted code
/// and wrapped tables; what it saw on the way is kept for [`Markdown`].
struct Transform<'a, 't> {
    parser: Parser<'a>,
    link: &'t dyn Fn(&str) -> Option<String>,
    image: &'t dyn Fn(&str) -> Option<ImageTarget>,
    pending: VecDeque<Event<'a>>,
    title: Option<&'t str>,
    highlighter: Highlighter,
    toc: Vec<TocItem>,
    ids: HashSet<String>,
    has_code: bool,
    seen_content: bool,
}

impl<'a> Iterator for Transform<'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        if let Some(e) = self.pending.pop_front() {
            return Some(e);
        }
        let mut event = self.parser.next()?;
        let mut shown_as = None;
        match &mut event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some(to) = (self.link)(dest_url) {
                    *dest_url = to.into();
                }
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                if let Some(mut shown) = (self.image)(dest_url) {
                    *dest_url = std::mem::take(&mut shown.src).into();
                    shown_as = Some(shown);
                }
            }
            _ => {}
        }
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let (inner, end) = self.until_end();
                let plain = plain_text(&inner);
                let is_title = !self.seen_content
                    && level == HeadingLevel::H1
                    && self.title.is_some_and(|t| t.trim() == plain.trim());
                self.seen_content = true;
                if is_title {
                    return self.next();
                }
                let id = unique_id(id.as_deref(), &plain, &mut self.ids);
                if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                    self.toc.push(TocItem {
                        level: level as u8,
                        id: id.clone(),
                        title: plain.trim().to_string(),
                    });
                }
                self.pending.extend(inner);
                self.pending.push_back(Event::Html(CowStr::from(format!(
                    "<a class=\"heading-anchor\" href=\"#{0}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>",
                    escape(&id)
                ))));
                self.pending.extend(end);
                Some(Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                }))
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let (inner, _) = self.until_end();
                let code: String = inner
                    .iter()
                    .filter_map(|e| match e {
                        Event::Text(t) => Some(t.as_ref()),
                        _ => None,
                    })
                    .collect();
                let lang = match &kind {
                    CodeBlockKind::Fenced(l) => l.as_ref(),
                    CodeBlockKind::Indented => "",
                };
                self.has_code = true;
                self.seen_content = true;
                Some(Event::Html(CowStr::from(
                    self.highlighter.block(lang, &code),
                )))
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let (inner, _) = self.until_end();
                self.seen_content = true;
                Some(Event::InlineHtml(CowStr::from(image_tag(
                    &dest_url,
                    &alt_text(&inner),
                    &title,
                    shown_as.as_ref(),
                ))))
            }
            Event::Start(Tag::Table(_)) => {
                self.seen_content = true;
                self.pending.push_back(event);
                Some(Event::Html(CowStr::from("<div class=\"table-wrap\">")))
            }
            Event::End(TagEnd::Table) => {
                self.pending.push_back(Event::Html(CowStr::from("</div>")));
                Some(event)
            }
            e => {
                self.seen_content = true;
                Some(e)
            }
        }
    }
}

impl<'a> Transform<'a, '_> {
    /// The events inside the tag just opened, and the one that closes it
    /// (none if the page ends first).
    fn until_end(&mut self) -> (Vec<Event<'a>>, Option<Event<'a>>) {
        let mut inner = Vec::new();
        let mut depth = 1usize;
        for e in self.parser.by_ref() {
            match e {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return (inner, Some(e));
                    }
                }
                _ => {}
            }
            inner.push(e);
        }
        (inner, None)
    }
}

/// Where a page's links and images lead.
pub struct Targets<'t> {
    /// A new address for a link's target, or `None` to keep it.
    pub link: &'t dyn Fn(&str) -> Option<String>,
    /// Where an image's target is shown from, or `None` to keep it.
    pub image: &'t dyn Fn(&str) -> Option<ImageTarget>,
}

/// An image's new address, and its width and height when they are known:
/// they keep the image's room on the page while it loads.
pub struct ImageTarget {
    pub src: String,
    pub size: Option<(usize, usize)>,
    /// Smaller copies of a photo, for the browser to pick from.
    pub srcset: Option<String>,
}

/// `<img>` as pulldown-cmark writes it (the same escaping), with the
/// image's size when known, loaded lazily.
fn image_tag(src: &str, alt: &str, title: &str, shown: Option<&ImageTarget>) -> String {
    use pulldown_cmark_escape::{escape_href, escape_html};
    let mut out = String::with_capacity(src.len() + alt.len() + 80);
    out.push_str("<img src=\"");
    let _ = escape_href(&mut out, src);
    out.push_str("\" alt=\"");
    let _ = escape_html(&mut out, alt);
    out.push('"');
    if !title.is_empty() {
        out.push_str(" title=\"");
        let _ = escape_html(&mut out, title);
        out.push('"');
    }
    if let Some(set) = shown.and_then(|s| s.srcset.as_ref()) {
        out.push_str(" srcset=\"");
        let _ = escape_html(&mut out, set);
        out.push_str("\" sizes=\"");
        out.push_str(crate::media::scaled::SIZES);
        out.push('"');
    }
    if let Some((w, h)) = shown.and_then(|s| s.size) {
        out.push_str(&format!(" width=\"{w}\" height=\"{h}\""));
    }
    out.push_str(" loading=\"lazy\" decoding=\"async\">");
    out
}

/// An image's alt text from the events inside it, as pulldown-cmark reads
/// it: the text of any markup, breaks as spaces.
fn alt_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

fn plain_text(events: &[Event]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s
}

/// The heading's `{#id}` if it has one, else a slug of its text (`section`
/// when the text has nothing sluggable); `-2`, `-3`… keep ids unique.
fn unique_id(explicit: Option<&str>, text: &str, taken: &mut HashSet<String>) -> String {
    let base = match explicit {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => {
            let s = crate::parse::slugify(text);
            if s.is_empty() {
                "section".to_string()
            } else {
                s
            }
        }
    };
    let mut id = base.clone();
    let mut n = 2;
    while !taken.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::highlight::Syntaxes;
    use std::sync::OnceLock;

    const NOWHERE: Targets = Targets {
        link: &|_| None,
        image: &|_| None,
    };

    fn md(text: &str) -> Markdown {
        static CELL: OnceLock<Syntaxes> = OnceLock::new();
        render(
            text,
            Some("关于本站"),
            Highlighter::with_cell(&CELL),
            &Targets {
                link: &|_| None,
                image: &|dest| {
                    (dest == "a.png").then(|| ImageTarget {
                        src: dest.to_string(),
                        size: Some((640, 360)),
                        srcset: None,
                    })
                },
            },
        )
    }

    #[test]
    fn headings_get_unique_ids_and_toc() {
        let m = md("# 关于本站\n\n## 数据来源\n\n## 数据来源\n\n### Build {#build}\n");
        assert!(
            !m.html.contains("<h1"),
            "title H1 is left to the template: {}",
            m.html
        );
        assert!(m.html.contains("<h2 id=\"shu-ju-lai-yuan\">"), "{}", m.html);
        assert!(
            m.html.contains("<h2 id=\"shu-ju-lai-yuan-2\">"),
            "{}",
            m.html
        );
        assert!(m.html.contains("<h3 id=\"build\">"), "{}", m.html);
        let ids: Vec<_> = m.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids, ["shu-ju-lai-yuan", "shu-ju-lai-yuan-2", "build"]);
    }

    #[test]
    fn other_h1_is_kept() {
        let m = md("# Another title\n");
        assert!(m.html.contains("<h1 id=\"another-title\">"), "{}", m.html);
    }

    #[test]
    fn tables_footnotes_tasks_strikethrough() {
        let m = md("| a | b |\n|---|---|\n| 1 | 2 |\n\nText[^n].\n\n[^n]: Note.\n\n- [x] done\n- [ ] todo\n\n~~old~~\n");
        assert!(
            m.html.contains("<div class=\"table-wrap\"><table>"),
            "{}",
            m.html
        );
        assert!(m.html.contains("<td>1</td>"), "{}", m.html);
        assert!(m.html.contains("href=\"#n\""), "{}", m.html);
        assert!(m.html.contains("id=\"n\""), "{}", m.html);
        assert!(
            m.html.contains("type=\"checkbox\" checked=\"\""),
            "{}",
            m.html
        );
        assert!(m.html.contains("<del>old</del>"), "{}", m.html);
    }

    #[test]
    fn highlighting_loads_syntaxes_only_for_code() {
        static CELL: OnceLock<Syntaxes> = OnceLock::new();
        let h = Highlighter::with_cell(&CELL);
        let plain = render("# T\n\nNo code here, only `inline`.\n", None, h, &NOWHERE);
        assert!(!plain.has_code);
        assert!(
            !h.is_loaded(),
            "a page without code blocks must not load syntaxes"
        );
        let code = render("```toml\ntitle = \"x\"\n```\n", None, h, &NOWHERE);
        assert!(code.has_code);
        assert!(h.is_loaded());
        assert!(
            code.html
                .contains("<pre class=\"code\" data-lang=\"toml\">"),
            "{}",
            code.html
        );
        assert!(
            code.html.contains("<span class=\"source toml\">"),
            "{}",
            code.html
        );
    }

    #[test]
    fn images_keep_their_room_and_load_lazily() {
        let html = md("![地图 *A* 区](a.png \"会场\") ![外部](<https://e.org/x y.png>)").html;
        assert!(
            html.contains(
                "<img src=\"a.png\" alt=\"地图 A 区\" title=\"会场\" width=\"640\" height=\"360\" loading=\"lazy\" decoding=\"async\">"
            ),
            "{html}"
        );
        assert!(
            html.contains("<img src=\"https://e.org/x%20y.png\" alt=\"外部\" loading=\"lazy\""),
            "{html}"
        );
    }

    #[test]
    fn raw_text_in_code_is_escaped() {
        let m = md("```\n<script>x</script>\n```\n");
        assert!(m.html.contains("&lt;script&gt;"), "{}", m.html);
    }
}
