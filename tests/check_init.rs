//! `recap check` and `recap init` end to end, with the real binary.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("recap-check-init-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn recap(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_recap"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("run recap")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A recap whose timeline goes back in time on line 15.
const OUT_OF_ORDER: &str = "# 示例大会 2026 分会场总结：时间线检查

## 会议概述

这是一场用来测试检查命令的会议。

## 详细时间线与关键要点

00:00 - 开场
- 第一点

10:00 - 中段
- 第二点

05:00 - 倒序的时间
- 第三点
";

/// A small site: the default theme, one recap, one page with `about`.
fn fixture(name: &str, about: &str) -> PathBuf {
    let dir = temp(name);
    let theme = repo().join("themes/default");
    for e in walkdir::WalkDir::new(&theme) {
        let e = e.unwrap();
        let dest = dir
            .join("themes/default")
            .join(e.path().strip_prefix(&theme).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
    std::fs::create_dir_all(dir.join("seeds")).unwrap();
    std::fs::create_dir_all(dir.join("content")).unwrap();
    std::fs::write(dir.join("seeds/talk.txt"), OUT_OF_ORDER).unwrap();
    std::fs::write(
        dir.join("content/about.md"),
        format!("+++\ntitle = \"关于\"\n+++\n\n# 关于\n\n{about}\n"),
    )
    .unwrap();
    dir
}

#[test]
fn check_lists_broken_links_anchors_and_warnings_and_fails() {
    let dir = fixture(
        "broken",
        "见[不存在的页面](/nowhere/)和[不存在的锚点](/#no-such-anchor)，以及[首页](/)。",
    );
    let out = recap(&dir, &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "errors make check fail:\n{err}");
    assert!(err.contains("broken link `/nowhere/`"), "{err}");
    assert!(err.contains("broken anchor `/#no-such-anchor`"), "{err}");
    assert!(
        err.contains("about.md"),
        "the page's source file is named:\n{err}"
    );
    assert!(
        err.contains("warning: talk.txt:15: time 05:00 comes before 10:00"),
        "parse warnings with file:line:\n{err}"
    );
    assert!(
        !err.contains("broken link `/`"),
        "a good link is not reported:\n{err}"
    );
    assert!(
        !err.contains('\x1b'),
        "no colour when stderr is not a terminal"
    );
    assert!(err.contains("2 errors"), "{err}");

    // -q: errors only.
    let quiet = stderr(&recap(&dir, &["-q", "check"]));
    assert!(quiet.contains("broken link `/nowhere/`"));
    assert!(!quiet.contains("warning:"), "{quiet}");

    // Fixed, the same site passes, warnings and all.
    std::fs::write(
        dir.join("content/about.md"),
        "+++\ntitle = \"关于\"\n+++\n\n# 关于\n\n[首页](/)\n",
    )
    .unwrap();
    let out = recap(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("talk.txt:15"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A web server on 127.0.0.1 that answers 200 on `/ok` and 404 elsewhere.
fn tiny_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten().take(50) {
            let mut line = String::new();
            let mut r = BufReader::new(s.try_clone().unwrap());
            let _ = r.read_line(&mut line);
            loop {
                let mut h = String::new();
                if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
                    break;
                }
            }
            let status = if line.contains(" /ok ") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    format!("http://{addr}")
}

#[test]
fn external_links_are_fetched_only_when_asked() {
    if Command::new("curl").arg("--version").output().is_err() {
        eprintln!("SKIP: curl is not installed; --external cannot fetch");
        return;
    }
    let base = tiny_server();
    let dir = fixture("external", &format!("[好]({base}/ok) 和 [坏]({base}/gone)"));
    let out = recap(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 external links not fetched"),
        "{}",
        stderr(&out)
    );

    let out = recap(&dir, &["check", "--external"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("external link `{base}/gone` answers 404")),
        "{err}"
    );
    assert!(!err.contains(&format!("`{base}/ok`")), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn init_creates_a_site_that_builds_and_checks_clean() {
    let dir = temp("init");
    let site = dir.join("my-conf");
    let out = recap(&dir, &["init", "my-conf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for f in [
        "content/site.toml",
        "content/about.md",
        "content/catalog.toml",
        "seeds/example.txt",
        "themes/default/templates/base.html",
        "themes/default/static/style.css",
    ] {
        assert!(site.join(f).is_file(), "init wrote no {f}");
    }
    let site_toml = std::fs::read_to_string(site.join("content/site.toml")).unwrap();
    assert!(
        site_toml.lines().filter(|l| l.starts_with('#')).count() >= 8,
        "commented config"
    );

    let built = recap(&site, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        !stderr(&built).contains("warning:"),
        "the example recap parses cleanly:\n{}",
        stderr(&built)
    );
    let data = std::fs::read_to_string(site.join("public/data/site.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&data).unwrap();
    assert_eq!(v["sessions"].as_array().unwrap().len(), 1);
    let url = v["sessions"][0]["url"].as_str().unwrap();
    assert!(site
        .join("public")
        .join(url.trim_matches('/'))
        .join("index.html")
        .is_file());
    let checked = recap(&site, &["check"]);
    assert!(
        checked.status.success(),
        "a new site has no broken links:\n{}",
        stderr(&checked)
    );

    // Not over an existing site, unless forced; forced keeps other files.
    std::fs::write(site.join("seeds/mine.txt"), "keep me").unwrap();
    let again = recap(&dir, &["init", "my-conf"]);
    assert!(!again.status.success());
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    let forced = recap(&dir, &["init", "my-conf", "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_eq!(
        std::fs::read_to_string(site.join("seeds/mine.txt")).unwrap(),
        "keep me"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
