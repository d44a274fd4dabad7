//! `content/catalog.toml`: the products, companies and topics a site knows,
//! their spellings, and the owner's corrections to what discovery finds.
//!
//! The file format is documented in the header of the shipped catalog. A
//! missing file is an empty catalog. A file that is not valid TOML gives an
//! empty catalog and one error naming `file:line`; an entry that breaks a
//! rule (a name used twice, a `parent` that does not exist, …) is reported
//! with its line and the rest of the catalog is kept, so a typo never stops
//! a build.

use super::matcher::normalize;
use crate::diagnostics::Diagnostic;
use crate::toml_keys::{self, Step};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

pub const PRODUCT_KINDS: &[&str] = &[
    "service",
    "model",
    "chip",
    "instance",
    "tool",
    "program",
    "platform",
    "certification",
    "feature",
];
pub const COMPANY_KINDS: &[&str] = &["vendor", "customer", "partner", "organisation", "research"];

/// A `[[product]]` or `[[company]]` block, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct CatalogEntry {
    pub name: String,
    pub slug: String,
    pub aliases: Vec<String>,
    pub kind: String,
    /// Canonical name of another product.
    pub parent: Option<String>,
    /// Canonical name of a company.
    pub company: Option<String>,
    pub description: String,
    pub homepage: Option<String>,
    pub line: usize,
}

/// A `[[topic]]` block.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicRule {
    pub name: String,
    pub slug: String,
    pub keywords: Vec<String>,
    pub description: String,
    pub line: usize,
}

/// `[curation]`: hand corrections for discovered names.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Curation {
    /// Normalised names that never get a page.
    pub suppress: Vec<String>,
    /// (name as seen, canonical catalog name), sorted by the first.
    pub merge: Vec<(String, String)>,
}

/// The entity catalog from `content/catalog.toml`.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    pub products: Vec<CatalogEntry>,
    pub companies: Vec<CatalogEntry>,
    pub topics: Vec<TopicRule>,
    pub curation: Curation,
    /// Problems found while reading the file; `enrich` passes them on to
    /// the site's diagnostics.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Deserialize)]
struct RawCatalog {
    #[serde(default)]
    product: Vec<Spanned<RawEntry>>,
    #[serde(default)]
    company: Vec<Spanned<RawEntry>>,
    #[serde(default)]
    topic: Vec<Spanned<RawTopic>>,
    #[serde(default)]
    curation: Option<RawCuration>,
}

#[derive(Deserialize)]
struct RawEntry {
    name: Option<Spanned<String>>,
    slug: Option<String>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    kind: Option<String>,
    parent: Option<String>,
    company: Option<String>,
    description: Option<String>,
    homepage: Option<String>,
}

#[derive(Deserialize)]
struct RawTopic {
    name: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    keywords: Vec<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
struct RawCuration {
    #[serde(default)]
    suppress: Vec<String>,
    #[serde(default)]
    merge: BTreeMap<String, String>,
}

/// Byte offset → 1-based line number.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        )
    }
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset)
    }
}

impl Catalog {
    /// Read `<content>/catalog.toml`. Never fails on bad content: problems
    /// are in [`Catalog::diagnostics`].
    pub fn load(content: &Path) -> anyhow::Result<Catalog> {
        let path = content.join("catalog.toml");
        let label = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => Ok(Catalog::parse(&text, &label)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Catalog::default()),
            Err(e) => Ok(Catalog {
                diagnostics: vec![Diagnostic::error(&label, None, format!("cannot read: {e}"))],
                ..Catalog::default()
            }),
        }
    }

    /// Parse and validate catalog text; `file` names it in diagnostics.
    pub fn parse(text: &str, file: &str) -> Catalog {
        let lines = Lines::new(text);
        let (raw, unknown): (RawCatalog, _) = match crate::toml_keys::from_str(text) {
            Ok(r) => r,
            Err(e) => {
                let line = e.span().map(|s| lines.line(s.start));
                let msg = format!("invalid catalog, no catalog entries used: {}", e.message());
                return Catalog {
                    diagnostics: vec![Diagnostic::error(file, line, msg)],
                    ..Catalog::default()
                };
            }
        };
        let mut v = Validator {
            file,
            text,
            lines: &lines,
            names: HashMap::new(),
            diagnostics: Vec::new(),
        };
        for path in unknown {
            let (line, message) = unknown_key(text, &raw, &path);
            v.warning(line, message);
        }
        let products = v.entries(raw.product, "product", PRODUCT_KINDS);
        let companies = v.entries(raw.company, "company", COMPANY_KINDS);
        let topics = v.topics(raw.topic);
        let mut catalog = Catalog {
            products,
            companies,
            topics,
            curation: Curation::default(),
            diagnostics: Vec::new(),
        };
        v.references(&mut catalog);
        catalog.curation = v.curation(raw.curation, &catalog);
        catalog.diagnostics = v.diagnostics;
        catalog
    }

    pub fn is_empty(&self) -> bool {
        self.products.is_empty() && self.companies.is_empty() && self.topics.is_empty()
    }
}

/// The keys of each kind of table, for suggestions when one is misspelt.
const CATALOG_KEYS: [&str; 4] = ["product", "company", "topic", "curation"];
const ENTRY_KEYS: [&str; 8] = [
    "name",
    "slug",
    "aliases",
    "kind",
    "parent",
    "company",
    "description",
    "homepage",
];
const TOPIC_KEYS: [&str; 4] = ["name", "slug", "keywords", "description"];
const CURATION_KEYS: [&str; 2] = ["suppress", "merge"];

/// Where a key no table reads is, and what to say of it.
fn unknown_key(text: &str, raw: &RawCatalog, path: &[Step]) -> (usize, String) {
    let line = |from: usize, key: &str| toml_keys::line_of(text, from, key).unwrap_or(1);
    match path {
        [Step::Key(table), Step::Index(i), Step::Key(key), ..] => {
            let (from, known): (usize, &[&str]) = match table.as_str() {
                "product" => (raw.product[*i].span().start, &ENTRY_KEYS),
                "company" => (raw.company[*i].span().start, &ENTRY_KEYS),
                _ => (raw.topic.get(*i).map_or(0, |t| t.span().start), &TOPIC_KEYS),
            };
            (line(from, key), toml_keys::unknown_key_message(key, known))
        }
        [Step::Key(_curation), Step::Key(key), ..] => {
            let from = text.find("[curation]").unwrap_or(0);
            (
                line(from, key),
                toml_keys::unknown_key_message(key, &CURATION_KEYS),
            )
        }
        [Step::Key(key), ..] => (
            line(0, key),
            toml_keys::unknown_key_message(key, &CATALOG_KEYS),
        ),
        _ => (1, "a value that is not read is ignored".to_string()),
    }
}

struct Validator<'a> {
    file: &'a str,
    text: &'a str,
    lines: &'a Lines,
    /// Normalised name or alias → (line, canonical name) of its first owner.
    names: HashMap<String, (usize, String)>,
    diagnostics: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, line: usize, msg: String) {
        self.diagnostics
            .push(Diagnostic::error(self.file, Some(line), msg));
    }

    fn warning(&mut self, line: usize, msg: String) {
        self.diagnostics
            .push(Diagnostic::warning(self.file, Some(line), msg));
    }

    /// Claim a spelling for `owner`; false (and an error) if another entry
    /// already has it.
    fn claim(&mut self, spelling: &str, owner: &str, line: usize) -> bool {
        let key = normalize(spelling.trim());
        if key.is_empty() {
            return false;
        }
        match self.names.get(&key) {
            Some((_, o)) if o == owner => false,
            Some((l, o)) => {
                let msg = format!(
                    "`{spelling}` already belongs to `{o}` (line {l}); ignored for `{owner}`"
                );
                self.error(line, msg);
                false
            }
            None => {
                self.names.insert(key, (line, owner.to_string()));
                true
            }
        }
    }

    /// Warn about a spelling that will be found where it does not mean
    /// `owner`: one character (`的`, `a`) turns up in any text.
    fn lint_spelling(&mut self, spelling: &str, owner: &str, line: usize) {
        if spelling.chars().count() == 1 {
            self.warning(
                line,
                format!(
                    "`{owner}`: `{spelling}` is a single character and will be found in \
                     unrelated text; use a longer name or alias"
                ),
            );
        }
    }

    fn entries(
        &mut self,
        raw: Vec<Spanned<RawEntry>>,
        what: &str,
        kinds: &[&str],
    ) -> Vec<CatalogEntry> {
        let mut out: Vec<CatalogEntry> = Vec::new();
        let mut slugs: HashMap<String, usize> = HashMap::new();
        for r in raw {
            let line = self.lines.line(r.span().start);
            let r = r.into_inner();
            let Some(name) = r.name else {
                self.error(line, format!("[[{what}]] without `name`; ignored"));
                continue;
            };
            let name_line = self.lines.line(name.span().start);
            let name = name.into_inner().trim().to_string();
            if name.is_empty() || !self.claim(&name, &name, name_line) {
                if name.is_empty() {
                    self.error(
                        name_line,
                        format!("[[{what}]] with an empty `name`; ignored"),
                    );
                }
                continue;
            }
            self.lint_spelling(&name, &name, name_line);
            let mut aliases = Vec::new();
            for a in r.aliases {
                let l = self.lines.line(a.span().start);
                let a = a.into_inner().trim().to_string();
                if a.is_empty() {
                    self.warning(l, format!("`{name}`: an empty alias; ignored"));
                } else if self.claim(&a, &name, l) {
                    self.lint_spelling(&a, &name, l);
                    aliases.push(a);
                }
            }
            let kind = match r.kind {
                Some(k) if kinds.contains(&k.as_str()) => k,
                Some(k) => {
                    let msg = format!("`{name}`: unknown kind `{k}` (one of {})", kinds.join(", "));
                    self.error(line, msg);
                    k
                }
                None => {
                    self.error(
                        line,
                        format!("`{name}`: missing `kind` (one of {})", kinds.join(", ")),
                    );
                    String::new()
                }
            };
            let slug = self.slug(r.slug, &name, line, &mut slugs);
            let description = r.description.unwrap_or_else(|| {
                self.warning(line, format!("`{name}`: missing `description`"));
                String::new()
            });
            let homepage = match r.homepage {
                Some(h) if crate::urls::is_web_url(&h.to_ascii_lowercase()) => Some(h),
                Some(h) => {
                    self.warning(
                        line,
                        format!("`{name}`: homepage `{h}` is not an http(s) URL; ignored"),
                    );
                    None
                }
                None => None,
            };
            out.push(CatalogEntry {
                name,
                slug,
                aliases,
                kind,
                parent: r.parent,
                company: r.company,
                description,
                homepage,
                line,
            });
        }
        out
    }

    fn slug(
        &mut self,
        given: Option<String>,
        name: &str,
        line: usize,
        taken: &mut HashMap<String, usize>,
    ) -> String {
        let valid = |s: &str| {
            !s.is_empty()
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let mut slug = match given {
            Some(s) if valid(&s) => s,
            Some(s) => {
                let fixed = crate::parse::slugify(&s);
                self.error(line, format!("slug `{s}` must be lowercase ASCII letters, digits and hyphens; using `{fixed}`"));
                fixed
            }
            None => crate::parse::slugify(name),
        };
        if slug.is_empty() {
            slug = "entity".into();
        }
        if let Some(&l) = taken.get(&slug) {
            let mut n = 2;
            while taken.contains_key(&format!("{slug}-{n}")) {
                n += 1;
            }
            let fixed = format!("{slug}-{n}");
            self.error(
                line,
                format!("slug `{slug}` is already used on line {l}; using `{fixed}`"),
            );
            slug = fixed;
        }
        taken.insert(slug.clone(), line);
        slug
    }

    fn topics(&mut self, raw: Vec<Spanned<RawTopic>>) -> Vec<TopicRule> {
        let mut out = Vec::new();
        let mut slugs = HashMap::new();
        for r in raw {
            let line = self.lines.line(r.span().start);
            let r = r.into_inner();
            let Some(name) = r
                .name
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty())
            else {
                self.error(line, "[[topic]] without `name`; ignored".into());
                continue;
            };
            if r.slug.is_none() && !name.is_ascii() {
                self.error(
                    line,
                    format!("topic `{name}`: `slug` is required when the name is not ASCII"),
                );
            }
            let slug = self.slug(r.slug, &name, line, &mut slugs);
            if r.keywords.is_empty() {
                self.warning(
                    line,
                    format!("topic `{name}` has no `keywords`; only footers can tag it"),
                );
            }
            out.push(TopicRule {
                keywords: r
                    .keywords
                    .into_iter()
                    .filter(|k| !k.trim().is_empty())
                    .collect(),
                description: r.description.unwrap_or_default(),
                name,
                slug,
                line,
            });
        }
        out
    }

    /// `parent` must name a product, `company` a company.
    fn references(&mut self, c: &mut Catalog) {
        let products: HashMap<String, ()> =
            c.products.iter().map(|p| (p.name.clone(), ())).collect();
        let companies: HashMap<String, ()> =
            c.companies.iter().map(|p| (p.name.clone(), ())).collect();
        for e in c.products.iter_mut().chain(c.companies.iter_mut()) {
            if let Some(p) = &e.parent {
                if !products.contains_key(p) || p == &e.name {
                    let msg = format!(
                        "`{}`: parent `{p}` is not the name of another [[product]]",
                        e.name
                    );
                    self.error(e.line, msg);
                    e.parent = None;
                }
            }
            if let Some(co) = &e.company {
                if !companies.contains_key(co) {
                    let msg = format!(
                        "`{}`: company `{co}` is not the name of a [[company]]",
                        e.name
                    );
                    self.error(e.line, msg);
                    e.company = None;
                }
            }
        }
        // A parent chain must end: break cycles where they close.
        let parent_of: HashMap<String, String> = c
            .products
            .iter()
            .filter_map(|p| p.parent.clone().map(|q| (p.name.clone(), q)))
            .collect();
        for e in c.products.iter_mut() {
            let mut seen = vec![e.name.clone()];
            let mut cur = e.parent.clone();
            while let Some(p) = cur {
                if seen.contains(&p) {
                    let msg = format!(
                        "`{}`: parent chain loops back to `{p}`; parent ignored",
                        e.name
                    );
                    self.error(e.line, msg);
                    e.parent = None;
                    break;
                }
                seen.push(p.clone());
                cur = parent_of.get(&p).cloned();
            }
        }
    }

    fn curation(&mut self, raw: Option<RawCuration>, c: &Catalog) -> Curation {
        let Some(raw) = raw else {
            return Curation::default();
        };
        let mut suppress: Vec<String> = raw
            .suppress
            .iter()
            .map(|s| normalize(s.trim()))
            .filter(|s| !s.is_empty())
            .collect();
        suppress.sort();
        suppress.dedup();
        let canon: HashMap<&str, ()> = c
            .products
            .iter()
            .chain(&c.companies)
            .map(|e| (e.name.as_str(), ()))
            .collect();
        let mut merge = Vec::new();
        for (seen, target) in raw.merge {
            let line = self.curation_line(&seen);
            if !canon.contains_key(target.as_str()) {
                self.error(line, format!("[curation.merge] `{seen}` → `{target}`: no product or company is named `{target}`"));
                continue;
            }
            if let Some((l, owner)) = self.names.get(&normalize(seen.trim())) {
                let msg = format!(
                    "[curation.merge] `{seen}` is already a name or alias of `{owner}` (line {l})"
                );
                self.error(line, msg);
                continue;
            }
            merge.push((seen, target));
        }
        Curation { suppress, merge }
    }

    /// Line of a `[curation.merge]` key (the TOML map loses spans): the
    /// first line after `[curation.merge]` that starts with the quoted key.
    fn curation_line(&self, key: &str) -> usize {
        let section = self.text.find("[curation.merge]").unwrap_or(0);
        let quoted = format!("\"{key}\"");
        self.text[section..]
            .find(&quoted)
            .or_else(|| self.text[section..].find(key))
            .map(|i| self.lines.line(section + i))
            .unwrap_or_else(|| self.lines.line(section))
    }
}

#[cfg(test)]
mod tests;
