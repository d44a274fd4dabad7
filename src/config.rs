//! The site configuration: `content/site.toml`, overridden by command-line
//! flags. Every field has a default, so a site needs no config file at all.

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `site.toml`. Documented for site owners in the README.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct SiteConfig {
    /// Shown in the header and the `<title>` of every page.
    pub title: String,
    /// One line about the site, for the home page and meta descriptions.
    pub description: String,
    /// Absolute URL the site is served from, used for canonical links,
    /// the feed and the sitemap. Pages themselves link with root-relative
    /// paths, so a wrong base URL never breaks navigation.
    pub base_url: String,
    /// `zh-CN` or `en`: interface strings, `lang` attribute, date format.
    pub language: String,
    /// Theme folder, relative to the site root.
    pub theme: PathBuf,
    /// Output folder, relative to the site root.
    pub output: PathBuf,
    /// Link the first mention of an entity in each timeline section.
    pub cross_links: bool,
    /// Most mentions listed on one entity page; the rest are counted.
    pub max_mentions_per_page: usize,
    /// Session cards on each home page (`/`, `/page/2/`, …); 0 lists
    /// them all on `/`.
    pub sessions_per_page: usize,
    /// Newest sessions in `feed.xml`; 0 puts every session in it.
    pub feed_limit: usize,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "会议回顾".into(),
            description: "每场会议的时间线、产品、公司与讲者，一站检索。".into(),
            base_url: "http://127.0.0.1:1111".into(),
            language: "zh-CN".into(),
            theme: PathBuf::from("themes/default"),
            output: PathBuf::from("public"),
            cross_links: true,
            max_mentions_per_page: 200,
            sessions_per_page: 100,
            feed_limit: 50,
        }
    }
}

impl SiteConfig {
    /// Read `path`; a missing file gives the defaults, a malformed one an
    /// error that names the file and line.
    pub fn load(path: &Path) -> anyhow::Result<SiteConfig> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SiteConfig::default()),
            Err(e) => anyhow::bail!("cannot read {}: {e}", path.display()),
        };
        toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start].matches('\n').count() + 1)
                .unwrap_or(1);
            anyhow::anyhow!("{}:{line}: {}", path.display(), e.message())
        })
    }

    /// `base_url` without a trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let c = SiteConfig::load(Path::new("/nonexistent/site.toml")).unwrap();
        assert_eq!(c, SiteConfig::default());
    }

    #[test]
    fn partial_file_keeps_other_defaults() {
        let c: SiteConfig = toml::from_str("title = \"X\"").unwrap();
        assert_eq!(c.title, "X");
        assert_eq!(c.language, "zh-CN");
    }

    #[test]
    fn unknown_key_is_an_error() {
        assert!(toml::from_str::<SiteConfig>("titel = \"X\"").is_err());
    }
}
