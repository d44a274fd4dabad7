//! Keep the previous site's files whose bytes did not change.
//!
//! Most of a rebuild is byte-identical to the site it replaces. Writing
//! those bytes again costs a new inode, a data copy and disk write-back for
//! each file, which on a 10,000-session site is most of the build. A file
//! whose bytes are unchanged is instead hard-linked from the previous site
//! into the staging folder: the swap stays atomic, the old site is
//! untouched until then, and the unchanged file keeps its modification
//! time, so `rsync`-style deploys upload only what changed.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Create `path` as a new file. A file already there (from a link made
/// earlier in this build) is unlinked first rather than truncated: it may
/// share its inode with the previous site, which must stay as it was.
pub fn create_new(path: &Path) -> io::Result<File> {
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            OpenOptions::new().write(true).create_new(true).open(path)
        }
        r => r,
    }
}

/// Write `bytes` at `path`, or link `previous` there when it holds exactly
/// these bytes. Returns whether the file was reused.
pub fn write_or_link(path: &Path, bytes: &[u8], previous: Option<&Path>) -> io::Result<bool> {
    if let Some(prev) = previous {
        if same_bytes(prev, bytes) && fs::hard_link(prev, path).is_ok() {
            return Ok(true);
        }
    }
    create_new(path)?.write_all(bytes)?;
    Ok(false)
}

/// [`write_or_link`] where a file from the recycled spare folder is already
/// at `path`. It stays when it is the previous site's very file (the same
/// inode, as a link made two builds ago) and that holds exactly `bytes`;
/// otherwise it is unlinked first, never written through.
pub fn keep_or_replace(path: &Path, bytes: &[u8], previous: Option<&Path>) -> io::Result<bool> {
    if let Some(prev) = previous {
        if same_file(path, prev) && same_bytes(prev, bytes) {
            return Ok(true);
        }
    }
    remove_if_there(path)?;
    write_or_link(path, bytes, previous)
}

/// Unlink `path` if it is there. It is not when a folder above it is
/// gone or is a file now (a recycled folder the new site replaced).
pub fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(e)
            if !matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Err(e)
        }
        _ => Ok(()),
    }
}

/// Whether `a` and `b` are the same plain file (hard links to one inode).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::symlink_metadata(a), fs::symlink_metadata(b)) {
        (Ok(a), Ok(b)) => a.is_file() && a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Whether the file at `path` holds exactly `bytes` (false if unreadable).
pub fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    // Not through a symlink: only the previous site's own files are reused.
    if !fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64) {
        return false;
    }
    let Ok(mut f) = File::open(path) else {
        return false;
    };
    // One buffer per thread: a fresh zeroed 64 KiB for each of a small
    // site's pages cost more than comparing them.
    thread_local! {
        static BUF: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0; 64 * 1024]);
    }
    BUF.with_borrow_mut(|buf| {
        let mut at = 0;
        loop {
            match f.read(buf) {
                Ok(0) => return at == bytes.len(),
                Ok(n) => {
                    if at + n > bytes.len() || buf[..n] != bytes[at..at + n] {
                        return false;
                    }
                    at += n;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => return false,
            }
        }
    })
}

/// A file written as a stream (too big to hold in memory) that is compared
/// against the previous site's copy as it goes. While every byte matches,
/// nothing is written; at the first difference the matching prefix is
/// copied from the old file and writing carries on from there. [`finish`]
/// links the old file when the whole stream matched.
///
/// [`finish`]: ReuseWriter::finish
pub struct ReuseWriter {
    path: PathBuf,
    previous: Option<(PathBuf, File)>,
    /// Bytes of the stream so far that matched the previous file.
    matched: u64,
    out: Option<io::BufWriter<File>>,
    scratch: Vec<u8>,
}

impl ReuseWriter {
    pub fn new(path: &Path, previous: Option<&Path>) -> io::Result<ReuseWriter> {
        let previous = previous
            .filter(|p| fs::symlink_metadata(p).is_ok_and(|m| m.is_file()))
            .and_then(|p| File::open(p).ok().map(|f| (p.to_path_buf(), f)));
        let mut w = ReuseWriter {
            path: path.to_path_buf(),
            previous,
            matched: 0,
            out: None,
            scratch: Vec::new(),
        };
        if w.previous.is_none() {
            w.diverge()?;
        }
        Ok(w)
    }

    /// Stop comparing: create the new file with the prefix that matched.
    fn diverge(&mut self) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(256 * 1024, create_new(&self.path)?);
        if let Some((prev, _)) = self.previous.take() {
            let mut old = File::open(prev)?.take(self.matched);
            io::copy(&mut old, &mut out)?;
        }
        self.out = Some(out);
        Ok(())
    }

    /// Flush, or link the previous file if the stream equalled it. Returns
    /// whether the previous file was reused.
    pub fn finish(mut self) -> io::Result<bool> {
        if let Some((prev, mut f)) = self.previous.take() {
            // Equal so far; equal in all only if the old file ends here too.
            let mut one = [0u8; 1];
            if f.read(&mut one)? == 0 && fs::hard_link(&prev, &self.path).is_ok() {
                return Ok(true);
            }
            self.previous = Some((prev, f));
            self.diverge()?;
        }
        if let Some(mut out) = self.out.take() {
            out.flush()?;
        }
        Ok(false)
    }
}

impl Write for ReuseWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some((_, f)) = &mut self.previous {
            self.scratch.resize(buf.len(), 0);
            let same = match f.read_exact(&mut self.scratch) {
                Ok(()) => self.scratch == buf,
                Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => false,
                Err(e) => return Err(e),
            };
            if same {
                self.matched += buf.len() as u64;
                return Ok(buf.len());
            }
            self.diverge()?;
        }
        self.out
            .as_mut()
            .expect("diverged writers have a file")
            .write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    fn tmp(name: &str) -> crate::TestDir {
        crate::empty_test_dir("reuse", name)
    }

    #[test]
    fn equal_bytes_link_and_different_bytes_write() {
        let d = tmp("link");
        let old = d.join("old.html");
        fs::write(&old, "same").unwrap();
        assert!(write_or_link(&d.join("a.html"), b"same", Some(&old)).unwrap());
        assert_eq!(
            fs::metadata(d.join("a.html")).unwrap().ino(),
            fs::metadata(&old).unwrap().ino()
        );
        assert!(!write_or_link(&d.join("b.html"), b"other", Some(&old)).unwrap());
        assert_eq!(fs::read_to_string(d.join("b.html")).unwrap(), "other");
        // Rewriting a linked path must not change the previous site's file.
        assert!(!write_or_link(&d.join("a.html"), b"new", None).unwrap());
        assert_eq!(fs::read_to_string(&old).unwrap(), "same");
        assert_eq!(fs::read_to_string(d.join("a.html")).unwrap(), "new");
        fs::remove_dir_all(&d).unwrap();
    }

    fn stream(d: &Path, name: &str, old: &Path, chunks: &[&str]) -> (bool, String) {
        let path = d.join(name);
        let mut w = ReuseWriter::new(&path, Some(old)).unwrap();
        for c in chunks {
            w.write_all(c.as_bytes()).unwrap();
        }
        let reused = w.finish().unwrap();
        (reused, fs::read_to_string(path).unwrap())
    }

    #[test]
    fn a_stream_is_linked_only_when_it_matches_to_the_end() {
        let d = tmp("stream");
        let old = d.join("old.json");
        fs::write(&old, "{\"a\":1,\"b\":2}").unwrap();
        let whole = ["{\"a\":1,", "\"b\":2}"];
        assert_eq!(
            stream(&d, "1", &old, &whole),
            (true, "{\"a\":1,\"b\":2}".into())
        );
        let changed = ["{\"a\":1,", "\"b\":3}"];
        assert_eq!(
            stream(&d, "2", &old, &changed),
            (false, "{\"a\":1,\"b\":3}".into())
        );
        let shorter = ["{\"a\":1,"];
        assert_eq!(stream(&d, "3", &old, &shorter), (false, "{\"a\":1,".into()));
        let longer = ["{\"a\":1,\"b\":2}", "!"];
        assert_eq!(
            stream(&d, "4", &old, &longer),
            (false, "{\"a\":1,\"b\":2}!".into())
        );
        assert_eq!(fs::read_to_string(&old).unwrap(), "{\"a\":1,\"b\":2}");
        let missing = d.join("none.json");
        assert_eq!(
            stream(&d, "5", &missing, &whole),
            (false, "{\"a\":1,\"b\":2}".into())
        );
        fs::remove_dir_all(&d).unwrap();
    }
}
