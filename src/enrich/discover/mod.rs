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
use memchr::memmem;
use std::sync::OnceLock;

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
}

/// A name discovery decided to give a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Discovered {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// For `Cohere Embed v3`: the company named by its first word.
    pub maker: Option<String>,
}

#[derive(Debug, Default)]
pub struct Decision {
    pub accepted: Vec<Discovered>,
    pub candidates: Vec<Candidate>,
}

/// Generic technology words, roles, units and event words that are
/// capitalised or upper-case but never a product or company.
const STOP: &[&str] = &[
    "ai",
    "ml",
    "ai/ml",
    "nlp",
    "llm",
    "llms",
    "genai",
    "agi",
    "rag",
    "api",
    "apis",
    "sdk",
    "cli",
    "gui",
    "ui",
    "ux",
    "saas",
    "paas",
    "iaas",
    "serverless",
    "devops",
    "gitops",
    "mlops",
    "llmops",
    "finops",
    "aiops",
    "devsecops",
    "secops",
    "gpu",
    "gpus",
    "cpu",
    "cpus",
    "tpu",
    "npu",
    "iot",
    "sql",
    "nosql",
    "http",
    "https",
    "rest",
    "json",
    "yaml",
    "xml",
    "csv",
    "pdf",
    "url",
    "dns",
    "vpn",
    "vpc",
    "ip",
    "tcp",
    "udp",
    "sla",
    "slo",
    "sli",
    "kpi",
    "kpis",
    "roi",
    "okr",
    "qps",
    "tps",
    "rps",
    "p2p",
    "b2b",
    "b2c",
    "smb",
    "sme",
    "q&a",
    "faq",
    "diy",
    "mvp",
    "poc",
    "oss",
    "etl",
    "elt",
    "cdc",
    "hnsw",
    "ivf",
    "ann",
    "knn",
    "rbac",
    "sso",
    "mfa",
    "hipaa",
    "gdpr",
    "soc",
    "pci",
    "iso",
    "nist",
    "ci",
    "cd",
    "ci/cd",
    "tb",
    "gb",
    "pb",
    "mb",
    "kb",
    "ms",
    "vs",
    "etc",
    "ok",
    "beta",
    "alpha",
    "ga",
    "preview",
    "demo",
    "keynote",
    "session",
    "agenda",
    "fy",
    "gdp",
    "nps",
    "emea",
    "apac",
    "dlp",
    "bi",
    "it",
    "hr",
    "vip",
    "ilt",
    "tokens",
    "token",
    "ceo",
    "cto",
    "cfo",
    "coo",
    "cio",
    "cdo",
    "cmo",
    "ciso",
    "vp",
    "svp",
    "evp",
    "gm",
    "sre",
    "pm",
    "qa",
    "phd",
    "mba",
    "usa",
    "us",
    "uk",
    "eu",
    "ok",
    "am",
    "pm",
    "id",
    "3d",
    "2d",
    "vr",
    "ar",
    "xr",
    "agentic",
    "agentic ai",
    "generative ai",
    "chatbot",
    "copilot",
    "fp4",
    "fp8",
    "fp16",
    "bf16",
];

/// Compile this module's patterns now (see [`crate::enrich::warm_up_first_pass`]).
pub fn warm_up() {
    stop_pattern();
    token_re();
    compound_res();
}

fn stop_pattern() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new_anchored(concat!(
            r"^(?:",
            r"[qQ][1-4]|[hH][12]|FY\d+|[pP]\d{2,3}|FP\d+|v?\d+(?:\.\d+)*[a-zA-Z]?|[a-zA-Z]|",
            r"(?:Apache|MIT|BSD|GPL|LGPL|AGPL|MPL)[- ]?v?\d(?:\.\d)*|",
            r"\d+[xX]|[A-Z]\d{0,1}",
            r")$"
        ))
        .unwrap()
    })
}

fn token_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r"[A-Za-z0-9À-ɏ](?:[A-Za-z0-9À-ɏ.&+'’:\-]*[A-Za-z0-9À-ɏ+])?").unwrap()
    })
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
                r"(?P<han>[\p{Han}]{2,8}) ?(?P<model>\d{3,}[A-Za-z]{1,3})(?:[^A-Za-z0-9]|$)",
            )
            .unwrap(),
        ]
    })
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Inner capitals or digits with letters: `TiDB`, `vLLM`, `Qwen3`, `H100`.
fn strong_shape(token: &str) -> bool {
    let letters = token.chars().filter(|c| c.is_alphabetic()).count();
    let digits = token.chars().any(|c| c.is_ascii_digit());
    let inner_upper =
        token.chars().skip(1).any(|c| c.is_uppercase()) && token.chars().any(|c| c.is_lowercase());
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

/// Every possible name in one session. `units` are (text, line); `masks`
/// are byte ranges per unit already taken by catalog names; `exclude` are
/// speaker names and roles, never names of things.
pub fn scan(
    units: &[(&str, usize)],
    masks: &[Vec<(usize, usize)>],
    exclude: &[String],
) -> Vec<Sighting> {
    let mut out = Vec::new();
    // Made once for all units: setting up a substring search cost more
    // than running it on a line.
    let exclude: Vec<memmem::Finder> = exclude
        .iter()
        .filter(|e| !e.is_empty())
        .map(memmem::Finder::new)
        .collect();
    for (k, (text, line)) in units.iter().enumerate() {
        let mut ranges: Vec<(usize, usize)> = masks.get(k).cloned().unwrap_or_default();
        for ex in &exclude {
            let n = ex.needle().len();
            ranges.extend(ex.find_iter(text.as_bytes()).map(|i| (i, i + n)));
        }
        let masked = mask(text, &ranges);
        scan_unit(&masked, *line, &mut out);
    }
    out
}

/// Replace masked ranges with `|` so they break runs.
fn mask(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut ranges = ranges.to_vec();
    ranges.sort_unstable();
    let mut next = ranges.iter().peekable();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        while next.peek().is_some_and(|&&(_, e)| e <= i) {
            next.next();
        }
        if next.peek().is_some_and(|&&(s, e)| i >= s && i < e) {
            out.push('|');
        } else {
            out.push(super::matcher::fold_char(c));
        }
    }
    out
}

fn scan_unit(text: &str, line: usize, out: &mut Vec<Sighting>) {
    let han = text.chars().filter(|&c| is_han(c)).count();
    let latin = text.chars().filter(|c| c.is_ascii_alphabetic()).count();
    let cjk = han * 2 >= latin;
    let sighting = |name: String, sentence_start: bool, company_hint: bool| Sighting {
        name,
        line,
        cjk,
        sentence_start,
        company_hint,
        speaker_org: false,
        han_alias: None,
    };
    // Runs of name-like tokens separated by single spaces.
    let tokens: Vec<(usize, usize)> = token_re()
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i;
        let mut run: Vec<(usize, usize)> = Vec::new();
        while j < tokens.len() {
            let (s, e) = tokens[j];
            let tok = &text[s..e];
            let glued = run.last().is_some_and(|&(_, pe)| &text[pe..s] == " ");
            let name_like = tok.starts_with(|c: char| c.is_uppercase())
                || strong_shape(tok)
                || odd_lowercase(tok)
                || (glued && is_version(tok));
            if !name_like
                || (!run.is_empty() && !glued)
                || words::is_function_word(tok) && !run.is_empty()
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
        // Trim function words at both ends (`The Acme`, `Postgres Without`).
        while run
            .first()
            .is_some_and(|&(s, e)| words::is_function_word(&text[s..e]))
        {
            run.remove(0);
        }
        while run
            .last()
            .is_some_and(|&(s, e)| words::is_function_word(&text[s..e]))
        {
            run.pop();
        }
        let (Some(&(s, _)), Some(&(_, mut e))) = (run.first(), run.last()) else {
            continue;
        };
        let mut company_hint = false;
        let mut name = text[s..e].to_string();
        for suffix in ["'s", "’s"] {
            if let Some(n) = name.strip_suffix(suffix) {
                name = n.to_string();
                e -= suffix.len();
                company_hint = true;
            }
        }
        let before = text[..s].trim_end_matches([' ', '"', '“', '*', '(']);
        let sentence_start = !cjk
            && (before.is_empty()
                || before.ends_with(['.', '!', '?', ':', '-', '—', '–', '|', '·']));
        let after = &text[e..];
        company_hint |= before.ends_with("来自")
            || before.ends_with(" at")
            || ["公司", "集团", " CEO", " CTO", "CEO", " will ", " plans "]
                .iter()
                .any(|w| after.starts_with(w));
        out.push(sighting(name, sentence_start, company_hint));
    }
    let [paren, suite, model] = compound_res();
    let has_paren = text.contains(['（', '(']);
    let has_suite = ["套件", "工具包", "加速器"]
        .iter()
        .any(|w| text.contains(w));
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    for c in paren.captures_iter(if has_paren { text } else { "" }) {
        let latin_name = c["latin"].trim().to_string();
        let alias = han_trim(&c["han"]).to_string();
        if alias.chars().count() >= 2 {
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
    for c in model.captures_iter(if has_digit { text } else { "" }) {
        let brand = han_trim(&c["han"]);
        if brand.chars().count() >= 2 {
            out.push(sighting(format!("{brand} {}", &c["model"]), false, false));
        }
    }
}

mod decide;
pub use decide::{all_generic, decide};

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        scan(&[(text, 1)], &[], &[])
            .into_iter()
            .map(|s| s.name)
            .collect()
    }

    #[test]
    fn latin_runs_in_chinese_prose() {
        assert_eq!(
            names(
                "基于 vLLM 构建推理引擎，KServe 负责服务编排；借助 Argo CD 实现 GitOps，Qwen3 上线"
            ),
            vec!["vLLM", "KServe", "Argo CD", "GitOps", "Qwen3"]
        );
    }

    #[test]
    fn chinese_compounds() {
        assert_eq!(
            names("正式推出 ACK 推理加速套件，即日起上线"),
            vec!["ACK", "ACK 推理加速套件"]
        );
        assert_eq!(
            names("混合调度多种国产加速卡，例如昇腾 910B"),
            vec!["昇腾 910B"]
        );
        let s = scan(&[("字节跳动在火山引擎（Volcano Engine）上", 1)], &[], &[]);
        let v = s.iter().find(|s| s.han_alias.is_some()).unwrap();
        assert_eq!(
            (v.name.as_str(), v.han_alias.as_deref()),
            ("Volcano Engine", Some("火山引擎"))
        );
    }

    #[test]
    fn english_runs_trim_function_words_and_possessives() {
        let s = scan(&[("Jane also announced Northstar, Acme's open-source tool. Vector Search on Postgres Without a Second Database", 1)], &[], &[]);
        let got: Vec<(&str, bool)> = s
            .iter()
            .map(|s| (s.name.as_str(), s.company_hint))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Jane", false),
                ("Northstar", false),
                ("Acme", true),
                ("Vector Search", false),
                ("Postgres", false),
                ("Second Database", false)
            ]
        );
    }
}
