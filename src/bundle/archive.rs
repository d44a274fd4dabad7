//! The bundle as one `.zip` file: deterministic, and written as it is made.

use crate::write::Output;
use anyhow::Context;
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::Path;

/// Write `outputs` as a zip archive at `path`: entries sorted by path, every
/// timestamp the zip epoch (1980-01-01) and permissions fixed, so the same
/// site always gives the same bytes. Written beside `path` as it is made
/// and renamed into place, so a failed write leaves no half archive.
pub fn write_zip(path: &Path, outputs: &[Output]) -> anyhow::Result<u64> {
    let paths: Vec<String> = outputs.iter().map(|o| o.path.clone()).collect();
    let by_path: std::collections::HashMap<&str, &[u8]> = outputs
        .iter()
        .map(|o| (o.path.as_str(), o.bytes.as_slice()))
        .collect();
    write_zip_with(path, &paths, &|p: &str| {
        Ok(Box::new(by_path[p]) as Box<dyn Read>)
    })
}

/// What [`write_zip_with`] reads a file's bytes from.
pub type Open<'a> = &'a dyn Fn(&str) -> anyhow::Result<Box<dyn Read + 'a>>;

/// [`write_zip`] of the files at `paths`, each opened with `open` and
/// copied in as it is added: the archive of a big site is made without
/// holding the site, or its 656 MB data export, in memory.
pub fn write_zip_with(path: &Path, paths: &[String], open: Open) -> anyhow::Result<u64> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let name = path
        .file_name()
        .context("the zip path has no file name")?
        .to_string_lossy();
    let tmp = dir.join(format!(".{name}.recap-tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .with_context(|| format!("cannot write {}", tmp.display()))
        .and_then(|f| zip_into(std::io::BufWriter::new(f), paths, open))
        .and_then(|size| {
            std::fs::rename(&tmp, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(size)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

/// The archive of [`write_zip_with`], written to `w`; its size in bytes.
fn zip_into<W: Write + std::io::Seek>(w: W, paths: &[String], open: Open) -> anyhow::Result<u64> {
    use zip::write::SimpleFileOptions;
    let mut sorted: Vec<&str> = paths.iter().map(String::as_str).collect();
    sorted.sort_unstable();
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let dir_options = options.unix_permissions(0o755);
    let mut zip = zip::ZipWriter::new(w);
    {
        let mut dirs: HashSet<String> = HashSet::new();
        for path in sorted {
            if !crate::write::is_safe_relative(path) {
                anyhow::bail!("internal error: output path `{path}` would leave the archive");
            }
            // Folder entries first, so every unzip tool makes the folders.
            let mut prefix = String::new();
            for seg in path
                .split('/')
                .rev()
                .skip(1)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
            {
                prefix.push_str(seg);
                prefix.push('/');
                if dirs.insert(prefix.clone()) {
                    zip.add_directory(prefix.as_str(), dir_options)?;
                }
            }
            let mut bytes = open(path)?;
            zip.start_file(path, options)?;
            std::io::copy(&mut bytes, &mut zip)?;
        }
    }
    let mut w = zip.finish()?;
    w.flush()?;
    Ok(w.stream_position()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zip_is_deterministic() {
        let dir = std::env::temp_dir().join(format!("recap-zip-{}", std::process::id()));
        let outputs = vec![Output::new("b/index.html", "b"), Output::new("a.css", "a")];
        let mut rev = outputs.clone();
        rev.reverse();
        write_zip(&dir.join("1.zip"), &outputs).unwrap();
        write_zip(&dir.join("2.zip"), &rev).unwrap();
        let a = std::fs::read(dir.join("1.zip")).unwrap();
        assert_eq!(a, std::fs::read(dir.join("2.zip")).unwrap());
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        let names: Vec<String> = (0..z.len())
            .map(|i| z.by_index(i).unwrap().name().to_string())
            .collect();
        assert_eq!(names, vec!["a.css", "b/", "b/index.html"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
