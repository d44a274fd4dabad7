//! Images in recaps and pages: `![架构图](slides/arch.png)`.
//!
//! Note-takers paste photos of slides beside their recaps, and site owners
//! put pictures beside their pages. An image whose file lies in the seeds
//! folder is copied to `/media/recaps/<its path there>` (one in the content
//! folder to `/media/pages/…`) and shown where it was written; a web image
//! (`https://…`) is shown from where it is. Anything else stays the text it was, with a warning that
//! names the recap and line: a missing file, a file outside the seeds
//! folder (never copied: the site would publish whatever it points at), a
//! file that is not an image (by its bytes, whatever its name), and SVG (it
//! can carry scripts, which run when a reader opens the file itself). An
//! image file that is damaged is shown, with a warning ([`damage`]).

use crate::diagnostics::Diagnostic;
use crate::enrich::Site;
use crate::model::{Page, Session};
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The output folder images are copied into.
pub const DIR: &str = "media";

/// Where the images of each kind of source go, by the folder they are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The seeds folder: `media/recaps/…`.
    Recaps,
    /// The content folder: `media/pages/…`.
    Pages,
}

impl Origin {
    fn folder(self) -> &'static str {
        match self {
            Origin::Recaps => "recaps",
            Origin::Pages => "pages",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Origin::Recaps => "seeds",
            Origin::Pages => "content",
        }
    }
}

/// File types copied and shown, by extension (any case).
pub const EXTENSIONS: [&str; 7] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp"];

/// Whether `path`, an output path, is in the folder images are copied to.
pub fn is_media_path(path: &str) -> bool {
    path.strip_prefix(DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// The longest alt text and target looked for, in bytes: a `![` with no
/// `](` in reach is text.
const MOST_ALT: usize = 1024;
const MOST_TARGET: usize = 2048;

/// `![alt](target)` or `![alt](target "title")` as written in `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'t> {
    /// From `!` to `)`.
    pub whole: Range<usize>,
    pub alt: &'t str,
    pub target: &'t str,
}

impl ImageRef<'_> {
    /// Where the image is written and where its alt text is.
    pub fn alt_part(&self) -> crate::shown::Part {
        let alt = self.whole.start + 2..self.whole.start + 2 + self.alt.len();
        (self.whole.clone(), alt)
    }
}

/// Whether `text` has a `![`: a byte search first, as most text has no
/// `!` at all (searching for the pair builds a searcher each time).
pub fn may_have_image(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'!', b).any(|i| b.get(i + 1) == Some(&b'['))
}

/// Every Markdown image in `text`, left to right, on one line each.
pub fn find(text: &str) -> Vec<ImageRef<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = crate::bytescan::find_pair(&text.as_bytes()[from..], *b"![") {
        let at = from + p;
        match image_at(text, at) {
            Some(r) => {
                from = r.whole.end;
                out.push(r);
            }
            None => from = at + 2,
        }
    }
    out
}

/// The image that starts at `at` (a `![`), if the rest of it follows.
fn image_at(text: &str, at: usize) -> Option<ImageRef<'_>> {
    let rest = &text[at + 2..];
    let close = rest
        .bytes()
        .take(MOST_ALT)
        .position(|b| matches!(b, b']' | b'[' | b'\n'))?;
    if !rest[close..].starts_with("](") {
        return None;
    }
    let alt = &rest[..close];
    let after = &rest[close + 2..];
    let (target, used) = if let Some(inner) = after.strip_prefix('<') {
        let end = inner
            .bytes()
            .take(MOST_TARGET)
            .position(|b| matches!(b, b'>' | b'\n' | b'<'))?;
        (&inner[..end], end + 2)
    } else {
        let end = after
            .bytes()
            .take(MOST_TARGET)
            .position(|b| b.is_ascii_whitespace() || b == b')' || b == b'(')?;
        (&after[..end], end)
    };
    // An optional title, then `)`.
    let tail = after[used..].trim_start_matches([' ', '\t']);
    let tail = match tail.as_bytes().first() {
        Some(&q @ (b'"' | b'\'')) => {
            let end = tail[1..]
                .bytes()
                .take(MOST_ALT)
                .position(|b| b == q || b == b'\n')?;
            if tail.as_bytes()[1 + end] != q {
                return None;
            }
            tail[end + 2..].trim_start_matches([' ', '\t'])
        }
        _ => tail,
    };
    if !tail.starts_with(')') || target.is_empty() {
        return None;
    }
    let end = text.len() - tail.len() + 1;
    Some(ImageRef {
        whole: at..end,
        alt,
        target,
    })
}

/// `text` with each image written as its alt text, for search and
/// summaries: `见![架构图](a.png)` → `见架构图`.
pub fn with_alt_text(text: &str) -> std::borrow::Cow<'_, str> {
    crate::shown::shown_text(text, alt_parts(text))
}

/// Each image of `text` as a part that shows its alt text.
pub fn alt_parts(text: &str) -> Vec<crate::shown::Part> {
    if !may_have_image(text) {
        return Vec::new();
    }
    find(text).iter().map(ImageRef::alt_part).collect()
}

/// Where an image is shown from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A web address, shown as it is.
    Web(String),
    /// A file of the seeds or content folder, copied to `output`
    /// (`media/recaps/…`) and shown from `src` (`/media/recaps/…`,
    /// percent-encoded).
    File {
        output: String,
        src: String,
        file: PathBuf,
    },
}

impl From<Resolved> for Shown {
    fn from(r: Resolved) -> Shown {
        match r {
            Resolved::Web(src) => Shown { src, file: None },
            Resolved::File { src, file, .. } => Shown {
                src,
                file: Some(file),
            },
        }
    }
}

/// The folder recap paths are relative to (`--seeds` may name one file).
pub fn seeds_root(seeds: &Path) -> PathBuf {
    if seeds.is_file() {
        seeds.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        seeds.to_path_buf()
    }
}

/// Where the image `target`, written in the file `from` (a path in the
/// folder `root`, which holds the `origin`'s files), is shown from, or why
/// it is not shown.
pub fn resolve(target: &str, from: &str, root: &Path, origin: Origin) -> Result<Resolved, String> {
    let lower = target.to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return if crate::urls::is_web_url(&lower) {
            Ok(Resolved::Web(target.to_string()))
        } else {
            Err(format!("`{target}` is not a web address"))
        };
    }
    if target.starts_with('/') || lower.contains(':') {
        return Err(format!(
            "image `{target}` is neither a web address nor a file beside this one; \
             write a path relative to this file (`slides/1.png`) or `https://…`"
        ));
    }
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let ext = Path::new(path.as_ref())
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext == "svg" {
        return Err(format!(
            "image `{target}` is SVG, which can carry scripts: export it as PNG"
        ));
    }
    if !EXTENSIONS.contains(&ext.as_str()) {
        return Err(format!(
            "`{target}` is not an image recap copies ({})",
            EXTENSIONS.join(", ")
        ));
    }
    let folder = Path::new(from).parent().unwrap_or(Path::new(""));
    let wanted = root.join(folder).join(path.as_ref());
    let file = wanted.canonicalize().map_err(|_| {
        format!(
            "image `{target}` not found (looked for {})",
            wanted.display()
        )
    })?;
    let real_root = root.canonicalize().map_err(|e| {
        format!(
            "cannot read the {} folder {}: {e}",
            origin.name(),
            root.display()
        )
    })?;
    // A file in a folder linked into the root may show the images beside
    // it, wherever that folder really is; no other image out of the root.
    let beside_linked = || {
        let real_folder = root.join(folder).canonicalize().ok()?;
        Some(folder.join(file.strip_prefix(real_folder).ok()?))
    };
    let inside = match file.strip_prefix(&real_root) {
        Ok(inside) => inside.to_path_buf(),
        Err(_) => beside_linked().ok_or_else(|| {
            format!(
                "image `{target}` is outside the {} folder and is not copied (the site would publish it)",
                origin.name()
            )
        })?,
    };
    if !file.is_file() {
        return Err(format!("image `{target}` is not a file"));
    }
    if let Some(why) = damage::not_an_image(&file) {
        return Err(format!("image `{target}` {why}"));
    }
    let rel = inside
        .to_str()
        .map(|s| s.replace(std::path::MAIN_SEPARATOR, "/"))
        .filter(|s| crate::write::is_safe_relative(s) && !s.contains('\\'))
        .ok_or_else(|| format!("image `{target}`: its file name cannot be a web address"))?;
    let src = [DIR, origin.folder()]
        .into_iter()
        .chain(rel.split('/'))
        .map(|seg| percent_encoding::utf8_percent_encode(seg, SEGMENT).to_string())
        .fold(String::new(), |acc, seg| acc + "/" + &seg);
    Ok(Resolved::File {
        output: format!("{DIR}/{}/{rel}", origin.folder()),
        src,
        file,
    })
}

/// What a path segment of `src` escapes: what would end it or the URL,
/// spaces and controls (and, as always, every non-ASCII byte).
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'?')
    .add(b'<')
    .add(b'>')
    .add(b'`')
    .add(b'\'')
    .add(b'{')
    .add(b'}');

/// The images one session shows: each target as written, and how it is
/// shown (`None`: it cannot be, and stays text).
#[derive(Debug, Default)]
pub struct Images {
    shown: BTreeMap<String, Option<Shown>>,
}

/// Where an image is shown from, and the file it was copied from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub src: String,
    file: Option<PathBuf>,
}

impl Shown {
    /// Width and height in pixels, read from the file's header when it is
    /// asked for (only a page that shows the image needs it); unknown for
    /// a web image, and for a header that gives no sane size (a damaged
    /// file read 401064146 × 2460339984, which would have the page keep
    /// room for a picture a mile high).
    pub fn size(&self) -> Option<(usize, usize)> {
        size_of(self.file.as_ref()?)
    }

    /// The `srcset` listing the smaller copies of a photo `width` pixels
    /// wide ([`scaled`]), or `None` when it has none (a web image has
    /// none: recap never has its bytes).
    pub fn srcset(&self, width: usize) -> Option<String> {
        self.file.as_ref()?;
        scaled::srcset(&self.src, width)
    }
}

/// Width and height of the image `file` as it is shown (a photo stored on
/// its side is shown upright: [`orientation`]), from its header, when sane.
pub(crate) fn size_of(file: &Path) -> Option<(usize, usize)> {
    let stored = sane_size(imagesize::size(file).ok()?)?;
    Some(orientation::as_shown(stored, orientation::of_file(file)))
}

/// [`size_of`] the image `bytes`, already read.
pub fn size_in(bytes: &[u8]) -> Option<(usize, usize)> {
    let stored = sane_size(imagesize::blob_size(bytes).ok()?)?;
    Some(orientation::as_shown(stored, orientation::of_image(bytes)))
}

fn sane_size(d: imagesize::ImageSize) -> Option<(usize, usize)> {
    const MOST: usize = 50_000;
    let sane = |n: usize| (1..=MOST).contains(&n);
    (sane(d.width) && sane(d.height)).then_some((d.width, d.height))
}

impl Images {
    /// A session's images, resolved against the seeds folder of the site's
    /// config (none when it has none: unit tests).
    pub fn of(site: &Site, s: &Session) -> Images {
        let mut shown = BTreeMap::new();
        let Some(root) = recap_root(site, s) else {
            return Images { shown };
        };
        for (_, r, found) in recap_images(s, &root) {
            shown
                .entry(r.target.to_string())
                .or_insert_with(|| found.ok().map(Shown::from));
        }
        Images { shown }
    }

    /// Images shown from where the pairs say: `(target, src)`.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Images {
        Images {
            shown: pairs
                .iter()
                .map(|(t, s)| {
                    let shown = Shown {
                        src: s.to_string(),
                        file: None,
                    };
                    (t.to_string(), Some(shown))
                })
                .collect(),
        }
    }

    /// How the image written as `target` is shown.
    pub fn get(&self, target: &str) -> Option<&Shown> {
        self.shown.get(target)?.as_ref()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
}

/// An image a session shows, for the data export.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ShownImage {
    pub alt: String,
    pub src: String,
}

/// The images session `s` shows, each once, in the order they first
/// appear.
pub fn shown_in(site: &Site, s: &Session) -> Vec<ShownImage> {
    let Some(root) = recap_root(site, s) else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (_, r, found) in recap_images(s, &root) {
        if let Ok(found) = found {
            let src = Shown::from(found).src;
            if seen.insert(src.clone()) {
                out.push(ShownImage {
                    alt: r.alt.to_string(),
                    src,
                });
            }
        }
    }
    out
}

/// The folder session `s`'s images are looked for in: none when it holds
/// no `![` or the config names no seeds folder (unit tests).
fn recap_root(site: &Site, s: &Session) -> Option<PathBuf> {
    let seeds = site.config.seeds_dir.as_deref()?;
    s.may_show_images.then(|| seeds_root(seeds))
}

/// The session's text that is shown as prose, with the line each piece
/// starts on: the overview, timeline entries and their points, the parts
/// the parser has no slot for, the footer's note and the footnotes.
fn texts(s: &Session) -> impl Iterator<Item = (&str, usize)> {
    let overview = s.overview.iter().map(|p| (p.text.as_str(), p.line));
    let timeline = s.entries().flat_map(|e| {
        std::iter::once((e.text.as_str(), e.line))
            .chain(e.points.iter().map(|p| (p.text.as_str(), p.line)))
    });
    let extra = s.extra.iter().map(|p| (p.text.as_str(), p.line));
    let note = s.note.iter().map(|p| (p.text.as_str(), p.line));
    let footnotes = s.footnotes.iter().map(|n| (n.text.as_str(), n.line));
    overview
        .chain(timeline)
        .chain(extra)
        .chain(note)
        .chain(footnotes)
}

/// Every image file the site's recaps and pages show, by output path.
/// Empty for a config without the folders (unit tests).
pub fn files(site: &Site) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for (_, _, found) in found(site) {
        for (_, resolved) in found {
            if let Ok(Resolved::File { output, file, .. }) = resolved {
                files.insert(output, file);
            }
        }
    }
    files
}

/// A warning for each image that cannot be shown, and one for each image
/// file that is damaged ([`damage`]), at the first place that shows it.
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let mut checked = std::collections::HashSet::new();
    let mut damaged = Vec::new();
    for (source, outcome, found) in found(site) {
        for (line, resolved) in found {
            match resolved {
                Ok(Resolved::File { file, .. }) => {
                    if checked.insert(file.clone()) {
                        damaged.push((source, line, file));
                    }
                }
                Ok(Resolved::Web(_)) => {}
                Err(why) => warnings.push(Diagnostic::warning(
                    source,
                    Some(line),
                    format!("{why}; {outcome}"),
                )),
            }
        }
    }
    use rayon::prelude::*;
    let damaged: Vec<Diagnostic> = damaged
        .par_iter()
        .filter_map(|(source, line, file)| {
            let why = damage::damage(file)?;
            Some(Diagnostic::warning(
                source,
                Some(*line),
                format!("image file {} {why}", file.display()),
            ))
        })
        .collect();
    warnings.extend(damaged);
    warnings
}

/// Each file that may show images, what becomes of an image it cannot
/// show, and its images, each with its line and where it is shown from.
type Found<'s> = (
    &'s str,
    &'static str,
    Vec<(usize, Result<Resolved, String>)>,
);

/// The images of every recap and page, resolved.
fn found(site: &Site) -> Vec<Found<'_>> {
    use rayon::prelude::*;
    let mut found: Vec<Found> = Vec::new();
    if let Some(root) = site.config.seeds_dir.as_deref() {
        let root = seeds_root(root);
        let sessions = site.sessions.par_iter().filter(|s| s.may_show_images);
        found.par_extend(sessions.map(|s| {
            (
                s.source.as_str(),
                "it shows as text",
                recap_images(s, &root)
                    .into_iter()
                    .map(|(line, _, found)| (line, found))
                    .collect(),
            )
        }));
    }
    if let Some(root) = site.config.content_dir.as_deref() {
        found.extend(site.pages.iter().map(|p| {
            (
                p.source.as_str(),
                "the link is left as written",
                page_images(p, root),
            )
        }));
    }
    found
}

/// The images a recap shows, in order, each with its line and where it
/// is shown from (each target resolved once).
fn recap_images<'s>(
    s: &'s Session,
    root: &Path,
) -> Vec<(usize, ImageRef<'s>, Result<Resolved, String>)> {
    let mut out = Vec::new();
    let mut seen: std::collections::HashMap<&str, Result<Resolved, String>> = Default::default();
    for (text, line) in texts(s) {
        if !may_have_image(text) {
            continue;
        }
        for r in find(text) {
            let line = line + text[..r.whole.start].matches('\n').count();
            let resolved = seen
                .entry(r.target)
                .or_insert_with(|| resolve(r.target, &s.source, root, Origin::Recaps))
                .clone();
            out.push((line, r, resolved));
        }
    }
    out
}

/// The images a Markdown page shows, and the image files it links to,
/// each with its line. Site paths (`/static/logo.png`) are the theme's
/// and left alone.
fn page_images(p: &Page, root: &Path) -> Vec<(usize, Result<Resolved, String>)> {
    use pulldown_cmark::{Event, Parser, Tag};
    if !p.body.contains("](") && !p.body.contains("]:") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let parser = Parser::new_ext(&p.body, crate::render::markdown::options());
    for (event, range) in parser.into_offset_iter() {
        let (dest, image) = match event {
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, true),
            Event::Start(Tag::Link { dest_url, .. }) => (dest_url, false),
            _ => continue,
        };
        if dest.starts_with(['/', '#']) || !image && !is_image_file(&dest) {
            continue;
        }
        let line = p.body_line + p.body[..range.start].matches('\n').count();
        out.push((line, resolve(&dest, &p.source, root, Origin::Pages)));
    }
    out
}

/// Whether a relative link names an image file recap copies.
fn is_image_file(dest: &str) -> bool {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    !path.contains(':')
        && Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Where an image (or a link to an image file) written in page `p` is
/// shown from, when it is a file of the content folder: for the Markdown
/// renderer, which keeps every other target as written.
pub fn page_image(site: &Site, p: &Page, dest: &str) -> Option<Shown> {
    let root = site.config.content_dir.as_deref()?;
    if dest.starts_with(['/', '#']) || !is_image_file(dest) {
        return None;
    }
    match resolve(dest, &p.source, root, Origin::Pages) {
        Ok(r @ Resolved::File { .. }) => Some(Shown::from(r)),
        _ => None,
    }
}

mod damage;
mod jpeg;
mod orientation;
mod output;
pub mod scaled;
pub use output::{copy_paths, output_at, previous_sites, read, unread, MadeCopies};

#[cfg(test)]
mod tests;
