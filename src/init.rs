//! `recap init DIR`: a new recap site for another conference, ready for
//! `recap serve`.
//!
//! Writes `content/site.toml` (every key, with comments), `content/about.md`,
//! an empty `content/catalog.toml` carrying the catalog's documentation
//! header, `seeds/` with one example recap, and the default theme, which is
//! embedded in the binary at build time (see `build.rs`), so the new site
//! does not depend on where recap was installed from.

use crate::progress::Printer;
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// Every file of the default theme, as `(path under themes/default, bytes)`.
pub fn default_theme() -> &'static [(&'static str, &'static [u8])] {
    embedded::DEFAULT_THEME
}

/// The catalog of this repository, whose header comment documents the
/// format; a new site gets the header and no entries.
const CATALOG_SOURCE: &str = include_str!("../content/catalog.toml");

const SITE_TOML: &str = r#"# Site configuration for recap. Every key is optional; the defaults are shown
# where a value is not. Command-line flags (--base-url, --out, --theme)
# override these.

# Shown in the header and in every page's <title>.
title = "My Conference 2026 回顾"

# One line about the site, for the home page and meta descriptions.
description = "My Conference 2026 各场会议的时间线、产品、公司与讲者，一站检索。"

# Where the site will be served from. Used for canonical links, the Atom feed
# and the sitemap; page-to-page links are root-relative and do not depend on it.
base_url = "https://example.org"

# Interface language: "zh-CN", "zh-TW" (traditional characters) or "en".
language = "zh-CN"

# Theme folder and output folder, relative to the site root.
theme = "themes/default"
output = "public"

# Link the first mention of each product/company in every timeline section.
cross_links = true

# At most this many mentions are listed on one entity page (the rest are counted).
max_mentions_per_page = 200

# Session cards on each home page; more sessions go on /page/2/, /page/3/, …
# (0 lists every session on the home page).
sessions_per_page = 100

# The newest sessions listed in feed.xml (0 lists them all).
feed_limit = 50
"#;

const ABOUT_MD: &str = r#"+++
title = "关于本站"
description = "这个网站是什么，以及它是怎样生成的。"
+++

# 关于本站

本站收录 My Conference 2026 的会议回顾。每一场会议都有自己的页面：会议概述、讲者、核心主题，以及一条可以逐段跳转的时间线。

全部会议列在[首页](/#sessions)；整站的数据也可以以 [JSON 格式下载](/data/site.json)。

## 怎样添加一场会议

把回顾文件（`.txt` 或 `.md`）放进 `seeds/` 文件夹，运行 `recap serve` 预览，`recap build` 生成网站。产品和公司的名称与别名写在 `content/catalog.toml` 里。
"#;

const EXAMPLE_RECAP: &str = r#"# My Conference 2026 分会场总结：用示例回顾搭建你的会议网站

## 会议概述

本场会议由示例公司首席工程师Alex Chen主讲，介绍如何把会议现场笔记整理成结构化的回顾，并用recap生成可检索、互相链接的网站。会议指出，整理后的回顾让观众查找内容的时间缩短了60%。

这是 `recap init` 生成的示例文件：可以直接修改它，或者把自己的回顾文件放进 `seeds/` 文件夹后删除它。

## 详细时间线与关键要点

00:00 - 开场介绍
- 本场会议要回答的问题：现场笔记怎样变成可检索的网站
- 说明回顾文件的基本结构：标题、会议概述、时间线和结尾的核心主题

03:30 - 时间线的写法
- 每个时间点一行，例如 `03:30 - 时间线的写法`，下面用短横线列出要点
- 也可以写时间段，例如 `05:00 - 08:00 - 标题`，或者用三级标题分组

08:00 - 产品与公司
- 在 `content/catalog.toml` 中登记产品和公司的名称与别名
- 每个登记的名称都会得到自己的页面，并链接到提到它的每一场会议

12:00 - 结束语
- 运行 `recap serve` 预览，修改文件后浏览器会自动刷新
- 运行 `recap bundle --zip site.zip` 生成可离线浏览的网站

━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
核心主题：会议回顾、结构化笔记、静态网站
"#;

const GITIGNORE: &str = "/public/\n/bundle/\n*.zip\n";

/// The catalog's header comment (up to its first entry) and nothing else.
pub fn empty_catalog() -> String {
    let mut out = String::new();
    for line in CATALOG_SOURCE.lines() {
        let t = line.trim_start();
        if !(t.is_empty() || t.starts_with('#')) {
            break;
        }
        out.push_str(line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out.push_str("\n# No entries yet: add [[product]] and [[company]] blocks below.\n");
    out
}

/// The files of a new site, as `(relative path, bytes)`, sorted.
pub fn scaffold() -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = vec![
        (PathBuf::from(".gitignore"), GITIGNORE.into()),
        (PathBuf::from("content/site.toml"), SITE_TOML.into()),
        (PathBuf::from("content/about.md"), ABOUT_MD.into()),
        (
            PathBuf::from("content/catalog.toml"),
            empty_catalog().into_bytes(),
        ),
        (PathBuf::from("seeds/example.txt"), EXAMPLE_RECAP.into()),
    ];
    for (rel, bytes) in default_theme() {
        files.push((Path::new("themes/default").join(rel), bytes.to_vec()));
    }
    files.sort();
    files
}

/// Write a new site into `dir`. A folder that exists and is not empty is
/// refused unless `force`, and then only the scaffold's own files are
/// written (others are left as they are). Returns the files written.
pub fn init(dir: &Path, force: bool) -> anyhow::Result<Vec<PathBuf>> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("`{}` exists and is not a folder", dir.display());
        }
        let empty = std::fs::read_dir(dir)
            .with_context(|| format!("cannot read {}", dir.display()))?
            .next()
            .is_none();
        if !empty && !force {
            bail!(
                "`{}` is not empty; pick a new folder, or pass --force to write the site's files into it \
                 (files of the same name are overwritten)",
                dir.display()
            );
        }
    }
    let mut written = Vec::new();
    for (rel, bytes) in scaffold() {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(rel);
    }
    Ok(written)
}

/// `recap init DIR [--force]`.
pub fn run(dir: &Path, force: bool, printer: Printer) -> anyhow::Result<ExitCode> {
    let written = init(dir, force)?;
    printer.info(&format!(
        "created a recap site in {} ({} files). Next:\n  cd {}\n  recap serve",
        dir.display(),
        written.len(),
        dir.display()
    ));
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;

    #[test]
    fn site_toml_names_every_key_and_parses() {
        let c: SiteConfig = toml::from_str(SITE_TOML).unwrap();
        assert_eq!(c.theme, PathBuf::from("themes/default"));
        let defaults = toml::to_string(&SiteConfig::default()).unwrap();
        for line in defaults.lines() {
            let key = line.split('=').next().unwrap().trim();
            assert!(
                SITE_TOML.contains(&format!("\n{key} = ")),
                "site.toml lacks `{key}`"
            );
        }
    }

    #[test]
    fn empty_catalog_keeps_the_documentation_only() {
        let c = empty_catalog();
        assert!(c.contains("[[product]]"), "the header documents the blocks");
        assert!(c.lines().all(|l| l.is_empty() || l.starts_with('#')), "{c}");
        assert!(crate::enrich::Catalog::parse(&c, "catalog.toml").is_empty());
    }

    #[test]
    fn the_embedded_theme_is_complete() {
        let names: Vec<&str> = default_theme().iter().map(|(n, _)| *n).collect();
        let on_disk: Vec<String> = walkdir::WalkDir::new("themes/default")
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_type().is_file() && !e.file_name().to_string_lossy().starts_with('.')
            })
            .map(|e| {
                e.path()
                    .strip_prefix("themes/default")
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        let mut on_disk = on_disk;
        on_disk.sort();
        assert_eq!(names, on_disk);
    }

    #[test]
    fn refuses_a_non_empty_folder_without_force() {
        let dir = std::env::temp_dir().join(format!("recap-init-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mine.txt"), "keep").unwrap();
        assert!(init(&dir, false).is_err());
        assert!(!dir.join("seeds").exists());
        init(&dir, true).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("mine.txt")).unwrap(),
            "keep"
        );
        assert!(dir.join("seeds/example.txt").exists());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
