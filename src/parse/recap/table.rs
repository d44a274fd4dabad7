//! A timeline written as a Markdown table (`| 时间 | 内容 | 要点 |`): its
//! header, its rule and its rows.

use super::{Parser, Part};
use crate::model::*;
use crate::parse::labels;
use crate::parse::shapes;

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
