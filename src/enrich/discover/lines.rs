//! What the line a name is on says of it: a heading in title case, the
//! label of a question and answer, the value of a place label.

use std::ops::Range;

/// English written in title case, as headings are (`Keynote Recap: The
/// Agentic Era`): at least three words of four letters or more, and four
/// in five of them capitalised. A sentence full of names is not: its
/// verbs and nouns are lower case. (The caller asks only of text with no
/// Chinese: Chinese prose full of names would pass.)
pub(super) fn in_title_case(text: &str) -> bool {
    let (mut words, mut capitalised) = (0, 0);
    for w in text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 4)
    {
        words += 1;
        capitalised += usize::from(w.starts_with(|c: char| c.is_ascii_uppercase()));
    }
    words >= 3 && capitalised * 5 >= words * 4
}

/// `Q12` in `Q12: 价格？` at the start of a line: who speaks in a
/// question-and-answer exchange, not a name (`A100` elsewhere is).
pub(super) fn exchange_label(text: &str, s: usize, e: usize) -> bool {
    (s == 0 || text[..s].ends_with('\n'))
        && crate::parse::shapes::exchange(&text[s..]).is_some_and(|(who, _)| who.len() == e - s)
}

/// Labels of where a talk was held: what follows them is a place.
const PLACE_LABELS: &[&str] = &[
    "地点",
    "会场",
    "场地",
    "地址",
    "会议室",
    "Venue",
    "Location",
    "Room",
];

/// Where the values of place labels lie in `line` (`**地点**：Venetian
/// 会议厅 B`): from the label's colon to the end of its sentence, the next
/// label or two spaces. A name there is a hall or a hotel, not a product.
fn place_values(line: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for (at, colon) in line.match_indices(['：', ':']) {
        let label = line[..at].trim_end().trim_end_matches('*').trim_end();
        if !PLACE_LABELS.iter().any(|l| label.ends_with(l)) {
            continue;
        }
        let from = at + colon.len();
        let rest = &line[from..];
        let stop = rest
            .find(['。', '；', ';', '！', '？', '!', '?', '：', ':'])
            .unwrap_or(rest.len());
        let stop = rest[..stop].find("  ").unwrap_or(stop);
        out.push(from..from + stop);
    }
    out
}

/// The line of a unit a name is on. Names are met left to right and each
/// line is read once, however many names it holds: asked again for each
/// name, a line of 40,000 names was read 40,000 times.
pub(super) struct LineOf<'t> {
    text: &'t str,
    pub(super) start: usize,
    end: usize,
    places: Vec<Range<usize>>,
}

impl<'t> LineOf<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        let mut line = LineOf {
            text,
            start: 0,
            end: 0,
            places: Vec::new(),
        };
        line.enter(0);
        line
    }

    fn enter(&mut self, start: usize) {
        let rest = &self.text.as_bytes()[start..];
        self.start = start;
        self.end = memchr::memchr(b'\n', rest).map_or(self.text.len(), |i| start + i);
        self.places = place_values(&self.text[start..self.end])
            .into_iter()
            .map(|r| start + r.start..start + r.end)
            .collect();
    }

    /// Move on to the line that holds byte `at` (on this line or later).
    pub(super) fn reach(&mut self, at: usize) {
        while at > self.end {
            self.enter(self.end + 1);
        }
    }

    /// A Markdown heading of the recap's own (`## Key Takeaways`).
    pub(super) fn is_heading(&self) -> bool {
        self.text[self.start..].starts_with('#')
    }

    pub(super) fn in_place(&self, at: usize) -> bool {
        self.places.iter().any(|r| r.contains(&at))
    }
}
