//! The site configuration: `content/site.toml`, overridden by command-line
//! flags. Every field has a default, so a site needs no config file at all.

use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// `site.toml`. Documented for site owners in the README.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(default)]
pub struct SiteConfig {
    /// Shown in the header and the `<title>` of every page.
    pub title: String,
    /// One line about the site, for the home page and meta descriptions.
    pub description: String,
    /// Absolute URL the site is served from, used for canonical links,
    /// the feed and the sitemap. Pages themselves link with root-relative
    /// paths, so a wrong base URL never breaks navigation.
    pub base_url: String,
    /// `zh-CN`, `zh-TW` or `en`: interface strings, `lang` attribute, date format.
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
    /// Where `base_url` was set (file or flag, and line), for
    /// [`SiteConfig::diagnostics`].
    #[serde(skip)]
    pub base_url_from: (String, Option<usize>),
    /// Where `language` was set.
    #[serde(skip)]
    pub language_from: (String, Option<usize>),
    /// The languages the theme has interface strings for (set with
    /// [`SiteConfig::with_languages`]); empty: not checked.
    #[serde(skip)]
    pub languages: Vec<String>,
    /// Keys of the file that are not settings (`base_ulr`), with their
    /// lines: reported and ignored.
    #[serde(skip)]
    pub unknown_keys: Vec<(String, Option<usize>)>,
    /// The seeds folder as the build was given it, for the images recaps
    /// show ([`crate::media`]); `None`: they are left as text.
    #[serde(skip)]
    pub seeds_dir: Option<PathBuf>,
    /// The content folder, for the images pages show.
    #[serde(skip)]
    pub content_dir: Option<PathBuf>,
    /// Where a previous site may be, whose copies of photos a build keeps
    /// ([`crate::media::scaled`]): the output folder, then the one the
    /// config names when the command writes elsewhere (`recap bundle --out
    /// offline` takes them from the `public/` a build wrote).
    #[serde(skip)]
    pub previous_dirs: Vec<PathBuf>,
}

/// The keys of `site.toml`, for suggestions when one is misspelt.
const KEYS: [&str; 10] = [
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "output",
    "cross_links",
    "max_mentions_per_page",
    "sessions_per_page",
    "feed_limit",
];

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
            base_url_from: (String::new(), None),
            language_from: (String::new(), None),
            languages: Vec::new(),
            unknown_keys: Vec::new(),
            seeds_dir: None,
            content_dir: None,
            previous_dirs: Vec::new(),
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
        SiteConfig::parse(&text, &path.display().to_string())
    }

    /// [`SiteConfig::load`] on `text`, read from `file`.
    pub fn parse(text: &str, file: &str) -> anyhow::Result<SiteConfig> {
        let (mut config, unknown): (SiteConfig, _) =
            crate::toml_keys::from_str(text).map_err(|e| {
                let line = e
                    .span()
                    .map(|s| text[..s.start].matches('\n').count() + 1)
                    .unwrap_or(1);
                anyhow::anyhow!("{file}:{line}: {}", e.message())
            })?;
        let line_of = |key: &str| crate::toml_keys::line_of(text, 0, key);
        config.unknown_keys = unknown
            .into_iter()
            .map(|path| {
                let line = match path.first() {
                    Some(crate::toml_keys::Step::Key(k)) => line_of(k),
                    _ => None,
                };
                (path_text(&path), line)
            })
            .collect();
        config.unknown_keys.sort_by_key(|(_, line)| *line);
        config.base_url_from = (file.to_string(), line_of("base_url"));
        config.language_from = (file.to_string(), line_of("language"));
        Ok(config)
    }

    /// The config, told which languages the theme has strings for.
    pub fn with_languages(mut self, languages: Vec<String>) -> SiteConfig {
        self.languages = languages;
        self
    }

    /// Set `base_url` from the command line, in place of the file's.
    pub fn override_base_url(&mut self, url: &str) {
        self.base_url = url.to_string();
        self.base_url_from = ("--base-url".to_string(), None);
    }

    /// What is wrong with the values, though the site still builds: keys
    /// that are not settings; a
    /// `base_url` that is not an absolute http(s) URL, from which canonical
    /// links, the feed and the sitemap are made; a `language` the theme has
    /// no interface strings for.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        let file = &self.base_url_from.0;
        for (key, line) in &self.unknown_keys {
            let message = crate::toml_keys::unknown_key_message(key, &KEYS);
            found.push(Diagnostic::warning(file, *line, message));
        }
        let url = self.base_url.as_str();
        if !crate::urls::is_web_url(url) {
            let (file, line) = &self.base_url_from;
            found.push(Diagnostic::warning(
                file,
                *line,
                format!(
                    "base_url `{url}` is not an absolute http(s) URL such as \
                     `https://example.org`; canonical links, the feed and the sitemap use it"
                ),
            ));
        }
        let language = self.language.as_str();
        if !self.languages.is_empty()
            && !crate::render::strings::has_language(&self.languages, language)
        {
            let (file, line) = &self.language_from;
            found.push(Diagnostic::warning(
                file,
                *line,
                format!(
                    "the theme has no interface strings for language `{language}` (it has {}): \
                     labels are in English; use one of those, or add a [{language}] table \
                     to the theme's strings.toml",
                    self.languages.join(", ")
                ),
            ));
        }
        found
    }

    /// `base_url` without a trailing slash.
    pub fn base(&self) -> &str {
        self.base_url.trim_end_matches('/')
    }
}

/// `search.max_results` for a key's path.
fn path_text(path: &[crate::toml_keys::Step]) -> String {
    use crate::toml_keys::Step;
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => {
                out.push('.');
                out.push_str(k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
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
    fn a_base_url_that_is_not_a_url_is_warned_about_with_its_line() {
        let mut c = SiteConfig::parse(
            "title = \"X\"\nbase_url = \"recap.example.org\"\n",
            "site.toml",
        )
        .unwrap();
        let diagnostics = c.diagnostics();
        let [d] = diagnostics.as_slice() else {
            panic!("{diagnostics:?}")
        };
        assert_eq!((d.file.as_str(), d.line), ("site.toml", Some(2)));
        assert!(
            d.to_string()
                .contains("`recap.example.org` is not an absolute"),
            "{d}"
        );
        c.override_base_url("https://recap.example.org/");
        assert!(c.diagnostics().is_empty());
        c.override_base_url("/sub/");
        assert_eq!(c.diagnostics()[0].file, "--base-url");
    }

    #[test]
    fn a_language_without_strings_is_warned_about_with_its_line() {
        let text = "title = \"X\"\nbase_url = \"https://x.org\"\nlanguage = \"fr\"\n";
        let langs = vec!["en".to_string(), "zh-CN".to_string()];
        let c = SiteConfig::parse(text, "site.toml")
            .unwrap()
            .with_languages(langs.clone());
        let diagnostics = c.diagnostics();
        let [d] = diagnostics.as_slice() else {
            panic!("{diagnostics:?}")
        };
        assert_eq!((d.file.as_str(), d.line), ("site.toml", Some(3)));
        assert!(
            d.message.contains("`fr`") && d.message.contains("en, zh-CN"),
            "{d}"
        );
        let zh = SiteConfig::parse(&text.replace("fr", "zh-TW"), "site.toml").unwrap();
        assert!(zh.with_languages(langs).diagnostics().is_empty());
    }

    #[test]
    fn unknown_keys_are_reported_with_their_line_and_ignored() {
        let text = "title = \"X\"\nbase_ulr = \"https://x.org\"\n\n[search]\nlimit = 3\n";
        let c = SiteConfig::parse(text, "site.toml").unwrap();
        assert_eq!(c.title, "X");
        let said: Vec<String> = c.diagnostics().iter().map(|d| d.to_string()).collect();
        assert!(
            said[0].contains(
                "site.toml:2: unknown key `base_ulr` is ignored; did you mean `base_url`?"
            ),
            "{said:?}"
        );
        assert!(
            said[1].contains("site.toml:4: unknown key `search` is ignored"),
            "{said:?}"
        );
        assert_eq!(said.len(), 2, "{said:?}");
        let wrong_type = SiteConfig::parse("cross_links = \"yes\"", "site.toml").unwrap_err();
        assert!(
            wrong_type.to_string().starts_with("site.toml:1:"),
            "{wrong_type}"
        );
    }
}
