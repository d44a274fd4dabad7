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

use super::documents::{
    docs_shard_json, make, normalized, DocRecord, Documents, Layout, SearchDoc,
};
use super::encode::{encode_varints, gap, PostingsWriter, MAX_WEIGHT};
use super::{each_index_token, is_cjk, token_hash};
use crate::write::Output;
use hashbrown::HashTable;
use rayon::prelude::*;
use serde::Serialize;

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
/// About how many documents are made and tokenised at once.
const BATCH: usize = 4096;

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

/// The index files of `docs`, all at once (see [`write_index`]).
pub fn build_index<D: Documents + ?Sized>(docs: &D, language: &str) -> (Vec<Output>, IndexStats) {
    let mut files = Vec::new();
    let stats = write_index(docs, language, &mut |f| {
        files.push(f);
        Ok(())
    })
    .expect("collecting files cannot fail");
    (files, stats)
}

/// Build the index files of `docs`, handing each to `emit` as soon as it is
/// made, `search-index.js` last: a big site's index is over a hundred
/// megabytes, which the caller can write out and let go. The first error
/// `emit` returns stops the index and is returned.
///
/// Documents are made a batch of groups at a time, twice over (for their
/// terms, then for their shards), so that neither all the documents nor
/// all their normalised text are ever held at once.
pub fn write_index<D: Documents + ?Sized>(
    docs: &D,
    language: &str,
    emit: &mut dyn FnMut(Output) -> anyhow::Result<()>,
) -> anyhow::Result<IndexStats> {
    // Terms are found a batch at a time (in parallel) and appended to each
    // token's postings with their raw frequency: BM25 needs the average
    // document length, known only at the end, to weigh them.
    let mut layout = Layout::default();
    let mut parts: Vec<HashTable<Postings>> = (0..PARTS).map(|_| HashTable::new()).collect();
    let (groups, mut next, mut per_batch) = (docs.groups(), 0, 64);
    while next < groups {
        let range = next..groups.min(next + per_batch);
        next = range.end;
        let made: Vec<Vec<SearchDoc>> = range
            .clone()
            .into_par_iter()
            .map(|g| {
                let mut group = docs.group(g);
                docs.tag(g, &mut group);
                group
            })
            .collect();
        let batch: Vec<&SearchDoc> = made.iter().flatten().collect();
        let texts: Vec<DocText> = batch.par_iter().map(|d| DocText::of(d)).collect();
        let terms: Vec<DocTerms> = texts
            .par_iter()
            .map(|t| DocTerms::of(&t.fields, &t.tags))
            .collect();
        let first = layout.lens.len();
        let mut sizes = terms
            .iter()
            .zip(&texts)
            .map(|(t, text)| (t.len, text.record_bytes));
        for group in &made {
            let group_sizes: Vec<(u32, usize)> = sizes.by_ref().take(group.len()).collect();
            layout.push_group(group, &group_sizes);
        }
        // The documents themselves are done with: their text is in `texts`.
        drop(batch);
        drop(made);
        // Each part owns the tokens whose hash falls in it, so the parts
        // fill in parallel, every list still in document order.
        parts.par_iter_mut().enumerate().for_each(|(p, table)| {
            for (k, doc) in terms.iter().enumerate() {
                for &(token, tf) in doc.in_part(p) {
                    postings_of(table, token).push((first + k) as u32, tf);
                }
            }
        });
        // Aim the next batch at about `BATCH` documents.
        per_batch = (BATCH * range.len() / terms.len().max(1)).clamp(1, 4096);
    }
    layout.finish();
    let n = layout.lens.len();
    let avgdl = if n == 0 {
        1.0
    } else {
        (layout.lens.iter().map(|&l| l as usize).sum::<usize>() as f64 / n as f64).max(1.0)
    };
    let norms: Vec<f64> = layout
        .lens
        .iter()
        .map(|&len| K1 * (1.0 - B + B * f64::from(len) / avgdl))
        .collect();
    // In no order: each shard sorts its own tokens (a sort of them all,
    // on one thread, was a tenth of making the index).
    let postings: Vec<(Box<str>, RawPostings)> = parts
        .into_iter()
        .flatten()
        .map(|p| (p.token, p.raw))
        .collect();

    let gaps = layout.page_start_gaps();
    let mut out = Emitter::new(emit);
    let mut stats = IndexStats {
        docs: n,
        tokens: postings.len(),
        postings: postings.iter().map(|(_, r)| r.len).sum(),
        pages: gaps.len(),
        ..Default::default()
    };

    // Each stage below frees its input before the next (a big site's
    // index is over a hundred megabytes per copy).
    let encoded: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(t, raw)| (t.into_string(), raw.weighed(&norms)))
        .collect();
    let (unigrams, words): (Vec<_>, Vec<_>) = encoded.into_iter().partition(|(t, _)| is_unigram(t));
    stats.postings_shards = postings_shards("p", words, &mut out)?;
    stats.largest_postings_shard = out.take_largest();
    stats.unigram_shards = postings_shards("u", unigrams, &mut out)?;
    stats.largest_unigram_shard = out.take_largest();

    let per_shard = (DOCS_SHARD_BYTES / (layout.record_bytes / n.max(1)).max(1)).clamp(8, 4096);
    stats.docs_per_shard = per_shard;
    stats.docs_shards = docs_shards(docs, &layout, per_shard, &mut out)?;
    stats.largest_docs_shard = out.take_largest();

    let meta = serde_json::json!({
        "v": 1,
        "n": n,
        "p": stats.postings_shards,
        "u": stats.unigram_shards,
        "d": per_shard,
        "s": encode_varints(gaps),
        "h": format!("{:08x}", out.version()),
        "lang": language,
        "fold": super::fold_pairs(),
        "words": super::word_pairs(),
    });
    // The base URL of the shards is where this script itself was loaded
    // from, so the index works from `/search/` and from a relative bundle.
    let meta_js = format!(
        "window.RECAP_SEARCH={meta};\n\
         window.RECAP_SEARCH.base=document.currentScript?document.currentScript.src.replace(/[^/]*$/,\"\"):\"\";\n"
    );
    stats.meta_bytes = meta_js.len();
    // Not hashed: it holds the hash.
    stats.total_bytes = out.total + meta_js.len();
    (out.sink)(Output::new(format!("{DIR}/search-index.js"), meta_js))?;
    Ok(stats)
}

/// Write the document shards, `per_shard` documents each, a few hundred
/// shards' documents at a time; returns how many there are.
fn docs_shards<D: Documents + ?Sized>(
    docs: &D,
    layout: &Layout,
    per_shard: usize,
    out: &mut Emitter,
) -> anyhow::Result<usize> {
    let n = layout.lens.len();
    let shards = n.div_ceil(per_shard);
    let window = (BATCH * 4).div_ceil(per_shard);
    // Documents made but not yet in a shard; `made[0]` is document `base`.
    let mut made: Vec<SearchDoc> = Vec::new();
    let (mut base, mut next_group) = (0, 0);
    for first in (0..shards).step_by(window) {
        let lo = first * per_shard;
        let hi = ((first + window) * per_shard).min(n);
        // Every group that starts below `hi` (the last start is `n`).
        let to = layout.starts.partition_point(|&s| s < hi);
        if to > next_group {
            made.extend(make(docs, next_group..to));
            next_group = to;
        }
        let files: Vec<(Output, u64)> = made[lo - base..hi - base]
            .par_chunks(per_shard)
            .enumerate()
            .map(|(k, chunk)| {
                let records: Vec<DocRecord> = chunk.iter().map(DocRecord::from).collect();
                let file = shard_file("d", first + k, &docs_shard_json(&records));
                let hash = file_hash(&file);
                (file, hash)
            })
            .collect();
        for (file, hash) in files {
            out.emit_hashed(file, hash)?;
        }
        made.drain(..hi - base);
        base = hi;
    }
    Ok(shards)
}

/// Hands files on and keeps what the index's own metadata needs of them:
/// their content hashes (for the version tag), sizes and the largest.
struct Emitter<'e> {
    sink: &'e mut dyn FnMut(Output) -> anyhow::Result<()>,
    hashes: Vec<u64>,
    total: usize,
    largest: usize,
}

impl<'e> Emitter<'e> {
    fn new(emit: &'e mut dyn FnMut(Output) -> anyhow::Result<()>) -> Self {
        Emitter {
            sink: emit,
            hashes: Vec::new(),
            total: 0,
            largest: 0,
        }
    }

    fn emit_hashed(&mut self, file: Output, hash: u64) -> anyhow::Result<()> {
        self.hashes.push(hash);
        self.total += file.bytes.len();
        self.largest = self.largest.max(file.bytes.len());
        (self.sink)(file)
    }

    /// The largest file since the last call.
    fn take_largest(&mut self) -> usize {
        std::mem::take(&mut self.largest)
    }

    /// A version tag for the index files, so browsers never mix shards of
    /// two builds.
    fn version(&self) -> u32 {
        let h = self.hashes.iter().fold(0, |h, &f| mix(h, f));
        (h ^ (h >> 32)) as u32
    }
}

/// One CJK character: the tokens only one-character queries look up.
fn is_unigram(token: &str) -> bool {
    let mut cs = token.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_cjk(c))
}

/// Write the postings of `tokens` (each token once, in any order) into
/// `search/<kind>/<k>.js` files, as many (a power of two) as keep them near
/// [`POSTINGS_SHARD_BYTES`]; returns how many. Shards are sorted and written
/// a window at a time, in parallel, and each shard's lists are freed once
/// its file is made, so the postings are not held twice.
fn postings_shards(
    kind: &str,
    tokens: Vec<(String, String)>,
    out: &mut Emitter,
) -> anyhow::Result<usize> {
    const WINDOW: usize = 64;
    let total: usize = tokens.iter().map(|(t, p)| t.len() + p.len() + 6).sum();
    let shards = total
        .div_ceil(POSTINGS_SHARD_BYTES)
        .next_power_of_two()
        .clamp(1, MAX_POSTINGS_SHARDS);
    let mut by_shard: Vec<Shard> = (0..shards).map(|_| Shard(Vec::new())).collect();
    for (t, p) in tokens {
        by_shard[token_hash(&t) as usize % shards].0.push((t, p));
    }
    let mut first = 0;
    while !by_shard.is_empty() {
        let files: Vec<(Output, u64)> = by_shard
            .drain(..WINDOW.min(by_shard.len()))
            .collect::<Vec<_>>()
            .into_par_iter()
            .enumerate()
            .map(|(k, mut shard)| {
                shard.0.sort_unstable_by(|a, b| a.0.cmp(&b.0));
                let json = crate::json::to_string(&shard).expect("postings serialise");
                drop(shard);
                let file = shard_file(kind, first + k, &json);
                let hash = file_hash(&file);
                (file, hash)
            })
            .collect();
        first += files.len();
        for (file, hash) in files {
            out.emit_hashed(file, hash)?;
        }
    }
    Ok(shards)
}

/// One shard's postings in token order, written as a JSON object (the
/// order a map sorted by token would give, without building one).
struct Shard(Vec<(String, String)>);

impl serde::Serialize for Shard {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(t, p)| (t, p)))
    }
}

/// A token's postings list, filled as documents are tokenised. The token is
/// owned (a few bytes, once per distinct token) so that each batch's
/// normalised text can be freed.
struct Postings {
    hash: u64,
    token: Box<str>,
    raw: RawPostings,
}

/// The postings list of `token` in `table`, made empty the first time.
fn postings_of<'t>(table: &'t mut HashTable<Postings>, token: Token) -> &'t mut RawPostings {
    let entry = table.entry(
        token.hash,
        |p| p.hash == token.hash && *p.token == *token.text,
        |p| p.hash,
    );
    &mut entry
        .or_insert_with(|| Postings {
            hash: token.hash,
            token: token.text.into(),
            raw: RawPostings::default(),
        })
        .into_mut()
        .raw
}

/// A postings list before its weights are known: each posting is the gap
/// from the previous document and the term frequency in [`TF_UNITS`], as
/// two LEB128 numbers (two bytes for most postings; a big site has tens of
/// millions).
#[derive(Default)]
struct RawPostings {
    prev: Option<u32>,
    len: usize,
    bytes: Vec<u8>,
}

/// Term frequencies are kept in quarters: field boosts are whole numbers,
/// so this is exact for them and close for any other.
const TF_UNITS: f64 = 4.0;

impl RawPostings {
    /// Append a posting; `doc` must be greater than the previous one.
    fn push(&mut self, doc: u32, tf: u32) {
        push_leb128(&mut self.bytes, gap(self.prev, doc));
        push_leb128(&mut self.bytes, tf);
        self.prev = Some(doc);
        self.len += 1;
    }

    /// The list encoded for the browser, each posting weighed with its
    /// document's BM25 length norm (`norms[doc]`).
    fn weighed(self, norms: &[f64]) -> String {
        let mut out = PostingsWriter::default();
        let mut bytes = self.bytes.iter().copied();
        let mut doc: Option<u32> = None;
        while let Some(skipped) = next_leb128(&mut bytes) {
            let tf = next_leb128(&mut bytes).expect("a frequency follows each gap");
            let d = doc.map_or(skipped, |p| p + skipped + 1);
            out.push(d, quantize(f64::from(tf) / TF_UNITS, norms[d as usize]));
            doc = Some(d);
        }
        out.finish()
    }
}

fn push_leb128(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn next_leb128(bytes: &mut impl Iterator<Item = u8>) -> Option<u32> {
    let (mut v, mut shift) = (0u32, 0);
    loop {
        let b = bytes.next()?;
        v |= u32::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(v);
        }
        shift += 7;
    }
}

/// A BM25 term weight, scaled to one character of the encoding.
fn quantize(tf: f64, norm: f64) -> u8 {
    let w = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0);
    (w * f64::from(MAX_WEIGHT))
        .ceil()
        .clamp(1.0, f64::from(MAX_WEIGHT)) as u8
}

/// What the index keeps of a document while its batch is tokenised: its
/// fields normalised, its tags, and the size of its record.
struct DocText<'a> {
    fields: Vec<(String, f64)>,
    tags: Vec<&'a str>,
    record_bytes: usize,
}

impl<'a> DocText<'a> {
    fn of(d: &SearchDoc<'a>) -> Self {
        DocText {
            fields: normalized(d),
            tags: d.tags.clone(),
            record_bytes: DocRecord::from(d).approx_bytes(),
        }
    }
}

/// A document's length in tokens, and its distinct tokens with their
/// field-weighted frequencies in [`TF_UNITS`], grouped by part.
struct DocTerms<'a> {
    len: u32,
    terms: Vec<(Token<'a>, u32)>,
    /// Where each part's terms end in `terms`.
    ends: [u32; PARTS],
}

impl<'a> DocTerms<'a> {
    /// The terms of a document's normalised `fields`, and its `tags`, which
    /// count once for each time they are given but not in its length.
    fn of(fields: &'a [(String, f64)], tags: &[&'a str]) -> Self {
        let mut len = 0;
        // Chinese text has a distinct token every two or three bytes.
        let bytes: usize = fields.iter().map(|(text, _)| text.len()).sum();
        let mut tf: TokenMap<f64> =
            TokenMap::with_capacity_and_hasher(bytes / 3, Default::default());
        for (text, boost) in fields {
            each_index_token(text, |t| {
                len += 1;
                *tf.entry(Token::new(t)).or_insert(0.0) += boost;
            });
        }
        for tag in tags {
            *tf.entry(Token::new(tag)).or_insert(0.0) += 1.0;
        }
        // Each token gets one posting per document, and postings lists are
        // filled in document order, so the order within a part never
        // reaches the output: each term goes straight to its part's place
        // (sorting them by part was an eighth of making the index).
        let mut ends = [0; PARTS];
        for t in tf.keys() {
            ends[t.part()] += 1;
        }
        for p in 1..PARTS {
            ends[p] += ends[p - 1];
        }
        let mut next: [u32; PARTS] = std::array::from_fn(|p| if p == 0 { 0 } else { ends[p - 1] });
        let blank = (Token { hash: 0, text: "" }, 0);
        let mut terms: Vec<(Token, u32)> = vec![blank; tf.len()];
        for (token, f) in tf {
            let at = &mut next[token.part()];
            terms[*at as usize] = (token, (f * TF_UNITS).round() as u32);
            *at += 1;
        }
        DocTerms { len, terms, ends }
    }

    fn in_part(&self, p: usize) -> &[(Token<'a>, u32)] {
        let from = if p == 0 { 0 } else { self.ends[p - 1] };
        &self.terms[from as usize..self.ends[p] as usize]
    }
}

fn shard_file(kind: &str, k: usize, json: &str) -> Output {
    Output::new(
        format!("{DIR}/{kind}/{k}.js"),
        format!("RECAP_SEARCH_LOADED(\"{kind}\",{k},{json});\n"),
    )
}

fn mix(h: u64, word: u64) -> u64 {
    (h.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// A file's share of the index's version tag: its path and bytes, eight
/// bytes at a time (the index is over a hundred megabytes on a big site).
fn file_hash(f: &Output) -> u64 {
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
    mix(hash(f.path.as_bytes()), hash(&f.bytes))
}

mod token;
use token::{Token, TokenMap, PARTS};

#[cfg(test)]
mod tests;
