//! What the index is built from ([`SearchDoc`]s, a page's worth at a time),
//! how they are numbered and laid out ([`Layout`]), and what the browser
//! gets of each (the document shards).

use super::normalize;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;

/// Longest text kept per document for excerpts, in characters.
const MAX_TEXT: usize = 4000;

/// One searchable thing: a timeline entry, a session overview, an entity.
///
/// Text is borrowed from the site where it can be: a big site's documents
/// are all of its text, and copying it would add hundreds of megabytes at
/// the build's peak.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchDoc<'a> {
    /// Root-relative URL of the page, without fragment: `/sessions/x/`.
    pub page_url: Cow<'a, str>,
    /// The page's title, shown as the result heading.
    pub page_title: Cow<'a, str>,
    /// What the page is: `session`, `product`, `company`, `speaker`, …
    /// (the search page has a label for each).
    pub kind: Cow<'a, str>,
    /// Fragment within the page, without `#`: `t-1m15s`; empty for the top.
    pub anchor: Cow<'a, str>,
    /// Shown under the heading: `12:30 · 开场介绍`; may be empty.
    pub label: Cow<'a, str>,
    /// The text that is indexed, field by field.
    pub fields: Vec<SearchField<'a>>,
    /// The text excerpts are cut from (usually the fields joined).
    pub text: Cow<'a, str>,
    /// Exact tokens, neither cut nor normalised, that find this document
    /// whatever its words: [`entity_tag`]s of the entities it mentions.
    pub tags: Vec<&'a str>,
}

/// The token that finds every document mentioning an entity: its kind and
/// slug, `product:amazon-bedrock`. Text never gives such a token (`:` is
/// not a word character), and `search.js` looks it up for
/// `/search/?of=product:amazon-bedrock`.
pub fn entity_tag(kind: &str, slug: &str) -> String {
    format!("{kind}:{slug}")
}

/// Text with a weight: titles count more than body text.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchField<'a> {
    pub text: Cow<'a, str>,
    pub boost: f64,
}

impl<'a> SearchField<'a> {
    pub fn new(text: impl Into<Cow<'a, str>>, boost: f64) -> Self {
        SearchField {
            text: text.into(),
            boost,
        }
    }
}

/// The documents of a site, made a group at a time: every document at once
/// would be a copy of most of a big site's text (270,000 documents and
/// hundreds of megabytes for 10,000 sessions), so the index asks for a
/// group when it needs it, and may ask more than once.
///
/// Groups are numbered `0..groups()`, and documents are numbered across
/// them in that order. A page's documents are consecutive: keep each page
/// within one group, or in adjacent ones.
pub trait Documents: Sync {
    /// How many groups there are.
    fn groups(&self) -> usize;
    /// The documents of group `g`, in order; the same every time.
    fn group(&self, g: usize) -> Vec<SearchDoc<'_>>;

    /// Give the documents of group `g`, as [`Documents::group`] made them,
    /// their [`SearchDoc::tags`]. Only their terms need them: the documents
    /// made again for the shards the browser reads go without. None unless
    /// a site has them.
    fn tag<'d>(&'d self, _g: usize, _docs: &mut [SearchDoc<'d>]) {}
}

/// Documents already made: each its own group.
impl Documents for [SearchDoc<'_>] {
    fn groups(&self) -> usize {
        self.len()
    }

    fn group(&self, g: usize) -> Vec<SearchDoc<'_>> {
        vec![self[g].clone()]
    }
}

/// A document's fields, [`normalize`]d, with their boosts.
pub(super) fn normalized(d: &SearchDoc) -> Vec<(String, f64)> {
    d.fields
        .iter()
        .map(|f| (normalize(&f.text), f.boost))
        .collect()
}

/// What the index needs to know of every document before it makes any file:
/// small numbers, not text, gathered group by group as the documents are
/// tokenised.
#[derive(Default)]
pub(super) struct Layout {
    /// Where each group's documents start, and (last, once
    /// [`Layout::finish`]ed) how many there are.
    pub(super) starts: Vec<usize>,
    /// Each document's length in tokens.
    pub(super) lens: Vec<u32>,
    /// Documents that start a page.
    page_starts: Vec<usize>,
    /// The records' bytes, all together, to size the document shards.
    pub(super) record_bytes: usize,
    /// The page of the last document so far.
    last_url: Option<String>,
}

impl Layout {
    /// Add the next group: its documents, and for each its length in
    /// tokens and its record's [`DocRecord::approx_bytes`].
    pub(super) fn push_group(&mut self, group: &[SearchDoc], sizes: &[(u32, usize)]) {
        debug_assert_eq!(group.len(), sizes.len());
        let start = self.lens.len();
        self.starts.push(start);
        for (i, d) in group.iter().enumerate() {
            if self.last_url.as_deref() != Some(&*d.page_url) {
                self.page_starts.push(start + i);
                self.last_url = Some(d.page_url.to_string());
            }
        }
        self.lens.extend(sizes.iter().map(|&(len, _)| len));
        self.record_bytes += sizes.iter().map(|&(_, bytes)| bytes).sum::<usize>();
    }

    /// Close the list of group starts with the number of documents.
    pub(super) fn finish(&mut self) {
        self.starts.push(self.lens.len());
    }

    /// Where each page's documents start, as gaps: documents of one page are
    /// consecutive, so the browser can tell a hit's page from its number.
    pub(super) fn page_start_gaps(&self) -> Vec<u32> {
        let mut last = 0;
        self.page_starts
            .iter()
            .map(|&s| {
                let gap = (s - last) as u32;
                last = s;
                gap
            })
            .collect()
    }
}

/// The documents of `groups`, made in parallel, in order.
pub(super) fn make<'d, D: Documents + ?Sized>(
    docs: &'d D,
    groups: std::ops::Range<usize>,
) -> Vec<SearchDoc<'d>> {
    groups
        .into_par_iter()
        .flat_map_iter(|g| docs.group(g))
        .collect()
}

/// A document as the browser gets it.
pub(super) struct DocRecord<'a> {
    page_url: &'a str,
    page_title: &'a str,
    kind: &'a str,
    anchor: &'a str,
    label: &'a str,
    /// Borrowed unless it had to be cut.
    text: Cow<'a, str>,
}

impl<'a> From<&'a SearchDoc<'_>> for DocRecord<'a> {
    fn from(d: &'a SearchDoc<'_>) -> Self {
        let text = match d.text.char_indices().nth(MAX_TEXT) {
            Some((cut, _)) => Cow::Owned(format!("{}…", &d.text[..cut])),
            None => Cow::Borrowed(&*d.text),
        };
        DocRecord {
            page_url: &d.page_url,
            page_title: &d.page_title,
            kind: &d.kind,
            anchor: &d.anchor,
            label: &d.label,
            text,
        }
    }
}

impl DocRecord<'_> {
    /// About what the record adds to its shard, to size the shards.
    pub(super) fn approx_bytes(&self) -> usize {
        self.anchor.len()
            + self.label.len()
            + self.text.len()
            + 16
            + (self.page_url.len() + self.page_title.len()) / 8
    }
}

/// `{"pages":[[url,title,kind],…],"docs":[[page,anchor,label,text],…]}`:
/// pages are listed once per shard, not repeated for each of their entries.
/// URLs are relative to the site root (no leading `/`), so the browser can
/// resolve them against wherever the site lives.
pub(super) fn docs_shard_json(records: &[DocRecord]) -> String {
    #[derive(Serialize)]
    struct Shard<'a> {
        docs: Vec<(usize, &'a str, &'a str, &'a str)>,
        pages: Vec<(&'a str, &'a str, &'a str)>,
    }
    let mut shard = Shard {
        docs: Vec::with_capacity(records.len()),
        pages: Vec::new(),
    };
    for r in records {
        let key = (r.page_url.trim_start_matches('/'), r.page_title, r.kind);
        let page = match shard.pages.iter().position(|p| *p == key) {
            Some(i) => i,
            None => {
                shard.pages.push(key);
                shard.pages.len() - 1
            }
        };
        shard.docs.push((page, r.anchor, r.label, &r.text));
    }
    crate::json::to_string(&shard).expect("document shards serialise")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_shards_list_pages_once_with_site_relative_urls() {
        let a = SearchDoc {
            page_url: "/sessions/a/".into(),
            page_title: "A".into(),
            kind: "session".into(),
            anchor: "t-0m00s".into(),
            label: "".into(),
            fields: Vec::new(),
            text: "one".into(),
            tags: Vec::new(),
        };
        let mut b = a.clone();
        b.anchor = "t-1m15s".into();
        let json = docs_shard_json(&[DocRecord::from(&a), DocRecord::from(&b)]);
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(
            v["pages"],
            serde_json::json!([["sessions/a/", "A", "session"]])
        );
        assert_eq!(v["docs"][1], serde_json::json!([0, "t-1m15s", "", "one"]));
    }

    #[test]
    fn long_texts_are_cut() {
        let long = "字".repeat(MAX_TEXT + 10);
        let d = SearchDoc {
            page_url: "/a/".into(),
            page_title: "A".into(),
            kind: "page".into(),
            anchor: "".into(),
            label: "".into(),
            fields: Vec::new(),
            text: long.into(),
            tags: Vec::new(),
        };
        let r = DocRecord::from(&d);
        assert_eq!(r.text.chars().count(), MAX_TEXT + 1);
        assert!(r.text.ends_with('…'));
    }
}
