//! Sites built in memory from a few recaps written by the test, with the
//! shipped content and theme.

use recap::diagnostics::Diagnostic;
use recap::write::Output;
use recap::BuildOptions;
use std::path::PathBuf;

/// The site of the shipped content and theme over just `recaps` (file
/// name, text), built in memory from a seeds folder of the test's own,
/// and what the build had to say.
pub fn build_recaps_told(name: &str, recaps: &[(&str, String)]) -> (Vec<Output>, Vec<Diagnostic>) {
    let seeds = std::env::temp_dir().join(format!("recap-{name}-seeds-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&seeds);
    std::fs::create_dir_all(&seeds).unwrap();
    for (file, text) in recaps {
        std::fs::write(seeds.join(file), text).unwrap();
    }
    let opts = BuildOptions {
        root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        seeds: seeds.clone(),
        ..BuildOptions::default()
    };
    let (site, outputs, _) = recap::build_in_memory(&opts).expect("the site builds");
    let _ = std::fs::remove_dir_all(&seeds);
    (outputs, site.diagnostics)
}

/// [`build_recaps_told`] without what the build said.
pub fn build_recaps(name: &str, recaps: &[(&str, String)]) -> Vec<Output> {
    build_recaps_told(name, recaps).0
}

/// The text of the file at `path` in the site.
pub fn file<'a>(outputs: &'a [Output], path: &str) -> &'a str {
    let o = outputs
        .iter()
        .find(|o| o.path == path)
        .unwrap_or_else(|| panic!("{path} is not in the site"));
    std::str::from_utf8(&o.bytes).unwrap()
}
