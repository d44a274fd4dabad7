use super::*;

#[test]
fn the_name_is_marked_and_the_rest_escaped() {
    let text = "<b>A&B</b> 发布 Amazon Bedrock。";
    let at = text.find("Amazon").unwrap();
    assert_eq!(
        highlighted(text, (at, at + "Amazon Bedrock".len())),
        "&lt;b&gt;A&amp;B&lt;/b&gt; 发布 <mark>Amazon Bedrock</mark>。"
    );
    assert_eq!(highlighted("a<b", (1, 2)), "a<mark>&lt;</mark>b");
    // Ranges that are empty, past the end or inside a character: no mark.
    for range in [(1, 1), (0, 99), (1, 2)] {
        assert_eq!(highlighted("发<", range), escape("发<"));
    }
}

#[test]
fn highlight_escapes_and_marks() {
    assert_eq!(
        highlighted("用 <Bedrock> & Kiro", (4, 13)),
        "用 <mark>&lt;Bedrock&gt;</mark> &amp; Kiro"
    );
    assert_eq!(highlighted("abc", (2, 9)), "abc");
}

#[test]
fn an_entity_page_lists_launches_up_to_the_cap_and_counts_the_rest() {
    use crate::config::SiteConfig;
    use crate::enrich::{enrich, Catalog};
    use crate::parse::{recap::parse_recap, Corpus};
    let sessions = (0..3)
        .map(|n| {
            let text = format!("# 大会：第{n}场\n\n## 时间线\n00:00 - 发布 Amazon Bedrock\n");
            parse_recap(&format!("{n}.txt"), &text).session
        })
        .collect();
    let catalog = Catalog::parse(
        "[[product]]\nname = \"Amazon Bedrock\"\nkind = \"service\"\ndescription = \"d\"\n",
        "catalog.toml",
    );
    let config = SiteConfig {
        max_mentions_per_page: 2,
        ..SiteConfig::default()
    };
    let site = enrich(
        Corpus {
            sessions,
            ..Default::default()
        },
        catalog,
        config,
    );
    let bedrock = site
        .entities
        .iter()
        .position(|e| e.name == "Amazon Bedrock")
        .unwrap();
    let page = entity_page(
        &site,
        &EntityIndex::new(&site),
        bedrock,
        &Strings::builtin("zh-CN"),
    );
    assert_eq!(page.announcements.len(), 2);
    assert_eq!(page.hidden_announcements, 1);
    assert_eq!(page.hidden_mentions, 1);
}

#[test]
fn several_figures_of_a_sentence_are_each_marked() {
    let text = "占 98%，雇佣 67% <的> 劳动力";
    let a = text.find("98%").unwrap();
    let b = text.find("67%").unwrap();
    assert_eq!(
        highlighted_all(text, &[(a, a + 3), (b, b + 3)]),
        "占 <mark>98%</mark>，雇佣 <mark>67%</mark> &lt;的&gt; 劳动力"
    );
    // Out of order, overlapping or off a character: left plain, escaped.
    assert_eq!(
        highlighted_all(text, &[(b, b + 3), (a, a + 3)]),
        escape(text)
    );
    assert_eq!(
        highlighted_all(text, &[(a, b + 1), (b, b + 3)]),
        escape(text)
    );
    assert_eq!(highlighted_all(text, &[(1, 2)]), escape(text));
    assert_eq!(highlighted_all(text, &[]), escape(text));
}
