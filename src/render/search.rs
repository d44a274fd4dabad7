//! The search page (`/search/`) and the index it reads (`/search/*.js`).
//!
//! What is searchable, one [`SearchDoc`] each: every session (title,
//! overview, themes, speakers), every timeline entry (its text and points,
//! with its section heading; the result links to the entry's `#t-…`
//! anchor), every Markdown page, and every entity page enrichment makes.
//! Entries do not repeat their session's title: on a large site that alone
//! put every title word into every entry's postings, and the session's own
//! document already answers for its title. Documents of one page are numbered together, so the
//! hits of one session usually come from one document shard.

use super::clock::Clock;
use super::pages::page_url;
use super::session::session_url;
use super::{output_path, render_page, Common, Sink, Theme};
use crate::enrich::{Entity, Site};
use crate::model::{Page, Session};
use crate::search::{
    build_index, entity_tag, write_index, Documents, IndexStats, SearchDoc, SearchField,
};
use crate::write::Output;
use arcstr::ArcStr;
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::HashSet;

/// Boosts: where a word is says how much a match there means.
const TITLE: f64 = 3.0;
const HEADING: f64 = 2.0;
const BODY: f64 = 1.0;

/// The search page's variables (the strings come from `t`).
#[derive(Serialize)]
struct SearchPage {
    /// Number of documents in the index, for the page's empty state.
    search_docs: usize,
}

/// The search page and the index files.
pub struct Search {
    pub page: Output,
    /// With a sink, each has been handed to it and kept here with its path
    /// only (no bytes).
    pub index: Vec<Output>,
}

/// The search page and the index files, or nothing when the theme has no
/// `search.html`. `entity_pages` are the output paths of the entity pages
/// the site has: an entity is searchable when its page exists, so a result
/// never leads nowhere.
/// With a `sink`, the index files go to it as they are made.
pub fn outputs(
    site: &Site,
    theme: &Theme,
    common: &Common,
    entity_pages: &HashSet<String>,
    sink: Option<Sink>,
) -> anyhow::Result<Option<Search>> {
    if !theme.has_template("search.html") {
        return Ok(None);
    }
    let docs = SiteDocuments::new(site, |url| entity_pages.contains(&output_path(url)));
    let mut index = Vec::new();
    let stats = write_index(&docs, &site.config.language, &mut |mut file| {
        if let Some(sink) = sink {
            sink(&file)?;
            file.bytes = Vec::new();
        }
        index.push(file);
        Ok(())
    })?;
    let page = render_page(
        theme,
        common,
        "search.html",
        "/search/",
        &SearchPage {
            search_docs: stats.docs,
        },
    )?;
    Ok(Some(Search { page, index }))
}

/// The index alone, with its sizes (for benchmarks and reports).
pub fn index(site: &Site) -> (Vec<Output>, IndexStats) {
    build_index(&SiteDocuments::new(site, |_| true), &site.config.language)
}

/// Every searchable document of the site, made a page at a time (see
/// [`Documents`]): sessions, then entities that have a page, then Markdown
/// pages.
pub struct SiteDocuments<'a> {
    site: &'a Site,
    entities: Vec<&'a Entity>,
    /// Each searchable entity's [`entity_tag`], parallel to `entities`.
    tags: Vec<String>,
    /// Per session, every mention of a searchable entity in it: the
    /// entity's index in `entities` and the mention's anchor.
    mentioned: Vec<Vec<(u32, Option<&'a ArcStr>)>>,
}

impl<'a> SiteDocuments<'a> {
    /// Entities are searchable where `has_page(url)`.
    pub fn new(site: &'a Site, has_page: impl Fn(&str) -> bool) -> Self {
        let entities: Vec<&Entity> = site
            .entities
            .iter()
            .filter(|e| has_page(&e.url))
            .map(|e| &**e)
            .collect();
        let tags = entities
            .iter()
            .map(|e| entity_tag(e.kind.name(), &e.slug))
            .collect();
        let mut mentioned = vec![Vec::new(); site.sessions.len()];
        for (k, e) in entities.iter().enumerate() {
            for m in &e.mentions {
                if let Some(list) = mentioned.get_mut(m.session as usize) {
                    list.push((k as u32, m.anchor.as_ref()));
                }
            }
        }
        SiteDocuments {
            site,
            entities,
            tags,
            mentioned,
        }
    }
}

impl Documents for SiteDocuments<'_> {
    fn groups(&self) -> usize {
        self.site.sessions.len() + self.entities.len() + self.site.pages.len()
    }

    fn group(&self, g: usize) -> Vec<SearchDoc<'_>> {
        let sessions = self.site.sessions.len();
        if let Some(s) = self.site.sessions.get(g) {
            session_documents(s)
        } else if let Some(e) = self.entities.get(g - sessions) {
            vec![entity_document(e)]
        } else {
            vec![page_document(
                &self.site.pages[g - sessions - self.entities.len()],
            )]
        }
    }

    fn tag<'d>(&'d self, g: usize, docs: &mut [SearchDoc<'d>]) {
        if let Some(s) = self.site.sessions.get(g) {
            tag_mentions(docs, s, &self.mentioned[g], &self.tags);
        }
    }
}

fn entity_document(e: &Entity) -> SearchDoc<'_> {
    let about: Vec<&str> = [e.role.as_deref(), e.org.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    let about = about.join(" · ");
    let description = e.description.as_deref().unwrap_or_default();
    let text = if !description.is_empty() {
        Cow::Borrowed(description)
    } else {
        e.mentions
            .first()
            .map_or(Cow::Borrowed(""), |m| Cow::Owned(m.excerpt.to_string()))
    };
    SearchDoc {
        page_url: Cow::Borrowed(&e.url),
        page_title: Cow::Borrowed(&e.name),
        kind: Cow::Borrowed(e.kind.name()),
        anchor: Cow::Borrowed(""),
        label: about.clone().into(),
        fields: vec![
            SearchField::new(&e.name, TITLE),
            SearchField::new(e.aliases.join(" "), TITLE),
            SearchField::new(about, HEADING),
            SearchField::new(description, BODY),
        ],
        text,
        tags: Vec::new(),
    }
}

/// Tag each of a session's `docs` with the entities mentioned in it: the
/// overview document for mentions without an anchor (the title and the
/// overview), the first entry with the mention's anchor for the others.
fn tag_mentions<'a>(
    docs: &mut [SearchDoc<'a>],
    s: &Session,
    mentioned: &[(u32, Option<&ArcStr>)],
    tags: &'a [String],
) {
    if mentioned.is_empty() {
        return;
    }
    // Documents are the overview, then the entries in order.
    let mut doc_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, e) in s.entries().enumerate() {
        doc_of.entry(&e.anchor).or_insert(i + 1);
    }
    for &(entity, anchor) in mentioned {
        let doc = anchor.and_then(|a| doc_of.get(a.as_str()));
        docs[doc.map_or(0, |&d| d)]
            .tags
            .push(&tags[entity as usize]);
    }
}

/// Recaps mark emphasis with `**`, an image's file name is not what it
/// shows, nor a link's address: all are noise in excerpts (an image is
/// its alt text, a link its label, see [`super::text::as_read`]). Code
/// is searched as written, without its fences.
fn plain(text: &str) -> Cow<'_, str> {
    if let Some((_, code)) = crate::parse::recap::code::code_of(text) {
        return Cow::Owned(code.trim_end().to_string());
    }
    super::text::as_read(text)
}

/// `parts` joined by line breaks, borrowed when there is only one.
fn lines<'a>(parts: &[Cow<'a, str>]) -> Cow<'a, str> {
    match parts {
        [] => Cow::Borrowed(""),
        [one] => one.clone(),
        _ => Cow::Owned(parts.join("\n")),
    }
}

fn session_documents(s: &Session) -> Vec<SearchDoc<'_>> {
    let mut docs =
        Vec::with_capacity(1 + s.timeline.iter().map(|t| t.entries.len()).sum::<usize>());
    let url = session_url(s);
    let title = plain(&s.title.topic);
    let overview: Vec<Cow<str>> = s.overview.iter().map(|p| plain(&p.text)).collect();
    let speakers: Vec<&str> = s.speaker_names();
    let clock = Clock::for_session(s);
    let mut fields = vec![
        SearchField::new(plain(&s.title.full), TITLE),
        SearchField::new(s.key_themes.join(" "), HEADING),
        SearchField::new(speakers.join(" "), HEADING),
    ];
    fields.extend(overview.iter().map(|o| SearchField::new(o.clone(), BODY)));
    // The footer and the notes find their session too: a source, an
    // aside, a part the parser has no slot for.
    let footer = s.extra.iter().chain(&s.note).map(|p| plain(&p.text));
    let notes = s.footnotes.iter().map(|n| plain(&n.text));
    fields.extend(footer.chain(notes).map(|t| SearchField::new(t, BODY)));
    docs.push(SearchDoc {
        page_url: url.clone().into(),
        page_title: title.clone(),
        kind: "session".into(),
        anchor: "".into(),
        label: speakers.join(" · ").into(),
        fields,
        text: lines(&overview),
        tags: Vec::new(),
    });
    for section in &s.timeline {
        let heading = section.heading.as_deref().map(plain).unwrap_or_default();
        for e in &section.entries {
            let text = plain(&e.text);
            let points: Vec<Cow<str>> = e.points.iter().map(|p| plain(&p.text)).collect();
            let label = match e.start {
                Some(t) => format!("{} · {text}", clock.format(t)).into(),
                None => text.clone(),
            };
            let mut fields = vec![
                SearchField::new(text, HEADING),
                SearchField::new(heading.clone(), BODY),
            ];
            fields.extend(points.iter().map(|p| SearchField::new(p.clone(), BODY)));
            docs.push(SearchDoc {
                page_url: url.clone().into(),
                page_title: title.clone(),
                kind: "session".into(),
                anchor: Cow::Borrowed(&e.anchor),
                label,
                fields,
                text: if points.is_empty() {
                    heading.clone()
                } else {
                    lines(&points)
                },
                tags: Vec::new(),
            });
        }
    }
    docs
}

fn page_document(p: &Page) -> SearchDoc<'_> {
    let body = markdown_text(&p.body);
    let description = p.description.as_deref().unwrap_or_default();
    SearchDoc {
        page_url: page_url(p).into(),
        page_title: Cow::Borrowed(&p.title),
        kind: "page".into(),
        anchor: "".into(),
        label: description.into(),
        fields: vec![
            SearchField::new(&p.title, TITLE),
            SearchField::new(description, HEADING),
            SearchField::new(body.clone(), BODY),
        ],
        text: body.into(),
        tags: Vec::new(),
    }
}

/// The words of a Markdown body, without markup.
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(md) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_document_is_tagged_with_the_entities_it_mentions() {
        use crate::config::SiteConfig;
        use crate::enrich::{enrich, Catalog};
        use crate::parse::{recap::parse_recap, Corpus};
        let recap = "# Conf 2025 分会场总结：测试\n\n## 会议概述\n\n介绍 Amazon Bedrock。\n\n\
            ## 时间线\n\n00:00 - 开场\n- 欢迎\n01:00 - 用 Bedrock 构建\n- 再谈 Amazon Bedrock\n";
        let catalog = Catalog::parse(
            "[[product]]\nname = \"Amazon Bedrock\"\naliases = [\"Bedrock\"]\n",
            "catalog.toml",
        );
        let corpus = Corpus {
            sessions: vec![parse_recap("a.txt", recap).session],
            ..Default::default()
        };
        let site = enrich(corpus, catalog, SiteConfig::default());
        let docs = SiteDocuments::new(&site, |_| true);
        let mut group = docs.group(0);
        assert!(
            group.iter().all(|d| d.tags.is_empty()),
            "tagged only when asked"
        );
        docs.tag(0, &mut group);
        let tagged: Vec<(String, Vec<&str>)> = group
            .into_iter()
            .map(|d| (d.anchor.to_string(), d.tags))
            .collect();
        let bedrock = "product:amazon-bedrock";
        // The overview, not the opening entry; the 01:00 entry once for
        // each of its two mentions, the one by its alias too.
        assert_eq!(
            tagged,
            vec![
                (String::new(), vec![bedrock]),
                ("t-0m00s".to_string(), vec![]),
                ("t-1m00s".to_string(), vec![bedrock, bedrock]),
            ]
        );
    }

    #[test]
    fn code_is_searched_without_its_fences_and_prose_without_bold() {
        assert_eq!(plain("```bash\naws s3 ls **x**\n```"), "aws s3 ls **x**");
        assert_eq!(plain("**重点** 内容"), "重点 内容");
    }

    #[test]
    fn markdown_loses_its_markup() {
        assert_eq!(
            markdown_text("# Title\n\nSome *em* and `code`.\n\n- a\n- b"),
            "Title\nSome em and code.\na\nb"
        );
    }
}
