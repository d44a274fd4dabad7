//! `recap serve` driven as a reader's browser would: the real binary on a
//! free port, a few lines of HTTP/1.0 over `TcpStream` (bodies neither
//! chunked nor kept alive), and the event stream read line by line.
#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Generous: a debug build on a busy two-core machine. Only a guard
/// against hanging, never a measurement.
pub const PATIENCE: Duration = Duration::from_secs(90);

/// The running server; killed and its folder removed when dropped.
pub struct Server {
    pub child: Child,
    pub addr: String,
    pub dir: PathBuf,
}

impl Server {
    pub fn start(dir: PathBuf) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_recap"))
            .args(["serve", "--port", "0"])
            .current_dir(&dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start recap serve");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("serving at http://") {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
            }
        });
        let addr = rx
            .recv_timeout(PATIENCE)
            .expect("recap serve never printed `serving at http://…`");
        assert!(
            addr.starts_with("127.0.0.1:"),
            "binds loopback by default: {addr}"
        );
        Server { child, addr, dir }
    }

    pub fn get(&self, path: &str) -> Response {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(s, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        Response::parse(&raw)
    }

    pub fn events(&self) -> Events {
        let s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        let mut w = s.try_clone().unwrap();
        write!(
            w,
            "GET /__recap/events HTTP/1.0\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut ev = Events {
            reader: BufReader::new(s),
            line: String::new(),
        };
        // Skip the response head.
        loop {
            let l = ev
                .read_line(Instant::now() + PATIENCE)
                .expect("event stream head");
            if l.trim().is_empty() {
                break;
            }
            if l.starts_with("HTTP/") {
                assert!(l.contains(" 200"), "{l}");
            }
        }
        ev
    }

    pub fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let p = self.dir.join(rel);
        let text = std::fs::read_to_string(&p).unwrap();
        std::fs::write(&p, f(text)).unwrap();
    }

    /// The first session's URL and source file, from the data export.
    pub fn first_session(&self) -> (String, String) {
        let r = self.get("/data/site.json");
        assert_eq!(r.status, 200);
        let v: Value = serde_json::from_slice(&r.body).unwrap();
        let s = &v["sessions"][0];
        (
            s["url"].as_str().unwrap().to_string(),
            s["source"].as_str().unwrap().to_string(),
        )
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn parse(raw: &[u8]) -> Response {
        let end = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a complete response head");
        let head = String::from_utf8_lossy(&raw[..end]);
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split_whitespace()
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: raw[end + 4..].to_vec(),
        }
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// The server-sent event stream.
pub struct Events {
    reader: BufReader<TcpStream>,
    line: String,
}

impl Events {
    pub fn read_line(&mut self, deadline: Instant) -> Option<String> {
        loop {
            // A stream that never pauses must still end at the deadline.
            if Instant::now() > deadline {
                return None;
            }
            match self.reader.read_line(&mut self.line) {
                Ok(0) => return None,
                Ok(_) if self.line.ends_with('\n') => return Some(std::mem::take(&mut self.line)),
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    if Instant::now() > deadline {
                        return None;
                    }
                }
                Err(e) => panic!("event stream: {e}"),
            }
        }
    }

    /// The next status pushed, as JSON.
    pub fn next(&mut self, deadline: Instant) -> Option<Value> {
        while let Some(l) = self.read_line(deadline) {
            if let Some(data) = l.strip_prefix("data:") {
                return Some(serde_json::from_str(data.trim()).expect("event data is JSON"));
            }
        }
        None
    }

    /// Wait for a status that satisfies `want`.
    pub fn wait_for(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + PATIENCE;
        while let Some(v) = self.next(deadline) {
            if want(&v) {
                return v;
            }
        }
        panic!("no event with {what} arrived");
    }

    /// Wait for a build after `generation`; its generation.
    pub fn next_generation(&mut self, what: &str, generation: u64) -> u64 {
        self.wait_for(what, |v| v["generation"].as_u64().unwrap_or(0) > generation)["generation"]
            .as_u64()
            .unwrap()
    }
}
