//! The bundle's rewriting, and its two ways of writing a site.

use super::*;

fn known() -> HashSet<&'static str> {
    [
        "index.html",
        "sessions/a/index.html",
        "about/index.html",
        "static/style.css",
        "static/favicon.svg",
        "search/index.html",
        "feed.xml",
    ]
    .into_iter()
    .collect()
}

#[test]
fn relative_paths_between_outputs() {
    assert_eq!(
        relative_path("index.html", "sessions/a/index.html"),
        "sessions/a/index.html"
    );
    assert_eq!(
        relative_path("sessions/a/index.html", "index.html"),
        "../../index.html"
    );
    assert_eq!(
        relative_path("sessions/a/index.html", "sessions/b/index.html"),
        "../b/index.html"
    );
    assert_eq!(
        relative_path("sessions/a/index.html", "sessions/a/index.html"),
        "index.html"
    );
    assert_eq!(
        relative_path("static/style.css", "static/favicon.svg"),
        "favicon.svg"
    );
}

#[test]
fn root_relative_urls_become_relative_with_index_html() {
    let k = known();
    let r = |from, url| relative_url(from, url, &k);
    assert_eq!(
        r("sessions/a/index.html", "/").as_deref(),
        Some("../../index.html")
    );
    assert_eq!(
        r("index.html", "/sessions/a/#t-1m15s").as_deref(),
        Some("sessions/a/index.html#t-1m15s")
    );
    assert_eq!(
        r("sessions/a/index.html", "/about").as_deref(),
        Some("../../about/index.html")
    );
    assert_eq!(
        r("sessions/a/index.html", "/search/?q=x").as_deref(),
        Some("../../search/index.html?q=x")
    );
    assert_eq!(r("index.html", "/feed.xml").as_deref(), Some("feed.xml"));
    assert_eq!(r("index.html", "https://x.org/a"), None);
    assert_eq!(r("index.html", "//cdn.x.org/a.js"), None);
    assert_eq!(r("index.html", "#main"), None);
    assert_eq!(r("index.html", "mailto:a@b.c"), None);
}

#[test]
fn rewrites_html_attributes_but_not_text_or_scripts() {
    let k = known();
    let html = r#"<!DOCTYPE html><html><head><link rel="canonical" href="https://x.org/sessions/a/">
<link rel=stylesheet href=/static/style.css><script>var u = "/sessions/a/";</script>
<style>body{background:url(/static/favicon.svg)}</style></head>
<body><a href="/">home</a> <p>see href="/x"</p><!-- <a href="/"> -->
<form action="/search/"><input name=q></form><img srcset="/static/favicon.svg 1x, /static/favicon.svg 2x" src='/static/favicon.svg'>
<div style="background-image: url('/static/favicon.svg')"></div></body></html>"#;
    let mut rep = BundleReport::default();
    let out = rewrite_html("sessions/a/index.html", html, &k, &mut rep).unwrap();
    assert!(out.contains(r#"href="https://x.org/sessions/a/""#), "{out}");
    assert!(out.contains(r#"href="../../static/style.css""#), "{out}");
    assert!(out.contains(r#"var u = "/sessions/a/";"#), "{out}");
    assert!(out.contains("url(../../static/favicon.svg)"), "{out}");
    assert!(out.contains(r#"<a href="../../index.html">"#), "{out}");
    assert!(out.contains(r#"see href="/x""#), "{out}");
    assert!(out.contains(r#"<!-- <a href="/"> -->"#), "{out}");
    assert!(out.contains(r#"action="../../search/index.html""#), "{out}");
    assert!(
        out.contains(r#"srcset="../../static/favicon.svg 1x, ../../static/favicon.svg 2x""#),
        "{out}"
    );
    assert!(out.contains("url('../../static/favicon.svg')"), "{out}");
    assert_eq!(rep.rewritten, 8);
}

#[test]
fn warns_about_network_loads() {
    let mut rep = BundleReport::default();
    rewrite_html(
        "index.html",
        r#"<script src="https://cdn.example/x.js"></script><a href="https://example.org">x</a>"#,
        &known(),
        &mut rep,
    )
    .unwrap();
    assert_eq!(
        rep.warnings,
        vec!["index.html: loads https://cdn.example/x.js from the network"]
    );
}

#[test]
fn css_urls_and_imports_are_relative_to_the_stylesheet() {
    let (css, n) = rewrite_css(
        "static/style.css",
        r#"@import "/static/x.css"; a{b:url( "/static/favicon.svg" )} c{d:url(data:image/png;base64,xx)}"#,
        &known(),
    );
    assert_eq!(n, 2);
    assert!(css.contains(r#"@import "x.css""#), "{css}");
    assert!(css.contains(r#"url( "favicon.svg" )"#), "{css}");
    assert!(css.contains("url(data:image/png;base64,xx)"), "{css}");
}

#[test]
fn meta_refresh_is_rewritten() {
    let mut rep = BundleReport::default();
    let out = rewrite_html(
        "old/index.html",
        r#"<meta http-equiv="refresh" content="0; url=/sessions/a/">"#,
        &known(),
        &mut rep,
    )
    .unwrap();
    assert!(
        out.contains(r#"content="0; url=../sessions/a/index.html""#),
        "{out}"
    );
}

/// A folder of the test's own under the system's temporary folder.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("recap-bundle-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn a_render_with_unexpected_pages_falls_back_to_the_same_bundle_made_in_memory() {
    let model = Incremental::model_once(BuildOptions::default(), &mut |_| {}).unwrap();
    let (site, theme) = (model.site().unwrap(), model.theme().unwrap());
    let expected = render::page_paths(site, theme).unwrap();
    let dir = scratch("fallback");
    let (streamed, whole) = (dir.join("streamed"), dir.join("whole"));

    // A page the list did not have: nothing is written, so `run` can make
    // the bundle again from the whole site.
    let short: Vec<String> = expected
        .iter()
        .filter(|p| *p != "about/index.html")
        .cloned()
        .collect();
    assert!(short.len() < expected.len());
    assert!(write_streamed(site, theme, &streamed, &short)
        .unwrap()
        .is_none());
    assert!(!streamed.exists(), "a bundle left half made");

    let (paths, report) = write_streamed(site, theme, &streamed, &expected)
        .unwrap()
        .expect("the pages listed are the pages made");
    let (whole_paths, whole_report) = write_whole(site, theme, &whole).unwrap();
    assert_eq!(paths, whole_paths);
    assert_eq!(report.rewritten, whole_report.rewritten);
    assert!(report.rewritten > 100, "{}", report.rewritten);
    assert_eq!(report.warnings, whole_report.warnings);
    for p in &paths {
        let a = std::fs::read(streamed.join(p)).unwrap();
        let b = std::fs::read(whole.join(p)).unwrap();
        assert!(a == b, "{p} differs between the two ways");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
