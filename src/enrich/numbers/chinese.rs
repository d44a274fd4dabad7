//! Figures written in Chinese numerals: `三成`, `百分之三十`, `两倍`,
//! `一点五倍`, `一千万用户`, `三十亿美元`.
//!
//! Chinese numerals are everywhere in prose (`一个`, `三位`, `千万不要`,
//! `成千上万`), so only the forms that state a figure are read: a share in
//! tenths (`X成`), a percentage (`百分之X`), a multiple (`X倍`) and a count
//! or sum with a magnitude and a unit (`X万/亿` + `用户`, `美元`…). A
//! numeral after `数`, `几` or `上` (`数十倍`, `几万人`) is not a figure.

use super::{known, Figure, UNIT};
use aho_corasick::{AhoCorasick, MatchKind};
use std::sync::OnceLock;

/// Words a figure in Chinese numerals ends with or starts with.
const TRIGGERS: [&str; 5] = ["成", "倍", "百分之", "万", "亿"];

/// After `X成`, these make a word of `成` (`成本`, `成功`, `成员`…), or
/// make `一成不变` an idiom: not a share.
const NOT_SHARE: &str = "本功员果熟长型立就绩品交都为不";

/// Before `一成`, these make a word of `一` (`统一成一个平台`, `唯一成功`):
/// not a tenth.
const ENDS_WITH_ONE: &str = "统唯单同万之第专划合归逐均如周初";

fn digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The longest numeral read, in characters (`一千二百三十四万五千六百` is
/// twelve): a longer run of numeral characters is no figure, and looking
/// no further keeps a line of thousands of them quick.
const LONGEST: usize = 16;

/// The length in bytes of the run of numeral characters `text` starts
/// with, or `None` when it is longer than [`LONGEST`].
fn numeral_len(text: &str) -> Option<usize> {
    let mut len = 0;
    for (n, c) in text.chars().enumerate() {
        if !is_numeral(c) {
            break;
        }
        if n == LONGEST {
            return None;
        }
        len += c.len_utf8();
    }
    Some(len)
}

fn is_numeral(c: char) -> bool {
    digit(c).is_some() || matches!(c, '十' | '百' | '千' | '万' | '亿' | '点')
}

/// Every figure in Chinese numerals in `text`, left to right.
pub fn find(text: &str) -> Vec<Figure> {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    let ac = AC.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(TRIGGERS)
            .expect("plain words")
    });
    let mut out: Vec<Figure> = Vec::new();
    for m in ac.find_iter(text) {
        if out.last().is_some_and(|f| f.end > m.start()) {
            continue;
        }
        let found = match &text[m.start()..m.end()] {
            "百分之" => percent(text, m.start(), m.end()),
            "成" => share(text, m.start(), m.end()),
            "倍" => multiple(text, m.start(), m.end()),
            _ => count(text, m.start()),
        };
        out.extend(found);
    }
    out
}

/// Where the numeral that ends at `end` starts, if it is a figure's: not
/// empty, and not after `数`, `几`, `上`, `第` or a digit.
fn numeral_before(text: &str, end: usize) -> Option<usize> {
    let mut run = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_numeral(c))
        .take(LONGEST + 1);
    let start = run.by_ref().take(LONGEST).last().map(|(i, _)| i)?;
    if run.next().is_some() {
        return None;
    }
    let before = text[..start].chars().next_back();
    if before
        .is_some_and(|c| matches!(c, '数' | '几' | '上' | '第' | '好' | '成') || c.is_ascii_digit())
    {
        return None;
    }
    Some(start)
}

/// `百分之三十`, `百分之零点五`.
fn percent(text: &str, start: usize, after: usize) -> Option<Figure> {
    let len = numeral_len(&text[after..])?;
    let value = value_of(&text[after..after + len])?;
    Some(figure(text, start..after + len, value, "%", "percent"))
}

/// `三成`, `七成多`: a share in tenths, as a percentage.
fn share(text: &str, at: usize, end: usize) -> Option<Figure> {
    if text[end..]
        .chars()
        .next()
        .is_some_and(|c| NOT_SHARE.contains(c))
    {
        return None;
    }
    let start = numeral_before(text, at)?;
    let mut numeral = text[start..at].chars();
    let tenths = match (numeral.next(), numeral.next()) {
        (Some(c), None) => digit(c).filter(|&d| d >= 1)?,
        _ => return None,
    };
    if tenths == 1
        && text[..start]
            .chars()
            .next_back()
            .is_some_and(|c| ENDS_WITH_ONE.contains(c))
    {
        return None;
    }
    if tenths == 8 && probably(&text[..start], &text[end..]) {
        return None;
    }
    let value = f64::from(tenths * 10);
    Some(figure(text, start..end, value, "%", "percent"))
}

/// `这八成是缓存的问题`: `八成` said of a pronoun before a verb is "most
/// likely", not 80% (`客户中八成是中小企业` is).
fn probably(before: &str, after: &str) -> bool {
    let pronoun = before
        .chars()
        .next_back()
        .is_some_and(|c| "这那他她它你我们".contains(c));
    pronoun
        && after
            .chars()
            .next()
            .is_some_and(|c| "是会要就也又得".contains(c))
}

/// `两倍`, `一点五倍`, `十倍`.
fn multiple(text: &str, at: usize, end: usize) -> Option<Figure> {
    let start = numeral_before(text, at)?;
    let value = value_of(&text[start..at])?;
    Some(figure(text, start..end, value, "倍", "multiple"))
}

/// `一千万用户`, `三十亿美元`, `两万多名`: a numeral with a magnitude and
/// a unit. The numeral starts with a digit or `十` (`千万`, `万一` are
/// words), and the magnitude is its last character(s).
fn count(text: &str, at: usize) -> Option<Figure> {
    let start = numeral_before(text, at)?;
    let run_end = at + numeral_len(&text[at..])?;
    let run = &text[start..run_end];
    if !run.starts_with(|c| digit(c).is_some_and(|d| d > 0) || c == '十') {
        return None;
    }
    let magnitude = ["万亿", "亿", "万"]
        .into_iter()
        .find(|m| run.ends_with(m))?;
    let scaled = value_of(run)?;
    let mut end = run_end;
    if text[end..].starts_with('多') {
        end += '多'.len_utf8();
    }
    let unit = unit_at(&text[end..])?;
    let kind = if matches!(unit, "美元" | "欧元" | "英镑" | "人民币" | "元") {
        "money"
    } else {
        "count"
    };
    Some(Figure {
        value: scaled / super::multiplier(magnitude),
        scaled,
        magnitude: known(magnitude),
        ..figure(text, start..end + unit.len(), scaled, unit, kind)
    })
}

/// The longest of [`UNIT`]'s Chinese words that `rest` starts with.
fn unit_at(rest: &str) -> Option<&'static str> {
    UNIT.split('|')
        .filter(|u| !u.is_ascii() && rest.starts_with(u))
        .max_by_key(|u| u.len())
        .map(known)
}

/// The figure `text[span]` says, with no magnitude.
fn figure(
    text: &str,
    span: std::ops::Range<usize>,
    value: f64,
    unit: &'static str,
    kind: &'static str,
) -> Figure {
    Figure {
        start: span.start,
        end: span.end,
        text: text[span].to_string(),
        value,
        scaled: value,
        unit: known(unit),
        magnitude: "",
        from: None,
        kind,
    }
}

/// The value of a numeral: `一千二百万` → 12,000,000, `三十五` → 35,
/// `零点五` → 0.5. `None` for what is not one numeral (`二零二五`,
/// `点五`, `万`).
pub fn value_of(numeral: &str) -> Option<f64> {
    let (whole, decimals) = match numeral.split_once('点') {
        Some((w, d)) => (w, Some(d)),
        None => (numeral, None),
    };
    let mut value = whole_value(whole)?;
    if let Some(d) = decimals {
        let digits: Option<Vec<u32>> = d.chars().map(digit).collect();
        let digits = digits.filter(|d| !d.is_empty())?;
        let mut scale = 0.1;
        for d in digits {
            value += f64::from(d) * scale;
            scale /= 10.0;
        }
    }
    (value > 0.0).then_some(value)
}

fn whole_value(numeral: &str) -> Option<f64> {
    if numeral.is_empty() {
        return None;
    }
    let (mut total, mut section) = (0.0, 0.0);
    let mut pending: Option<u32> = None;
    for c in numeral.chars() {
        if let Some(d) = digit(c) {
            // `二零二五`: digits in a row are a year or a code, not a figure
            // (`零` before a digit, as in `一百零五`, is a place kept empty).
            if pending.is_some_and(|p| p != 0) {
                return None;
            }
            pending = Some(d);
            continue;
        }
        let d = pending.take().map(f64::from);
        match c {
            // `十五`, `百万`: a place with no digit before it is one of it.
            '十' => section += d.unwrap_or(1.0) * 10.0,
            '百' => section += d.unwrap_or(1.0) * 100.0,
            '千' => section += d.unwrap_or(1.0) * 1000.0,
            '万' => {
                total += (section + d.unwrap_or(0.0)) * 1e4;
                section = 0.0;
            }
            '亿' => {
                total = (total + section + d.unwrap_or(0.0)) * 1e8;
                section = 0.0;
            }
            _ => return None,
        }
    }
    Some(total + section + f64::from(pending.unwrap_or(0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figures(text: &str) -> Vec<(String, f64, &'static str, &'static str, &'static str)> {
        find(text)
            .into_iter()
            .map(|f| (f.text, f.scaled, f.unit, f.magnitude, f.kind))
            .collect()
    }

    #[test]
    fn numerals_have_their_value() {
        for (numeral, value) in [
            ("三", 3.0),
            ("十", 10.0),
            ("十五", 15.0),
            ("三十", 30.0),
            ("三十五", 35.0),
            ("一百零五", 105.0),
            ("一千二百万", 12_000_000.0),
            ("两万亿", 2e12),
            ("一亿两千万", 120_000_000.0),
            ("零点五", 0.5),
            ("一点五", 1.5),
        ] {
            assert_eq!(value_of(numeral), Some(value), "{numeral}");
        }
        for not in ["", "二零二五", "点五", "万", "一点", "零"] {
            assert_eq!(value_of(not), None, "{not}");
        }
    }

    #[test]
    fn figures_in_chinese_numerals_are_read() {
        assert_eq!(
            figures("成本降低三成，效率提升两倍，百分之三十的客户，一点五倍"),
            [
                ("三成".to_string(), 30.0, "%", "", "percent"),
                ("两倍".to_string(), 2.0, "倍", "", "multiple"),
                ("百分之三十".to_string(), 30.0, "%", "", "percent"),
                ("一点五倍".to_string(), 1.5, "倍", "", "multiple"),
            ]
        );
        assert_eq!(
            figures("服务一千万用户，投资三十亿美元，两万多名开发者"),
            [
                ("一千万用户".to_string(), 1e7, "用户", "万", "count"),
                ("三十亿美元".to_string(), 3e9, "美元", "亿", "money"),
                ("两万多名".to_string(), 2e4, "名", "万", "count"),
            ]
        );
    }

    #[test]
    fn one_tenth_is_a_share_unless_one_belongs_to_a_word() {
        for text in ["不到一成的企业", "仅有一成客户", "约一成左右"] {
            assert_eq!(
                figures(text),
                [("一成".to_string(), 10.0, "%", "", "percent")],
                "{text}"
            );
        }
        for text in [
            "统一成一个平台",
            "唯一成功的路径",
            "一成为默认就好",
            "单一成果",
            "第一成员",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn eighty_percent_of_something_is_a_share() {
        for text in ["客户中八成是中小企业", "这些客户八成会续约"] {
            let found = find(text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!((found[0].text.as_str(), found[0].value), ("八成", 80.0));
        }
    }

    #[test]
    fn numerals_in_words_and_vague_amounts_are_not_figures() {
        for text in [
            "完成了一个项目",
            "千万不要忘记",
            "成千上万的用户",
            "一成不变",
            "三成本",
            "数十倍的提升",
            "几万人参加",
            "万一失败",
            "第三成员",
            "这八成是缓存的问题",
            "他们八成会选择 Kiro",
            "加倍努力",
            "一万",
            "二零二五年",
            "百分之",
            &"一万".repeat(5000),
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }
}
