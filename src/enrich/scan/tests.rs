use super::*;

fn role(section: Option<&str>, text: &str) -> MentionRole {
    let u = Unit {
        text: text.into(),
        shown: text,
        line: 1,
        place: Place::Entry,
        key: None,
        story: 0,
        anchor: None,
        section,
        then: None,
    };
    story_role_of(&u, &mut SectionWords::default())
}

#[test]
fn story_words_count_in_the_label_the_text_and_across_the_two() {
    use MentionRole::*;
    assert_eq!(role(None, "与 Acme 一起"), Mentioned);
    assert_eq!(role(Some("客户案例"), "Acme 上线"), CustomerStory);
    assert_eq!(role(Some("生态"), "Acme 是 AWS 的 Partner"), Partner);
    assert_eq!(role(Some("合作伙伴"), "Acme Customer 上线"), CustomerStory);
    let long = format!("{}Case", "很长的标题".repeat(100));
    assert_eq!(role(Some(&long), "study：Acme"), CustomerStory);
    assert_eq!(role(Some(&long), "Acme study"), Mentioned);
}

#[test]
fn story_words_need_only_ascii_case() {
    // What `story_words` relies on: lower-casing any other character
    // never gives a letter of the words.
    let letters: Vec<char> = CUSTOMER_WORDS
        .iter()
        .chain(&PARTNER_WORDS)
        .flat_map(|w| w.chars())
        .filter(char::is_ascii)
        .collect();
    for c in (0x80..0x11_0000).filter_map(char::from_u32) {
        assert!(!c.to_lowercase().any(|l| letters.contains(&l)), "{c:?}");
    }
    assert_eq!(
        role(None, "CUSTOMER Stories：Acme"),
        MentionRole::CustomerStory
    );
    assert_eq!(role(None, "a PaRtNeR of Acme"), MentionRole::Partner);
}

#[test]
fn one_label_serves_every_unit_under_it() {
    let label = "Customer stories".to_string();
    let mut words = SectionWords::default();
    for text in ["Acme", "Beta", "Gamma"] {
        let u = Unit {
            text: text.into(),
            shown: text,
            line: 1,
            place: Place::Point(1),
            key: None,
            story: 0,
            anchor: None,
            section: Some(&label),
            then: None,
        };
        assert_eq!(story_role_of(&u, &mut words), MentionRole::CustomerStory);
    }
}

#[test]
fn a_section_label_in_traditional_chinese_says_customer_or_partner() {
    assert_eq!(
        role(Some("客戶案例"), "Acme 上線"),
        MentionRole::CustomerStory
    );
    assert_eq!(role(Some("合作夥伴生態"), "Acme"), MentionRole::Partner);
}

/// `recap` parsed and enriched with the sample catalog.
fn enriched(recap: &str) -> crate::enrich::Site {
    let parsed = crate::parse::recap::parse_recap("a.md", recap);
    let corpus = crate::parse::assemble(
        Vec::new(),
        vec![(Some(parsed.session), parsed.diagnostics)],
        Vec::new(),
    );
    let catalog = crate::enrich::Catalog::load("content".as_ref()).unwrap();
    crate::enrich::enrich(corpus, catalog, crate::config::SiteConfig::default())
}

/// A recap in traditional Chinese: its launches, key figures and
/// speakers are found as in simplified Chinese, and shown as written.
const TRADITIONAL: &str = "# 分會場總結：生成式 AI\n\n## 會議概述\n\
    講者：王小明，首席架構師\n\n本場吸引了 5 萬名參會者，AWS 發佈了 Amazon Nova 2。\n\n\
    ## 詳細時間線\n00:00 - 開場\n- 客戶累計投入 3 億美元，延遲從 10 秒降至 2 秒\n- 宣佈 Amazon Bedrock 新功能\n";

#[test]
fn a_launch_in_traditional_chinese_is_a_launch_with_its_word_as_written() {
    let site = enriched(TRADITIONAL);
    let launches: Vec<(&str, &str)> = site
        .announcements
        .iter()
        .map(|a| (site.entities[a.entity].name.as_str(), a.verb.as_str()))
        .collect();
    assert_eq!(
        launches,
        [("Amazon Nova 2", "發佈"), ("Amazon Bedrock", "宣佈")]
    );
    assert!(site.announcements[0]
        .excerpt
        .contains("發佈了 Amazon Nova 2"));
}

#[test]
fn figures_in_traditional_chinese_are_key_figures_as_written() {
    let site = enriched(TRADITIONAL);
    let figures: Vec<(&str, f64, &str, Option<&str>)> = site.info[0]
        .numbers
        .iter()
        .map(|n| (n.text.as_str(), n.scaled, n.kind, n.from.as_deref()))
        .collect();
    assert_eq!(
        figures,
        [
            ("5 萬名", 50_000.0, "count", None),
            ("3 億美元", 3e8, "money", None),
            ("從 10 秒降至 2 秒", 2.0, "change", Some("10 秒")),
        ]
    );
}

#[test]
fn a_speaker_labelled_in_traditional_chinese_is_a_speaker_as_written() {
    let site = enriched(TRADITIONAL);
    let speakers: Vec<(&str, Option<&str>)> = site.sessions[0]
        .speakers
        .iter()
        .map(|s| (s.name.as_str(), s.role.as_deref()))
        .collect();
    assert_eq!(speakers, [("王小明", Some("首席架構師"))]);
}
