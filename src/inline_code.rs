//! Inline code in recap text: `` `aws s3 cp` ``, as Markdown writes it.
//!
//! Note-takers put commands, parameters and file names between backticks.
//! The page shows such a span as code (no backticks, no bold, no links
//! inside it), and summaries, search and excerpts read it without its
//! backticks.

use std::ops::Range;

/// One span of inline code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpan {
    /// From the opening backticks to the closing ones.
    pub whole: Range<usize>,
    /// The code shown: inside the backticks, less one space on each side
    /// when both sides have one (`` `` `x` `` `` shows `` `x` ``).
    pub code: Range<usize>,
}

/// Every span of inline code in `text`, left to right: a run of backticks,
/// then the next run of exactly as many on the same line (CommonMark's
/// rule, within a line). A run with no partner is text.
pub fn spans(text: &str) -> Vec<CodeSpan> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let Some(mut at) = memchr::memchr(b'`', bytes) else {
        return out;
    };
    while at < bytes.len() {
        let open = run_at(bytes, at);
        let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let mut close = None;
        let mut k = at + open;
        while let Some(i) = memchr::memchr(b'`', &bytes[k..line_end]) {
            let run = run_at(bytes, k + i);
            if run == open {
                close = Some(k + i);
                break;
            }
            k += i + run;
        }
        match close {
            Some(c) if c > at + open => {
                let (mut from, mut to) = (at + open, c);
                let inner = &text[from..to];
                if inner.len() >= 2
                    && inner.starts_with(' ')
                    && inner.ends_with(' ')
                    && !inner.bytes().all(|b| b == b' ')
                {
                    from += 1;
                    to -= 1;
                }
                out.push(CodeSpan {
                    whole: at..c + open,
                    code: from..to,
                });
                at = c + open;
            }
            _ => at += open,
        }
        match memchr::memchr(b'`', &bytes[at..]) {
            Some(i) => at += i,
            None => break,
        }
    }
    out
}

/// The length of the run of backticks at `at`.
fn run_at(bytes: &[u8], at: usize) -> usize {
    bytes[at..].iter().take_while(|&&b| b == b'`').count()
}

/// `text` with each span of inline code written as its code.
pub fn without_backticks(text: &str) -> std::borrow::Cow<'_, str> {
    crate::shown::shown_text(text, code_parts(text))
}

/// Each span of code of `text` as a part that shows its code.
pub fn code_parts(text: &str) -> Vec<crate::shown::Part> {
    if !text.contains('`') {
        return Vec::new();
    }
    spans(text).into_iter().map(|s| (s.whole, s.code)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<&str> {
        spans(text).into_iter().map(|s| &text[s.code]).collect()
    }

    #[test]
    fn spans_are_runs_of_backticks_closed_by_as_many() {
        assert_eq!(shown("运行 `aws s3 cp` 与 `ls`。"), ["aws s3 cp", "ls"]);
        assert_eq!(shown("``a ` b``"), ["a ` b"]);
        assert_eq!(shown("`` `x` ``"), ["`x`"]);
        assert_eq!(shown("` `"), [" "]);
        assert!(shown("没有闭合的 `反引号").is_empty());
        assert!(shown("``").is_empty());
        assert!(shown("`跨\n行`").is_empty());
        assert_eq!(shown("```a``b`"), Vec::<&str>::new());
        assert_eq!(shown("`a` ``b``"), ["a", "b"]);
    }

    #[test]
    fn text_reads_without_its_backticks() {
        assert_eq!(
            without_backticks("使用 `aws s3 cp` 命令"),
            "使用 aws s3 cp 命令"
        );
        assert_eq!(without_backticks("未闭合 `x"), "未闭合 `x");
    }
}
