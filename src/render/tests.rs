use super::*;
use crate::config::SiteConfig;

/// `recap bundle` rewrites each page as it is rendered, with the
/// site's pages foreseen before the first one is made: they must be
/// exactly the pages the render makes (HTML pages and static files).
#[test]
fn page_paths_foresee_every_page_the_render_makes() {
    let opts = crate::build::BuildOptions::default();
    let config = opts.site_config().unwrap();
    let theme = Theme::load(&opts.theme_dir(&config), &opts.templates_dir(), &config).unwrap();
    let (site, outputs, _) = crate::build::build_in_memory(&opts).unwrap();
    let html = |p: &&str| p.ends_with(".html") || p.starts_with("static/");
    let made: std::collections::BTreeSet<&str> = outputs
        .iter()
        .map(|o| o.path.as_str())
        .filter(html)
        .collect();
    let foreseen = page_paths(&site, &theme).unwrap();
    let foreseen: std::collections::BTreeSet<&str> =
        foreseen.iter().map(String::as_str).filter(html).collect();
    assert!(made.len() > 100, "{}", made.len());
    assert!(made.contains("search/index.html") && made.contains("about/index.html"));
    assert_eq!(made, foreseen);
}

/// Contexts are reused from page to page: nothing of one page may
/// reach the next, and a common variable a page hides comes back.
#[test]
fn a_page_variables_do_not_reach_the_next_page() {
    let d = with_template(
        "contexts",
        "p.html",
        "{{ current_url }}|{% if extra is defined %}{{ extra }}{% endif %}|{{ has_code }}",
    );
    let config = SiteConfig::default();
    let theme = Theme::load(&d, &d.join("none"), &config).unwrap();
    let site = crate::enrich::enrich(Default::default(), Default::default(), config);
    let common = Common::new(&site, &theme, Features::default()).unwrap();
    #[derive(Serialize)]
    struct Extra {
        extra: &'static str,
        has_code: bool,
    }
    let page = |url: &str, extra: Option<Extra>| {
        let out = match extra {
            Some(vars) => render_page(&theme, &common, "p.html", url, &vars),
            None => render_page(&theme, &common, "p.html", url, &Nothing {}),
        };
        String::from_utf8(out.unwrap().bytes).unwrap()
    };
    let with = || Extra {
        extra: "x",
        has_code: true,
    };
    assert_eq!(page("/a/", Some(with())), "/a/|x|true");
    assert_eq!(page("/b/", None), "/b/||false");
    // The same from several threads at once.
    let pages: Vec<String> = (0..64)
        .into_par_iter()
        .map(|i| page(&format!("/{i}/"), (i % 2 == 0).then(with)))
        .collect();
    for (i, html) in pages.iter().enumerate() {
        let want = if i % 2 == 0 { "x|true" } else { "|false" };
        assert_eq!(*html, format!("/{i}/|{want}"));
    }
    std::fs::remove_dir_all(&d).unwrap();
}

/// A site whose `session.html` loops over `session.sections` gets them;
/// the default theme prints recap's timeline and is not given them.
#[test]
fn a_session_template_that_loops_over_sections_gets_them() {
    let d = with_template(
        "sections",
        "session.html",
        "{% for sec in session.sections %}[{{ sec.id }}:{{ sec.entries | length }}]{% endfor %}\
         |{{ session.timeline | length }}",
    );
    let here = std::env::current_dir().unwrap();
    let opts = crate::build::BuildOptions {
        root: d.clone(),
        seeds: here.join("seeds"),
        content: here.join("content"),
        theme: Some(here.join("themes/default")),
        ..Default::default()
    };
    let (_, outputs, _) = crate::build::build_in_memory(&opts).unwrap();
    let page = |outputs: &[Output]| {
        let o = outputs
            .iter()
            .find(|o| o.path == "sessions/amazon-connect/index.html")
            .unwrap();
        String::from_utf8(o.bytes.clone()).unwrap()
    };
    let looped = page(&outputs);
    assert!(looped.starts_with("[sec-1:3][sec-2:"), "{looped}");
    let timeline_bytes: usize = looped.rsplit('|').next().unwrap().parse().unwrap();
    assert!(timeline_bytes > 1000, "{looped}");

    let (_, outputs, _) = crate::build::build_in_memory(&Default::default()).unwrap();
    let default = page(&outputs);
    assert!(default.contains("<ol class=\"tl-entries\">"));
    let theme = Theme::load(
        std::path::Path::new("themes/default"),
        &d.join("none"),
        &SiteConfig::default(),
    )
    .unwrap();
    assert!(!theme.session_loops_sections());
}

/// A fresh folder for test `name` whose `templates/` holds `file`.
fn with_template(name: &str, file: &str, text: &str) -> crate::TestDir {
    let d = crate::empty_test_dir("render", name);
    std::fs::create_dir_all(d.join("templates")).unwrap();
    std::fs::write(d.join("templates").join(file), text).unwrap();
    d
}
