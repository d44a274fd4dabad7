//! Markdown pages from `content/`: front matter and an unrendered body.

use super::frontmatter;
use crate::diagnostics::Diagnostic;
use crate::model::Page;

/// The page made from `text`, or `None` for a draft (`draft: true` in
/// its front matter), which is not published.
pub fn parse_page(source: &str, text: &str) -> Result<Option<Page>, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Line ends as a recap's are read: `\r\n`, and a lone `\r` (old Mac).
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let split = frontmatter::split(&text)
        .map_err(|e| Diagnostic::error(source, Some(e.line), e.message))?;
    let front = split.front.unwrap_or_default();
    if front.draft == Some(true) {
        return Ok(None);
    }
    let stem = source
        .rsplit('/')
        .next()
        .and_then(|n| n.rsplit_once('.').map(|(s, _)| s))
        .unwrap_or(source);
    let body = split.body.to_string();
    let title = front.title.clone().unwrap_or_else(|| {
        body.lines()
            .find_map(|l| l.strip_prefix("# "))
            .map(|t| t.trim().to_string())
            .unwrap_or_else(|| stem.to_string())
    });
    let slug = super::slugify(front.slug.as_deref().unwrap_or(stem));
    Ok(Some(Page {
        slug: if slug.is_empty() { "page".into() } else { slug },
        source: source.to_string(),
        title,
        description: front.description,
        date: front.date,
        body,
        body_line: split.body_line,
        template: front.template,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_are_not_pages() {
        for front in ["draft: true", "draft: yes", "draft: \"True\""] {
            let text = format!("---\ntitle: 草稿\n{front}\n---\n正文\n");
            assert_eq!(parse_page("d.md", &text).unwrap(), None, "{front}");
        }
        let p = parse_page("guide/setup.md", "---\ndraft: false\n---\n# 安装\n正文\n")
            .unwrap()
            .unwrap();
        assert_eq!((p.slug.as_str(), p.title.as_str()), ("setup", "安装"));
        assert!(parse_page("d.md", "---\ndraft: maybe\n---\n").is_err());
    }
}
