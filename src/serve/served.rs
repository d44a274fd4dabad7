//! What `recap serve` answers requests from: the pipeline's last good model
//! and theme, with pages rendered when a browser first asks for them.
//!
//! A rebuild changes the model, not the pages: rendering all of a
//! 10,000-session site after every save would take seconds, while a
//! browser looks at one page. So pages are rendered on request with
//! [`render::render_path`] (the same code as the full render, so the bytes
//! are the same) and cached until the next rebuild. The files made from
//! the whole site at once (search index, feed, sitemap) are made together
//! on the first request for one of them, the data export on its own when
//! it is asked for; the theme's static files are read when the theme is
//! loaded.

use super::incremental::{Incremental, Rebuild};
use crate::render;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A page, or why it could not be made.
pub type Rendered = Result<Bytes, String>;

/// The pipeline and the files made from its last good build so far.
pub struct Served {
    pub inc: Incremental,
    /// Whether a build has succeeded: until then every request gets the
    /// waiting page.
    built: bool,
    /// Pages rendered since the last rebuild, by output path.
    pages: Mutex<HashMap<String, Rendered>>,
    /// The theme's static files, read once per theme.
    assets: HashMap<String, Bytes>,
    /// Search index and page, feed, sitemap, robots.txt.
    site_wide: OnceLock<Result<HashMap<String, Bytes>, String>>,
    /// The data export, made only when asked for: hundreds of megabytes on
    /// a big site, which a search must not pay for.
    site_json: OnceLock<Rendered>,
}

impl Served {
    /// Serve what `inc` has built (`first` is its first build, if it
    /// succeeded).
    pub fn new(inc: Incremental, first: Option<Rebuild>) -> Served {
        let mut s = Served {
            inc,
            built: false,
            pages: Mutex::new(HashMap::new()),
            assets: HashMap::new(),
            site_wide: OnceLock::new(),
            site_json: OnceLock::new(),
        };
        if let Some(r) = first {
            s.rebuilt(r);
        }
        s
    }

    /// Forget what the model before `r` rendered; keep what `r` rendered.
    pub fn rebuilt(&mut self, r: Rebuild) {
        self.built = true;
        if r.reloaded.contains(&"theme") || self.assets.is_empty() {
            self.assets = self
                .inc
                .theme()
                .map(|t| render::assets::assets(t.static_dir()))
                .transpose()
                .unwrap_or_default()
                .unwrap_or_default()
                .into_iter()
                .map(|o| (o.path, Bytes::from(o.bytes)))
                .collect();
        }
        if !r.changed() && self.pages.lock().is_ok_and(|p| !p.is_empty()) {
            return;
        }
        let pages = r
            .rendered
            .into_iter()
            .map(|o| (o.path, Ok(Bytes::from(o.bytes))))
            .collect();
        self.pages = Mutex::new(pages);
        self.site_wide = OnceLock::new();
        self.site_json = OnceLock::new();
    }

    /// No good build yet.
    pub fn is_empty(&self) -> bool {
        !self.built
    }

    /// The file at output path `key`, rendered now if need be; `None` when
    /// the site has no such file.
    pub fn get(&self, key: &str) -> Option<Rendered> {
        if !self.built {
            return None;
        }
        if let Some(b) = self.assets.get(key) {
            return Some(Ok(b.clone()));
        }
        let (site, theme) = (self.inc.site()?, self.inc.theme()?);
        if key == render::data::DATA_PATH {
            let json = self.site_json.get_or_init(|| {
                render::data::site_json(site)
                    .map(Bytes::from)
                    .map_err(|e| format!("{e:#}"))
            });
            return Some(json.clone());
        }
        if render::is_site_wide(key) {
            let files = self.site_wide.get_or_init(|| {
                let files: HashMap<String, Bytes> = render::render_without_sessions(site, theme)
                    .map_err(|e| format!("{e:#}"))?
                    .into_iter()
                    .filter(|o| render::is_site_wide(&o.path))
                    .map(|o| (o.path, Bytes::from(o.bytes)))
                    .collect();
                Ok(files)
            });
            return match files {
                Ok(files) => files.get(key).map(|b| Ok(b.clone())),
                Err(e) => Some(Err(e.clone())),
            };
        }
        if let Some(r) = self.pages.lock().ok()?.get(key) {
            return Some(r.clone());
        }
        let rendered = render::render_path(site, theme, key)?
            .map(|o| Bytes::from(o.bytes))
            .map_err(|e| format!("{e:#}"));
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(key.to_string(), rendered.clone());
        }
        Some(rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::Dirty;

    #[test]
    fn pages_render_on_request_and_site_wide_files_once() {
        let mut inc = Incremental::new(crate::BuildOptions::default());
        let first = inc.rebuild(Dirty::ALL, &mut |_| {}).unwrap();
        assert!(first.rendered.iter().any(|o| o.path == "index.html"));
        let served = Served::new(inc, Some(first));
        assert!(!served.is_empty());
        let full = served.inc.render_all().unwrap();
        for path in [
            "index.html",
            "404.html",
            "sitemap.xml",
            "static/style.css",
            "data/site.json",
        ] {
            let want = full.iter().find(|o| o.path == path).unwrap();
            let got = served.get(path).unwrap().unwrap();
            assert!(got == want.bytes, "{path}");
        }
        let session = full
            .iter()
            .find(|o| o.path.starts_with("sessions/"))
            .unwrap();
        assert!(served.get(&session.path).unwrap().unwrap() == session.bytes);
        assert!(served.get("sessions/none/index.html").is_none());
        assert!(served.get("search/none.js").is_none());
        assert!(served.get("../Cargo.toml").is_none());
    }

    #[test]
    fn nothing_is_served_before_a_good_build() {
        let served = Served::new(Incremental::new(crate::BuildOptions::default()), None);
        assert!(served.is_empty());
        assert!(served.get("index.html").is_none());
    }
}
