//! What a session's text shows in place of its syntax, beyond the text
//! itself: its images and its footnotes.

use crate::media::Images;
use crate::model::Footnote;

/// What a session's text shows in place of its syntax: its images, and
/// its footnotes' numbers in place of their references (`[^1]`).
///
/// The first reference to each note shown gets an id
/// ([`crate::footnotes::ref_anchor`]), for the note's way back to the text: a page's
/// text is shown through one `Shows`, the notes themselves last.
#[derive(Debug, Default)]
pub struct Shows<'s> {
    pub images: Images,
    /// Footnote numbers by label.
    footnotes: std::collections::HashMap<&'s str, usize>,
    /// Notes a reference with an id was shown for, by number.
    referred: std::cell::RefCell<std::collections::BTreeSet<usize>>,
}

impl<'s> Shows<'s> {
    pub fn new(images: Images, footnotes: &'s [Footnote]) -> Self {
        Shows {
            images,
            footnotes: footnotes
                .iter()
                .map(|n| (n.label.as_str(), n.number))
                .collect(),
            referred: Default::default(),
        }
    }

    /// The number of the footnote labelled `label`.
    pub fn footnote(&self, label: &str) -> Option<usize> {
        self.footnotes.get(label).copied()
    }

    /// Whether a reference to note `number` has been shown (with its id).
    pub fn referred(&self, number: usize) -> bool {
        self.referred.borrow().contains(&number)
    }

    /// Whether a reference to note `number` shown now is the first.
    pub fn first_reference(&self, number: usize) -> bool {
        self.referred.borrow_mut().insert(number)
    }
}

/// The references of `text` to the footnotes `shows` has, with their
/// numbers; a reference to no note stays text.
pub(super) fn footnote_refs(text: &str, shows: &Shows) -> Vec<(std::ops::Range<usize>, usize)> {
    if shows.footnotes.is_empty() || !crate::footnotes::may_have_references(text) {
        return Vec::new();
    }
    crate::footnotes::references(text)
        .into_iter()
        .filter_map(|r| Some((r.whole, shows.footnote(r.label)?)))
        .collect()
}
