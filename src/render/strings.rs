//! Interface strings (`strings.toml` of the theme) and the language-aware
//! formatting of durations and dates that goes with them.
//!
//! The default theme's table is compiled in, so a theme that ships no
//! `strings.toml`, or one that lacks a key, still renders every label; a
//! theme's own file overrides keys one by one.

use anyhow::Context;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The default theme's strings, the base every theme's strings extend.
const DEFAULT_STRINGS: &str = include_str!("../../themes/default/strings.toml");

/// The interface strings of one language, as templates see them (`t`).
#[derive(Debug, Clone, PartialEq)]
pub struct Strings {
    /// The language these strings are for, e.g. `zh-CN`.
    pub language: String,
    table: BTreeMap<String, Value>,
}

impl Strings {
    /// The compiled-in strings for `language`.
    pub fn builtin(language: &str) -> Strings {
        let all = parse_file(DEFAULT_STRINGS, Path::new("strings.toml"))
            .expect("the default theme's strings.toml is valid");
        Strings {
            language: language.to_string(),
            table: pick(&all, language),
        }
    }

    /// The built-in strings for `language`, overridden by the theme's
    /// `strings.toml` when `path` exists.
    pub fn load(path: &Path, language: &str) -> anyhow::Result<Strings> {
        let mut strings = Strings::builtin(language);
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let theirs = parse_file(&text, path)?;
                strings.table.extend(pick(&theirs, language));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
        Ok(strings)
    }

    /// The string under `key`, or the key itself so a missing label shows
    /// up on the page instead of breaking the build.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.table.get(key).and_then(Value::as_str).unwrap_or(key)
    }

    /// The whole table, for templates.
    pub fn table(&self) -> &BTreeMap<String, Value> {
        &self.table
    }

    /// A length of time in words: `1 小时 35 分钟`, `1 h 35 min`, `21 分钟`.
    /// Seconds are rounded to the nearest minute once there is a minute.
    pub fn duration(&self, seconds: u32) -> String {
        if seconds < 60 {
            return self.get("duration_s").replace("{s}", &seconds.to_string());
        }
        let minutes = (seconds + 30) / 60;
        let (h, m) = (minutes / 60, minutes % 60);
        let pattern = match (h, m) {
            (0, _) => self.get("duration_m"),
            (_, 0) => self.get("duration_h"),
            _ => self.get("duration_hm"),
        };
        pattern
            .replace("{h}", &super::text::group_digits(h.into()))
            .replace("{m}", &m.to_string())
    }

    /// A `YYYY-MM-DD` date in the language's format; anything else is
    /// returned as written, since front matter dates are free text.
    pub fn date(&self, date: &str) -> String {
        let Some((y, m, d)) = parse_iso_date(date) else {
            return date.to_string();
        };
        let month = self
            .table
            .get("months")
            .and_then(|v| v.get(m as usize - 1))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| m.to_string());
        self.get("date_format")
            .replace("{y}", &y.to_string())
            .replace("{month}", &month)
            .replace("{m}", &m.to_string())
            .replace("{d}", &d.to_string())
    }
}

/// `date` when it is a `YYYY-MM-DD` date (for a `datetime` attribute), not
/// free text.
pub fn iso_date(date: &str) -> Option<&str> {
    parse_iso_date(date).map(|_| date.trim())
}

/// `2025-12-02` → (2025, 12, 2).
fn parse_iso_date(s: &str) -> Option<(u32, u32, u32)> {
    let mut it = s.trim().splitn(3, '-');
    let y: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.get(..2)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

/// The languages with interface strings: the built-in ones and those of
/// the theme's `strings.toml` in `theme_dir`. Read from the table headers
/// alone (`[zh-CN]`): parsing the whole file again cost the sample site's
/// build 2%, and loading the theme reports a file that does not parse.
pub fn languages(theme_dir: &Path) -> Vec<String> {
    fn headers(text: &str) -> impl Iterator<Item = String> + '_ {
        text.lines().filter_map(|l| {
            let l = l.trim();
            let name = l.strip_prefix('[')?.strip_suffix(']')?.trim();
            (!name.starts_with('[')).then(|| name.trim_matches('"').to_string())
        })
    }
    let mut all: Vec<String> = headers(DEFAULT_STRINGS).collect();
    if let Ok(text) = std::fs::read_to_string(theme_dir.join("strings.toml")) {
        all.extend(headers(&text));
    }
    all.sort();
    all.dedup();
    all
}

/// Whether `language` finds its own table among `languages`, as [`pick`]
/// looks for it, rather than falling back to English.
pub fn has_language(languages: &[String], language: &str) -> bool {
    own_table(languages.iter(), language).is_some()
}

/// Of the table names `names`, the one for `language`: its exact tag, else
/// the table of the same script (`zh-HK` and `zh-Hant` find `zh-TW`,
/// `zh-SG` finds `zh-CN`), else the first with the same primary subtag
/// (`zh` finds `zh-CN`).
fn own_table<'n>(
    mut names: impl Iterator<Item = &'n String> + Clone,
    language: &str,
) -> Option<&'n String> {
    let primary = language.split('-').next().unwrap_or(language);
    let same_script = same_script_as(language);
    names
        .clone()
        .find(|n| *n == language)
        .or_else(|| names.clone().find(|n| Some(n.as_str()) == same_script))
        .or_else(|| names.find(|n| n.split('-').next() == Some(primary)))
}

/// The table of Chinese written in the same script as `language`.
fn same_script_as(language: &str) -> Option<&'static str> {
    let tag = language.to_ascii_lowercase();
    let mut subtags = tag.split('-');
    if subtags.next() != Some("zh") {
        return None;
    }
    subtags.find_map(|s| match s {
        "hant" | "tw" | "hk" | "mo" => Some("zh-TW"),
        "hans" | "cn" | "sg" | "my" => Some("zh-CN"),
        _ => None,
    })
}

type Tables = BTreeMap<String, BTreeMap<String, Value>>;

fn parse_file(text: &str, path: &Path) -> anyhow::Result<Tables> {
    let raw: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start].matches('\n').count() + 1)
            .unwrap_or(1);
        anyhow::anyhow!("{}:{line}: {}", path.display(), e.message())
    })?;
    let mut tables = Tables::new();
    for (lang, value) in raw {
        let toml::Value::Table(t) = value else {
            anyhow::bail!(
                "{}: `{lang}` must be a table of strings, e.g. [{lang}]",
                path.display()
            );
        };
        let t = t
            .into_iter()
            .map(|(k, v)| Ok((k, serde_json::to_value(v)?)))
            .collect::<anyhow::Result<_>>()?;
        tables.insert(lang, t);
    }
    Ok(tables)
}

/// The table for `language` ([`own_table`]), else English.
fn pick(tables: &Tables, language: &str) -> BTreeMap<String, Value> {
    own_table(tables.keys(), language)
        .and_then(|name| tables.get(name))
        .or_else(|| tables.get("en"))
        .cloned()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_had_by_its_tag_or_its_primary_subtag() {
        let langs = languages(Path::new("/nonexistent"));
        assert_eq!(langs, ["en", "zh-CN", "zh-TW"]);
        assert!(has_language(&langs, "zh-CN"));
        assert!(has_language(&langs, "zh-TW"));
        assert!(has_language(&langs, "en-GB"));
        assert!(!has_language(&langs, "fr"));
        assert!(!has_language(&langs, "zh_CN"));
    }

    #[test]
    fn durations_in_chinese() {
        let t = Strings::builtin("zh-CN");
        assert_eq!(t.duration(95 * 60), "1 小时 35 分钟");
        assert_eq!(t.duration(21 * 60 + 30), "22 分钟");
        assert_eq!(t.duration(3600), "1 小时");
        assert_eq!(t.duration(45), "45 秒");
        // A whole conference's hours.
        assert_eq!(t.duration(7922 * 3600 + 46 * 60), "7,922 小时 46 分钟");
    }

    #[test]
    fn durations_in_english() {
        let t = Strings::builtin("en");
        assert_eq!(t.duration(95 * 60), "1 h 35 min");
        assert_eq!(t.duration(20 * 60 + 29), "20 min");
        assert_eq!(t.duration(2 * 3600), "2 h");
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(
            Strings::builtin("zh-CN").date("2025-12-02"),
            "2025年12月2日"
        );
        assert_eq!(Strings::builtin("en").date("2025-12-02"), "2 December 2025");
        assert_eq!(Strings::builtin("en").date("Day 3"), "Day 3");
    }

    #[test]
    fn language_falls_back_by_subtag_then_english() {
        assert_eq!(Strings::builtin("zh-TW").get("search"), "搜尋");
        assert_eq!(Strings::builtin("zh-HK").get("search"), "搜尋");
        assert_eq!(Strings::builtin("zh-Hant").get("search"), "搜尋");
        assert_eq!(Strings::builtin("zh-SG").get("search"), "搜索");
        assert_eq!(Strings::builtin("zh").get("search"), "搜索");
        assert_eq!(Strings::builtin("fr").get("search"), "Search");
        assert_eq!(Strings::builtin("en").get("no_such_key"), "no_such_key");
    }

    #[test]
    fn theme_file_overrides_single_keys() {
        let dir = std::env::temp_dir().join(format!("recap-strings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("strings.toml");
        std::fs::write(&f, "[en]\nsearch = \"Find\"\n").unwrap();
        let t = Strings::load(&f, "en").unwrap();
        assert_eq!(t.get("search"), "Find");
        assert_eq!(t.get("timeline"), "Timeline");
        std::fs::write(&f, "[en]\nsearch = \n").unwrap();
        let err = Strings::load(&f, "en").unwrap_err().to_string();
        assert!(err.contains("strings.toml:2"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
