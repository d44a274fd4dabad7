//! A timeline written as a Markdown table (`| 时间 | 内容 | 要点 |`): its
//! header, its rule and its rows.

use super::{Parser, Part};
use crate::model::*;
use crate::parse::labels;
use crate::parse::shapes;
use std::fmt::Write as _;

impl Parser<'_> {
    /// Whether the text gathered so far is a table's header and rule, and
    /// nothing else: the head of a table whose first row opens the
    /// timeline, gathered as text before it was known to be one.
    pub(super) fn only_a_table_head(&self) -> bool {
        self.para.len() == 2 && self.ends_with_a_table_head()
    }

    /// Whether the text gathered so far ends with a table's header and rule.
    fn ends_with_a_table_head(&self) -> bool {
        let is_rule = |l: &String| shapes::table_row(l).is_some_and(|c| shapes::is_table_rule(&c));
        matches!(&self.para[..], [.., head, rule] if shapes::table_row(head).is_some() && is_rule(rule))
    }

    fn drop_table_head(&mut self) {
        if self.ends_with_a_table_head() {
            self.para.truncate(self.para.len() - 2);
        }
        self.flush_para();
    }

    /// A row of a timeline written as a Markdown table: the first cell is
    /// the time (or range), the next one the entry's text, any others its
    /// points (`<br>` splits a cell into several). The header row and the
    /// rule under it are dropped; rows without a time are not understood.
    pub(super) fn table_row(&mut self, n: usize, cells: &[&str]) -> bool {
        // Outside the timeline, a header and its rule may belong to a table
        // of something else (`| 时间 | 2025-12-02 |`): they are kept as text
        // until a timed row shows whose they are.
        if cells.first().is_some_and(|c| shapes::is_time_label(c)) {
            self.table_header = cells.iter().map(|c| c.to_string()).collect();
            return self.part == Part::Timeline;
        }
        if shapes::is_table_rule(cells) {
            return self.part == Part::Timeline;
        }
        // The time cell in any spelling a timeline line's time may have.
        let Some(mut e) = cells
            .first()
            .and_then(|c| self.read_respelled(c, |p, c| p.timed(n, c)))
        else {
            return false;
        };
        if self.part != Part::Timeline {
            self.drop_table_head();
        }
        // A column the header says holds who spoke (`| 时间 | 环节 | 讲者 |`)
        // keeps its label: `讲者：Jane Doe`, not a bare name among the points.
        let header = &self.table_header;
        let mut pieces = cells.iter().enumerate().skip(1).flat_map(|(k, c)| {
            let label = header.get(k).filter(|h| labels::heads_speakers(h));
            split_br(c)
                .filter(|p| !p.is_empty())
                .map(move |p| match label {
                    Some(l) => format!("{}：{p}", l.trim_matches('*').trim()),
                    None => p.to_string(),
                })
        });
        if e.text.is_empty() {
            e.text = pieces.next().unwrap_or_default();
        }
        e.points = pieces
            .map(|text| Point {
                time: None,
                end: None,
                text,
                depth: 0,
                prose: false,
                quote: false,
                line: n,
            })
            .collect();
        self.push_entry(e, false);
        true
    }
}

/// A table cell's lines: `甲<br>乙` → `甲`, `乙`.
fn split_br(cell: &str) -> impl Iterator<Item = &str> {
    cell.split("<br>")
        .flat_map(|p| p.split("<br/>"))
        .flat_map(|p| p.split("<br />"))
        .map(str::trim)
}

/// `body` with the rows of each table written without its outer pipes
/// (`Speaker | Title`, `--- | ---`, `Ali Saidi | VP, AWS`, as Markdown
/// allows) given them, or `None` when it has no such table. Lines stay
/// where they are; code blocks are left as written.
pub(super) fn with_outer_pipes(body: &str) -> Option<String> {
    let bare = |l: &str| {
        let t = l.trim();
        !t.starts_with('|') && t.contains('|') && !t.starts_with("```") && !t.starts_with("~~~")
    };
    let cells = |l: &str| l.trim().trim_end_matches('|').split('|').count();
    let rule = |l: &str| {
        let t = l.trim().trim_end_matches('|');
        bare(l)
            && t.split('|').all(|c| {
                let c = c.trim().trim_start_matches(':').trim_end_matches(':');
                !c.is_empty() && c.bytes().all(|b| b == b'-')
            })
    };
    // Nearly every recap has no such rule: it is looked for before the
    // lines are gathered.
    if !body.contains('|') || !body.split('\n').any(rule) {
        return None;
    }
    let lines: Vec<&str> = body.split('\n').collect();
    let mut piped = vec![false; lines.len()];
    let mut fenced = false;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        }
        let head = i > 0 && !fenced && rule(lines[i]) && bare(lines[i - 1]);
        if !head || cells(lines[i - 1]) != cells(lines[i]) {
            i += 1;
            continue;
        }
        piped[i - 1] = true;
        piped[i] = true;
        i += 1;
        while i < lines.len() && bare(lines[i]) {
            piped[i] = true;
            i += 1;
        }
    }
    if !piped.contains(&true) {
        return None;
    }
    let mut out = String::with_capacity(body.len() + 64);
    for (k, (line, pipe)) in lines.iter().zip(piped).enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if pipe {
            let t = line.trim().trim_end_matches('|').trim_end();
            let _ = write!(out, "| {t} |");
        } else {
            out.push_str(line);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::with_outer_pipes;

    #[test]
    fn a_table_without_outer_pipes_is_given_them() {
        assert_eq!(
            with_outer_pipes("a | b\n:---: | :---:\n").as_deref(),
            Some("| a | b |\n| :---: | :---: |\n")
        );
        let body = "Speaker | Title\n--- | ---\nAli Saidi | VP, AWS\n\nA | B is prose\n";
        assert_eq!(
            with_outer_pipes(body).as_deref(),
            Some("| Speaker | Title |\n| --- | --- |\n| Ali Saidi | VP, AWS |\n\nA | B is prose\n")
        );
        for unchanged in [
            "| a | b |\n|---|---|\n| 1 | 2 |\n",
            "a | b\nno rule\n",
            "```\na | b\n--- | ---\n```\n",
            "a | b | c\n--- | ---\n",
            "比例 3 - 1\n",
            "| a | b |\n:---: | :---:\n",
        ] {
            assert_eq!(with_outer_pipes(unchanged), None, "{unchanged}");
        }
    }
}
