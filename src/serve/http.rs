//! The HTTP side of `recap serve`: the built site from memory, the reload
//! event stream, and the small script that listens to it.
//!
//! Files are looked up in the last good build ([`Served`]), rendered in
//! memory, never read from disk, so no request path (`..`, `%2e%2e`, `%2F`, `//etc/passwd`, a
//! symlink) can reach a file outside the site: a path either names an output
//! of the build or it is a 404. Paths with `.` or `..` segments, NUL or
//! backslashes are refused with 400 before any lookup.

use super::live::{self, Status};
use super::served::{Fetched, Rendered, Served};
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::stream::Stream;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::watch;

/// The path of the reload event stream. No site output starts with `__`.
pub const EVENTS_PATH: &str = "/__recap/events";

/// What the handlers share with the rebuild thread.
pub struct Shared {
    /// The last good build, rendered on request. The rebuild thread holds
    /// the write lock while it patches or swaps the model; a request waits
    /// for it and then gets the new page. Requests hold the read lock only
    /// while a page renders (milliseconds): whole-site files are made
    /// after it is let go ([`super::served::Later`]).
    pub served: RwLock<Served>,
    /// Build generation and errors; every change is pushed to browsers.
    pub status: watch::Sender<Status>,
    /// Becomes `true` on Ctrl-C, which ends the event streams so the
    /// server can stop.
    pub shutdown: watch::Receiver<bool>,
}

pub fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(site_file)
        .with_state(shared)
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The output at this key.
    File(String),
    /// A folder asked for without its slash: go to `location`.
    Redirect(String),
    NotFound,
    /// Not a path a site can have: `..`, NUL, backslash, bad encoding.
    BadRequest,
}

/// Resolve the raw (percent-encoded) request path against the outputs that
/// `exists` knows. `/` and `/dir/` serve `index.html`; `/dir` redirects to
/// `/dir/` when `dir/index.html` exists.
pub fn lookup(raw_path: &str, query: Option<&str>, exists: impl Fn(&str) -> bool) -> Lookup {
    let Ok(decoded) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Lookup::BadRequest;
    };
    if decoded.contains(['\0', '\\']) {
        return Lookup::BadRequest;
    }
    let mut segments = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Lookup::BadRequest,
            s => segments.push(s),
        }
    }
    let key = segments.join("/");
    let folder = decoded.ends_with('/') || key.is_empty();
    if folder {
        let index = if key.is_empty() {
            "index.html".to_string()
        } else {
            format!("{key}/index.html")
        };
        return if exists(&index) {
            Lookup::File(index)
        } else {
            Lookup::NotFound
        };
    }
    if exists(&key) {
        return Lookup::File(key);
    }
    if exists(&format!("{key}/index.html")) {
        // Built from the clean key, so it can never be `//host` (an
        // open redirect) or climb out of the site.
        let mut location = String::from("/");
        for s in &segments {
            location.push_str(&percent_encoding::utf8_percent_encode(s, PATH_SEGMENT).to_string());
            location.push('/');
        }
        if let Some(q) = query {
            location.push('?');
            location.push_str(q);
        }
        return Lookup::Redirect(location);
    }
    Lookup::NotFound
}

/// Characters escaped when a path segment goes back into a URL.
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// The content type of an output, by its extension.
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name
        .rsplit_once('.')
        .map_or("", |(_, e)| e)
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "application/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" if name == "feed.xml" || name == "atom.xml" => "application/atom+xml",
        "atom" => "application/atom+xml",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "bmp" => "image/bmp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "webmanifest" => "application/manifest+json",
        "map" => "application/json",
        _ => "application/octet-stream",
    }
}

async fn site_file(State(shared): State<Arc<Shared>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = (StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n").into_response();
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let broken = || plain(StatusCode::INTERNAL_SERVER_ERROR, "the server is broken\n");
    // The read lock is held only for what takes milliseconds; it cannot
    // be held across an await anyway.
    let (key, later, status) = {
        let Ok(served) = shared.served.read() else {
            return broken();
        };
        let status = shared.status.borrow().clone();
        match lookup(uri.path(), uri.query(), |k| served.fetch(k).is_some()) {
            Lookup::File(key) => match served.fetch(&key) {
                Some(Fetched::Ready(r)) => return made(&key, r, &status),
                Some(Fetched::Later(later)) => (key, later, status),
                None => return not_found(&served, &status),
            },
            Lookup::Redirect(location) => {
                let mut r = StatusCode::MOVED_PERMANENTLY.into_response();
                if let Ok(v) = HeaderValue::from_str(&location) {
                    r.headers_mut().insert(header::LOCATION, v);
                }
                return r;
            }
            Lookup::NotFound => return not_found(&served, &status),
            Lookup::BadRequest => return plain(StatusCode::BAD_REQUEST, "bad request path\n"),
        }
    };
    if later.is_export() {
        return export_response(later);
    }
    // Seconds of work on a big site: off the lock, and off the threads
    // that answer the other requests.
    match tokio::task::spawn_blocking(move || later.make()).await {
        Ok(Some(r)) => made(&key, r, &status),
        Ok(None) => match shared.served.read() {
            Ok(served) => not_found(&served, &status),
            Err(_) => broken(),
        },
        Err(_) => broken(),
    }
}

/// Bytes of the data export sent to the client at a time.
const EXPORT_CHUNK: usize = 1 << 20;

/// The data export, written on a blocking thread and sent as it is made,
/// a few chunks ahead of the client at most. If making it fails half way
/// (it cannot, short of a bug) the connection is cut, so the client sees
/// an incomplete body rather than truncated JSON that looks whole.
fn export_response(later: super::served::Later) -> Response {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    tokio::task::spawn_blocking(move || {
        let mut w = ChunkSender {
            tx,
            chunk: Vec::with_capacity(EXPORT_CHUNK),
        };
        let made = later
            .write_export(&mut w)
            .and_then(|()| w.send().map_err(Into::into));
        if let Err(e) = made {
            // Gone already when the client left; nothing to tell then.
            let _ =
                w.tx.blocking_send(Err(std::io::Error::other(format!("{e:#}"))));
        }
    });
    let body = Body::from_stream(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)));
    let mut r = Response::new(body);
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(crate::render::data::DATA_PATH)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// A writer that hands what is written to a response body, a chunk at a
/// time; a write fails once the client has gone, which stops the export.
struct ChunkSender {
    tx: tokio::sync::mpsc::Sender<std::io::Result<Bytes>>,
    chunk: Vec<u8>,
}

impl ChunkSender {
    fn send(&mut self) -> std::io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(EXPORT_CHUNK));
        self.tx
            .blocking_send(Ok(Bytes::from(full)))
            .map_err(|_| std::io::ErrorKind::BrokenPipe.into())
    }
}

impl std::io::Write for ChunkSender {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.chunk.extend_from_slice(buf);
        if self.chunk.len() >= EXPORT_CHUNK {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn made(key: &str, rendered: Rendered, status: &Status) -> Response {
    match rendered {
        Ok(bytes) => file_response(StatusCode::OK, key, &bytes, status),
        Err(e) => render_failed(key, &e, status),
    }
}

fn not_found(served: &Served, status: &Status) -> Response {
    match served.get("404.html") {
        Some(Ok(page)) => file_response(StatusCode::NOT_FOUND, "404.html", &page, status),
        None if served.is_empty() => {
            // No good build yet: a page that shows the overlay and reloads
            // when the site builds.
            let page = Bytes::from(live::waiting_page());
            file_response(StatusCode::NOT_FOUND, "404.html", &page, status)
        }
        _ => plain(StatusCode::NOT_FOUND, "not found\n"),
    }
}

/// A page the model has but the theme could not render: the error, with
/// the live script, so fixing the template reloads it.
fn render_failed(key: &str, error: &str, status: &Status) -> Response {
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>recap serve</title></head>\
         <body><p>recap serve: cannot render {}</p><pre>{}</pre></body></html>",
        crate::render::text::escape(key),
        crate::render::text::escape(error)
    );
    let page = Bytes::from(page);
    file_response(StatusCode::INTERNAL_SERVER_ERROR, "500.html", &page, status)
}

fn plain(code: StatusCode, body: &'static str) -> Response {
    let mut r = (code, body).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

fn file_response(code: StatusCode, key: &str, bytes: &Bytes, status: &Status) -> Response {
    let ctype = content_type(key);
    let body = if ctype.starts_with("text/html") {
        Body::from(live::inject(bytes, status))
    } else {
        Body::from(bytes.clone())
    };
    let mut r = Response::new(body);
    *r.status_mut() = code;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
    // A preview must never show yesterday's page.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// Server-sent events: the current status at once, then every change,
/// until the server stops.
async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let rx = shared.status.subscribe();
    let stop = shared.shutdown.clone();
    let stream =
        futures_util::stream::unfold((rx, stop, true), |(mut rx, mut stop, first)| async move {
            if *stop.borrow() {
                return None;
            }
            if !first {
                tokio::select! {
                    changed = rx.changed() => changed.ok()?,
                    _ = stop.changed() => return None,
                }
            }
            let data = serde_json::to_string(&*rx.borrow_and_update()).unwrap_or_default();
            let mut event = Event::default().data(data);
            if first {
                event = event.retry(Duration::from_millis(500));
            }
            Some((Ok(event), (rx, stop, false)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is written comes out of the channel whole and in order, in
    /// chunks of about `EXPORT_CHUNK`, and writing stops once the
    /// receiving side is gone.
    #[test]
    fn an_export_is_sent_in_chunks_in_order() {
        use std::io::Write;
        let (tx, mut rx) = tokio::sync::mpsc::channel(4);
        let mut data = Vec::new();
        let mut x = 7u32;
        while data.len() < EXPORT_CHUNK * 5 / 2 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            data.extend(std::iter::repeat_n((x >> 16) as u8, (x % 5000) as usize));
        }
        let sent = data.clone();
        let writer = std::thread::spawn(move || {
            let mut w = ChunkSender {
                tx,
                chunk: Vec::new(),
            };
            for piece in sent.chunks(4099) {
                w.write_all(piece).unwrap();
            }
            w.send().unwrap();
        });
        let mut got = Vec::new();
        let mut chunks = 0;
        while let Some(chunk) = rx.blocking_recv() {
            let chunk = chunk.unwrap();
            assert!(chunk.len() < EXPORT_CHUNK + 4099);
            got.extend_from_slice(&chunk);
            chunks += 1;
        }
        writer.join().unwrap();
        assert_eq!(chunks, 3);
        assert!(got == data);

        let (tx, rx) = tokio::sync::mpsc::channel(1);
        drop(rx);
        let mut w = ChunkSender {
            tx,
            chunk: Vec::new(),
        };
        let err = w.write_all(&vec![0; EXPORT_CHUNK]).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }

    fn site(k: &str) -> bool {
        matches!(
            k,
            "index.html" | "404.html" | "sessions/a/index.html" | "static/style.css" | "feed.xml"
        )
    }

    #[test]
    fn folders_serve_their_index() {
        assert_eq!(lookup("/", None, site), Lookup::File("index.html".into()));
        assert_eq!(
            lookup("/sessions/a/", None, site),
            Lookup::File("sessions/a/index.html".into())
        );
        assert_eq!(
            lookup("/sessions/a", Some("q=1"), site),
            Lookup::Redirect("/sessions/a/?q=1".into())
        );
        assert_eq!(
            lookup("/static/style.css", None, site),
            Lookup::File("static/style.css".into())
        );
    }

    #[test]
    fn traversal_and_odd_encodings_never_resolve() {
        for p in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2fetc%2fpasswd",
            "/sessions/%2e%2e/%2e%2e/x",
            "/a/./b",
            "/%00",
            "/a%5c..%5cb",
            "/%ff",
        ] {
            assert_eq!(lookup(p, None, site), Lookup::BadRequest, "{p}");
        }
        assert_eq!(lookup("//etc/passwd", None, site), Lookup::NotFound);
        assert_eq!(lookup("/etc/passwd", None, site), Lookup::NotFound);
        assert_eq!(
            lookup("/static%2fstyle.css", None, site),
            Lookup::File("static/style.css".into())
        );
    }

    #[test]
    fn redirect_cannot_become_protocol_relative() {
        let exists = |k: &str| k == "evil.com/index.html";
        assert_eq!(
            lookup("//evil.com", None, exists),
            Lookup::Redirect("/evil.com/".into())
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("static/app.js"),
            "application/javascript; charset=utf-8"
        );
        assert_eq!(content_type("static/icon.svg"), "image/svg+xml");
        assert_eq!(content_type("feed.xml"), "application/atom+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("data/site.json"), "application/json");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("x.bin"), "application/octet-stream");
    }
}
