//! Stage 5: rendered outputs → files, atomically.
//!
//! The site is written into a fresh folder beside the output folder and then
//! swapped into place with two renames, so a build that fails or is killed
//! half way leaves the previous site as it was. recap only ever deletes a
//! folder that carries its marker file, and refuses output folders that are
//! obviously someone's data.

use anyhow::{bail, Context};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

mod recycle;
mod reuse;
pub use reuse::ReuseWriter;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated, no `..`.
    pub path: String,
    pub bytes: Vec<u8>,
}

impl Output {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        Output {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
}

/// The file that marks a folder as recap's own output.
pub const MARKER: &str = ".recap-output";

/// What the marker file says.
const MARKER_TEXT: &[u8] = b"This folder is written by recap and replaced on every build.\n";

/// Refuse output folders a build must never replace: the filesystem root,
/// the home folder, the project root and the input folders, and any folder
/// that exists, is not empty and was not made by recap.
pub fn check_output_dir(out: &Path, forbidden: &[&Path]) -> anyhow::Result<()> {
    let abs = absolute(out)?;
    if abs.parent().is_none() {
        bail!(
            "refusing to build into `{}`: it is the filesystem root",
            out.display()
        );
    }
    if let Some(home) = std::env::var_os("HOME") {
        if abs == absolute(Path::new(&home))? {
            bail!(
                "refusing to build into your home folder `{}`",
                out.display()
            );
        }
    }
    for f in forbidden {
        let f = absolute(f)?;
        if abs == f || f.starts_with(&abs) {
            bail!(
                "refusing to build into `{}`: it holds the input folder `{}`; pick another --out",
                out.display(),
                f.display()
            );
        }
    }
    if abs.exists() {
        if !abs.is_dir() {
            bail!("output `{}` exists and is not a folder", out.display());
        }
        let empty = std::fs::read_dir(&abs)?.next().is_none();
        if !empty && !abs.join(MARKER).exists() {
            bail!(
                "output folder `{}` is not empty and was not made by recap (no {MARKER} in it); \
                 remove it yourself or pick another --out",
                out.display()
            );
        }
    }
    Ok(())
}

/// Write `outputs` as the new content of `out`, replacing what was there.
pub fn write_site(out: &Path, outputs: &[Output]) -> anyhow::Result<()> {
    let staging = Staging::begin(out)?;
    staging.write_all(outputs)?;
    staging.commit()
}

/// The new site's folder beside the output folder, filled while the site
/// is rendered and swapped into place by [`Staging::commit`]. A build can
/// write big pages here as soon as they are rendered instead of holding
/// them all in memory. Dropped without a commit, it becomes the spare
/// folder (or is removed) and the previous site stays as it was.
#[derive(Debug)]
pub struct Staging {
    out: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    /// Where the replaced site is kept for the next build (see [`recycle`]).
    spare: PathBuf,
    /// The folders of the recycled tree the staging folder started as:
    /// those left empty are removed before the swap.
    recycled: recycle::Recycled,
    /// Its files this build has not written (yet): those left are removed
    /// before the swap.
    recycled_files: Mutex<HashSet<PathBuf>>,
    /// The site being replaced, when recap made it: its unchanged files
    /// are linked rather than written again (see [`reuse`]).
    previous: Option<PathBuf>,
    reused: AtomicUsize,
    written: AtomicUsize,
    committed: bool,
}

impl Staging {
    /// Make an empty staging folder (with the marker) for the site at `out`.
    pub fn begin(out: &Path) -> anyhow::Result<Staging> {
        let out = absolute(out)?;
        let parent = out.parent().context("output folder has no parent")?;
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = out
            .file_name()
            .context("output folder has no name")?
            .to_string_lossy()
            .into_owned();
        let dir = parent.join(format!(".{name}.recap-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.recap-old-{}", std::process::id()));
        let spare = recycle::spare_path(parent, &name);
        remove_leftovers(parent, &name)?;
        let mut recycled = match recycle::take_spare(&spare, &dir)
            .with_context(|| format!("cannot reuse {}", spare.display()))?
        {
            Some(found) => found,
            None => {
                std::fs::create_dir_all(&dir)?;
                recycle::Recycled::default()
            }
        };
        let previous = (out.is_dir() && out.join(MARKER).is_file()).then(|| out.clone());
        let staging = Staging {
            out,
            dir,
            old,
            spare,
            recycled_files: Mutex::new(std::mem::take(&mut recycled.files)),
            recycled,
            previous,
            reused: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            committed: false,
        };
        let marker = staging.dir.join(MARKER);
        if !reuse::same_bytes(&marker, MARKER_TEXT) {
            reuse::create_new(&marker)?.write_all(MARKER_TEXT)?;
        }
        Ok(staging)
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Write one file (safe to call from several threads).
    pub fn write(&self, o: &Output) -> anyhow::Result<()> {
        check_safe(&o.path)?;
        self.make_parent(&self.dir.join(&o.path))?;
        self.put(o)
    }

    /// Where `path` goes in the staging folder, and the previous site's
    /// copy of it (if there is a previous site).
    fn paths(&self, path: &str) -> (PathBuf, Option<PathBuf>) {
        let previous = self.previous.as_ref().map(|prev| prev.join(path));
        (self.dir.join(path), previous)
    }

    /// Write (or link, or keep) one file whose folder exists.
    fn put(&self, o: &Output) -> anyhow::Result<()> {
        let (p, previous) = self.paths(&o.path);
        let write = || {
            if self.take_recycled(&p) {
                reuse::keep_or_replace(&p, &o.bytes, previous.as_deref())
            } else {
                reuse::write_or_link(&p, &o.bytes, previous.as_deref())
            }
        };
        let reused = match write() {
            // A recycled folder where this site has a file.
            Err(_) if self.clear_recycled_folder(&p)? => write(),
            done => done,
        }
        .with_context(|| format!("cannot write {}", p.display()))?;
        self.count(reused);
        Ok(())
    }

    /// Create the folder of the file at `p` in the staging folder.
    fn make_parent(&self, p: &Path) -> anyhow::Result<()> {
        match p.parent() {
            Some(dir) => self.make_dir(dir),
            None => Ok(()),
        }
    }

    /// Create `dir` in the staging folder. A recycled file where the new
    /// site has a folder is stale, and goes.
    fn make_dir(&self, dir: &Path) -> anyhow::Result<()> {
        if std::fs::create_dir_all(dir).is_err() {
            for above in dir.ancestors().take_while(|a| a.starts_with(&self.dir)) {
                if self.take_recycled(above) {
                    reuse::remove_if_there(above)?;
                }
            }
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(())
    }

    /// Remove the recycled folder at `p` (in the staging folder), where
    /// the new site has a file: nothing of the new site can be in it.
    /// Whether there was one.
    fn clear_recycled_folder(&self, p: &Path) -> anyhow::Result<bool> {
        if !std::fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
            return Ok(false);
        }
        std::fs::remove_dir_all(p).with_context(|| format!("cannot replace {}", p.display()))?;
        Ok(true)
    }

    /// Whether a file of the recycled spare is at `p`; it is this build's
    /// to keep or replace from now on, not a stale one.
    fn take_recycled(&self, p: &Path) -> bool {
        let mut files = self.recycled_files.lock().expect("never held by a panic");
        !files.is_empty() && files.remove(p)
    }

    fn count(&self, reused: bool) {
        let n = if reused { &self.reused } else { &self.written };
        n.fetch_add(1, Ordering::Relaxed);
    }

    /// A file written as a stream, for outputs too big to hold in memory
    /// (`data/site.json`); call [`Staging::finish_stream`] when done.
    pub fn stream(&self, path: &str) -> anyhow::Result<ReuseWriter> {
        check_safe(path)?;
        let (p, previous) = self.paths(path);
        self.make_parent(&p)?;
        self.clear_recycled_folder(&p)?;
        if self.take_recycled(&p) {
            reuse::remove_if_there(&p)
                .with_context(|| format!("cannot replace {}", p.display()))?;
        }
        ReuseWriter::new(&p, previous.as_deref())
            .with_context(|| format!("cannot write {}", p.display()))
    }

    pub fn finish_stream(&self, w: ReuseWriter) -> anyhow::Result<()> {
        let reused = w.finish().context("cannot finish a streamed file")?;
        self.count(reused);
        Ok(())
    }

    /// Files written so far, and files linked unchanged from the previous
    /// site.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.written.load(Ordering::Relaxed),
            self.reused.load(Ordering::Relaxed),
        )
    }

    /// Write many files, in parallel.
    pub fn write_all(&self, outputs: &[Output]) -> anyhow::Result<()> {
        outputs.iter().try_for_each(|o| check_safe(&o.path))?;
        let mut dirs: Vec<PathBuf> = outputs
            .iter()
            .filter_map(|o| Path::new(&o.path).parent().map(|p| self.dir.join(p)))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in &dirs {
            self.make_dir(d)?;
        }
        outputs.par_iter().try_for_each(|o| self.put(o))
    }

    /// Swap the staging folder into place of the output folder.
    pub fn commit(mut self) -> anyhow::Result<()> {
        self.committed = true;
        let stale = std::mem::take(
            self.recycled_files
                .get_mut()
                .expect("never held by a panic"),
        );
        recycle::prune(&self.recycled, &stale)
            .with_context(|| format!("cannot tidy {}", self.dir.display()))?;
        let (out, old) = (&self.out, &self.old);
        if out.exists() {
            std::fs::rename(out, old).with_context(|| {
                format!("cannot move the previous site {} aside", out.display())
            })?;
        }
        if let Err(e) = std::fs::rename(&self.dir, out) {
            let _ = std::fs::rename(old, out);
            let _ = std::fs::remove_dir_all(&self.dir);
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", out.display()));
        }
        if old.exists() {
            recycle::keep_spare(old, &self.spare)
                .with_context(|| format!("cannot remove the previous site at {}", old.display()))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            // Its folders are as good a spare as the previous site's.
            let _ = recycle::keep_spare(&self.dir, &self.spare);
        }
    }
}

fn check_safe(path: &str) -> anyhow::Result<()> {
    if !is_safe_relative(path) {
        bail!("internal error: output path `{path}` would leave the output folder");
    }
    Ok(())
}

/// Remove the staging and old-site folders a killed build left beside the
/// output folder (`.public.recap-new-<pid>`, `.public.recap-old-<pid>`),
/// but only those recap made.
fn remove_leftovers(parent: &Path, name: &str) -> anyhow::Result<()> {
    let prefixes = [format!(".{name}.recap-new-"), format!(".{name}.recap-old-")];
    for entry in std::fs::read_dir(parent)? {
        let entry = entry?;
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
        else {
            continue;
        };
        // Another build into the same folder may be running right now.
        if pid
            .parse::<u32>()
            .is_ok_and(|pid| pid != std::process::id() && is_running(pid))
        {
            continue;
        }
        remove_if_ours(&entry.path())?;
    }
    Ok(())
}

/// Whether a process with this id is alive. Where that cannot be told
/// (no `/proc`), assume it is not: a leftover is then cleared as before.
fn is_running(pid: u32) -> bool {
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Remove a leftover staging folder, but only if recap made it.
fn remove_if_ours(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        if dir.join(MARKER).exists() || std::fs::read_dir(dir)?.next().is_none() {
            std::fs::remove_dir_all(dir)?;
        } else {
            bail!(
                "`{}` is in the way and was not made by recap",
                dir.display()
            );
        }
    }
    Ok(())
}

/// True for `a/b/c.html`; false for anything absolute or with `..`.
pub fn is_safe_relative(p: &str) -> bool {
    !p.is_empty()
        && !p.contains('\\')
        && Path::new(p)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// `p` made absolute from the current folder, with `.` and `..` resolved
/// lexically (the folder may not exist yet).
pub fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    // Normalise `.` and `..` lexically; the folder may not exist yet.
    let mut out = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            c => out.push(c),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("recap-write-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn safe_paths() {
        assert!(is_safe_relative("sessions/a/index.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a/../../x"));
    }

    #[test]
    fn replaces_previous_site_and_keeps_marker() {
        let d = tmp("replace");
        let out = d.join("public");
        write_site(
            &out,
            &[Output::new("a.html", "1"), Output::new("x/b.html", "2")],
        )
        .unwrap();
        write_site(&out, &[Output::new("a.html", "3")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.html")).unwrap(), "3");
        assert!(!out.join("x/b.html").exists());
        assert!(out.join(MARKER).exists());
        check_output_dir(&out, &[]).unwrap();
        // The first site is kept beside the output and recycled by the
        // third build: same result as from an empty folder.
        let spare = d.join(".public.recap-spare");
        assert!(spare.join("x/b.html").is_file());
        write_site(
            &out,
            &[Output::new("a.html", "3"), Output::new("y/c.html", "4")],
        )
        .unwrap();
        assert_eq!(std::fs::read_to_string(out.join("y/c.html")).unwrap(), "4");
        assert!(!out.join("x").exists(), "a folder the site no longer has");
        assert_eq!(std::fs::read(out.join(MARKER)).unwrap(), MARKER_TEXT);
        assert!(spare.join("a.html").is_file() && !spare.join("y").exists());
        let mut names: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".public.recap-spare", "public"]);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn recycled_files_are_kept_when_unchanged_and_never_written_through() {
        use std::os::unix::fs::MetadataExt;
        let d = tmp("recycled");
        let out = d.join("public");
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap();
        let ino = |p: PathBuf| std::fs::metadata(p).unwrap().ino();
        let site = |a: &str| [Output::new("a.html", a), Output::new("x/b.html", "b")];
        write_site(&out, &site("1")).unwrap();
        write_site(&out, &site("1")).unwrap();
        let b = ino(out.join("x/b.html"));
        // The third build takes the first site as its staging folder.
        write_site(&out, &site("2")).unwrap();
        assert_eq!(ino(out.join("x/b.html")), b, "unchanged: the same file");
        assert_eq!(read(out.join("a.html")), "2");
        let spare = d.join(".public.recap-spare");
        assert_eq!(
            read(spare.join("a.html")),
            "1",
            "the replaced site is as it was"
        );
        write_site(&out, &site("2")).unwrap();
        write_site(&out, &[Output::new("a.html", "2")]).unwrap();
        assert_eq!(read(out.join("a.html")), "2");
        assert!(
            !out.join("x").exists(),
            "a file and folder the site no longer has"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    /// A recycled file where the new site needs a folder, and the other
    /// way round, give way.
    #[test]
    fn recycled_files_and_folders_give_way_to_the_new_site() {
        let d = tmp("give-way");
        let out = d.join("public");
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap();
        let first = [
            Output::new("a", "file"),
            Output::new("b/index.html", "page"),
        ];
        let second = [
            Output::new("a/index.html", "page"),
            Output::new("b", "file"),
        ];
        write_site(&out, &first).unwrap();
        write_site(&out, &first).unwrap();
        write_site(&out, &second).unwrap();
        assert_eq!(read(out.join("a/index.html")), "page");
        assert_eq!(read(out.join("b")), "file");
        write_site(&out, &second).unwrap();
        write_site(&out, &first).unwrap();
        assert_eq!(read(out.join("a")), "file");
        assert_eq!(read(out.join("b/index.html")), "page");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn leftovers_of_a_killed_build_are_cleared() {
        let d = tmp("leftover");
        let out = d.join("public");
        let stale = d.join(".public.recap-new-99999998");
        std::fs::create_dir_all(&stale).unwrap();
        std::fs::write(stale.join(MARKER), "").unwrap();
        std::fs::write(stale.join("half.html"), "half").unwrap();
        let foreign = d.join(".public.recap-old-99999999");
        std::fs::create_dir_all(&foreign).unwrap();
        std::fs::write(foreign.join("mine.txt"), "not recap's").unwrap();
        assert!(
            write_site(&out, &[Output::new("a.html", "1")]).is_err(),
            "foreign folder is kept"
        );
        std::fs::remove_dir_all(&foreign).unwrap();
        write_site(&out, &[Output::new("a.html", "1")]).unwrap();
        assert!(!stale.exists());
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_running_build_keeps_its_staging_folder() {
        let d = tmp("running");
        let mut other = std::process::Command::new("sleep")
            .arg("5")
            .spawn()
            .unwrap();
        let staging = d.join(format!(".public.recap-new-{}", other.id()));
        std::fs::create_dir_all(&staging).unwrap();
        std::fs::write(staging.join(MARKER), "").unwrap();
        write_site(&d.join("public"), &[Output::new("a.html", "1")]).unwrap();
        assert!(
            staging.exists(),
            "another build's staging folder is left alone"
        );
        other.kill().unwrap();
        other.wait().unwrap();
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn refuses_foreign_and_input_folders() {
        let d = tmp("refuse");
        std::fs::create_dir_all(d.join("mine")).unwrap();
        std::fs::write(d.join("mine/notes.txt"), "precious").unwrap();
        assert!(check_output_dir(&d.join("mine"), &[]).is_err());
        assert!(check_output_dir(Path::new("/"), &[]).is_err());
        let seeds = d.join("site/seeds");
        assert!(check_output_dir(&d.join("site"), &[&seeds]).is_err());
        assert!(check_output_dir(&seeds, &[&seeds]).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
