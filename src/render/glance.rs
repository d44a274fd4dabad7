//! The home page's "conference at a glance": the most-mentioned products as
//! an inline SVG bar chart drawn here at build time (no chart library, no
//! JavaScript), the latest launches, a few key numbers and the speakers.
//! `index.html` shows it in its `glance` block.

use super::session::session_url;
use super::text::{clip, escape};
use crate::enrich::Site;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// Bars in the chart.
const TOP_PRODUCTS: usize = 10;
const KEY_NUMBERS: usize = 6;
const LAUNCHES: usize = 6;
const SPEAKERS: usize = 24;
/// Names longer than this are cut in the chart (the full name is the tooltip).
const LABEL_CHARS: usize = 19;

#[derive(Debug, Default, Serialize)]
pub struct Glance {
    /// The products, most mentioned first.
    pub products: Vec<Bar>,
    /// The chart as an `<svg>` element; empty when no product is mentioned.
    pub chart_svg: String,
    pub launches: Vec<Launch>,
    pub numbers: Vec<Figure>,
    pub speakers: Vec<Speaker>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bar {
    pub name: String,
    pub url: String,
    /// Mentions over all sessions.
    pub count: usize,
    /// Sessions that mention it.
    pub sessions: usize,
}

#[derive(Debug, Serialize)]
pub struct Launch {
    pub product: String,
    pub product_url: String,
    /// The launch word as written: `发布`, `预告`…
    pub verb: String,
    pub excerpt: String,
    pub session_title: String,
    /// The session page, at the moment it was said when known.
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct Figure {
    pub text: String,
    pub excerpt: String,
    pub session_title: String,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct Speaker {
    pub name: String,
    /// Role and organisation, joined: `首席架构师 · AWS`.
    pub about: Option<String>,
    /// The speaker's page when there is one, else their session.
    pub url: String,
    pub session_title: String,
}

fn href(session_url: &str, anchor: Option<&str>) -> String {
    match anchor {
        Some(a) if !a.is_empty() => format!("{session_url}#{a}"),
        _ => session_url.to_string(),
    }
}

/// Build the glance of `site`.
pub fn glance(site: &Site, chart_label: &str) -> Glance {
    let products = top_products(site);
    let chart_svg = if products.is_empty() {
        String::new()
    } else {
        bar_chart(&products, chart_label)
    };
    Glance {
        chart_svg,
        products,
        launches: launches(site),
        numbers: key_numbers(site),
        speakers: speakers(site),
    }
}

/// Products by total mentions, then by sessions, then by name.
fn top_products(site: &Site) -> Vec<Bar> {
    let mut by_url: BTreeMap<&str, Bar> = BTreeMap::new();
    for info in &site.info {
        for p in &info.products {
            let bar = by_url.entry(&p.url).or_insert_with(|| Bar {
                name: p.name.clone(),
                url: p.url.clone(),
                count: 0,
                sessions: 0,
            });
            bar.count += p.count;
            bar.sessions += 1;
        }
    }
    let mut bars: Vec<Bar> = by_url.into_values().filter(|b| b.count > 0).collect();
    bars.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then(b.sessions.cmp(&a.sessions))
            .then_with(|| a.name.cmp(&b.name))
    });
    bars.truncate(TOP_PRODUCTS);
    bars
}

/// A horizontal bar chart: one linked row per product, scaled to the
/// largest count. Colours come from the stylesheet (`.glance-chart …`), so
/// the chart follows the light and dark themes.
pub fn bar_chart(bars: &[Bar], label: &str) -> String {
    // About the width of a glance panel on a phone and on a desktop alike,
    // so the text is drawn near its nominal size on both.
    const WIDTH: u32 = 320;
    const LABEL_W: u32 = 128;
    const COUNT_W: u32 = 30;
    const ROW: u32 = 26;
    const BAR_H: u32 = 16;
    let max = bars.iter().map(|b| b.count).max().unwrap_or(1).max(1) as f64;
    let height = ROW * bars.len() as u32 + 4;
    let span = f64::from(WIDTH - LABEL_W - COUNT_W);
    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"glance-chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         role=\"group\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(label)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = 2 + ROW * i as u32;
        let w = ((b.count as f64 / max) * span).max(2.0);
        let name = clip(&b.name, LABEL_CHARS);
        let text_y = y + BAR_H / 2 + 5;
        let _ = write!(
            svg,
            "<a href=\"{url}\"><title>{full}: {count}</title>\
             <text class=\"glance-chart-label\" x=\"{lx}\" y=\"{text_y}\" text-anchor=\"end\">{name}</text>\
             <rect class=\"glance-chart-bar\" x=\"{LABEL_W}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR_H}\" rx=\"2\"/>\
             <text class=\"glance-chart-count\" x=\"{cx:.1}\" y=\"{text_y}\">{count}</text></a>",
            url = escape(&b.url),
            full = escape(&b.name),
            count = super::text::group_digits(b.count as u64),
            lx = LABEL_W - 8,
            name = escape(&name),
            cx = f64::from(LABEL_W) + w + 6.0,
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Launches first, then announcements, then previews; in session order
/// within each; at most one per product and two per session, so a single
/// keynote's many launches do not fill the list.
fn launches(site: &Site) -> Vec<Launch> {
    let mut order: Vec<&crate::enrich::Announcement> = site.announcements.iter().collect();
    order.sort_by_key(|a| (a.role, a.session, a.line));
    let mut out = Vec::new();
    let mut products = Vec::new();
    let mut per_session: BTreeMap<usize, usize> = BTreeMap::new();
    for a in order {
        let (Some(product), Some(session)) =
            (site.entities.get(a.entity), site.sessions.get(a.session))
        else {
            continue;
        };
        let n = per_session.entry(a.session).or_insert(0);
        if products.contains(&a.entity) || *n >= 2 {
            continue;
        }
        *n += 1;
        products.push(a.entity);
        out.push(Launch {
            product: product.name.clone(),
            product_url: product.url.clone(),
            verb: a.verb.clone(),
            excerpt: a.excerpt.to_string(),
            session_title: session.title.topic.clone(),
            href: href(&session_url(session), a.anchor.as_deref()),
        });
        if out.len() == LAUNCHES {
            break;
        }
    }
    out
}

/// A few key figures, one per session in turn, so every session has a say.
fn key_numbers(site: &Site) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut round = 0;
    while out.len() < KEY_NUMBERS {
        let mut any = false;
        for (i, info) in site.info.iter().enumerate() {
            if let Some(n) = info.numbers.get(round) {
                any = true;
                if out.len() < KEY_NUMBERS {
                    let s = &site.sessions[i];
                    out.push(Figure {
                        text: n.text.clone(),
                        excerpt: n.excerpt.to_string(),
                        session_title: s.title.topic.clone(),
                        href: href(&session_url(s), n.anchor.as_deref()),
                    });
                }
            }
        }
        if !any {
            break;
        }
        round += 1;
    }
    out
}

/// Every speaker once, in session order.
fn speakers(site: &Site) -> Vec<Speaker> {
    let mut out: Vec<Speaker> = Vec::new();
    for (i, s) in site.sessions.iter().enumerate() {
        for sp in &s.speakers {
            if out.iter().any(|o| o.name == sp.name) {
                continue;
            }
            let page = site
                .info
                .get(i)
                .and_then(|inf| inf.speakers.iter().find(|e| e.name == sp.name))
                .map(|e| e.url.clone());
            let about: Vec<&str> = [sp.role.as_deref(), sp.org.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            out.push(Speaker {
                name: sp.name.clone(),
                about: (!about.is_empty()).then(|| about.join(" · ")),
                url: page.unwrap_or_else(|| session_url(s)),
                session_title: s.title.topic.clone(),
            });
        }
    }
    out.truncate(SPEAKERS);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(name: &str, count: usize) -> Bar {
        Bar {
            name: name.into(),
            url: format!("/products/{}/", name.to_lowercase()),
            count,
            sessions: 1,
        }
    }

    #[test]
    fn chart_scales_bars_to_the_largest_and_links_each() {
        let svg = bar_chart(&[bar("Bedrock", 10), bar("Kiro", 5)], "最常提及的产品");
        assert!(svg.starts_with("<svg class=\"glance-chart\""));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("width=\"162.0\""), "{svg}");
        assert!(svg.contains("width=\"81.0\""), "{svg}");
        assert!(svg.contains("<a href=\"/products/bedrock/\">"));
        assert!(svg.contains("aria-label=\"最常提及的产品\""));
    }

    #[test]
    fn chart_escapes_names_and_cuts_long_ones() {
        let svg = bar_chart(&[bar("A<b>&c Very Long Product Name Indeed", 3)], "x");
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("A&lt;b&gt;&amp;c Very Long P…"), "{svg}");
        assert!(svg.contains("<title>A&lt;b&gt;&amp;c Very Long Product Name Indeed: 3</title>"));
    }
}
