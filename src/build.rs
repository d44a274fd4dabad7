//! The whole pipeline, from folders to a written site, as one call.

use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::enrich::{self, Catalog, Site};
use crate::model::Session;
use crate::render::{self, Theme};
use crate::write::{self, Output};
use crate::{load, parse};
use anyhow::bail;
use anyhow::Context;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Where a build reads and writes. Relative paths are taken from `root`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site's folder; `templates/` in it overrides theme templates.
    pub root: PathBuf,
    pub seeds: PathBuf,
    pub content: PathBuf,
    /// Defaults to `<content>/site.toml`.
    pub config: Option<PathBuf>,
    /// Overrides the config's `theme`.
    pub theme: Option<PathBuf>,
    /// Overrides the config's `output`.
    pub out: Option<PathBuf>,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            root: PathBuf::from("."),
            seeds: PathBuf::from("seeds"),
            content: PathBuf::from("content"),
            config: None,
            theme: None,
            out: None,
            base_url: None,
        }
    }
}

impl BuildOptions {
    /// `p` taken from the site root, unless it is absolute.
    pub fn at(&self, p: &Path) -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.root.join(p)
        }
    }

    pub fn seeds_dir(&self) -> PathBuf {
        self.at(&self.seeds)
    }

    pub fn content_dir(&self) -> PathBuf {
        self.at(&self.content)
    }

    pub fn config_path(&self) -> PathBuf {
        match &self.config {
            Some(c) => self.at(c),
            None => self.content_dir().join("site.toml"),
        }
    }

    /// The config file with the command-line overrides applied.
    pub fn site_config(&self) -> anyhow::Result<SiteConfig> {
        let content = self.content_dir();
        if content.exists() && !content.is_dir() {
            anyhow::bail!(
                "`{}` is a file, not a folder; --content takes the folder that holds \
                 site.toml, catalog.toml and the site's own pages",
                content.display()
            );
        }
        let mut c = SiteConfig::load(&self.config_path())?;
        let configured_out = self.out_dir(&c);
        if let Some(t) = &self.theme {
            c.theme = t.clone();
        }
        if let Some(o) = &self.out {
            c.output = o.clone();
        }
        if let Some(b) = &self.base_url {
            c.override_base_url(b);
        }
        c.seeds_dir = Some(self.seeds_dir());
        c.content_dir = Some(content);
        c.previous_dirs = vec![self.out_dir(&c)];
        if c.previous_dirs[0] != configured_out {
            c.previous_dirs.push(configured_out);
        }
        let languages = crate::render::strings::languages(&self.theme_dir(&c));
        Ok(c.with_languages(languages))
    }

    pub fn theme_dir(&self, config: &SiteConfig) -> PathBuf {
        self.at(&config.theme)
    }

    pub fn out_dir(&self, config: &SiteConfig) -> PathBuf {
        self.at(&config.output)
    }

    /// Refuse an output folder that is, or holds, one of the site's inputs
    /// (see [`write::check_output_dir`] for the rest of the rules).
    pub fn check_output(&self, config: &SiteConfig, out: &Path) -> anyhow::Result<()> {
        let inputs = [
            self.seeds_dir(),
            self.content_dir(),
            self.theme_dir(config),
            self.root.clone(),
        ];
        let inputs: Vec<&Path> = inputs.iter().map(PathBuf::as_path).collect();
        write::check_output_dir(out, &inputs)
    }

    /// The site's own template overrides.
    pub fn templates_dir(&self) -> PathBuf {
        self.root.join("templates")
    }
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub sessions: usize,
    pub files: usize,
    /// Files whose bytes were the same as in the previous site, kept as
    /// they were.
    pub unchanged: usize,
    pub diagnostics: Vec<Diagnostic>,
    pub timings: Timings,
}

impl BuildReport {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// How long each stage took, in pipeline order.
pub type Timings = Vec<(&'static str, Duration)>;

/// Run the pipeline up to rendered outputs, writing nothing.
pub fn build_in_memory(opts: &BuildOptions) -> anyhow::Result<(Site, Vec<Output>, Timings)> {
    let config = opts.site_config()?;
    let (theme, site, mut timings) = prepare(opts, config)?;
    let (outputs, took) = render(&site, &theme, None)?;
    timings.push(("render", took));
    Ok((site, outputs, timings))
}

/// The enriched site and the theme, made side by side: compiling the
/// theme's templates needs nothing from the recaps and was the longest
/// single-threaded step of a small site's build.
/// A theme that fails to load stops the reading of the recaps at the next
/// stage: its error is the build's, and a 10,000-session site took 4 s to
/// report a typo in a template.
fn prepare(opts: &BuildOptions, config: SiteConfig) -> anyhow::Result<(Theme, Site, Timings)> {
    let theme_failed = AtomicBool::new(false);
    let (theme, model) = rayon::join(
        || {
            let theme = Theme::load(&opts.theme_dir(&config), &opts.templates_dir(), &config);
            theme_failed.store(theme.is_err(), Ordering::Relaxed);
            theme
        },
        || model(opts, config.clone(), &theme_failed),
    );
    let theme = theme?;
    let (mut site, timings) = model?;
    site.diagnostics
        .extend(render::page_warnings(&site, &theme));
    Ok((theme, site, timings))
}

/// Load, parse and enrich: the pipeline up to the site model.
fn model(
    opts: &BuildOptions,
    config: SiteConfig,
    stop: &AtomicBool,
) -> anyhow::Result<(Site, Timings)> {
    let stopped = || {
        if stop.load(Ordering::Relaxed) {
            bail!("stopped: the theme did not load");
        }
        Ok(())
    };
    let mut timings = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str, timings: &mut Timings| {
        timings.push((name, t.elapsed()));
        t = Instant::now();
    };
    let catalog = Catalog::load(&opts.content_dir())?;
    let sources = load::load(&opts.seeds_dir(), &opts.content_dir())?;
    lap("load", &mut timings);
    stopped()?;
    // What enriching needs from the catalog alone, and the first pass's
    // patterns, are made on a free thread while the recaps are parsed (the
    // `parse` timing includes them); the main pass's patterns and syntect
    // while the first pass runs. Made on first use, the patterns were a
    // fifth of the sample site's CPU time, and every thread that needed
    // one waited while another compiled it.
    let has_recaps = !sources.recaps.is_empty();
    let text_bytes = sources.recaps.iter().map(|r| r.bytes.len()).sum();
    let pages_have_code = sources.pages.iter().any(|p| has_fence(&p.bytes));
    let (corpus, (base, ())) = rayon::join(
        || parse::parse(&sources),
        || {
            rayon::join(
                || enrich::CatalogTable::new(&catalog, text_bytes),
                || {
                    if has_recaps {
                        enrich::warm_up_first_pass();
                    }
                },
            )
        },
    );
    drop(sources);
    lap("parse", &mut timings);
    stopped()?;
    let has_code = pages_have_code || corpus.sessions.iter().any(Session::has_code);
    let (site, ()) = rayon::join(
        || enrich::Enricher::with_catalog_table(corpus, catalog, base, config).into_site(),
        || {
            if has_recaps {
                enrich::warm_up_main_pass();
            }
            render::highlight::warm_up(has_code);
        },
    );
    lap("enrich", &mut timings);
    Ok((site, timings))
}

/// Whether a content page may have a fenced code block.
fn has_fence(text: &[u8]) -> bool {
    text.windows(3).any(|w| w == b"```" || w == b"~~~")
}

/// Render the site, and how long that took. With a `sink`, session pages
/// go to it as they are rendered and neither they nor `data/site.json` are
/// in the result (a build writes them straight to disk).
fn render(
    site: &Site,
    theme: &Theme,
    sink: Option<render::Sink>,
) -> anyhow::Result<(Vec<Output>, Duration)> {
    let t = Instant::now();
    let outputs = match sink {
        None => render::render(site, theme),
        Some(sink) => render::render_streaming(site, theme, Some(sink)),
    }
    .context("rendering failed")?;
    Ok((outputs, t.elapsed()))
}

/// Build the site and write it to the output folder.
pub fn build(opts: &BuildOptions) -> anyhow::Result<BuildReport> {
    let (report, model) = build_keeping_model(opts)?;
    drop(model);
    Ok(report)
}

/// The enriched site and the theme a build made, handed back by
/// [`build_keeping_model`] after the site is written. Freeing them takes a
/// 10,000-session build a third of a second, mostly on one thread: a
/// process that exits next can leave that to the operating system.
pub struct Model {
    _site: Site,
    _theme: Theme,
}

/// [`build`], handing back the model instead of freeing it.
pub fn build_keeping_model(opts: &BuildOptions) -> anyhow::Result<(BuildReport, Model)> {
    let config = opts.site_config()?;
    let out = opts.out_dir(&config);
    opts.check_output(&config, &out)?;
    // The staging folder is made ready while the site is read. Session
    // pages are written as they are rendered, and the export is streamed:
    // a 10,000-session site never has to fit in memory.
    // Readying it lists the last build's files, mostly waiting on the disk,
    // and holds a rayon worker meanwhile (2.5 s of a 10k rebuild on a slow
    // disk). On a thread of its own it left both workers to the recaps,
    // but three threads on two cores made the sample site's build 10%
    // slower (30.2 → 33.6 ms median): it stays here.
    let (staging, prepared) = rayon::join(
        || write::Staging::begin(&out),
        || prepare(opts, config.clone()),
    );
    let staging = staging?;
    let (theme, mut site, mut timings) = prepared?;
    let sink = |o: &Output| staging.write(o);
    // The export needs only the model, so it is written while the pages
    // render: on a big site it is hundreds of megabytes, and it was the
    // longest step after them. Its timing overlaps theirs.
    let (rendered, exported) = rayon::join(
        || render(&site, &theme, Some(&sink)),
        || {
            let t = Instant::now();
            export(&site, &staging)?;
            anyhow::Ok(t.elapsed())
        },
    );
    let (outputs, took) = rendered?;
    timings.push(("render", took));
    timings.push(("export", exported?));
    let mut t = Instant::now();
    staging.write_all(&outputs)?;
    drop(outputs);
    timings.push(("write", t.elapsed()));
    t = Instant::now();
    let (written, reused) = staging.counts();
    let sessions = site.sessions.len();
    let diagnostics = std::mem::take(&mut site.diagnostics);
    staging.commit()?;
    timings.push(("swap", t.elapsed()));
    let report = BuildReport {
        out,
        sessions,
        files: written + reused,
        unchanged: reused,
        diagnostics,
        timings,
    };
    Ok((
        report,
        Model {
            _site: site,
            _theme: theme,
        },
    ))
}

/// Stream the data export (`data/site.json`) into `staging`: on a big site
/// it is hundreds of megabytes, never held whole.
pub(crate) fn export(site: &Site, staging: &write::Staging) -> anyhow::Result<()> {
    let mut json = staging.stream(render::data::DATA_PATH)?;
    render::data::write_site_json(site, &mut json)
        .with_context(|| format!("cannot write {}", render::data::DATA_PATH))?;
    staging.finish_stream(json)
}

#[cfg(test)]
mod tests {
    use super::{has_fence, model, BuildOptions};
    use std::path::PathBuf;
    use std::sync::atomic::AtomicBool;

    #[test]
    fn a_failed_theme_stops_the_reading_of_the_recaps() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let opts = BuildOptions {
            root,
            ..BuildOptions::default()
        };
        let config = opts.site_config().unwrap();
        let err = model(&opts, config.clone(), &AtomicBool::new(true)).unwrap_err();
        assert!(err.to_string().contains("theme did not load"), "{err}");
        let (site, _) = model(&opts, config, &AtomicBool::new(false)).unwrap();
        assert_eq!(site.sessions.len(), 5);
    }

    #[test]
    fn pages_with_code_are_told_from_pages_without() {
        assert!(has_fence(b"intro\n\n```bash\nrecap build\n```\n"));
        assert!(has_fence("说明\n~~~toml\na = 1\n~~~\n".as_bytes()));
        assert!(!has_fence("只有正文，`行内代码`不算。".as_bytes()));
        assert!(!has_fence(b""));
    }
}
