//! The pipeline with memory: [`Incremental`] keeps what the last build read
//! and parsed, and a rebuild redoes only the stages a change reaches.
//!
//! * a recap or page edited: the input folders are re-read (cheap), and only
//!   the files whose bytes differ are parsed again; unchanged files reuse
//!   their cached parse. Enrichment and rendering then run over the whole
//!   corpus, because one recap can change every cross-reference page (a new
//!   product mention, a new related session).
//! * the catalog: reloaded, no file re-parsed.
//! * the theme or the site's `templates/`: templates reloaded and the
//!   model of the last build rendered again; nothing re-parsed or
//!   re-enriched.
//! * the config: everything reloaded (it names the theme).
//!
//! A stage that fails leaves its flag pending, so the next change retries it
//! rather than building with stale state. The first build of an
//! `Incremental` produces exactly what [`crate::build::build_in_memory`]
//! does (a test holds the two together).

use crate::build::BuildOptions;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::enrich::{self, Catalog, Site};
use crate::load::{self, Source};
use crate::parse::{self, ParsedPage, ParsedRecap};
use crate::render::{self, Theme};
use crate::write::Output;
use anyhow::Context;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// Which kinds of input changed since the last build.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dirty {
    pub seeds: bool,
    pub content: bool,
    pub catalog: bool,
    pub theme: bool,
    pub config: bool,
}

impl Dirty {
    pub const ALL: Dirty = Dirty {
        seeds: true,
        content: true,
        catalog: true,
        theme: true,
        config: true,
    };

    pub fn any(&self) -> bool {
        self.seeds || self.content || self.catalog || self.theme || self.config
    }

    pub fn union(self, o: Dirty) -> Dirty {
        Dirty {
            seeds: self.seeds || o.seeds,
            content: self.content || o.content,
            catalog: self.catalog || o.catalog,
            theme: self.theme || o.theme,
            config: self.config || o.config,
        }
    }
}

/// Stages a build reports to its observer, in order. `render` is the
/// full render for [`Incremental::build_once`], and for a rebuild in serve
/// the pages the change touched (the rest render when asked for).
pub const STAGES: [&str; 4] = ["load", "parse", "enrich", "render"];

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
        if self.model_reused {
            parts.push("same model re-rendered".into());
        } else if parts.is_empty() {
            parts.push("nothing re-parsed".into());
        }
        parts.join("; ")
    }
}

/// A one-shot build: the model and every output file.
pub struct Built {
    pub site: Site,
    pub outputs: Vec<Output>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// A source file's bytes and what parsing them gave.
struct Cached<T> {
    bytes: Vec<u8>,
    parsed: T,
}

/// The pipeline plus everything worth keeping between builds.
pub struct Incremental {
    opts: BuildOptions,
    config: Option<SiteConfig>,
    theme: Option<Theme>,
    catalog: Option<Catalog>,
    recaps: BTreeMap<String, Cached<ParsedRecap>>,
    pages: BTreeMap<String, Cached<ParsedPage>>,
    load_diagnostics: Vec<Diagnostic>,
    /// The model of the last build.
    site: Option<Site>,
    /// Changes not yet built successfully.
    pending: Dirty,
}

impl Incremental {
    pub fn new(opts: BuildOptions) -> Incremental {
        Incremental {
            opts,
            config: None,
            theme: None,
            catalog: None,
            recaps: BTreeMap::new(),
            pages: BTreeMap::new(),
            load_diagnostics: Vec::new(),
            site: None,
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

    /// The model of the last successful build.
    pub fn site(&self) -> Option<&Site> {
        self.site.as_ref()
    }

    /// The theme of the last successful build.
    pub fn theme(&self) -> Option<&Theme> {
        self.theme.as_ref()
    }

    /// Build once from scratch and render every file (what `bundle` and
    /// `check` need).
    pub fn build_once(
        opts: BuildOptions,
        on_stage: &mut dyn FnMut(&'static str),
    ) -> anyhow::Result<Built> {
        let mut inc = Incremental::new(opts);
        let mut stage = |s: &'static str| {
            if s != STAGES[3] {
                on_stage(s)
            }
        };
        let mut r = inc.rebuild(Dirty::ALL, &mut stage)?;
        on_stage(STAGES[3]);
        let t = Instant::now();
        let outputs = inc.render_all()?;
        r.timings.retain(|(s, _)| *s != STAGES[3]);
        r.timings.push((STAGES[3], t.elapsed()));
        Ok(Built {
            site: inc.site.take().expect("built above"),
            outputs,
            timings: r.timings,
        })
    }

    /// Every file of the last good build, as `recap build` writes it.
    pub fn render_all(&self) -> anyhow::Result<Vec<Output>> {
        let (Some(site), Some(theme)) = (&self.site, &self.theme) else {
            anyhow::bail!("nothing built yet");
        };
        render::render(site, theme).context("rendering failed")
    }

    /// Rebuild after `dirty` changed (plus whatever failed last time).
    /// `on_stage` is called as each of [`STAGES`] starts.
    pub fn rebuild(
        &mut self,
        dirty: Dirty,
        on_stage: &mut dyn FnMut(&'static str),
    ) -> anyhow::Result<Rebuild> {
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
        let new_theme = if self.pending.theme || self.theme.is_none() {
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
        let mut reparsed = Vec::new();
        let mut removed = Vec::new();
        let reread = self.pending.seeds || self.pending.content;
        let sources = if reread {
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
        if let Some(sources) = sources {
            self.load_diagnostics = sources.diagnostics;
            update_cache(
                &mut self.recaps,
                sources.recaps,
                parse::parse_recap_source,
                &mut reparsed,
                &mut removed,
            );
            update_cache(
                &mut self.pages,
                sources.pages,
                parse::parse_page_source,
                &mut reparsed,
                &mut removed,
            );
            self.pending.seeds = false;
            self.pending.content = false;
        }
        // The model depends on the inputs, the catalog and the config,
        // never on the theme: a template or stylesheet edit re-renders the
        // model of the last build.
        let model_changed = reread || reloaded.contains(&"config") || reloaded.contains(&"catalog");
        let model_reused = self.site.is_some() && !model_changed;
        let corpus = (!model_reused).then(|| {
            parse::assemble(
                self.load_diagnostics.clone(),
                self.recaps.values().map(|c| c.parsed.clone()).collect(),
                self.pages.values().map(|c| c.parsed.clone()).collect(),
            )
        });
        timings.push(("parse", t.elapsed()));
        t = Instant::now();

        on_stage(STAGES[2]);
        if let Some(corpus) = corpus {
            let catalog = self.catalog.clone().expect("catalog loaded above");
            self.site = Some(enrich::enrich(corpus, catalog, config));
        }
        timings.push(("enrich", t.elapsed()));
        t = Instant::now();

        on_stage(STAGES[3]);
        let site = self.site.as_ref().expect("enriched above");
        let theme = new_theme
            .as_ref()
            .or(self.theme.as_ref())
            .expect("theme loaded above");
        let touched: Vec<String> = reparsed
            .iter()
            .filter_map(|rel| site.sessions.iter().find(|s| &s.source == rel))
            .map(|s| render::output_path(&render::session::session_url(s)))
            .collect();
        let rendered = probe(site, theme, &touched).context("rendering failed")?;
        if new_theme.is_some() {
            self.theme = new_theme;
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
            rendered,
        })
    }
}

/// Render the home page, the 404 page and `touched`: they show whether the
/// theme renders this model, and they are what a browser asks for next.
fn probe(site: &Site, theme: &Theme, touched: &[String]) -> anyhow::Result<Vec<Output>> {
    use rayon::prelude::*;
    let mut paths: Vec<&str> = vec!["index.html", "404.html"];
    paths.extend(touched.iter().map(String::as_str));
    paths
        .into_par_iter()
        .filter_map(|p| render::render_path(site, theme, p))
        .collect()
}

/// Replace `cache` by the parse of `sources`, parsing only files that are
/// new or whose bytes changed (in parallel, as `parse::parse` does).
fn update_cache<T: Send>(
    cache: &mut BTreeMap<String, Cached<T>>,
    sources: Vec<Source>,
    parse_one: fn(&Source) -> T,
    reparsed: &mut Vec<String>,
    removed: &mut Vec<String>,
) {
    use rayon::prelude::*;
    let mut old = std::mem::take(cache);
    let (keep, fresh): (Vec<Source>, Vec<Source>) = sources
        .into_iter()
        .partition(|s| old.get(&s.rel).is_some_and(|c| c.bytes == s.bytes));
    for s in keep {
        let c = old.remove(&s.rel).expect("kept files are cached");
        cache.insert(s.rel, c);
    }
    let parsed: Vec<(Source, T)> = fresh
        .into_par_iter()
        .map(|s| {
            let p = parse_one(&s);
            (s, p)
        })
        .collect();
    for (s, p) in parsed {
        old.remove(&s.rel);
        reparsed.push(s.rel.clone());
        cache.insert(
            s.rel,
            Cached {
                bytes: s.bytes,
                parsed: p,
            },
        );
    }
    removed.extend(old.into_keys());
    reparsed.sort();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_names_a_single_reparsed_file() {
        let r = |reparsed: Vec<&str>, reloaded: Vec<&'static str>| Rebuild {
            rendered: Vec::new(),
            timings: Vec::new(),
            reparsed: reparsed.into_iter().map(String::from).collect(),
            removed: Vec::new(),
            reloaded,
            sources: 10,
            model_reused: false,
        };
        assert_eq!(r(vec!["a.txt"], vec![]).summary(), "re-parsed a.txt");
        assert_eq!(r(vec![], vec!["theme"]).summary(), "reloaded theme");
        assert_eq!(
            r(vec!["a.txt", "b.txt"], vec![]).summary(),
            "re-parsed 2 of 10 files"
        );
    }

    #[test]
    fn dirty_union_keeps_every_flag() {
        let a = Dirty {
            seeds: true,
            ..Dirty::default()
        };
        let b = Dirty {
            theme: true,
            ..Dirty::default()
        };
        let u = a.union(b);
        assert!(u.seeds && u.theme && !u.config);
        assert!(!Dirty::default().any());
    }
}
