//! Entity pages: `/products/`, `/products/<slug>/` and the same for
//! companies, speakers and topics; `/announcements/` and `/numbers/`.
//!
//! Each entity page lists every mention (capped at the config's
//! `max_mentions_per_page`, the rest counted), grouped by session, with the
//! sentence and a deep link to the timeline moment. Product pages add their
//! launches, family and what is named in the same stories.

use super::clock::Clock;
use super::entity_index::EntityIndex;
use super::session::session_url;
use super::strings::Strings;
use super::text::{clip, escape, escape_into};
use super::{render_page, Common, Finish, Theme};
use crate::enrich::{Entity, EntityKind, Mention, MentionRole, Site};
use crate::model::Session;
use crate::write::Output;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;

/// Longest section label shown with a mention. A flat timeline's label is
/// its entry's whole text, which can run to pages.
const SECTION_CHARS: usize = 80;

/// A link to another page.
#[derive(Serialize, Clone)]
pub struct LinkView {
    pub name: String,
    pub url: String,
    /// Mentions, sessions or shared stories, depending on the list.
    pub count: usize,
}

#[derive(Serialize)]
struct ListItem<'a> {
    name: &'a str,
    url: &'a str,
    description: Option<&'a str>,
    category: Option<&'a str>,
    catalogued: bool,
    aliases: &'a [String],
    role: Option<&'a str>,
    org: Option<&'a str>,
    sessions: usize,
    mentions: usize,
    /// Sessions that mention any of its family's members (see the entity
    /// page's `member_sessions`).
    member_sessions: usize,
    launch: Option<MentionRole>,
    launch_label: Option<&'a str>,
    /// Products: the name of the family it belongs to.
    parent: Option<&'a str>,
}

#[derive(Serialize)]
struct ListPage<'a> {
    /// `product`, `company`, `speaker`, `topic`.
    kind: EntityKind,
    section: &'static str,
    title: &'a str,
    count: usize,
    items: Vec<ListItem<'a>>,
}

#[derive(Serialize)]
struct MentionView {
    href: String,
    /// Clock label of the moment, when the mention is in the timeline.
    time: Option<String>,
    /// The same as an ISO 8601 duration (`PT1M15S`), for `<time datetime>`.
    datetime: Option<String>,
    /// Where the mention is, when not in the timeline or the overview:
    /// `标题` (the title), `注释 2` (a footnote), `文末注` (the footer's
    /// note), `其他` (a part the parser has no slot for).
    place: Option<String>,
    section: Option<String>,
    /// HTML: the sentence, escaped, the name in `<mark>`.
    excerpt: String,
    role: MentionRole,
    role_label: String,
}

#[derive(Serialize)]
struct SessionMentions {
    url: String,
    title: String,
    kind: Option<String>,
    mentions: Vec<MentionView>,
}

#[derive(Serialize)]
struct EntityView<'a> {
    kind: EntityKind,
    /// URL section of the kind's list: `products`.
    section: &'static str,
    name: &'a str,
    slug: &'a str,
    url: &'a str,
    aliases: &'a [String],
    category: Option<&'a str>,
    description: Option<&'a str>,
    homepage: Option<&'a str>,
    catalogued: bool,
    role: Option<&'a str>,
    org: Option<&'a str>,
    launch: Option<MentionRole>,
    launch_label: Option<String>,
}

#[derive(Serialize)]
struct AnnouncementView {
    product: LinkView,
    session: LinkView,
    role: MentionRole,
    role_label: String,
    verb: String,
    excerpt: String,
    href: String,
}

#[derive(Serialize)]
struct EntityPage<'a> {
    entity: EntityView<'a>,
    parent: Option<LinkView>,
    children: Vec<LinkView>,
    /// Products: the maker. Speakers: their organisation's page.
    company: Option<LinkView>,
    /// Companies: the products they make.
    products: Vec<LinkView>,
    co_products: Vec<LinkView>,
    co_companies: Vec<LinkView>,
    announcements: Vec<AnnouncementView>,
    sessions: Vec<SessionMentions>,
    total_mentions: usize,
    total_sessions: usize,
    /// Sessions that mention any of `children`: what a family whose own
    /// name is never said alone is known by.
    member_sessions: usize,
    hidden_mentions: usize,
    /// The search page's address for every passage that mentions the
    /// entity (`/search/?q=<name>&of=<kind>:<slug>`): where a reader goes
    /// for the mentions past the cap.
    mentions_search_url: String,
    /// Launches past `max_mentions_per_page`, not listed.
    hidden_announcements: usize,
}

/// The interface string for a mention role (`role_launched`, …).
pub fn role_label(strings: &Strings, role: MentionRole) -> String {
    let key = match role {
        MentionRole::Launched => "role_launched",
        MentionRole::Announced => "role_announced",
        MentionRole::Preview => "role_preview",
        MentionRole::CustomerStory => "role_customer_story",
        MentionRole::Partner => "role_partner",
        MentionRole::Mentioned => "role_mentioned",
    };
    strings.get(key).to_string()
}

/// `/sessions/<slug>/#<anchor>`, or the session page.
pub fn deep_link(s: &Session, anchor: Option<&str>) -> String {
    match anchor {
        // Made for every mention of a big site: `concat` rather than
        // `format!`, which was 2% of a build.
        Some(a) => ["/sessions/", &s.slug, "/#", a].concat(),
        None => session_url(s),
    }
}

/// Escape `text` and wrap `range` in `<mark>`.
pub fn highlighted(text: &str, range: (usize, usize)) -> String {
    highlighted_all(text, &[range])
}

/// [`highlighted`] with several ranges, in order and not overlapping; a
/// range that is not (or is not within `text`) leaves the text plain, as
/// do no ranges at all.
pub fn highlighted_all(text: &str, ranges: &[(usize, usize)]) -> String {
    let fits = |&(a, b): &(usize, usize)| {
        a < b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    let ordered = ranges.windows(2).all(|w| w[0].1 <= w[1].0);
    if !ordered || !ranges.iter().all(fits) {
        return escape(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / 8 + 13 * ranges.len());
    let mut at = 0;
    for &(a, b) in ranges {
        escape_into(&mut out, &text[at..a]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[a..b]);
        out.push_str("</mark>");
        at = b;
    }
    escape_into(&mut out, &text[at..]);
    out
}

fn link(site: &Site, i: usize, count: usize) -> Option<LinkView> {
    site.entities.get(i).map(|e| LinkView {
        name: e.name.clone(),
        url: e.url.clone(),
        count,
    })
}

/// Links to `members` (a family's, or a company's products), each counting
/// the sessions it is mentioned in, the most mentioned first: a maker with
/// a hundred products is read from the top.
fn by_sessions(site: &Site, members: &[usize]) -> Vec<LinkView> {
    let mut links: Vec<LinkView> = members
        .iter()
        .filter_map(|&m| link(site, m, site.entities.get(m)?.sessions.len()))
        .collect();
    // Stable: ties keep the entities' own (name) order.
    links.sort_by_key(|l| std::cmp::Reverse(l.count));
    links
}

fn member_sessions(site: &Site, members: &[usize]) -> usize {
    let mut all: Vec<usize> = members
        .iter()
        .filter_map(|&m| site.entities.get(m))
        .flat_map(|e| e.sessions.iter().copied())
        .collect();
    all.sort_unstable();
    all.dedup();
    all.len()
}

fn session_link(site: &Site, i: usize) -> LinkView {
    let s = &site.sessions[i];
    LinkView {
        name: s.title.topic.clone(),
        url: session_url(s),
        count: 0,
    }
}

fn list_title(strings: &Strings, kind: EntityKind) -> &str {
    strings.get(match kind {
        EntityKind::Product => "nav_products",
        EntityKind::Company => "nav_companies",
        EntityKind::Speaker => "nav_speakers",
        EntityKind::Topic => "nav_topics",
    })
}

/// Every entity page, the four list pages, `/announcements/` and
/// `/numbers/`; each only when the theme has its template. Each page is
/// given to `finish` as soon as it is rendered (a build writes it there and
/// keeps only its path: a big site's entity pages are a hundred megabytes).
pub fn outputs(
    site: &Site,
    theme: &Theme,
    common: &Common,
    finish: Finish,
) -> anyhow::Result<Vec<Output>> {
    let finished = |page: anyhow::Result<Output>| {
        let mut page = page?;
        finish(&mut page)?;
        Ok(page)
    };
    // One parallel pass over every page, lists included: a list page
    // costs as much as many entity pages.
    enum Job {
        List(EntityKind),
        Entity(usize),
        Announcements,
        Numbers,
    }
    let index = theme
        .has_template("entity.html")
        .then(|| EntityIndex::new(site));
    let mut jobs: Vec<Job> = EntityKind::all().into_iter().map(Job::List).collect();
    if index.is_some() {
        jobs.extend((0..site.entities.len()).map(Job::Entity));
    }
    jobs.extend([Job::Announcements, Job::Numbers]);
    let pages: Vec<Option<Output>> = jobs
        .par_iter()
        .map(|job| {
            let page = match *job {
                Job::List(kind) => list_output(site, theme, common, kind),
                Job::Entity(i) => index
                    .as_ref()
                    .map(|index| entity_output(site, index, theme, common, i)),
                Job::Announcements => announcements_output(site, theme, common),
                Job::Numbers => numbers_output(site, theme, common),
            };
            page.map(finished).transpose()
        })
        .collect::<anyhow::Result<_>>()?;
    Ok(pages.into_iter().flatten().collect())
}

/// The URLs of the pages [`outputs`] makes, in its order, without making
/// them (for the sitemap and search of `recap serve`).
pub fn urls(site: &Site, theme: &Theme) -> Vec<String> {
    let mut urls: Vec<String> = EntityKind::all()
        .into_iter()
        .filter(|&kind| has_list(site, theme, kind))
        .map(|kind| format!("/{}/", kind.section()))
        .collect();
    if theme.has_template("entity.html") {
        urls.extend(site.entities.iter().map(|e| e.url.clone()));
    }
    if has_announcements(theme) {
        urls.push("/announcements/".into());
    }
    if has_numbers(site, theme) {
        urls.push("/numbers/".into());
    }
    urls
}

fn has_list(site: &Site, theme: &Theme, kind: EntityKind) -> bool {
    theme.has_template(&format!("{}.html", kind.section()))
        && site.entities_of(kind).next().is_some()
}

/// The one page of [`outputs`] whose output path is `path`, if any.
pub fn output_at(
    site: &Site,
    theme: &Theme,
    common: &Common,
    path: &str,
) -> Option<anyhow::Result<Output>> {
    let url = format!("/{}", path.strip_suffix("index.html")?);
    match url.as_str() {
        "/announcements/" => return announcements_output(site, theme, common),
        "/numbers/" => return numbers_output(site, theme, common),
        _ => {}
    }
    if let Some(kind) = EntityKind::all()
        .into_iter()
        .find(|k| url == format!("/{}/", k.section()))
    {
        return list_output(site, theme, common, kind);
    }
    let i = site.entities.iter().position(|e| e.url == url)?;
    theme
        .has_template("entity.html")
        .then(|| entity_output(site, &EntityIndex::new(site), theme, common, i))
}

fn list_output(
    site: &Site,
    theme: &Theme,
    common: &Common,
    kind: EntityKind,
) -> Option<anyhow::Result<Output>> {
    let strings = theme.strings();
    let list_template = format!("{}.html", kind.section());
    if !has_list(site, theme, kind) {
        return None;
    }
    let page = ListPage {
        kind,
        section: kind.section(),
        title: list_title(strings, kind),
        count: site.entities_of(kind).count(),
        items: site
            .entities_of(kind)
            .map(|(_, e)| list_item(site, e, strings))
            .collect(),
    };
    let url = format!("/{}/", kind.section());
    Some(render_page(theme, common, &list_template, &url, &page))
}

fn entity_output(
    site: &Site,
    index: &EntityIndex,
    theme: &Theme,
    common: &Common,
    i: usize,
) -> anyhow::Result<Output> {
    let page = entity_page(site, index, i, theme.strings());
    render_page(theme, common, "entity.html", &site.entities[i].url, &page)
}

fn list_item<'a>(site: &'a Site, e: &'a Entity, strings: &'a Strings) -> ListItem<'a> {
    ListItem {
        name: &e.name,
        url: &e.url,
        description: e.description.as_deref(),
        category: e.category.as_deref(),
        catalogued: e.catalogued,
        aliases: &e.aliases,
        role: e.role.as_deref(),
        org: e.org.as_deref(),
        sessions: e.sessions.len(),
        mentions: e.mentions.len(),
        member_sessions: member_sessions(site, &e.children),
        launch: e.launch,
        launch_label: e.launch.map(|r| match r {
            MentionRole::Launched => strings.get("role_launched"),
            MentionRole::Announced => strings.get("role_announced"),
            _ => strings.get("role_preview"),
        }),
        parent: e.parent.map(|p| site.entities[p].name.as_str()),
    }
}

/// The label of a place on a session page outside its timeline, by its
/// anchor: a footnote, the footer's note, the parts after the timeline.
fn place_label(anchor: &str, strings: &Strings) -> Option<String> {
    use crate::enrich::units::{EXTRA_ANCHOR, NOTE_ANCHOR};
    match anchor {
        NOTE_ANCHOR => Some(strings.get("place_note").to_string()),
        EXTRA_ANCHOR => Some(strings.get("more").to_string()),
        _ => crate::footnotes::number_of(anchor)
            .map(|n| strings.get("footnote_n").replace("{n}", &n.to_string())),
    }
}

fn mention_view(site: &Site, index: &EntityIndex, m: &Mention, strings: &Strings) -> MentionView {
    let s = &site.sessions[m.session as usize];
    let start = m
        .anchor
        .as_deref()
        .and_then(|a| index.start_of(m.session as usize, a));
    let clock = Clock::for_moment_of(s);
    MentionView {
        href: deep_link(s, m.anchor.as_deref()),
        time: start.map(|t| clock.format(t)),
        datetime: start.map(|t| clock.datetime(t)),
        place: if m.in_title {
            Some(strings.get("place_title").to_string())
        } else {
            m.anchor.as_deref().and_then(|a| place_label(a, strings))
        },
        section: m.section.as_deref().map(|s| clip(s, SECTION_CHARS)),
        excerpt: highlighted(&m.excerpt, (m.highlight.0 as usize, m.highlight.1 as usize)),
        role: m.role,
        role_label: role_label(strings, m.role),
    }
}

fn entity_page<'a>(
    site: &'a Site,
    index: &EntityIndex,
    i: usize,
    strings: &Strings,
) -> EntityPage<'a> {
    let e = &site.entities[i];
    let cap = site.config.max_mentions_per_page;
    let mut sessions: Vec<SessionMentions> = Vec::new();
    for m in e.mentions.iter().take(cap) {
        if sessions
            .last()
            .is_none_or(|g| g.url != session_url(&site.sessions[m.session as usize]))
        {
            let s = &site.sessions[m.session as usize];
            sessions.push(SessionMentions {
                url: session_url(s),
                title: s.title.topic.clone(),
                kind: s.title.kind_beside_topic().map(str::to_string),
                mentions: Vec::new(),
            });
        }
        sessions
            .last_mut()
            .expect("pushed above")
            .mentions
            .push(mention_view(site, index, m, strings));
    }
    // Speakers of a session that never name them in the prose still list it.
    let mut listed: HashSet<String> = HashSet::new();
    if e.kind == EntityKind::Speaker {
        listed.extend(sessions.iter().map(|g| g.url.clone()));
    }
    for &si in e.sessions.iter().filter(|_| e.kind == EntityKind::Speaker) {
        let url = session_url(&site.sessions[si]);
        if listed.insert(url.clone()) {
            sessions.push(SessionMentions {
                url,
                title: site.sessions[si].title.topic.clone(),
                kind: site.sessions[si]
                    .title
                    .kind_beside_topic()
                    .map(str::to_string),
                mentions: Vec::new(),
            });
        }
    }
    let announcements = index
        .announcements_of(i)
        .take(cap)
        .map(|a| announcement_view(site, a, strings))
        .collect();
    let hidden_announcements = index.announcements_of(i).count().saturating_sub(cap);
    EntityPage {
        entity: EntityView {
            kind: e.kind,
            section: e.kind.section(),
            name: &e.name,
            slug: &e.slug,
            url: &e.url,
            aliases: &e.aliases,
            category: e.category.as_deref(),
            description: e.description.as_deref(),
            homepage: e.homepage.as_deref(),
            catalogued: e.catalogued,
            role: e.role.as_deref(),
            org: e.org.as_deref(),
            launch: e.launch,
            launch_label: e.launch.map(|r| role_label(strings, r)),
        },
        parent: e.parent.and_then(|p| link(site, p, 0)),
        children: by_sessions(site, &e.children),
        company: e.company.and_then(|c| link(site, c, 0)),
        products: by_sessions(site, &e.products),
        co_products: e
            .co_products
            .iter()
            .filter_map(|&(p, n)| link(site, p, n))
            .collect(),
        co_companies: e
            .co_companies
            .iter()
            .filter_map(|&(c, n)| link(site, c, n))
            .collect(),
        announcements,
        sessions,
        total_mentions: e.mentions.len(),
        total_sessions: e.sessions.len(),
        member_sessions: member_sessions(site, &e.children),
        hidden_mentions: e.mentions.len().saturating_sub(cap),
        mentions_search_url: mentions_search_url(e),
        hidden_announcements,
    }
}

/// `/search/?q=<name>&of=<tag>`: the search for every passage that mentions
/// `e` (see `search::entity_tag`).
fn mentions_search_url(e: &Entity) -> String {
    use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
    let tag = crate::search::entity_tag(e.kind.name(), &e.slug);
    format!(
        "/search/?q={}&of={}",
        utf8_percent_encode(&e.name, NON_ALPHANUMERIC),
        utf8_percent_encode(&tag, NON_ALPHANUMERIC)
    )
}

fn announcement_view(
    site: &Site,
    a: &crate::enrich::Announcement,
    strings: &Strings,
) -> AnnouncementView {
    let s = &site.sessions[a.session];
    AnnouncementView {
        product: link(site, a.entity, 0).unwrap_or(LinkView {
            name: String::new(),
            url: String::new(),
            count: 0,
        }),
        session: session_link(site, a.session),
        role: a.role,
        role_label: role_label(strings, a.role),
        verb: a.verb.clone(),
        excerpt: a.excerpt.to_string(),
        href: deep_link(s, a.anchor.as_deref()),
    }
}

mod moments;
use moments::{announcements_output, has_announcements, has_numbers, numbers_output};

#[cfg(test)]
mod tests;
