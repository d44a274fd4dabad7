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
        text: text.into(),
        depth,
        prose: false,
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
    let tree = point_tree(input, &Clock::offsets(), &|_| None);
    assert_eq!(tree.len(), 2);
    assert_eq!(tree[0].children.len(), 2);
    assert_eq!(tree[0].children[0].children[0].text, "a1x");
    assert_eq!(tree[1].children[0].text, "b-deep");
}
