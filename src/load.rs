//! Stage 1: the input folders → [`Sources`] (paths and bytes), read in
//! parallel. Decoding happens on demand in `parse`, so one bad file is one
//! diagnostic, not a failed build.

mod encoding;

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
    /// The legacy encoding `bytes` were decoded from into UTF-8, when the
    /// file was not UTF-8 (see [`Source::new`]); the parse warns about it.
    pub decoded_from: Option<&'static str>,
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
    /// A file as read from disk. Text saved as UTF-16 with a byte-order
    /// mark (what some Windows editors call "Unicode") is turned into
    /// UTF-8 here, so the rest of the pipeline sees one encoding; without
    /// the mark its NUL bytes make it look binary, and [`Source::text`]
    /// says so. Chinese text saved as GBK / GB18030 (what Windows editors
    /// in mainland China call "ANSI") or as Big5 (in Taiwan and Hong Kong)
    /// is decoded too, and remembered in [`Source::decoded_from`].
    pub fn new(rel: String, path: PathBuf, bytes: Vec<u8>) -> Source {
        let (bytes, decoded_from) = encoding::to_utf8(bytes);
        Source {
            rel,
            path,
            bytes,
            decoded_from,
        }
    }

    /// The warning for a file decoded from a legacy encoding.
    pub fn encoding_warning(&self) -> Option<Diagnostic> {
        self.decoded_from.map(|encoding| {
            Diagnostic::warning(
                &self.rel,
                None,
                format!(
                    "not UTF-8: read as {encoding}, Chinese text saved by an older editor; \
                     save the file as UTF-8 to be sure every character is read as written"
                ),
            )
        })
    }

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

/// The endings of a recap's file name, in any case (`talk.md`, `TALK.TXT`,
/// `talk.markdown`). Other files in the seeds folder (images, notes in
/// other formats) are not recaps.
pub const RECAP_EXTENSIONS: &[&str] = &["txt", "md", "markdown"];

/// Read every recap ([`RECAP_EXTENSIONS`]) under `seeds` and every Markdown page
/// under `content`. A missing seeds folder is an error; a missing content
/// folder is simply no pages.
pub fn load(seeds: &Path, content: &Path) -> anyhow::Result<Sources> {
    if seeds.exists() && !seeds.is_dir() {
        anyhow::bail!(
            "`{}` is a file, not a folder; --seeds takes the folder that holds the recaps",
            seeds.display()
        );
    }
    if !seeds.is_dir() {
        anyhow::bail!(
            "seeds folder `{}` does not exist; pass --seeds DIR or create it",
            seeds.display()
        );
    }

    let mut diagnostics = Vec::new();
    let recaps = read_all(
        seeds,
        RECAP_EXTENSIONS,
        Some(MAX_RECAP_BYTES),
        &mut diagnostics,
    );
    crate::memory::fit_to_input(recaps.iter().map(|r| r.bytes.len()).sum());
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

/// Paths of the files `load` would read, relative to `root`, sorted: not
/// hidden nor in a hidden folder, with one of `exts` in any case
/// (`RECAP.TXT` from Windows too).
///
/// Links are followed, to files and to folders: recaps kept elsewhere are
/// often linked in, and skipping them lost them without a word. A link to
/// nothing (named like a file `load` reads) or back into a folder it is in,
/// and a file reached twice, are reported in `problems`.
pub fn list(root: &Path, exts: &[&str], problems: &mut Vec<Diagnostic>) -> Vec<(String, PathBuf)> {
    let wanted = |p: &Path| {
        p.extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| exts.iter().any(|e| x.eq_ignore_ascii_case(e)))
    };
    let rel_of = |p: &Path| {
        p.strip_prefix(root)
            .unwrap_or(p)
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut linked = false;
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    let mut around: Vec<PathBuf> = Vec::new();
    for e in walk(root, &mut around) {
        let e = match e {
            Ok(e) => e,
            Err(err) => {
                let Some(path) = err.path() else { continue };
                if err.loop_ancestor().is_some() {
                    problems.push(Diagnostic::warning(
                        &rel_of(path),
                        None,
                        "a link back to a folder it is in; not followed",
                    ));
                } else if wanted(path) && path.is_symlink() {
                    problems.push(Diagnostic::warning(
                        &rel_of(path),
                        None,
                        "a link to a file that does not exist; skipped",
                    ));
                }
                continue;
            }
        };
        linked |= e.path_is_symlink();
        if e.file_type().is_file() && wanted(e.path()) {
            out.push((rel_of(e.path()), e.into_path()));
        }
    }
    for path in around {
        problems.push(Diagnostic::warning(
            &rel_of(&path),
            None,
            "a link up to a folder that holds this one; not followed",
        ));
    }
    out.sort();
    if linked {
        read_once(&mut out, problems);
    }
    out
}

/// Every entry under `root` as [`list`] walks it: links followed, hidden
/// files and folders left out (`.git/`, an editor's `.trash/` of deleted
/// notes), and so are links to a folder `root` is in (`seeds/all -> ..`
/// would read everything beside it, the built site included); those are
/// added to `around`. `recap serve` walks its inputs the same way.
pub fn walk<'a>(
    root: &Path,
    around: &'a mut Vec<PathBuf>,
) -> impl Iterator<Item = walkdir::Result<walkdir::DirEntry>> + 'a {
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    WalkDir::new(root)
        .follow_links(true)
        .into_iter()
        .filter_entry(move |e| {
            if e.depth() > 0 && is_hidden(e.file_name()) {
                return false;
            }
            let up = e.path_is_symlink()
                && e.file_type().is_dir()
                && std::fs::canonicalize(e.path()).is_ok_and(|t| real_root.starts_with(t));
            if up {
                around.push(e.path().to_path_buf());
            }
            !up
        })
}

/// A file or folder a build never reads: `.git`, `.trash`, `.talk.txt.swp`.
pub fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().starts_with(b".")
}

/// Keep the first (by path) of files that links make reachable twice.
fn read_once(files: &mut Vec<(String, PathBuf)>, problems: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<PathBuf, String> = std::collections::HashMap::new();
    files.retain(|(rel, path)| {
        let Ok(real) = std::fs::canonicalize(path) else {
            return true;
        };
        match seen.get(&real) {
            Some(first) => {
                problems.push(Diagnostic::warning(
                    rel,
                    None,
                    format!("the same file as `{first}` (through a link); read once"),
                ));
                false
            }
            None => {
                seen.insert(real, rel.clone());
                true
            }
        }
    });
}

fn read_all(
    root: &Path,
    exts: &[&str],
    max: Option<u64>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Source> {
    let results: Vec<Result<Source, Diagnostic>> = list(root, exts, diagnostics)
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
                .map(|bytes| Source::new(rel.clone(), path, bytes))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bytes: Vec<u8>) -> Source {
        Source::new("a.txt".into(), PathBuf::from("a.txt"), bytes)
    }

    #[test]
    fn a_seeds_file_is_told_from_a_missing_folder() {
        let file = std::env::temp_dir().join(format!("recap-load-file-{}.txt", std::process::id()));
        std::fs::write(&file, "# 会议\n\n00:00 - 开场\n").unwrap();
        let err = load(&file, Path::new("/nonexistent"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("is a file, not a folder"), "{err}");
        let gone = file.with_extension("gone");
        let err = load(&gone, Path::new("/nonexistent"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not exist"), "{err}");
        std::fs::remove_file(&file).unwrap();
    }

    /// A source of `text` saved in `encoding`.
    fn encoded(encoding: &'static encoding_rs::Encoding, text: &str) -> Source {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{text} is all in {}", encoding.name());
        source(bytes.into_owned())
    }

    #[test]
    fn big5_chinese_reads_as_text_with_a_warning() {
        let text = "# 亞馬遜雲端運算大會：資料庫的發展\n\n00:00 - 開場，講者說明目標。\n";
        let s = encoded(encoding_rs::BIG5, text);
        assert_eq!(s.text().unwrap(), text);
        let warning = s.encoding_warning().expect("a warning");
        assert!(warning.message.contains("Big5"), "{warning}");
    }

    #[test]
    fn utf16_without_a_mark_is_binary() {
        let mut no_mark: Vec<u8> = "# 会议".encode_utf16().flat_map(u16::to_le_bytes).collect();
        no_mark.push(0);
        let err = source(no_mark).text().unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
    }

    #[test]
    fn gbk_chinese_reads_as_text_with_a_warning() {
        let text = "# 亚马逊云科技大会：Amazon Bedrock 发布会\r\n\r\n## 时间线\n00:00 - 开场，讲者介绍新功能。\n";
        let s = encoded(encoding_rs::GBK, text);
        assert_eq!(s.text().unwrap(), text);
        let warning = s.encoding_warning().expect("a warning");
        assert!(warning.message.contains("GB18030"), "{warning}");
        assert!(source(text.as_bytes().to_vec())
            .encoding_warning()
            .is_none());
    }

    #[test]
    fn recaps_are_listed_whatever_the_case_of_their_extension_but_not_hidden_ones() {
        let dir = std::env::temp_dir().join(format!("recap-load-case-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for name in [
            "A.TXT",
            "b.Md",
            "notes.markdown",
            "sub/c.txt",
            ".hidden.txt",
            "d.doc",
            "e.txt~",
            ".trash/deleted.md",
            ".git/notes.md",
        ] {
            if let Some(parent) = Path::new(name).parent() {
                std::fs::create_dir_all(dir.join(parent)).unwrap();
            }
            std::fs::write(dir.join(name), "# x\n").unwrap();
        }
        let names: Vec<String> = list(&dir, RECAP_EXTENSIONS, &mut Vec::new())
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(names, ["A.TXT", "b.Md", "notes.markdown", "sub/c.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_once_and_the_ones_that_cannot_be_are_named() {
        use std::os::unix::fs::symlink;
        let dir = std::env::temp_dir().join(format!("recap-load-links-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let seeds = dir.join("seeds");
        std::fs::create_dir_all(seeds.join("a")).unwrap();
        std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
        std::fs::write(dir.join("elsewhere/x.txt"), "# x\n").unwrap();
        std::fs::write(dir.join("kept.md"), "# k\n").unwrap();
        std::fs::write(dir.join("beside.txt"), "# b\n").unwrap();
        std::fs::write(seeds.join("a/own.txt"), "# o\n").unwrap();
        symlink("../elsewhere", seeds.join("more")).unwrap();
        symlink("../kept.md", seeds.join("kept.md")).unwrap();
        symlink("../elsewhere/x.txt", seeds.join("same.txt")).unwrap();
        symlink("../missing.txt", seeds.join("gone.txt")).unwrap();
        symlink("..", seeds.join("a/back")).unwrap();
        symlink("../..", seeds.join("a/up")).unwrap();
        let mut problems = Vec::new();
        let names: Vec<String> = list(&seeds, RECAP_EXTENSIONS, &mut problems)
            .into_iter()
            .map(|(r, _)| r)
            .collect();
        let mut said: Vec<String> = problems
            .iter()
            .map(|d| format!("{}: {}", d.file, d.message))
            .collect();
        said.sort();
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(names, ["a/own.txt", "kept.md", "more/x.txt"]);
        assert_eq!(
            said,
            [
                "a/back: a link back to a folder it is in; not followed",
                "a/up: a link up to a folder that holds this one; not followed",
                "gone.txt: a link to a file that does not exist; skipped",
                "same.txt: the same file as `more/x.txt` (through a link); read once",
            ]
        );
    }

    #[test]
    fn utf8_is_kept_byte_for_byte() {
        let bytes = "\u{feff}# 会议\n".as_bytes().to_vec();
        assert_eq!(source(bytes.clone()).bytes, bytes);
    }
}
