//! Stage 2: sources → [`Corpus`]. Recaps become [`Session`]s, Markdown files
//! become [`Page`]s; each file is parsed on its own, in parallel.

pub mod frontmatter;
pub mod page;
pub mod recap;
pub mod time;
pub mod title;

use crate::diagnostics::Diagnostic;
use crate::load::{Source, Sources};
use crate::model::{Page, Session};
use rayon::prelude::*;
use std::collections::HashSet;

/// Everything the input says, parsed, plus what went wrong reading it.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Sorted by source path.
    pub sessions: Vec<Session>,
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse every source. A file that cannot be read becomes an error
/// diagnostic and is left out; the others still make a site.
pub fn parse(sources: &Sources) -> Corpus {
    let recaps: Vec<(Option<Session>, Vec<Diagnostic>)> =
        sources.recaps.par_iter().map(parse_recap_source).collect();
    let pages: Vec<(Option<Page>, Vec<Diagnostic>)> =
        sources.pages.par_iter().map(parse_page_source).collect();
    let mut corpus = Corpus {
        diagnostics: sources.diagnostics.clone(),
        ..Default::default()
    };
    for (s, d) in recaps {
        corpus.sessions.extend(s);
        corpus.diagnostics.extend(d);
    }
    for (p, d) in pages {
        corpus.pages.extend(p);
        corpus.diagnostics.extend(d);
    }
    assign_session_slugs(&mut corpus.sessions, &mut corpus.diagnostics);
    corpus.diagnostics.sort();
    corpus
}

fn parse_recap_source(src: &Source) -> (Option<Session>, Vec<Diagnostic>) {
    match src.text() {
        Ok(text) => {
            let r = recap::parse_recap(&src.rel, text);
            (Some(r.session), r.diagnostics)
        }
        Err(d) => (None, vec![d]),
    }
}

fn parse_page_source(src: &Source) -> (Option<Page>, Vec<Diagnostic>) {
    match src.text() {
        Ok(text) => match page::parse_page(&src.rel, text) {
            Ok(p) => (Some(p), Vec::new()),
            Err(d) => (None, vec![d]),
        },
        Err(d) => (None, vec![d]),
    }
}

/// Longest slug made from a title, in characters.
const MAX_SLUG: usize = 60;

/// Turn any text into an ASCII slug: Chinese is transliterated to pinyin,
/// everything outside `[a-z0-9-]` is dropped, so a slug can never name a
/// path outside its folder.
pub fn slugify(text: &str) -> String {
    let s = slug::slugify(text);
    if s.len() <= MAX_SLUG {
        return s;
    }
    let cut = s[..MAX_SLUG].rfind('-').unwrap_or(MAX_SLUG);
    s[..cut].to_string()
}

/// Give every session a unique slug: its front matter slug if it has one,
/// else one made from its topic, else from its file name. Collisions get
/// `-2`, `-3`… in source order, so slugs stay stable while files are added.
fn assign_session_slugs(sessions: &mut [Session], diags: &mut Vec<Diagnostic>) {
    let mut taken = HashSet::new();
    for s in sessions.iter_mut() {
        let wanted = if !s.slug.is_empty() {
            slugify(&s.slug)
        } else {
            slugify(&s.title.topic)
        };
        let base = if wanted.is_empty() {
            slugify(s.source.rsplit('/').next().unwrap_or(&s.source))
        } else {
            wanted
        };
        let base = if base.is_empty() { "session".to_string() } else { base };
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        if !s.slug.is_empty() && slugify(&s.slug) != slug {
            diags.push(Diagnostic::warning(
                &s.source,
                Some(1),
                format!("slug `{}` is already taken or not ASCII; using `{slug}`", s.slug),
            ));
        }
        s.slug = slug;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_safe() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert!(slugify("通过合作伙伴解决方案扩展生成式AI").is_ascii());
        assert!(slugify(&"很长的标题".repeat(30)).len() <= MAX_SLUG);
    }
}
