//! Stage 2: sources → [`Corpus`]. Recaps become [`Session`]s, Markdown files
//! become [`Page`]s; each file is parsed on its own, in parallel.

mod entities;
pub mod frontmatter;
pub mod labels;
mod lines;
mod marks;
pub mod page;
pub mod recap;
mod rewrite;
pub(crate) mod shapes;
pub mod time;
pub mod title;

pub(crate) use lines::{as_written, simple_char, simplified, traditional_pairs};

use crate::diagnostics::Diagnostic;
use crate::load::{Source, Sources};
use crate::model::{Page, Session};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

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
    let recaps: Vec<ParsedRecap> = sources.recaps.par_iter().map(parse_recap_source).collect();
    let pages: Vec<ParsedPage> = sources.pages.par_iter().map(parse_page_source).collect();
    assemble(sources.diagnostics.clone(), recaps, pages)
}

/// One recap file parsed on its own: the session (if the file could be
/// read) and what was wrong with it. Its slug is not final yet.
pub type ParsedRecap = (Option<Session>, Vec<Diagnostic>);
/// One Markdown page parsed on its own.
pub type ParsedPage = (Option<Page>, Vec<Diagnostic>);

/// Put per-file results together into a [`Corpus`], giving sessions their
/// unique slugs. `recaps` must be in source-path order (slug collisions are
/// settled in that order). Split from [`parse`] so `recap serve` can keep
/// every file's result and re-parse only the files that changed.
pub fn assemble(
    load_diagnostics: Vec<Diagnostic>,
    recaps: Vec<ParsedRecap>,
    pages: Vec<ParsedPage>,
) -> Corpus {
    let mut corpus = Corpus {
        diagnostics: load_diagnostics,
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
    keep_page_addresses_free(&mut corpus.pages, &mut corpus.diagnostics);
    corpus.diagnostics.sort();
    corpus
}

/// Addresses of the pages recap makes itself, which a Markdown page may
/// not take (`products.md` would replace the list of products).
pub const SECTIONS: [&str; 7] = [
    "products",
    "companies",
    "speakers",
    "topics",
    "announcements",
    "numbers",
    "search",
];

/// Leave out, with an error naming its file, a page whose slug is one of
/// the [`SECTIONS`] or an earlier page's (in source-path order): two pages
/// at one address failed the whole build.
fn keep_page_addresses_free(pages: &mut Vec<Page>, diags: &mut Vec<Diagnostic>) {
    let mut taken: HashMap<String, String> = HashMap::new();
    pages.retain(|p| {
        let clash = if SECTIONS.contains(&p.slug.as_str()) {
            Some("one of recap's own pages".to_string())
        } else {
            taken
                .get(&p.slug)
                .map(|other| format!("already the address of `{other}`"))
        };
        match clash {
            Some(what) => {
                diags.push(Diagnostic::error(
                    &p.source,
                    Some(1),
                    format!(
                        "`/{}/` is {what}; this page is left out. \
                         Set another `slug` in its front matter",
                        p.slug
                    ),
                ));
                false
            }
            None => {
                taken.insert(p.slug.clone(), p.source.clone());
                true
            }
        }
    });
}

/// Parse one recap source on its own (see [`assemble`]).
pub fn parse_recap_source(src: &Source) -> ParsedRecap {
    match src.text() {
        Ok(text) => {
            let mut r = recap::parse_recap(&src.rel, text);
            r.diagnostics.extend(src.encoding_warning());
            (Some(r.session), r.diagnostics)
        }
        Err(d) => (None, vec![d]),
    }
}

/// Parse one Markdown page source on its own (see [`assemble`]).
pub fn parse_page_source(src: &Source) -> ParsedPage {
    match src.text() {
        Ok(text) => match page::parse_page(&src.rel, text) {
            Ok(p) => (p, src.encoding_warning().into_iter().collect()),
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
    // `AI技能` must become `ai-ji-neng`, not `aiji-neng`: separate Latin
    // runs from the CJK next to them before transliterating.
    let mut spaced = String::with_capacity(text.len() + 8);
    let mut prev_ascii = None;
    for c in text.chars() {
        let ascii = c.is_ascii_alphanumeric();
        if prev_ascii.is_some_and(|p| p != ascii) && c.is_alphanumeric() {
            spaced.push(' ');
        }
        prev_ascii = c.is_alphanumeric().then_some(ascii);
        spaced.push(c);
    }
    let s = slug::slugify(&spaced);
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
        let base = slug_base(s);
        let mut slug = base.clone();
        let mut n = 2;
        while !taken.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        diags.extend(slug_warning(s, &slug));
        s.slug = slug;
    }
}

/// The slug a parsed session asks for, before collisions are settled: two
/// parses with the same base get the same final slug in the same corpus.
pub fn slug_base(s: &Session) -> String {
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
    if base.is_empty() {
        "session".to_string()
    } else {
        base
    }
}

/// The warning for a front matter slug that could not be used as written
/// (`s` as parsed, `slug` the one it got).
pub fn slug_warning(s: &Session, slug: &str) -> Option<Diagnostic> {
    let wanted = slugify(&s.slug);
    if s.slug.is_empty() || wanted == slug {
        return None;
    }
    let why = if wanted.is_empty() {
        "has no letters or digits a URL can use"
    } else {
        "is already taken by another session"
    };
    Some(Diagnostic::warning(
        &s.source,
        Some(1),
        format!("slug `{}` {why}; using `{slug}`", s.slug),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_safe() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert!(slugify("通过合作伙伴解决方案扩展生成式AI").is_ascii());
        assert!(slugify(&"很长的标题".repeat(30)).len() <= MAX_SLUG);
        assert_eq!(slugify("AI技能培训"), "ai-ji-neng-pei-xun");
        assert_eq!(slugify("中小企业AI转型"), "zhong-xiao-qi-ye-ai-zhuan-xing");
        assert_eq!(slugify("Nova 2 Sonic"), "nova-2-sonic");
    }

    #[test]
    fn a_slug_that_cannot_be_used_says_why() {
        let session = |slug: &str| {
            let mut s = recap::parse_recap("a.txt", "# 标题\n\n00:00 - 开场\n").session;
            s.slug = slug.into();
            s
        };
        let warning =
            |slug: &str, got: &str| slug_warning(&session(slug), got).map(|d| d.to_string());
        assert_eq!(warning("intro", "intro"), None);
        assert_eq!(warning("", "biao-ti"), None);
        let taken = warning("intro", "intro-2").unwrap();
        assert!(
            taken.contains("a.txt:1") && taken.contains("already taken"),
            "{taken}"
        );
        let unusable = warning("..", "a-txt").unwrap();
        assert!(
            unusable.contains("no letters or digits") && unusable.contains("`a-txt`"),
            "{unusable}"
        );
    }
}
