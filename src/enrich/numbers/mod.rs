//! Key figures: statistics with their value, unit and magnitude as written.
//!
//! `98%`, `1320亿美元`, `5.7万用户`, `4.4倍`, `140 秒降至 87 秒`, `$1.2M`,
//! `2.5 billion`, `85 ms`. Bare numbers (years, dates, version numbers,
//! ordinals, `P5`, `Qwen3`) are not figures and are skipped. Figures in
//! Chinese numerals (`三成`, `两倍`, `一千万用户`) are read in [`chinese`],
//! figures typed in full width (`３０％`) in [`width`]. Texts come in
//! simplified characters (`5 萬` as `5 万`, see [`super::units`]); the
//! caller shows each figure as written.

use crate::pattern::Regex;
use aho_corasick::{AhoCorasick, AhoCorasickKind};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

mod chinese;
mod read;
mod width;
use read::{last_figure, words_after_numbers};

/// A figure found in a text; `start..end` are bytes into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub start: usize,
    pub end: usize,
    /// As written: `1320亿美元`.
    pub text: String,
    /// The number as written, without magnitude: 1320.
    pub value: f64,
    /// `美元`, `%`, `倍`, `秒`, `ms`…; empty when there is none.
    pub unit: &'static str,
    /// `亿`, `万`, `million`, `M`…; empty when there is none.
    pub magnitude: &'static str,
    /// `value` times the magnitude: 1.32e11.
    pub scaled: f64,
    /// For changes (`从 38% 提升到 71%`): the figure before, as written.
    pub from: Option<String>,
    /// `percent`, `money`, `multiple`, `change`, `count`, `measure`.
    pub kind: &'static str,
}

const NUM: &str = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?";
const ZH_MAG: &str = r"万亿|亿|万|千";
const EN_MAG: &str = r"thousand|million|billion|trillion";
/// Units after a number, longest first where one is a prefix of another.
const UNIT: &str = r"个百分点|%|％|倍|美元|欧元|英镑|人民币|元|毫秒|秒|分钟|小时|天|周|个月|年|纳米|名|人|家|个|次|颗|项|位|款|张|卡|场|台|条|种|席位|座席|用户|客户|玩家|员工|开发者|tokens|TB|GB|PB|MB|ms|QPS|nm";
/// What English prose counts after a bare number: `60,000 attendees`.
const EN_COUNT: &str = r"attendees|participants|customers|users|developers|engineers|employees|partners|people|companies|organizations|countries|regions|services|instances|students";
const EN_UNIT: &str = r"queries per second|requests per second|milliseconds|seconds|minutes|hours|days|weeks|months|years|ms|TB|GB|PB|QPS";
const CHANGE_VERB: &str = r"降至|降到|降低到|降低至|减少到|减少至|缩短至|缩短到|缩减至|提升到|提升至|提高到|提高至|增长到|增长至|增加到|增加至|增至|升至|扩大到|扩大至";

/// Symbols a figure's unit or magnitude can be besides [`UNIT`],
/// [`EN_UNIT`], [`ZH_MAG`] and [`EN_MAG`].
const SYMBOLS: &str = r"US$|$|€|£|x|X|K|M|B|bn";

/// `word` as one of the units and magnitudes the patterns know: every
/// capture is one of them, and a site has hundreds of thousands of figures,
/// so they share these instead of each owning a copy.
fn known(word: &str) -> &'static str {
    static WORDS: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        [UNIT, EN_UNIT, EN_COUNT, ZH_MAG, EN_MAG, SYMBOLS]
            .iter()
            .flat_map(|list| list.split('|'))
            .collect()
    });
    let found = words.get(word).copied();
    debug_assert!(found.is_some() || word.is_empty(), "unknown unit {word:?}");
    found.unwrap_or("")
}

/// One figure rule: its kind and its pattern, compiled when first needed.
struct Rule {
    kind: &'static str,
    pattern: String,
    regex: OnceLock<Regex>,
    /// Compiled by [`warm_up`]: the rules a Chinese recap uses. The others
    /// need English words (`from`, `$`, `million`) and are left to the
    /// first text that has them; most sites never do.
    eager: bool,
}

impl Rule {
    fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(&self.pattern).expect("number pattern"))
    }
}

struct Rules {
    list: Vec<Rule>,
    /// The words some rule cannot match without (its units, verbs or
    /// symbols), in one automaton: a text is searched only with the rules
    /// whose words it has. Compiling the rules into one set of patterns
    /// to ask the same took as long as compiling the rules themselves.
    needs: AhoCorasick,
    /// Per word of `needs`: the rules that need it, one bit each.
    needed_by: Vec<u16>,
}

impl Rules {
    /// The rules that may match in `text`, in order.
    fn candidates(&self, text: &str) -> impl Iterator<Item = usize> {
        let mut rules = 0u16;
        for m in self.needs.find_overlapping_iter(text) {
            rules |= self.needed_by[m.pattern().as_usize()];
        }
        (0..self.list.len()).filter(move |i| rules & (1 << i) != 0)
    }
}

/// Compile this module's patterns now (see [`super::warm_up_main_pass`]).
pub fn warm_up() {
    for rule in rules().list.iter().filter(|r| r.eager) {
        rule.regex();
    }
    words_after_numbers();
}

fn rules() -> &'static Rules {
    static R: OnceLock<Rules> = OnceLock::new();
    R.get_or_init(|| {
        let figure = format!(r"(?:{NUM})\s?(?:{ZH_MAG})?\s?(?:多)?\s?(?:{UNIT})?");
        let range = format!(r"(?:(?:{NUM})\s?(?:{UNIT})?\s?[-–~]\s?)?");
        let list = vec![
            (
                "change",
                "从",
                format!(r"从\s?(?P<from>{range}{figure})\s?(?:{CHANGE_VERB}|到)\s?(?P<to>(?:{NUM})\s?(?:{ZH_MAG})?\s?(?:{UNIT})?)"),
            ),
            (
                "change",
                CHANGE_VERB,
                format!(r"(?P<from>{range}(?:{NUM})\s?(?:{ZH_MAG})?\s?(?:{UNIT}))\s?(?:{CHANGE_VERB})\s?(?P<to>(?:{NUM})\s?(?:{ZH_MAG})?\s?(?:{UNIT})?)"),
            ),
            (
                "change",
                "from",
                format!(r"(?i:from) (?P<from>\$?(?:{NUM})\s?(?:%|x|{EN_MAG}|[KMB])?) to (?P<to>\$?(?:{NUM})\s?(?:%|x|{EN_MAG}|[KMB])?)"),
            ),
            (
                "money",
                "$|€|£",
                format!(r"(?:US\$|\$|€|£)\s?(?P<v>{NUM})\s?(?P<mag>{EN_MAG}|bn|[KMB])?"),
            ),
            (
                "money",
                "元|英镑",
                format!(r"(?P<v>{NUM})\s?(?P<mag>{ZH_MAG})?\s?(?P<unit>美元|欧元|英镑|人民币|元)"),
            ),
            ("percent", "%|％|个百分点", format!(r"{range}(?P<v>{NUM})\s?(?P<unit>%|％|个百分点)")),
            ("multiple", "倍|x", format!(r"(?P<v>{NUM})\s?(?P<unit>倍|x|X)")),
            (
                "count",
                "亿|万|千",
                format!(r"(?P<v>{NUM})\s?(?P<mag>{ZH_MAG})\s?(?:多)?\s?(?P<unit>{UNIT})?"),
            ),
            (
                "count",
                EN_MAG,
                format!(r"(?P<v>{NUM})\s(?P<mag>{EN_MAG})"),
            ),
            (
                "count",
                EN_COUNT,
                format!(r"(?P<v>{NUM}) (?P<unit>{EN_COUNT})\b"),
            ),
            (
                "duration",
                "秒|小时",
                format!(r"(?:{NUM})\s?小时\s?(?:{NUM})\s?分钟?(?:\s?(?:{NUM})\s?秒)?|(?:{NUM})\s?分钟?\s?(?:{NUM})\s?秒"),
            ),
            (
                "measure",
                EN_UNIT,
                format!(r"{range}(?P<v>{NUM})\s?(?P<unit>{EN_UNIT})"),
            ),
            (
                "measure",
                UNIT,
                format!(r"{range}(?P<v>{NUM})\s?(?:多)?\s?(?P<unit>{UNIT})"),
            ),
        ];
        // Case-blind, for `(?i:from)`: finding more words than a rule
        // needs only costs a search.
        debug_assert!(list.len() <= 16, "one bit per rule");
        let mut words: Vec<&str> = Vec::new();
        let mut needed_by: Vec<u16> = Vec::new();
        for (i, (_, needs, _)) in list.iter().enumerate() {
            for word in needs.split('|') {
                match words.iter().position(|w| *w == word) {
                    Some(k) => needed_by[k] |= 1 << i,
                    None => {
                        words.push(word);
                        needed_by.push(1 << i);
                    }
                }
            }
        }
        // A contiguous NFA: the DFA the builder picks for so few words took
        // 4.7 M instructions to build, a tenth of all the figure patterns.
        let needs = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .ascii_case_insensitive(true)
            .build(&words)
            .expect("plain words");
        Rules {
            list: list
                .into_iter()
                .map(|(kind, needs, pattern)| Rule {
                    kind,
                    pattern,
                    regex: OnceLock::new(),
                    eager: !matches!(needs, "from" | "$|€|£" | EN_MAG | EN_COUNT),
                })
                .collect(),
            needs,
            needed_by,
        }
    })
}

fn multiplier(mag: &str) -> f64 {
    match mag {
        "万亿" | "trillion" => 1e12,
        "亿" => 1e8,
        "万" => 1e4,
        "千" | "thousand" | "K" => 1e3,
        "million" | "M" => 1e6,
        "billion" | "bn" | "B" => 1e9,
        _ => 1.0,
    }
}

fn parse_num(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// Every figure in `text`, left to right, non-overlapping (a change wins
/// over the two figures it contains, one in digits over one in Chinese
/// numerals).
pub fn find(text: &str) -> Vec<Figure> {
    if width::has_digits(text) {
        return width::find_folded(text, find_ascii);
    }
    find_ascii(text)
}

/// [`find`] of a text whose digits are ASCII.
fn find_ascii(text: &str) -> Vec<Figure> {
    let mut found = in_digits(text);
    let in_numerals = chinese::find(text);
    if !in_numerals.is_empty() {
        let clear = |f: &Figure| !found.iter().any(|d| d.start < f.end && f.start < d.end);
        let kept: Vec<Figure> = in_numerals.into_iter().filter(clear).collect();
        found.extend(kept);
        found.sort_by_key(|f| f.start);
    }
    found
}

/// The figures of [`find`] written in digits.
fn in_digits(text: &str) -> Vec<Figure> {
    if !text.bytes().any(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let rules = rules();
    // Where each rule matches comes from the fast engines; the slower
    // capturing one runs only on the spans that win, since most candidates
    // are not standalone or lose to a longer or earlier figure.
    // (start, end, rule, where the match itself ended)
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new();
    for i in rules.candidates(text) {
        for m in rules.list[i].regex().find_iter(text) {
            // Trailing spaces belong to nobody.
            let matched = m.as_str().trim_end();
            let end = m.start() + matched.len();
            if standalone(text, m.start(), end, matched) {
                spans.push((m.start(), end, i, m.end()));
            }
        }
    }
    spans.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<Figure> = Vec::new();
    for (start, end, i, matched_end) in spans {
        if out.last().is_some_and(|l| l.end > start) {
            continue;
        }
        let rule = &rules.list[i];
        // Only a change needs the pattern's groups; the others are one
        // figure, read from the text the pattern matched.
        out.extend(match rule.kind {
            "change" => rule
                .regex()
                .captures_of(text, start..matched_end)
                .and_then(|c| change(&c, text, start, end)),
            "duration" => duration(text, start, end),
            kind => simple(kind, text, start, end),
        });
    }
    out
}

/// Not part of a name (`P5`, `Qwen3`, `recall@10`), a date (`11月12日`),
/// a year (`2030年`) or an ordinal (`第3`).
fn standalone(text: &str, start: usize, end: usize, matched: &str) -> bool {
    let before = text[..start].chars().next_back();
    if before.is_some_and(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '/' | '_' | '第' | ':' | '-')
    }) {
        return false;
    }
    let after = text[end..].chars().next();
    if matched.ends_with(|c: char| c.is_ascii_alphanumeric())
        && after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '/')
    {
        return false;
    }
    if after.is_some_and(|c| matches!(c, '月' | '日' | '号' | '/'))
        && !matched.contains(|c: char| !c.is_ascii_digit() && c != ' ')
    {
        return false;
    }
    // A year: four digits 1000–2999 followed by 年 (or 年代).
    let digits: String = matched.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.len() == 4 && matches!(digits.as_bytes()[0], b'1' | b'2') {
        let rest = matched[digits.len()..].trim_start();
        if rest.starts_with('年') || rest.is_empty() {
            return false;
        }
    }
    true
}

/// `3 分 12 秒`, `1小时20分钟`: one length of time, counted in the
/// smallest unit written (192 秒, 80 分钟), a `measure` like `12 秒`.
fn duration(text: &str, start: usize, end: usize) -> Option<Figure> {
    let written = &text[start..end];
    let (mut total, mut unit, mut number) = (0.0, "", String::new());
    for (i, c) in written.char_indices() {
        if c.is_ascii_digit() || c == '.' || c == ',' {
            number.push(c);
            continue;
        }
        let (seconds, name) = match c {
            '时' => (3600.0, "小时"),
            '分' => (60.0, "分钟"),
            '秒' => (1.0, "秒"),
            _ => continue,
        };
        // `小` and `钟` are the halves of `小时` and `分钟`.
        if c == '时' && !written[..i].ends_with('小') {
            return None;
        }
        total += parse_num(&number)? * seconds;
        number.clear();
        unit = name;
    }
    let per_unit = match unit {
        "秒" => 1.0,
        "分钟" => 60.0,
        _ => return None,
    };
    let value = total / per_unit;
    Some(Figure {
        start,
        end,
        text: written.to_string(),
        value,
        unit: known(unit),
        magnitude: "",
        scaled: value,
        from: None,
        kind: "measure",
    })
}

fn simple(kind: &'static str, text: &str, start: usize, end: usize) -> Option<Figure> {
    let (value, magnitude, mut unit) = last_figure(&text[start..end])?;
    if unit == "％" {
        unit = "%";
    }
    if kind == "money" && unit.is_empty() {
        let symbol = &text[start..];
        unit = if symbol.starts_with("US$") {
            "US$"
        } else {
            known(
                symbol
                    .chars()
                    .next()
                    .map_or("", |c| &symbol[..c.len_utf8()]),
            )
        };
    }
    if kind == "multiple" && unit == "X" {
        unit = "x";
    }
    Some(Figure {
        start,
        end,
        text: text[start..end].to_string(),
        value,
        scaled: value * multiplier(magnitude),
        unit,
        magnitude,
        from: None,
        kind,
    })
}

/// `从 38% 提升到 71%`, `140 秒降至 87 秒`, `from 5% to 25%`: the value,
/// unit and magnitude are those of the result; the unit falls back to the
/// starting figure's (`从6周缩短至2周`, `从120增长到700个`).
fn change(c: &crate::pattern::Captures, text: &str, start: usize, end: usize) -> Option<Figure> {
    let from = c.name("from")?.as_str().trim();
    let to = c.name("to")?.as_str().trim();
    // `from $5 to $8`: the dollar is before the number.
    let dollar = |part: &str, unit: &'static str| {
        if unit.is_empty() && part.starts_with('$') {
            "$"
        } else {
            unit
        }
    };
    let (tv, tmag, tunit) = last_figure(to)?;
    let (_, fmag, funit) = last_figure(from)?;
    let (tunit, funit) = (dollar(to, tunit), dollar(from, funit));
    let magnitude = if tmag.is_empty() && tunit.is_empty() {
        fmag
    } else {
        tmag
    };
    let unit = if tunit.is_empty() { funit } else { tunit };
    let unit = if unit == "％" { "%" } else { unit };
    Some(Figure {
        start,
        end,
        text: text[start..end].to_string(),
        value: tv,
        scaled: tv * multiplier(magnitude),
        unit,
        magnitude,
        from: Some(from.to_string()),
        kind: "change",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &str) -> Vec<String> {
        find(t).into_iter().map(|f| f.text).collect()
    }

    fn one(t: &str) -> Figure {
        let f = find(t);
        assert_eq!(f.len(), 1, "{f:?}");
        f.into_iter().next().unwrap()
    }

    /// `3 分 12 秒` is one length of time: shown as `12 秒` alone, the
    /// figure said something else.
    #[test]
    fn minutes_and_seconds_are_one_figure() {
        let f = find("用时 3 分 12 秒，成功率 94.5%");
        let texts: Vec<&str> = f.iter().map(|f| f.text.as_str()).collect();
        assert_eq!(texts, ["3 分 12 秒", "94.5%"]);
        assert_eq!((f[0].value, f[0].unit, f[0].kind), (192.0, "秒", "measure"));
        for (text, value, unit) in [
            ("部署耗时1小时20分钟", 80.0, "分钟"),
            ("冷启动 2分钟30秒", 150.0, "秒"),
            ("全程 1 小时 5 分 10 秒", 3910.0, "秒"),
            ("平均 4分钟 完成", 4.0, "分钟"),
        ] {
            let f = one(text);
            assert_eq!((f.value, f.unit), (value, unit), "{text}: {f:?}");
            assert_eq!(f.scaled, value, "{text}");
        }
        // A score is no time: `3 分` alone is not a figure.
        assert!(find("满分 5 分，平均 4 分").is_empty());
    }

    #[test]
    fn percentages_money_and_multiples() {
        let f = one("中小企业占全球企业总数的98%");
        assert_eq!((f.value, f.unit, f.kind), (98.0, "%", "percent"));
        let f = one("AWS业务规模达到1320亿美元，");
        assert_eq!((f.value, f.magnitude, f.unit), (1320.0, "亿", "美元"));
        assert_eq!(f.scaled, 1.32e11);
        let f = one("相比Trainium2提供4.4倍算力");
        assert_eq!((f.text.as_str(), f.value, f.unit), ("4.4倍", 4.4, "倍"));
        let f = one("cut spend by about $1.2M a year");
        assert_eq!((f.text.as_str(), f.unit, f.magnitude), ("$1.2M", "$", "M"));
        assert_eq!(f.scaled, 1.2e6);
    }

    #[test]
    fn magnitudes_and_counts() {
        let f = one("拥有5.7万用户，");
        assert_eq!(
            (f.text.as_str(), f.value, f.magnitude, f.unit),
            ("5.7万用户", 5.7, "万", "用户")
        );
        assert_eq!(f.scaled, 57000.0);
        let f = one("实现了 11,000 名座席的统一管理");
        assert_eq!((f.value, f.unit), (11000.0, "名"));
        let f = one("moved 2.5 billion embeddings");
        assert_eq!((f.text.as_str(), f.scaled), ("2.5 billion", 2.5e9));
        let f = one("Sony Data Ocean处理来自500多个数据源的数据");
        assert_eq!((f.value, f.unit), (500.0, "个"));
        // English counts what it counts with a noun.
        let f = one("Matt Garman welcomed 60,000 attendees in Las Vegas");
        assert_eq!(
            (f.text.as_str(), f.value, f.unit, f.kind),
            ("60,000 attendees", 60000.0, "attendees", "count")
        );
        assert_eq!(
            texts("served 4 million customers; 12 regions, 300 usersX, 5 Users"),
            ["4 million", "12 regions"]
        );
    }

    #[test]
    fn changes() {
        let f = one("平均处理时间从 140 秒降至 87 秒");
        assert_eq!(
            (f.text.as_str(), f.value, f.unit),
            ("从 140 秒降至 87 秒", 87.0, "秒")
        );
        assert_eq!(f.from.as_deref(), Some("140 秒"));
        let f = one("多个流程的平均处理时间140秒降至87秒");
        assert_eq!((f.text.as_str(), f.value), ("140秒降至87秒", 87.0));
        let f = one("GPU 利用率从 38% 提升到 71%");
        assert_eq!((f.value, f.unit, f.kind), (71.0, "%", "change"));
        let f = one("认证人数从120人增加到700人");
        assert_eq!((f.value, f.unit), (700.0, "人"));
        let f = one("药物发现时间从4-6周缩短至1小时");
        assert_eq!(
            (f.value, f.unit, f.from.as_deref()),
            (1.0, "小时", Some("4-6周"))
        );
        let f = one("traffic moved from 5% to 25% over six weeks");
        assert_eq!((f.value, f.unit), (25.0, "%"));
    }

    #[test]
    fn bare_numbers_names_dates_and_years_are_not_figures() {
        assert!(find("在AWS P5和P6实例上训练，Qwen3 模型").is_empty());
        assert!(find("11月12日推出，到2030年，1980年代，自 1812 年").is_empty());
        assert!(find("AWS re:Invent 2025 大会；第3步；recall@10 stays above 0.95").is_empty());
        assert!(find("70B 模型；昇腾 910B；884号展位").is_empty());
    }

    #[test]
    fn several_in_one_sentence() {
        assert_eq!(
            texts("77%的中小企业认识到AI的价值，并将17%的IT预算投入AI（计划增长超25%）"),
            vec!["77%", "17%", "25%"]
        );
        assert_eq!(
            texts("p99 latency 85 ms at 3,000 queries per second"),
            vec!["85 ms", "3,000 queries per second"]
        );
    }

    /// The words each rule needs are a filter, never a change: on the
    /// sample recaps and on figures of every kind, a rule that matches is
    /// always among the candidates.
    #[test]
    fn a_rule_that_matches_is_always_a_candidate() {
        let seeds = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/seeds")).unwrap();
        let mut lines: Vec<String> = seeds
            .flat_map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .lines()
                    .map(String::from)
                    .collect::<Vec<_>>()
            })
            .collect();
        lines.extend(
            [
                "从 38% 提升到 71%",
                "140 秒降至 87 秒",
                "grew FROM 5% To 25%",
                "US$ 3.5 billion 与 €20M",
                "1.2 亿元人民币",
                "3倍 与 10X",
                "2 万多名开发者",
                "5 million users",
                "900 queries per second",
                "12 个月",
            ]
            .map(String::from),
        );
        let rules = rules();
        let mut matched = 0;
        for line in &lines {
            let candidates: Vec<usize> = rules.candidates(line).collect();
            for (i, rule) in rules.list.iter().enumerate() {
                if rule.regex().is_match(line) {
                    matched += 1;
                    let kind = rule.kind;
                    assert!(candidates.contains(&i), "rule {i} ({kind}) on {line:?}");
                }
            }
        }
        assert!(matched > 50, "only {matched} matches");
    }

    #[test]
    fn every_unit_and_magnitude_is_a_known_word() {
        for (text, unit, magnitude) in [
            ("吞吐提升 3X", "x", ""),
            ("成本降低 2.5x", "x", ""),
            ("融资 US$ 5 billion", "US$", "billion"),
            ("收入 €3M", "€", "M"),
            ("营收 1320亿美元", "美元", "亿"),
            ("延迟 87 ms", "ms", ""),
            ("每秒 5 万 QPS", "QPS", "万"),
            ("准确率 98％", "%", ""),
        ] {
            let f = &find(text)[0];
            assert_eq!((f.unit, f.magnitude), (unit, magnitude), "{text}");
        }
    }
}
