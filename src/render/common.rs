//! What every page's context shares: the site, the interface strings, the
//! page kinds the site has, and the content pages the footer lists.

use super::{pages, source_links, Theme};
use crate::enrich::Site;
use anyhow::bail;
use serde::Serialize;
use std::sync::Mutex;

/// Which optional page kinds the site has, so the nav and the header only
/// link to pages that exist. A kind is there when the theme has its list
/// template and the site has something to list; whoever renders a kind
/// keeps its condition here in step with what they generate.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Features {
    pub has_products: bool,
    pub has_companies: bool,
    pub has_speakers: bool,
    pub has_topics: bool,
    pub has_announcements: bool,
    pub has_numbers: bool,
    pub has_search: bool,
}

impl Features {
    pub fn detect(site: &Site, theme: &Theme) -> Features {
        let any = |f: fn(&crate::enrich::SessionInfo) -> bool| site.info.iter().any(|i| f(i));
        Features {
            has_products: theme.has_template("products.html") && any(|i| !i.products.is_empty()),
            has_companies: theme.has_template("companies.html") && any(|i| !i.companies.is_empty()),
            has_speakers: theme.has_template("speakers.html") && any(|i| !i.speakers.is_empty()),
            has_topics: theme.has_template("topics.html") && any(|i| !i.topics.is_empty()),
            has_announcements: theme.has_template("announcements.html"),
            has_numbers: theme.has_template("numbers.html") && any(|i| !i.numbers.is_empty()),
            has_search: theme.has_template("search.html"),
        }
    }
}

/// The variables every template gets, built once per render.
pub struct Common {
    base: tera::Context,
    /// `base_url` without its trailing slash, for `canonical_url`.
    base_url: String,
    /// Copies of `base` to render pages in, one per thread that renders.
    /// A page's own variables are added to one and taken out again after:
    /// cloning `base` (the theme's strings above all) for every page and
    /// dropping it after was 4% of the sample site's build.
    spare: Mutex<Vec<tera::Context>>,
    /// Made when a page first links to a file (most sites never do).
    pub(super) source_links: std::sync::OnceLock<source_links::SourceLinks>,
}

#[derive(Serialize)]
struct SiteVars<'a> {
    title: &'a str,
    description: &'a str,
    base_url: &'a str,
    language: &'a str,
}

/// A content page, as the footer lists it.
#[derive(Serialize)]
struct PageLink<'a> {
    title: &'a str,
    url: String,
}

impl Common {
    pub fn new(site: &Site, theme: &Theme, features: Features) -> anyhow::Result<Common> {
        let c = &site.config;
        let mut base = tera::Context::from_serialize(features)?;
        base.insert(
            "site",
            &SiteVars {
                title: &c.title,
                description: &c.description,
                base_url: c.base(),
                language: &c.language,
            },
        );
        base.insert("lang", &c.language);
        base.insert("t", theme.strings().table());
        base.insert("recap_version", env!("CARGO_PKG_VERSION"));
        base.insert("has_code", &false);
        let mut site_pages: Vec<PageLink> = site
            .pages
            .iter()
            .map(|p| PageLink {
                title: &p.title,
                url: pages::page_url(p),
            })
            .collect();
        site_pages.sort_by(|a, b| a.url.cmp(&b.url));
        base.insert("site_pages", &site_pages);
        Ok(Common {
            base,
            base_url: c.base().to_string(),
            spare: Mutex::new(Vec::new()),
            source_links: std::sync::OnceLock::new(),
        })
    }

    fn spare(&self) -> std::sync::MutexGuard<'_, Vec<tera::Context>> {
        self.spare
            .lock()
            .expect("the pool lock is never held by a panic")
    }

    /// Run `render` with the full context of the page at `url`
    /// (root-relative): the common variables, `current_url`,
    /// `canonical_url`, then the page's `vars` (a struct whose fields
    /// become top-level variables, and may hide common ones). The context
    /// is the common one again afterwards, ready for the next page.
    pub(super) fn render_in<S: Serialize, R>(
        &self,
        url: &str,
        vars: &S,
        render: impl FnOnce(&tera::Context) -> anyhow::Result<R>,
    ) -> anyhow::Result<R> {
        let vars = match serde_json::to_value(vars)? {
            serde_json::Value::Object(vars) => vars,
            _ => bail!("page variables must be a struct or a map"),
        };
        let own: Vec<String> = ["current_url", "canonical_url"]
            .into_iter()
            .map(String::from)
            .chain(vars.keys().cloned())
            .collect();
        let taken = self.spare().pop();
        let mut ctx = taken.unwrap_or_else(|| self.base.clone());
        ctx.insert("current_url", url);
        ctx.insert("canonical_url", &format!("{}{url}", self.base_url));
        ctx.extend(tera::Context::from_value(serde_json::Value::Object(vars))?);
        let result = render(&ctx);
        for key in &own {
            match self.base.get(key) {
                Some(common) => ctx.insert(key.as_str(), common),
                None => {
                    ctx.remove(key);
                }
            }
        }
        self.spare().push(ctx);
        result
    }
}
