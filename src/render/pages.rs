//! Contexts of the home page (`index.html`) and of Markdown pages
//! (`page.html`, or the page's own `template`).

use super::highlight::Highlighter;
use super::markdown::{self, TocItem};
use super::session::{session_url, Clock};
use super::strings::Strings;
use crate::enrich::Site;
use crate::model::{Page, Seconds, Title};
use serde::Serialize;

#[derive(Serialize)]
pub struct HomePage<'a> {
    pub sessions: Vec<SessionCard<'a>>,
    pub stats: Stats,
    // Conference at a glance (top products, companies, announcements…):
    // the publishing stage adds its fields here and fills the `glance`
    // block of index.html.
    /// Conference at a glance: see `glance.rs`.
    pub glance: super::glance::Glance,
}

/// One session on the home page.
#[derive(Serialize)]
pub struct SessionCard<'a> {
    pub slug: &'a str,
    pub url: String,
    pub title: &'a Title,
    pub speakers: Vec<&'a str>,
    pub duration_s: Option<Seconds>,
    pub duration: Option<String>,
    /// Number of timeline entries.
    pub entries: usize,
    /// Number of headed timeline sections.
    pub sections: usize,
    pub key_themes: &'a [String],
    /// The first sentence of the overview, plain text.
    pub summary: Option<String>,
    pub date: Option<String>,
    pub track: Option<&'a str>,
    /// Start of the last timeline entry, as a clock label.
    pub last_time: Option<String>,
}

#[derive(Serialize)]
pub struct Stats {
    pub sessions: usize,
    pub entries: usize,
    pub total_duration_s: Seconds,
    pub total_duration: String,
    pub speakers: usize,
}

pub fn home<'a>(site: &'a Site, strings: &Strings) -> HomePage<'a> {
    let sessions: Vec<SessionCard> = site
        .sessions
        .iter()
        .map(|s| {
            let duration_s = s.duration();
            let clock = Clock::for_session(s);
            SessionCard {
                slug: &s.slug,
                url: session_url(s),
                title: &s.title,
                speakers: s.speaker_names(),
                duration_s,
                duration: duration_s.map(|d| strings.duration(d)),
                entries: s.entries().count(),
                sections: s.timeline.iter().filter(|t| t.heading.is_some()).count(),
                key_themes: &s.key_themes,
                summary: s.overview.first().map(|p| first_sentence(&p.text, 90)),
                date: s.date.as_deref().map(|d| strings.date(d)),
                track: s.track.as_deref(),
                last_time: s
                    .entries()
                    .filter_map(|e| e.start)
                    .max()
                    .map(|t| clock.format(t)),
            }
        })
        .collect();
    let mut speakers: Vec<&str> = site
        .sessions
        .iter()
        .flat_map(|s| s.speaker_names())
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    let total: Seconds = sessions.iter().filter_map(|c| c.duration_s).sum();
    HomePage {
        stats: Stats {
            sessions: sessions.len(),
            entries: sessions.iter().map(|c| c.entries).sum(),
            total_duration_s: total,
            total_duration: strings.duration(total),
            speakers: speakers.len(),
        },
        sessions,
        glance: super::glance::glance(site, strings.get("glance_top_products")),
    }
}

/// Up to and including the first `。`/`.`/`!`/`?`, at most `max` characters
/// (then cut with `…`), without `**` markers.
pub fn first_sentence(text: &str, max: usize) -> String {
    let text = text.replace("**", "");
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

pub fn markdown_page<'a>(p: &'a Page, strings: &Strings, hl: Highlighter) -> MarkdownPage<'a> {
    let md = markdown::render(&p.body, Some(&p.title), hl);
    MarkdownPage {
        has_code: md.has_code,
        page: PageView {
            slug: &p.slug,
            url: page_url(p),
            source: &p.source,
            title: &p.title,
            description: p.description.as_deref(),
            date: p.date.as_deref().map(|d| strings.date(d)),
            date_iso: p.date.as_deref(),
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
    }
}
