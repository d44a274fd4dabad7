//! `/announcements/` and `/numbers/`: the moments of the whole conference
//! when something was launched and when a figure was given, by session.

use super::{
    announcement_view, deep_link, highlighted_all, session_link, AnnouncementView, LinkView,
};
use crate::enrich::{KeyNumber, Site};
use crate::model::Session;
use crate::render::session::session_url;
use crate::render::strings::Strings;
use crate::render::{render_page, Common, Theme};
use crate::write::Output;
use serde::Serialize;

#[derive(Serialize)]
struct AnnouncementGroup {
    session: LinkView,
    items: Vec<AnnouncementView>,
}

#[derive(Serialize)]
struct AnnouncementsPage {
    groups: Vec<AnnouncementGroup>,
    total: usize,
    /// Items past [`list_cap`], counted rather than listed.
    hidden: usize,
}

#[derive(Serialize)]
struct FigureView {
    text: String,
    kind: &'static str,
}

/// The figures said in one sentence, and the sentence, shown once.
#[derive(Serialize)]
struct SentenceView {
    figures: Vec<FigureView>,
    /// HTML: the sentence with each figure in `<mark>`.
    excerpt: String,
    href: String,
}

#[derive(Serialize)]
struct NumberGroup {
    session: LinkView,
    numbers: Vec<SentenceView>,
}

#[derive(Serialize)]
struct NumbersPage {
    groups: Vec<NumberGroup>,
    total: usize,
    /// Figures past [`list_cap`], counted rather than listed.
    hidden: usize,
}

/// How many items `/announcements/` and `/numbers/` list before they only
/// count the rest: a 10,000-session site has hundreds of thousands of
/// figures, and one page of them would be hundreds of megabytes. Everything
/// is still in `data/site.json`.
fn list_cap(site: &Site) -> usize {
    site.config.max_mentions_per_page.saturating_mul(5)
}

pub(super) fn has_announcements(theme: &Theme) -> bool {
    theme.has_template("announcements.html")
}

pub(super) fn has_numbers(site: &Site, theme: &Theme) -> bool {
    theme.has_template("numbers.html") && site.info.iter().any(|i| !i.numbers.is_empty())
}

pub(super) fn announcements_output(
    site: &Site,
    theme: &Theme,
    common: &Common,
) -> Option<anyhow::Result<Output>> {
    has_announcements(theme).then(|| {
        render_page(
            theme,
            common,
            "announcements.html",
            "/announcements/",
            &announcements_page(site, theme.strings()),
        )
    })
}

pub(super) fn numbers_output(
    site: &Site,
    theme: &Theme,
    common: &Common,
) -> Option<anyhow::Result<Output>> {
    has_numbers(site, theme).then(|| {
        render_page(
            theme,
            common,
            "numbers.html",
            "/numbers/",
            &numbers_page(site),
        )
    })
}

fn announcements_page(site: &Site, strings: &Strings) -> AnnouncementsPage {
    let mut groups: Vec<AnnouncementGroup> = Vec::new();
    let cap = list_cap(site);
    for a in site.announcements.iter().take(cap) {
        if groups
            .last()
            .is_none_or(|g| g.session.url != session_url(&site.sessions[a.session]))
        {
            groups.push(AnnouncementGroup {
                session: session_link(site, a.session),
                items: Vec::new(),
            });
        }
        groups
            .last_mut()
            .expect("pushed above")
            .items
            .push(announcement_view(site, a, strings));
    }
    AnnouncementsPage {
        total: site.announcements.len(),
        hidden: site.announcements.len().saturating_sub(cap),
        groups,
    }
}

fn numbers_page(site: &Site) -> NumbersPage {
    let total: usize = site.info.iter().map(|info| info.numbers.len()).sum();
    let cap = list_cap(site);
    let mut left = cap;
    let groups = site
        .info
        .iter()
        .enumerate()
        .filter(|(_, info)| !info.numbers.is_empty())
        .map_while(|(i, info)| {
            if left == 0 {
                return None;
            }
            let s = &site.sessions[i];
            let shown = info.numbers.len().min(left);
            left -= shown;
            Some(NumberGroup {
                session: session_link(site, i),
                numbers: sentences(&info.numbers[..shown])
                    .map(|said| sentence_view(s, said))
                    .collect(),
            })
        })
        .collect();
    NumbersPage {
        groups,
        total,
        hidden: total.saturating_sub(cap),
    }
}

/// `numbers` cut where the sentence (or the moment it was said) changes.
fn sentences(numbers: &[KeyNumber]) -> impl Iterator<Item = &[KeyNumber]> {
    numbers.chunk_by(KeyNumber::said_with)
}

fn sentence_view(s: &Session, said: &[KeyNumber]) -> SentenceView {
    let excerpt = &said[0].excerpt;
    let href = deep_link(s, said[0].anchor.as_deref());
    // Each figure where it is written, after the one before it.
    let mut from = 0;
    let mut ranges = Vec::with_capacity(said.len());
    for n in said {
        if let Some(a) = excerpt.get(from..).and_then(|rest| rest.find(&n.text)) {
            ranges.push((from + a, from + a + n.text.len()));
            from += a + n.text.len();
        }
    }
    SentenceView {
        figures: said
            .iter()
            .map(|n| FigureView {
                text: n.text.clone(),
                kind: n.kind,
            })
            .collect(),
        excerpt: highlighted_all(excerpt, &ranges),
        href,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_page_lists_up_to_the_cap_and_counts_the_rest() {
        use crate::config::SiteConfig;
        use crate::enrich::{enrich, Catalog};
        use crate::parse::{recap::parse_recap, Corpus};
        let recap = "# Conf 2025 分会场总结：测试\n\n## 会议概述\n\n\
            收入增长 35%，用户 120 万，延迟降至 20 毫秒，成本降低 40%，效率提升 3 倍，\
            客户 500 家，模型 12 款，区域 30 个。\n\n## 时间线\n\n00:00 - 01:00 - 开场\n- 欢迎\n";
        let corpus = Corpus {
            sessions: vec![parse_recap("a.txt", recap).session],
            ..Default::default()
        };
        let config = SiteConfig {
            max_mentions_per_page: 1,
            ..SiteConfig::default()
        };
        let site = enrich(corpus, Catalog::default(), config);
        let page = numbers_page(&site);
        let shown: usize = page
            .groups
            .iter()
            .flat_map(|g| &g.numbers)
            .map(|said| said.figures.len())
            .sum();
        assert!(page.total > 5, "the recap has more figures than the cap");
        assert_eq!(shown, 5);
        assert_eq!(page.hidden, page.total - 5);
    }

    #[test]
    fn figures_of_one_sentence_are_listed_with_it_once() {
        use crate::config::SiteConfig;
        use crate::enrich::{enrich, Catalog};
        use crate::parse::{recap::parse_recap, Corpus};
        let recap = "# Conf 2025 分会场总结：测试\n\n## 会议概述\n\n\
            占全球企业总数的98%，雇佣全球67%的劳动力。另有 30 家客户。\n";
        let corpus = Corpus {
            sessions: vec![parse_recap("a.txt", recap).session],
            ..Default::default()
        };
        let site = enrich(corpus, Catalog::default(), SiteConfig::default());
        let page = numbers_page(&site);
        let said = &page.groups[0].numbers;
        let figures: Vec<Vec<&str>> = said
            .iter()
            .map(|s| s.figures.iter().map(|f| f.text.as_str()).collect())
            .collect();
        assert_eq!(figures, [vec!["98%", "67%"], vec!["30 家"]]);
        assert_eq!(
            said[0].excerpt,
            "占全球企业总数的<mark>98%</mark>，雇佣全球<mark>67%</mark>的劳动力。"
        );
    }
}
