//! `recap serve` end to end: the real binary on a free port, serving a
//! temporary copy of the sample site; pages, content types, 404s, path
//! traversal, live rebuild with a reload event, and the error overlay.

mod common;
mod serving;
mod sites;
use serving::{Events, Server, PATIENCE};
use sites::site_copy;

use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn serves_pages_with_content_types_redirects_and_404() {
    let server = Server::start(site_copy("pages"));
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = home.text();
    assert!(
        html.contains("__recap-live"),
        "the reload script is injected"
    );
    let script = html.find("__recap-live").unwrap();
    assert!(script < html.rfind("</body>").unwrap(), "…before </body>");

    let (url, _) = server.first_session();
    let page = server.get(&url);
    assert_eq!(page.status, 200);
    let folder = server.get(url.trim_end_matches('/'));
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), Some(url.as_str()));

    for (path, ctype) in [
        ("/static/style.css", "text/css; charset=utf-8"),
        ("/static/search.js", "application/javascript; charset=utf-8"),
        ("/static/favicon.svg", "image/svg+xml"),
        ("/feed.xml", "application/atom+xml"),
        ("/sitemap.xml", "application/xml"),
        ("/data/site.json", "application/json"),
    ] {
        let r = server.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("content-type"), Some(ctype), "{path}");
        assert!(
            !r.text().contains("__recap-live"),
            "{path}: only HTML gets the script"
        );
    }

    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert_eq!(
        missing.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let own = server.get("/404.html");
    assert_eq!(own.status, 200);
    assert_eq!(
        missing.text(),
        own.text(),
        "the site's own 404 page is served"
    );

    // Feed and sitemap point at the preview, not at the production host.
    let feed = server.get("/feed.xml").text();
    assert!(feed.contains(&format!("http://{}/", server.addr)), "{feed}");

    // The data export, streamed as it is made, is the built file.
    let opts = recap::BuildOptions {
        root: server.dir.clone(),
        base_url: Some(format!("http://{}", server.addr)),
        ..recap::BuildOptions::default()
    };
    let built = recap::build_in_memory(&opts).unwrap().1;
    let export = built.iter().find(|o| o.path == "data/site.json").unwrap();
    assert!(server.get("/data/site.json").body == export.bytes);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly_even_with_a_browser_listening() {
    let mut server = Server::start(site_copy("stop"));
    let mut events = server.events();
    events.wait_for("the current status", |_| true);
    let pid = server.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(s) = server.child.try_wait().unwrap() {
            break s;
        }
        assert!(
            Instant::now() < deadline,
            "recap serve did not stop on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "exit status {status}");
    // The event stream was ended by the server, not left hanging.
    assert!(events
        .next(Instant::now() + Duration::from_secs(5))
        .is_none());
}

#[test]
fn never_serves_a_file_outside_the_site() {
    let dir = site_copy("traversal");
    // A secret beside the site, and symlinks to it from inside the inputs.
    let secret = dir.with_extension("secret.txt");
    std::fs::write(&secret, "TOP-SECRET-MARKER").unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(&secret, dir.join("themes/default/static/leak.txt")).unwrap();
        std::os::unix::fs::symlink(&secret, dir.join("seeds/zz-leak.txt")).unwrap();
        std::os::unix::fs::symlink("/etc", dir.join("themes/default/static/etc")).unwrap();
    }
    let server = Server::start(dir);
    let leaf = secret.file_name().unwrap().to_string_lossy().into_owned();
    for path in [
        "/../Cargo.toml".to_string(),
        "/%2e%2e/Cargo.toml".to_string(),
        "/%2e%2e%2fetc/passwd".to_string(),
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd".to_string(),
        "/static/..%2f..%2fCargo.toml".to_string(),
        "//etc/passwd".to_string(),
        "/%2F%2Fetc%2Fpasswd".to_string(),
        "/etc/passwd".to_string(),
        "/static/etc/passwd".to_string(),
        "/static/leak.txt".to_string(),
        format!("/../{leaf}"),
        format!("/%2e%2e/{leaf}"),
        "/static/%5c..%5c..%5cCargo.toml".to_string(),
        "/%00".to_string(),
    ] {
        let r = server.get(&path);
        assert!(matches!(r.status, 400 | 404), "{path}: status {}", r.status);
        let body = r.text();
        assert!(
            !body.contains("TOP-SECRET-MARKER"),
            "{path} leaked the secret"
        );
        assert!(!body.contains("root:x:0:0"), "{path} leaked /etc/passwd");
        assert!(!body.contains("[package]"), "{path} leaked Cargo.toml");
    }
    // And nothing the build made carries the secret either.
    let (url, _) = server.first_session();
    assert!(!server.get(&url).text().contains("TOP-SECRET-MARKER"));
    let _ = std::fs::remove_file(&secret);
}

/// The head of a 640 × 360 PNG: enough for recap to take it for one.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\x02\x80\0\0\x01\x68\x08\x02\0\0\0\0\0\0\0";

/// [`PNG`] and then `tag`, to tell one image from another.
fn png_tagged(tag: &str) -> Vec<u8> {
    [PNG, tag.as_bytes()].concat()
}

#[test]
fn images_a_recap_shows_are_served_and_no_other_file() {
    let dir = site_copy("images");
    std::fs::create_dir_all(dir.join("seeds/slides")).unwrap();
    std::fs::write(dir.join("seeds/slides/a.png"), png_tagged("A")).unwrap();
    std::fs::write(dir.join("seeds/slides/unshown.png"), b"UNSHOWN").unwrap();
    let server = Server::start(dir);
    let (url, source) = server.first_session();
    assert_eq!(
        server.get("/media/recaps/slides/a.png").status,
        404,
        "not shown yet"
    );
    let mut events = server.events();
    let generation = events.wait_for("the current status", |_| true)["generation"]
        .as_u64()
        .unwrap();
    server.edit(&format!("seeds/{source}"), |t| {
        let at = t.find("\n## ").unwrap();
        format!("{}\n![幻灯片](slides/a.png)\n{}", &t[..at], &t[at..])
    });
    let generation = events.next_generation("a new generation", generation);
    assert!(server
        .get(&url)
        .text()
        .contains("<img src=\"/media/recaps/slides/a.png\" alt=\"幻灯片\""));
    let image = server.get("/media/recaps/slides/a.png");
    assert_eq!(image.status, 200);
    assert_eq!(image.body, png_tagged("A"));
    assert_eq!(image.header("content-type"), Some("image/png"));
    // An image referred to before it is there shows once it is.
    server.edit(&format!("seeds/{source}"), |t| {
        t.replacen("slides/a.png", "slides/later.png", 1)
    });
    let generation = events.next_generation("the edit", generation);
    assert!(server
        .get(&url)
        .text()
        .contains("![幻灯片](slides/later.png)"));
    std::fs::write(
        server.dir.join("seeds/slides/later.png"),
        png_tagged("LATER"),
    )
    .unwrap();
    let generation = events.next_generation("the new image", generation);
    assert!(server
        .get(&url)
        .text()
        .contains("<img src=\"/media/recaps/slides/later.png\""));
    assert_eq!(
        server.get("/media/recaps/slides/later.png").body,
        png_tagged("LATER")
    );
    // A photo's smaller copy is served too, made from the photo as it is.
    let photo = image::RgbImage::from_fn(1000, 500, |x, y| image::Rgb([x as u8, y as u8, 9]));
    photo
        .save_with_format(
            server.dir.join("seeds/slides/later.png"),
            image::ImageFormat::Png,
        )
        .unwrap();
    events.next_generation("the photo", generation);
    assert!(server
        .get(&url)
        .text()
        .contains("/media/640w/recaps/slides/later.png 640w"));
    let copy = server.get("/media/640w/recaps/slides/later.png");
    assert_eq!(copy.status, 200);
    assert_eq!(imagesize::blob_size(&copy.body).unwrap().width, 640);
    for path in [
        "/media/recaps/slides/unshown.png",
        "/media/../Cargo.toml",
        "/media/%2e%2e/%2e%2e/Cargo.toml",
    ] {
        assert!(
            matches!(server.get(path).status, 400 | 404),
            "{path} is not served"
        );
    }
}

#[test]
fn editing_a_recap_rebuilds_and_reloads_the_browser() {
    let server = Server::start(site_copy("edit"));
    let (url, source) = server.first_session();
    let mut events = server.events();
    let first = events.wait_for("the current status", |_| true);
    assert_eq!(first["ok"], true);
    let generation = first["generation"].as_u64().unwrap();
    assert!(!server.get(&url).text().contains("LIVE-EDIT-MARKER"));

    server.edit(&format!("seeds/{source}"), |t| {
        // A new overview paragraph, right after the overview heading.
        let at = t
            .find("\n## ")
            .and_then(|h| t[h + 1..].find('\n').map(|n| h + 1 + n + 1))
            .unwrap();
        format!(
            "{}\nLIVE-EDIT-MARKER 出现在概述里。\n{}",
            &t[..at],
            &t[at..]
        )
    });
    let reload = events.wait_for("a new generation", |v| {
        v["generation"].as_u64().unwrap_or(0) > generation
    });
    assert_eq!(reload["ok"], true);
    assert_eq!(reload["errors"].as_array().unwrap().len(), 0);
    let page = server.get(&url).text();
    assert!(
        page.contains("LIVE-EDIT-MARKER"),
        "the rebuilt page is served"
    );
    assert!(
        page.contains(&format!("\"generation\":{}", reload["generation"])),
        "the page carries the generation it was built by"
    );
}

/// The first recap of the site copy `dir`, by file name.
fn first_recap(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
        .unwrap()
}

/// Recaps in a folder linked into `seeds/` are read and watched, and the
/// build's own reading of them is no change: the server stays quiet until
/// one is edited, rebuilds once, and is quiet again.
#[cfg(unix)]
#[test]
fn a_linked_folder_of_recaps_is_watched_and_quiet_until_edited() {
    let dir = site_copy("linked");
    let elsewhere = dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let first = first_recap(&dir);
    // With a picture beside it: the image's events made the server look
    // at its inputs again, and it lost sight of the linked files.
    let text = std::fs::read_to_string(&first).unwrap();
    let at = text.find("\n## ").unwrap();
    let text = format!(
        "{}\n\n![架构图](slides/arch.png)\n{}",
        &text[..at],
        &text[at..]
    );
    std::fs::write(elsewhere.join("linked.txt"), text).unwrap();
    std::fs::remove_file(&first).unwrap();
    std::fs::create_dir_all(elsewhere.join("slides")).unwrap();
    std::fs::write(elsewhere.join("slides/arch.png"), PNG).unwrap();
    std::os::unix::fs::symlink("../elsewhere", dir.join("seeds/more")).unwrap();
    let server = Server::start(dir);
    let r = server.get("/data/site.json");
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    let session = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"] == "more/linked.txt")
        .expect("the linked recap is read");
    let url = session["url"].as_str().unwrap().to_string();
    let mut events = server.events();
    let generation = events.wait_for("the current status", |_| true)["generation"]
        .as_u64()
        .unwrap();
    // Nothing is pushed while nothing changes.
    let quiet = |events: &mut Events| {
        if let Some(v) = events.next(Instant::now() + Duration::from_secs(3)) {
            panic!("rebuilt with nothing changed: {v}");
        }
    };
    quiet(&mut events);
    server.edit("elsewhere/linked.txt", |t| {
        format!("{t}\nLINKED-EDIT-MARKER 在链接的文件夹里。\n")
    });
    events.next_generation("the rebuild after the edit", generation);
    assert!(server.get(&url).text().contains("LINKED-EDIT-MARKER"));
    quiet(&mut events);
}

/// A recap linked into `seeds/` from elsewhere (`talk.txt ->
/// ../drafts/talk.txt`) is edited where it is: the page follows.
#[cfg(unix)]
#[test]
fn a_linked_recap_is_watched_where_it_is() {
    let dir = site_copy("linked-file");
    let drafts = dir.join("drafts");
    std::fs::create_dir_all(&drafts).unwrap();
    let first = first_recap(&dir);
    let name = first.file_name().unwrap().to_owned();
    std::fs::rename(&first, drafts.join(&name)).unwrap();
    std::os::unix::fs::symlink(Path::new("../drafts").join(&name), &first).unwrap();
    let server = Server::start(dir);
    let r = server.get("/data/site.json");
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    let url = v["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"].as_str() == name.to_str())
        .expect("the linked recap is read")["url"]
        .as_str()
        .unwrap()
        .to_string();
    let mut events = server.events();
    let generation = events.wait_for("the current status", |_| true)["generation"]
        .as_u64()
        .unwrap();
    server.edit(&format!("drafts/{}", name.to_str().unwrap()), |t| {
        format!("{t}\nLINKED-FILE-MARKER 在链接的文件里。\n")
    });
    events.next_generation("the rebuild after the edit", generation);
    assert!(server.get(&url).text().contains("LINKED-FILE-MARKER"));
}

#[test]
fn a_broken_template_shows_an_overlay_until_it_is_fixed() {
    let server = Server::start(site_copy("overlay"));
    let (url, _) = server.first_session();
    let good = server.get(&url).text();
    let mut events = server.events();
    let first = events.wait_for("the current status", |_| true);
    let template = "themes/default/templates/session.html";
    let original = std::fs::read_to_string(server.dir.join(template)).unwrap();

    server.edit(template, |t| format!("{t}\n{{% if %}}\n"));
    let broken = events.wait_for("a failed build", |v| v["ok"] == false);
    let error = &broken["errors"][0];
    assert!(
        error["file"]
            .as_str()
            .unwrap()
            .ends_with("templates/session.html"),
        "{error}"
    );
    let line = original.matches('\n').count() + 2;
    assert_eq!(error["line"].as_u64(), Some(line as u64), "{error}");
    assert!(!error["message"].as_str().unwrap().is_empty());
    assert_eq!(
        broken["generation"], first["generation"],
        "no reload to a broken site"
    );

    // The last good site is still served, with the error in its status.
    let page = server.get(&url);
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(
        text.contains("\"ok\":false") && text.contains("session.html"),
        "overlay state in the page"
    );
    let strip = |s: &str| s[..s.find("<script id=\"__recap-live\">").unwrap()].to_string();
    assert_eq!(
        strip(&text),
        strip(&good),
        "the last good page is served as it was"
    );

    std::fs::write(server.dir.join(template), &original).unwrap();
    let fixed = events.wait_for("a good build", |v| v["ok"] == true);
    assert_eq!(
        fixed["errors"].as_array().unwrap().len(),
        0,
        "the overlay clears"
    );
    assert!(server.get(&url).text().contains("\"ok\":true"));
}

#[test]
fn a_site_that_cannot_build_still_serves_the_error() {
    let dir = site_copy("broken-start");
    let base = dir.join("themes/default/templates/base.html");
    let original = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, format!("{{% block %}}\n{original}")).unwrap();
    let server = Server::start(dir);
    let r = server.get("/");
    assert_eq!(r.status, 404);
    let text = r.text();
    assert!(
        text.contains("\"ok\":false") && text.contains("base.html"),
        "{text}"
    );
    let mut events = server.events();
    std::fs::write(&base, &original).unwrap();
    let v = events.wait_for("the first good build", |v| v["ok"] == true);
    assert!(v["generation"].as_u64().unwrap() >= 1);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn the_page_script_reloads_and_shows_the_overlay_in_a_browser() {
    let Some((tests, chromium)) = common::browser_tests("live-reload browser test") else {
        return;
    };
    let server = Server::start(site_copy("browser"));
    let status = Command::new("node")
        .arg(tests.join("live.mjs"))
        .arg(format!("http://{}/", server.addr))
        .arg(&server.dir)
        .env("CHROMIUM", &chromium)
        .status()
        .expect("run node tests/browser/live.mjs");
    assert!(
        status.success(),
        "live reload failed in the browser (see above)"
    );
}
