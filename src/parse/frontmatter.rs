//! The optional front matter block at the top of a recap or a page: TOML
//! between `+++` lines or YAML between `---` lines.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer};

/// What a front matter block may say. Every field overrides what the prose
/// says; unknown fields are ignored. A key may be capitalised (`Title:`, as
/// some note apps write them).
///
/// Values are read as leniently as they can be without guessing: a number
/// or a date where text is expected is that text (`title: 2025`, TOML's
/// `date = 2025-12-02`), and `speakers` may be one line of names.
#[derive(Debug, Default, Deserialize, PartialEq)]
#[serde(default)]
pub struct FrontMatter {
    #[serde(alias = "Title", deserialize_with = "text")]
    pub title: Option<String>,
    #[serde(alias = "Slug", deserialize_with = "text")]
    pub slug: Option<String>,
    #[serde(
        alias = "speaker",
        alias = "Speakers",
        alias = "Speaker",
        deserialize_with = "speakers"
    )]
    pub speakers: Option<Vec<SpeakerField>>,
    /// `tags`, `keywords`: the key themes.
    #[serde(
        alias = "tags",
        alias = "keywords",
        alias = "Tags",
        alias = "Keywords",
        deserialize_with = "themes"
    )]
    pub key_themes: Option<Vec<String>>,
    #[serde(alias = "Date", deserialize_with = "text")]
    pub date: Option<String>,
    #[serde(alias = "Track", deserialize_with = "text")]
    pub track: Option<String>,
    #[serde(alias = "video", alias = "Video", deserialize_with = "text")]
    pub video_url: Option<String>,
    #[serde(alias = "Description", deserialize_with = "text")]
    pub description: Option<String>,
    #[serde(alias = "Template", deserialize_with = "text")]
    pub template: Option<String>,
    #[serde(alias = "Weight", deserialize_with = "whole_number")]
    pub weight: Option<i64>,
    /// A page not ready to publish (`draft: true`): left out of the site.
    #[serde(alias = "Draft", deserialize_with = "yes_or_no")]
    pub draft: Option<bool>,
}

/// A value written as a scalar of any kind.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Whole(i64),
    Real(f64),
    Bool(bool),
    Date(toml::value::Datetime),
}

impl Scalar {
    fn into_text(self) -> String {
        match self {
            Scalar::Text(t) => t,
            Scalar::Whole(n) => n.to_string(),
            Scalar::Real(x) => x.to_string(),
            Scalar::Bool(b) => b.to_string(),
            Scalar::Date(d) => d.to_string(),
        }
    }
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Scalar>::deserialize(d)?.map(Scalar::into_text))
}

fn whole_number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    match Option::<Scalar>::deserialize(d)? {
        None => Ok(None),
        Some(Scalar::Whole(n)) => Ok(Some(n)),
        Some(other) => {
            let t = other.into_text();
            t.trim()
                .parse()
                .map(Some)
                .map_err(|_| D::Error::custom(format!("`{t}` is not a whole number")))
        }
    }
}

fn yes_or_no<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    match Option::<Scalar>::deserialize(d)? {
        None => Ok(None),
        Some(Scalar::Bool(b)) => Ok(Some(b)),
        Some(other) => match other.into_text().trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(Some(true)),
            "false" | "no" => Ok(Some(false)),
            t => Err(D::Error::custom(format!("`{t}` is not true or false"))),
        },
    }
}

/// A list of speakers, one speaker, or one line of names
/// (`张伟, Maria Lopez`, `张伟、李娜`).
fn speakers<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<SpeakerField>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Speakers {
        Many(Vec<SpeakerField>),
        One(SpeakerField),
    }
    Ok(Option::<Speakers>::deserialize(d)?.map(|s| match s {
        Speakers::Many(all) => all,
        Speakers::One(SpeakerField::Name(line)) => names_in_line(&line)
            .map(|n| SpeakerField::Name(n.to_string()))
            .collect(),
        Speakers::One(full) => vec![full],
    }))
}

/// The names of one line, split at commas, `、` and semicolons outside
/// brackets: `Andy Jassy (CEO, Amazon), 李娜` is two people.
fn names_in_line(line: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    line.split(move |c: char| {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && matches!(c, ',' | '，' | '、' | ';' | '；')
    })
    .map(str::trim)
    .filter(|n| !n.is_empty())
}

/// Key themes: a list, or one line (`智能体, 生成式AI`).
fn themes<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Themes {
        Many(Vec<Scalar>),
        One(Scalar),
        /// `tags` of another kind, as another tool may write them: not
        /// themes, and no reason to drop the whole block.
        Other(serde::de::IgnoredAny),
    }
    Ok(Option::<Themes>::deserialize(d)?.and_then(|t| match t {
        Themes::Many(all) => Some(all.into_iter().map(Scalar::into_text).collect()),
        Themes::One(line) => Some(
            super::lines::split_themes(&line.into_text())
                .map(String::from)
                .collect(),
        ),
        Themes::Other(_) => None,
    }))
}

/// A speaker is either a bare name or `{ name, role, org }`.
#[derive(Debug, Deserialize, PartialEq, Clone)]
#[serde(untagged)]
pub enum SpeakerField {
    Name(String),
    Full {
        name: String,
        /// `title: 首席产品经理`, `position: …`: the person's title.
        #[serde(
            default,
            alias = "title",
            alias = "position",
            alias = "job_title",
            deserialize_with = "text"
        )]
        role: Option<String>,
        #[serde(
            default,
            alias = "organization",
            alias = "company",
            alias = "affiliation",
            deserialize_with = "text"
        )]
        org: Option<String>,
    },
}

/// The result of splitting a file into front matter and body.
#[derive(Debug, PartialEq)]
pub struct Split<'a> {
    pub front: Option<FrontMatter>,
    pub body: &'a str,
    /// 1-based line number of the body's first line in the original text.
    pub body_line: usize,
}

/// A front matter block that could not be read.
#[derive(Debug, PartialEq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

/// Split `text` (already without BOM, `\n` line ends) into front matter and
/// body. Text that does not start with a fence line has no front matter.
/// An unclosed fence is an error, so a stray `---` never swallows a file.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let first = text.lines().next().unwrap_or("");
    let fence = match first.trim_end() {
        "+++" => "+++",
        "---" => "---",
        _ => {
            return Ok(Split {
                front: None,
                body: text,
                body_line: 1,
            })
        }
    };
    let after_open = first.len() + 1;
    let rest = text.get(after_open..).unwrap_or("");
    let mut offset = 0;
    for (i, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == fence {
            let block = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // The block's first line is the file's second; the closing
            // fence's, `i + 2`, is the last an error may name (the YAML
            // reader also breaks lines at U+2028, which this does not).
            let front = parse_block(fence, block).map_err(|e| FrontMatterError {
                line: (1 + e.line.unwrap_or(1)).min(i + 2),
                message: e.message,
            })?;
            return Ok(Split {
                front: Some(front),
                body,
                body_line: i + 3,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        message: format!(
            "front matter opened with `{fence}` is never closed; add a closing `{fence}` line"
        ),
    })
}

/// Why a block could not be read, and where in it (its first line is 1).
struct BlockError {
    line: Option<usize>,
    message: String,
}

impl BlockError {
    fn new(line: Option<usize>, message: String) -> BlockError {
        BlockError { line, message }
    }
}

fn parse_block(fence: &str, block: &str) -> Result<FrontMatter, BlockError> {
    if fence == "+++" {
        toml::from_str(block).map_err(|e| {
            let line = e.span().map(|s| line_at(block, s.start));
            BlockError::new(
                line,
                format!("front matter is not valid TOML: {}", e.message().trim()),
            )
        })
    } else if block.trim().is_empty() {
        Ok(FrontMatter::default())
    } else if flow_depth(block) > MAX_FLOW_DEPTH {
        Err(BlockError::new(
            None,
            format!(
                "front matter nests `[` and `{{` more than {MAX_FLOW_DEPTH} deep; \
                 recap reads front matter no deeper than that"
            ),
        ))
    } else {
        serde_yaml::from_str(block).or_else(|e| {
            // What hand-typed YAML gets wrong most, mended if that is all
            // that is wrong: indentation with tabs, `title：` typed with a
            // full-width colon.
            let mended = mended_yaml(block);
            if let Some(front) = mended.and_then(|m| serde_yaml::from_str(&m).ok()) {
                return Ok(front);
            }
            let line = e.location().map(|l| l.line());
            let message = lines_of_the_file(&e.to_string());
            let hint = if block.lines().any(|l| l.starts_with('\t')) {
                "; indent with spaces, not tabs"
            } else {
                ""
            };
            Err(BlockError::new(
                line,
                format!("front matter is not valid YAML: {message}{hint}"),
            ))
        })
    }
}

/// The YAML reader's message with its lines (`at line 3 column 7`) counted
/// in the file, whose second line is the block's first.
fn lines_of_the_file(message: &str) -> String {
    const AT: &str = "at line ";
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find(AT) {
        let after = &rest[i + AT.len()..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(&rest[..i + AT.len()]);
        match after[..digits].parse::<usize>() {
            Ok(n) => out.push_str(&(n + 1).to_string()),
            Err(_) => out.push_str(&after[..digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// 1-based line of byte `at` in `text`.
fn line_at(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `block` with tabs in its indentation as two spaces each and a
/// full-width colon after a key as `: `, or `None` when it has neither.
fn mended_yaml(block: &str) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(block.len() + 16);
    for line in block.split_inclusive('\n') {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = &line[..line.len() - body.len()];
        if indent.contains('\t') {
            changed = true;
            out.extend(indent.chars().map(|c| if c == '\t' { "  " } else { " " }));
        } else {
            out.push_str(indent);
        }
        let key_len = body
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(body.len());
        match body[key_len..].strip_prefix('：') {
            Some(rest) if key_len > 0 => {
                changed = true;
                out.push_str(&body[..key_len]);
                out.push_str(": ");
                out.push_str(rest.trim_start_matches(' '));
            }
            _ => out.push_str(body),
        }
    }
    changed.then_some(out)
}

/// How deep YAML front matter may nest `[…]` and `{…}`. The YAML reader
/// does work in proportion to this depth for every token it reads: a
/// 400 KB block nested 100,000 deep took a minute. Real front matter nests
/// two or three deep.
const MAX_FLOW_DEPTH: usize = 64;

/// The deepest nesting of `[`/`{` in `block`, quoted or not: an upper bound
/// on its flow collections' depth that a stray quote cannot hide.
fn flow_depth(block: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for b in block.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_nested_past_the_limit_is_refused_and_within_it_read() {
        let nested = |n: usize| {
            format!(
                "---\ntitle: T\nextra: {}1{}\n---\nbody\n",
                "{a: ".repeat(n),
                "}".repeat(n)
            )
        };
        let deep = nested(100_000);
        let err = split(&deep).unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("more than 64 deep"), "{}", err.message);
        let within = nested(MAX_FLOW_DEPTH - 1);
        let ok = split(&within).unwrap();
        assert_eq!(ok.front.unwrap().title.as_deref(), Some("T"));
        // Brackets that close again do not add up.
        let wide = format!("---\ntitle: T\nextra: [{}]\n---\n", "[[1]], ".repeat(1000));
        assert_eq!(
            split(&wide).unwrap().front.unwrap().title.as_deref(),
            Some("T")
        );
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Title\nbody").unwrap();
        assert_eq!(s.front, None);
        assert_eq!(s.body_line, 1);
    }

    #[test]
    fn toml_front_matter() {
        let s = split("+++\ntitle = \"X\"\nslug = \"x\"\n+++\n# T\n").unwrap();
        let f = s.front.unwrap();
        assert_eq!(f.title.as_deref(), Some("X"));
        assert_eq!(f.slug.as_deref(), Some("x"));
        assert_eq!(s.body, "# T\n");
        assert_eq!(s.body_line, 5);
    }

    #[test]
    fn values_of_other_kinds_are_read_as_text() {
        let f = split("+++\ntitle = 2025\ndate = 2025-12-02\nweight = \"3\"\nspeakers = \"张伟、Maria Lopez\"\n+++\nbody")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(f.title.as_deref(), Some("2025"));
        assert_eq!(f.date.as_deref(), Some("2025-12-02"));
        assert_eq!(f.weight, Some(3));
        let names = |f: &FrontMatter| -> Vec<SpeakerField> { f.speakers.clone().unwrap() };
        assert_eq!(
            names(&f),
            [
                SpeakerField::Name("张伟".into()),
                SpeakerField::Name("Maria Lopez".into())
            ]
        );
        let f = split("---\ntitle: true\ndate: 20251202\nspeakers: 张伟, Maria Lopez\n---\nbody")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(
            (f.title.as_deref(), f.date.as_deref()),
            (Some("true"), Some("20251202"))
        );
        assert_eq!(names(&f).len(), 2);
        let f = split("---\nspeakers: {name: Bob, org: Acme}\n---\n")
            .unwrap()
            .front
            .unwrap();
        assert!(matches!(&names(&f)[0], SpeakerField::Full { name, .. } if name == "Bob"));
        let e = split("---\nweight: heavy\n---\n").unwrap_err();
        assert!(
            e.message.contains("`heavy` is not a whole number"),
            "{}",
            e.message
        );
    }

    #[test]
    fn one_line_of_speakers_splits_outside_brackets() {
        let f = split(
            "---\nspeakers: Andy Jassy (CEO, Amazon), 张伟（AWS，首席架构师）、李娜\n---\nbody",
        )
        .unwrap()
        .front
        .unwrap();
        let names: Vec<SpeakerField> = f.speakers.unwrap();
        assert_eq!(
            names,
            [
                "Andy Jassy (CEO, Amazon)",
                "张伟（AWS，首席架构师）",
                "李娜"
            ]
            .map(|n| SpeakerField::Name(n.into()))
        );
    }

    #[test]
    fn yaml_front_matter_with_speakers() {
        let s = split("---\nspeakers:\n  - Ann\n  - {name: Bob, role: CTO, org: Acme}\nvideo: https://v/x\n---\nbody").unwrap();
        let f = s.front.unwrap();
        let sp = f.speakers.unwrap();
        assert_eq!(sp[0], SpeakerField::Name("Ann".into()));
        assert!(matches!(&sp[1], SpeakerField::Full { org: Some(o), .. } if o == "Acme"));
        assert_eq!(f.video_url.as_deref(), Some("https://v/x"));
        assert_eq!(s.body, "body");
    }

    /// `title:` and `company:` as a speaker's fields; a number is read as
    /// the text it is written as, not a reason to drop the whole block.
    #[test]
    fn a_speakers_title_and_company() {
        let f = split("---\nspeakers:\n  - name: 王芳\n    title: 平台负责人\n    company: 携程\n  - {name: Bob, position: 300, affiliation: Acme}\n---\nbody")
            .unwrap()
            .front
            .unwrap();
        let full = |name: &str, role: &str, org: &str| SpeakerField::Full {
            name: name.into(),
            role: Some(role.into()),
            org: Some(org.into()),
        };
        assert_eq!(
            f.speakers.unwrap(),
            [
                full("王芳", "平台负责人", "携程"),
                full("Bob", "300", "Acme")
            ]
        );
    }

    #[test]
    fn other_names_for_speakers_and_themes() {
        let f = split("---\nspeaker: 张伟\ntags: [智能体, 2025]\n---\nbody")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(f.speakers, Some(vec![SpeakerField::Name("张伟".into())]));
        assert_eq!(f.key_themes, Some(vec!["智能体".into(), "2025".into()]));
        let f = split("+++\nkeywords = \"智能体、生成式AI\"\n+++\n")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(f.key_themes, Some(vec!["智能体".into(), "生成式AI".into()]));
        let f = split("---\ntitle: T\ntags: {a: 1}\n---\n")
            .unwrap()
            .front
            .unwrap();
        assert_eq!((f.title.as_deref(), f.key_themes), (Some("T"), None));
    }

    #[test]
    fn tabs_and_full_width_colons_are_mended_and_keys_may_be_capitalised() {
        let f = split(
            "---\ntitle：全角冒号\nspeakers:\n\t- 张伟\n\t- {name: Bob, org: Acme}\n---\nbody",
        )
        .unwrap()
        .front
        .unwrap();
        assert_eq!(f.title.as_deref(), Some("全角冒号"));
        assert_eq!(f.speakers.map(|s| s.len()), Some(2));
        let f = split("---\nTitle: 大写键\nDate: 2025-12-01\nTags: [a, b]\n---\n")
            .unwrap()
            .front
            .unwrap();
        assert_eq!(
            (
                f.title.as_deref(),
                f.date.as_deref(),
                f.key_themes.map(|t| t.len())
            ),
            (Some("大写键"), Some("2025-12-01"), Some(2))
        );
        // A block that is wrong in another way is reported as written.
        let e = split("---\ntitle:\t\"未闭合\n\tslug: x\n---\n").unwrap_err();
        assert!(e.message.contains("not valid YAML"), "{}", e.message);
    }

    #[test]
    fn an_error_names_the_line_of_the_file_it_is_on() {
        let e = split("---\ntitle: T\ndate: 2025\nslug: \"open\n---\nbody").unwrap_err();
        assert_eq!(e.line, 5, "{}", e.message);
        assert!(
            e.message.contains("quoted scalar at line 4 column 7"),
            "{}",
            e.message
        );
        let e = split("+++\ntitle = \"T\"\nslug = \n+++\n").unwrap_err();
        assert_eq!(e.line, 3, "{}", e.message);
        let e = split("---\nweight: heavy\n---\n").unwrap_err();
        assert_eq!(e.line, 2, "{}", e.message);
        // The YAML reader breaks lines where the file has none: the line
        // named is still one of the file's, the closing fence at most.
        let e = split("---\nt: \"a\u{2028}\u{2028}\u{2028}\u{2028}\n---\n").unwrap_err();
        assert!(e.line <= 3, "{e:?}");
    }

    #[test]
    fn unclosed_is_an_error() {
        assert!(split("+++\ntitle = 1\n").is_err());
    }

    #[test]
    fn bad_toml_is_an_error_with_message() {
        let e = split("+++\ntitle = \n+++\n").unwrap_err();
        assert!(e.message.contains("TOML"));
    }
}
