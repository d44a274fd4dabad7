//! Stage 4: [`Site`] + [`Theme`] → outputs. The renderer boundary: nothing
//! past this point knows how recaps were written.
//!
//! Every page is one tera template rendered with a small context built for
//! it (see `themes/default/README.md` for the variables each template gets):
//! the [`Common`] variables every page shares, plus the page's own. Pages
//! render in parallel; the outputs are sorted by path, so the result does
//! not depend on the number of threads.

pub mod assets;
pub mod clock;
mod common;
pub mod data;
pub mod entities;
pub mod entities_data;
mod entity_index;
pub mod feeds;
pub mod glance;
pub mod highlight;
pub mod home;
pub mod markdown;
pub mod meta;
pub mod pages;
pub mod search;
pub mod session;
pub mod source_links;
pub mod strings;
pub mod text;
mod theme;
pub mod timeline;

pub use common::{Common, Features};
pub use theme::Theme;

use crate::enrich::Site;
use crate::write::Output;
use anyhow::{bail, Context as _};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;

/// The output file of a root-relative URL: `/` → `index.html`,
/// `/sessions/x/` → `sessions/x/index.html`, `/404.html` → `404.html`.
pub fn output_path(url: &str) -> String {
    let rel = url.trim_start_matches('/');
    if rel.is_empty() {
        "index.html".to_string()
    } else if rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    }
}

/// Render `template` for the page at `url`.
pub fn render_page<S: Serialize>(
    theme: &Theme,
    common: &Common,
    template: &str,
    url: &str,
    vars: &S,
) -> anyhow::Result<Output> {
    let html = common
        .render_in(url, vars, |ctx| theme.render(template, ctx))
        .with_context(|| format!("cannot render {url} with `{template}`"))?;
    Ok(Output::new(output_path(url), html))
}

/// No page variables.
#[derive(Serialize)]
struct Nothing {}

/// Every file of the site, `data/site.json` included, sorted by path.
pub fn render(site: &Site, theme: &Theme) -> anyhow::Result<Vec<Output>> {
    let mut outputs = render_pages(site, theme)?;
    let json = Output::new(data::DATA_PATH, data::site_json(site)?);
    let at = outputs.partition_point(|o| o.path < json.path);
    outputs.insert(at, json);
    Ok(outputs)
}

/// Where a build sends finished pages it need not keep in memory.
pub type Sink<'a> = &'a (dyn Fn(&Output) -> anyhow::Result<()> + Sync);

/// What is done to each page as it is rendered (see [`entities::outputs`]).
pub type Finish<'a> = &'a (dyn Fn(&mut Output) -> anyhow::Result<()> + Sync);

/// Every file of the site except `data/site.json` (which a build streams
/// to disk with [`data::write_site_json`]), sorted by path.
pub fn render_pages(site: &Site, theme: &Theme) -> anyhow::Result<Vec<Output>> {
    render_streaming(site, theme, None)
}

/// What the full render does with session pages.
#[derive(Clone, Copy)]
enum SessionPages<'a> {
    /// Render them and keep them in the result.
    Keep,
    /// Render each (and then each entity page), finish it (head
    /// metadata) and hand it to the sink. With [`Images::Paths`], images
    /// and their copies go to it by path, with no bytes.
    Sink(Sink<'a>, Images),
}

/// Whether a streaming render reads the images it hands over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Images {
    /// Read them, and make the copies of photos: what a build writes.
    Read,
    /// Their paths are enough: what a link check crawls. A site with
    /// hundreds of photos would otherwise have each scaled to be checked.
    Paths,
}

/// [`render_pages`], except that with a `sink` each session page (and
/// then each entity page) is finished (head metadata added) and handed to
/// it as soon as it is rendered, and left out of the result: on a big site
/// these pages are most of the bytes, and holding them all would take
/// gigabytes.
pub fn render_streaming(
    site: &Site,
    theme: &Theme,
    sink: Option<Sink>,
) -> anyhow::Result<Vec<Output>> {
    render_with(
        site,
        theme,
        sink.map_or(SessionPages::Keep, |sink| {
            SessionPages::Sink(sink, Images::Read)
        }),
    )
}

/// [`render_streaming`] for a link check: images and the copies of photos
/// are handed to the sink by path, neither read nor made.
pub fn render_links(site: &Site, theme: &Theme, sink: Sink) -> anyhow::Result<Vec<Output>> {
    render_with(site, theme, SessionPages::Sink(sink, Images::Paths))
}

/// The whole-site files ([`is_site_wide`]) but `data/site.json`: search
/// page and index, feed, sitemap, robots.txt, as [`render`] makes them,
/// but without rendering any other page: their paths are enough. What
/// `recap serve` makes, once per model, when one of them is asked for;
/// rendering every entity page as well took 18 s on a 10,000-session site.
pub fn render_site_wide(site: &Site, theme: &Theme) -> anyhow::Result<Vec<Output>> {
    let features = Features::detect(site, theme);
    let common = Common::new(site, theme, features)?;
    let entity_urls = entities::urls(site, theme);
    let entity_paths = paths_of(&entity_urls);
    let mut pages: Vec<Output> = listed_urls(site, entity_urls)
        .map(|url| Output::new(output_path(&url), Vec::new()))
        .collect();
    let mut out = Vec::new();
    if let Some(found) = search::outputs(site, theme, &common, &entity_paths, None)? {
        let mut page = found.page;
        meta::add_page_meta(site, &mut page);
        pages.push(Output::new(page.path.clone(), Vec::new()));
        out.push(page);
        out.extend(found.index);
    }
    out.extend(feeds::outputs(site, &pages)?);
    Ok(out)
}

/// The output path of every page the full render makes (home pages, the
/// 404 page, session pages, Markdown pages, entity pages and their lists,
/// the search page) and of the theme's static files, without rendering
/// them. `recap bundle` needs the site's paths to rewrite the first page.
pub fn page_paths(site: &Site, theme: &Theme) -> anyhow::Result<Vec<String>> {
    let mut urls: Vec<String> = listed_urls(site, entities::urls(site, theme)).collect();
    urls.push("/404.html".to_string());
    if theme.has_template("search.html") {
        urls.push("/search/".to_string());
    }
    let mut paths: Vec<String> = urls.iter().map(|u| output_path(u)).collect();
    paths.extend(
        assets::assets(theme.static_dir())?
            .into_iter()
            .map(|o| o.path),
    );
    let images = crate::media::files(site);
    paths.extend(crate::media::copy_paths(&images));
    paths.extend(images.into_keys());
    Ok(paths)
}

/// The URLs of the home pages, session pages and Markdown pages, then
/// `entity_urls` (entity pages and their lists).
fn listed_urls(site: &Site, entity_urls: Vec<String>) -> impl Iterator<Item = String> + '_ {
    home::home_urls(site)
        .into_iter()
        .chain(site.sessions.iter().map(|s| session::session_url(s)))
        .chain(site.pages.iter().map(pages::page_url))
        .chain(entity_urls)
}

/// The output files of `urls`.
fn paths_of(urls: &[String]) -> HashSet<String> {
    urls.iter().map(|u| output_path(u)).collect()
}

fn render_with(site: &Site, theme: &Theme, sessions: SessionPages) -> anyhow::Result<Vec<Output>> {
    let features = Features::detect(site, theme);
    let common = Common::new(site, theme, features)?;
    let sink = match sessions {
        SessionPages::Sink(sink, _) => Some(sink),
        SessionPages::Keep => None,
    };
    // Entity pages are the next biggest part: with a sink, each is
    // finished and handed over as soon as it is rendered.
    let finish = |o: &mut Output| match sink {
        Some(sink) => {
            meta::add_page_meta(site, o);
            hand_over(sink, o)
        }
        None => Ok(()),
    };
    // The search index needs only to know which entities have a page, so
    // it is made while the pages render rather than after them: on a
    // small site it was the longest step left on one thread.
    let entity_paths = paths_of(&entities::urls(site, theme));
    let ((own, entity_pages), found) = rayon::join(
        || {
            rayon::join(
                || own_pages(site, theme, &common, sessions),
                || entities::outputs(site, theme, &common, &finish),
            )
        },
        || search::outputs(site, theme, &common, &entity_paths, sink),
    );
    let (mut outputs, streamed) = own?;
    let entity_pages = entity_pages?;
    // Pages streamed to the sink: here for their paths only.
    let mut placeholders: HashSet<String> = HashSet::new();
    if sink.is_some() {
        placeholders.extend(streamed);
        placeholders.extend(entity_pages.iter().map(|o| o.path.clone()));
    }
    outputs.extend(entity_pages);
    if let Some(found) = found? {
        if sink.is_some() {
            placeholders.extend(found.index.iter().map(|o| o.path.clone()));
        }
        outputs.push(found.page);
        outputs.extend(found.index);
    }
    meta::add_head_meta(site, &mut outputs);
    // Last: the sitemap lists every page rendered above.
    let crawl = feeds::outputs(site, &outputs)?;
    outputs.extend(crawl);

    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    if let Some(w) = outputs.windows(2).find(|w| w[0].path == w[1].path) {
        let culprit = site
            .pages
            .iter()
            .find(|p| output_path(&pages::page_url(p)) == w[0].path)
            .map_or_else(String::new, |p| format!("{}: ", p.source));
        bail!(
            "{culprit}two pages would be written to `{}`; rename the content page or set its `slug`",
            w[0].path
        );
    }
    outputs.retain(|o| !placeholders.contains(&o.path));
    Ok(outputs)
}

/// The home page, the 404 page, session pages, Markdown pages, static
/// files and the images recaps and pages show, in one parallel pass, with
/// the paths of the session pages and images (which a sink has taken:
/// their outputs are left empty).
fn own_pages(
    site: &Site,
    theme: &Theme,
    common: &Common,
    sessions: SessionPages,
) -> anyhow::Result<(Vec<Output>, Vec<String>)> {
    enum Job {
        /// Home page `n`, from 1.
        Home(usize),
        NotFound,
        Session(usize),
        Markdown(usize),
        Assets,
        /// An image file recaps or pages show, by its place in `images`.
        Image(usize),
    }
    // Read one at a time and, with a sink, handed over as they are read:
    // a big site's photos of slides do not fit in memory together.
    let images: Vec<(String, std::path::PathBuf)> = crate::media::files(site).into_iter().collect();
    let jobs: Vec<Job> = (1..=home::page_count(site))
        .map(Job::Home)
        .chain([Job::NotFound])
        .chain((0..site.sessions.len()).map(Job::Session))
        .chain((0..site.pages.len()).map(Job::Markdown))
        .chain([Job::Assets])
        .chain((0..images.len()).map(Job::Image))
        .collect();
    let stats = home::stats(site, theme.strings());
    let made: Vec<Vec<Output>> = jobs
        .par_iter()
        .map(|job| match *job {
            Job::Home(n) => home_page(site, theme, common, &stats, n).map(|o| vec![o]),
            Job::NotFound => not_found_page(theme, common).map(|o| vec![o]),
            Job::Session(i) => match sessions {
                SessionPages::Keep => session_page(site, theme, common, i).map(|o| vec![o]),
                SessionPages::Sink(sink, _) => {
                    let mut out = finished_session_page(site, theme, common, i)?;
                    hand_over(sink, &mut out)?;
                    Ok(vec![out])
                }
            },
            Job::Markdown(i) => {
                markdown_output(site, theme, common, &site.pages[i]).map(|o| vec![o])
            }
            Job::Assets => assets::assets(theme.static_dir()),
            Job::Image(k) => {
                let (path, file) = &images[k];
                let mut out = match sessions {
                    SessionPages::Sink(_, Images::Paths) => crate::media::unread(path, file),
                    _ => crate::media::read(path, file, &crate::media::previous_sites(site))?,
                };
                if let SessionPages::Sink(sink, _) = sessions {
                    for o in &mut out {
                        hand_over(sink, o)?;
                    }
                }
                Ok(out)
            }
        })
        .collect::<anyhow::Result<_>>()?;
    let streamed = match sessions {
        SessionPages::Keep => Vec::new(),
        SessionPages::Sink(..) => jobs
            .iter()
            .zip(&made)
            .filter(|(job, _)| matches!(job, Job::Session(_) | Job::Image(_)))
            .flat_map(|(_, out)| out.iter().map(|o| o.path.clone()))
            .collect(),
    };
    Ok((made.into_iter().flatten().collect(), streamed))
}

/// Give a finished page to the sink. Its path stays, for the sitemap,
/// search and the duplicate check; `add_head_meta` skips empty pages.
fn hand_over(sink: Sink, out: &mut Output) -> anyhow::Result<()> {
    sink(out)?;
    out.bytes = Vec::new();
    Ok(())
}

/// Session page `i` with its head metadata, as it is written.
fn finished_session_page(
    site: &Site,
    theme: &Theme,
    common: &Common,
    i: usize,
) -> anyhow::Result<Output> {
    let mut out = session_page(site, theme, common, i)?;
    meta::add_session_meta(site, i, &mut out);
    Ok(out)
}

fn home_page(
    site: &Site,
    theme: &Theme,
    common: &Common,
    stats: &home::Stats,
    number: usize,
) -> anyhow::Result<Output> {
    let vars = home::home(site, theme.strings(), stats, number);
    render_page(theme, common, "index.html", &home::home_url(number), &vars)
}

fn not_found_page(theme: &Theme, common: &Common) -> anyhow::Result<Output> {
    render_page(theme, common, "404.html", "/404.html", &Nothing {})
}

fn session_page(site: &Site, theme: &Theme, common: &Common, i: usize) -> anyhow::Result<Output> {
    let page = session::page(site, i, theme.strings(), theme.session_loops_sections());
    let url = page.session.url.clone();
    render_page(theme, common, "session.html", &url, &page)
}

fn markdown_output(
    site: &Site,
    theme: &Theme,
    common: &Common,
    p: &crate::model::Page,
) -> anyhow::Result<Output> {
    let template = page_template(theme, p);
    let made = |dest: &str| match common
        .source_links
        .get_or_init(|| source_links::SourceLinks::new(site))
        .target(&p.source, dest)
    {
        source_links::Target::Made(url) => Some(url),
        _ => None,
    };
    let link =
        |dest: &str| made(dest).or_else(|| Some(crate::media::page_image(site, p, dest)?.src));
    let image = |dest: &str| match made(dest) {
        Some(src) => Some(markdown::ImageTarget {
            src,
            size: None,
            srcset: None,
        }),
        None => crate::media::page_image(site, p, dest).map(|i| {
            let size = i.size();
            markdown::ImageTarget {
                srcset: size.and_then(|(w, _)| i.srcset(w)),
                size,
                src: i.src,
            }
        }),
    };
    let targets = markdown::Targets {
        link: &link,
        image: &image,
    };
    let vars = pages::markdown_page(
        p,
        theme.strings(),
        highlight::Highlighter::default(),
        &targets,
    );
    render_page(theme, common, template, &vars.page.url.clone(), &vars)
        .with_context(|| format!("in {}", p.source))
}

/// The template a Markdown page renders with: its own when the theme has
/// it, else `page.html` (see [`page_warnings`]).
fn page_template<'p>(theme: &Theme, p: &'p crate::model::Page) -> &'p str {
    p.template
        .as_deref()
        .filter(|t| theme.has_template(t))
        .unwrap_or("page.html")
}

/// A warning for each Markdown page whose front matter names a template
/// that neither the theme nor the site's `templates/` has (it renders
/// with `page.html` instead, and the rest of the site is unaffected), for
/// each link to a `.md` file no page is made from, and for each image a
/// recap shows that cannot be shown ([`crate::media`]).
pub fn page_warnings(site: &Site, theme: &Theme) -> Vec<crate::diagnostics::Diagnostic> {
    let mut out: Vec<_> = site
        .pages
        .iter()
        .filter_map(|p| {
            let wanted = p.template.as_deref()?;
            (!theme.has_template(wanted)).then(|| {
                crate::diagnostics::Diagnostic::warning(
                    &p.source,
                    None,
                    format!(
                        "template `{wanted}` is not in the theme or the site's templates/; \
                         the page uses page.html"
                    ),
                )
            })
        })
        .collect();
    out.extend(source_links::missing_page_warnings(site));
    out.extend(crate::media::warnings(site));
    out
}

/// Files made from the whole site at once (the search index and page, the
/// feed, the sitemap, robots.txt, the data export) and the theme's static
/// files: [`render_url`] does not make these; [`render_site_wide`]
/// and [`assets::assets`] do.
pub fn is_site_wide(path: &str) -> bool {
    matches!(
        path,
        "feed.xml" | "sitemap.xml" | "robots.txt" | data::DATA_PATH
    ) || path
        .strip_prefix(crate::search::index::DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The one page whose output path is `path` (`sessions/x/index.html`),
/// rendered and finished exactly as the full [`render`] makes it, or
/// `None` when no page of the site has that path. Site-wide files
/// ([`is_site_wide`]) and static files are not pages. For `recap serve`,
/// which renders only what a browser asks for.
pub fn render_path(site: &Site, theme: &Theme, path: &str) -> Option<anyhow::Result<Output>> {
    if is_site_wide(path) {
        return None;
    }
    // `recap serve` asks `media::output_at` itself, keeping the copies of
    // photos from one rebuild to the next.
    if let Some(image) = crate::media::output_at(site, path, &crate::media::MadeCopies::default()) {
        return Some(image);
    }
    let common = match Common::new(site, theme, Features::detect(site, theme)) {
        Ok(c) => c,
        Err(e) => return Some(Err(e)),
    };
    let rendered = if let Some(n) = home::number_of_path(site, path) {
        home_page(site, theme, &common, &home::stats(site, theme.strings()), n)
    } else if path == "404.html" {
        not_found_page(theme, &common)
    } else if let Some(i) = site
        .sessions
        .iter()
        .position(|s| output_path(&session::session_url(s)) == path)
    {
        return Some(finished_session_page(site, theme, &common, i));
    } else if let Some(p) = site
        .pages
        .iter()
        .find(|p| output_path(&pages::page_url(p)) == path)
    {
        markdown_output(site, theme, &common, p)
    } else {
        entities::output_at(site, theme, &common, path)?
    };
    Some(rendered.map(|mut out| {
        meta::add_page_meta(site, &mut out);
        out
    }))
}

#[cfg(test)]
mod tests;
