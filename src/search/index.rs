//! Search documents → the sharded index files under `search/`.
//!
//! What a first search downloads stays small however large the site is:
//!
//! * `search/search-index.js` sets `window.RECAP_SEARCH`: the document
//!   count, shard counts, documents per document shard, a content hash that
//!   busts caches after a rebuild, and where each page's documents start
//!   (varint gaps, two or three bytes a page), so hits can be grouped by
//!   page before any document is loaded.
//! * `search/p/<k>.js` holds the postings of the words and bigrams whose
//!   [`token_hash`] is `k` modulo the shard count; a query loads only the
//!   shards of its own tokens. Single CJK characters, which only
//!   one-character queries use and which are the longest lists, live apart
//!   in `search/u/<k>.js`, so they never weigh on other queries.
//! * `search/d/<k>.js` holds documents `k*D … k*D+D-1` (title, URL, label,
//!   text for the excerpt); the browser loads only the shards of the hits it
//!   shows. A page's documents are numbered together, so its hits share one.
//!
//! Shards are scripts that call `RECAP_SEARCH_LOADED(kind, k, data)`, so they
//! load with a `<script>` tag from `file://` as well as over HTTP.
//!
//! Scores are BM25 with field boosts. The length-normalised term weight of
//! each posting is computed here and quantised into one character, so the
//! browser needs no document lengths: it multiplies by the idf it derives
//! from the postings count.

use super::encode::{encode_varints, PostingsWriter, MAX_WEIGHT};
use super::{each_index_token, is_cjk, normalize, token_hash};
use crate::write::Output;
use hashbrown::HashTable;
use rayon::prelude::*;
use serde::Serialize;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

/// BM25 term-frequency saturation.
const K1: f64 = 1.2;
/// BM25 length normalisation.
const B: f64 = 0.75;
/// Aim for postings shards of about this many bytes.
const POSTINGS_SHARD_BYTES: usize = 48 * 1024;
/// Aim for document shards of about this many bytes: a results page shows
/// ten pages, each from its own shard, so these stay small.
const DOCS_SHARD_BYTES: usize = 12 * 1024;
/// Most postings shards; more would only add requests.
const MAX_POSTINGS_SHARDS: usize = 4096;
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

/// Sizes of the index written, for reports and tests.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndexStats {
    pub docs: usize,
    pub tokens: usize,
    pub postings: usize,
    pub postings_shards: usize,
    pub unigram_shards: usize,
    pub docs_per_shard: usize,
    /// Pages the documents belong to.
    pub pages: usize,
    pub docs_shards: usize,
    /// Bytes of `search-index.js`.
    pub meta_bytes: usize,
    pub total_bytes: usize,
    pub largest_postings_shard: usize,
    pub largest_unigram_shard: usize,
    pub largest_docs_shard: usize,
}

/// Where a page's files go.
pub const DIR: &str = "search";

/// Build the index files for `docs` (in the order given: keep a page's
/// documents together).
pub fn build_index(docs: &[SearchDoc], language: &str) -> (Vec<Output>, IndexStats) {
    let normalized = |d: &SearchDoc| -> Vec<(String, f64)> {
        d.fields
            .iter()
            .map(|f| (normalize(&f.text), f.boost))
            .collect()
    };
    // BM25 needs the average length before any weight can be quantised, so
    // lengths come first; then terms are found a batch of documents at a
    // time (in parallel) and appended, encoded, to each token's postings.
    // Neither every document's terms nor all the normalised text is held
    // at once: on a big site each would be hundreds of megabytes.
    let lens: Vec<usize> = docs.par_iter().map(|d| doc_len(&normalized(d))).collect();
    let avgdl = if docs.is_empty() {
        1.0
    } else {
        (lens.iter().sum::<usize>() as f64 / docs.len() as f64).max(1.0)
    };
    const BATCH: usize = 4096;
    let mut parts: Vec<HashTable<Postings>> = (0..PARTS).map(|_| HashTable::new()).collect();
    for (b, batch) in docs.chunks(BATCH).enumerate() {
        let first = b * BATCH;
        let batch: Vec<Vec<(String, f64)>> = batch.par_iter().map(normalized).collect();
        let terms: Vec<Vec<(Token, u8)>> = batch
            .par_iter()
            .enumerate()
            .map(|(k, fields)| {
                let norm = K1 * (1.0 - B + B * lens[first + k] as f64 / avgdl);
                let mut terms: Vec<(Token, u8)> = weighted_terms(fields)
                    .into_iter()
                    .map(|(token, tf)| (token, quantize(tf, norm)))
                    .collect();
                terms.sort_unstable_by_key(|(t, _)| t.part());
                terms
            })
            .collect();
        // Each part owns the tokens whose hash falls in it (a document's
        // terms are sorted by part), so the parts fill in parallel, every
        // list still in document order.
        parts.par_iter_mut().enumerate().for_each(|(p, table)| {
            for (k, terms) in terms.iter().enumerate() {
                let from = terms.partition_point(|(t, _)| t.part() < p);
                let to = terms.partition_point(|(t, _)| t.part() <= p);
                for &(token, q) in &terms[from..to] {
                    postings_of(table, token).push((first + k) as u32, q);
                }
            }
        });
    }
    let postings: Vec<(Box<str>, PostingsWriter)> = parts
        .into_iter()
        .flatten()
        .map(|p| (p.token, p.writer))
        .collect();

    let mut stats = IndexStats {
        docs: docs.len(),
        tokens: postings.len(),
        postings: postings.iter().map(|(_, w)| w.len()).sum(),
        pages: page_start_gaps(docs).len(),
        ..Default::default()
    };

    // Each stage below frees its input before the next (a big site's
    // index is over a hundred megabytes per copy).
    let encoded: Vec<(String, String)> = {
        let mut v = postings;
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.into_iter()
            .map(|(t, p)| (t.into_string(), p.finish()))
            .collect()
    };
    let (unigrams, words): (Vec<_>, Vec<_>) = encoded.into_iter().partition(|(t, _)| is_unigram(t));
    let mut files = Vec::new();
    stats.postings_shards = postings_shards("p", words, &mut files);
    stats.unigram_shards = postings_shards("u", unigrams, &mut files);

    let records: Vec<DocRecord> = docs.iter().map(DocRecord::from).collect();
    let avg_record = if records.is_empty() {
        1
    } else {
        records.iter().map(DocRecord::approx_bytes).sum::<usize>() / records.len()
    };
    let per_shard = (DOCS_SHARD_BYTES / avg_record.max(1)).clamp(8, 4096);

    let doc_shards: Vec<Output> = records
        .par_chunks(per_shard)
        .enumerate()
        .map(|(k, chunk)| shard_file("d", k, &docs_shard_json(chunk)))
        .collect();
    files.extend(doc_shards);
    stats.docs_per_shard = per_shard;
    stats.docs_shards = records.len().div_ceil(per_shard);
    stats.largest_postings_shard = largest(&files, "search/p/");
    stats.largest_unigram_shard = largest(&files, "search/u/");
    stats.largest_docs_shard = largest(&files, "search/d/");

    let version = content_hash(&files);
    let meta = serde_json::json!({
        "v": 1,
        "n": docs.len(),
        "p": stats.postings_shards,
        "u": stats.unigram_shards,
        "d": per_shard,
        "s": encode_varints(page_start_gaps(docs)),
        "h": format!("{version:08x}"),
        "lang": language,
    });
    // The base URL of the shards is where this script itself was loaded
    // from, so the index works from `/search/` and from a relative bundle.
    let meta_js = format!(
        "window.RECAP_SEARCH={meta};\n\
         window.RECAP_SEARCH.base=document.currentScript?document.currentScript.src.replace(/[^/]*$/,\"\"):\"\";\n"
    );
    stats.meta_bytes = meta_js.len();
    files.push(Output::new(format!("{DIR}/search-index.js"), meta_js));
    stats.total_bytes = files.iter().map(|f| f.bytes.len()).sum();
    (files, stats)
}

/// One CJK character: the tokens only one-character queries look up.
fn is_unigram(token: &str) -> bool {
    let mut cs = token.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c))
}

/// Write the postings of `tokens` into `search/<kind>/<k>.js` files, as many
/// (a power of two) as keep them near [`POSTINGS_SHARD_BYTES`]; returns
/// how many. Each shard's lists are freed once its file is made, so the
/// postings are not held twice.
fn postings_shards(kind: &str, tokens: Vec<(String, String)>, files: &mut Vec<Output>) -> usize {
    let total: usize = tokens.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
    let shards = total
        .div_ceil(POSTINGS_SHARD_BYTES)
        .next_power_of_two()
        .clamp(1, MAX_POSTINGS_SHARDS);
    let mut by_shard: Vec<BTreeMap<String, String>> = vec![BTreeMap::new(); shards];
    for (t, p) in tokens {
        by_shard[token_hash(&t) as usize % shards].insert(t, p);
    }
    for (k, shard) in by_shard.into_iter().enumerate() {
        let json = serde_json::to_string(&shard).expect("postings serialise");
        drop(shard);
        files.push(shard_file(kind, k, &json));
    }
    shards
}

/// Where each page's documents start, as gaps: documents of one page are
/// consecutive, so the browser can tell a hit's page from its number.
fn page_start_gaps(docs: &[SearchDoc]) -> Vec<u32> {
    let mut gaps = Vec::new();
    let mut last_start = 0;
    for (i, d) in docs.iter().enumerate() {
        if i == 0 || docs[i - 1].page_url != d.page_url {
            gaps.push((i - last_start) as u32);
            last_start = i;
        }
    }
    gaps
}

fn largest(files: &[Output], prefix: &str) -> usize {
    files
        .iter()
        .filter(|f| f.path.starts_with(prefix))
        .map(|f| f.bytes.len())
        .max()
        .unwrap_or(0)
}

/// How many maps the postings are split over while they are filled.
const PARTS: usize = 16;

/// A token with its hash, computed once where its document is tokenised
/// (in parallel): the postings loop looks tokens up tens of millions of
/// times on a large site.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Token<'a> {
    hash: u64,
    text: &'a str,
}

impl<'a> Token<'a> {
    fn new(text: &'a str) -> Self {
        let mut h = Fnv::default();
        h.write(text.as_bytes());
        Token {
            hash: h.finish(),
            text,
        }
    }

    fn part(&self) -> usize {
        (self.hash % PARTS as u64) as usize
    }
}

impl std::hash::Hash for Token<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash);
    }
}

/// A token's postings list, filled as documents are tokenised. The token is
/// owned (a few bytes, once per distinct token) so that each batch's
/// normalised text can be freed.
struct Postings {
    hash: u64,
    token: Box<str>,
    writer: PostingsWriter,
}

/// The postings list of `token` in `table`, made empty the first time.
fn postings_of<'t>(table: &'t mut HashTable<Postings>, token: Token) -> &'t mut PostingsWriter {
    let entry = table.entry(
        token.hash,
        |p| p.hash == token.hash && *p.token == *token.text,
        |p| p.hash,
    );
    &mut entry
        .or_insert_with(|| Postings {
            hash: token.hash,
            token: token.text.into(),
            writer: PostingsWriter::default(),
        })
        .into_mut()
        .writer
}

/// A BM25 term weight, scaled to one character of the encoding.
fn quantize(tf: f64, norm: f64) -> u8 {
    let w = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0);
    (w * f64::from(MAX_WEIGHT))
        .ceil()
        .clamp(1.0, f64::from(MAX_WEIGHT)) as u8
}

/// Tokens are a few bytes long and hashed tens of millions of times on a
/// large site; FNV-1a is several times faster than the default SipHash for
/// that, and the maps never reach the output, so hash order cannot leak.
type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A document's tokens with field-weighted frequencies, in no particular
/// order: each token gets one posting per document, and postings lists are
/// filled in document order, so the order here never reaches the output.
fn weighted_terms(fields: &[(String, f64)]) -> Vec<(Token<'_>, f64)> {
    let mut tf: FastMap<Token, f64> = FastMap::default();
    for (text, boost) in fields {
        each_index_token(text, |t| {
            *tf.entry(Token::new(t)).or_insert(0.0) += boost;
        });
    }
    tf.into_iter().collect()
}

/// A document's length in tokens.
fn doc_len(fields: &[(String, f64)]) -> usize {
    let mut len = 0;
    for (text, _) in fields {
        each_index_token(text, |_| len += 1);
    }
    len
}

/// A document as the browser gets it.
struct DocRecord<'a> {
    page_url: &'a str,
    page_title: &'a str,
    kind: &'a str,
    anchor: &'a str,
    label: &'a str,
    /// Borrowed unless it had to be cut: every document's text at once is
    /// most of a big site's text.
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
    fn approx_bytes(&self) -> usize {
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
fn docs_shard_json(records: &[DocRecord]) -> String {
    let mut pages: Vec<(&str, &str, &str)> = Vec::new();
    let mut docs = Vec::with_capacity(records.len());
    for r in records {
        let key = (r.page_url, r.page_title, r.kind);
        let page = match pages.iter().position(|p| *p == key) {
            Some(i) => i,
            None => {
                pages.push(key);
                pages.len() - 1
            }
        };
        docs.push(serde_json::json!([page, r.anchor, r.label, r.text]));
    }
    let pages: Vec<_> = pages
        .iter()
        .map(|(u, t, k)| serde_json::json!([u.trim_start_matches('/'), t, k]))
        .collect();
    serde_json::json!({ "pages": pages, "docs": docs }).to_string()
}

fn shard_file(kind: &str, k: usize, json: &str) -> Output {
    Output::new(
        format!("{DIR}/{kind}/{k}.js"),
        format!("RECAP_SEARCH_LOADED(\"{kind}\",{k},{json});\n"),
    )
}

/// FNV-1a over every shard, so a rebuilt index gets new shard URLs.
/// A version tag for the index files, so browsers never mix shards of two
/// builds: each file hashed in parallel, eight bytes at a time (the index
/// is over a hundred megabytes on a big site), the hashes then combined.
fn content_hash(files: &[Output]) -> u32 {
    fn mix(h: u64, word: u64) -> u64 {
        (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
    }
    fn hash(bytes: &[u8]) -> u64 {
        let mut chunks = bytes.chunks_exact(8);
        let mut h = bytes.len() as u64;
        for c in &mut chunks {
            h = mix(h, u64::from_le_bytes(c.try_into().expect("eight bytes")));
        }
        chunks
            .remainder()
            .iter()
            .fold(h, |h, &b| mix(h, u64::from(b)))
    }
    let per_file: Vec<u64> = files
        .par_iter()
        .map(|f| mix(hash(f.path.as_bytes()), hash(&f.bytes)))
        .collect();
    let h = per_file.into_iter().fold(0, mix);
    (h ^ (h >> 32)) as u32
}

#[cfg(test)]
mod tests {
    use super::super::encode::decode_postings;
    use super::super::query_tokens;
    use super::*;

    fn doc<'a>(
        url: impl Into<Cow<'a, str>>,
        title: impl Into<Cow<'a, str>>,
        body: impl Into<Cow<'a, str>>,
    ) -> SearchDoc<'a> {
        let (title, body) = (title.into(), body.into());
        SearchDoc {
            page_url: url.into(),
            page_title: title.clone(),
            kind: "session".into(),
            anchor: "".into(),
            label: "".into(),
            fields: vec![
                SearchField::new(title, 3.0),
                SearchField::new(body.clone(), 1.0),
            ],
            text: body,
        }
    }

    fn postings_of(files: &[Output], token: &str) -> Vec<(u32, u8)> {
        for f in files
            .iter()
            .filter(|f| f.path.starts_with("search/p/") || f.path.starts_with("search/u/"))
        {
            let s = String::from_utf8(f.bytes.clone()).unwrap();
            let json = &s[s.find('{').unwrap()..s.rfind(')').unwrap()];
            let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
            if let Some(p) = map.get(token) {
                return decode_postings(p).unwrap();
            }
        }
        Vec::new()
    }

    #[test]
    fn finds_documents_by_every_query_token() {
        let docs = vec![
            doc(
                "/sessions/a/",
                "桑坦德银行的迁移",
                "使用 Amazon Bedrock 构建代理",
            ),
            doc("/sessions/b/", "Centrica 能源", "代理式AI与电网"),
        ];
        let (files, stats) = build_index(&docs, "zh-CN");
        assert_eq!(stats.docs, 2);
        let docs_of = |q: &str| -> Vec<Vec<u32>> {
            query_tokens(q)
                .iter()
                .map(|t| postings_of(&files, t).iter().map(|p| p.0).collect())
                .collect()
        };
        assert_eq!(docs_of("桑坦德"), vec![vec![0], vec![0]]);
        assert_eq!(docs_of("代理"), vec![vec![0, 1]]);
        assert_eq!(docs_of("centrica"), vec![vec![1]]);
        assert_eq!(docs_of("Bedrock"), vec![vec![0]]);
    }

    #[test]
    fn title_matches_weigh_more_than_body_matches() {
        let docs = vec![
            doc("/a/", "Bedrock", "一些别的内容和更多的文字"),
            doc("/b/", "别的标题", "Bedrock 一些内容和更多的文字"),
        ];
        let (files, _) = build_index(&docs, "en");
        let p = postings_of(&files, "bedrock");
        assert!(p[0].1 > p[1].1, "{p:?}");
    }

    #[test]
    fn meta_names_shards_and_finds_its_own_base() {
        let (files, stats) = build_index(&[doc("/a/", "x", "y")], "en");
        let meta = files
            .iter()
            .find(|f| f.path == "search/search-index.js")
            .unwrap();
        let meta = String::from_utf8(meta.bytes.clone()).unwrap();
        assert!(meta.starts_with("window.RECAP_SEARCH={"), "{meta}");
        assert!(meta.contains("document.currentScript"));
        assert_eq!(stats.postings_shards, 1);
        assert!(files.iter().any(|f| f.path == "search/p/0.js"));
        assert!(files.iter().any(|f| f.path == "search/d/0.js"));
    }

    #[test]
    fn unigrams_live_apart_and_pages_are_numbered() {
        let mut a2 = doc("/sessions/a/", "代理", "x");
        a2.anchor = "t-1m00s".into();
        let docs = vec![
            doc("/sessions/a/", "代理", "x"),
            a2,
            doc("/sessions/b/", "其他", "y"),
        ];
        let (files, stats) = build_index(&docs, "zh-CN");
        let unigram_files: String = files
            .iter()
            .filter(|f| f.path.starts_with("search/u/"))
            .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
            .collect();
        assert!(unigram_files.contains("\"代\"") && !unigram_files.contains("代理"));
        assert_eq!(stats.pages, 2);
        assert_eq!(page_start_gaps(&docs), vec![0, 2]);
    }

    #[test]
    fn doc_shards_list_pages_once_with_site_relative_urls() {
        let mut a = doc("/sessions/a/", "A", "one");
        let mut b = a.clone();
        a.anchor = "t-0m00s".into();
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
    fn output_is_deterministic() {
        let docs: Vec<SearchDoc> = (0..50)
            .map(|i| {
                doc(
                    format!("/s/{i}/"),
                    format!("会议 {i}"),
                    "代理 Bedrock 数据 桑坦德 模型",
                )
            })
            .collect();
        assert_eq!(build_index(&docs, "zh-CN").0, build_index(&docs, "zh-CN").0);
    }

    #[test]
    fn large_sites_get_more_shards() {
        let docs: Vec<SearchDoc> = (0..3000)
            .map(|i| {
                doc(
                    format!("/s/{i}/"),
                    format!("标题{i}号 word{i}"),
                    format!("正文{i} token{} 更多内容{}", i * 7, i % 13),
                )
            })
            .collect();
        let (_, stats) = build_index(&docs, "zh-CN");
        assert!(stats.postings_shards > 1, "{stats:?}");
        assert!(stats.docs_shards > 1, "{stats:?}");
        assert!(
            stats.largest_postings_shard < stats.total_bytes / 2,
            "{stats:?}"
        );
    }
}
