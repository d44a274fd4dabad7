//! Links in a Markdown page to the files the site is made from:
//! `[关于本站](../about.md)` is the page made from `about.md`, and
//! `[第一场](../seeds/000.txt)` the session made from that recap, as the
//! writer sees them side by side in the folder. The built site has neither
//! file, so each such link is written as the address of what was made
//! from it.

use super::{pages, session};
use crate::diagnostics::Diagnostic;
use crate::enrich::Site;
use std::collections::HashMap;

/// Where each page and recap file of a site was published.
pub struct SourceLinks {
    /// A page's path in the content folder (`guide/setup.md`) → its URL.
    pages: HashMap<String, String>,
    /// A recap's path in the seeds folder (`day1/000.txt`) → its URL.
    sessions: HashMap<String, String>,
}

/// What a link's target is, read as a path to one of the site's files.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// The address of the page or session made from it (and the link's
    /// `#fragment`).
    Made(String),
    /// A relative link to a `.md` file that no page was made from.
    Missing,
    /// Anything else: a web address, a site path, a fragment, an image.
    Other,
}

impl SourceLinks {
    pub fn new(site: &Site) -> SourceLinks {
        SourceLinks {
            pages: site
                .pages
                .iter()
                .map(|p| (p.source.clone(), pages::page_url(p)))
                .collect(),
            sessions: site
                .sessions
                .iter()
                .map(|s| (s.source.clone(), session::session_url(s)))
                .collect(),
        }
    }

    /// `dest`, written in the page made from `from` (a path in the content
    /// folder).
    pub fn target(&self, from: &str, dest: &str) -> Target {
        if !is_relative_file(dest) {
            return Target::Other;
        }
        let (path, fragment) = match dest.split_once('#') {
            Some((p, f)) => (p, Some(f)),
            None => (dest, None),
        };
        let with_fragment = |url: &String| match fragment {
            Some(f) => format!("{url}#{f}"),
            None => url.clone(),
        };
        let Some(resolved) = resolve(from, path) else {
            return Target::Other;
        };
        if let Some(url) = self.pages.get(&resolved) {
            return Target::Made(with_fragment(url));
        }
        // A recap is found by its path in the seeds folder, however the
        // link reaches that folder (`../seeds/000.txt`, `../../seeds/…`).
        let mut rest = resolved.as_str();
        loop {
            if let Some(url) = self.sessions.get(rest) {
                return Target::Made(with_fragment(url));
            }
            match rest.split_once('/') {
                Some((_, after)) => rest = after,
                None => break,
            }
        }
        if path.ends_with(".md") {
            Target::Missing
        } else {
            Target::Other
        }
    }
}

/// A warning for each link in a page to a `.md` file that no page was
/// made from (a typo, or a page moved or made a draft), with its line.
pub fn missing_page_warnings(site: &Site) -> Vec<Diagnostic> {
    let mut links: Option<SourceLinks> = None;
    let mut out = Vec::new();
    for p in &site.pages {
        if !p.body.contains(".md") {
            continue;
        }
        let parser = pulldown_cmark::Parser::new_ext(&p.body, super::markdown::options());
        for (event, range) in parser.into_offset_iter() {
            let pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link { dest_url, .. }) = event
            else {
                continue;
            };
            let links = links.get_or_insert_with(|| SourceLinks::new(site));
            if links.target(&p.source, &dest_url) == Target::Missing {
                let line = p.body_line + p.body[..range.start].matches('\n').count();
                out.push(Diagnostic::warning(
                    &p.source,
                    Some(line),
                    format!(
                        "link to `{dest_url}`: no page is made from that file; \
                         check the path (relative to this page) or link to the page's address"
                    ),
                ));
            }
        }
    }
    out
}

/// A link to a file beside the page: no scheme, not a site path, not only
/// a fragment, and naming a `.md` or `.txt` file.
fn is_relative_file(dest: &str) -> bool {
    let path = dest.split(['#', '?']).next().unwrap_or("");
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains(':')
        && (path.ends_with(".md") || path.ends_with(".txt"))
}

/// `path` taken from the folder of `from`, with `.` and `..` worked out:
/// `guide/setup.md` + `../about.md` → `about.md`. Steps above the content
/// folder are kept as `..`, so that `../seeds/000.txt` still ends in the
/// recap's own path.
fn resolve(from: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for step in path.split('/') {
        match step {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> SourceLinks {
        SourceLinks {
            pages: [("about.md", "/about/"), ("guide/setup.md", "/setup/")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .into(),
            sessions: [("day1/000.txt", "/sessions/kai-chang/")]
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .into(),
        }
    }

    #[test]
    fn links_to_pages_and_recaps_become_their_addresses() {
        let l = links();
        let made = |from, dest| match l.target(from, dest) {
            Target::Made(url) => url,
            other => panic!("{dest}: {other:?}"),
        };
        assert_eq!(made("guide/setup.md", "../about.md"), "/about/");
        assert_eq!(
            made("about.md", "guide/setup.md#install"),
            "/setup/#install"
        );
        assert_eq!(made("about.md", "./guide/../about.md"), "/about/");
        assert_eq!(
            made("guide/setup.md", "../../seeds/day1/000.txt"),
            "/sessions/kai-chang/"
        );
        assert_eq!(
            made("about.md", "../seeds/day1/000.txt#t-1m15s"),
            "/sessions/kai-chang/#t-1m15s"
        );
    }

    #[test]
    fn other_links_are_left_alone_and_missing_pages_told() {
        let l = links();
        assert_eq!(l.target("about.md", "missing.md"), Target::Missing);
        assert_eq!(
            l.target("about.md", "https://example.com/a.md"),
            Target::Other
        );
        assert_eq!(l.target("about.md", "/about/"), Target::Other);
        assert_eq!(l.target("about.md", "#top"), Target::Other);
        assert_eq!(l.target("about.md", "notes.txt"), Target::Other);
        assert_eq!(l.target("about.md", "diagram.png"), Target::Other);
    }
}
