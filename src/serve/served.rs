//! What `recap serve` answers requests from: the pipeline's last good model
//! and theme, with pages rendered when a browser first asks for them.
//!
//! A rebuild changes the model, not the pages: rendering all of a
//! 10,000-session site after every save would take seconds, while a
//! browser looks at one page. So pages are rendered on request with
//! [`render::render_path`] (the same code as the full render, so the bytes
//! are the same) and cached until the next rebuild. The files made from
//! the whole site at once (search index, feed, sitemap) are made together
//! on the first request for one of them; the data export is made for
//! each request and streamed, never held; the theme's static files are
//! read when the theme is loaded.
//!
//! Those whole-site files take seconds on a big site (about 5 s for the search
//! index of 10,000 sessions), so they are not made under the lock: a
//! request takes a [`Later`] (a clone of the model, two pointers, and the
//! cells the files go in) and makes them after letting go. A rebuild never
//! waits for one; if it patches the model meanwhile, the enricher is
//! copied first and the files made from the old model are dropped with it.
//! Images are read off the lock the same way, and the smaller copies of
//! photos, a fifth of a second each to make, are kept from one rebuild to
//! the next ([`MadeCopies`]).

use super::incremental::{Model, ModelHolder, Rebuild};
use crate::media::MadeCopies;
use crate::render;
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A page, or why it could not be made.
pub type Rendered = Result<Bytes, String>;

/// A file of the site, ready or to be made from the whole site.
pub enum Fetched {
    Ready(Rendered),
    /// Make it with [`Later::make`], without holding the lock.
    Later(Later),
}

/// The files made from the whole site at once, for one model. The data
/// export is not kept: it is hundreds of megabytes on a big site, so it is
/// made again for each request and streamed (see [`Later::write_export`]).
#[derive(Default)]
struct Wholes {
    /// Search index and page, feed, sitemap, robots.txt.
    site_wide: OnceLock<Result<HashMap<String, Bytes>, String>>,
}

/// A whole-site file to make from the model as it was when asked for.
/// Requests for it at the same time share one making of it.
pub struct Later {
    model: Model,
    wholes: Arc<Wholes>,
    key: String,
    copies: Arc<MadeCopies>,
}

impl Later {
    /// Whether this is the data export, which [`Later::write_export`]
    /// writes out a piece at a time.
    pub fn is_export(&self) -> bool {
        self.key == render::data::DATA_PATH
    }

    /// Write the data export of the model to `w` as it is made, never
    /// holding it whole: on a 10,000-session site it is 690 MB, and
    /// holding it took the server's peak from 0.9 to 2.6 GB.
    pub fn write_export(&self, w: impl std::io::Write) -> anyhow::Result<()> {
        let site = self
            .model
            .site()
            .ok_or_else(|| anyhow::anyhow!("the site has no model to export"))?;
        render::data::write_site_json(site, w)
    }

    /// The file, or `None` when the site has no such file (a search index
    /// shard that is not there).
    pub fn make(&self) -> Option<Rendered> {
        let (site, theme) = (self.model.site()?, self.model.theme()?);
        // Read or scaled off the lock: scaling takes a fifth of a second.
        if crate::media::is_media_path(&self.key) {
            let image = crate::media::output_at(site, &self.key, &self.copies)?;
            return Some(
                image
                    .map(|o| Bytes::from(o.bytes))
                    .map_err(|e| format!("{e:#}")),
            );
        }
        if self.is_export() {
            let mut bytes = Vec::new();
            let made = self.write_export(&mut bytes);
            return Some(
                made.map(|()| Bytes::from(bytes))
                    .map_err(|e| format!("{e:#}")),
            );
        }
        let files = self.wholes.site_wide.get_or_init(|| {
            let files: HashMap<String, Bytes> = render::render_site_wide(site, theme)
                .map_err(|e| format!("{e:#}"))?
                .into_iter()
                .map(|o| (o.path, Bytes::from(o.bytes)))
                .collect();
            Ok(files)
        });
        match files {
            Ok(files) => files.get(&self.key).map(|b| Ok(b.clone())),
            Err(e) => Some(Err(e.clone())),
        }
    }
}

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
    /// Made from this model when first asked for.
    wholes: Arc<Wholes>,
    /// The copies of photos made so far, whatever the model.
    copies: Arc<MadeCopies>,
}

impl Served {
    /// Serve nothing until a first build succeeds ([`Served::rebuilt`]).
    pub fn new() -> Served {
        Served {
            model: Model::default(),
            built: false,
            pages: Mutex::new(HashMap::new()),
            assets: HashMap::new(),
            wholes: Arc::default(),
            copies: Arc::default(),
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
            // The model is the same, but an image it shows may be new.
            if r.reloaded.contains(&"images") {
                pages.clear();
            }
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
    /// the site has no such file. A whole-site file is made now too: see
    /// [`Served::fetch`] for making it after letting go of the lock.
    pub fn get(&self, key: &str) -> Option<Rendered> {
        match self.fetch(key)? {
            Fetched::Ready(r) => Some(r),
            Fetched::Later(later) => later.make(),
        }
    }

    /// The file at output path `key`: a page is rendered now (a few
    /// milliseconds), a whole-site file is left for the caller to make.
    /// `None` when the site has no such file; a [`Later`] may still find
    /// that it has none.
    pub fn fetch(&self, key: &str) -> Option<Fetched> {
        if !self.built {
            return None;
        }
        if let Some(b) = self.assets.get(key) {
            return Some(Fetched::Ready(Ok(b.clone())));
        }
        let (site, theme) = (self.model.site()?, self.model.theme()?);
        if render::is_site_wide(key) || crate::media::is_media_path(key) {
            return Some(Fetched::Later(Later {
                model: self.model.clone(),
                wholes: Arc::clone(&self.wholes),
                key: key.to_string(),
                copies: Arc::clone(&self.copies),
            }));
        }
        if let Some(r) = self.pages.lock().ok()?.get(key) {
            return Some(Fetched::Ready(r.clone()));
        }
        let rendered = render::render_path(site, theme, key)?
            .map(|o| Bytes::from(o.bytes))
            .map_err(|e| format!("{e:#}"));
        if let Ok(mut pages) = self.pages.lock() {
            pages.insert(key.to_string(), rendered.clone());
        }
        Some(Fetched::Ready(rendered))
    }
}

impl ModelHolder for Served {
    fn model(&self) -> &Model {
        &self.model
    }

    /// What was made from the old model is forgotten before it changes.
    fn model_mut(&mut self) -> &mut Model {
        self.pages = Mutex::new(HashMap::new());
        self.wholes = Arc::default();
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
