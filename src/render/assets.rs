//! Static files: the theme's `static/` folder, copied to `/static/`, plus
//! the generated `static/syntax.css`.

use super::highlight::SYNTAX_CSS;
use crate::write::Output;
use anyhow::Context;
use std::path::Path;

/// Every file under `dir` as `static/<path>`, in path order. A missing
/// folder is no error: a theme need not have static files.
pub fn static_files(dir: &Path) -> anyhow::Result<Vec<Output>> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        // Editor droppings and dotfiles are not part of a theme.
        if parts.iter().any(|p| p.starts_with('.'))
            || parts.last().is_some_and(|p| p.ends_with('~'))
        {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        out.push(Output::new(format!("static/{}", parts.join("/")), bytes));
    }
    Ok(out)
}

/// The theme's static files and `static/syntax.css` (unless the theme
/// brings its own).
pub fn assets(dir: &Path) -> anyhow::Result<Vec<Output>> {
    let mut out = static_files(dir)?;
    if !out.iter().any(|o| o.path == "static/syntax.css") {
        out.push(Output::new("static/syntax.css", SYNTAX_CSS));
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_nested_files_in_order_and_skips_dotfiles() {
        let d = crate::empty_test_dir("assets", "nested");
        std::fs::create_dir_all(d.join("img")).unwrap();
        std::fs::write(d.join("style.css"), "a{}").unwrap();
        std::fs::write(d.join("img/logo.svg"), "<svg/>").unwrap();
        std::fs::write(d.join(".DS_Store"), "x").unwrap();
        let out = assets(&d).unwrap();
        let paths: Vec<_> = out.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "static/img/logo.svg",
                "static/style.css",
                "static/syntax.css"
            ]
        );
        std::fs::remove_dir_all(&d).unwrap();
    }
}
