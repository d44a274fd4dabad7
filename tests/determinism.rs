//! The same input gives byte-identical output, whatever the thread count.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn build_with_threads(threads: &str, out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_recap"))
        .current_dir(ROOT)
        .env("RAYON_NUM_THREADS", threads)
        .args(["-q", "build", "--out"])
        .arg(out)
        .status()
        .expect("run recap");
    assert!(status.success(), "build with {threads} threads failed");
}

fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn one_thread_and_two_threads_write_the_same_bytes() {
    let tmp = std::env::temp_dir().join(format!("recap-determinism-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let (a, b) = (tmp.join("one"), tmp.join("two"));
    build_with_threads("1", &a);
    build_with_threads("2", &b);
    let (ta, tb) = (read_tree(&a), read_tree(&b));
    assert!(ta.len() > 10, "the sample site has pages: {}", ta.len());
    let names_a: Vec<_> = ta.keys().collect();
    let names_b: Vec<_> = tb.keys().collect();
    assert_eq!(names_a, names_b, "same files");
    for (path, bytes) in &ta {
        assert!(
            bytes == &tb[path],
            "{} differs between 1 and 2 threads",
            path.display()
        );
    }
    // A rebuild into the same folder gives the same bytes too.
    build_with_threads("2", &a);
    assert!(read_tree(&a) == tb, "a rebuild differs");
    std::fs::remove_dir_all(&tmp).unwrap();
}
