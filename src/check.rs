//! `recap check`: build in memory and list what a person should fix.
//!
//! * every root-relative or relative `href`/`src`/`action`/`srcset` of every
//!   page (and `url(…)` of every stylesheet) must name an output, and every
//!   `#fragment` an `id` on the page it points to;
//! * the parse and enrichment diagnostics, with file and line;
//! * sessions whose slugs collided (they got `-2`, `-3`…, which changes
//!   their URLs when files are added or removed);
//! * names enrichment found in the prose but the catalog does not know;
//! * external links: listed, and only fetched with `--external` (a `HEAD`
//!   request through the system's `curl`, so the binary carries no TLS
//!   stack for one optional feature).
//!
//! A broken link that appears on many pages is reported once, with the
//! pages it is on: it usually comes from one template.

mod crawl;
mod external;

pub use crawl::{css_links, html_links, Crawl, PageLinks};

use crate::build::BuildOptions;
use crate::diagnostics::Diagnostic;
use crate::enrich::{EntityKind, Site};
use crate::progress::Printer;
use crate::render::pages::page_url;
use crate::serve::incremental::{Incremental, STAGES};
use crate::write::Output;
pub use external::{external_problems, fetch_external, Fetched};
use rayon::prelude::*;
use regex::Regex;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::process::ExitCode;
use std::sync::LazyLock;
use std::time::{Duration, Instant};

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub problems: Vec<Diagnostic>,
    /// External URL → pages (output paths) that link to it.
    pub external: BTreeMap<String, Vec<String>>,
    pub pages: usize,
    pub links: usize,
}

impl CheckReport {
    pub fn errors(&self) -> usize {
        self.problems.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.problems.len() - self.errors()
    }
}

/// Check a built site. `outputs` are the rendered files of `site`.
pub fn check(site: &Site, outputs: &[Output]) -> CheckReport {
    check_crawl(site, Crawl::of(outputs))
}

/// Check a site from what was crawled of its files.
pub fn check_crawl(site: &Site, crawl: Crawl) -> CheckReport {
    let mut report = CheckReport {
        problems: site.diagnostics.clone(),
        ..Default::default()
    };
    let (all_paths, crawled) = crawl.into_parts();
    report.pages = crawled.keys().filter(|p| p.ends_with(".html")).count();
    let paths: HashSet<&str> = all_paths.iter().map(String::as_str).collect();
    let sources = page_sources(site);

    // (kind, target as written, detail) → pages
    let mut broken: BTreeMap<(bool, String, String), Vec<&str>> = BTreeMap::new();
    for (page, links) in &crawled {
        let page = page.as_str();
        for url in &links.links {
            report.links += 1;
            match resolve(page, url, &paths) {
                Target::Skip => {}
                Target::External(u) => report.external.entry(u).or_default().push(page.to_string()),
                Target::Missing => {
                    broken
                        .entry((false, url.clone(), "no such page or file".into()))
                        .or_default()
                        .push(page);
                }
                Target::Page(target, fragment) => {
                    let Some(frag) = fragment else { continue };
                    if frag.is_empty() || frag.eq_ignore_ascii_case("top") {
                        continue;
                    }
                    let Some(target_links) = crawled.get(target.as_str()) else {
                        continue;
                    };
                    if !target.ends_with(".html") || target_links.ids.contains(&frag) {
                        continue;
                    }
                    broken
                        .entry((
                            true,
                            url.clone(),
                            format!("no element with id `{frag}` on {}", url_of(&target)),
                        ))
                        .or_default()
                        .push(page);
                }
            }
        }
    }
    for ((anchor, url, detail), mut pages) in broken {
        pages.sort();
        pages.dedup();
        let what = if anchor {
            "broken anchor"
        } else {
            "broken link"
        };
        let first = pages[0];
        let from = sources
            .get(first)
            .map(|s| format!(" (page made from {s})"))
            .unwrap_or_default();
        let message = if pages.len() == 1 {
            format!("{what} `{url}`: {detail}{from}")
        } else {
            let shown: Vec<String> = pages.iter().skip(1).take(3).map(|p| url_of(p)).collect();
            let more = pages.len() - 1 - shown.len();
            // On most pages of the site, it is in a template, not a recap.
            let hint = if pages.len() >= 5 && pages.len() * 2 >= report.pages {
                format!(
                    " (on {} of {} pages: look in the theme's templates)",
                    pages.len(),
                    report.pages
                )
            } else {
                String::new()
            };
            format!(
                "{what} `{url}`: {detail}; also on {}{}{hint}",
                shown.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                },
            )
        };
        report
            .problems
            .push(Diagnostic::error(&url_of(first), None, message));
    }
    report.problems.extend(slug_collisions(site));
    report.problems.extend(duplicate_outputs(&all_paths));
    report.problems.extend(uncatalogued(site));
    report
}

/// Where a URL written on `page` leads.
#[derive(Debug, PartialEq)]
enum Target {
    /// Not a link to check: `mailto:`, `data:`, `javascript:`, empty.
    Skip,
    External(String),
    /// An output, with the fragment if any (percent-decoded).
    Page(String, Option<String>),
    Missing,
}

fn resolve(page: &str, url: &str, paths: &HashSet<&str>) -> Target {
    static SCHEME: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^[A-Za-z][A-Za-z0-9+.-]*:").expect("valid regex"));
    let url = url.trim();
    if url.is_empty() {
        return Target::Skip;
    }
    if url.starts_with("//") {
        return Target::External(format!("https:{url}"));
    }
    if SCHEME.is_match(url) {
        let lower = url.to_ascii_lowercase();
        return if lower.starts_with("http://") || lower.starts_with("https://") {
            Target::External(url.to_string())
        } else {
            Target::Skip
        };
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (
            r,
            Some(
                percent_encoding::percent_decode_str(f)
                    .decode_utf8_lossy()
                    .into_owned(),
            ),
        ),
        None => (url, None),
    };
    let path = rest.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Target::Page(page.to_string(), fragment);
    }
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let joined = if let Some(abs) = decoded.strip_prefix('/') {
        abs.to_string()
    } else {
        let dir = page.rsplit_once('/').map_or("", |(d, _)| d);
        if dir.is_empty() {
            decoded.to_string()
        } else {
            format!("{dir}/{decoded}")
        }
    };
    let Some(mut target) = normalize(&joined) else {
        return Target::Missing;
    };
    if target.is_empty() || joined.ends_with('/') {
        target = if target.is_empty() {
            "index.html".into()
        } else {
            format!("{target}/index.html")
        };
    }
    if paths.contains(target.as_str()) {
        Target::Page(target, fragment)
    } else if paths.contains(format!("{target}/index.html").as_str()) {
        Target::Page(format!("{target}/index.html"), fragment)
    } else {
        Target::Missing
    }
}

/// Resolve `.` and `..` in a `/`-separated site path; `None` when the path
/// climbs above the site.
pub fn normalize(path: &str) -> Option<String> {
    let mut out: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                out.pop()?;
            }
            s => out.push(s),
        }
    }
    Some(out.join("/"))
}

/// The URL of an output path: `sessions/x/index.html` → `/sessions/x/`.
fn url_of(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => format!("/{dir}"),
        None => format!("/{path}"),
    }
}

/// Output path → the input file the page was made from.
fn page_sources(site: &Site) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for s in &site.sessions {
        out.insert(format!("sessions/{}/index.html", s.slug), s.source.clone());
    }
    for p in &site.pages {
        out.insert(crate::render::output_path(&page_url(p)), p.source.clone());
    }
    out
}

/// Sessions that wanted the same slug: all but the first got a number,
/// so their URL depends on which other files exist.
fn slug_collisions(site: &Site) -> Vec<Diagnostic> {
    static NUMBERED: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(.+)-(\d+)$").expect("valid regex"));
    let slugs: HashMap<&str, &str> = site
        .sessions
        .iter()
        .map(|s| (s.slug.as_str(), s.source.as_str()))
        .collect();
    // base slug → the numbered sessions that wanted it, in source order
    let mut groups: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for s in &site.sessions {
        let Some(c) = NUMBERED.captures(&s.slug) else {
            continue;
        };
        let base = c.get(1).map_or("", |m| m.as_str());
        if slugs.contains_key(base) {
            groups.entry(base).or_default().push(s.source.as_str());
        }
    }
    groups
        .into_iter()
        .map(|(base, numbered)| {
            let first = slugs[base];
            let shown: Vec<&str> = numbered.iter().take(3).copied().collect();
            let more = numbered.len() - shown.len();
            Diagnostic::warning(
                numbered[0],
                Some(1),
                format!(
                    "duplicate slug: `{base}` is taken by {first}, so {}{} got `{base}-2`…; their URLs \
                     change when files are added or removed: give each its own `slug:` in front matter",
                    shown.join(", "),
                    if more > 0 { format!(" and {more} more") } else { String::new() },
                ),
            )
        })
        .collect()
}

/// Two outputs with one path (the renderer refuses this, but a check that
/// runs on any outputs should say so too).
fn duplicate_outputs(paths: &[String]) -> Vec<Diagnostic> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        if !seen.insert(path.as_str()) {
            out.push(Diagnostic::error(
                &url_of(path),
                None,
                "duplicate slug: two pages are written to this path",
            ));
        }
    }
    out
}

/// Names enrichment found in the prose that the catalog does not know and
/// that got a page anyway: each is worth a catalog entry (a description, its
/// aliases, a stable slug). Names discovery left out are listed with `-v`
/// (see [`left_out`]).
fn uncatalogued(site: &Site) -> Vec<Diagnostic> {
    site.candidates
        .iter()
        .filter(|c| c.accepted && c.merged_into.is_none())
        .map(|c| {
            let (file, line) = c
                .locations
                .first()
                .map_or((String::new(), None), |(f, l)| (f.clone(), Some(*l)));
            Diagnostic::warning(
                &file,
                line,
                format!(
                    "uncatalogued {}: `{}` ({} mention{}, first here) has a page only because discovery \
                     found it; add it to content/catalog.toml to describe it and list its aliases",
                    kind_name(c.kind),
                    c.name,
                    c.count,
                    if c.count == 1 { "" } else { "s" },
                ),
            )
        })
        .collect()
}

/// Names discovery considered and left out, one line each, for `-v`.
pub fn left_out(site: &Site) -> Vec<String> {
    site.candidates
        .iter()
        .filter(|c| !c.accepted && c.merged_into.is_none())
        .map(|c| {
            let at = c
                .locations
                .first()
                .map_or_else(String::new, |(f, l)| format!(" at {f}:{l}"));
            format!(
                "  {} `{}` ×{}{at}: {}",
                kind_name(c.kind),
                c.name,
                c.count,
                c.reason
            )
        })
        .collect()
}

fn kind_name(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Product => "product",
        EntityKind::Company => "company",
        EntityKind::Speaker => "speaker",
        EntityKind::Topic => "topic",
    }
}

/// Per external link: long enough for a slow server, short enough that a
/// site with a few hundred links checks in minutes.
const EXTERNAL_TIMEOUT: Duration = Duration::from_secs(10);

/// Build the site in memory, crawling each page as it is rendered.
fn build_and_crawl(
    opts: &BuildOptions,
    on_stage: &mut dyn FnMut(&'static str),
) -> anyhow::Result<(Site, Crawl)> {
    let model = Incremental::model_once(opts.clone(), on_stage)?;
    let (Some(site), Some(theme)) = (model.site(), model.theme()) else {
        anyhow::bail!("nothing built");
    };
    let crawl = Crawl::default();
    let sink = |o: &Output| {
        crawl.add(o);
        Ok(())
    };
    let rest = crate::render::render_links(site, theme, &sink)?;
    rest.par_iter().for_each(|o| crawl.add(o));
    crawl.add_path(crate::render::data::DATA_PATH);
    let warnings = crate::render::page_warnings(site, theme);
    let mut site = model.into_site().expect("built above");
    site.diagnostics.extend(warnings);
    Ok((site, crawl))
}

/// `recap check`: build in memory, check, print the list; exit code 1 when
/// there are errors.
pub fn run(opts: &BuildOptions, external: bool, printer: Printer) -> anyhow::Result<ExitCode> {
    let t = Instant::now();
    let bar = printer.progress("building", STAGES.len() as u64);
    let (site, crawl) = build_and_crawl(opts, &mut bar.observer())?;
    bar.finish();
    let mut report = check_crawl(&site, crawl);
    if external && !report.external.is_empty() {
        let urls: Vec<String> = report.external.keys().cloned().collect();
        printer.info(&format!("fetching {} external links…", urls.len()));
        match fetch_external(&urls, EXTERNAL_TIMEOUT) {
            Ok(fetched) => report
                .problems
                .extend(external_problems(&fetched, &report.external)),
            Err(e) => printer.warning(&format!("{e}; listing them instead")),
        }
    }
    report.problems.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then_with(|| a.file.cmp(&b.file))
            .then_with(|| a.line.cmp(&b.line))
            .then_with(|| a.message.cmp(&b.message))
    });
    report.problems.dedup();
    for d in &report.problems {
        printer.diagnostic(d);
    }
    let skipped = left_out(&site);
    if !skipped.is_empty() {
        printer.info(&format!(
            "{} other names were found in the prose and left out (-v lists them with the reason)",
            skipped.len()
        ));
        for line in &skipped {
            printer.detail(line);
        }
    }
    if !report.external.is_empty() && !external {
        printer.info(&format!(
            "{} external links not fetched (--external fetches them)",
            report.external.len()
        ));
        for (url, pages) in &report.external {
            printer.detail(&format!("  {url}  (on {} pages)", pages.len()));
        }
    }
    printer.info(&format!(
        "checked {} pages and {} links in {:.0} ms: {} errors, {} warnings",
        report.pages,
        report.links,
        t.elapsed().as_secs_f64() * 1000.0,
        report.errors(),
        report.warnings()
    ));
    Ok(if report.errors() > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> HashSet<&'static str> {
        [
            "index.html",
            "sessions/a/index.html",
            "static/style.css",
            "feed.xml",
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn resolves_links_like_a_browser() {
        let p = paths();
        let r = |page, url| resolve(page, url, &p);
        assert_eq!(
            r("index.html", "/sessions/a/"),
            Target::Page("sessions/a/index.html".into(), None)
        );
        assert_eq!(
            r("index.html", "/sessions/a"),
            Target::Page("sessions/a/index.html".into(), None)
        );
        assert_eq!(
            r("sessions/a/index.html", "../../static/style.css"),
            Target::Page("static/style.css".into(), None)
        );
        assert_eq!(
            r("sessions/a/index.html", "#t-1m"),
            Target::Page("sessions/a/index.html".into(), Some("t-1m".into()))
        );
        assert_eq!(r("index.html", "/sessions/b/"), Target::Missing);
        assert_eq!(r("index.html", "/../../etc/passwd"), Target::Missing);
        assert_eq!(
            r("index.html", "https://x.org/"),
            Target::External("https://x.org/".into())
        );
        assert_eq!(r("index.html", "mailto:a@b.c"), Target::Skip);
        assert_eq!(
            r("index.html", "/?q=1"),
            Target::Page("index.html".into(), None)
        );
    }
}
