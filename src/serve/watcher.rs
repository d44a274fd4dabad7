//! The rebuild thread of `recap serve`: debounced file-system events in,
//! a new site and a new [`Status`] out.
//!
//! Events are classified by where the file is (seeds, content pages, the
//! catalog, the config, the theme or the site's `templates/`), so a rebuild
//! redoes only what that kind of change reaches (see [`Incremental`]).
//! Editor droppings (swap files, backups, hidden files) are ignored. A failed
//! build leaves the last good site in place and puts the error in the status,
//! which the page script shows as an overlay.

use super::http::Shared;
use super::incremental::{Dirty, Incremental, STAGES};
use super::live::{Problem, Status};
use crate::build::BuildOptions;
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::progress::Printer;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant, SystemTime};
use tokio::sync::watch;

/// Long enough to see an editor's save (truncate, write, rename, chmod:
/// a millisecond or two) as one change, short enough not to be felt. It is
/// most of the wait for a small edit: 60 ms was half of it on a 10,000-
/// session site. A save slower than this is seen as two changes; each
/// rebuild reads the file as it is then, and the second one wins.
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// The first build, before the server starts. A failure is not fatal: the
/// server starts anyway and shows the error until a change fixes it.
pub fn first_build(inc: &mut Incremental, shared: &Shared, printer: Printer) -> FirstBuild {
    let t = Instant::now();
    let bar = printer.progress("building", STAGES.len() as u64);
    let result = inc.rebuild(Dirty::ALL, &mut bar.observer(), &shared.served);
    bar.finish();
    let mut served = match shared.served.write() {
        Ok(s) => s,
        Err(e) => e.into_inner(),
    };
    let result = result.map(|r| {
        let timings = r.timings.clone();
        served.rebuilt(r);
        timings
    });
    match (result, served.model().site()) {
        (Ok(timings), Some(site)) => {
            let diagnostics = served.model().diagnostics();
            printer.diagnostics(&diagnostics);
            printer.timings(&timings);
            printer.info(&format!(
                "built {} in {:.0} ms (pages render when first asked for)",
                crate::progress::count(site.sessions.len(), "session"),
                ms(t.elapsed())
            ));
            let status = Status {
                generation: 1,
                ok: true,
                errors: errors_of(&diagnostics),
            };
            FirstBuild {
                diagnostics: diagnostics.into_iter().collect(),
                status,
            }
        }
        (result, _) => {
            let e = result
                .err()
                .unwrap_or_else(|| anyhow::anyhow!("the build made no site"));
            let problem = problem_of(&e, inc);
            printer.error(&format!("{}: {}", problem.location(), problem.message));
            printer.info("serving an error page until the build succeeds");
            let status = Status {
                generation: 0,
                ok: false,
                errors: vec![problem],
            };
            FirstBuild {
                status,
                diagnostics: BTreeSet::new(),
            }
        }
    }
}

/// What the first build gave.
pub struct FirstBuild {
    pub status: Status,
    /// Already printed; later rebuilds print only new ones.
    pub diagnostics: BTreeSet<Diagnostic>,
}

/// The file watcher and what it has seen. Started before the first build,
/// so a change made while that build runs is not missed: the watch is set
/// up first, then every input is fingerprinted, then the build reads them.
pub struct Watch {
    debouncer: Option<Debouncer<RecommendedWatcher>>,
    rx: mpsc::Receiver<DebounceEventResult>,
    paths: WatchPaths,
    roots: Vec<(PathBuf, RecursiveMode)>,
    /// Folders of linked files outside `roots`, watched one level deep.
    link_folders: Vec<PathBuf>,
    seen: Fingerprints,
}

impl Watch {
    /// Watch the inputs of `opts` (the theme as the flags name it; see
    /// [`Watch::follow`] once the config is read).
    pub fn start(opts: &BuildOptions, printer: Printer) -> Watch {
        let (tx, rx) = mpsc::channel::<DebounceEventResult>();
        let debouncer = match new_debouncer(DEBOUNCE, tx) {
            Ok(d) => Some(d),
            Err(e) => {
                printer.warning(&format!(
                    "cannot watch for changes ({e}); serving without rebuilds"
                ));
                None
            }
        };
        let mut w = Watch {
            debouncer,
            rx,
            paths: WatchPaths::of(opts, None),
            roots: Vec::new(),
            link_folders: Vec::new(),
            seen: Fingerprints::default(),
        };
        w.aim(printer);
        w
    }

    /// Watch what `paths` names now, then fingerprint it.
    fn aim(&mut self, printer: Printer) {
        let roots = self.paths.roots();
        if let Some(d) = self.debouncer.as_mut() {
            for (p, _) in &self.roots {
                let _ = d.watcher().unwatch(p);
            }
            for (p, mode) in &roots {
                if let Err(e) = d.watcher().watch(p, *mode) {
                    printer.warning(&format!("cannot watch {}: {e}", p.display()));
                }
            }
        }
        self.seen = Fingerprints::scan(&roots);
        self.roots = roots;
        self.watch_link_folders(printer);
    }

    /// Fingerprint the inputs again (after a change the watcher cannot
    /// pin to files), and watch the folders of links that appeared.
    fn rescan(&mut self, printer: Printer) {
        self.seen = Fingerprints::scan(&self.roots);
        self.watch_link_folders(printer);
    }

    /// A file linked into `seeds/` (`talk.md -> ../drafts/talk.md`) is
    /// edited where it is, which the watch of `seeds/` does not see: its
    /// folder is watched too. Linked folders the watcher follows itself.
    fn watch_link_folders(&mut self, printer: Printer) {
        let wanted = self.seen.link_folders(&self.roots);
        if wanted == self.link_folders {
            return;
        }
        if let Some(d) = self.debouncer.as_mut() {
            for p in self.link_folders.iter().filter(|p| !wanted.contains(p)) {
                let _ = d.watcher().unwatch(p);
            }
            for p in wanted.iter().filter(|p| !self.link_folders.contains(p)) {
                if let Err(e) = d.watcher().watch(p, RecursiveMode::NonRecursive) {
                    printer.warning(&format!("cannot watch {}: {e}", p.display()));
                }
            }
        }
        self.link_folders = wanted;
    }

    /// After a build: a new config may name another theme.
    fn follow(&mut self, inc: &Incremental, printer: Printer) {
        self.paths = WatchPaths::of(inc.options(), inc.config());
        if self.paths.roots() != self.roots {
            self.aim(printer);
        }
    }
}

/// Start the rebuild thread. It stops when `stop` turns true.
pub fn spawn(
    watch: Watch,
    inc: Incremental,
    known: BTreeSet<Diagnostic>,
    shared: Arc<Shared>,
    printer: Printer,
    stop: watch::Receiver<bool>,
) -> std::thread::JoinHandle<()> {
    std::thread::Builder::new()
        .name("recap-rebuild".into())
        .spawn(move || run(watch, inc, known, shared, printer, stop))
        .expect("cannot start the rebuild thread")
}

fn run(
    mut w: Watch,
    mut inc: Incremental,
    mut known: BTreeSet<Diagnostic>,
    shared: Arc<Shared>,
    printer: Printer,
    stop: watch::Receiver<bool>,
) {
    if w.debouncer.is_none() {
        return;
    }
    w.follow(&inc, printer);
    inc.warm_up_thread(&shared.served);
    while !*stop.borrow() {
        let batch = match w.rx.recv_timeout(Duration::from_millis(200)) {
            Ok(b) => b,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        let mut events = Vec::new();
        for b in std::iter::once(batch).chain(w.rx.try_iter()) {
            match b {
                Ok(ev) => events.extend(ev.into_iter().flat_map(|e| w.seen.read_as(e.path))),
                Err(e) => printer.warning(&format!("file watching: {e}")),
            }
        }
        let mut dirty = Dirty::default();
        let mut changed = BTreeSet::new();
        let mut recaps = Vec::new();
        for p in &events {
            if !w.seen.changed(p) {
                // Opened or read (by this very build, often), not changed.
                continue;
            }
            if let Some(d) = w.paths.classify(p) {
                dirty = dirty.union(d);
                changed.insert(w.paths.shown(p));
                if d.seeds {
                    recaps.push(p.clone());
                }
            }
        }
        if !dirty.any() {
            continue;
        }
        // What this build will read; events about it that arrive later
        // (an editor's save is often several) then change nothing. When
        // only recap files changed, their fingerprints were just taken,
        // and walking 10,000 others would cost more than the rebuild.
        let only_files = dirty
            == Dirty {
                seeds: true,
                ..Dirty::default()
            }
            && recaps.iter().all(|p| p.extension().is_some());
        if !only_files {
            w.rescan(printer);
        }
        // Files rather than the folders they are in, where there are any.
        let files: Vec<String> = changed
            .iter()
            .filter(|n| Path::new(n).extension().is_some())
            .cloned()
            .collect();
        let names: Vec<String> = if files.is_empty() {
            changed.into_iter().collect()
        } else {
            files
        };
        let t = Instant::now();
        let bar = printer.progress("rebuilding", STAGES.len() as u64);
        // Requests go on reading the last good model meanwhile: the
        // rebuild locks it only to patch or swap it.
        let result = inc.rebuild_files(dirty, &recaps, &mut bar.observer(), &shared.served);
        bar.finish();
        match result {
            Ok(r) => {
                let Ok(mut served) = shared.served.write() else {
                    break;
                };
                let summary = r.summary();
                let changed = r.changed();
                let timings = r.timings.clone();
                served.rebuilt(r);
                let all = served.model().diagnostics();
                let errors = errors_of(&all);
                let diags: BTreeSet<Diagnostic> = all.into_iter().collect();
                drop(served);
                for d in diags.difference(&known) {
                    printer.diagnostic(d);
                }
                // Browsers reload only when something they may show
                // changed; a build that only clears an error updates the
                // overlay.
                shared.status.send_modify(|s| {
                    if changed {
                        s.generation += 1;
                    }
                    s.ok = true;
                    s.errors = errors;
                });
                printer.info(&format!(
                    "{}: rebuilt in {:.0} ms ({summary})",
                    names_line(&names),
                    ms(t.elapsed()),
                ));
                printer.timings(&timings);
                known = diags;
            }
            Err(e) => {
                let problem = problem_of(&e, &inc);
                printer.error(&format!(
                    "{}: {}\n  (still serving the last good build)",
                    problem.location(),
                    problem.message
                ));
                shared.status.send_modify(|s| {
                    s.ok = false;
                    s.errors = vec![problem];
                });
            }
        }
        w.follow(&inc, printer);
    }
}

fn names_line(names: &[String]) -> String {
    match names.len() {
        0 => "changed".into(),
        1..=3 => names.join(", "),
        n => format!("{}, … ({n} files)", names[..2].join(", ")),
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn errors_of(diags: &[Diagnostic]) -> Vec<Problem> {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(Problem::from)
        .collect()
}

fn problem_of(e: &anyhow::Error, inc: &Incremental) -> Problem {
    let opts = inc.options();
    let theme = match inc.config() {
        Some(c) => opts.theme_dir(c),
        None => opts.root.join(
            opts.theme
                .clone()
                .unwrap_or_else(|| SiteConfig::default().theme),
        ),
    };
    Problem::from_error(
        e,
        &absolute(&opts.root),
        &absolute(&theme.join("templates")),
    )
}

/// Size and modification time of every file and folder watched (of what
/// a link points to, as the build reads it). The watcher reports opens and
/// reads too (a build reads every input), so an event counts only when the
/// path's fingerprint changed.
#[derive(Default)]
struct Fingerprints {
    prints: HashMap<PathBuf, Fingerprint>,
    /// The real path of each linked file → the paths the build reads it by.
    links: HashMap<PathBuf, Vec<PathBuf>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint {
    modified: Option<SystemTime>,
    len: u64,
    dir: bool,
}

impl Fingerprints {
    fn scan(roots: &[(PathBuf, RecursiveMode)]) -> Fingerprints {
        let mut map = HashMap::new();
        let mut links: HashMap<PathBuf, Vec<PathBuf>> = HashMap::new();
        for (root, mode) in roots {
            // Walked as the build reads them (links followed): a file of a
            // linked folder missing here looked changed at every read.
            let mut around = Vec::new();
            let entries: Box<dyn Iterator<Item = walkdir::Result<walkdir::DirEntry>>> =
                if *mode == RecursiveMode::Recursive {
                    Box::new(crate::load::walk(root, &mut around))
                } else {
                    Box::new(walkdir::WalkDir::new(root).max_depth(1).into_iter())
                };
            for e in entries.filter_map(Result::ok) {
                if e.path_is_symlink() && e.file_type().is_file() {
                    if let Ok(real) = std::fs::canonicalize(e.path()) {
                        links.entry(real).or_default().push(e.path().to_path_buf());
                    }
                }
                if let Some(f) = fingerprint(e.path()) {
                    map.insert(e.into_path(), f);
                }
            }
        }
        Fingerprints { prints: map, links }
    }

    /// Whether `path` differs from when it was last seen; remembers it.
    fn changed(&mut self, path: &Path) -> bool {
        let now = fingerprint(path);
        let before = match now {
            Some(f) => self.prints.insert(path.to_path_buf(), f),
            None => self.prints.remove(path),
        };
        before != now
    }

    /// `path` as the watcher names it, and the links the build reads it by.
    fn read_as(&self, path: PathBuf) -> Vec<PathBuf> {
        let mut out = self.links.get(&path).cloned().unwrap_or_default();
        out.push(path);
        out
    }

    /// Folders of linked files that no watched root holds, sorted.
    fn link_folders(&self, roots: &[(PathBuf, RecursiveMode)]) -> Vec<PathBuf> {
        let mut out: Vec<PathBuf> = self
            .links
            .keys()
            .filter_map(|real| real.parent())
            .filter(|dir| {
                !roots.iter().any(|(root, mode)| match mode {
                    RecursiveMode::Recursive => dir.starts_with(root),
                    RecursiveMode::NonRecursive => dir == root,
                })
            })
            .map(Path::to_path_buf)
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let m = std::fs::metadata(path).ok()?;
    Some(Fingerprint {
        modified: m.modified().ok(),
        len: m.len(),
        dir: m.is_dir(),
    })
}

/// What to watch and how to tell what a changed path is.
#[derive(Debug, Clone, PartialEq)]
struct WatchPaths {
    root: PathBuf,
    seeds: PathBuf,
    content: PathBuf,
    catalog: PathBuf,
    config: PathBuf,
    theme: PathBuf,
    templates: PathBuf,
}

impl WatchPaths {
    fn of(opts: &BuildOptions, config: Option<&SiteConfig>) -> WatchPaths {
        let theme = match config {
            Some(c) => opts.theme_dir(c),
            None => opts.root.join(
                opts.theme
                    .clone()
                    .unwrap_or_else(|| SiteConfig::default().theme),
            ),
        };
        WatchPaths {
            root: canonical(&opts.root),
            seeds: canonical(&opts.seeds_dir()),
            content: canonical(&opts.content_dir()),
            catalog: canonical(&opts.content_dir().join("catalog.toml")),
            config: canonical(&opts.config_path()),
            theme: canonical(&theme),
            templates: canonical(&opts.templates_dir()),
        }
    }

    /// Folders to watch. The config file is watched through its folder,
    /// since editors replace files rather than write them in place.
    fn roots(&self) -> Vec<(PathBuf, RecursiveMode)> {
        let mut out: Vec<(PathBuf, RecursiveMode)> = Vec::new();
        for dir in [&self.seeds, &self.content, &self.theme, &self.templates] {
            if dir.is_dir() && !out.iter().any(|(p, _)| dir.starts_with(p)) {
                out.push((dir.clone(), RecursiveMode::Recursive));
            }
        }
        if let Some(parent) = self.config.parent() {
            if parent.is_dir() && !out.iter().any(|(p, _)| parent.starts_with(p)) {
                out.push((parent.to_path_buf(), RecursiveMode::NonRecursive));
            }
        }
        out
    }

    /// What kind of input `path` is, or `None` for files no build reads.
    fn classify(&self, path: &Path) -> Option<Dirty> {
        let name = path.file_name()?.to_string_lossy();
        if crate::load::is_hidden(path.file_name()?)
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name.ends_with(".tmp")
        {
            return None;
        }
        // Nor does it read what a hidden folder holds (`seeds/.git/…`).
        let hidden_below = |root: &Path| {
            path.strip_prefix(root)
                .is_ok_and(|rel| rel.iter().any(crate::load::is_hidden))
        };
        if hidden_below(&self.seeds) || hidden_below(&self.content) {
            return None;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        let one = |f: fn(&mut Dirty)| {
            let mut d = Dirty::default();
            f(&mut d);
            Some(d)
        };
        if path == self.config {
            return one(|d| d.config = true);
        }
        if path == self.catalog {
            return one(|d| d.catalog = true);
        }
        if path.starts_with(&self.theme) || path.starts_with(&self.templates) {
            return one(|d| d.theme = true);
        }
        // A folder renamed or removed has no extension; re-reading the
        // folder is cheap and catches it.
        let text = ext
            .as_deref()
            .is_none_or(|e| crate::load::RECAP_EXTENSIONS.contains(&e));
        if path.starts_with(&self.seeds) && text {
            return one(|d| d.seeds = true);
        }
        if path.starts_with(&self.content) && (ext.as_deref() == Some("md") || ext.is_none()) {
            return one(|d| d.content = true);
        }
        if (path.starts_with(&self.seeds) || path.starts_with(&self.content))
            && ext.is_some_and(|e| crate::media::EXTENSIONS.contains(&e.as_str()))
        {
            return one(|d| d.images = true);
        }
        None
    }

    /// `path` relative to the site root, for the terminal.
    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

/// The real path where it exists, else the absolute path with `.` and
/// `..` resolved by hand (a folder may appear later).
fn canonical(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| absolute(p))
}

fn absolute(p: &Path) -> PathBuf {
    crate::write::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> WatchPaths {
        let r = PathBuf::from("/site");
        WatchPaths {
            root: r.clone(),
            seeds: r.join("seeds"),
            content: r.join("content"),
            catalog: r.join("content/catalog.toml"),
            config: r.join("content/site.toml"),
            theme: r.join("themes/default"),
            templates: r.join("templates"),
        }
    }

    #[test]
    fn classifies_each_kind_of_input() {
        let w = paths();
        let is = |p: &str, f: fn(&Dirty) -> bool| w.classify(Path::new(p)).is_some_and(|d| f(&d));
        assert!(is("/site/seeds/003.txt", |d| d.seeds && !d.content));
        assert!(is("/site/seeds/sub", |d| d.seeds));
        assert!(is("/site/content/about.md", |d| d.content && !d.seeds));
        assert!(is("/site/content/site.toml", |d| d.config));
        assert!(is("/site/content/catalog.toml", |d| d.catalog && !d.config));
        assert!(is("/site/themes/default/templates/base.html", |d| d.theme));
        assert!(is("/site/themes/default/static/style.css", |d| d.theme));
        assert!(is("/site/templates/session.html", |d| d.theme));
        assert!(is("/site/seeds/slides/1.PNG", |d| d.images && !d.seeds));
        assert!(is("/site/content/guide/map.jpg", |d| d.images && !d.content));
    }

    #[test]
    fn ignores_editor_files_and_unread_inputs() {
        let w = paths();
        for p in [
            "/site/seeds/.003.txt.swp",
            "/site/seeds/003.txt~",
            "/site/seeds/notes.docx",
            "/site/content/logo.svg",
            "/site/public/index.html",
            "/site/seeds/.git/notes.md",
            "/site/content/.trash/old.md",
        ] {
            assert_eq!(w.classify(Path::new(p)), None, "{p}");
        }
    }

    #[test]
    fn reading_a_file_is_not_a_change() {
        let dir = std::env::temp_dir().join(format!("recap-fp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("a.txt");
        std::fs::write(&f, "one").unwrap();
        let mut seen = Fingerprints::scan(&[(dir.clone(), RecursiveMode::Recursive)]);
        let _ = std::fs::read(&f).unwrap();
        assert!(!seen.changed(&f));
        std::fs::write(&f, "three").unwrap();
        assert!(seen.changed(&f));
        assert!(!seen.changed(&f));
        std::fs::remove_file(&f).unwrap();
        assert!(seen.changed(&f));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn config_outside_content_is_watched_through_its_folder() {
        let mut w = paths();
        w.config = PathBuf::from("/elsewhere/site.toml");
        let roots: Vec<PathBuf> = w.roots().into_iter().map(|(p, _)| p).collect();
        // Only existing folders are watched; none exist here.
        assert!(roots.is_empty());
        assert!(w
            .classify(Path::new("/elsewhere/site.toml"))
            .is_some_and(|d| d.config));
    }
}
