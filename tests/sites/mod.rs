//! Helpers for the tests that build a copy of the sample site with
//! something added, run the `recap` binary on it and read what it wrote.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

pub struct Tmp(pub PathBuf);

impl Tmp {
    pub fn new(name: &str) -> Tmp {
        let d = std::env::temp_dir().join(format!("recap-site-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        Tmp(d)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if e.file_type().is_file() {
            std::fs::copy(e.path(), &target).unwrap();
            // The sample recaps are read-only in the repository.
            let mut perms = std::fs::metadata(&target).unwrap().permissions();
            #[allow(clippy::permissions_set_readonly_false)]
            perms.set_readonly(false);
            std::fs::set_permissions(&target, perms).unwrap();
        }
    }
}

/// A fresh copy of seeds/, content/ and themes/ in a temporary folder of
/// its own (the test removes it).
pub fn site_copy(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("recap-copy-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    for part in ["seeds", "content", "themes"] {
        copy_dir(&Path::new(ROOT).join(part), &dir.join(part));
    }
    dir
}

/// The session folders of a built site, sorted.
pub fn session_dirs(out: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(out.join("sessions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// A site folder with copies of the sample seeds, content and theme.
pub fn site(tmp: &Tmp) -> PathBuf {
    let s = tmp.0.join("site");
    for d in ["seeds", "content", "themes/default"] {
        copy_dir(&Path::new(ROOT).join(d), &s.join(d));
    }
    s
}

/// A site as [`site`] makes it, with `text` written at `rel` in it, built:
/// the site's folder, and what the build said on stderr.
pub fn build_with(tmp: &Tmp, rel: &str, text: &str) -> (PathBuf, Output) {
    let s = site(tmp);
    std::fs::write(s.join(rel), text).unwrap();
    let o = recap(&s, &["build"]);
    (s, o)
}

pub fn recap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recap"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .expect("run recap")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn html_files(dir: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read_to_string(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The session made from the recap `source` (its path in the seeds folder),
/// as `data/site.json` in the built site `out` exports it.
pub fn exported_session(out: &Path, source: &str) -> serde_json::Value {
    let data: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join("data/site.json")).unwrap()).unwrap();
    data["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == source)
        .unwrap_or_else(|| panic!("no session from {source} in the export"))
        .clone()
}
