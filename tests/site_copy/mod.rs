//! A temporary copy of the sample site, for tests that edit it.

use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &dest).unwrap();
            // The sample recaps are read-only in the repository.
            let mut perms = std::fs::metadata(&dest).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&dest, perms).unwrap();
        }
    }
}

/// A fresh copy of seeds/, content/ and themes/ in a temporary folder.
pub fn site_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recap-serve-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for part in ["seeds", "content", "themes"] {
        copy_dir(&repo().join(part), &dir.join(part));
    }
    dir
}
