//! Stage 3: [`Corpus`] + [`Catalog`] → [`Site`], the whole cross-linked graph.
//!
//! The renderer reads only [`Site`]: sessions as parsed, plus what enrichment
//! found about each (its [`SessionInfo`]) and inline [`Link`]s for the text.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Session};
use crate::parse::Corpus;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The entity catalog from `content/catalog.toml`.
#[derive(Debug, Default, Clone)]
pub struct Catalog {}

impl Catalog {
    pub fn load(_content: &Path) -> anyhow::Result<Catalog> {
        Ok(Catalog {})
    }
}

/// Everything the renderer needs.
#[derive(Debug)]
pub struct Site {
    pub config: SiteConfig,
    /// Sorted by source path. `speakers` holds front matter speakers and,
    /// when the front matter names none, the ones found in the prose.
    pub sessions: Vec<Session>,
    /// Parallel to `sessions`.
    pub info: Vec<SessionInfo>,
    /// Inline links to entity pages, keyed by where the text is.
    pub links: BTreeMap<TextKey, Vec<Link>>,
    pub pages: Vec<Page>,
    pub diagnostics: Vec<Diagnostic>,
}

/// What enrichment found about one session, ready to list on its page.
#[derive(Debug, Default, Clone, Serialize)]
pub struct SessionInfo {
    pub products: Vec<EntityRef>,
    pub companies: Vec<EntityRef>,
    pub topics: Vec<EntityRef>,
    pub speakers: Vec<EntityRef>,
    /// 3–5 sessions sharing the rarest entities, best first (indexes into
    /// `Site::sessions`).
    pub related: Vec<usize>,
    /// Key figures said in this session.
    pub numbers: Vec<KeyNumber>,
}

/// A link to an entity page, with how often the session mentions it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityRef {
    pub name: String,
    /// Root-relative URL, e.g. `/products/amazon-bedrock/`.
    pub url: String,
    pub count: usize,
}

/// A statistic as written: `98%`, `1320亿美元`, `140秒降至87秒`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct KeyNumber {
    pub text: String,
    pub value: f64,
    pub unit: String,
    pub magnitude: String,
    /// The sentence it was said in.
    pub excerpt: String,
    pub anchor: Option<String>,
}

/// Where a piece of session text is: the overview paragraph `i`, an entry's
/// title, or point `j` of an entry.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKey {
    Overview { session: usize, paragraph: usize },
    Entry { session: usize, anchor: String },
    Point { session: usize, anchor: String, point: usize },
}

/// A span of text (byte offsets into the unescaped text) that links to a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub url: String,
    pub title: String,
}

pub fn enrich(corpus: Corpus, _catalog: Catalog, config: SiteConfig) -> Site {
    let info = vec![SessionInfo::default(); corpus.sessions.len()];
    Site {
        config,
        sessions: corpus.sessions,
        info,
        links: BTreeMap::new(),
        pages: corpus.pages,
        diagnostics: corpus.diagnostics,
    }
}
