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
        };
        assert_eq!(story_role_of(&u, &mut words), MentionRole::CustomerStory);
    }
}
