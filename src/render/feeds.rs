//! What feed readers and crawlers read: `/feed.xml` (Atom), `/sitemap.xml`,
//! `/robots.txt`, and the per-page metadata templates put in `<head>`
//! (description, OpenGraph, schema.org JSON-LD for sessions).
//!
//! Every absolute URL is made from `base_url`; nothing here reads the clock,
//! so the files are the same on every build of the same input. Atom needs
//! an `updated` date on the feed and each entry: it is the session's date
//! from its front matter; for undated sessions `SOURCE_DATE_EPOCH` (the
//! reproducible-builds convention, seconds since 1970) when it is set, else
//! the Unix epoch itself. "Now" would change every build.

use super::clock::iso_duration;
use super::pages::first_sentence;
use super::session::session_url;
use crate::enrich::Site;
use crate::model::Session;
use crate::write::Output;
use atom_syndication::{Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text};
use serde::Serialize;

/// Meta descriptions are cut here: longer ones are truncated by search engines.
const DESCRIPTION_CHARS: usize = 150;
const EPOCH: &str = "1970-01-01T00:00:00Z";

/// `feed.xml`, `sitemap.xml` and `robots.txt`. `pages` are the outputs
/// rendered so far: every `…/index.html` among them goes into the sitemap.
pub fn outputs(site: &Site, pages: &[Output]) -> anyhow::Result<Vec<Output>> {
    Ok(vec![
        Output::new("feed.xml", atom_feed(site)?),
        Output::new("sitemap.xml", sitemap(site.config.base(), pages)),
        Output::new("robots.txt", robots(site.config.base())),
    ])
}

/// The date of undated sessions: `SOURCE_DATE_EPOCH` if it is a number of
/// seconds, else the epoch.
fn fallback_date(source_date_epoch: Option<&str>) -> FixedDateTime {
    let secs = source_date_epoch
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (0..253_402_300_800).contains(s));
    let text = match secs {
        Some(s) => rfc3339(s),
        None => EPOCH.to_string(),
    };
    text.parse()
        .unwrap_or_else(|_| EPOCH.parse().expect("valid date"))
}

/// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SSZ` (proleptic Gregorian).
fn rfc3339(secs: i64) -> String {
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// `2025-12-02` (or `2025-12-02T…`) as an Atom date at midnight UTC.
fn feed_date(date: Option<&str>) -> Option<FixedDateTime> {
    let d = date?.trim();
    let day = d.get(..10)?;
    let ok = day.len() == 10
        && day.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if !ok {
        return None;
    }
    format!("{day}T00:00:00Z").parse().ok()
}

/// The Atom feed: one entry for each of the newest `feed_limit` sessions,
/// with its summary (the first overview paragraph), not the whole recap.
pub fn atom_feed(site: &Site) -> anyhow::Result<String> {
    let c = &site.config;
    let base = c.base();
    let epoch = fallback_date(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref());
    // Newest first, then in site order: stable for equal dates.
    let mut order: Vec<(FixedDateTime, usize)> = site
        .sessions
        .iter()
        .enumerate()
        .map(|(i, s)| (feed_date(s.date.as_deref()).unwrap_or(epoch), i))
        .collect();
    order.sort_by_key(|&(updated, _)| std::cmp::Reverse(updated));
    if c.feed_limit > 0 {
        order.truncate(c.feed_limit);
    }
    let entries: Vec<Entry> = order
        .into_iter()
        .map(|(_, i)| feed_entry(site, i, &site.sessions[i], &epoch))
        .collect();
    let updated = entries.iter().map(|e| e.updated).max().unwrap_or(epoch);
    let mut feed = Feed {
        title: Text::plain(c.title.clone()),
        id: format!("{base}/"),
        updated,
        authors: vec![Person {
            name: c.title.clone(),
            uri: Some(format!("{base}/")),
            ..Default::default()
        }],
        links: vec![
            Link {
                href: format!("{base}/feed.xml"),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            Link {
                href: format!("{base}/"),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        generator: Some(Generator {
            value: "recap".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            ..Default::default()
        }),
        subtitle: Some(Text::plain(c.description.clone())),
        lang: Some(c.language.clone()),
        entries,
        ..Default::default()
    };
    feed.set_namespaces(std::collections::BTreeMap::new());
    let mut out = Vec::new();
    feed.write_with_config(
        &mut out,
        atom_syndication::WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        },
    )?;
    let mut xml = String::from_utf8(out)?;
    xml.push('\n');
    Ok(xml)
}

fn feed_entry(site: &Site, i: usize, s: &Session, epoch: &FixedDateTime) -> Entry {
    let url = format!("{}{}", site.config.base(), session_url(s));
    let updated = feed_date(s.date.as_deref()).unwrap_or(*epoch);
    let summary = s
        .lead_paragraph()
        .map(|p| super::text::as_read(&p.text).into_owned());
    let mut categories: Vec<Category> = s
        .key_themes
        .iter()
        .map(|t| Category {
            term: t.clone(),
            ..Default::default()
        })
        .collect();
    if let Some(info) = site.info.get(i) {
        categories.extend(info.topics.iter().map(|t| Category {
            term: t.name.clone(),
            ..Default::default()
        }));
    }
    categories.dedup_by(|a, b| a.term == b.term);
    Entry {
        title: Text::plain(s.title.full.clone()),
        id: url.clone(),
        updated,
        published: feed_date(s.date.as_deref()),
        authors: s
            .speakers
            .iter()
            .map(|sp| Person {
                name: sp.name.clone(),
                ..Default::default()
            })
            .collect(),
        links: vec![Link {
            href: url,
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Default::default()
        }],
        summary: summary.map(Text::plain),
        categories,
        ..Default::default()
    }
}

/// Every page of the site (each `…/index.html` but the 404 page and the
/// search page, which `robots.txt` keeps crawlers out of), sorted.
pub fn sitemap(base: &str, pages: &[Output]) -> String {
    let mut urls: Vec<String> = pages
        .iter()
        .filter_map(|o| o.path.strip_suffix("index.html"))
        .filter(|dir| *dir != "search/")
        .map(|dir| format!("{base}/{dir}"))
        .collect();
    urls.sort();
    urls.dedup();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        xml.push_str("  <url><loc>");
        xml.push_str(&xml_escape(&u));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Everything may be crawled; the sitemap says where the pages are. Search
/// result URLs (`/search/?q=…`) have no content without JavaScript.
pub fn robots(base: &str) -> String {
    format!("User-agent: *\nDisallow: /search/\n\nSitemap: {base}/sitemap.xml\n")
}

/// The `<meta name="description">` of a session: the first sentence of its
/// overview, else its title.
pub fn session_description(s: &Session) -> String {
    match s.lead_paragraph() {
        Some(p) => first_sentence(&p.text, DESCRIPTION_CHARS),
        None => s.title.full.clone(),
    }
}

/// A page description from any text: its first sentence, plain, short.
pub fn description(text: &str) -> String {
    first_sentence(&text.replace('\n', " "), DESCRIPTION_CHARS)
}

/// schema.org `Event` for session `i`, as a JSON string safe to put inside
/// `<script type="application/ld+json">` (no `</` in it).
pub fn session_json_ld(site: &Site, i: usize) -> String {
    let s = &site.sessions[i];
    let base = site.config.base();
    let about: Vec<Thing> = site.info.get(i).map_or_else(Vec::new, |info| {
        info.products
            .iter()
            .chain(&info.topics)
            .map(|e| Thing {
                kind: "Thing",
                name: &e.name,
                url: format!("{base}{}", e.url),
            })
            .collect()
    });
    let event = Event {
        context: "https://schema.org",
        kind: "Event",
        about,
        description: session_description(s),
        duration: s.duration().map(iso_duration),
        in_language: &site.config.language,
        keywords: (!s.key_themes.is_empty()).then(|| s.key_themes.join(", ")),
        name: &s.title.full,
        performer: s
            .speakers
            .iter()
            .map(|sp| Performer {
                kind: "Person",
                affiliation: sp.org.as_deref().map(|name| Named {
                    kind: "Organization",
                    name,
                }),
                job_title: sp.role.as_deref(),
                name: &sp.name,
            })
            .collect(),
        start_date: s
            .date
            .as_deref()
            .filter(|d| feed_date(Some(d)).is_some())
            .map(|d| d.trim().get(..10).unwrap_or(d)),
        subject_of: s.video_url.as_deref().map(|url| Video {
            kind: "VideoObject",
            name: &s.title.full,
            url,
        }),
        super_event: s.title.conference.as_deref().map(|name| Named {
            kind: "Event",
            name,
        }),
        url: format!("{base}{}", session_url(s)),
    };
    crate::json::to_string(&event)
        .expect("a JSON value always serialises")
        .replace("</", "<\\/")
}

// The schema.org objects of [`session_json_ld`]. Their fields are in
// byte order of their JSON names, the order the page has always had.

#[derive(Serialize)]
struct Event<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Thing<'a>>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<String>,
    #[serde(rename = "inLanguage")]
    in_language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    keywords: Option<String>,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    performer: Vec<Performer<'a>>,
    #[serde(rename = "startDate", skip_serializing_if = "Option::is_none")]
    start_date: Option<&'a str>,
    #[serde(rename = "subjectOf", skip_serializing_if = "Option::is_none")]
    subject_of: Option<Video<'a>>,
    #[serde(rename = "superEvent", skip_serializing_if = "Option::is_none")]
    super_event: Option<Named<'a>>,
    url: String,
}

#[derive(Serialize)]
struct Thing<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct Performer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<Named<'a>>,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    name: &'a str,
}

#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

#[derive(Serialize)]
struct Video<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::enrich::{enrich, Catalog};
    use crate::parse::Corpus;

    fn site() -> Site {
        let text = "# AWS re:Invent 2025 分会场总结：用 Bedrock 构建代理\n\n## 会议概述\n\n由Alice主讲。这是概述 & <更多>。\n\n## 时间线\n\n00:00 - 开场\n- 要点\n";
        let r = crate::parse::recap::parse_recap("a.txt", text);
        let mut s = r.session;
        s.slug = "a".into();
        s.date = Some("2025-12-02".into());
        let corpus = Corpus {
            sessions: vec![s],
            ..Default::default()
        };
        let config = SiteConfig {
            base_url: "https://x.example/".into(),
            ..Default::default()
        };
        enrich(corpus, Catalog::default(), config)
    }

    #[test]
    fn feed_is_atom_with_absolute_links_and_summaries() {
        let xml = atom_feed(&site()).unwrap();
        assert!(xml.starts_with("<?xml"), "{xml}");
        let feed: Feed = xml.parse().expect("the feed parses back as Atom");
        assert_eq!(feed.entries.len(), 1);
        let e = &feed.entries[0];
        assert_eq!(e.id, "https://x.example/sessions/a/");
        assert_eq!(e.links[0].href, "https://x.example/sessions/a/");
        assert!(e
            .summary
            .as_ref()
            .unwrap()
            .value
            .contains("这是概述 & <更多>"));
        assert_eq!(e.updated.to_rfc3339(), "2025-12-02T00:00:00+00:00");
        assert!(xml.contains("&lt;更多&gt;"), "text is escaped");
    }

    #[test]
    fn undated_sessions_use_source_date_epoch() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(1_764_633_600), "2025-12-02T00:00:00Z");
        assert_eq!(rfc3339(951_782_400 + 3_661), "2000-02-29T01:01:01Z");
        assert_eq!(
            fallback_date(Some("1764633600")).to_rfc3339(),
            "2025-12-02T00:00:00+00:00"
        );
        assert_eq!(
            fallback_date(Some("yesterday")).to_rfc3339(),
            "1970-01-01T00:00:00+00:00"
        );
        assert_eq!(
            fallback_date(None).to_rfc3339(),
            "1970-01-01T00:00:00+00:00"
        );
    }

    #[test]
    fn feed_is_deterministic() {
        assert_eq!(atom_feed(&site()).unwrap(), atom_feed(&site()).unwrap());
    }

    #[test]
    fn sitemap_lists_pages_but_not_404_or_assets() {
        let pages = vec![
            Output::new("index.html", ""),
            Output::new("sessions/a/index.html", ""),
            Output::new("404.html", ""),
            Output::new("static/style.css", ""),
            Output::new("search/index.html", ""),
        ];
        let xml = sitemap("https://x.example", &pages);
        assert!(xml.contains("<loc>https://x.example/</loc>"));
        assert!(xml.contains("<loc>https://x.example/sessions/a/</loc>"));
        assert!(!xml.contains("404") && !xml.contains("style.css") && !xml.contains("search"));
    }

    #[test]
    fn robots_points_at_the_sitemap() {
        assert!(robots("https://x.example").contains("Sitemap: https://x.example/sitemap.xml"));
    }

    #[test]
    fn json_ld_is_an_event_that_cannot_close_its_script() {
        let mut site = site();
        std::sync::Arc::make_mut(&mut site.sessions[0])
            .title
            .full
            .push_str("</script>");
        let ld = session_json_ld(&site, 0);
        assert!(!ld.contains("</"));
        let v: serde_json::Value = serde_json::from_str(&ld).unwrap();
        assert_eq!(v["@type"], "Event");
        assert_eq!(v["url"], "https://x.example/sessions/a/");
        assert_eq!(v["startDate"], "2025-12-02");
        assert_eq!(v["superEvent"]["name"], "AWS re:Invent 2025");
    }
}
