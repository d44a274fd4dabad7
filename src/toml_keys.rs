//! TOML files read with a word for the keys nobody reads.
//!
//! A misspelt key in `site.toml` or `catalog.toml` (`descripton`,
//! `base_ulr`) used to fail the build, or drop every entry of the catalog;
//! it is now reported, with the key it was probably meant to be, and left
//! out, and the rest of the file is used.

use serde::de::DeserializeOwned;

/// One step of the way to a key: a table's key or an array's index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// `text` deserialized as `T`, and the path of every key `T` has no
/// field for (sorted: the reader does not meet them in the file's order).
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<(T, Vec<Vec<Step>>), toml::de::Error> {
    let de = toml::Deserializer::parse(text)?;
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(de, |path| unknown.push(steps(&path)))?;
    unknown.sort();
    Ok((value, unknown))
}

fn steps(path: &serde_ignored::Path) -> Vec<Step> {
    use serde_ignored::Path;
    let mut out = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            Path::Root => break,
            Path::Seq { parent, index } => {
                out.push(Step::Index(*index));
                parent
            }
            // The wrapper `toml::Spanned` reads a value through.
            Path::Map { parent, key } if key.starts_with("$__serde_spanned_private") => parent,
            Path::Map { parent, key } => {
                out.push(Step::Key(key.clone()));
                parent
            }
            Path::Some { parent }
            | Path::NewtypeStruct { parent }
            | Path::NewtypeVariant { parent } => parent,
        };
    }
    out.reverse();
    out
}

/// The 1-based line, from byte `from` of `text` on, that sets `key`
/// (`key = …`, `"key" = …`) or opens it as a table (`[key]`, `[[key]]`).
pub fn line_of(text: &str, from: usize, key: &str) -> Option<usize> {
    let first = text[..from].matches('\n').count() + 1;
    text[from..].lines().enumerate().find_map(|(i, l)| {
        let l = l.trim_start().trim_start_matches('[');
        let rest = l
            .strip_prefix(key)
            .or_else(|| l.strip_prefix('"')?.strip_prefix(key)?.strip_prefix('"'))?;
        let rest = rest.trim_start();
        rest.starts_with(['=', ']', '.']).then_some(first + i)
    })
}

/// `unknown key `x`; …` with the closest of `known` when one is close.
pub fn unknown_key_message(key: &str, known: &[&str]) -> String {
    let closest = known
        .iter()
        .map(|k| (strsim::jaro_winkler(key, k), *k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match closest {
        Some((_, k)) => format!("unknown key `{key}` is ignored; did you mean `{k}`?"),
        None => format!(
            "unknown key `{key}` is ignored; the keys here are {}",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug)]
    struct Entry {
        #[allow(dead_code)]
        name: String,
    }

    #[derive(Deserialize, Debug)]
    struct File {
        #[allow(dead_code)]
        title: Option<String>,
        #[serde(default)]
        entry: Vec<Entry>,
    }

    #[test]
    fn unknown_keys_are_found_with_their_path() {
        let text = "titel = 1\n[[entry]]\nname = \"a\"\n[[entry]]\nname = \"b\"\nnmae = \"c\"\n";
        let (file, unknown): (File, _) = from_str(text).unwrap();
        assert_eq!(file.entry.len(), 2);
        assert_eq!(
            unknown,
            [
                vec![
                    Step::Key("entry".into()),
                    Step::Index(1),
                    Step::Key("nmae".into())
                ],
                vec![Step::Key("titel".into())],
            ]
        );
        assert_eq!(line_of(text, 0, "titel"), Some(1));
        let second = text.match_indices("[[entry]]").nth(1).unwrap().0;
        assert_eq!(line_of(text, second, "nmae"), Some(6));
        assert_eq!(line_of(text, 0, "entry"), Some(2));
        assert_eq!(line_of(text, 0, "nam"), None);
    }

    #[test]
    fn messages_suggest_the_closest_key() {
        let known = ["title", "base_url", "description"];
        assert!(unknown_key_message("base_ulr", &known).ends_with("did you mean `base_url`?"));
        assert!(unknown_key_message("descripton", &known).ends_with("did you mean `description`?"));
        let far = unknown_key_message("colour", &known);
        assert!(
            far.contains("the keys here are `title`, `base_url`, `description`"),
            "{far}"
        );
    }
}
