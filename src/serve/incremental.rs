//! The pipeline with memory: [`Incremental`] keeps what the last build read
//! and parsed and how it enriched it, and a rebuild redoes only the stages
//! a change reaches. It does not render the site: serve renders each page
//! when it is asked for ([`super::served`]); [`Incremental::render_all`]
//! renders everything for `bundle` and the tests.
//!
//! * recaps edited: when the watcher names them ([`Incremental::rebuild_files`])
//!   only they are read, else the input folders are re-read (cheap); only
//!   files whose bytes differ are parsed again. If each is a recap the last
//!   build had, readable before and after, asking for the same slug, the
//!   sessions are handed to [`Enricher::update`] as edits, which rescans
//!   them alone when the entity table stays the same; otherwise the corpus
//!   is assembled and enriched again.
//! * a page added, edited or removed, a recap added or removed: the corpus
//!   is assembled and enriched again (from the cached parses).
//! * the catalog: reloaded, no file re-parsed, everything enriched again.
//! * the theme or the site's `templates/`: templates reloaded, the home,
//!   404 and edited pages rendered with them before they replace the last
//!   good theme; nothing re-parsed or re-enriched.
//! * the config: everything reloaded (it names the theme).
//!
//! A stage that fails leaves its flag pending, so the next change retries it
//! rather than building with stale state. The model of a first build, or
//! of any rebuild, renders to exactly what [`crate::build::build_in_memory`]
//! does for the same input (tests hold the two together).

use super::sources::{self, Cache};
use crate::build::BuildOptions;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::enrich::{self, Catalog, Enricher, Site};
use crate::load;
use crate::model::Session;
use crate::parse::{self, ParsedPage, ParsedRecap};
use crate::render::{self, Theme};
use crate::write::Output;
use anyhow::Context;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

/// Stages a build reports to its observer, in order. `render` is the
/// full render for [`Incremental::build_once`], and for a rebuild in serve
/// the pages the change touched (the rest render when asked for).
pub const STAGES: [&str; 4] = ["load", "parse", "enrich", "render"];

/// A one-shot build: the model and every output file.
pub struct Built {
    pub site: Site,
    pub outputs: Vec<Output>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// What pages render from: the model of the last good build, with what
/// enriching it took, and the last good theme.
///
/// A clone is two pointers: serve makes its slow whole-site files (the
/// search index, the data export) from a clone, without the lock. A
/// rebuild that patches the model while such a clone is alive patches a
/// copy of the enricher (cheap: [`Site`] shares its sessions and
/// entities) and swaps it in, rather than wait.
#[derive(Default, Clone)]
pub struct Model {
    enriched: Option<Arc<Enricher>>,
    theme: Option<Arc<Theme>>,
}

impl Model {
    pub fn site(&self) -> Option<&Site> {
        self.enriched.as_deref().map(Enricher::site)
    }

    pub fn theme(&self) -> Option<&Theme> {
        self.theme.as_deref()
    }

    /// The site's diagnostics, and what the theme says of its pages (a
    /// `template` it does not have), as `recap build` reports them.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let Some(site) = self.site() else {
            return Vec::new();
        };
        let mut all = site.diagnostics.clone();
        if let Some(theme) = self.theme() {
            all.extend(render::page_warnings(site, theme));
        }
        all
    }

    /// The enriched site, once nothing else holds the model.
    pub fn into_site(self) -> Option<Site> {
        self.enriched
            .map(Arc::unwrap_or_clone)
            .map(Enricher::into_site)
    }

    /// Every file of the model, as `recap build` writes it.
    pub fn render_all(&self) -> anyhow::Result<Vec<Output>> {
        let (Some(site), Some(theme)) = (self.site(), self.theme()) else {
            anyhow::bail!("nothing built yet");
        };
        render::render(site, theme).context("rendering failed")
    }
}

/// What keeps the [`Model`] a rebuild reads and replaces, behind the lock
/// that requests read it through. [`ModelHolder::model_mut`] is called
/// just before the model changes, so a holder can forget what it made from
/// the old one.
pub trait ModelHolder {
    fn model(&self) -> &Model;
    fn model_mut(&mut self) -> &mut Model;
}

impl ModelHolder for Model {
    fn model(&self) -> &Model {
        self
    }
    fn model_mut(&mut self) -> &mut Model {
        self
    }
}

/// The pipeline's caches: everything worth keeping between builds except
/// the model itself, which lives in a [`ModelHolder`] so that a rebuild
/// can do its long work (reading, parsing, enriching from scratch) while
/// requests go on reading the last good model.
pub struct Incremental {
    opts: BuildOptions,
    config: Option<SiteConfig>,
    catalog: Option<Catalog>,
    recaps: Cache<ParsedRecap>,
    pages: Cache<ParsedPage>,
    load_diagnostics: Vec<Diagnostic>,
    /// The corpus diagnostics of the last build (load, parse, slugs).
    corpus_diagnostics: Vec<Diagnostic>,
    /// Changes not yet built successfully.
    pending: Dirty,
}

fn poisoned<T>(_: T) -> anyhow::Error {
    anyhow::anyhow!("a request panicked while reading the model; restart `recap serve`")
}

impl Incremental {
    pub fn new(opts: BuildOptions) -> Incremental {
        Incremental {
            opts,
            config: None,
            catalog: None,
            recaps: BTreeMap::new(),
            pages: BTreeMap::new(),
            load_diagnostics: Vec::new(),
            corpus_diagnostics: Vec::new(),
            pending: Dirty::ALL,
        }
    }

    pub fn options(&self) -> &BuildOptions {
        &self.opts
    }

    /// The config of the last successful load, if any.
    pub fn config(&self) -> Option<&SiteConfig> {
        self.config.as_ref()
    }

    /// Build once from scratch and render every file (what `bundle` and
    /// `check` need).
    pub fn build_once(
        opts: BuildOptions,
        on_stage: &mut dyn FnMut(&'static str),
    ) -> anyhow::Result<Built> {
        let (model, mut timings) = Incremental::model_with_timings(opts, on_stage)?;
        let t = Instant::now();
        let outputs = model.render_all()?;
        timings.push((STAGES[3], t.elapsed()));
        Ok(Built {
            site: model.into_site().expect("built above"),
            outputs,
            timings,
        })
    }

    /// The model of a one-shot build, rendering nothing: for a caller that
    /// renders it its own way. `on_stage` is told of every stage, `render`
    /// last, as the caller's render begins.
    pub fn model_once(
        opts: BuildOptions,
        on_stage: &mut dyn FnMut(&'static str),
    ) -> anyhow::Result<Model> {
        Ok(Incremental::model_with_timings(opts, on_stage)?.0)
    }

    fn model_with_timings(
        opts: BuildOptions,
        on_stage: &mut dyn FnMut(&'static str),
    ) -> anyhow::Result<(Model, Vec<(&'static str, Duration)>)> {
        let mut inc = Incremental::new(opts);
        let model = RwLock::new(Model::default());
        let mut stage = |s: &'static str| {
            if s != STAGES[3] {
                on_stage(s)
            }
        };
        let mut r = inc.rebuild(Dirty::ALL, &mut stage, &model)?;
        on_stage(STAGES[3]);
        r.timings.retain(|(s, _)| *s != STAGES[3]);
        Ok((model.into_inner().map_err(poisoned)?, r.timings))
    }

    /// Rebuild the model in `held` after `dirty` changed (plus whatever
    /// failed last time). `on_stage` is called as each of [`STAGES`]
    /// starts.
    pub fn rebuild<H: ModelHolder>(
        &mut self,
        dirty: Dirty,
        on_stage: &mut dyn FnMut(&'static str),
        held: &RwLock<H>,
    ) -> anyhow::Result<Rebuild> {
        self.rebuild_files(dirty, &[], on_stage, held)
    }

    /// Ready the calling thread for the rebuilds to come (see
    /// [`Enricher::warm_up_thread`]); nothing when there is no model yet.
    pub fn warm_up_thread<H: ModelHolder>(&self, held: &RwLock<H>) {
        if let Ok(h) = held.read() {
            if let Some(e) = h.model().enriched.as_deref() {
                e.warm_up_thread();
            }
        }
    }

    /// [`Incremental::rebuild`], told which recaps changed: when only
    /// recaps changed and `recaps` names them all (absolute paths, as the
    /// file watcher reports them), only those files are read.
    ///
    /// `held` is write-locked only to patch the model for edited sessions
    /// (short: a few sessions are scanned again) and to swap in a new
    /// model or theme; everything else reads it, or nothing.
    pub fn rebuild_files<H: ModelHolder>(
        &mut self,
        dirty: Dirty,
        recaps: &[PathBuf],
        on_stage: &mut dyn FnMut(&'static str),
        held: &RwLock<H>,
    ) -> anyhow::Result<Rebuild> {
        let read = || held.read().map_err(poisoned);
        let write = || held.write().map_err(poisoned);
        let (had_model, had_theme) = {
            let h = read()?;
            (h.model().enriched.is_some(), h.model().theme.is_some())
        };
        let mut pending = self.pending.union(dirty);
        if pending.config {
            // The config names the theme, so a new config reloads it.
            pending = Dirty::ALL;
        }
        self.pending = pending;
        let mut timings = Vec::new();
        let mut reloaded = Vec::new();
        let mut t = Instant::now();

        on_stage(STAGES[0]);
        if self.pending.config || self.config.is_none() {
            self.config = Some(self.opts.site_config()?);
            self.pending.config = false;
            reloaded.push("config");
        }
        let config = self.config.clone().expect("config loaded above");
        // Kept aside until a page renders with it: a theme that loads but
        // cannot render leaves the last good one in place.
        let new_theme = if self.pending.theme || !had_theme {
            reloaded.push("theme");
            Some(Theme::load(
                &self.opts.theme_dir(&config),
                &self.opts.templates_dir(),
                &config,
            )?)
        } else {
            None
        };
        if self.pending.catalog || self.catalog.is_none() {
            self.catalog = Some(Catalog::load(&self.opts.content_dir())?);
            self.pending.catalog = false;
            reloaded.push("catalog");
        }
        if self.pending.images {
            self.pending.images = false;
            reloaded.push("images");
        }
        let mut reparsed = Vec::new();
        let mut removed = Vec::new();
        let only_recaps = Dirty {
            seeds: true,
            theme: self.pending.theme,
            ..Dirty::default()
        };
        let some = (self.pending == only_recaps && !recaps.is_empty() && had_model)
            .then(|| sources::reread(&self.opts.seeds_dir(), recaps, &self.recaps))
            .flatten();
        let reread = self.pending.seeds || self.pending.content;
        let all = if reread && some.is_none() {
            Some(load::load(
                &self.opts.seeds_dir(),
                &self.opts.content_dir(),
            )?)
        } else {
            None
        };
        timings.push(("load", t.elapsed()));
        t = Instant::now();

        on_stage(STAGES[1]);
        let mut stale = Vec::new();
        if let Some(some) = some {
            stale = sources::update(
                &mut self.recaps,
                some,
                false,
                parse::parse_recap_source,
                &mut reparsed,
                &mut removed,
            );
        }
        let mut pages_changed = false;
        if let Some(all) = all {
            self.load_diagnostics = all.diagnostics;
            stale = sources::update(
                &mut self.recaps,
                all.recaps,
                true,
                parse::parse_recap_source,
                &mut reparsed,
                &mut removed,
            );
            let recaps_changed = reparsed.len() + removed.len();
            sources::update(
                &mut self.pages,
                all.pages,
                true,
                parse::parse_page_source,
                &mut reparsed,
                &mut removed,
            );
            pages_changed = reparsed.len() + removed.len() != recaps_changed;
        }
        self.pending.seeds = false;
        self.pending.content = false;
        // The model depends on the inputs, the catalog and the config,
        // never on the theme: a template or stylesheet edit re-renders the
        // model of the last build.
        let model_changed = !reparsed.is_empty()
            || !removed.is_empty()
            || reloaded.contains(&"config")
            || reloaded.contains(&"catalog");
        let model_reused = had_model && !model_changed;
        // Only known recaps edited (a recap new or gone, a page, the
        // catalog or the config changes more than sessions).
        let only_edits = model_changed
            && removed.is_empty()
            && !pages_changed
            && stale.len() == reparsed.len()
            && reloaded.iter().all(|r| matches!(*r, "theme" | "images"));
        let edits = if only_edits {
            let h = read()?;
            h.model().site().and_then(|site| self.edits(site, stale))
        } else {
            None
        };
        timings.push(("parse", t.elapsed()));
        t = Instant::now();

        on_stage(STAGES[2]);
        let mut enriched = None;
        if let Some(edits) = edits {
            let pages = self
                .pages
                .values()
                .filter_map(|c| c.parsed.0.clone())
                .collect();
            let diagnostics = self.corpus_diagnostics.clone();
            let patch = |e: &mut Enricher| {
                e.update(edits, diagnostics, pages)
                    .map(enrich::Update::Sessions)
            };
            // A whole-site file being made holds the model too: then a
            // copy is made and patched without the lock (copying a big
            // model takes a while) and swapped in.
            let copy = {
                let h = read()?;
                let e = h.model().enriched.as_ref().expect("edits need a model");
                (Arc::strong_count(e) > 1).then(|| Enricher::clone(e))
            };
            if let Some(mut copy) = copy {
                enriched = patch(&mut copy);
                if enriched.is_some() {
                    let old = write()?.model_mut().enriched.replace(Arc::new(copy));
                    drop(old);
                }
            } else {
                let mut h = write()?;
                let e = h.model_mut().enriched.as_mut().expect("edits need a model");
                enriched = patch(Arc::make_mut(e));
            }
        }
        if enriched.is_none() && (model_changed || !had_model) {
            let corpus = parse::assemble(
                self.load_diagnostics.clone(),
                self.recaps.values().map(|c| c.parsed.clone()).collect(),
                self.pages.values().map(|c| c.parsed.clone()).collect(),
            );
            let catalog = self.catalog.clone().expect("catalog loaded above");
            self.corpus_diagnostics = corpus.diagnostics.clone();
            let new = Enricher::new(corpus, catalog, config);
            let old = write()?.model_mut().enriched.replace(Arc::new(new));
            // Dropped off the lock: a big model takes a while to free.
            drop(old);
            enriched = Some(enrich::Update::Everything);
        }
        timings.push(("enrich", t.elapsed()));
        t = Instant::now();

        on_stage(STAGES[3]);
        let rendered = {
            let h = read()?;
            let site = h.model().site().expect("enriched above");
            let theme = new_theme
                .as_ref()
                .or(h.model().theme())
                .expect("theme loaded above");
            // The edited sessions' pages, not every page of a first build.
            let touched: Vec<String> = reparsed
                .iter()
                .take(if reparsed.len() > MAX_PROBED {
                    0
                } else {
                    MAX_PROBED
                })
                .filter_map(|rel| {
                    let i = site
                        .sessions
                        .binary_search_by(|s| s.source.as_str().cmp(rel));
                    i.ok().map(|i| &site.sessions[i])
                })
                .map(|s| render::output_path(&render::session::session_url(s)))
                .collect();
            // A new theme must render before it replaces the last good
            // one; for a model change, the pages of the edited sessions
            // are enough (the browser asks for them next).
            let whole = new_theme.is_some() || enriched == Some(enrich::Update::Everything);
            probe(site, theme, whole, &touched).context("rendering failed")?
        };
        if new_theme.is_some() {
            write()?.model_mut().theme = new_theme.map(Arc::new);
            self.pending.theme = false;
        }
        timings.push(("render", t.elapsed()));

        Ok(Rebuild {
            timings,
            reparsed,
            removed,
            reloaded,
            sources: self.recaps.len() + self.pages.len(),
            model_reused,
            enriched,
            rendered,
        })
    }

    /// The recaps parsed again (`stale` holds what they parsed to before)
    /// as edits of the sessions of the last build, and the new corpus
    /// diagnostics; `None` when the corpus must be assembled again: a
    /// recap is new, could not be read before or now, or asks for another
    /// slug (which may move other sessions' slugs).
    fn edits(
        &mut self,
        site: &Site,
        stale: Vec<(String, ParsedRecap)>,
    ) -> Option<Vec<(usize, Session)>> {
        let mut edits = Vec::new();
        let mut diagnostics: Vec<Diagnostic> = self.corpus_diagnostics.clone();
        for (rel, (old, _)) in stale {
            let i = site
                .sessions
                .binary_search_by(|s| s.source.as_str().cmp(&rel))
                .ok()?;
            let (new, new_diags) = &self.recaps.get(&rel)?.parsed;
            let (old, new) = (old?, new.clone()?);
            if parse::slug_base(&old) != parse::slug_base(&new) {
                return None;
            }
            let slug = site.sessions[i].slug.clone();
            diagnostics.retain(|d| d.file != rel);
            diagnostics.extend(new_diags.iter().cloned());
            diagnostics.extend(parse::slug_warning(&new, &slug));
            let mut new = new;
            new.slug = slug;
            edits.push((i, new));
        }
        diagnostics.sort();
        self.corpus_diagnostics = diagnostics;
        Some(edits)
    }
}

/// Edited session pages rendered with a rebuild, at most.
const MAX_PROBED: usize = 16;

/// Render `touched`, with `whole` also the home, 404 and content pages:
/// they show whether the theme renders this model, and they are what a
/// browser asks for next.
fn probe(
    site: &Site,
    theme: &Theme,
    whole: bool,
    touched: &[String],
) -> anyhow::Result<Vec<Output>> {
    use rayon::prelude::*;
    let mut paths: Vec<String> = Vec::new();
    if whole {
        paths.extend(["index.html".to_string(), "404.html".to_string()]);
        // Few, and each names its own template: a missing one is an error
        // of the build, as in `recap build`.
        paths.extend(
            site.pages
                .iter()
                .map(|p| render::output_path(&render::pages::page_url(p))),
        );
    }
    paths.extend(touched.iter().cloned());
    paths
        .par_iter()
        .filter_map(|p| render::render_path(site, theme, p))
        .collect()
}

mod changes;
pub use changes::{Dirty, Rebuild};

#[cfg(test)]
mod tests;
