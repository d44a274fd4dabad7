//! Build script: embed the default theme in the binary, so `recap init`
//! can write a complete site with no files beside the executable, and lay
//! out the English word table, so no build spends time making it.
//!
//! Writes `$OUT_DIR/default_theme.rs`: a sorted list of every file under
//! `themes/default/` as `(relative path, include_bytes!(…))`, and
//! `$OUT_DIR/word_slots.bin` and `word_starts.bin` (see [`word_table`]).
//! Cargo reruns this when the theme or the word list changes.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let theme = root.join("themes/default");
    println!("cargo:rerun-if-changed=themes/default");
    let mut files = Vec::new();
    collect(&theme, &theme, &mut files);
    files.sort();
    let mut code = String::from("/// Every file of `themes/default`, sorted by path.\n");
    code.push_str("pub static DEFAULT_THEME: &[(&str, &[u8])] = &[\n");
    for (rel, path) in &files {
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("default_theme.rs"), code).expect("write default_theme.rs");
    word_table(&root, &out);
}

include!("src/enrich/word_hash.rs");

/// The open-addressing table `src/enrich/words.rs` probes. `word_slots.bin`:
/// [`WORD_SLOTS`] little-endian `u16`s, each 0 (empty) or a word's rank + 1,
/// a word at its [`word_slot`] or the first empty slot after it.
/// `word_starts.bin`: per rank, the little-endian `u32` byte offset of the
/// word's line in `words.txt`. Made at run time, the table took 1.5 ms of
/// every build's CPU: as long as parsing the sample site's recaps.
fn word_table(root: &Path, out: &Path) {
    println!("cargo:rerun-if-changed=src/enrich/words.txt");
    println!("cargo:rerun-if-changed=src/enrich/word_hash.rs");
    let text = std::fs::read_to_string(root.join("src/enrich/words.txt")).expect("read words.txt");
    assert!(!text.contains('\r'), "words.txt must have Unix line ends");
    let mut slots = vec![0u16; WORD_SLOTS];
    let mut starts: Vec<u32> = Vec::new();
    let mut at = 0usize;
    for line in text.split_inclusive('\n') {
        let word = line.trim_end_matches('\n');
        let start = at;
        at += line.len();
        if word.is_empty() || word.starts_with('#') {
            continue;
        }
        let rank = u16::try_from(starts.len() + 1).expect("under 65,535 words");
        starts.push(u32::try_from(start).expect("words.txt under 4 GB"));
        let mut slot = word_slot(word.as_bytes());
        // A repeated word keeps its last rank, as a map insert would.
        loop {
            match slots[slot] {
                0 => break,
                r => {
                    let s = starts[usize::from(r) - 1] as usize;
                    if text[s..].split('\n').next() == Some(word) {
                        break;
                    }
                }
            }
            slot = (slot + 1) & (WORD_SLOTS - 1);
        }
        slots[slot] = rank;
    }
    assert!(
        starts.len() * 3 < WORD_SLOTS,
        "too many words for the table"
    );
    let slots: Vec<u8> = slots.iter().flat_map(|s| s.to_le_bytes()).collect();
    let starts: Vec<u8> = starts.iter().flat_map(|s| s.to_le_bytes()).collect();
    std::fs::write(out.join("word_slots.bin"), slots).expect("write word_slots.bin");
    std::fs::write(out.join("word_starts.bin"), starts).expect("write word_starts.bin");
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() {
            collect(base, &path, out);
        } else if kind.is_file() {
            let rel = path
                .strip_prefix(base)
                .expect("under the theme folder")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path));
        }
    }
}
