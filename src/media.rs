//! Images in recaps: `![架构图](slides/arch.png)`.
//!
//! Note-takers paste photos of slides beside their recaps. An image whose
//! file lies in the seeds folder is copied to `/media/<its path there>` and
//! shown where it was written; a web image (`https://…`) is shown from
//! where it is. Anything else stays the text it was, with a warning that
//! names the recap and line: a missing file, a file outside the seeds
//! folder (never copied: the site would publish whatever it points at), a
//! file that is not an image, and SVG (it can carry scripts, which run when
//! a reader opens the file itself).

use crate::diagnostics::Diagnostic;
use crate::enrich::Site;
use crate::model::Session;
use crate::write::Output;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// The output folder images are copied into.
pub const DIR: &str = "media";

/// File types copied and shown, by extension (any case).
const EXTENSIONS: [&str; 7] = ["png", "jpg", "jpeg", "gif", "webp", "avif", "bmp"];

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

/// Every Markdown image in `text`, left to right, on one line each.
pub fn find(text: &str) -> Vec<ImageRef<'_>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&text.as_bytes()[from..], b"![") {
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

/// Where an image is shown from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A web address, shown as it is.
    Web(String),
    /// A file of the seeds folder, copied to `output` (`media/…`) and
    /// shown from `src` (`/media/…`, percent-encoded).
    File {
        output: String,
        src: String,
        file: PathBuf,
    },
}

impl Resolved {
    pub fn src(&self) -> &str {
        match self {
            Resolved::Web(url) => url,
            Resolved::File { src, .. } => src,
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

/// Where the image `target`, written in the recap `recap` (a path in the
/// seeds folder `root`), is shown from, or why it is not shown.
pub fn resolve(target: &str, recap: &str, root: &Path) -> Result<Resolved, String> {
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
            "image `{target}` is neither a web address nor a file beside the recap; \
             write a path relative to the recap (`slides/1.png`) or `https://…`"
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
    let folder = Path::new(recap).parent().unwrap_or(Path::new(""));
    let wanted = root.join(folder).join(path.as_ref());
    let file = wanted.canonicalize().map_err(|_| {
        format!(
            "image `{target}` not found (looked for {})",
            wanted.display()
        )
    })?;
    let root = root
        .canonicalize()
        .map_err(|e| format!("cannot read the seeds folder {}: {e}", root.display()))?;
    let inside = file.strip_prefix(&root).map_err(|_| {
        format!("image `{target}` is outside the seeds folder and is not copied (the site would publish it)")
    })?;
    if !file.is_file() {
        return Err(format!("image `{target}` is not a file"));
    }
    let rel = inside
        .to_str()
        .map(|s| s.replace(std::path::MAIN_SEPARATOR, "/"))
        .filter(|s| crate::write::is_safe_relative(s) && !s.contains('\\'))
        .ok_or_else(|| format!("image `{target}`: its file name cannot be a web address"))?;
    let src = std::iter::once(DIR)
        .chain(rel.split('/'))
        .map(|seg| percent_encoding::utf8_percent_encode(seg, SEGMENT).to_string())
        .fold(String::new(), |acc, seg| acc + "/" + &seg);
    Ok(Resolved::File {
        output: format!("{DIR}/{rel}"),
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

/// The images one session shows: each target as written, and where it is
/// shown from (`None`: it cannot be, and stays text).
#[derive(Debug, Default)]
pub struct Images {
    shown: BTreeMap<String, Option<String>>,
}

impl Images {
    /// A session's images, resolved against the seeds folder of the site's
    /// config (none when it has none: unit tests).
    pub fn of(site: &Site, s: &Session) -> Images {
        let mut shown = BTreeMap::new();
        let Some(root) = site.config.seeds_dir.as_deref() else {
            return Images { shown };
        };
        let root = seeds_root(root);
        for (text, _) in texts(s) {
            if !text.contains("![") {
                continue;
            }
            for r in find(text) {
                if !shown.contains_key(r.target) {
                    let src = resolve(r.target, &s.source, &root)
                        .ok()
                        .map(|found| found.src().to_string());
                    shown.insert(r.target.to_string(), src);
                }
            }
        }
        Images { shown }
    }

    /// Images shown from where the pairs say: `(target, src)`.
    pub fn from_pairs(pairs: &[(&str, &str)]) -> Images {
        Images {
            shown: pairs
                .iter()
                .map(|(t, s)| (t.to_string(), Some(s.to_string())))
                .collect(),
        }
    }

    /// Where the image written as `target` is shown from.
    pub fn src(&self, target: &str) -> Option<&str> {
        self.shown.get(target)?.as_deref()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }
}

/// The session's text that is shown as prose, with the line each piece
/// starts on: the overview, timeline entries and their points, and the
/// parts the parser has no slot for.
fn texts(s: &Session) -> impl Iterator<Item = (&str, usize)> {
    let overview = s.overview.iter().map(|p| (p.text.as_str(), p.line));
    let timeline = s.entries().flat_map(|e| {
        std::iter::once((e.text.as_str(), e.line))
            .chain(e.points.iter().map(|p| (p.text.as_str(), p.line)))
    });
    let extra = s.extra.iter().map(|p| (p.text.as_str(), p.line));
    overview.chain(timeline).chain(extra)
}

/// Every image file the site's recaps show, by output path, and a warning
/// for each image that cannot be shown. Empty when the config has no seeds
/// folder.
pub fn files(site: &Site) -> (BTreeMap<String, PathBuf>, Vec<Diagnostic>) {
    use rayon::prelude::*;
    let mut files = BTreeMap::new();
    let mut warnings = Vec::new();
    let Some(root) = site.config.seeds_dir.as_deref() else {
        return (files, warnings);
    };
    let root = seeds_root(root);
    let found: Vec<Vec<(usize, Result<Resolved, String>)>> = site
        .sessions
        .par_iter()
        .map(|s| {
            let mut out = Vec::new();
            let mut seen: std::collections::HashMap<&str, Result<Resolved, String>> =
                Default::default();
            for (text, line) in texts(s) {
                if !text.contains("![") {
                    continue;
                }
                for r in find(text) {
                    let line = line + text[..r.whole.start].matches('\n').count();
                    let resolved = seen
                        .entry(r.target)
                        .or_insert_with(|| resolve(r.target, &s.source, &root));
                    out.push((line, resolved.clone()));
                }
            }
            out
        })
        .collect();
    for (s, found) in site.sessions.iter().zip(found) {
        for (line, resolved) in found {
            match resolved {
                Ok(Resolved::File { output, file, .. }) => {
                    files.insert(output, file);
                }
                Ok(Resolved::Web(_)) => {}
                Err(why) => warnings.push(Diagnostic::warning(
                    &s.source,
                    Some(line),
                    format!("{why}; it shows as text"),
                )),
            }
        }
    }
    (files, warnings)
}

/// The image files the site's recaps show, read.
pub fn outputs(site: &Site) -> anyhow::Result<Vec<Output>> {
    use anyhow::Context;
    use rayon::prelude::*;
    let (files, _) = files(site);
    files
        .into_par_iter()
        .map(|(output, file)| {
            let bytes = std::fs::read(&file)
                .with_context(|| format!("cannot read the image {}", file.display()))?;
            Ok(Output::new(output, bytes))
        })
        .collect()
}

/// The image file at output path `path` (`media/slides/1.png`), read, for
/// `recap serve`; `None` when no recap shows one there.
pub fn output_at(site: &Site, path: &str) -> Option<anyhow::Result<Output>> {
    path.strip_prefix(DIR)?.strip_prefix('/')?;
    let (files, _) = files(site);
    let file = files.get(path)?;
    Some(
        std::fs::read(file)
            .map(|bytes| Output::new(path.to_string(), bytes))
            .map_err(|e| anyhow::anyhow!("cannot read the image {}: {e}", file.display())),
    )
}

#[cfg(test)]
mod tests;
