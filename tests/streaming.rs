//! `recap build` writes session pages as they are rendered and streams
//! `data/site.json`; `recap serve` keeps everything in memory. Both must
//! give the same site, byte for byte.

use recap::{build_in_memory, BuildOptions};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .filter(|(rel, _)| rel != recap::write::MARKER)
        .collect()
}

#[test]
fn written_site_is_the_in_memory_site() {
    let out = std::env::temp_dir().join(format!("recap-streaming-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_recap"))
        .current_dir(ROOT)
        .args(["-q", "build", "--out"])
        .arg(&out)
        .status()
        .expect("run recap");
    assert!(status.success());
    let written = read_tree(&out);
    let opts = BuildOptions {
        root: ROOT.into(),
        ..Default::default()
    };
    let (_, outputs, _) = build_in_memory(&opts).expect("in-memory build");
    let in_memory: BTreeMap<String, Vec<u8>> =
        outputs.into_iter().map(|o| (o.path, o.bytes)).collect();
    assert!(written.contains_key("data/site.json"));
    assert!(written.keys().any(|k| k.starts_with("sessions/")));
    assert_eq!(
        written.keys().collect::<Vec<_>>(),
        in_memory.keys().collect::<Vec<_>>(),
        "same files"
    );
    for (path, bytes) in &written {
        assert!(bytes == &in_memory[path], "{path} differs");
    }
    std::fs::remove_dir_all(&out).unwrap();
}
