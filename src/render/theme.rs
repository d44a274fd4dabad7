//! A theme: compiled tera templates, interface strings and static files.
//!
//! Templates are compiled once per build: the theme's `templates/**/*.html`,
//! then the site's own `templates/` folder, whose files replace the theme's
//! files of the same name. A syntax error names the template file and line.
//!
//! Each line's indentation is dropped as the templates are read (except
//! inside `<pre>`, `<textarea>` and `<script>`): it is there for the theme
//! author, and a reader's browser collapses it anyway. On a session page
//! it was an eighth of the bytes written.

use super::strings::Strings;
use crate::config::SiteConfig;
use crate::model::format_time;
use anyhow::{bail, Context as _};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use tera::{Tera, Value};

pub struct Theme {
    tera: Tera,
    names: BTreeSet<String>,
    strings: Strings,
    /// `<theme>/static`, copied to `/static/` of the output.
    static_dir: PathBuf,
    /// See [`Theme::session_loops_sections`].
    session_loops_sections: bool,
}

impl Theme {
    /// Load the theme at `dir`, with the site's template overrides from
    /// `overrides` (which need not exist).
    pub fn load(dir: &Path, overrides: &Path, config: &SiteConfig) -> anyhow::Result<Theme> {
        if !dir.is_dir() {
            bail!(
                "theme folder `{}` not found; pass --theme DIR or check `theme` in site.toml",
                dir.display()
            );
        }
        let templates_dir = dir.join("templates");
        if !templates_dir.is_dir() {
            bail!(
                "theme folder `{}` has no `templates/` folder",
                dir.display()
            );
        }
        let mut files: BTreeMap<String, PathBuf> = template_files(&templates_dir)?;
        if overrides.is_dir() {
            files.extend(template_files(overrides)?);
        }
        let strings = Strings::load(&dir.join("strings.toml"), &config.language)?;
        let mut tera = Tera::default();
        // tera's own escaping also turns `/` into `&#x2F;`, which makes every
        // URL in the output unreadable; `/` is harmless in HTML text and
        // quoted attributes.
        tera.set_escape_fn(super::text::escape);
        register_filters(&mut tera, &strings);
        let mut sources = Vec::with_capacity(files.len());
        for (name, path) in &files {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read template {}", path.display()))?;
            sources.push((name.as_str(), strip_indentation(&text)));
        }
        let session_loops_sections = mentions(&sources, "session.html", "sections");
        tera.add_raw_templates(sources.iter().map(|(n, s)| (n, s)))
            .map_err(|e| {
                let mut msg = error_chain(&e);
                // tera names the template (`'base.html'`); the author needs
                // the file, which `recap serve`'s overlay reads from `"…"`.
                for (name, path) in &files {
                    let quoted = format!("'{name}'");
                    if msg.contains(&quoted) {
                        msg = msg.replacen(&quoted, &format!("\"{}\"", path.display()), 1);
                        break;
                    }
                }
                anyhow::anyhow!("cannot load templates: {msg}")
            })?;
        Ok(Theme {
            tera,
            names: files.into_keys().collect(),
            strings,
            static_dir: dir.join("static"),
            session_loops_sections,
        })
    }

    /// Whether `session.html`, or a template it extends, imports or
    /// includes, names `sections`: such a theme writes the timeline's
    /// markup itself from `session.sections`, and is given them. Others
    /// print `session.timeline`, the same markup made by recap
    /// ([`super::timeline`]), and are spared the data as template values.
    pub fn session_loops_sections(&self) -> bool {
        self.session_loops_sections
    }

    pub fn has_template(&self, name: &str) -> bool {
        self.names.contains(name)
    }

    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    pub fn static_dir(&self) -> &Path {
        &self.static_dir
    }

    /// Render `template` with `context` into UTF-8 bytes; errors carry
    /// tera's whole chain (which template, which variable). Bytes, not a
    /// `String`: tera would check every page it made for UTF-8 again.
    pub fn render(&self, template: &str, context: &tera::Context) -> anyhow::Result<Vec<u8>> {
        if !self.has_template(template) {
            bail!("the theme has no template `{template}`");
        }
        // Most pages are tens of kilobytes: grown from nothing, each was
        // copied a dozen times on the way.
        let mut page = Vec::with_capacity(PAGE_BYTES);
        self.tera
            .render_to(template, context, &mut page)
            .map_err(|e| anyhow::anyhow!("{}", error_chain(&e)))?;
        if page.capacity() > 2 * page.len() {
            page.shrink_to_fit();
        }
        Ok(page)
    }
}

/// Room made for a page before it is rendered.
const PAGE_BYTES: usize = 64 << 10;

/// Every `.html` file under `dir`, keyed by its `/`-separated path relative
/// to `dir` (the name templates use in `extends`/`include`/`import`).
fn template_files(dir: &Path) -> anyhow::Result<BTreeMap<String, PathBuf>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let path = entry.path();
        if !entry.file_type().is_file() || path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path.strip_prefix(dir).unwrap_or(path);
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        files.insert(name, path.to_path_buf());
    }
    Ok(files)
}

/// `source` without each line's leading spaces and tabs, but for the lines
/// of a `<pre>`, `<textarea>` or `<script>` element, whose whitespace shows
/// or matters. Lines are kept, so tera's line numbers still match the file.
pub(super) fn strip_indentation(source: &str) -> String {
    const KEEP: [(&str, &str); 3] = [
        ("<pre", "</pre>"),
        ("<textarea", "</textarea>"),
        ("<script", "</script>"),
    ];
    let mut out = String::with_capacity(source.len());
    let mut inside: Option<&str> = None;
    for line in source.split_inclusive('\n') {
        match inside {
            Some(close) => {
                out.push_str(line);
                if line.contains(close) {
                    inside = None;
                }
            }
            None => {
                out.push_str(line.trim_start_matches([' ', '\t']));
                inside = KEEP
                    .iter()
                    .filter_map(|&(open, close)| {
                        let at = line.rfind(open)?;
                        (!line[at..].contains(close)).then_some(close)
                    })
                    .next();
            }
        }
    }
    out
}

/// Whether template `start`, or one it reaches, has `word` as a name (not
/// part of a longer one, not in a `{# … #}` comment). A template reaches
/// the templates whose names it quotes (`{% extends "base.html" %}`,
/// `import`, `include`): a quoted name that is no such tag only makes this
/// say yes more often, which costs the caller time, never a missing
/// variable.
fn mentions(sources: &[(&str, String)], start: &str, word: &str) -> bool {
    let is_name = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let names_word = |text: &str| {
        text.match_indices(word).any(|(at, _)| {
            let before = text.as_bytes()[..at].last().copied();
            let after = text.as_bytes().get(at + word.len()).copied();
            !before.is_some_and(is_name) && !after.is_some_and(is_name)
        })
    };
    let mut seen = vec![start];
    let mut next = 0;
    while let Some(&name) = seen.get(next) {
        next += 1;
        let Some((_, text)) = sources.iter().find(|(n, _)| *n == name) else {
            continue;
        };
        let text = &without_comments(text);
        if names_word(text) {
            return true;
        }
        for (other, _) in sources {
            let quoted = |q: char| text.contains(&format!("{q}{other}{q}"));
            if !seen.contains(other) && (quoted('"') || quoted('\'')) {
                seen.push(other);
            }
        }
    }
    false
}

/// `text` without its `{# … #}` comments (an unclosed one runs to the end).
fn without_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{#") {
        out.push_str(&rest[..open]);
        rest = rest[open..]
            .find("#}")
            .map_or("", |close| &rest[open + close + 2..]);
    }
    out.push_str(rest);
    out
}

/// `error: source: source…` — tera puts the file, line and column in the
/// inner errors, so the whole chain is what a theme author needs.
fn error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(":\n");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

/// Filters for theme authors: `{{ 75 | clock }}` → `01:15`,
/// `{{ 5700 | duration }}` → `1 小时 35 分钟`.
fn register_filters(tera: &mut Tera, strings: &Strings) {
    tera.register_filter("clock", |v: &Value, _: &HashMap<String, Value>| {
        let s = v
            .as_u64()
            .ok_or_else(|| tera::Error::msg("`clock` needs a number of seconds"))?;
        Ok(Value::String(format_time(s.min(u32::MAX as u64) as u32)))
    });
    tera.register_filter("digits", |v: &Value, _: &HashMap<String, Value>| {
        let n = v
            .as_u64()
            .ok_or_else(|| tera::Error::msg("`digits` needs a whole number"))?;
        Ok(Value::String(super::text::group_digits(n)))
    });
    let strings = strings.clone();
    tera.register_filter("duration", move |v: &Value, _: &HashMap<String, Value>| {
        let s = v
            .as_u64()
            .ok_or_else(|| tera::Error::msg("`duration` needs a number of seconds"))?;
        Ok(Value::String(
            strings.duration(s.min(u32::MAX as u64) as u32),
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("recap-theme-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(d.join("theme/templates")).unwrap();
        d
    }

    #[test]
    fn a_name_is_found_in_the_templates_a_template_reaches() {
        let set = |session: &str, others: &[(&'static str, &str)]| {
            let mut v = vec![("session.html", session.to_string())];
            v.extend(others.iter().map(|(n, t)| (*n, t.to_string())));
            v
        };
        let others = [
            (
                "base.html",
                "{{ t.sections_title }}{% block content %}{% endblock %}",
            ),
            (
                "macros.html",
                "{% macro list(s) %}{{ s.timeline }}{% endmacro %}",
            ),
            ("index.html", "{{ s.sections }}"),
            ("loop.html", "{% for sec in session.sections %}{% endfor %}"),
        ];
        let plain =
            r#"{% extends "base.html" %}{% import "macros.html" as m %}{{ session.timeline }}"#;
        // Not in a longer name, nor in a template it does not reach.
        assert!(!mentions(&set(plain, &others), "session.html", "sections"));
        assert!(mentions(
            &set("{{ session.sections | length }}", &others),
            "session.html",
            "sections"
        ));
        // Through an include or an import, in either quotes.
        assert!(mentions(
            &set(r#"{% include "loop.html" %}"#, &others),
            "session.html",
            "sections"
        ));
        assert!(mentions(
            &set("{% import 'loop.html' as l %}", &others),
            "session.html",
            "sections"
        ));
        assert!(!mentions(
            &set("{{ sections_count }}", &others),
            "session.html",
            "sections"
        ));
        // Nor in a comment.
        let commented = "{#- the sections, looped over elsewhere -#}{{ session.timeline }}";
        assert!(!mentions(
            &set(commented, &others),
            "session.html",
            "sections"
        ));
        let after = "{# a #}{{ session.sections }}{# b";
        assert!(mentions(&set(after, &others), "session.html", "sections"));
        // A theme without the template.
        assert!(!mentions(
            &others.map(|(n, t)| (n, t.to_string())),
            "session.html",
            "sections"
        ));
    }

    #[test]
    fn missing_theme_folder_says_how_to_fix_it() {
        let err = Theme::load(
            Path::new("/no/such/theme"),
            Path::new("/no"),
            &SiteConfig::default(),
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            err.contains("theme folder `/no/such/theme` not found"),
            "{err}"
        );
        assert!(err.contains("--theme"), "{err}");
    }

    #[test]
    fn syntax_error_names_file_and_line() {
        let d = tmp("syntax");
        std::fs::write(d.join("theme/templates/ok.html"), "fine").unwrap();
        std::fs::write(
            d.join("theme/templates/broken.html"),
            "line 1\nline 2\n{% if %}\n",
        )
        .unwrap();
        let err = Theme::load(&d.join("theme"), &d.join("none"), &SiteConfig::default())
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("broken.html"), "{err}");
        assert!(err.contains("3:"), "line number expected: {err}");
        assert!(
            err.contains(&d.join("theme/templates/broken.html").display().to_string()),
            "the file's path expected: {err}"
        );
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn indentation_is_dropped_but_not_where_whitespace_shows() {
        let source = "<ul>\n    <li>{{ a }}</li>\n\t</ul>\n  <pre>\n    kept\n  </pre>\n  <script>\n    let x = `\n      y`;\n  </script>\n  <script src=\"s.js\"></script>\n    after\n";
        assert_eq!(
            strip_indentation(source),
            "<ul>\n<li>{{ a }}</li>\n</ul>\n<pre>\n    kept\n  </pre>\n<script>\n    let x = `\n      y`;\n  </script>\n<script src=\"s.js\"></script>\nafter\n"
        );
    }

    #[test]
    fn site_templates_override_theme_templates() {
        let d = tmp("override");
        std::fs::write(
            d.join("theme/templates/base.html"),
            "theme {% block b %}{% endblock %}",
        )
        .unwrap();
        std::fs::write(d.join("theme/templates/page.html"), "{% extends \"base.html\" %}{% block b %}{{ 75 | clock }} {{ 5700 | duration }}{% endblock %}").unwrap();
        std::fs::create_dir_all(d.join("site")).unwrap();
        std::fs::write(d.join("site/base.html"), "mine {% block b %}{% endblock %}").unwrap();
        let theme = Theme::load(&d.join("theme"), &d.join("site"), &SiteConfig::default()).unwrap();
        let html =
            String::from_utf8(theme.render("page.html", &tera::Context::new()).unwrap()).unwrap();
        assert_eq!(html, "mine 01:15 1 小时 35 分钟");
        let mut ctx = tera::Context::new();
        ctx.insert("u", "/a/?x=1&y=<2>");
        std::fs::write(d.join("theme/templates/u.html"), "{{ u }}").unwrap();
        let theme = Theme::load(&d.join("theme"), &d.join("site"), &SiteConfig::default()).unwrap();
        assert_eq!(
            String::from_utf8(theme.render("u.html", &ctx).unwrap()).unwrap(),
            "/a/?x=1&amp;y=&lt;2&gt;"
        );
        assert!(theme.render("nope.html", &tera::Context::new()).is_err());
        std::fs::remove_dir_all(&d).unwrap();
    }
}
