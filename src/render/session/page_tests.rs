use super::*;
use crate::config::SiteConfig;
use crate::enrich::{enrich, Catalog, Link, SessionLinks};
use crate::parse::{recap::parse_recap, Corpus};

fn site(text: &str) -> Site {
    let session = parse_recap("a.txt", text).session;
    let corpus = Corpus {
        sessions: vec![session],
        ..Default::default()
    };
    enrich(corpus, Catalog::default(), SiteConfig::default())
}

#[test]
fn bar_covers_sections_in_proportion() {
    let site = site(
        "# T\n\n## 时间线\n\n### 甲 (00:00 - 10:00)\n- **00:00** - a\n- **05:00** - b\n\n\
             ### 乙 (10:00 - 30:00)\n- **10:00** - c\n\n### 丙 [30:00 - 结束]\n- **30:00** - d\n",
    );
    let page = page(&site, 0, &Strings::builtin("zh-CN"), true);
    let bar = &page.session.bar;
    assert_eq!(bar.len(), 3);
    assert_eq!(bar[0].href, "#t-0m00s");
    assert_eq!(bar[1].href, "#t-10m00s");
    let width = |s: &Segment| s.width.parse::<f64>().unwrap();
    assert!((width(&bar[1]) - 2.0 * width(&bar[0])).abs() < 0.01);
    assert!(
        bar[0].title.starts_with("甲 · 00:00 – 10:00"),
        "{}",
        bar[0].title
    );
    // The last part runs to an untimed end: shown, and labelled as such.
    assert!(width(&bar[2]) > 0.0);
    assert_eq!(page.session.bar_end.as_deref(), Some("结束"));
    assert_eq!(page.session.toc.len(), 3);
}

#[test]
fn an_entry_without_text_is_named_by_its_first_point() {
    let site = site(
        "# T\n\n## 时间线\n\n00:00 开场\n- 问候\n\n05:00\n- **感谢听众参与和提问环节的所有朋友们**\n",
    );
    let page = page(&site, 0, &Strings::builtin("zh-CN"), true);
    let toc = &page.session.toc;
    assert_eq!(toc.len(), 2);
    assert_eq!(toc[1].label, "感谢听众参与和提问环节的所有朋…");
    let bar = &page.session.bar;
    assert!(bar[1].title.starts_with("感谢听众参与"), "{}", bar[1].title);
}

#[test]
fn entry_text_gets_its_links_and_sections_their_ids() {
    let mut site = site(
            "# T\n\n## 时间线\n\n### 开场\n[00:00 - 01:00]\n- 开场白\n\n### 第二节\n[01:00 - 02:00]\n- 用 Amazon Bedrock <b>\n",
        );
    // The second section's entry is entry 1 of the session.
    let text = &site.sessions[0].timeline[1].entries[0].points[0].text;
    let start = text.find("Amazon").unwrap();
    site.links[0] = std::sync::Arc::new(SessionLinks::new(vec![(
        TextKey::Point {
            session: 0,
            entry: 1,
            point: 0,
        },
        Link {
            start,
            end: start + 14,
            url: "/products/amazon-bedrock/".into(),
            title: "Amazon Bedrock".into(),
        },
    )]));
    let page = page(&site, 0, &Strings::builtin("zh-CN"), true);
    assert_eq!(
        page.session.sections.as_ref().unwrap()[0].entries[0].points[0].text,
        "开场白"
    );
    let entry = &page.session.sections.as_ref().unwrap()[1].entries[0];
    assert_eq!(entry.anchor, "t-1m00s");
    assert_eq!(
        entry.points[0].text,
        // No title: it would only repeat the link's text.
        "用 <a href=\"/products/amazon-bedrock/\">Amazon Bedrock</a> &lt;b&gt;"
    );
    assert!(entry.repeats_heading);
    assert_eq!(
        page.session.sections.as_ref().unwrap()[1].time_id,
        None,
        "the entry already has t-1m00s"
    );
}
