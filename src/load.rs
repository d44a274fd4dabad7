//! Stage 1: the input folders → [`Sources`] (paths and bytes), read in
//! parallel. Decoding happens on demand in `parse`, so one bad file is one
//! diagnostic, not a failed build.

use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// One input file.
#[derive(Debug, Clone)]
pub struct Source {
    /// Path relative to its root folder, `/`-separated.
    pub rel: String,
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// All input files of a build.
#[derive(Debug, Default)]
pub struct Sources {
    /// Recap files from the seeds folder, sorted by `rel`.
    pub recaps: Vec<Source>,
    /// Markdown pages from the content folder, sorted by `rel`.
    pub pages: Vec<Source>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Recaps bigger than this are refused: no recap of a talk is this long, and
/// one runaway file must not stall the whole build.
pub const MAX_RECAP_BYTES: u64 = 4 * 1024 * 1024;

impl Source {
    /// The file as text, or an error naming it: not UTF-8 (with the line of
    /// the first bad byte), binary, or empty.
    pub fn text(&self) -> Result<&str, Diagnostic> {
        if self.bytes.contains(&0) {
            return Err(Diagnostic::error(
                &self.rel,
                None,
                "looks like a binary file (it contains NUL bytes); recaps must be UTF-8 text",
            ));
        }
        let text = std::str::from_utf8(&self.bytes).map_err(|e| {
            let good = &self.bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            Diagnostic::error(
                &self.rel,
                Some(line),
                format!(
                    "not valid UTF-8 (bad byte at offset {}); save the file as UTF-8",
                    e.valid_up_to()
                ),
            )
        })?;
        if text.trim_start_matches('\u{feff}').trim().is_empty() {
            return Err(Diagnostic::error(&self.rel, None, "the file is empty"));
        }
        Ok(text)
    }
}

/// Read every recap (`.txt`, `.md`) under `seeds` and every Markdown page
/// under `content`. A missing seeds folder is an error; a missing content
/// folder is simply no pages.
pub fn load(seeds: &Path, content: &Path) -> anyhow::Result<Sources> {
    if !seeds.is_dir() {
        anyhow::bail!(
            "seeds folder `{}` does not exist; pass --seeds DIR or create it",
            seeds.display()
        );
    }
    let mut diagnostics = Vec::new();
    let recaps = read_all(
        seeds,
        &["txt", "md"],
        Some(MAX_RECAP_BYTES),
        &mut diagnostics,
    );
    let pages = if content.is_dir() {
        read_all(content, &["md"], None, &mut diagnostics)
    } else {
        Vec::new()
    };
    Ok(Sources {
        recaps,
        pages,
        diagnostics,
    })
}

/// Paths of the files `load` would read, relative to `root`, sorted.
pub fn list(root: &Path, exts: &[&str]) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            let name = e.file_name().to_string_lossy();
            !name.starts_with('.')
                && e.path()
                    .extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| exts.contains(&x))
        })
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap_or(e.path())
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            (rel, e.into_path())
        })
        .collect();
    out.sort();
    out
}

fn read_all(
    root: &Path,
    exts: &[&str],
    max: Option<u64>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Source> {
    let results: Vec<Result<Source, Diagnostic>> = list(root, exts)
        .into_par_iter()
        .map(|(rel, path)| {
            if let Some(max) = max {
                let len = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
                if len > max {
                    return Err(Diagnostic::error(
                        &rel,
                        None,
                        format!(
                            "file is {} KB, over the {} KB limit for a recap; split it or trim it",
                            len / 1024,
                            max / 1024
                        ),
                    ));
                }
            }
            std::fs::read(&path)
                .map(|bytes| Source {
                    rel: rel.clone(),
                    path,
                    bytes,
                })
                .map_err(|e| Diagnostic::error(&rel, None, format!("cannot read: {e}")))
        })
        .collect();
    let mut out = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(s) => out.push(s),
            Err(d) => diagnostics.push(d),
        }
    }
    out
}
