//! Contexts of Markdown pages (`page.html`, or the page's own `template`).

use super::highlight::Highlighter;
use super::markdown::{self, TocItem};
use super::strings::Strings;
use crate::model::Page;
use serde::Serialize;

/// Up to and including the first `。`/`.`/`!`/`?`, at most `max` characters
/// (then cut with `…`), as a reader sees it ([`super::text::as_read`]).
pub fn first_sentence(text: &str, max: usize) -> String {
    let text = super::text::as_read(text);
    // `> …`: a paragraph quoted whole reads without its marks.
    let unquoted;
    let text = if text.trim_start().starts_with('>') {
        unquoted = text
            .lines()
            .map(|l| l.trim_start().trim_start_matches(['>', ' ']))
            .collect::<Vec<_>>()
            .join("\n");
        unquoted.as_str()
    } else {
        &text
    };
    let end = text
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?') && text[i + 1..].starts_with(' '))
        })
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    let sentence = text[..end].trim();
    if sentence.chars().count() <= max {
        sentence.to_string()
    } else {
        let cut: String = sentence.chars().take(max).collect();
        format!("{}…", cut.trim_end())
    }
}

#[derive(Serialize)]
pub struct MarkdownPage<'a> {
    pub page: PageView<'a>,
    pub has_code: bool,
}

#[derive(Serialize)]
pub struct PageView<'a> {
    pub slug: &'a str,
    pub url: String,
    pub source: &'a str,
    pub title: &'a str,
    pub description: Option<&'a str>,
    pub date: Option<String>,
    pub date_iso: Option<&'a str>,
    /// The rendered body.
    pub content: String,
    pub toc: Vec<TocItem>,
}

pub fn page_url(p: &Page) -> String {
    format!("/{}/", p.slug)
}

/// `p`'s context; `targets` as in [`markdown::render`].
pub fn markdown_page<'a>(
    p: &'a Page,
    strings: &Strings,
    hl: Highlighter,
    targets: &markdown::Targets,
) -> MarkdownPage<'a> {
    let md = markdown::render(&p.body, Some(&p.title), hl, targets);
    MarkdownPage {
        has_code: md.has_code,
        page: PageView {
            slug: &p.slug,
            url: page_url(p),
            source: &p.source,
            title: &p.title,
            description: p.description.as_deref(),
            date: p.date.as_deref().map(|d| strings.date(d)),
            date_iso: p.date.as_deref().and_then(super::strings::iso_date),
            content: md.html,
            toc: md.toc,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_the_first_sentence() {
        assert_eq!(
            first_sentence("本次会议由**A**主讲。第二句。", 90),
            "本次会议由A主讲。"
        );
        assert_eq!(
            first_sentence("Version 2.5 is out. More.", 90),
            "Version 2.5 is out."
        );
        assert_eq!(first_sentence("一二三四五六", 3), "一二三…");
        // A quoted paragraph without its marks.
        assert_eq!(
            first_sentence("> AgentCore 打包成托管服务。\n> 第二句。", 90),
            "AgentCore 打包成托管服务。"
        );
        // Links and images as a reader sees them.
        assert_eq!(
            first_sentence(
                "详见[官方博客](https://a.org/b)和<https://c.org/>的![图](d.png)。后文",
                90
            ),
            "详见官方博客和https://c.org/的图。"
        );
    }
}
