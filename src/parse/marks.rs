//! Markdown's marks typed in full width, as a Chinese input method left in
//! full-width mode types them: `＃ 标题`, `－ 要点`, `＊ 要点`, `＞ 引文`,
//! `１） 要点`, and the circled numbers `①` that Chinese notes number
//! lists with; and the shapes and arrows word processors bullet lists
//! with (`▪ 要点`, `➤ 要点`). At the start of a line they are written in
//! ASCII, so they mean what they mean there; the rest of the line is kept
//! as written, but for a link's brackets typed in full width (see
//! [`ascii_link_parens`]).

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
        .or_else(|| glyph_bullet(body))
        .or_else(|| numbered(body))
        .or_else(|| circled(body));
    match marked {
        Some(body) => Cow::Owned(format!("{indent}{body}")),
        None => Cow::Borrowed(line),
    }
}

/// `[官方博客]（https://…）`: a Markdown link whose parentheses were typed
/// in full width, written with ASCII ones so that it is a link. Only a
/// target with no space in it that starts like an address (`http://`,
/// `https://`, `mailto:`, `/`, `#`, `./`, `../`) is taken: `[注]（见下文）`
/// is text.
pub fn ascii_link_parens(line: &str) -> Cow<'_, str> {
    const OPEN: &str = "]（";
    // Every line of every recap comes here: a byte first, then the pair.
    if memchr::memchr(b']', line.as_bytes()).is_none() || !line.contains(OPEN) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find(OPEN) {
        let after = &rest[at + OPEN.len()..];
        let close = after.find(['）', ')']);
        let target = close.map(|c| &after[..c]).filter(|t| {
            !t.is_empty()
                && !t.contains(char::is_whitespace)
                && ["http://", "https://", "mailto:", "/", "#", "./", "../"]
                    .iter()
                    .any(|p| t.starts_with(p))
        });
        match (target, close) {
            (Some(target), Some(c)) => {
                out.push_str(&rest[..at]);
                out.push_str("](");
                out.push_str(target);
                out.push(')');
                let closer = after[c..].chars().next().map_or(0, char::len_utf8);
                rest = &after[c + closer..];
            }
            _ => {
                out.push_str(&rest[..at + OPEN.len()]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
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

/// `▪ 要点`, `● 要点`, `➤ 要点`, `→ 要点`: a shape or an arrow used as a
/// list's bullet (word processors and notes apps write these), followed by
/// a space. Emoji (`✅ 完成`) are kept as written: they say something.
fn glyph_bullet(body: &str) -> Option<String> {
    const GLYPHS: &str = "▪▫◆◇●○■□►▸▹‣◦⁃❖➤➢→➜➔★☆";
    let mut chars = body.chars();
    if !GLYPHS.contains(chars.next()?) {
        return None;
    }
    let rest = spaced(chars.as_str())?.trim_start();
    (!rest.is_empty()).then(|| format!("- {rest}"))
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
            ("▪ 要点", "- 要点"),
            ("  ● 子要点", "  - 子要点"),
            ("➤　要点", "- 要点"),
            ("→ 00:30 演示", "- 00:30 演示"),
        ] {
            assert_eq!(ascii_marks(written), read, "{written}");
        }
    }

    #[test]
    fn links_typed_with_full_width_parentheses_are_links() {
        for (written, read) in [
            (
                "详见[官方博客]（https://aws.amazon.com/blogs/）。",
                "详见[官方博客](https://aws.amazon.com/blogs/)。",
            ),
            (
                "[文档]（/docs/)和[上文]（#t-1m00s）",
                "[文档](/docs/)和[上文](#t-1m00s)",
            ),
            ("[注]（见下文）", "[注]（见下文）"),
            ("[空格]（https://a.b/ c）", "[空格]（https://a.b/ c）"),
            ("[没关]（https://a.b/", "[没关]（https://a.b/"),
            ("没有链接", "没有链接"),
        ] {
            assert_eq!(ascii_link_parens(written), read, "{written}");
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
            "●没有空格",
            "★★★ 评分",
            "✅ 表情保留",
            "→",
            "",
        ] {
            assert!(matches!(ascii_marks(line), Cow::Borrowed(_)), "{line}");
        }
    }
}
