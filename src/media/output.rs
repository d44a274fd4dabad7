//! The files an image becomes: its own copy in the site and, for a photo,
//! the smaller copies of [`scaled`].

use super::{scaled, size_in, size_of, DIR};
use crate::enrich::Site;
use crate::write::Output;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The widths of the copies ([`scaled`]) made of the image at output path
/// `path`, copied from `file`.
fn copy_widths(path: &str, file: &Path) -> Vec<u32> {
    size_of(file).map_or_else(Vec::new, |(w, _)| scaled::widths(path, w))
}

/// The image `file`, read, as the output at `path`, and its smaller
/// copies ([`scaled`]), those a previous site in `previous` has of the
/// same bytes taken from there.
pub fn read(path: &str, file: &Path, previous: &[&Path]) -> anyhow::Result<Vec<Output>> {
    use anyhow::Context;
    let bytes =
        std::fs::read(file).with_context(|| format!("cannot read the image {}", file.display()))?;
    // The header is in the bytes read: the file is not opened again.
    let widths = size_in(&bytes).map_or_else(Vec::new, |(w, _)| scaled::widths(path, w));
    let mut out = if widths.is_empty() {
        Vec::new()
    } else {
        scaled::copies(path, &bytes, &widths, previous)
    };
    out.insert(0, Output::new(path.to_string(), bytes));
    Ok(out)
}

/// [`read`] without reading: the image at `path` and its copies, each
/// with no bytes, for a link check.
pub fn unread(path: &str, file: &Path) -> Vec<Output> {
    std::iter::once(path.to_string())
        .chain(copies_of(path, file))
        .map(|p| Output::new(p, Vec::new()))
        .collect()
}

/// The output paths of the smaller copies of the images in `files`.
pub fn copy_paths(files: &BTreeMap<String, PathBuf>) -> Vec<String> {
    use rayon::prelude::*;
    files
        .par_iter()
        .flat_map_iter(|(path, file)| copies_of(path, file))
        .collect()
}

/// The output paths of the copies of the image at `path`.
fn copies_of<'p>(path: &'p str, file: &Path) -> impl Iterator<Item = String> + 'p {
    copy_widths(path, file)
        .into_iter()
        .map(move |w| scaled::copy_path(path, w))
}

/// The previous sites whose copies of photos a build may keep
/// ([`scaled`]), in the order to look in: only folders recap wrote.
pub fn previous_sites(site: &Site) -> Vec<&Path> {
    site.config
        .previous_dirs
        .iter()
        .map(PathBuf::as_path)
        .filter(|dir| dir.join(crate::write::MARKER).is_file())
        .collect()
}

/// The image file, or the copy of one, at output path `path`
/// (`media/recaps/slides/1.png`, `media/640w/recaps/slides/1.png`), read,
/// for `recap serve`; `None` when no recap or page shows one there.
pub fn output_at(site: &Site, path: &str) -> Option<anyhow::Result<Output>> {
    path.strip_prefix(DIR)?.strip_prefix('/')?;
    let files = super::files(site);
    let original = match files.get_key_value(path) {
        Some(found) => found,
        None => files
            .iter()
            .find(|(p, f)| copies_of(p, f).any(|c| c == path))?,
    };
    let made = read(original.0, original.1, &previous_sites(site));
    Some(made.and_then(|all| {
        all.into_iter()
            .find(|o| o.path == path)
            .ok_or_else(|| anyhow::anyhow!("no image at {path}"))
    }))
}
