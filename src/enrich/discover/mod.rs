//! Discovery: names a recap uses that the catalog does not know.
//!
//! Recaps are written in Chinese with product and company names in Latin
//! script, so a Latin run inside Chinese prose is most often a name
//! (`Kubernetes`, `Volcano Engine`, `Qwen3`, `vLLM`). In English prose the
//! signal is weaker and the checks stricter. [`scan`] lists every sighting
//! in a session's text (catalog matches and speaker names masked out);
//! [`decide`] pools the sightings of the whole corpus and keeps the names
//! that look like names: a stop list, the English word list, the shape of
//! the name (inner capitals, digits) and how often it is said decide.
//! Every sighting, kept or not, is reported as a [`Candidate`] so the site
//! owner can curate the catalog with `recap check`.

use super::types::{Candidate, EntityKind};
use super::words;
use crate::pattern::Regex;
use lines::{exchange_label, in_title_case, LineOf};
use memchr::memmem;
use said::{list_starts, said_as_company};
use std::sync::OnceLock;
use tokens::tokens;

/// One place a possible name was seen.
#[derive(Debug, Clone, PartialEq)]
pub struct Sighting {
    pub name: String,
    pub line: usize,
    /// Seen inside Chinese prose.
    pub cjk: bool,
    /// First word of an English sentence (weak evidence).
    pub sentence_start: bool,
    /// Context says company: `Acme's`, `来自 X`, `X CEO`, `X will …`.
    pub company_hint: bool,
    /// The organisation of a speaker: a company for sure.
    pub speaker_org: bool,
    /// A Chinese name given next to it: `火山引擎（Volcano Engine）`.
    pub han_alias: Option<String>,
    /// The name in full when it is said with its catalog part short:
    /// `Amazon S3 Vectors` for `S3 Vectors` said after the catalog's `S3`.
    /// Sightings are counted under it, so both spellings are one name.
    pub full: Option<String>,
    /// The catalog product this name is a part of: `AgentCore Gateway` is
    /// said as the catalog's `AgentCore` and a name after it.
    pub parent: Option<String>,
    /// The catalog company said just before it, as written: `Amazon
    /// Aurora` is said as the catalog's `Amazon` and a name after it.
    pub maker: Option<String>,
    /// Seen in an English heading in title case (`The Agentic Era`),
    /// where a capital says nothing of a name.
    pub headline: bool,
    /// Said as what is launched: `Nova Act is now generally available`.
    pub launched: bool,
}

impl Sighting {
    /// An organisation a speaker is introduced with, that the catalog does
    /// not know: a company, unless the name is mostly said otherwise.
    pub fn speaker_org(name: &str, line: usize) -> Sighting {
        Sighting {
            name: name.to_string(),
            line,
            cjk: true,
            sentence_start: false,
            company_hint: true,
            speaker_org: true,
            han_alias: None,
            full: None,
            parent: None,
            maker: None,
            headline: false,
            launched: false,
        }
    }
}

/// A catalog name found in a unit, masked before discovery reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Known<'a> {
    pub start: usize,
    pub end: usize,
    /// For a product: its catalog name, the parent of a name said right
    /// after it.
    pub product: Option<&'a str>,
}

/// A name discovery decided to give a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Discovered {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// For `Cohere Embed v3`: the company named by its first word.
    pub maker: Option<String>,
    /// For `AgentCore Gateway`: the catalog product it is a part of.
    pub parent: Option<String>,
}

#[derive(Debug, Default)]
pub struct Decision {
    pub accepted: Vec<Discovered>,
    pub candidates: Vec<Candidate>,
}

/// Compile this module's patterns now (see [`crate::enrich::warm_up_first_pass`]).
pub fn warm_up() {
    stop::stop_pattern();
    compound_res();
}

/// Leading words to cut from a Chinese name: verbs and particles that
/// glue onto it in running text (`例如昇腾`, `在火山引擎`).
const HAN_LEAD: &[&str] = &[
    "例如", "比如", "包括", "使用", "采用", "基于", "通过", "借助", "支撑", "支持", "推出", "发布",
    "宣布", "介绍", "利用", "部署", "搭载", "如", "在", "的", "和", "与", "及", "用", "把", "将",
    "从", "对", "为", "由", "是", "了", "上", "中",
];

fn han_trim(s: &str) -> &str {
    // Cut after the last particle, then strip leading verbs.
    let particles = [
        '在', '的', '和', '与', '及', '把', '将', '从', '对', '为', '由', '是', '了',
    ];
    let mut s = match s.rfind(particles) {
        Some(i) => &s[i + s[i..].chars().next().map_or(0, char::len_utf8)..],
        None => s,
    };
    'outer: loop {
        for lead in HAN_LEAD {
            if let Some(rest) = s.strip_prefix(lead) {
                if rest.chars().count() >= 2 {
                    s = rest;
                    continue 'outer;
                }
            }
        }
        return s;
    }
}

fn compound_res() -> &'static [Regex; 3] {
    static R: OnceLock<[Regex; 3]> = OnceLock::new();
    R.get_or_init(|| {
        [
            // 火山引擎（Volcano Engine）, 豆包大模型（Doubao-1.5-pro）
            Regex::new(
                r"(?P<han>[\p{Han}]{2,12})[（(](?P<latin>[A-Za-z][A-Za-z0-9 .\-]{1,40})[）)]",
            )
            .unwrap(),
            // ACK 推理加速套件
            Regex::new(
                r"(?P<head>[A-Z][A-Za-z0-9]{1,20}) (?P<han>[\p{Han}]{1,6}?(?:套件|工具包|加速器))",
            )
            .unwrap(),
            // 昇腾 910B
            Regex::new(
                r"(?P<han>[\p{Han}]{2,8}) ?(?P<model>[0-9]{3,}[A-Za-z]{1,3})(?:[^A-Za-z0-9]|$)",
            )
            .unwrap(),
        ]
    })
}

/// Whether `brand` then `model` (`昇腾 910B`) is a quantity said of
/// something instead: `延迟约 100ms`, `吞吐达到 400Gbps`, `内存 512GB` — a
/// unit after the number, or a word that leads up to one before it.
fn measured(brand: &str, model: &str) -> bool {
    const UNITS: [&str; 24] = [
        "ms", "us", "ns", "s", "min", "h", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib",
        "tib", "fps", "qps", "tps", "rps", "hz", "khz", "mhz", "ghz", "nm",
    ];
    const LEAD_UP: [char; 10] = ['约', '达', '超', '近', '至', '到', '仅', '为', '是', '过'];
    let unit = model.trim_start_matches(|c: char| c.is_ascii_digit());
    UNITS.contains(&unit.to_ascii_lowercase().as_str()) || brand.ends_with(LEAD_UP)
}

/// Whether `text` has `（` or `(` right before a Latin letter, as the
/// first of [`compound_res`] needs.
fn latin_in_brackets(text: &str) -> bool {
    let b = text.as_bytes();
    let letter_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphabetic);
    memchr::memchr2_iter(b'(', 0xEF, b).any(|i| match b[i] {
        b'(' => letter_at(i + 1),
        // `（` is EF BC 88.
        _ => b[i + 1..].starts_with(&[0xBC, 0x88]) && letter_at(i + 3),
    })
}

/// Whether `b` has three digits or more, then a Latin letter, as the last
/// of [`compound_res`] needs (`910B`).
fn model_number(b: &[u8]) -> bool {
    let mut digits = 0;
    for &c in b {
        if c.is_ascii_digit() {
            digits += 1;
        } else {
            if digits >= 3 && c.is_ascii_alphabetic() {
                return true;
            }
            digits = 0;
        }
    }
    false
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Inner capitals or digits with letters: `TiDB`, `vLLM`, `Qwen3`, `H100`.
fn strong_shape(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let digits = token.chars().any(|c| c.is_ascii_digit());
    // A capital inside a part (`AgentCore`, `vLLM`), not one opening the
    // part after a hyphen (`multi-Region`).
    let inner_upper = token
        .split('-')
        .any(|part| part.chars().skip(1).any(|c| c.is_uppercase()))
        && token.chars().any(|c| c.is_lowercase());
    letters > 0 && (inner_upper || digits && token.starts_with(|c: char| c.is_alphabetic()))
}

/// `pgvector`: lower case, not English, opening with a consonant pair no
/// English word opens with.
fn odd_lowercase(token: &str) -> bool {
    const ONSETS: &[&str] = &[
        "bl", "br", "ch", "cl", "cr", "dr", "dw", "fl", "fr", "gh", "gl", "gn", "gr", "kn", "ph",
        "pl", "pr", "ps", "qu", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "sw", "th", "tr",
        "tw", "wh", "wr", "sq",
    ];
    let b = token.as_bytes();
    token.len() >= 4
        && token.bytes().all(|c| c.is_ascii_lowercase())
        && words::rank_inflected(token).is_none()
        && !b"aeiouy".contains(&b[0])
        && !b"aeiouy".contains(&b[1])
        && !ONSETS.contains(&&token[..2])
}

fn is_version(token: &str) -> bool {
    let t = token.strip_prefix(['v', 'V']).unwrap_or(token);
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// An ordinary English word (every part of a hyphenated one): in English
/// prose any listed word; in Chinese prose only common ones.
fn ordinary(word: &str, cjk: bool) -> bool {
    word.split(['-', '\'', '’'])
        .filter(|p| !p.is_empty())
        .all(|p| {
            if cjk {
                words::rank_inflected(p).is_some_and(|r| r < 3000)
            } else {
                words::rank_inflected(p).is_some()
            }
        })
}

/// Every possible name in one session. `units` are (text, line); `known`
/// are the catalog names found in each unit, masked; `exclude` are speaker
/// names and roles, never names of things.
pub fn scan(units: &[(&str, usize)], known: &[Vec<Known>], exclude: &[String]) -> Vec<Sighting> {
    let mut out = Vec::new();
    // Made once for all units: setting up a substring search cost more
    // than running it on a line.
    let exclude: Vec<memmem::Finder> = exclude
        .iter()
        .filter(|e| !e.is_empty())
        .map(memmem::Finder::new)
        .collect();
    for (k, (text, line)) in units.iter().enumerate() {
        let known = known.get(k).map_or(&[][..], Vec::as_slice);
        let mut ranges: Vec<(usize, usize)> = known.iter().map(|m| (m.start, m.end)).collect();
        for ex in &exclude {
            let n = ex.needle().len();
            ranges.extend(ex.find_iter(text.as_bytes()).map(|i| (i, i + n)));
        }
        let (masked, ends) = mask(text, &ranges);
        // Where each catalog name ends in the masked text, what it was
        // written as, and for a product its catalog name.
        let (mut products, mut companies) = (Vec::new(), Vec::new());
        for m in known {
            let Ok(at) = ends.binary_search_by_key(&m.end, |&(e, _)| e) else {
                continue;
            };
            let written = &text[m.start..m.end];
            match m.product {
                Some(name) => products.push(CatalogName {
                    end: ends[at].1,
                    written,
                    name,
                }),
                None => companies.push(CatalogName {
                    end: ends[at].1,
                    written,
                    name: written,
                }),
            }
        }
        let before = Before {
            products: &products,
            companies: &companies,
        };
        scan_unit(&masked, *line, &before, &mut out);
    }
    out
}

/// The catalog names of a masked unit that a name said right after
/// them may belong to (see [`scan`]).
struct Before<'a> {
    products: &'a [CatalogName<'a>],
    companies: &'a [CatalogName<'a>],
}

/// A catalog product or company in a masked unit (see [`scan`]): where it
/// ends, what it was written as and its catalog name (a company's, as
/// written).
struct CatalogName<'a> {
    end: usize,
    written: &'a str,
    name: &'a str,
}

impl CatalogName<'_> {
    /// Where it starts in the masked unit: one `|` stands for each of its
    /// characters.
    fn start(&self) -> usize {
        self.end - self.written.chars().count()
    }
}

/// Whether `text` has a character that [`super::matcher::fold_char`]
/// changes: full-width digits and letters (EF BC 90–99, EF BC A1–BA,
/// EF BD 81–9A), U+3000 (E3 80 80) or U+00A0 (C2 A0). Chinese prose is
/// full of other full-width forms (`，`, `：`) that it leaves alone.
fn needs_fold(b: &[u8]) -> bool {
    memchr::memchr3_iter(0xEF, 0xE3, 0xC2, b).any(|i| match (b[i], b.get(i + 1), b.get(i + 2)) {
        (0xC2, Some(0xA0), _) => true,
        (0xE3, Some(0x80), Some(0x80)) => true,
        (0xEF, Some(0xBC), Some(x)) => matches!(x, 0x90..=0x99 | 0xA1..=0xBA),
        (0xEF, Some(0xBD), Some(x)) => matches!(x, 0x81..=0x9A),
        _ => false,
    })
}

/// Replace each character of the masked ranges (on character boundaries)
/// with `|` so they break runs, and fold the rest's width. Also returns,
/// for each range masked, where it ends in `text` and in the result.
fn mask(text: &str, ranges: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let mut ranges = ranges.to_vec();
    ranges.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut ends = Vec::new();
    let unmasked = |out: &mut String, piece: &str| {
        if needs_fold(piece.as_bytes()) {
            out.extend(piece.chars().map(super::matcher::fold_char));
        } else {
            out.push_str(piece);
        }
    };
    let mut at = 0;
    for &(s, e) in &ranges {
        let (s, e) = (s.max(at), e.min(text.len()));
        if s >= e {
            continue;
        }
        unmasked(&mut out, &text[at..s]);
        out.extend(std::iter::repeat_n('|', text[s..e].chars().count()));
        ends.push((e, out.len()));
        at = e;
    }
    unmasked(&mut out, &text[at..]);
    (out, ends)
}

/// The catalog product that the name at `start` is a part of: one space
/// after it, every word capitalised, not all generic and not a short
/// acronym (`AgentCore Gateway`, not `Kiro CLI`, `GitHub PR` or `Nova 2`).
fn part_of<'p>(
    products: &'p [CatalogName],
    text: &str,
    start: usize,
    name: &str,
) -> Option<&'p CatalogName<'p>> {
    let p = products.iter().find(|p| p.end + 1 == start)?;
    let capitalised = name
        .split(' ')
        .all(|w| w.starts_with(|c: char| c.is_ascii_uppercase()));
    // `GitHub PR`, `Kiro IDE`: a short acronym after a product is what it
    // works on or in, not a part of it.
    let acronym = name.len() <= 3 && name.bytes().all(|b| b.is_ascii_uppercase());
    (text.as_bytes()[p.end] == b' ' && capitalised && !acronym && !all_generic(name)).then_some(p)
}

/// The catalog company a name said right after it is made by, like
/// `Amazon` in `Amazon Aurora` or `AWS` in `AWS Lambda SnapStart`: the
/// name's first word is a word (a capital, then lower-case letters), not
/// an acronym (`AWS AI基础设施`); at most two more follow, each starting
/// with a capital or a version (`Serverless`, `SnapStart`, `DSQL`, `2`);
/// and not every word is generic, nor, for more than one, common English
/// (`Amazon Web Services`).
fn made_by<'p>(
    companies: &'p [CatalogName],
    text: &str,
    start: usize,
    name: &str,
) -> Option<&'p CatalogName<'p>> {
    const MOST_WORDS: usize = 3;
    let c = companies.iter().find(|c| c.end + 1 == start)?;
    let mut words = name.split(' ');
    let first = words.next().unwrap_or_default().as_bytes();
    // `Aurora`, `DataZone`: capitalised, with small letters (not `AI`).
    let title_case = first.len() >= 3
        && first[0].is_ascii_uppercase()
        && first[1].is_ascii_lowercase()
        && first[1..].iter().all(u8::is_ascii_alphabetic);
    let rest_named = words.enumerate().all(|(k, w)| {
        k + 2 <= MOST_WORDS
            && (is_version(w)
                || w.starts_with(|c: char| c.is_ascii_uppercase())
                    && w.bytes().all(|b| b.is_ascii_alphanumeric()))
    });
    // `Amazon Q Business`: a letter leading words, as `Q Business` alone is
    // a name (see `decide::judge`); or a letter alone (`Amazon Q`), not
    // `Q&A`.
    let letter_led = first.len() == 1
        && first[0].is_ascii_uppercase()
        && !matches!(first[0], b'A' | b'I')
        && (name.contains(' ') || !text[start + 1..].starts_with('&'));
    let plain_words = name.contains(' ') && name.split(' ').all(|w| ordinary(w, true));
    (text.as_bytes()[c.end] == b' '
        && (title_case || letter_led)
        && rest_named
        && (!all_generic(name) || letter_led && !name.contains(' '))
        && (letter_led || !plain_words))
        .then_some(c)
}

/// The most words a name found in prose may have (`AWS Certified Machine
/// Learning Engineer – Associate` has seven).
const MAX_NAME_WORDS: usize = 8;

fn scan_unit(text: &str, line: usize, before_it: &Before, out: &mut Vec<Sighting>) {
    let han = text.chars().filter(|&c| is_han(c)).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cjk = han * 2 >= latin;
    let headline = han == 0 && in_title_case(text);
    let sighting = |name: String, sentence_start: bool, company_hint: bool| Sighting {
        name,
        line,
        cjk,
        sentence_start,
        company_hint,
        speaker_org: false,
        han_alias: None,
        full: None,
        parent: None,
        maker: None,
        headline,
        launched: false,
    };
    // Runs of name-like tokens separated by single spaces.
    let tokens = tokens(text);
    let lists = list_starts(text);
    let mut line_of = LineOf::new(text);
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        let mut run: Vec<(usize, usize)> = Vec::new();
        while j < tokens.len() {
            let (s, e) = tokens[j];
            let tok = &text[s..e];
            let glued = run.last().is_some_and(|&(_, pe)| &text[pe..s] == " ");
            let name_like = (tok.starts_with(|c: char| c.is_uppercase())
                || strong_shape(tok)
                || odd_lowercase(tok)
                || (glued && is_version(tok)))
                && !edges::session_code(tok)
                && !edges::region_code(tok)
                && !edges::instance_size(tok)
                // `#AWSCommunity`: a tag, no name.
                && !(run.is_empty() && text[..s].ends_with('#'))
                && !edges::in_option(text, s);
            // `FSx for Lustre`: in a unit with Chinese in it an English
            // `for` between names is part of one (English prose says it for
            // its own sake).
            let joins_names = han > 0
                && tok == "for"
                && tokens.get(j + 1).is_some_and(|&(ns, ne)| {
                    &text[e..ns] == " " && text[ns..ne].starts_with(|c: char| c.is_uppercase())
                });
            if !(name_like || joins_names && glued)
                || (!run.is_empty() && !glued)
                || words::is_function_word(tok) && !run.is_empty() && !joins_names
            {
                break;
            }
            run.push((s, e));
            j += 1;
        }
        if run.is_empty() {
            i += 1;
            continue;
        }
        i = j;
        let officer = edges::trim(text, &mut run);
        // Names are a few words; a longer run of capitalised words is a
        // title or a list. Kept, a run of 20,000 words made the choice of
        // names take minutes, each of its words looked up with the rest.
        if run.len() > MAX_NAME_WORDS {
            continue;
        }
        let (Some(&(s, _)), Some(&(_, mut e))) = (run.first(), run.last()) else {
            continue;
        };
        line_of.reach(s);
        if exchange_label(text, s, e) || line_of.in_place(s) {
            continue;
        }
        let mut company_hint = officer;
        let mut name = text[s..e].to_string();
        for suffix in ["'s", "’s"] {
            if let Some(n) = name.strip_suffix(suffix) {
                name = n.to_string();
                e -= suffix.len();
                company_hint = true;
            }
        }
        let before_at = |at: usize| text[..at].trim_end_matches([' ', '"', '“', '*', '(']);
        let opens_sentence = |at: usize| {
            let before = before_at(at);
            !cjk && (before.is_empty()
                || before.ends_with(['.', '!', '?', ':', '-', '—', '–', '|', '·']))
        };
        let before = before_at(s);
        let sentence_start = opens_sentence(s);
        let after = &text[e..];
        company_hint |= before.ends_with("来自")
            || edges::works_at(before)
            || edges::in_column_of_organisations(text, line_of.start, s)
            || ["公司", "集团", " CEO", " CTO", "CEO", " will ", " plans "]
                .iter()
                .any(|w| after.starts_with(w))
            || said_as_company(before, after, &lists)
            || edges::names_a_company(before, &name);
        let mut found = sighting(name, sentence_start, company_hint);
        found.launched = !company_hint && edges::launched(after);
        // `## Key Takeaways`: a heading of the recap's own, whatever its
        // length, where capitals say nothing of a name.
        found.headline |= line_of.is_heading();
        // The catalog name before it is masked (`|||`, which ends a table
        // cell): whether the whole name opens a sentence is decided before it.
        if let Some(p) = part_of(before_it.products, text, s, &found.name) {
            if p.written != p.name && p.name.ends_with(&format!(" {}", p.written)) {
                found.full = Some(format!("{} {}", p.name, found.name));
            }
            found.name = format!("{} {}", p.written, found.name);
            found.parent = Some(p.name.to_string());
            found.sentence_start = opens_sentence(p.start());
        } else if let Some(c) = made_by(before_it.companies, text, s, &found.name) {
            found.name = format!("{} {}", c.written, found.name);
            found.maker = Some(c.name.to_string());
            found.sentence_start = opens_sentence(c.start());
        }
        out.push(found);
    }
    let [paren, suite, model] = compound_res();
    // Each pattern runs only where its literal part is: a unit's numbers
    // are nearly all followed by Chinese (`15%`, `3倍`), and the patterns
    // took a fifth of discovery's time on every unit with a digit.
    let has_paren = latin_in_brackets(text);
    let has_suite = ["套件", "工具包", "加速器"]
        .iter()
        .any(|w| text.contains(w));
    let has_model = model_number(text.as_bytes());
    for c in paren.captures_iter(if has_paren { text } else { "" }) {
        let latin_name = c["latin"].trim().to_string();
        let alias = han_trim(&c["han"]).to_string();
        // `向量桶（vector bucket）`: the English for the term, no name.
        let translation = !latin_name
            .contains(|c: char| c.is_ascii_uppercase() || c.is_ascii_digit())
            && latin_name
                .split(' ')
                .all(|w| words::rank_inflected(w).is_some());
        // `落地（FSI302）`: the session's code after its title.
        let code = edges::session_code(&latin_name);
        if alias.chars().count() >= 2 && !translation && !code {
            let mut s = sighting(latin_name, false, false);
            s.han_alias = Some(alias);
            out.push(s);
        }
    }
    for c in suite.captures_iter(if has_suite { text } else { "" }) {
        let han_part = &c["han"];
        let start = c.get(0).map_or(0, |m| m.start());
        let glued = text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric());
        if !glued && !han_part.contains(['的', '在', '上', '和', '与', '是', '了']) {
            out.push(sighting(
                format!("{} {}", &c["head"], han_part),
                false,
                false,
            ));
        }
    }
    for c in model.captures_iter(if has_model { text } else { "" }) {
        let brand = han_trim(&c["han"]);
        if brand.chars().count() >= 2 && !measured(brand, &c["model"]) {
            out.push(sighting(format!("{brand} {}", &c["model"]), false, false));
        }
    }
}

mod decide;
mod edges;
mod given_names;
mod lines;
mod said;
mod stop;
mod tokens;
pub use decide::{all_generic, decide};
pub use given_names::{is_given_name, person_shaped};

#[cfg(test)]
mod tests;
