//! recap: conference session recaps → a cross-linked, searchable static site.
//!
//! The pipeline runs in one direction, one type per stage:
//!
//! ```text
//! load::load      folders            -> Sources   (paths and bytes)
//! parse::parse    Sources            -> Corpus    (sessions, pages)
//! enrich::enrich  Corpus + Catalog   -> Site      (entities, mentions, links)
//! render::render  Site + Theme       -> Vec<Output>
//! write::write_site                  -> the output folder, atomically
//! ```
//!
//! Each stage is a plain function, testable without the others; parallelism
//! lives inside stages.

pub mod build;
pub mod bundle;
mod bytescan;
pub mod check;
pub mod config;
pub mod diagnostics;
pub mod emphasis;
pub mod enrich;
pub mod footnotes;
pub mod init;
pub mod inline_code;
pub mod json;
pub mod load;
pub mod media;
pub mod memory;
pub mod model;
pub mod parse;
pub mod pasted;
pub mod pattern;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod shown;
pub mod task_list;
mod toml_keys;
pub mod urls;
pub mod write;

pub use build::{build, build_in_memory, build_keeping_model, BuildOptions, BuildReport, Model};

/// A deterministic stream of pseudo-random numbers (xorshift) for tests
/// that compare two implementations on many generated inputs.
#[cfg(test)]
pub(crate) fn test_random(seed: u64) -> impl FnMut() -> u64 {
    let mut state = seed;
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    }
}

/// Texts of up to `max` pieces drawn from `pieces`, deterministic for
/// `seed`: inputs for tests that compare two implementations.
#[cfg(test)]
pub(crate) fn test_texts<'p>(
    seed: u64,
    pieces: &'p [&'p str],
    max: u64,
) -> impl FnMut() -> String + 'p {
    let mut next = test_random(seed);
    move || {
        let n = next() % (max + 1);
        (0..n)
            .map(|_| pieces[(next() >> 33) as usize % pieces.len()])
            .collect()
    }
}

/// A fresh empty folder for a unit test, named after its module and test,
/// removed with everything in it when the test is done with it.
#[cfg(test)]
pub(crate) fn empty_test_dir(module: &str, name: &str) -> TestDir {
    let d = std::env::temp_dir().join(format!("recap-{module}-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    TestDir(d)
}

/// See [`empty_test_dir`].
#[cfg(test)]
pub(crate) struct TestDir(std::path::PathBuf);

#[cfg(test)]
impl std::ops::Deref for TestDir {
    type Target = std::path::PathBuf;

    fn deref(&self) -> &std::path::PathBuf {
        &self.0
    }
}

#[cfg(test)]
impl AsRef<std::path::Path> for TestDir {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

#[cfg(test)]
impl Drop for TestDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
