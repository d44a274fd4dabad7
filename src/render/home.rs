//! Contexts of the home pages (`index.html`): `/` and, when the site has
//! more sessions than `sessions_per_page`, `/page/2/`, `/page/3/`, ….
//!
//! Every home page has the hero and its statistics over the whole site;
//! the first also has the conference at a glance. The session cards are
//! split between them in source order: listing 10,000 cards on `/` made an
//! 8 MB page that a phone took seconds to lay out.

use super::clock::Clock;
use super::glance::Glance;
use super::pages::first_sentence;
use super::session::session_url;
use super::strings::Strings;
use crate::enrich::Site;
use crate::model::{Seconds, Title};
use serde::Serialize;

#[derive(Serialize)]
pub struct HomePage<'a> {
    /// The cards of this page.
    pub sessions: Vec<SessionCard<'a>>,
    pub stats: &'a Stats,
    /// Conference at a glance (see `glance.rs`); empty past the first page.
    pub glance: Glance,
    pub pagination: Pagination,
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

/// The whole site in numbers, the same on every home page.
#[derive(Serialize)]
pub struct Stats {
    pub sessions: usize,
    pub entries: usize,
    pub total_duration_s: Seconds,
    pub total_duration: String,
    pub speakers: usize,
}

/// Where this home page is among them all.
#[derive(Debug, Serialize, PartialEq)]
pub struct Pagination {
    /// 1 for `/`.
    pub current: usize,
    pub total: usize,
    /// `第 2 / 5 页`, from the `page_of` string.
    pub label: String,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
    /// The first and last pages and those next to this one, in order;
    /// `null` where numbers are left out.
    pub pages: Vec<Option<PageNumber>>,
}

#[derive(Debug, Serialize, PartialEq)]
pub struct PageNumber {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// Pages shown on each side of the current one in [`Pagination::pages`].
const NEIGHBOURS: usize = 2;

/// How many home pages the site has: at least one, even with no sessions.
pub fn page_count(site: &Site) -> usize {
    match site.config.sessions_per_page {
        0 => 1,
        per => site.sessions.len().div_ceil(per).max(1),
    }
}

/// `/` for the first page, `/page/N/` for the others.
pub fn home_url(number: usize) -> String {
    if number <= 1 {
        "/".to_string()
    } else {
        format!("/page/{number}/")
    }
}

/// The URL of every home page, first to last.
pub fn home_urls(site: &Site) -> Vec<String> {
    (1..=page_count(site)).map(home_url).collect()
}

/// The home page `number` is the page of output path `path` (`index.html`,
/// `page/2/index.html`), if the site has it.
pub fn number_of_path(site: &Site, path: &str) -> Option<usize> {
    let number = match path {
        "index.html" => 1,
        _ => {
            let n = path.strip_prefix("page/")?.strip_suffix("/index.html")?;
            // `page/02/` or `page/1/` would be a second URL of one page.
            if n.starts_with('0') {
                return None;
            }
            n.parse().ok().filter(|&n| n > 1)?
        }
    };
    (number <= page_count(site)).then_some(number)
}

pub fn stats(site: &Site, strings: &Strings) -> Stats {
    let mut speakers: Vec<&str> = site
        .sessions
        .iter()
        .flat_map(|s| s.speaker_names())
        .collect();
    speakers.sort_unstable();
    speakers.dedup();
    let total: Seconds = site.sessions.iter().filter_map(|s| s.duration()).sum();
    Stats {
        sessions: site.sessions.len(),
        entries: site.sessions.iter().map(|s| s.entries().count()).sum(),
        total_duration_s: total,
        total_duration: strings.duration(total),
        speakers: speakers.len(),
    }
}

/// Home page `number` (from 1; see [`page_count`]).
pub fn home<'a>(
    site: &'a Site,
    strings: &Strings,
    stats: &'a Stats,
    number: usize,
) -> HomePage<'a> {
    let total = page_count(site);
    let per = match site.config.sessions_per_page {
        0 => site.sessions.len(),
        per => per,
    };
    let first = (number - 1) * per;
    let sessions = site
        .sessions
        .iter()
        .skip(first)
        .take(per)
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
                summary: s.lead_paragraph().map(|p| first_sentence(&p.text, 90)),
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
    let glance = if number == 1 {
        super::glance::glance(site, strings.get("glance_top_products"))
    } else {
        Glance::default()
    };
    HomePage {
        sessions,
        stats,
        glance,
        pagination: pagination(number, total, strings.get("page_of")),
    }
}

fn pagination(current: usize, total: usize, pattern: &str) -> Pagination {
    let link = |number: usize| PageNumber {
        number,
        url: home_url(number),
        current: number == current,
    };
    let near = current.saturating_sub(NEIGHBOURS).max(1)..=(current + NEIGHBOURS).min(total);
    let mut pages = Vec::new();
    let mut last = 0;
    for number in [1].into_iter().chain(near).chain([total]) {
        if number <= last {
            continue;
        }
        match number - last {
            1 => {}
            // One page left out: its number takes no more room than `…`.
            2 => pages.push(Some(link(last + 1))),
            _ => pages.push(None),
        }
        pages.push(Some(link(number)));
        last = number;
    }
    Pagination {
        current,
        total,
        label: pattern
            .replace("{n}", &current.to_string())
            .replace("{total}", &total.to_string()),
        prev_url: (current > 1).then(|| home_url(current - 1)),
        next_url: (current < total).then(|| home_url(current + 1)),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(p: &Pagination) -> Vec<Option<usize>> {
        p.pages
            .iter()
            .map(|n| n.as_ref().map(|n| n.number))
            .collect()
    }

    #[test]
    fn pages_near_the_current_one_and_both_ends_are_linked() {
        let p = pagination(1, 1, "{n}/{total}");
        assert_eq!(numbers(&p), [Some(1)]);
        assert_eq!((p.prev_url, p.next_url), (None, None));

        let p = pagination(6, 20, "第 {n} / {total} 页");
        assert_eq!(p.label, "第 6 / 20 页");
        assert_eq!(
            numbers(&p),
            [
                Some(1),
                None,
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                Some(8),
                None,
                Some(20)
            ]
        );
        assert_eq!(p.prev_url.as_deref(), Some("/page/5/"));
        assert_eq!(p.next_url.as_deref(), Some("/page/7/"));
        assert!(p.pages[4].as_ref().unwrap().current);
        assert_eq!(p.pages[0].as_ref().unwrap().url, "/");

        // No gap of one page: 1 2 3 4 5, not 1 … 3 4 5.
        let p = pagination(3, 5, "");
        assert_eq!(numbers(&p), [Some(1), Some(2), Some(3), Some(4), Some(5)]);
        let p = pagination(5, 10, "");
        assert_eq!(
            numbers(&p),
            [
                Some(1),
                Some(2),
                Some(3),
                Some(4),
                Some(5),
                Some(6),
                Some(7),
                None,
                Some(10)
            ]
        );
        let p = pagination(20, 20, "");
        assert_eq!(numbers(&p), [Some(1), None, Some(18), Some(19), Some(20)]);
        assert_eq!(p.next_url, None);
    }
}
