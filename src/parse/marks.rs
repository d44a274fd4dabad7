//! Markdown's marks typed in full width, as a Chinese input method left in
//! full-width mode types them: `＃ 标题`, `－ 要点`, `＊ 要点`, `＞ 引文`,
//! `１） 要点`, and the circled numbers `①` that Chinese notes number
//! lists with. At the start of a line they are written in ASCII, so they
//! mean what they mean there; the rest of the line is kept as written.

use std::borrow::Cow;

/// `line` with the marks at its start (after its indentation) in ASCII.
pub fn ascii_marks(line: &str) -> Cow<'_, str> {
    let body = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - body.len()];
    let Some(first) = body.chars().next() else {
        return Cow::Borrowed(line);
    };
    if first.is_ascii() && !first.is_ascii_digit() && first != '#' {
        return Cow::Borrowed(line);
    }
    let marked = headings(body)
        .or_else(|| bullet(body))
        .or_else(|| numbered(body))
        .or_else(|| circled(body));
    match marked {
        Some(body) => Cow::Owned(format!("{indent}{body}")),
        None => Cow::Borrowed(line),
    }
}

/// After a mark: a space, an ideographic one as a plain one.
fn spaced(rest: &str) -> Option<&str> {
    rest.strip_prefix(' ').or_else(|| rest.strip_prefix('　'))
}

/// `＃ 标题`, `＃＃会议概述`, `#＃ 时间线`.
fn headings(body: &str) -> Option<String> {
    let rest = body.trim_start_matches(['#', '＃']);
    let run = &body[..body.len() - rest.len()];
    let marks = run.chars().count();
    if !run.contains('＃') || marks > 6 {
        return None;
    }
    let rest = spaced(rest).map_or(rest.to_string(), |r| format!(" {r}"));
    Some(format!("{}{rest}", "#".repeat(marks)))
}

/// `－ 要点`, `＊ 要点`, `＋ 要点`, `＞ 引文`.
fn bullet(body: &str) -> Option<String> {
    let mut chars = body.chars();
    let mark = match chars.next()? {
        '－' => '-',
        '＊' => '*',
        '＋' => '+',
        '＞' => return Some(format!(">{}", chars.as_str())),
        _ => return None,
    };
    Some(format!("{mark} {}", spaced(chars.as_str())?))
}

/// `１） 要点`, `2） 要点`, `３． 要点`: a number of up to three digits
/// and a full-width `）` or `．`, or full-width digits and `.`, `)`, `、`.
fn numbered(body: &str) -> Option<String> {
    let digits: String = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    let count = digits.chars().count();
    if !(1..=3).contains(&count) {
        return None;
    }
    let width: usize = body.chars().take(count).map(char::len_utf8).sum();
    let full_digits = width > count;
    let rest = &body[width..];
    let mut chars = rest.chars();
    let mark = match chars.next()? {
        '）' => ')',
        '．' => '.',
        c @ ('.' | ')' | '、') if full_digits => c,
        _ => return None,
    };
    Some(format!("{digits}{mark}{}", chars.as_str()))
}

/// `① 要点`, `②要点`: numbered items from one to twenty.
fn circled(body: &str) -> Option<String> {
    let mut chars = body.chars();
    let c = chars.next()?;
    if !('①'..='⑳').contains(&c) {
        return None;
    }
    let n = c as u32 - '①' as u32 + 1;
    let rest = chars.as_str();
    Some(format!("{n}. {}", spaced(rest).unwrap_or(rest)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_marks_are_written_in_ascii() {
        for (written, read) in [
            ("＃ 全角标题", "# 全角标题"),
            ("＃＃会议概述", "##会议概述"),
            ("＃＃　时间线", "## 时间线"),
            ("#＃ 时间线", "## 时间线"),
            ("－ 要点", "- 要点"),
            ("  ＊ 子要点", "  * 子要点"),
            ("＋　要点", "+ 要点"),
            ("＞ 引文", "> 引文"),
            ("1） 10:00 开场", "1) 10:00 开场"),
            ("１２） 要点", "12) 要点"),
            ("３．要点", "3.要点"),
            ("１. 要点", "1. 要点"),
            ("２、要点", "2、要点"),
            ("① 11:00 开场", "1. 11:00 开场"),
            ("⑳要点", "20. 要点"),
        ] {
            assert_eq!(ascii_marks(written), read, "{written}");
        }
    }

    #[test]
    fn lines_without_full_width_marks_are_left_alone() {
        for line in [
            "# 标题",
            "- 要点",
            "00:00 开场",
            "1. 要点",
            "2、要点",
            "１２３４５ 人",
            "－要点",
            "＃＃＃＃＃＃＃ 七个",
            "中文正文 ＃ 不在行首",
            "１２：３０ 开场",
            "",
        ] {
            assert!(matches!(ascii_marks(line), Cow::Borrowed(_)), "{line}");
        }
    }
}
