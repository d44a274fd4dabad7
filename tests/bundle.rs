//! `recap bundle` end to end: the offline site of the sample recaps, checked
//! the way a browser opening it from `file://` would resolve it.

mod common;
mod sites;
use sites::site_copy;

use regex::Regex;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

fn recap(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run recap")
}

fn files_under(dir: &Path) -> BTreeSet<String> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect()
}

#[test]
fn every_link_of_the_bundle_resolves_on_disk_relative_to_its_page() {
    let dir = site_copy("links");
    let out = recap(&dir, &["bundle", "--out", "offline", "--zip", "site.zip"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bundle = dir.join("offline");
    let files = files_under(&bundle);
    assert!(files.contains("index.html") && files.contains("search/index.html"));

    let attr =
        Regex::new(r#"\s(href|src|action|poster|formaction|srcset)\s*=\s*"([^"]*)""#).unwrap();
    let css_url = Regex::new(r#"url\(\s*["']?([^"')]+)["']?\s*\)"#).unwrap();
    let mut checked = 0;
    let mut problems = Vec::new();
    for page in files
        .iter()
        .filter(|f| f.ends_with(".html") || f.ends_with(".css"))
    {
        let text = std::fs::read_to_string(bundle.join(page)).unwrap();
        assert!(
            !text.contains("__recap-live"),
            "{page}: the live-reload script is serve-only"
        );
        let mut urls: Vec<String> = Vec::new();
        if page.ends_with(".html") {
            for c in attr.captures_iter(&text) {
                if &c[1] == "srcset" {
                    urls.extend(
                        c[2].split(',')
                            .filter_map(|s| s.split_whitespace().next())
                            .map(String::from),
                    );
                } else {
                    urls.push(c[2].to_string());
                }
            }
        }
        urls.extend(css_url.captures_iter(&text).map(|c| c[1].to_string()));
        let dir_of_page = page.rsplit_once('/').map_or("", |(d, _)| d);
        for url in urls {
            let lower = url.to_ascii_lowercase();
            if url.is_empty()
                || url.starts_with('#')
                || ["http://", "https://", "mailto:", "data:", "javascript:"]
                    .iter()
                    .any(|s| lower.starts_with(s))
            {
                continue;
            }
            checked += 1;
            if url.starts_with('/') {
                problems.push(format!("{page}: `{url}` starts with /"));
                continue;
            }
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (url.as_str(), None),
            };
            let path = path.split('?').next().unwrap();
            if path.ends_with('/') || path.is_empty() {
                problems.push(format!(
                    "{page}: `{url}` names a folder, not its index.html"
                ));
                continue;
            }
            let Some(target) = recap::check::normalize(&format!("{dir_of_page}/{path}")) else {
                problems.push(format!("{page}: `{url}` leaves the bundle"));
                continue;
            };
            let target_path = bundle.join(&target);
            if !target_path.is_file() {
                problems.push(format!("{page}: `{url}` → {target} does not exist"));
                continue;
            }
            if let (Some(f), true) = (fragment, target.ends_with(".html")) {
                let html = std::fs::read_to_string(&target_path).unwrap();
                if !f.is_empty() && !html.contains(&format!("id=\"{f}\"")) {
                    problems.push(format!("{page}: `{url}`: no id `{f}` in {target}"));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    assert!(
        checked > 100,
        "only {checked} links checked: did the crawl find the pages?"
    );

    // The search page loads its index and script with relative <script src>.
    let search = std::fs::read_to_string(bundle.join("search/index.html")).unwrap();
    assert!(
        search.contains(r#"src="search-index.js""#),
        "search index relative to the page"
    );
    assert!(search.contains(r#"src="../static/search.js""#));

    // The zip holds the same files.
    let zip_bytes = std::fs::read(dir.join("site.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(zip_bytes)).expect("a readable zip");
    let names: BTreeSet<String> = (0..zip.len())
        .map(|i| zip.by_index(i).unwrap().name().to_string())
        .filter(|n| !n.ends_with('/'))
        .collect();
    let mut on_disk = files.clone();
    on_disk.remove(".recap-output");
    assert_eq!(names, on_disk);
    let mut index = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("index.html").unwrap(), &mut index).unwrap();
    assert_eq!(
        index,
        std::fs::read_to_string(bundle.join("index.html")).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_zip_is_byte_for_byte_reproducible() {
    let dir = site_copy("repro");
    for (out, zip) in [("one", "one.zip"), ("two", "two.zip")] {
        let r = recap(&dir, &["-q", "bundle", "--out", out, "--zip", zip]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    let one = std::fs::read(dir.join("one.zip")).unwrap();
    assert_eq!(one, std::fs::read(dir.join("two.zip")).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn refuses_to_bundle_over_inputs_or_foreign_folders() {
    let dir = site_copy("refuse");
    let before = files_under(&dir.join("seeds"));
    for out in ["seeds", "content", ".", "themes/default"] {
        let r = recap(&dir, &["bundle", "--out", out]);
        assert!(!r.status.success(), "bundle --out {out} was allowed");
        assert!(
            String::from_utf8_lossy(&r.stderr).contains("refusing"),
            "{out}"
        );
    }
    std::fs::create_dir_all(dir.join("mine")).unwrap();
    std::fs::write(dir.join("mine/notes.txt"), "keep").unwrap();
    let r = recap(&dir, &["bundle", "--out", "mine"]);
    assert!(!r.status.success());
    assert_eq!(
        std::fs::read_to_string(dir.join("mine/notes.txt")).unwrap(),
        "keep"
    );
    assert_eq!(files_under(&dir.join("seeds")), before);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_bundle_works_in_a_browser_from_file_urls() {
    let Some((tests, chromium)) = common::browser_tests("browser test of the bundle") else {
        return;
    };
    let dir = site_copy("browser");
    let out = recap(&dir, &["-q", "bundle", "--out", "offline"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let status = Command::new("node")
        .arg(tests.join("bundle.mjs"))
        .arg(dir.join("offline"))
        .env("CHROMIUM", &chromium)
        .status()
        .expect("run node tests/browser/bundle.mjs");
    assert!(
        status.success(),
        "the bundle failed in the browser (see the list above)"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
