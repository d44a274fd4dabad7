//! External links for `recap check --external`: a `HEAD` request to each,
//! through the system's `curl`, so the binary carries no HTTP client and TLS
//! stack for one optional feature. `curl` is on Linux, macOS and Windows 10+;
//! without it, the links are listed instead.

use super::url_of;
use crate::diagnostics::{Diagnostic, Severity};
use std::collections::BTreeMap;
use std::time::Duration;

/// The result of fetching one external URL.
#[derive(Debug, Clone, PartialEq)]
pub enum Fetched {
    Status(u16),
    Failed(String),
}

/// `HEAD` each URL (falling back to a one-byte `GET` where `HEAD` is
/// refused) through `curl`, a few at a time, each with `timeout`. `Err`
/// when `curl` cannot be run at all.
pub fn fetch_external(
    urls: &[String],
    timeout: Duration,
) -> anyhow::Result<Vec<(String, Fetched)>> {
    if std::process::Command::new("curl")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_err()
    {
        anyhow::bail!("`curl` is not installed, so external links cannot be fetched");
    }
    const AT_ONCE: usize = 8;
    let mut out = Vec::with_capacity(urls.len());
    for chunk in urls.chunks(AT_ONCE) {
        let results: Vec<(String, Fetched)> = std::thread::scope(|s| {
            let handles: Vec<_> = chunk
                .iter()
                .map(|u| s.spawn(move || (u.clone(), fetch_one(u, timeout))))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("fetch thread"))
                .collect()
        });
        out.extend(results);
    }
    Ok(out)
}

fn fetch_one(url: &str, timeout: Duration) -> Fetched {
    let run = |head: bool| -> Fetched {
        let null = if cfg!(windows) { "NUL" } else { "/dev/null" };
        let mut cmd = std::process::Command::new("curl");
        cmd.args([
            "--silent",
            "--show-error",
            "--location",
            "--max-redirs",
            "5",
        ])
        .args(["--max-time", &timeout.as_secs().max(1).to_string()])
        .args(["--output", null, "--write-out", "%{http_code}"]);
        if head {
            cmd.arg("--head");
        } else {
            cmd.args(["--range", "0-0"]);
        }
        cmd.arg("--").arg(url);
        match cmd.output() {
            Ok(o) => {
                let code: u16 = String::from_utf8_lossy(&o.stdout)
                    .trim()
                    .parse()
                    .unwrap_or(0);
                if code == 0 {
                    let err = String::from_utf8_lossy(&o.stderr).trim().to_string();
                    Fetched::Failed(if err.is_empty() {
                        "no answer".into()
                    } else {
                        err
                    })
                } else {
                    Fetched::Status(code)
                }
            }
            Err(e) => Fetched::Failed(e.to_string()),
        }
    };
    match run(true) {
        Fetched::Status(405 | 501 | 403) => run(false),
        r => r,
    }
}

/// Diagnostics for fetched external links: 404 and 410 are errors (the page
/// is gone), other failures warnings (servers and networks are flaky).
pub fn external_problems(
    fetched: &[(String, Fetched)],
    pages: &BTreeMap<String, Vec<String>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (url, result) in fetched {
        let on = pages
            .get(url)
            .and_then(|p| p.first())
            .map_or_else(|| "/".to_string(), |p| url_of(p));
        let (severity, what) = match result {
            Fetched::Status(c) if *c < 400 => continue,
            Fetched::Status(c @ (404 | 410)) => (Severity::Error, format!("answers {c}")),
            Fetched::Status(c) => (Severity::Warning, format!("answers {c}")),
            Fetched::Failed(e) => (Severity::Warning, format!("could not be fetched: {e}")),
        };
        let mut d = Diagnostic::warning(&on, None, format!("external link `{url}` {what}"));
        d.severity = severity;
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_404_is_an_error_and_timeouts_are_warnings() {
        let mut pages = BTreeMap::new();
        pages.insert(
            "https://a/".to_string(),
            vec!["sessions/a/index.html".to_string()],
        );
        let d = external_problems(
            &[
                ("https://a/".into(), Fetched::Status(404)),
                ("https://b/".into(), Fetched::Failed("timeout".into())),
                ("https://c/".into(), Fetched::Status(200)),
            ],
            &pages,
        );
        assert_eq!(d.len(), 2);
        assert!(d[0].is_error() && d[0].file == "/sessions/a/");
        assert!(!d[1].is_error());
    }
}
