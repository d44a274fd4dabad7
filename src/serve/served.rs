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

use super::incremental::{Model, ModelHolder, Rebuild};
use crate::render;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// A page, or why it could not be made.
pub type Rendered = Result<Bytes, String>;

/// The last good model and the files made from it so far.
pub struct Served {
    model: Model,
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
    /// Serve nothing until a first build succeeds ([`Served::rebuilt`]).
    pub fn new() -> Served {
        Served {
            model: Model::default(),
            built: false,
            pages: Mutex::new(HashMap::new()),
            assets: HashMap::new(),
            site_wide: OnceLock::new(),
            site_json: OnceLock::new(),
        }
    }

    /// After a rebuild into this holder succeeded: keep the pages it
    /// rendered, and read the theme's static files again if it reloaded
    /// the theme.
    pub fn rebuilt(&mut self, r: Rebuild) {
        self.built = true;
        if r.reloaded.contains(&"theme") || self.assets.is_empty() {
            self.assets = self
                .model
                .theme()
                .map(|t| render::assets::assets(t.static_dir()))
                .transpose()
                .unwrap_or_default()
                .unwrap_or_default()
                .into_iter()
                .map(|o| (o.path, Bytes::from(o.bytes)))
                .collect();
        }
        if let Ok(pages) = self.pages.get_mut() {
            pages.extend(
                r.rendered
                    .into_iter()
                    .map(|o| (o.path, Ok(Bytes::from(o.bytes)))),
            );
        }
    }

    pub fn model(&self) -> &Model {
        &self.model
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
        let (site, theme) = (self.model.site()?, self.model.theme()?);
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
                let files: HashMap<String, Bytes> = render::render_site_wide(site, theme)
                    .map_err(|e| format!("{e:#}"))?
                    .into_iter()
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

impl ModelHolder for Served {
    fn model(&self) -> &Model {
        &self.model
    }

    /// What was made from the old model is forgotten before it changes.
    fn model_mut(&mut self) -> &mut Model {
        self.pages = Mutex::new(HashMap::new());
        self.site_wide = OnceLock::new();
        self.site_json = OnceLock::new();
        &mut self.model
    }
}

impl Default for Served {
    fn default() -> Served {
        Served::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::serve::{Dirty, Incremental};

    #[test]
    fn pages_render_on_request_and_site_wide_files_once() {
        let mut inc = Incremental::new(crate::BuildOptions::default());
        let held = std::sync::RwLock::new(Served::new());
        let first = inc.rebuild(Dirty::ALL, &mut |_| {}, &held).unwrap();
        assert!(first.rendered.iter().any(|o| o.path == "index.html"));
        let mut served = held.into_inner().unwrap();
        assert!(served.is_empty(), "nothing is served before `rebuilt`");
        served.rebuilt(first);
        assert!(!served.is_empty());
        let full = served.model().render_all().unwrap();
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
        let served = Served::new();
        assert!(served.is_empty());
        assert!(served.get("index.html").is_none());
    }
}
