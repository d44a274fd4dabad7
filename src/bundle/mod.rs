//! `recap bundle`: the built site made to work with no server, opened from
//! `file://` as a folder or out of a `.zip`.
//!
//! A normal build links root-relative (`/sessions/x/`), which from `file://`
//! means the root of the disk. The bundle rewrites every internal URL of
//! every page to a path relative to that page, ending in `index.html` where
//! it names a folder (a file browser shows a folder listing otherwise):
//! `href`, `src`, `action`, `formaction`, `poster`, `srcset`, `<meta
//! http-equiv=refresh>`, and `url(…)`/`@import` in stylesheets, `<style>`
//! elements and `style` attributes. HTML is rewritten with a real HTML
//! tokenizer (lol_html), so markup inside comments, scripts and text is left
//! alone. Absolute URLs (canonical links, the feed's links) stay absolute.
//!
//! The search index is loaded with `<script>` tags and finds its shards
//! relative to itself (see `themes/default/static/search.js`), so search
//! works from `file://` once its script tags are relative.

mod archive;

pub use archive::{write_zip, write_zip_with, Open};

use crate::build::BuildOptions;
use crate::progress::{count, Printer};
use crate::render;
use crate::serve::incremental::{Incremental, STAGES};
use crate::write::{self, Output};
use anyhow::Context;
use lol_html::html_content::{ContentType, Element};
use lol_html::{element, text, RewriteStrSettings};
use rayon::prelude::*;
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::process::ExitCode;
use std::sync::{LazyLock, Mutex};
use std::time::Instant;

/// Attributes holding one URL.
const URL_ATTRIBUTES: [&str; 7] = [
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "data",
    "cite",
];

/// What the bundle did besides rewriting.
#[derive(Debug, Default)]
pub struct BundleReport {
    /// URLs rewritten, over all files.
    pub rewritten: usize,
    /// Things that will not work offline: `page: what`.
    pub warnings: Vec<String>,
}

/// Rewrite the outputs of a build for `file://`, in place. Files other
/// than HTML and CSS are left as they are.
pub fn bundle(outputs: &mut [Output]) -> anyhow::Result<BundleReport> {
    let known: Vec<String> = outputs.iter().map(|o| o.path.clone()).collect();
    let known: HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut report = BundleReport::default();
    for o in outputs.iter_mut() {
        if let Some(bytes) = rewritten(o, &known, &mut report)? {
            o.bytes = bytes;
        }
    }
    report.warnings.sort();
    report.warnings.dedup();
    Ok(report)
}

/// The bytes of one output rewritten for `file://`: HTML and CSS; `None`
/// for other files, which stay as they are. `known` are the site's output
/// paths; only its pages (`…/index.html`) decide anything (see
/// [`relative_url`]).
fn rewritten(
    o: &Output,
    known: &HashSet<&str>,
    report: &mut BundleReport,
) -> anyhow::Result<Option<Vec<u8>>> {
    if o.path.ends_with(".html") || o.path.ends_with(".htm") {
        let text =
            std::str::from_utf8(&o.bytes).with_context(|| format!("{} is not UTF-8", o.path))?;
        let html = rewrite_html(&o.path, text, known, report)
            .with_context(|| format!("cannot rewrite {}", o.path))?;
        return Ok(Some(html.into_bytes()));
    }
    if o.path.ends_with(".css") {
        if let Ok(text) = std::str::from_utf8(&o.bytes) {
            let (css, n) = rewrite_css(&o.path, text, known);
            report.rewritten += n;
            return Ok(Some(css.into_bytes()));
        }
    }
    Ok(None)
}

/// Rewrite one HTML page at output path `page`.
pub fn rewrite_html(
    page: &str,
    html: &str,
    known: &HashSet<&str>,
    report: &mut BundleReport,
) -> anyhow::Result<String> {
    let count = RefCell::new(0usize);
    let warnings = RefCell::new(Vec::<String>::new());
    let style_text = RefCell::new(String::new());
    let fix = |v: &str| relative_url(page, v, known);
    let on_element = |el: &mut Element| -> lol_html::HandlerResult {
        for attr in URL_ATTRIBUTES {
            if let Some(v) = el.get_attribute(attr) {
                if let Some(new) = fix(&v) {
                    el.set_attribute(attr, &new)?;
                    *count.borrow_mut() += 1;
                } else if loads_from_network(el, attr, &v) {
                    warnings
                        .borrow_mut()
                        .push(format!("{page}: loads {v} from the network"));
                }
            }
        }
        if let Some(v) = el.get_attribute("srcset") {
            let (new, n) = rewrite_srcset(&v, &fix);
            if n > 0 {
                el.set_attribute("srcset", &new)?;
                *count.borrow_mut() += n;
            }
        }
        if let Some(v) = el.get_attribute("style") {
            let (new, n) = rewrite_css(page, &v, known);
            if n > 0 {
                el.set_attribute("style", &new)?;
                *count.borrow_mut() += n;
            }
        }
        Ok(())
    };
    let out = lol_html::rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("*", on_element))
            // `<base href="/">` would turn every relative link back into a
            // root-relative one.
            .append_element_content_handler(element!("base[href]", |el| {
                if el.get_attribute("href").is_some_and(|h| h.starts_with('/')) {
                    el.remove();
                }
                Ok(())
            }))
            .append_element_content_handler(element!("meta[http-equiv]", |el| {
                let refresh = el
                    .get_attribute("http-equiv")
                    .is_some_and(|v| v.eq_ignore_ascii_case("refresh"));
                if let (true, Some(c)) = (refresh, el.get_attribute("content")) {
                    if let Some((delay, url)) = split_refresh(&c) {
                        if let Some(new) = fix(url) {
                            el.set_attribute("content", &format!("{delay}; url={new}"))?;
                            *count.borrow_mut() += 1;
                        }
                    }
                }
                Ok(())
            }))
            .append_element_content_handler(text!("style", |chunk| {
                style_text.borrow_mut().push_str(chunk.as_str());
                if chunk.last_in_text_node() {
                    let css = std::mem::take(&mut *style_text.borrow_mut());
                    let (new, n) = rewrite_css(page, &css, known);
                    *count.borrow_mut() += n;
                    chunk.replace(&new, ContentType::Html);
                } else {
                    chunk.remove();
                }
                Ok(())
            })),
    )?;
    report.rewritten += count.into_inner();
    report.warnings.extend(warnings.into_inner());
    Ok(out)
}

/// Scripts, stylesheets, images and frames fetched from another host:
/// they will not load offline.
fn loads_from_network(el: &Element, attr: &str, value: &str) -> bool {
    let remote =
        value.starts_with("http://") || value.starts_with("https://") || value.starts_with("//");
    if !remote {
        return false;
    }
    let tag = el.tag_name();
    match attr {
        "src" => true,
        "href" => {
            tag == "link"
                && el.get_attribute("rel").is_some_and(|r| {
                    r.split_ascii_whitespace().any(|r| {
                        matches!(
                            r.to_ascii_lowercase().as_str(),
                            "stylesheet" | "icon" | "preload" | "modulepreload"
                        )
                    })
                })
        }
        _ => false,
    }
}

/// `0; url=/x/` → (`0`, `/x/`).
fn split_refresh(content: &str) -> Option<(&str, &str)> {
    let (delay, rest) = content.split_once([';', ','])?;
    let rest = rest.trim_start();
    let url = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("url="))
        .map(|_| &rest[4..])?;
    Some((delay.trim(), url.trim().trim_matches(['\'', '"'])))
}

/// Rewrite each URL of a `srcset` (`a.png 1x, /b.png 2x`).
fn rewrite_srcset(value: &str, fix: &dyn Fn(&str) -> Option<String>) -> (String, usize) {
    let mut n = 0;
    let parts: Vec<String> = value
        .split(',')
        .map(|candidate| {
            let trimmed = candidate.trim();
            let (url, descriptor) = trimmed
                .split_once(char::is_whitespace)
                .unwrap_or((trimmed, ""));
            match fix(url) {
                Some(new) => {
                    n += 1;
                    if descriptor.is_empty() {
                        new
                    } else {
                        format!("{new} {}", descriptor.trim())
                    }
                }
                None => trimmed.to_string(),
            }
        })
        .collect();
    (parts.join(", "), n)
}

/// Rewrite `url(…)` and `@import "…"` in CSS found at output path `from`.
pub fn rewrite_css(from: &str, css: &str, known: &HashSet<&str>) -> (String, usize) {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(url\(\s*)(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))(\s*\))|(@import\s+)(?:"([^"]*)"|'([^']*)')"#)
            .expect("valid regex")
    });
    let mut n = 0;
    let out = URL.replace_all(css, |c: &regex::Captures| {
        let whole = c[0].to_string();
        let (value, quote) = if let Some(v) = c.get(2).or(c.get(7)) {
            (v.as_str(), "\"")
        } else if let Some(v) = c.get(3).or(c.get(8)) {
            (v.as_str(), "'")
        } else {
            (c.get(4).map_or("", |v| v.as_str()), "")
        };
        let Some(new) = relative_url(from, value, known) else {
            return whole;
        };
        n += 1;
        if let Some(prefix) = c.get(6) {
            format!("{}{quote}{new}{quote}", prefix.as_str())
        } else {
            format!("{}{quote}{new}{quote}{}", &c[1], &c[5])
        }
    });
    (out.into_owned(), n)
}

/// The URL `url`, written on the page at output path `from`, as a path
/// relative to that page; `None` when it is not root-relative (absolute,
/// protocol-relative, already relative, a fragment, `mailto:`…).
///
/// Folders get `index.html`: `/products/` → `../products/index.html`, and
/// `/about` → `../about/index.html` when only `about/index.html` exists.
/// Query and fragment are kept.
pub fn relative_url(from: &str, url: &str, known: &HashSet<&str>) -> Option<String> {
    if !url.starts_with('/') || url.starts_with("//") {
        return None;
    }
    let cut = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(cut);
    let rel = path.trim_start_matches('/');
    let decoded = percent_encoding::percent_decode_str(rel).decode_utf8_lossy();
    let target = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else if !known.contains(decoded.as_ref())
        && known.contains(format!("{decoded}/index.html").as_str())
    {
        format!("{rel}/index.html")
    } else {
        rel.to_string()
    };
    Some(format!("{}{rest}", relative_path(from, &target)))
}

/// The path from the folder of output `from` to output `to`, both
/// `/`-separated and relative to the site root.
pub fn relative_path(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let (to_dir, to_file) = to_parts.split_at(to_parts.len() - 1);
    let common = from_dir
        .iter()
        .zip(to_dir)
        .take_while(|(a, b)| a == b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from_dir.len() - common];
    parts.extend(&to_dir[common..]);
    parts.extend(to_file);
    parts.join("/")
}

/// `recap bundle`: build, rewrite, write the folder (atomically, refusing
/// the same folders `recap build` refuses) and, with `zip`, the archive.
///
/// Pages are rewritten and written as they are rendered, as `recap build`
/// writes them: a 10,000-session site, held whole and then rewritten,
/// took 3.9 GB. Rewriting needs the site's pages before the first one is
/// made ([`render::page_paths`]); should the render make other pages than
/// those, the bundle is made again from the whole site in memory.
pub fn run(
    opts: &BuildOptions,
    out: &Path,
    zip: Option<&Path>,
    printer: Printer,
) -> anyhow::Result<ExitCode> {
    let t = Instant::now();
    let config = opts.site_config()?;
    let at = |p: &Path| opts.at(p);
    let out = at(out);
    opts.check_output(&config, &out)?;
    if let Some(z) = zip {
        if at(z).is_dir() {
            anyhow::bail!(
                "`{}` is a folder; --zip needs a file name such as site.zip",
                z.display()
            );
        }
    }
    let bar = printer.progress("building", STAGES.len() as u64);
    let model = Incremental::model_once(opts.clone(), &mut bar.observer())?;
    let (Some(site), Some(theme)) = (model.site(), model.theme()) else {
        anyhow::bail!("nothing built");
    };
    let expected = render::page_paths(site, theme)?;
    let streamed = write_streamed(site, theme, &out, &expected)?;
    let (paths, report) = match streamed {
        Some(done) => done,
        None => write_whole(site, theme, &out)?,
    };
    bar.finish();
    printer.diagnostics(&model.diagnostics());
    for w in &report.warnings {
        printer.warning(&format!("{w}; it will not load offline"));
    }
    printer.info(&format!(
        "bundled {} into {} ({}, {} made relative) in {:.0} ms; open {}",
        count(site.sessions.len(), "session"),
        out.display(),
        count(paths.len(), "file"),
        count(report.rewritten, "link"),
        t.elapsed().as_secs_f64() * 1000.0,
        out.join("index.html").display()
    ));
    if let Some(z) = zip {
        let z = at(z);
        let open = |p: &str| {
            let file = out.join(p);
            let f = std::fs::File::open(&file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            Ok(Box::new(f) as Box<dyn Read>)
        };
        let size = write_zip_with(&z, &paths, &open)?;
        printer.info(&format!(
            "wrote {} ({:.1} KB)",
            z.display(),
            size as f64 / 1024.0
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Render the whole site in memory, rewrite it and write it into `out`:
/// what [`write_streamed`] gives, at the cost of holding every page.
fn write_whole(
    site: &crate::enrich::Site,
    theme: &render::Theme,
    out: &Path,
) -> anyhow::Result<(Vec<String>, BundleReport)> {
    let mut files = render::render(site, theme).context("rendering failed")?;
    let report = bundle(&mut files)?;
    write::write_site(out, &files)?;
    let mut paths: Vec<String> = files.into_iter().map(|o| o.path).collect();
    paths.sort();
    Ok((paths, report))
}

/// Render the bundle into `out`, each page rewritten and written as it is
/// made; the paths written and what rewriting did. `None`, with nothing
/// replaced, when the render made other pages than `expected`.
fn write_streamed(
    site: &crate::enrich::Site,
    theme: &render::Theme,
    out: &Path,
    expected: &[String],
) -> anyhow::Result<Option<(Vec<String>, BundleReport)>> {
    let known: HashSet<&str> = expected.iter().map(String::as_str).collect();
    let staging = write::Staging::begin(out)?;
    let report = Mutex::new(BundleReport::default());
    let paths = Mutex::new(Vec::new());
    let put = |o: &Output| -> anyhow::Result<()> {
        let mut own = BundleReport::default();
        match rewritten(o, &known, &mut own)? {
            Some(bytes) => staging.write(&Output::new(o.path.clone(), bytes))?,
            None => staging.write(o)?,
        }
        let mut report = report.lock().expect("never held by a panic");
        report.rewritten += own.rewritten;
        report.warnings.append(&mut own.warnings);
        paths
            .lock()
            .expect("never held by a panic")
            .push(o.path.clone());
        Ok(())
    };
    let (rest, exported) = rayon::join(
        || render::render_streaming(site, theme, Some(&put)),
        || crate::build::export(site, &staging),
    );
    let rest = rest.context("rendering failed")?;
    exported?;
    rest.par_iter().try_for_each(put)?;
    let mut paths = paths.into_inner().expect("never held by a panic");
    paths.push(render::data::DATA_PATH.to_string());
    let pages = |all: &[String]| -> HashSet<String> {
        all.iter()
            .filter(|p| p.ends_with("index.html"))
            .cloned()
            .collect()
    };
    if pages(&paths) != pages(expected) {
        return Ok(None);
    }
    staging.commit()?;
    paths.sort();
    let mut report = report.into_inner().expect("never held by a panic");
    report.warnings.sort();
    report.warnings.dedup();
    Ok(Some((paths, report)))
}

#[cfg(test)]
mod tests;
