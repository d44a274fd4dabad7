use super::*;

#[test]
fn video_links_per_host() {
    assert_eq!(
        video_at("https://www.youtube.com/watch?v=abc", 75),
        "https://www.youtube.com/watch?v=abc&t=75s"
    );
    assert_eq!(
        video_at("https://youtu.be/abc", 75),
        "https://youtu.be/abc?t=75"
    );
    assert_eq!(
        video_at("https://cdn.example.org/talk.mp4#x", 75),
        "https://cdn.example.org/talk.mp4#t=75"
    );
}

#[test]
fn points_nest_by_depth() {
    let p = |depth, text: &str| Point {
        time: None,
        end: None,
        text: text.into(),
        depth,
        prose: false,
        quote: false,
        line: 1,
    };
    let pts = [
        p(0, "a"),
        p(1, "a1"),
        p(2, "a1x"),
        p(1, "a2"),
        p(0, "b"),
        p(3, "b-deep"),
    ];
    let input = pts.iter().map(|x| (x, x.text.clone(), None)).collect();
    let tree = point_tree(
        input,
        &Clock::offsets(),
        &|_| None,
        &Strings::builtin("zh-CN"),
    );
    assert_eq!(tree.len(), 2);
    assert_eq!(tree[0].children.len(), 2);
    assert_eq!(tree[0].children[0].children[0].text, "a1x");
    assert_eq!(tree[1].children[0].text, "b-deep");
}

fn figure(text: &str, kind: &'static str, excerpt: &str, anchor: Option<&str>) -> KeyNumber {
    KeyNumber {
        text: text.to_string(),
        value: 1.0,
        unit: "",
        magnitude: "",
        excerpt: excerpt.into(),
        anchor: anchor.map(Into::into),
        kind,
        scaled: 1.0,
        from: None,
        line: 1,
    }
}

#[test]
fn figures_of_one_sentence_are_listed_with_it_once() {
    let numbers = [
        figure("56%", "percent", "56% 的企业，86% 的团队", None),
        figure("86%", "percent", "56% 的企业，86% 的团队", None),
        figure("48 万", "count", "48 万用户", Some("t-1m00s")),
        figure("3 个", "count", "48 万用户", Some("t-2m00s")),
    ];
    let numbers: Vec<&KeyNumber> = numbers.iter().collect();
    let groups = group_numbers(&numbers);
    let shown: Vec<(Vec<&str>, &str, Option<&str>)> = groups
        .iter()
        .map(|g| (g.figures.clone(), g.excerpt, g.href.as_deref()))
        .collect();
    assert_eq!(
        shown,
        [
            (vec!["56%", "86%"], "56% 的企业，86% 的团队", None),
            (vec!["48 万"], "48 万用户", Some("#t-1m00s")),
            (vec!["3 个"], "48 万用户", Some("#t-2m00s")),
        ]
    );
}

#[test]
fn key_numbers_are_the_telling_few_in_the_order_said() {
    let mut numbers: Vec<KeyNumber> = (0..20)
        .map(|i| figure(&format!("{i} 个"), "count", "s", None))
        .collect();
    numbers[15].kind = "money";
    numbers[3].kind = "percent";
    let key = key_numbers(&numbers, 200);
    assert_eq!(key.len(), KEY_NUMBERS);
    assert!(key.contains(&15) && key.contains(&3), "{key:?}");
    assert!(
        key.windows(2).all(|w| w[0] < w[1]),
        "in the order said: {key:?}"
    );
    assert_eq!(key_numbers(&numbers, 2), [3, 15]);
}

#[test]
fn a_figure_said_again_is_a_key_figure_once() {
    let numbers = [
        figure("92%", "percent", "概述：92% 的组织", None),
        figure("75%", "percent", "概述：75% 缺人才", None),
        figure("92%", "percent", "时间线：92% 的组织", Some("t-1m00s")),
        figure("3 个", "count", "3 个步骤", Some("t-2m00s")),
    ];
    assert_eq!(key_numbers(&numbers, 200), [0, 1, 3]);
}
