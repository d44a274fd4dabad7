//! The files an image becomes: its own copy in the site and, for a photo,
//! the smaller copies of [`scaled`].

use super::{scaled, size_in, size_of};
use crate::enrich::Site;
use crate::write::Output;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock};

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
    let mut out = copies_in(path, &bytes, previous);
    out.insert(0, Output::new(path.to_string(), bytes));
    Ok(out)
}

/// The smaller copies ([`scaled`]) of the image `bytes`, whose output path
/// is `path`; none when it is too small or not a photo. Its header is in
/// the bytes: the file is not opened again.
fn copies_in(path: &str, bytes: &[u8], previous: &[&Path]) -> Vec<Output> {
    let widths = size_in(bytes).map_or_else(Vec::new, |(w, _)| scaled::widths(path, w));
    if widths.is_empty() {
        return Vec::new();
    }
    scaled::copies(path, bytes, &widths, previous)
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
/// for `recap serve`, the copies taken from `made`; `None` when no recap or
/// page shows one there. An original is only read: its copies are made
/// when one is asked for.
pub fn output_at(site: &Site, path: &str, made: &MadeCopies) -> Option<anyhow::Result<Output>> {
    use anyhow::Context;
    if !super::is_media_path(path) {
        return None;
    }
    let files = super::files(site);
    if let Some(file) = files.get(path) {
        let read = std::fs::read(file)
            .with_context(|| format!("cannot read the image {}", file.display()));
        return Some(read.map(|bytes| Output::new(path, bytes)));
    }
    made.forget_all_but(&files);
    let (original, file) = files
        .iter()
        .find(|(p, f)| copies_of(p, f).any(|c| c == path))?;
    Some(made.copy(original, file, path, &previous_sites(site)))
}

/// The copies of photos `recap serve` has made, kept from one rebuild to
/// the next: making those of one photo takes a fifth of a second, a page
/// may show twenty, and an edit to a recap leaves its photos as they were.
/// Known by the original's output path and a hash of its bytes: a photo
/// replaced gets new copies, and one no longer shown is forgotten.
#[derive(Default)]
pub struct MadeCopies {
    /// By the original's output path: the hash of its bytes, and its
    /// copies once made.
    made: Mutex<HashMap<String, (u64, Arc<Copies>)>>,
    /// Photos scaled so far.
    scaled: AtomicUsize,
    /// Photos being scaled now: no more than there are cores, since a
    /// browser asks for six at once and each takes 36 MB to decode.
    scaling: (Mutex<usize>, Condvar),
}

/// The copies of one photo, made by the first request that needs them.
type Copies = OnceLock<Vec<Output>>;

impl MadeCopies {
    /// The copy at output path `path` of the photo at output path
    /// `original`, read from `file`. Requests for two copies of one photo
    /// at once share one making of them.
    fn copy(
        &self,
        original: &str,
        file: &Path,
        path: &str,
        previous: &[&Path],
    ) -> anyhow::Result<Output> {
        use anyhow::Context;
        use std::hash::Hasher;
        let bytes = std::fs::read(file)
            .with_context(|| format!("cannot read the image {}", file.display()))?;
        let mut hasher = rustc_hash::FxHasher::default();
        hasher.write(&bytes);
        let hash = hasher.finish();
        let cell = {
            let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
            let entry = made
                .entry(original.to_string())
                .or_insert_with(|| (hash, Arc::default()));
            if entry.0 != hash {
                *entry = (hash, Arc::default());
            }
            Arc::clone(&entry.1)
        };
        let copies = cell.get_or_init(|| {
            let _turn = self.turn();
            self.scaled.fetch_add(1, Ordering::Relaxed);
            copies_in(original, &bytes, previous)
        });
        copies
            .iter()
            .find(|o| o.path == path)
            .cloned()
            .ok_or_else(|| anyhow::anyhow!("no image at {path}"))
    }

    /// Wait until fewer photos than there are cores are being scaled;
    /// this one is, until the turn is dropped.
    fn turn(&self) -> Turn<'_> {
        let most = std::thread::available_parallelism().map_or(2, usize::from);
        let (count, freed) = &self.scaling;
        let mut now = count.lock().unwrap_or_else(|e| e.into_inner());
        while *now >= most {
            now = freed.wait(now).unwrap_or_else(|e| e.into_inner());
        }
        *now += 1;
        Turn(self)
    }

    /// Forget the copies of photos no recap or page shows any more.
    fn forget_all_but(&self, shown: &BTreeMap<String, PathBuf>) {
        let mut made = self.made.lock().unwrap_or_else(|e| e.into_inner());
        made.retain(|original, _| shown.contains_key(original));
    }

    /// How many photos have been scaled (each once per content).
    pub fn scaled(&self) -> usize {
        self.scaled.load(Ordering::Relaxed)
    }
}

/// A photo being scaled ([`MadeCopies::turn`]).
struct Turn<'a>(&'a MadeCopies);

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let (count, freed) = &self.0.scaling;
        *count.lock().unwrap_or_else(|e| e.into_inner()) -= 1;
        freed.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(w: u32, h: u32, blue: u8) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, blue]));
        let mut out = Vec::new();
        img.write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn a_photo_is_scaled_once_until_its_bytes_change() {
        let d = crate::empty_test_dir("media-output", "made");
        let file = d.join("arch.png");
        std::fs::write(&file, photo(1600, 900, 1)).unwrap();
        let made = MadeCopies::default();
        let (original, small, large) = (
            "media/recaps/arch.png",
            "media/640w/recaps/arch.png",
            "media/1280w/recaps/arch.png",
        );
        let first = made.copy(original, &file, small, &[]).unwrap();
        assert_eq!(super::size_in(&first.bytes), Some((640, 360)));
        let again = made.copy(original, &file, small, &[]).unwrap();
        let other = made.copy(original, &file, large, &[]).unwrap();
        assert_eq!(again.bytes, first.bytes);
        assert_eq!(super::size_in(&other.bytes), Some((1280, 720)));
        assert_eq!(made.scaled(), 1, "both widths from one scaling");
        // A new photo under the same name gets new copies.
        std::fs::write(&file, photo(1000, 1000, 2)).unwrap();
        let square = made.copy(original, &file, small, &[]).unwrap();
        assert_eq!(super::size_in(&square.bytes), Some((640, 640)));
        assert_eq!(made.scaled(), 2);
        assert!(
            made.copy(original, &file, large, &[]).is_err(),
            "no 1280 copy now"
        );
        // A photo no longer shown is forgotten, and made again if it is
        // shown again.
        made.forget_all_but(&BTreeMap::new());
        made.copy(original, &file, small, &[]).unwrap();
        assert_eq!(made.scaled(), 3);
        std::fs::remove_dir_all(&d).unwrap();
    }
}
