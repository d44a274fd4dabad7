//! Builds the sample site (seeds, content, default theme) and crawls it like
//! a reader would: every internal link and fragment must land somewhere,
//! and every timestamp written in a recap must be linkable on its page.

use lol_html::{element, HtmlRewriter, Settings};
use recap::model::time_anchor;
use recap::BuildOptions;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp_out(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("recap-site-links-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// Build the repository's sample site into a fresh temporary folder.
fn build_sample(name: &str) -> PathBuf {
    let out = temp_out(name);
    let opts = BuildOptions {
        root: repo(),
        out: Some(out.clone()),
        ..BuildOptions::default()
    };
    let report = recap::build(&opts).expect("the sample site builds");
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    out
}

/// What one HTML page links to and which ids it has.
#[derive(Default)]
struct PageLinks {
    links: Vec<String>,
    ids: Vec<String>,
}

fn scan(html: &str) -> PageLinks {
    let found = RefCell::new(PageLinks::default());
    let mut rewriter = HtmlRewriter::new(
        Settings::new().append_element_content_handler(element!("*", |el| {
            let mut f = found.borrow_mut();
            for attr in ["href", "src"] {
                if let Some(v) = el.get_attribute(attr) {
                    f.links.push(unescape(&v));
                }
            }
            if let Some(id) = el.get_attribute("id") {
                f.ids.push(unescape(&id));
            }
            Ok(())
        })),
        |_: &[u8]| {},
    );
    rewriter.write(html.as_bytes()).unwrap();
    rewriter.end().unwrap();
    found.into_inner()
}

/// Attribute values as the browser sees them (lol_html gives them raw).
fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&#x2F;", "/")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn html_files(out: &Path) -> BTreeMap<String, String> {
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(out).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read_to_string(e.path()).unwrap())
        })
        .collect()
}

/// The file a root-relative URL path is served from, if it exists.
fn resolve(out: &Path, path: &str) -> Option<String> {
    let rel = path.trim_start_matches('/');
    let candidate = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else if out.join(rel).is_dir() {
        format!("{rel}/index.html")
    } else {
        rel.to_string()
    };
    out.join(&candidate).is_file().then_some(candidate)
}

#[test]
fn every_internal_link_and_fragment_resolves() {
    let out = build_sample("crawl");
    let pages = html_files(&out);
    assert!(pages.contains_key("index.html"));
    assert!(pages.contains_key("404.html"));
    assert!(pages.contains_key("about/index.html"));
    let scanned: BTreeMap<&str, PageLinks> = pages
        .iter()
        .map(|(p, html)| (p.as_str(), scan(html)))
        .collect();
    let mut broken = Vec::new();
    for (page, found) in &scanned {
        let mut seen = BTreeSet::new();
        for id in &found.ids {
            if !seen.insert(id) {
                broken.push(format!("{page}: duplicate id `{id}`"));
            }
        }
        for link in &found.links {
            let external = link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
                || link.starts_with("//");
            if external {
                continue;
            }
            assert!(
                link.starts_with('/') || link.starts_with('#'),
                "{page}: link `{link}` is neither root-relative nor a fragment"
            );
            let (path, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                Some(page.to_string())
            } else {
                resolve(&out, path)
            };
            let Some(target) = target else {
                broken.push(format!("{page}: `{link}` points to no file"));
                continue;
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let has_id = scanned
                    .get(target.as_str())
                    .is_some_and(|t| t.ids.iter().any(|id| id == fragment));
                if !has_id {
                    broken.push(format!("{page}: `{link}`: no id `{fragment}` in {target}"));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    std::fs::remove_dir_all(&out).unwrap();
}

/// `1:35:00` → 5700, `21:30` → 1290 (two parts are minutes and seconds).
fn seconds(t: &str) -> u32 {
    let parts: Vec<u32> = t.split(':').map(|p| p.parse().unwrap()).collect();
    match parts[..] {
        [m, s] => m * 60 + s,
        [h, m, s] => h * 3600 + m * 60 + s,
        _ => panic!("not a time: {t}"),
    }
}

/// Every time a recap line starts with: `00:00:00 - …`, `0:00-1:30 - …`,
/// `[00:00 - 05:30]`, `### heading (00:00 - 03:30)`, `- **00:00** - …`.
fn timestamps(text: &str) -> Vec<(usize, u32)> {
    let time = r"(\d{1,2}:\d{2}(?::\d{2})?)";
    let patterns = [
        format!(r"^{time}\s*(?:[-–—~]|\s)"),
        format!(r"^\[{time}\s*[-–—~]"),
        format!(r"^#{{2,6}}\s.*[(\[（【]{time}\s*[-–—~]"),
        format!(r"^\s*[-*]\s+\*\*\[?{time}\]?\*\*"),
    ];
    let res: Vec<regex::Regex> = patterns
        .iter()
        .map(|p| regex::Regex::new(p).unwrap())
        .collect();
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(c) = res.iter().find_map(|re| re.captures(line)) {
            found.push((n + 1, seconds(&c[1])));
        }
    }
    found
}

#[test]
fn every_timestamp_in_every_seed_is_an_anchor_on_its_page() {
    let out = build_sample("anchors");
    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/site.json")).unwrap())
            .unwrap();
    let urls: BTreeMap<&str, &str> = data["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["source"].as_str().unwrap(), s["url"].as_str().unwrap()))
        .collect();
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(repo().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    let mut missing = Vec::new();
    let mut checked = 0;
    for seed in &seeds {
        let name = seed.file_name().unwrap().to_string_lossy().to_string();
        let url = urls
            .get(name.as_str())
            .unwrap_or_else(|| panic!("{name} is not in site.json"));
        let file = resolve(&out, url).unwrap_or_else(|| panic!("{url} was not written"));
        let ids: BTreeSet<String> = scan(&std::fs::read_to_string(out.join(&file)).unwrap())
            .ids
            .into_iter()
            .collect();
        let text = std::fs::read_to_string(seed).unwrap();
        let stamps = timestamps(&text);
        assert!(
            stamps.len() >= 10,
            "{name}: only {} timestamps found",
            stamps.len()
        );
        for (line, t) in stamps {
            checked += 1;
            let anchor = time_anchor(t);
            if !ids.contains(&anchor) {
                missing.push(format!(
                    "{name}:{line}: no element with id `{anchor}` in {file}"
                ));
            }
        }
    }
    assert!(checked > 200, "only {checked} timestamps checked");
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn markup_in_a_recap_is_shown_as_text() {
    let dir = temp_out("xss-input");
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(
        dir.join("seeds/evil.txt"),
        "# Conf 2025 分会场总结：<script>alert(1)</script>\n\n## 会议概述\n\n\
         概述里有 <img src=x onerror=alert(2)> 和 \"引号\" & 符号。\n\n## 时间线\n\n\
         00:00 - <b>开场</b>\n- 要点 <script>alert(3)</script>\n",
    )
    .unwrap();
    let out = dir.join("public");
    let opts = BuildOptions {
        root: dir.clone(),
        theme: Some(repo().join("themes/default")),
        out: Some(out.clone()),
        ..BuildOptions::default()
    };
    recap::build(&opts).unwrap();
    let mut pages = 0;
    for (path, html) in html_files(&out) {
        pages += 1;
        assert!(
            !html.contains("<script>alert"),
            "{path} runs a recap's script"
        );
        assert!(!html.contains("<img src=x"), "{path} has a recap's img tag");
        assert!(!html.contains("<b>开场"), "{path} has a recap's b tag");
    }
    assert!(pages >= 3);
    let session = std::fs::read_dir(out.join("sessions"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap();
    let html = std::fs::read_to_string(session.path().join("index.html")).unwrap();
    assert!(
        html.contains("&lt;script&gt;alert(3)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains("&lt;b&gt;开场&lt;/b&gt;"), "{html}");
    std::fs::remove_dir_all(&dir).unwrap();
}
