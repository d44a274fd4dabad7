//! What `check` reads of each output: its links and anchors.

use crate::write::Output;
use lol_html::{element, RewriteStrSettings};
use rayon::prelude::*;
use regex::Regex;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashSet};
use std::sync::{LazyLock, Mutex};

/// Links and anchors of one output file.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// `id`s (and `<a name>`s) on the page.
    pub ids: HashSet<String>,
    /// URLs as written.
    pub links: Vec<String>,
}

/// What `check` keeps of a site's files: every path, and the links and
/// anchors of each page and stylesheet. Not the bytes: a big site's pages
/// are crawled as they are rendered and dropped (on a 10,000-session site,
/// holding them all took 3.6 GB).
#[derive(Debug, Default)]
pub struct Crawl {
    paths: Mutex<Vec<String>>,
    pages: Mutex<Vec<(String, PageLinks)>>,
}

impl Crawl {
    /// Crawl every file of `outputs`, in parallel.
    pub fn of(outputs: &[Output]) -> Crawl {
        let crawl = Crawl::default();
        outputs.par_iter().for_each(|o| crawl.add(o));
        crawl
    }

    /// Note one output file (safe to call from several threads).
    pub fn add(&self, o: &Output) {
        self.add_path(&o.path);
        if let Some(links) = links_of(o) {
            let mut pages = self.pages.lock().expect("never held by a panic");
            pages.push((o.path.clone(), links));
        }
    }

    /// Note a file that is not crawled (the data export).
    pub fn add_path(&self, path: &str) {
        let mut paths = self.paths.lock().expect("never held by a panic");
        paths.push(path.to_string());
    }

    /// Every path noted, and the links of each page by path.
    pub fn into_parts(self) -> (Vec<String>, BTreeMap<String, PageLinks>) {
        let paths = self.paths.into_inner().expect("never held by a panic");
        let pages = self.pages.into_inner().expect("never held by a panic");
        (paths, pages.into_iter().collect())
    }
}

/// The links and anchors of a page or a stylesheet.
fn links_of(o: &Output) -> Option<PageLinks> {
    let text = std::str::from_utf8(&o.bytes).ok()?;
    if o.path.ends_with(".html") {
        Some(html_links(text))
    } else if o.path.ends_with(".css") {
        Some(css_links(text))
    } else {
        None
    }
}

/// The ids and link URLs of an HTML page, as a browser would see them
/// (nothing inside comments or scripts).
pub fn html_links(html: &str) -> PageLinks {
    let found = RefCell::new(PageLinks::default());
    let result = lol_html::rewrite_str(
        html,
        RewriteStrSettings::new()
            .append_element_content_handler(element!("[id]", |el| {
                if let Some(id) = el.get_attribute("id") {
                    found.borrow_mut().ids.insert(id);
                }
                Ok(())
            }))
            .append_element_content_handler(element!("a[name]", |el| {
                if let Some(n) = el.get_attribute("name") {
                    found.borrow_mut().ids.insert(n);
                }
                Ok(())
            }))
            .append_element_content_handler(element!(
                "[href], [src], [action], [formaction], [poster]",
                |el| {
                    let mut f = found.borrow_mut();
                    for attr in ["href", "src", "action", "formaction", "poster"] {
                        if let Some(v) = el.get_attribute(attr) {
                            // `<link rel=canonical>` and preconnect hints
                            // are not navigations.
                            let rel = el.get_attribute("rel").unwrap_or_default();
                            if attr == "href"
                                && el.tag_name() == "link"
                                && rel.contains("canonical")
                            {
                                continue;
                            }
                            f.links.push(v);
                        }
                    }
                    Ok(())
                }
            ))
            .append_element_content_handler(element!("[srcset]", |el| {
                if let Some(v) = el.get_attribute("srcset") {
                    let mut f = found.borrow_mut();
                    for c in v.split(',') {
                        if let Some(u) = c.split_whitespace().next() {
                            f.links.push(u.to_string());
                        }
                    }
                }
                Ok(())
            })),
    );
    let mut found = found.into_inner();
    if result.is_err() {
        found.links.clear();
    }
    found
}

/// The `url(…)`s of a stylesheet (not `data:` ones, which `resolve` skips).
pub fn css_links(css: &str) -> PageLinks {
    static URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)"#).expect("valid regex")
    });
    PageLinks {
        ids: HashSet::new(),
        links: URL
            .captures_iter(css)
            .filter_map(|c| c.get(1).or(c.get(2)).or(c.get(3)))
            .map(|m| m.as_str().to_string())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crawls_ids_and_links_not_comments_or_scripts() {
        let l = html_links(
            r#"<a id="x" href="/a/">a</a><!-- <a href="/no/"> --><script>x='<a href="/no2/">'</script>
               <img srcset="/i.png 1x, /j.png 2x"><a name="old"></a><link rel="canonical" href="https://c/">"#,
        );
        assert_eq!(l.links, vec!["/a/", "/i.png", "/j.png"]);
        assert!(l.ids.contains("x") && l.ids.contains("old"));
    }

    #[test]
    fn css_urls_are_links() {
        let l = css_links(r#"a{b:url("/x.svg")} c{d:url(data:x)} e{f:url( y.png )}"#);
        assert_eq!(l.links, vec!["/x.svg", "data:x", "y.png"]);
    }
}
