//! Reading a figure the patterns found: its number, magnitude and unit.
//!
//! The patterns say where a figure is; what it says is read here from the
//! text they matched, the way their groups would read it. Reading the
//! groups (a backtracking search per figure) was a third of finding
//! figures.

use super::{known, parse_num, EN_COUNT, EN_MAG, EN_UNIT, UNIT, ZH_MAG};
use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// Magnitudes as the patterns write them after a number, longest first
/// where one starts another, and units.
pub(super) fn words_after_numbers() -> &'static (Vec<&'static str>, FxHashSet<&'static str>) {
    static W: OnceLock<(Vec<&'static str>, FxHashSet<&'static str>)> = OnceLock::new();
    W.get_or_init(|| {
        let words = |lists: &[&'static str]| -> Vec<&'static str> {
            lists.iter().flat_map(|l| l.split('|')).collect()
        };
        let mut mags = words(&[ZH_MAG, EN_MAG, "K|M|B|bn"]);
        mags.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        (
            mags,
            words(&[UNIT, EN_UNIT, EN_COUNT, "x|X"])
                .into_iter()
                .collect(),
        )
    })
}

/// The last figure of `s`, a figure as the patterns found it: its value,
/// magnitude and unit. The number is the first one from which a number,
/// a magnitude, `多` and a unit, each but the number optional and each
/// with an optional space before it, reach the end of `s`, as the
/// patterns' groups read it.
pub(super) fn last_figure(s: &str) -> Option<(f64, &'static str, &'static str)> {
    let s = s.trim_end();
    let b = s.as_bytes();
    (0..b.len())
        .filter(|&i| b[i].is_ascii_digit())
        .find_map(|i| {
            let num = number_at(b, i);
            let (mag, unit) = tail(&s[i + num..])?;
            Some((parse_num(&s[i..i + num])?, known(mag), known(unit)))
        })
}

/// The length of [`super::NUM`] at `i` (a digit): `1,234.5` or `1234.5`.
fn number_at(b: &[u8], i: usize) -> usize {
    let digits = |at: usize| {
        b[at.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let decimals = |at: usize| match b.get(at) {
        Some(b'.') if digits(at + 1) > 0 => 1 + digits(at + 1),
        _ => 0,
    };
    let lead = digits(i);
    if lead <= 3 {
        let mut at = i + lead;
        while b.get(at) == Some(&b',')
            && digits(at + 1) >= 3
            && !b.get(at + 4).is_some_and(u8::is_ascii_digit)
        {
            at += 4;
        }
        if at > i + lead {
            return at + decimals(at) - i;
        }
    }
    lead + decimals(i + lead)
}

/// `rest`, after a number, as `\s?(magnitude)?\s?(多)?\s?(unit)?\s*`
/// to its end: the magnitude and unit, empty when absent. Where more than
/// one reading fits, the patterns' own preference wins: a space taken, a
/// magnitude, `多`, a longer word. Only one unit can end the text.
fn tail(rest: &str) -> Option<(&'static str, &'static str)> {
    let (mags, units) = words_after_numbers();
    let space = |t: &str| {
        let w = t
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map_or(0, char::len_utf8);
        std::iter::once(w).chain((w > 0).then_some(0))
    };
    let duo = |t: &str| {
        let w = if t.starts_with('多') {
            '多'.len_utf8()
        } else {
            0
        };
        std::iter::once(w).chain((w > 0).then_some(0))
    };
    for a in space(rest) {
        let r = &rest[a..];
        let fitting = mags.iter().copied().filter(|m| r.starts_with(m));
        for mag in fitting.chain([""]) {
            let r = &r[mag.len()..];
            for b in space(r) {
                for d in duo(&r[b..]) {
                    let r = &r[b + d..];
                    for c in space(r) {
                        let word = r[c..].trim_end();
                        if word.is_empty() {
                            return Some((mag, ""));
                        }
                        if let Some(unit) = units.get(word) {
                            return Some((mag, unit));
                        }
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::{rules, NUM};
    use super::*;
    use crate::pattern::Regex;

    /// [`last_figure`] reads a figure as the patterns' groups did, which
    /// it replaced: a pattern for the last figure of a text, and each
    /// rule's own groups on what it matched.
    #[test]
    fn figures_read_as_the_patterns_groups_read_them() {
        let last = Regex::new(&format!(
            r"(?P<v>{NUM})\s?(?P<mag>{ZH_MAG}|{EN_MAG}|bn|[KMB])?\s?(?:多)?\s?(?P<unit>{UNIT}|{EN_UNIT}|x|X)?\s*$"
        ))
        .unwrap();
        let groups = |c: &crate::pattern::Captures| {
            (
                parse_num(c.name("v").unwrap().as_str()),
                known(c.name("mag").map_or("", |m| m.as_str())),
                known(c.name("unit").map_or("", |m| m.as_str())),
            )
        };
        let pieces = [
            "1",
            "23",
            "456",
            "7890",
            ",",
            ".",
            " ",
            "\u{3000}",
            "万",
            "亿",
            "万亿",
            "千",
            "million",
            "billion",
            "K",
            "M",
            "B",
            "bn",
            "多",
            "个",
            "个月",
            "个百分点",
            "%",
            "％",
            "MB",
            "TB",
            "ms",
            "milliseconds",
            "queries per second",
            "x",
            "X",
            "倍",
            "美元",
            "元",
            "人民币",
            "人",
            "名",
            "-",
            "–",
            "~",
            "$",
            "US$",
            "€",
            "从",
            "到",
            "降至",
            "提升到",
            "a",
            "中",
            "年",
        ];
        let mut text = crate::test_texts(0x51_7CC1_B727_220A, &pieces, 8);
        let (mut figures, mut read) = (0, 0);
        for _ in 0..60_000 {
            let t = text();
            let expected = last.captures(&t).map(|c| groups(&c));
            let got = last_figure(&t).map(|(v, m, u)| (Some(v), m, u));
            assert_eq!(got, expected.filter(|e| e.0.is_some()), "{t:?}");
            read += usize::from(got.is_some());
            for rule in rules().list.iter().filter(|r| r.kind != "change") {
                for m in rule.regex().find_iter(&t) {
                    let c = rule.regex().captures_of(&t, m.start()..m.end()).unwrap();
                    let (v, mag, unit) = last_figure(m.as_str()).unwrap();
                    assert_eq!((Some(v), mag, unit), groups(&c), "{t:?} {}", rule.pattern);
                    figures += 1;
                }
            }
        }
        assert!(figures > 10_000 && read > 5_000, "{figures} {read}");
    }
}
