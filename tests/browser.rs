//! The built site in a real browser: builds the sample site with the real
//! binary, serves it on 127.0.0.1 with a small static server of its own,
//! builds the offline bundle when `recap bundle` exists, and runs
//! `tests/browser/run.mjs` (headless Chromium through playwright-core: search
//! over HTTP and from file://, axe, the Nu HTML Checker, keyboard, print,
//! JavaScript off, every link). Screenshots go to `target/screenshots/`.
//!
//! Needs Node, Java and Debian's `chromium` (`.ci/run` installs them). When
//! Chromium is missing the test is skipped with a loud message, except
//! under CI (`CI` set), where that is a failure.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn chromium() -> Option<PathBuf> {
    let p = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    p.exists().then_some(p)
}

fn has_command(cmd: &str, arg: &str) -> bool {
    Command::new(cmd)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Skip loudly, or fail when running under CI.
fn missing(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("{what} is required for the browser tests under CI (.ci/run installs it)");
    }
    eprintln!("\n==================== SKIP ====================");
    eprintln!("browser tests skipped: {what} is not installed");
    eprintln!("(apt-get install -y chromium fonts-noto-cjk default-jre-headless nodejs npm)");
    eprintln!("==============================================\n");
}

#[test]
fn site_works_in_a_real_browser() {
    let Some(chromium) = chromium() else {
        return missing("chromium");
    };
    for (cmd, arg) in [
        ("node", "--version"),
        ("npm", "--version"),
        ("java", "-version"),
    ] {
        if !has_command(cmd, arg) {
            return missing(cmd);
        }
    }
    let root = manifest_dir();
    let work = std::env::temp_dir().join(format!("recap-browser-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).unwrap();
    let site = work.join("site");
    let bundle = work.join("bundle");

    let url = serve(site.clone());
    let recap = env!("CARGO_BIN_EXE_recap");
    let built = Command::new(recap)
        .current_dir(&root)
        .args(["-q", "build", "--out"])
        .arg(&site)
        .args(["--base-url", &url])
        .status()
        .expect("run recap build");
    assert!(built.success(), "recap build failed");

    let file_url = if bundle_exists(recap) {
        let ok = Command::new(recap)
            .current_dir(&root)
            .args(["-q", "bundle", "--out"])
            .arg(&bundle)
            .status()
            .expect("run recap bundle");
        assert!(ok.success(), "recap bundle failed");
        format!("file://{}/", bundle.display())
    } else {
        eprintln!("note: `recap bundle` does not exist yet; file:// is not tested");
        "-".to_string()
    };

    let tests = root.join("tests/browser");
    if !tests.join("node_modules").is_dir() {
        let ci = Command::new("npm")
            .arg("ci")
            .arg("--no-audit")
            .arg("--no-fund")
            .current_dir(&tests)
            .status();
        if !ci.is_ok_and(|s| s.success()) {
            let install = Command::new("npm")
                .arg("install")
                .arg("--no-audit")
                .arg("--no-fund")
                .current_dir(&tests)
                .status();
            assert!(
                install.is_ok_and(|s| s.success()),
                "npm install in tests/browser failed"
            );
        }
    }

    let target =
        std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), PathBuf::from);
    let shots = target.join("screenshots");
    let status = Command::new("node")
        .arg(tests.join("run.mjs"))
        .arg(format!("{url}/"))
        .arg(&file_url)
        .arg(&shots)
        .arg(&site)
        .env("CHROMIUM", &chromium)
        .status()
        .expect("run node tests/browser/run.mjs");
    assert!(
        status.success(),
        "browser checks failed (see the list above); screenshots in {}",
        shots.display()
    );
    let _ = std::fs::remove_dir_all(&work);
}

fn bundle_exists(recap: &str) -> bool {
    Command::new(recap)
        .args(["bundle", "--help"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Serve `root` on 127.0.0.1 on a free port for the rest of the test
/// process; returns `http://127.0.0.1:<port>`.
fn serve(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &root);
            });
        }
    });
    format!("http://{addr}")
}

fn respond(mut stream: TcpStream, root: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (status, body, mime, location) = match resolve(root, path) {
        Resolved::File(file) => match std::fs::read(&file) {
            Ok(b) => ("200 OK", b, mime_type(&file), None),
            Err(_) => not_found(root),
        },
        Resolved::Redirect(to) => ("301 Moved Permanently", Vec::new(), "text/plain", Some(to)),
        Resolved::Missing => not_found(root),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if let Some(to) = location {
        head.push_str(&format!("Location: {to}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    if method != "HEAD" {
        stream.write_all(&body)?;
    }
    stream.flush()
}

enum Resolved {
    File(PathBuf),
    Redirect(String),
    Missing,
}

/// URL path → file under `root`, as static hosts do: `/x/` is `x/index.html`,
/// `/x` redirects to `/x/` when `x` is a folder; nothing outside `root`.
fn resolve(root: &Path, url_path: &str) -> Resolved {
    let Some(decoded) = percent_decode(url_path) else {
        return Resolved::Missing;
    };
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return Resolved::Missing;
    }
    let p = root.join(rel);
    if decoded.ends_with('/') {
        let index = p.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::Missing
        };
    }
    if p.is_dir() {
        return Resolved::Redirect(format!("{decoded}/"));
    }
    if p.is_file() {
        Resolved::File(p)
    } else {
        Resolved::Missing
    }
}

fn not_found(root: &Path) -> (&'static str, Vec<u8>, &'static str, Option<String>) {
    let body = std::fs::read(root.join("404.html")).unwrap_or_else(|_| b"not found".to_vec());
    ("404 Not Found", body, "text/html; charset=utf-8", None)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn mime_type(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

#[test]
fn static_server_maps_urls_like_a_static_host() {
    let root = std::env::temp_dir().join(format!("recap-serve-{}", std::process::id()));
    std::fs::create_dir_all(root.join("sessions/a")).unwrap();
    std::fs::write(root.join("sessions/a/index.html"), "a").unwrap();
    assert!(matches!(resolve(&root, "/sessions/a/"), Resolved::File(_)));
    assert!(
        matches!(resolve(&root, "/sessions/a"), Resolved::Redirect(ref to) if to == "/sessions/a/")
    );
    assert!(matches!(
        resolve(&root, "/../etc/passwd"),
        Resolved::Missing
    ));
    assert!(matches!(
        resolve(&root, "/sessions/%2e%2e/%2e%2e/x"),
        Resolved::Missing
    ));
    assert!(matches!(resolve(&root, "/nope/"), Resolved::Missing));
    std::fs::remove_dir_all(&root).unwrap();
}
