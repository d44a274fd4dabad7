//! The input files of the last build, with what parsing each gave, so a
//! rebuild parses only the files whose bytes changed, and, when the file
//! watcher names the recaps that changed, reads only those.

use crate::load::{Source, MAX_RECAP_BYTES};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What parsing a source file gave, and a fingerprint of its bytes to
/// tell whether it changed (the bytes themselves would be another copy of
/// every input, 64 MB on a 10,000-session site).
pub struct Cached<T> {
    fingerprint: Fingerprint,
    pub parsed: T,
}

/// A file's length and a 64-bit hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Fingerprint(usize, u64);

impl Fingerprint {
    fn of(bytes: &[u8]) -> Fingerprint {
        use std::hash::{DefaultHasher, Hasher};
        // SipHash with fixed keys: every `DefaultHasher::new()` hashes
        // the same bytes alike.
        let mut h = DefaultHasher::new();
        h.write(bytes);
        Fingerprint(bytes.len(), h.finish())
    }
}

/// Files by path relative to their folder.
pub type Cache<T> = BTreeMap<String, Cached<T>>;

/// Bring `cache` up to date with `sources`, parsing only files that are
/// new or whose bytes changed (in parallel, as `parse::parse` does). With
/// `complete`, `sources` are all the files there are and the others are
/// gone (listed in `removed`); otherwise they are some of them. Returns
/// what the files parsed again gave before.
pub fn update<T: Send>(
    cache: &mut Cache<T>,
    sources: Vec<Source>,
    complete: bool,
    parse_one: fn(&Source) -> T,
    reparsed: &mut Vec<String>,
    removed: &mut Vec<String>,
) -> Vec<(String, T)> {
    let mut old = if complete {
        std::mem::take(cache)
    } else {
        BTreeMap::new()
    };
    let mut fresh = Vec::new();
    let mut stale = Vec::new();
    let sources: Vec<(Source, Fingerprint)> = sources
        .into_par_iter()
        .map(|s| {
            let f = Fingerprint::of(&s.bytes);
            (s, f)
        })
        .collect();
    for (s, fingerprint) in sources {
        let c = if complete {
            old.remove(&s.rel)
        } else {
            cache.remove(&s.rel)
        };
        match c {
            Some(c) if c.fingerprint == fingerprint => {
                cache.insert(s.rel, c);
            }
            Some(c) => {
                stale.push((s.rel.clone(), c.parsed));
                fresh.push((s, fingerprint));
            }
            None => fresh.push((s, fingerprint)),
        }
    }
    let parsed: Vec<(String, Cached<T>)> = fresh
        .into_par_iter()
        .map(|(s, fingerprint)| {
            let parsed = parse_one(&s);
            (
                s.rel,
                Cached {
                    fingerprint,
                    parsed,
                },
            )
        })
        .collect();
    for (rel, c) in parsed {
        reparsed.push(rel.clone());
        cache.insert(rel, c);
    }
    removed.extend(old.into_keys());
    reparsed.sort();
    stale
}

/// Read the recaps at `paths` (as the file watcher names them) under the
/// seeds folder `seeds`, or `None` when that is not enough to know what
/// changed: a path that is not a recap the last build read (a new file,
/// a folder, a file gone, too big or no longer a plain file). The caller
/// then reads the whole folder.
pub fn reread<T>(seeds: &Path, paths: &[PathBuf], cache: &Cache<T>) -> Option<Vec<Source>> {
    let root = std::fs::canonicalize(seeds).ok()?;
    let mut out: Vec<Source> = Vec::new();
    for p in paths {
        let rel = p
            .strip_prefix(&root)
            .ok()?
            .components()
            .map(|c| c.as_os_str().to_str().map(str::to_string))
            .collect::<Option<Vec<String>>>()?
            .join("/");
        if out.iter().any(|s| s.rel == rel) {
            continue;
        }
        if !cache.contains_key(&rel) {
            return None;
        }
        // Through a link, as the build reads it.
        let meta = std::fs::metadata(p).ok()?;
        if !meta.is_file() || meta.len() > MAX_RECAP_BYTES {
            return None;
        }
        let bytes = std::fs::read(p).ok()?;
        out.push(Source::new(rel, p.clone(), bytes));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(rel: &str, text: &str) -> Source {
        Source {
            rel: rel.into(),
            path: PathBuf::from(rel),
            bytes: text.as_bytes().to_vec(),
            decoded_from: None,
        }
    }

    fn len(s: &Source) -> usize {
        s.bytes.len()
    }

    #[test]
    fn only_changed_files_are_parsed_again() {
        let mut cache: Cache<usize> = BTreeMap::new();
        let (mut reparsed, mut removed) = (Vec::new(), Vec::new());
        let all = vec![source("a.txt", "one"), source("b.txt", "two")];
        update(&mut cache, all, true, len, &mut reparsed, &mut removed);
        assert_eq!(reparsed, ["a.txt", "b.txt"]);

        reparsed.clear();
        let some = vec![source("b.txt", "three")];
        let stale = update(&mut cache, some, false, len, &mut reparsed, &mut removed);
        assert_eq!(reparsed, ["b.txt"]);
        assert_eq!(stale, [("b.txt".to_string(), 3)]);
        assert!(removed.is_empty(), "a partial update removes nothing");
        assert_eq!(cache["b.txt"].parsed, 5);

        reparsed.clear();
        let all = vec![source("b.txt", "three")];
        update(&mut cache, all, true, len, &mut reparsed, &mut removed);
        assert!(reparsed.is_empty());
        assert_eq!(removed, ["a.txt"]);
    }

    #[test]
    fn rereads_known_recaps_only() {
        let dir = std::env::temp_dir().join(format!("recap-reread-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let dir = std::fs::canonicalize(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "new text").unwrap();
        std::fs::write(dir.join("b.txt"), "unknown").unwrap();
        let mut cache: Cache<usize> = BTreeMap::new();
        cache.insert(
            "a.txt".into(),
            Cached {
                fingerprint: Fingerprint::of(b"old"),
                parsed: 3,
            },
        );
        let read = reread(&dir, &[dir.join("a.txt"), dir.join("a.txt")], &cache).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].bytes, b"new text");
        assert!(reread(&dir, &[dir.join("b.txt")], &cache).is_none());
        assert!(reread(&dir, std::slice::from_ref(&dir), &cache).is_none());
        assert!(reread(&dir, &[dir.join("gone.txt")], &cache).is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
