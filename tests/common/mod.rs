//! Helpers shared by the integration tests that drive headless Chromium.

use std::path::PathBuf;
use std::process::Command;

/// `tests/browser` (with its npm packages installed) and the Chromium to
/// drive, when Chromium, node and
/// npm are all there. Without them the test is skipped loudly, or fails
/// under CI (`.ci/run` installs them), so a missing browser never passes
/// for a green run.
pub fn browser_tests(test: &str) -> Option<(PathBuf, PathBuf)> {
    let missing = |what: &str| {
        if std::env::var_os("CI").is_some() {
            panic!("{what} is required for the {test} under CI");
        }
        eprintln!("SKIP: the {test} needs {what}");
    };
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    if !chromium.exists() {
        missing("chromium");
        return None;
    }
    let has = |cmd: &str| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !(has("node") && has("npm")) {
        missing("node and npm");
        return None;
    }
    let tests = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !tests.join("node_modules/playwright-core").is_dir() {
        let ci = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&tests)
            .status();
        assert!(
            ci.is_ok_and(|s| s.success()),
            "npm ci in tests/browser failed"
        );
    }
    Some((tests, chromium))
}
