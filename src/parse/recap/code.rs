//! Fenced code blocks in a recap (```` ```bash ```` … ```` ``` ````): their
//! lines are code, not headings, timeline entries or list items, however
//! they look (`## …` is a comment in a shell script, `00:30 …` a log line).

/// A fenced code block being read.
#[derive(Debug)]
pub struct Fence {
    /// `` ` `` or `~`, and how many opened the block: it is closed by at
    /// least as many of the same.
    mark: char,
    len: usize,
    /// Spaces before the opening fence, taken off the lines inside (as
    /// in Markdown), so a block under a bullet keeps its own indentation.
    indent: usize,
    /// The block as written, from its opening fence on.
    text: String,
    /// The line of the opening fence.
    pub line: usize,
}

impl Fence {
    /// The fence `line` opens (```` ``` ````, ```` ```python ````, `~~~`),
    /// if it opens one: three or more backticks or tildes after any
    /// indentation (a block under a bullet is indented with it); a
    /// backtick fence's info string has no backtick (```` ```a` ```` is
    /// inline code).
    pub fn open(line: &str, n: usize) -> Option<Fence> {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        let mark = body.chars().next().filter(|c| matches!(c, '`' | '~'))?;
        let len = body.len() - body.trim_start_matches(mark).len();
        let info = &body[len..];
        if len < 3 || (mark == '`' && info.contains('`')) {
            return None;
        }
        Some(Fence {
            mark,
            len,
            indent,
            text: body.trim_end().to_string(),
            line: n,
        })
    }

    /// Read one more line: `true` when it closes the block.
    pub fn read(&mut self, line: &str) -> bool {
        let closes = self.is_closed_by(line);
        let body = line.trim_start_matches([' ', '\t']);
        // Up to the opening fence's indentation comes off, no more: code
        // indented less than its fence is kept as far left as it was.
        let kept = line.len() - body.len();
        let line = &line[kept.min(self.indent)..];
        self.text.push('\n');
        self.text.push_str(if closes { line.trim() } else { line });
        closes
    }

    /// Whether `line` closes the block: at least as many of its mark, and
    /// nothing else but spaces.
    fn is_closed_by(&self, line: &str) -> bool {
        let body = line.trim_start_matches([' ', '\t']);
        let run = body.len() - body.trim_start_matches(self.mark).len();
        run >= self.len && body[run..].trim().is_empty()
    }

    /// Spaces before the opening fence.
    pub fn indent(&self) -> usize {
        self.indent
    }

    /// The block as Markdown (unclosed if it was never closed).
    pub fn into_text(self) -> String {
        self.text
    }
}

/// The language and the code of `text` if it is one fenced code block as
/// [`Fence`] reads them (its closing fence may be missing).
pub fn code_of(text: &str) -> Option<(&str, String)> {
    if !crate::model::is_code_block(text) {
        return None;
    }
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    let fence = Fence::open(first, 0)?;
    let lang = first.trim_start_matches(fence.mark).trim();
    let mut lines: Vec<&str> = rest.split('\n').collect();
    if lines.last().is_some_and(|last| fence.is_closed_by(last)) {
        lines.pop();
    }
    let mut code = lines.join("\n");
    if !code.is_empty() {
        code.push('\n');
    }
    Some((lang, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(lines: &[&str]) -> (String, bool) {
        let mut f = Fence::open(lines[0], 1).expect("opens");
        let mut closed = false;
        for l in &lines[1..] {
            assert!(!closed, "read past the close");
            closed = f.read(l);
        }
        (f.into_text(), closed)
    }

    #[test]
    fn fences_open_with_three_or_more_backticks_or_tildes() {
        for line in ["```", "```bash", "  ~~~ python", "````", "``` sh {.x}"] {
            assert!(Fence::open(line, 1).is_some(), "{line}");
        }
        for line in ["``", "`code`", "```a`b", "- ```", "~~", "文字 ```"] {
            assert!(Fence::open(line, 1).is_none(), "{line}");
        }
    }

    #[test]
    fn a_block_closes_on_as_many_of_the_same_mark() {
        let (text, closed) = read(&["```bash", "## 注释", "~~~", "``", "````"]);
        assert!(closed);
        assert_eq!(text, "```bash\n## 注释\n~~~\n``\n````");
        let (_, closed) = read(&["````", "```", "00:30 日志"]);
        assert!(!closed);
    }

    #[test]
    fn the_fence_indentation_comes_off_the_lines_inside() {
        let (text, _) = read(&["  ```python", "  def f():", "      return 1", " x", "  ```"]);
        assert_eq!(text, "```python\ndef f():\n    return 1\nx\n```");
    }

    #[test]
    fn the_language_and_code_of_a_block() {
        assert_eq!(
            code_of("```bash\naws s3 ls\n\necho ok\n```"),
            Some(("bash", "aws s3 ls\n\necho ok\n".to_string()))
        );
        assert_eq!(code_of("~~~\nx"), Some(("", "x\n".to_string())));
        assert_eq!(code_of("```\n```"), Some(("", String::new())));
        assert_eq!(code_of("一段话"), None);
    }
}
