//! Keep the replaced site's folders for the next build's staging folder.
//!
//! A build swaps a whole new folder tree into place, so it used to make
//! every folder of the site (one per page) and remove every folder of the
//! previous site. On ext4 that churn was the biggest cost of building a
//! small site: a new folder's inode is found by scanning past the inodes
//! freed in the last minutes, and each build freed as many as it needed.
//!
//! So the replaced site is not removed but kept beside the output folder
//! as `.<name>.recap-spare`, and the next build takes it as its staging
//! folder. Its folders are kept and filled again. Its files are mostly hard
//! links shared with the live site: one that still is, where the new site
//! has the same bytes, stays as it is; any other is unlinked before its
//! path is written (never written through: the live site must stay as it
//! was). Files and folders the new site does not have are removed before
//! the swap. Unlinking every file and linking it again had been the
//! longest step before parsing began on the sample site. A build that
//! finds no spare (the first one, or one racing another build) starts from
//! an empty folder as before.

use super::MARKER;
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What a spare folder taken as the staging folder still holds.
#[derive(Debug, Default)]
pub struct Recycled {
    /// Its folders below the staging folder, children first.
    pub folders: Vec<PathBuf>,
    /// Its files (the marker aside), each to be kept, replaced or removed.
    pub files: HashSet<PathBuf>,
    /// Its folders that held nothing to keep when taken.
    pub bare: Vec<PathBuf>,
}

/// The spare folder kept beside the output folder `name`.
pub fn spare_path(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!(".{name}.recap-spare"))
}

/// Move the spare folder (if there is one recap made) to `dir` and list
/// what it holds, removing anything but folders and plain files (never
/// following links). `None` when there was no spare.
pub fn take_spare(spare: &Path, dir: &Path) -> io::Result<Option<Recycled>> {
    let ours = fs::symlink_metadata(spare).is_ok_and(|m| m.is_dir())
        && fs::symlink_metadata(spare.join(MARKER)).is_ok_and(|m| m.is_file());
    if !ours {
        return Ok(None);
    }
    // Another build may take it first; then this one starts afresh.
    if fs::rename(spare, dir).is_err() {
        return Ok(None);
    }
    let mut found = Recycled::default();
    list(dir, true, &mut found)?;
    Ok(Some(found))
}

fn list(dir: &Path, top: bool, found: &mut Recycled) -> io::Result<()> {
    let mut kept = 0;
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list(&path, false, found)?;
            found.folders.push(path);
        } else if top && entry.file_name() == MARKER {
        } else if kind.is_file() {
            found.files.insert(path);
        } else {
            fs::remove_file(&path)?;
            continue;
        }
        kept += 1;
    }
    if kept == 0 && !top {
        found.bare.push(dir.to_path_buf());
    }
    Ok(())
}

/// Remove the files of a recycled tree this build did not write
/// (`stale`), then the folders it left empty. A fresh build makes folders
/// only for the files in them, so this leaves the same tree. Only a bare
/// folder, one that held a stale file, or a folder above one of those can
/// be empty now: the others are not tried (one failing `rmdir` per page
/// folder otherwise).
pub fn prune(found: &Recycled, stale: &HashSet<PathBuf>) -> io::Result<()> {
    for f in stale {
        super::reuse::remove_if_there(f)?;
    }
    let maybe_empty: HashSet<&Path> = stale
        .iter()
        .flat_map(|f| f.ancestors().skip(1))
        .chain(found.bare.iter().flat_map(|d| d.ancestors()))
        .collect();
    for f in found
        .folders
        .iter()
        .filter(|f| maybe_empty.contains(f.as_path()))
    {
        match fs::remove_dir(f) {
            Ok(()) => {}
            // Not empty, or replaced by a file of the new site.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::DirectoryNotEmpty
                        | io::ErrorKind::NotFound
                        | io::ErrorKind::NotADirectory
                ) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Keep the replaced site `old` as the spare folder, or remove it when it
/// is not recap's or a spare is already there (from a build that raced
/// this one).
pub fn keep_spare(old: &Path, spare: &Path) -> io::Result<()> {
    if old.join(MARKER).is_file() && !spare.exists() && fs::rename(old, spare).is_ok() {
        return Ok(());
    }
    fs::remove_dir_all(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> crate::TestDir {
        crate::empty_test_dir("recycle", name)
    }

    #[test]
    fn a_spare_lists_its_files_and_folders_and_drops_links() {
        let d = tmp("take");
        let spare = d.join(".public.recap-spare");
        fs::create_dir_all(spare.join("a/b")).unwrap();
        fs::create_dir_all(spare.join("c")).unwrap();
        fs::write(spare.join(MARKER), "m").unwrap();
        fs::write(spare.join("index.html"), "x").unwrap();
        fs::write(spare.join("a/b/index.html"), "y").unwrap();
        let outside = d.join("outside");
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("keep.txt"), "keep").unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("c/link")).unwrap();

        let dir = d.join("new");
        let found = take_spare(&spare, &dir).unwrap().unwrap();
        assert!(!spare.exists());
        assert!(dir.join(MARKER).is_file(), "the marker stays");
        let mut files: Vec<_> = found.files.iter().cloned().collect();
        files.sort();
        assert_eq!(files, [dir.join("a/b/index.html"), dir.join("index.html")]);
        assert!(fs::symlink_metadata(dir.join("c/link")).is_err());
        assert!(outside.join("keep.txt").exists(), "links are not followed");
        let folders = &found.folders;
        let b = folders.iter().position(|f| f.ends_with("a/b")).unwrap();
        let a = folders.iter().position(|f| f.ends_with("a")).unwrap();
        assert!(b < a, "children first: {folders:?}");

        // The build wrote `a/b/index.html` again and not `index.html`.
        let stale: HashSet<PathBuf> = [dir.join("index.html")].into();
        prune(&found, &stale).unwrap();
        assert!(dir.join("a/b/index.html").is_file());
        assert!(!dir.join("index.html").exists(), "stale files go");
        assert!(!dir.join("c").exists(), "unused folders go");
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn only_recaps_own_spare_is_taken() {
        let d = tmp("foreign");
        let spare = d.join(".public.recap-spare");
        fs::create_dir_all(&spare).unwrap();
        fs::write(spare.join("notes.txt"), "mine").unwrap();
        assert!(take_spare(&spare, &d.join("new")).unwrap().is_none());
        assert!(spare.join("notes.txt").exists());
        assert!(take_spare(&d.join("none"), &d.join("new"))
            .unwrap()
            .is_none());
        fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn the_old_site_becomes_the_spare_unless_one_is_there() {
        let d = tmp("keep");
        let spare = d.join(".public.recap-spare");
        for old in ["old1", "old2"] {
            fs::create_dir_all(d.join(old)).unwrap();
            fs::write(d.join(old).join(MARKER), "m").unwrap();
            fs::write(d.join(old).join("page.html"), old).unwrap();
        }
        keep_spare(&d.join("old1"), &spare).unwrap();
        assert_eq!(fs::read_to_string(spare.join("page.html")).unwrap(), "old1");
        keep_spare(&d.join("old2"), &spare).unwrap();
        assert!(!d.join("old2").exists(), "a second old site is removed");
        assert_eq!(fs::read_to_string(spare.join("page.html")).unwrap(), "old1");
        // A folder without the marker is never kept.
        fs::create_dir_all(d.join("plain")).unwrap();
        fs::remove_dir_all(&spare).unwrap();
        keep_spare(&d.join("plain"), &spare).unwrap();
        assert!(!spare.exists() && !d.join("plain").exists());
        fs::remove_dir_all(&d).unwrap();
    }
}
