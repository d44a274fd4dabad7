use super::*;

#[test]
fn lines_are_respelled_into_shapes_the_timeline_takes() {
    for (written, read) in [
        ("00 : 00 开场", "00:00 开场"),
        ("１２：３０ 开场", "12：30 开场"),
        ("- ０５：３０ - 增长１５％", "- 05：30 - 增长１５％"),
        ("第５分钟 开场", "5:00 开场"),
        ("第 １２ 分钟：演示", "12:00：演示"),
        ("开场（０-５分钟）", "开场（0:00-5:00）"),
        ("下午２：００ 开场", "下午2：00 开场"),
        ("０５ ： ３０ 第２部分", "05：30 第２部分"),
        ("- 00 ：00 - 05 : 30 开场", "- 00：00 - 05:30 开场"),
        ("1 : 05 : 00 演示", "1:05:00 演示"),
        ("第5分钟 开场", "5:00 开场"),
        ("- 第 12 分钟：演示", "- 12:00：演示"),
        ("第120分 问答", "120:00 问答"),
        ("开场（0-5分钟）", "开场（0:00-5:00）"),
        ("演示 (第5~20分钟)", "演示 (5:00-20:00)"),
        ("0-5 min：开场", "0:00-5:00：开场"),
        ("T+05:00 开场", "05:00 开场"),
        ("5'30\" 开场", "5:30 开场"),
        ("- 5′30″ - 8′10″ 演示", "- 5:30 - 8:10 演示"),
        ("12'05 问答", "12:05 问答"),
        ("`00:00` 开场", "00:00 开场"),
        ("约05:30 演示", "05:30 演示"),
        ("<05:30> 演示", "[05:30] 演示"),
        ("- 「05:30 - 08:00」演示", "- [05:30 - 08:00]演示"),
        ("《1:05:00》问答", "[1:05:00]问答"),
        ("{08:00} 演示", "[08:00] 演示"),
        ("`[10:00]` 演示", "[10:00] 演示"),
        ("`<10:00>` 演示", "[10:00] 演示"),
        ("１２：３０》 开场", "12：30》 开场"),
        ("- 大约 1:05:00 问答", "- 1:05:00 问答"),
        ("~05:30 演示", "05:30 演示"),
        ("- *05:30 - 08:00* 演示", "- 05:30 - 08:00 演示"),
        ("_1:05:00_ 问答", "1:05:00 问答"),
        ("- t+1:05:00 问答", "- 1:05:00 问答"),
        ("开场 — 05:00", "05:00 开场"),
        (
            "- 客户案例：Adidas - 05:00-08:00",
            "- 05:00-08:00 客户案例：Adidas",
        ),
        ("【开场】00:00-05:00", "00:00-05:00 开场"),
        (
            "**第一部分：开场（00:00-05:00）**",
            "第一部分：开场（00:00-05:00）",
        ),
    ] {
        assert_eq!(respelled(written).as_deref(), Some(read), "{written}");
    }
}

#[test]
fn lines_in_shapes_already_taken_or_prose_are_left_alone() {
    for line in [
        "00:00 开场",
        "00:00 - 05:00",
        "00:00 - 05:00 开场",
        "比例 3 : 1",
        "第五分钟 开场",
        "第5章 开场",
        "增长１５％，共２０家",
        "１２３４",
        "5'9 的身高",
        "约5成的客户",
        "12′ 长",
        "演示持续了 5-10 分钟，效果很好",
        "本部分（约5-10分钟）",
        "**要点**",
        "Q&A - 45",
        "《2025 年度报告》发布",
        "<5 个要点>",
        "「12」号展台",
    ] {
        assert_eq!(respelled(line), None, "{line}");
    }
}

#[test]
fn a_time_written_as_a_link_to_the_video_is_a_time_and_a_video() {
    let (line, url) =
        unlinked_time("- [05:30](https://www.youtube.com/watch?v=abc&t=330s) 演示").unwrap();
    assert_eq!(line, "- 05:30 演示");
    assert_eq!(url, "https://www.youtube.com/watch?v=abc&t=330s");
    assert_eq!(without_moment(url), "https://www.youtube.com/watch?v=abc");
    assert_eq!(
        unlinked_time("**[00:00 - 05:30](https://youtu.be/abc?t=0)** 开场")
            .unwrap()
            .0,
        "**00:00 - 05:30** 开场"
    );
    assert_eq!(
        without_moment("https://youtu.be/abc?t=0"),
        "https://youtu.be/abc"
    );
    assert_eq!(
        without_moment("https://v.example/a.mp4#t=75"),
        "https://v.example/a.mp4"
    );
    assert_eq!(
        without_moment("https://www.bilibili.com/video/BV1x?p=2&t=75"),
        "https://www.bilibili.com/video/BV1x?p=2"
    );
    for line in [
        "[官网](https://aws.amazon.com) 介绍",
        "[00:00](javascript:alert(1)) 开场",
        "[00:00](./local.mp4) 开场",
        "开场 [00:00](https://youtu.be/abc)",
    ] {
        assert_eq!(unlinked_time(line), None, "{line}");
    }
}
