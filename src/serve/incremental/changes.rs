//! What changed before a rebuild, and what the rebuild redid.

use crate::enrich;
use crate::write::Output;
use std::time::Duration;

/// Which kinds of input changed since the last build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dirty {
    pub seeds: bool,
    pub content: bool,
    pub catalog: bool,
    pub theme: bool,
    pub config: bool,
    /// An image file in the seeds or content folder: nothing to read
    /// again, but pages that show it are made again when asked for.
    pub images: bool,
}

impl Dirty {
    pub const ALL: Dirty = Dirty {
        seeds: true,
        content: true,
        catalog: true,
        theme: true,
        config: true,
        images: true,
    };

    pub fn any(&self) -> bool {
        self.seeds || self.content || self.catalog || self.theme || self.config || self.images
    }

    pub fn union(self, o: Dirty) -> Dirty {
        Dirty {
            seeds: self.seeds || o.seeds,
            content: self.content || o.content,
            catalog: self.catalog || o.catalog,
            theme: self.theme || o.theme,
            config: self.config || o.config,
            images: self.images || o.images,
        }
    }
}

/// What one rebuild did.
pub struct Rebuild {
    pub timings: Vec<(&'static str, Duration)>,
    /// Recaps and pages parsed again, relative paths; the rest came from
    /// the cache.
    pub reparsed: Vec<String>,
    /// Recaps and pages that are gone since the last build.
    pub removed: Vec<String>,
    /// Which of config, theme, catalog were reloaded.
    pub reloaded: Vec<&'static str>,
    /// Files read from the input folders.
    pub sources: usize,
    /// Parse and enrichment were skipped: only the theme changed.
    pub model_reused: bool,
    /// What enrichment redid, if anything.
    pub enriched: Option<enrich::Update>,
    /// Pages rendered to check the change (the home page, the 404 page,
    /// the session pages of edited recaps), finished as the full render
    /// makes them; serve keeps them so the reload finds them ready.
    pub rendered: Vec<Output>,
}

impl Rebuild {
    /// Whether anything a browser may show can differ from the build
    /// before: a reload is then worth it.
    pub fn changed(&self) -> bool {
        !(self.reparsed.is_empty() && self.removed.is_empty() && self.reloaded.is_empty())
    }

    /// One line for the terminal: what was redone.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.reloaded.is_empty() {
            parts.push(format!("reloaded {}", self.reloaded.join(", ")));
        }
        match self.reparsed.len() {
            0 => {}
            1 => parts.push(format!("re-parsed {}", self.reparsed[0])),
            n if n == self.sources => parts.push(format!("parsed all {n} files")),
            n => parts.push(format!("re-parsed {n} of {} files", self.sources)),
        }
        match self.removed.len() {
            0 => {}
            1 => parts.push(format!("removed {}", self.removed[0])),
            n => parts.push(format!("removed {n} files")),
        }
        match &self.enriched {
            Some(enrich::Update::Sessions(s)) if s.len() == 1 => {
                parts.push("re-enriched 1 session".into())
            }
            Some(enrich::Update::Sessions(s)) => {
                parts.push(format!("re-enriched {} sessions", s.len()))
            }
            Some(enrich::Update::Everything) => parts.push("enriched all sessions".into()),
            None => {}
        }
        if self.model_reused {
            parts.push("same model re-rendered".into());
        } else if parts.is_empty() {
            parts.push("nothing re-parsed".into());
        }
        parts.join("; ")
    }
}
