//! OpenGraph tags on every page and schema.org JSON-LD on session pages.
//!
//! Templates already say a page's title, description and canonical URL
//! once (`<title>`, `<meta name="description">`, `<link rel="canonical">`
//! in `base.html`). Rather than have every template of every theme repeat
//! them for OpenGraph, this pass reads them back from each rendered page's
//! `<head>` and adds the `og:` tags (and, for sessions, the `Event`
//! JSON-LD) before `</head>`. A template that writes its own `og:title` is
//! left alone. The values are already escaped by the template engine, so
//! they are copied as they are.

use super::feeds::session_json_ld;
use super::output_path;
use super::session::session_url;
use crate::enrich::Site;
use crate::write::Output;
use rayon::prelude::*;
use std::collections::HashMap;

/// Add OpenGraph meta (and JSON-LD for sessions) to every HTML page.
pub fn add_head_meta(site: &Site, outputs: &mut [Output]) {
    let sessions: HashMap<String, usize> = site
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (output_path(&session_url(s)), i))
        .collect();
    let locale = og_locale(&site.config.language);
    let site_name = super::text::escape(&site.config.title);
    outputs
        .par_iter_mut()
        .filter(|o| o.path.ends_with(".html") && !o.bytes.is_empty())
        .for_each(|o| {
            let session = sessions.get(&o.path).copied();
            let json_ld = session.map(|i| session_json_ld(site, i));
            if let Some(html) = with_head_meta(
                &o.bytes,
                &site_name,
                &locale,
                session.is_some(),
                json_ld.as_deref(),
            ) {
                o.bytes = html;
            }
        });
}

/// [`add_head_meta`] for the page of session `i` alone, with the same
/// result, for pages that are written as soon as they are rendered.
pub fn add_session_meta(site: &Site, i: usize, o: &mut Output) {
    let locale = og_locale(&site.config.language);
    let site_name = super::text::escape(&site.config.title);
    let json_ld = session_json_ld(site, i);
    if let Some(html) = with_head_meta(&o.bytes, &site_name, &locale, true, Some(&json_ld)) {
        o.bytes = html;
    }
}

/// [`add_head_meta`] for one page that is not a session page, with the
/// same result, for pages rendered one at a time.
pub fn add_page_meta(site: &Site, o: &mut Output) {
    if !o.path.ends_with(".html") || o.bytes.is_empty() {
        return;
    }
    let locale = og_locale(&site.config.language);
    let site_name = super::text::escape(&site.config.title);
    if let Some(html) = with_head_meta(&o.bytes, &site_name, &locale, false, None) {
        o.bytes = html;
    }
}

/// `zh-CN` → `zh_CN`; a bare `en` → `en_US` (OpenGraph wants a territory).
fn og_locale(language: &str) -> String {
    match language {
        "en" => "en_US".into(),
        "zh" => "zh_CN".into(),
        l => l.replace('-', "_"),
    }
}

/// The page with its head metadata added, or `None` to leave it as it is.
fn with_head_meta(
    bytes: &[u8],
    site_name: &str,
    locale: &str,
    article: bool,
    json_ld: Option<&str>,
) -> Option<Vec<u8>> {
    // Only the head is read (and checked for UTF-8): a session page is
    // tens of kilobytes, most of them after it.
    let head_end = memchr::memmem::find(bytes, b"</head>")?;
    let head = std::str::from_utf8(&bytes[..head_end]).ok()?;
    if head.contains("property=\"og:title\"") {
        return None;
    }
    let title = between(head, "<title>", "</title>")
        .unwrap_or(site_name)
        .trim();
    let description = between(head, "<meta name=\"description\" content=\"", "\"");
    let canonical = between(head, "<link rel=\"canonical\" href=\"", "\"");
    let mut tags = String::new();
    let mut meta = |property: &str, content: &str| {
        tags.push_str("<meta property=\"");
        tags.push_str(property);
        tags.push_str("\" content=\"");
        tags.push_str(content);
        tags.push_str("\">\n");
    };
    meta("og:type", if article { "article" } else { "website" });
    meta("og:site_name", site_name);
    meta("og:title", title);
    if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
        meta("og:description", d.trim());
    }
    if let Some(c) = canonical {
        meta("og:url", c);
    }
    meta("og:locale", locale);
    tags.push_str("<meta name=\"twitter:card\" content=\"summary\">\n");
    if let Some(ld) = json_ld {
        tags.push_str("<script type=\"application/ld+json\">");
        // `<` only occurs inside JSON strings, where `\u003c` means the same;
        // a recap's `</script>` must not end this element.
        tags.push_str(&ld.replace('<', "\\u003c"));
        tags.push_str("</script>\n");
    }
    let mut out = Vec::with_capacity(bytes.len() + tags.len());
    out.extend_from_slice(head.as_bytes());
    out.extend_from_slice(tags.as_bytes());
    out.extend_from_slice(&bytes[head_end..]);
    Some(out)
}

fn between<'a>(s: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = s.find(start)? + start.len();
    let len = s[from..].find(end)?;
    Some(&s[from..from + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html><head>\n<title>主题 · 站点</title>\n\
        <meta name=\"description\" content=\"一句 &quot;话&quot;\">\n\
        <link rel=\"canonical\" href=\"https://x.example/sessions/a/\">\n</head><body></body></html>";

    fn added(article: bool, ld: Option<&str>) -> String {
        String::from_utf8(with_head_meta(PAGE.as_bytes(), "站点", "zh_CN", article, ld).unwrap())
            .unwrap()
    }

    #[test]
    fn copies_title_description_and_url_into_opengraph() {
        let html = added(false, None);
        assert!(html.contains("<meta property=\"og:title\" content=\"主题 · 站点\">"));
        assert!(html.contains("<meta property=\"og:description\" content=\"一句 &quot;话&quot;\">"));
        assert!(
            html.contains("<meta property=\"og:url\" content=\"https://x.example/sessions/a/\">")
        );
        assert!(html.contains("<meta property=\"og:type\" content=\"website\">"));
        assert!(html.find("og:title").unwrap() < html.find("</head>").unwrap());
    }

    #[test]
    fn sessions_are_articles_with_json_ld() {
        let html = added(true, Some("{\"@type\":\"Event\"}"));
        assert!(html.contains("og:type\" content=\"article\""));
        assert!(html.contains(
            "<script type=\"application/ld+json\">{\"@type\":\"Event\"}</script>\n</head>"
        ));
    }

    #[test]
    fn pages_with_their_own_opengraph_are_left_alone() {
        let own = PAGE.replace(
            "</head>",
            "<meta property=\"og:title\" content=\"x\"></head>",
        );
        assert!(with_head_meta(own.as_bytes(), "s", "en_US", false, None).is_none());
        assert!(with_head_meta(b"no head here", "s", "en_US", false, None).is_none());
    }

    #[test]
    fn locales_have_territories() {
        assert_eq!(og_locale("zh-CN"), "zh_CN");
        assert_eq!(og_locale("en"), "en_US");
    }
}
