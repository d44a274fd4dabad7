//! Full-text search: tokenisation and the sharded index the browser reads.
//!
//! Chinese has no spaces between words, so a word tokeniser would need a
//! dictionary, and the browser would need the same dictionary to cut the
//! query the same way. Character bigrams need none: every two adjacent Han
//! characters are a token, so a query matches wherever its characters occur
//! next to each other. Measured on the sample recaps against "the documents
//! that contain the query" for 48 queries, bigrams had recall 1.000 and
//! precision 0.969/0.952 (single words/compounds), a dictionary segmenter
//! (jieba, search mode) 0.987 and 0.941/0.686: the segmenter cuts `工作流`
//! or `企业客户` differently in the query and in the text. Bigrams it is.
//!
//! Latin text (product names in Chinese prose) is cut into lowercase words of
//! letters and digits: `Nova 2 Sonic` → `nova`, `2`, `sonic`. Text is NFKC
//! normalised first, so full-width `Ｂｅｄｒｏｃｋ` is `bedrock`.
//!
//! The browser runs the same rules in `themes/default/static/search.js`;
//! the two must agree, and `tests/browser` checks that they do on the
//! sample site.

pub mod documents;
pub mod encode;
pub mod index;
mod words;

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;

pub use documents::{entity_tag, Documents, SearchDoc, SearchField};
pub use index::{build_index, write_index, IndexStats};
pub use words::word_pairs;

/// Longest Latin token kept, in characters; longer runs (hashes, URLs) are cut.
pub const MAX_WORD: usize = 40;

/// Han ideographs, kana and Hangul: scripts written without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // Hiragana, Katakana
        | 0x3400..=0x4DBF     // CJK Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF     // CJK Compatibility Ideographs
        | 0x20000..=0x2FA1F) // Extensions B–F, compatibility supplement
}

/// A character that belongs to a Latin (or other spaced-script) word.
fn is_word(c: char) -> bool {
    !is_cjk(c) && (c.is_alphabetic() || c.is_numeric())
}

/// NFKC, lowercase, and traditional Chinese characters in their
/// simplified forms: the form both the index and the query are cut from,
/// so that `發佈` finds `发布` and the other way round. The browser folds
/// a query with the same table, which `search-index.js` carries
/// ([`fold_pairs`]).
pub fn normalize(text: &str) -> String {
    use unicode_normalization::{is_nfkc_quick, IsNormalized};
    if let Some(done) = normalize_common(text) {
        return done;
    }
    // Most text is already NFKC; checking is much cheaper than rebuilding.
    let lower = if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
        lowercase(text)
    } else {
        lowercase(&text.nfkc().collect::<String>())
    };
    match crate::parse::simplified(&lower) {
        Cow::Borrowed(_) => lower,
        Cow::Owned(folded) => folded,
    }
}

/// The table [`normalize`] folds traditional characters with: each
/// traditional character followed by its simplified form. Every character
/// of it is in the Basic Multilingual Plane, so folding leaves a
/// JavaScript string as long as it was and highlights line up.
pub fn fold_pairs() -> String {
    crate::parse::traditional_pairs()
}

/// [`normalize`] of text made only of ASCII, CJK ideographs, full-width
/// ASCII and the punctuation Chinese prose uses, which is nearly every
/// recap; `None` for any other text. NFKC leaves these characters as they
/// are, except full-width ASCII (`，`, `：`, `Ｂ`), which it maps to ASCII,
/// and the ideographic space; and none of them combines with another.
/// Ideographs are folded to their simplified forms as they are copied. The
/// general path checks and rebuilds the text with table lookups, and was a
/// quarter of the time a big site's search index took.
fn normalize_common(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let u = c as u32;
        out.push(match u {
            0..=0x7F => c.to_ascii_lowercase(),
            0xFF01..=0xFF5E => char::from_u32(u - 0xFEE0)?.to_ascii_lowercase(),
            0x3000 => ' ',
            0x4E00..=0x9FFF => crate::parse::simple_char(c),
            0x3400..=0x4DBF
            | 0x3001..=0x3002
            | 0x3008..=0x3011
            | 0x2010
            | 0x2013..=0x2014
            | 0x2018..=0x2019
            | 0x201C..=0x201D
            | 0x2190..=0x2193
            | 0x2500..=0x257F
            | 0xB7 => c,
            _ => return None,
        });
    }
    Some(out)
}

/// `str::to_lowercase`, without its per-character table search for the
/// scripts that have no case: most of a Chinese recap is CJK, and the
/// search index lowercases all of it.
fn lowercase(text: &str) -> String {
    let caseless = |c: char| {
        matches!(c as u32,
            0x2000..=0x206F       // General punctuation
            | 0x3000..=0x303F     // CJK symbols and punctuation
            | 0xFF01..=0xFF20     // Full-width punctuation and digits
            | 0xFF3B..=0xFF40
            | 0xFF5B..=0xFF65)
            || is_cjk(c)
    };
    if !text.chars().all(|c| c.is_ascii() || caseless(c)) {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        out.push(c.to_ascii_lowercase());
    }
    out
}

/// A run of text of one kind, as cut from normalised text.
#[derive(Debug, PartialEq)]
enum Run {
    Word(String),
    Cjk(Vec<char>),
}

fn runs(normalized: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut cjk = Vec::new();
    for c in normalized.chars() {
        if is_cjk(c) {
            if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
            cjk.push(c);
        } else {
            if !cjk.is_empty() {
                out.push(Run::Cjk(std::mem::take(&mut cjk)));
            }
            if is_word(c) {
                word.push(c);
            } else if !word.is_empty() {
                out.push(Run::Word(std::mem::take(&mut word)));
            }
        }
    }
    if !word.is_empty() {
        out.push(Run::Word(word));
    }
    if !cjk.is_empty() {
        out.push(Run::Cjk(cjk));
    }
    out
}

fn clip(word: String) -> String {
    if word.chars().count() > MAX_WORD {
        word.chars().take(MAX_WORD).collect()
    } else {
        word
    }
}

/// Tokens of a document's text, with repeats: every Latin word, every CJK
/// bigram and every CJK character (so one-character queries find
/// something).
pub fn index_tokens(text: &str) -> Vec<String> {
    let normalized = normalize(text);
    let mut out = Vec::new();
    each_index_token(&normalized, |t| out.push(t.to_string()));
    out
}

/// Call `f` with each token of [`normalize`]d text, as slices of it (no
/// allocation per token: indexing a large site cuts millions of them).
/// The same tokens as [`index_tokens`].
pub fn each_index_token<'a>(normalized: &'a str, mut f: impl FnMut(&'a str)) {
    let clip = |w: &'a str| match w.char_indices().nth(MAX_WORD) {
        Some((i, _)) => &w[..i],
        None => w,
    };
    let mut word_start: Option<usize> = None;
    let mut prev_cjk: Option<usize> = None;
    for (i, c) in normalized.char_indices() {
        if is_cjk(c) {
            if let Some(w) = word_start.take() {
                f(clip(&normalized[w..i]));
            }
            let end = i + c.len_utf8();
            f(&normalized[i..end]);
            if let Some(p) = prev_cjk {
                f(&normalized[p..end]);
            }
            prev_cjk = Some(i);
        } else {
            prev_cjk = None;
            if is_word(c) {
                word_start.get_or_insert(i);
            } else if let Some(w) = word_start.take() {
                f(clip(&normalized[w..i]));
            }
        }
    }
    if let Some(w) = word_start {
        f(clip(&normalized[w..]));
    }
}

/// Tokens of a query, deduplicated in first-seen order: Latin words, and
/// for CJK the bigrams (a lone character stays a unigram). A document must
/// hold all of them to match.
pub fn query_tokens(query: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |t: String| {
        if !out.contains(&t) {
            out.push(t);
        }
    };
    for run in runs(&normalize(query)) {
        match run {
            Run::Word(w) => push(clip(w)),
            Run::Cjk(cs) if cs.len() == 1 => push(cs[0].to_string()),
            Run::Cjk(cs) => {
                for pair in cs.windows(2) {
                    push(pair.iter().collect());
                }
            }
        }
    }
    out
}

/// FNV-1a over the token's UTF-8 bytes: which postings shard holds it.
/// `search.js` computes the same hash.
pub fn token_hash(token: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in token.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: String) -> String {
        crate::parse::simplified(&text).into_owned()
    }

    #[test]
    fn common_text_normalises_as_the_general_path_does() {
        use unicode_normalization::UnicodeNormalization;
        let general = |t: &str| folded(t.nfkc().collect::<String>().to_lowercase());
        let mut seen = 0;
        for u in 0..=0x10FFFF {
            let Some(c) = char::from_u32(u) else { continue };
            let one = c.to_string();
            if let Some(fast) = normalize_common(&one) {
                assert_eq!(fast, general(&one), "U+{u:04X}");
                seen += 1;
            }
        }
        assert!(seen > 27_000, "{seen}");
        let text = "Amazon Ｂｅｄｒｏｃｋ，提升 ９８％：「AgentCore」——更快、更省。\u{3000}Nova 2";
        assert_eq!(
            normalize_common(text).as_deref(),
            Some(general(text).as_str())
        );
        assert_eq!(normalize(text), general(text));
        // Anything else takes the general path.
        assert_eq!(normalize_common("ﬁ ①"), None);
        assert_eq!(normalize("ﬁ ①"), "fi 1");
    }

    /// NFKC of a string is not always that of its characters one by one
    /// (some compose); none of the characters the fast path takes does.
    #[test]
    fn common_strings_normalise_as_the_general_path_does() {
        use unicode_normalization::UnicodeNormalization;
        let pool: Vec<char> = (0..0x80)
            .chain(0xFF01..0xFF5F)
            .chain([
                0x3000, 0x3001, 0x3002, 0x300A, 0x3011, 0x2014, 0x201C, 0x2192, 0x2501,
            ])
            .chain([0xB7, 0x3400, 0x4E00, 0x4E2D, 0x6587, 0x9FFF, 0x767C, 0x4F48])
            .filter_map(char::from_u32)
            .collect();
        let mut next = crate::test_random(0x2545_f491_4f6c_dd1d);
        for _ in 0..5_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| pool[(next() % pool.len() as u64) as usize])
                .collect();
            let general = folded(text.nfkc().collect::<String>().to_lowercase());
            assert_eq!(normalize_common(&text), Some(general), "{text:?}");
        }
    }

    #[test]
    fn lowercase_matches_the_standard_library() {
        for t in [
            "Amazon Bedrock 让客户“更快”上线，ＡＢＣ、ΣΑΣ 与 Straße！",
            "纯中文文本，没有大小写。",
            "MIXED Case 混合 Text 123",
            "İstanbul ΌΣΟΣ",
        ] {
            assert_eq!(lowercase(t), t.to_lowercase(), "{t}");
        }
    }

    #[test]
    fn latin_words_are_lowercase_with_digits() {
        assert_eq!(query_tokens("Nova 2 Sonic"), ["nova", "2", "sonic"]);
        assert_eq!(
            query_tokens("Amazon Bedrock AgentCore"),
            ["amazon", "bedrock", "agentcore"]
        );
        assert_eq!(query_tokens("re:Invent 2025"), ["re", "invent", "2025"]);
        assert_eq!(query_tokens("Trainium3"), ["trainium3"]);
    }

    #[test]
    fn full_width_text_is_normalised() {
        assert_eq!(query_tokens("Ｂｅｄｒｏｃｋ"), ["bedrock"]);
        assert_eq!(index_tokens("ＡＩ"), ["ai"]);
    }

    #[test]
    fn chinese_queries_are_bigrams() {
        assert_eq!(query_tokens("桑坦德"), ["桑坦", "坦德"]);
        assert_eq!(query_tokens("代理"), ["代理"]);
        assert_eq!(query_tokens("云"), ["云"]);
    }

    #[test]
    fn mixed_text_splits_at_script_changes() {
        assert_eq!(query_tokens("AI代理"), ["ai", "代理"]);
        assert_eq!(query_tokens("1320亿美元"), ["1320", "亿美", "美元"]);
    }

    #[test]
    fn index_holds_bigrams_and_unigrams() {
        assert_eq!(index_tokens("代理式"), ["代", "理", "代理", "式", "理式"]);
        assert_eq!(
            index_tokens("用Bedrock构建"),
            ["用", "bedrock", "构", "建", "构建"]
        );
        assert_eq!(index_tokens("a-b  c"), ["a", "b", "c"]);
    }

    #[test]
    fn every_query_token_of_a_substring_is_indexed() {
        let text = "桑坦德银行通过Amazon Bedrock构建AI代理，节省了1320亿美元";
        let indexed = index_tokens(text);
        for q in ["桑坦德银行", "代理", "行", "bedrock 构建", "1320亿"] {
            for t in query_tokens(q) {
                assert!(indexed.contains(&t), "{q}: {t} not indexed");
            }
        }
    }

    /// A reader finds a recap in either script with a query in either.
    #[test]
    fn traditional_and_simplified_characters_are_one_token() {
        assert_eq!(query_tokens("發佈會"), query_tokens("发布会"));
        assert_eq!(query_tokens("發佈會"), ["发布", "布会"]);
        let indexed = index_tokens("亞馬遜發佈了新模型，Ｂｅｄｒｏｃｋ 費用降低 30%");
        for q in ["发布", "亚马逊", "费用", "bedrock"] {
            for t in query_tokens(q) {
                assert!(indexed.contains(&t), "{q}: {t} not indexed");
            }
        }
        // The general path folds too (`ﬁ` is not common text).
        assert_eq!(normalize("ﬁ 發佈"), "fi 发布");
    }

    /// The browser folds a query with this table, character by character in
    /// a JavaScript string: both sides of each pair must be one UTF-16 unit.
    #[test]
    fn the_fold_table_is_pairs_of_one_unit_characters() {
        let pairs: Vec<char> = fold_pairs().chars().collect();
        assert!(
            pairs.len() > 1000 && pairs.len().is_multiple_of(2),
            "{}",
            pairs.len()
        );
        for pair in pairs.chunks(2) {
            assert!(pair.iter().all(|c| c.len_utf16() == 1), "{pair:?}");
            assert_eq!(normalize(&pair[0].to_string()), pair[1].to_string());
        }
    }

    #[test]
    fn punctuation_and_space_only_give_nothing() {
        assert!(query_tokens(" ，。！- ").is_empty());
    }

    #[test]
    fn overlong_words_are_clipped() {
        let long = "a".repeat(100);
        assert_eq!(query_tokens(&long)[0].len(), MAX_WORD);
    }

    #[test]
    fn hash_is_fnv1a() {
        assert_eq!(token_hash(""), 0x811c_9dc5);
        assert_eq!(token_hash("a"), 0xe40c_292c);
    }
}
