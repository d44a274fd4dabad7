//! The recap parser on the shapes recaps come in, and on what it must
//! report.

use super::*;

#[test]
fn flat_start_only() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 详细时间线\n00:00:00 - 开场\n- 一\n- 二\n00:01:15 - 下一步\n",
    );
    let s = &r.session;
    assert_eq!(s.timeline.len(), 1);
    let e: Vec<_> = s.entries().collect();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].points.len(), 2);
    assert_eq!(e[1].start, Some(75));
    assert_eq!(e[1].anchor, "t-1m15s");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// A nested bullet that starts with a time (or a range) has it as its
/// own, and its text is what follows (the page shows the time beside it,
/// not twice); with nothing after the time, the text stays whole.
#[test]
fn a_nested_bullet_keeps_its_time_apart_from_its_text() {
    let r = parse_recap(
        "a.txt",
        "## 时间线\n- **00:00** - 开场\n  - 01:30 - 第一个要点\n  - **02:10** 第二个要点\n  \
         - 02:30 - 03:00 一段时间\n  - 03:10\n  - 04:00 - 结束 收尾\n  - 没有时间\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    let points: Vec<_> = e[0]
        .points
        .iter()
        .map(|p| (p.time, p.end, p.text.as_str()))
        .collect();
    assert_eq!(
        points,
        [
            (Some(90), None, "第一个要点"),
            (Some(130), None, "第二个要点"),
            (Some(150), Some(End::At(180)), "一段时间"),
            (Some(190), None, "03:10"),
            (Some(240), Some(End::Close), "收尾"),
            (None, None, "没有时间"),
        ]
    );
    // In the other spellings an entry's time may have.
    let r = parse_recap(
        "a.txt",
        "## 时间线\n- 00:00 开场\n  - `01:30` 代码里\n  - *02:10* 斜体\n  - ０２：３０ 全角\n  \
         - 第3分钟 整分\n  - 3'20\" 撇号\n  - [04:00](https://youtu.be/v?t=240) 链接\n  - 第２部分\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    let points: Vec<_> = e[0]
        .points
        .iter()
        .map(|p| (p.time, p.text.as_str()))
        .collect();
    assert_eq!(
        points,
        [
            (Some(90), "代码里"),
            (Some(130), "斜体"),
            (Some(150), "全角"),
            (Some(180), "整分"),
            (Some(200), "撇号"),
            (Some(240), "链接"),
            (None, "第２部分"),
        ]
    );
    assert_eq!(r.session.video_url.as_deref(), Some("https://youtu.be/v"));
}

#[test]
fn start_end_and_close() {
    let r = parse_recap(
        "a.txt",
        "## 时间线\n0:00-1:30 - 开场\n42:00 - 结束 - 回顾\n50:00 - 结束\n55:00 结束\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e[0].end, Some(End::At(90)));
    assert_eq!(e[0].text, "开场");
    assert_eq!(e[1].end, Some(End::Close));
    assert_eq!(e[1].text, "回顾");
    // The end word alone says what happened then: the talk ended.
    assert_eq!((e[2].end, e[2].text.as_str()), (None, "结束"));
    assert_eq!((e[3].end, e[3].text.as_str()), (None, "结束"));
}

#[test]
fn end_word_glued_to_text_is_text() {
    let r = parse_recap("a.txt", "## 时间线\n00:21:30 - 结束语\n");
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e[0].end, None);
    assert_eq!(e[0].text, "结束语");
}

#[test]
fn an_end_word_alone_after_other_entries_names_the_entry() {
    // `00:28:00 - 结尾` closes a timeline of entries: it names the closing
    // part, as `00:00:00 - 开场` names the first (and the table of
    // contents has a label for it).
    let r = parse_recap(
        "a.txt",
        "## 时间线\n00:00:00 - 开场\n- 问候\n00:28:00 - 结尾\n- 感谢听众参与\n[00:30:00 - End]\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 3, "{e:#?}");
    assert_eq!(e[1].start, Some(1680));
    assert_eq!((e[1].end, e[1].text.as_str()), (None, "结尾"));
    assert_eq!(e[1].points.len(), 1);
    assert_eq!(e[2].text, "End");
}

#[test]
fn heading_then_bracket_range() {
    let r = parse_recap(
        "a.txt",
        "## 时间线\n### 开场\n[00:00 - 05:30]\n- 点\n### 结尾\n[1:35:00 - 结束]\n- 完\n",
    );
    let t = &r.session.timeline;
    assert_eq!(t.len(), 2);
    assert_eq!(t[0].start, Some(0));
    assert_eq!(t[0].entries[0].text, "开场");
    assert_eq!(t[0].entries[0].points.len(), 1);
    assert_eq!(t[1].end, Some(End::Close));
    assert_eq!(t[1].entries[0].start, Some(5700));
}

#[test]
fn heading_with_range_and_timed_bullets() {
    let r = parse_recap(
        "a.txt",
        "## 时间线\n### 开场介绍 (00:00 - 03:30)\n- **00:00** - 甲\n- **01:15** - 乙\n",
    );
    let t = &r.session.timeline;
    assert_eq!(t[0].heading.as_deref(), Some("开场介绍"));
    assert_eq!(t[0].end, Some(End::At(210)));
    assert_eq!(t[0].entries.len(), 2);
    assert_eq!(t[0].entries[1].text, "乙");
}

#[test]
fn heading_range_then_plain_bullets() {
    let r = parse_recap("a.txt", "# T\n## 时间线\n### 开场 [00:00 - 01:00]\n- 点\n");
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].start, e[0].text.as_str()), (Some(0), "开场"));
    assert_eq!(e[0].anchor, "t-0m00s");
    assert_eq!(e[0].points[0].text, "点");
}

/// Shapes beyond the samples': each reads as two entries at 0:00 and
/// 5:30, each holding its bullet, with nothing to warn about.
#[test]
fn more_timeline_shapes() {
    let shapes = [
        "## 00:00 开场\n- 甲\n## 05:30 主题\n- 乙\n",
        "## 开场 (00:00 - 05:30)\n- 甲\n## 主题 (05:30 - 10:00)\n- 乙\n",
        "## 时间线\n### 00:00 开场\n- 甲\n### 05:30 主题\n- 乙\n",
        "## 时间线\n### [00:00] 开场\n- 甲\n### [05:30] 主题\n- 乙\n",
        "## 时间线\n#### 00:00 - 05:30 开场\n- 甲\n#### 05:30 - 10:00 主题\n- 乙\n",
        "## 时间线\n1. 00:00 - 开场\n   - 甲\n2. 05:30 - 主题\n   - 乙\n",
        "## 时间线\n00:00｜开场\n- 甲\n05:30｜主题\n- 乙\n",
        "## 时间线\n00:00:00.000 - 开场\n- 甲\n00:05:30,000 - 主题\n- 乙\n",
        "## 时间线\n| 时间 | 内容 | 要点 |\n|---|---|---|\n| 00:00 | 开场 | 甲 |\n| 05:30 | 主题 | 乙 |\n",
        "## 议程\n| 时间 | 内容 |\n| :-: | --- |\n| 00:00 - 05:30 | 开场<br>甲 |\n| 05:30 - 10:00 | 主题<br/>乙 |\n",
        "## 时间线\n0分0秒 - 开场\n- 甲\n5分30秒 - 主题\n- 乙\n",
        "## 时间线\n【0分0秒】开场\n- 甲\n【5分30秒】主题\n- 乙\n",
        "## 时间线\n[00:00]\n开场\n- 甲\n\n[05:30]\n主题\n- 乙\n",
        "## 时间线\n#### 00:00\n开场\n- 甲\n#### 05:30\n主题\n- 乙\n",
        "## 时间线\n> 00:00 - 开场\n> - 甲\n> 05:30 - 主题\n> - 乙\n",
        "## 时间线\n⏱ 00:00 开场\n- 甲\n🕐\u{FE0F} 05:30 - 主题\n- 乙\n",
        "## 时间线\n**00:00 - 05:30 开场**\n- 甲\n**05:30 - 10:00 主题**\n- 乙\n",
        "## 时间线\n00:00 — 开场\n— 甲\n05:30 — 主题\n— 乙\n",
        "## 时间线\n- 开场 (00:00)\n  - 甲\n- 主题（05:30）\n  - 乙\n",
        "## 时间线\n开场 (00:00 - 05:30)\n- 甲\n主题 (05:30 - 10:00)\n- 乙\n",
        "## Timeline\n0m00s - 开场\n- 甲\n5m30s - 主题\n- 乙\n",
        "## 时间线\n00:00 - 开场\n- 甲\n\n---\n\n05:30 - 主题\n- 乙\n",
        "## 时间线\n### 开场 (00:00 - 05:30)\n- 甲\n\n***\n\n### 主题 (05:30 - 10:00)\n- 乙\n",
        "##时间线\n00:00 - 开场\n- 甲\n05:30 - 主题\n- 乙\n",
        "## ⏱️ 时间线 ##\n00:00 - 开场\n- 甲\n05:30 - 主题\n- 乙\n",
        // Full-width digits, as an input method in full-width mode types them.
        "## 时间线\n００：００ - 开场\n- 甲\n０５：３０ - 主题\n- 乙\n",
        "## 时间线\n### ００:００ 开场\n- 甲\n### ０５:３０ 主题\n- 乙\n",
        "## 时间线\n- **００：００** - 开场\n  - 甲\n- **０５：３０** - 主题\n  - 乙\n",
        "## 时间线\n| 时间 | 内容 |\n|---|---|\n| ００：００ | 开场<br>甲 |\n| ０５：３０ | 主题<br>乙 |\n",
        "## 时间线\n０分０秒 - 开场\n- 甲\n５分３０秒 - 主题\n- 乙\n",
        "## 时间线\n开场（００：００-０５：３０）\n- 甲\n主题（０５：３０-１０：００）\n- 乙\n",
        "## 时间线\n0'00\" 开场\n- 甲\n5′30″ - 10′00″ 主题\n- 乙\n",
        "## 时间线\n`00:00` 开场\n- 甲\n`05:30` 主题\n- 乙\n",
        "## 时间线\n00:00，开场\n- 甲\n05:30 ▶ 主题\n- 乙\n",
        "## 时间线\n约00:00 开场\n- 甲\n~05:30 主题\n- 乙\n",
        "## 时间线\n| 时间 | 内容 |\n|---|---|\n| `00:00` | 开场<br>甲 |\n| 5'30\" | 主题<br>乙 |\n",
        "## 时间线\n00:00 / 开场\n- 甲\n05:30、主题\n- 乙\n",
        "## 时间线\n- *00:00* 开场\n  - 甲\n- *05:30* 主题\n  - 乙\n",
        "## 时间线\n[00:00](https://youtu.be/v?t=0) 开场\n- 甲\n[05:30](https://youtu.be/v?t=330) 主题\n- 乙\n",
        "## 时间线\n### [00:00](https://youtu.be/v) 开场\n- 甲\n### [05:30](https://youtu.be/v) 主题\n- 乙\n",
    ];
    for shape in shapes {
        let r = parse_recap("a.md", &format!("# T\n## 会议概述\n概述。\n{shape}"));
        let e: Vec<_> = r.session.entries().collect();
        let got: Vec<_> = e
            .iter()
            .map(|e| {
                let points: Vec<&str> = e.points.iter().map(|p| p.text.as_str()).collect();
                (e.start, e.text.as_str(), points)
            })
            .collect();
        assert_eq!(
            got,
            [
                (Some(0), "开场", vec!["甲"]),
                (Some(330), "主题", vec!["乙"])
            ],
            "{shape}"
        );
        assert!(r.diagnostics.is_empty(), "{shape}: {:?}", r.diagnostics);
        assert_eq!(r.session.overview.len(), 1, "{shape}");
    }
}

#[test]
fn a_table_of_facts_before_the_timeline_stays_text() {
    let r = parse_recap(
        "a.md",
        "# T\n| 时间 | 2025-12-02 |\n| 地点 | 拉斯维加斯 |\n\n| 时间 | 内容 |\n|---|---|\n| 00:00 | 开场 |\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!((e.len(), e[0].text.as_str()), (1, "开场"));
    let texts: Vec<&str> = r.session.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(texts, ["| 时间 | 2025-12-02 |\n| 地点 | 拉斯维加斯 |"]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn table_rows_without_a_time_are_kept_and_reported() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n| 时间 | 内容 |\n|---|---|\n| 00:00 | 开场 |\n| 稍后 | 问答 |\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].points[0].text, "| 稍后 | 问答 |");
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].line, Some(6));
}

#[test]
fn unknown_line_is_kept_and_reported() {
    let r = parse_recap("a.txt", "# T\n## 时间线\n00:00 - 开场\n奇怪的一行\n");
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].line, Some(4));
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e[0].points[0].text, "奇怪的一行");
}

#[test]
fn prose_under_a_timeline_heading_is_its_text_without_a_warning() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n#### 00:00 开场\n欢迎大家。\n\n- 要点\n### 演示（05:00-10:00）\n\
         现场演示。\n0:6 问答\n",
    );
    let lines: Vec<_> = r.diagnostics.iter().map(|d| d.line).collect();
    // Only the line that was meant to be timed is reported.
    assert_eq!(lines, [Some(9)], "{:?}", r.diagnostics);
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!((e[0].text.as_str(), e[1].text.as_str()), ("开场", "演示"));
    let points: Vec<_> = e
        .iter()
        .flat_map(|e| &e.points)
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(points, ["欢迎大家。", "要点", "现场演示。", "0:6 问答"]);
    // Prose after an entry of its own line is still a line gone wrong.
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n### 第一部分\n00:00 开场\n奇怪的一行\n",
    );
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].line, Some(5));
}

#[test]
fn footer_themes_and_note() {
    let r = parse_recap("a.txt", "# T\n━━━━━━\n核心主题：A、B、C\n注：备注\n");
    assert_eq!(r.session.key_themes, vec!["A", "B", "C"]);
    assert_eq!(
        r.session.note.as_ref().map(|n| n.text.as_str()),
        Some("备注")
    );
    assert_eq!(r.session.note.as_ref().map(|n| n.line), Some(4));
}

#[test]
fn a_title_in_front_matter_keeps_the_first_line_as_text() {
    let r = parse_recap(
        "a.md",
        "---\ntitle: 前置标题\n---\n**加粗的导语**\n\n## 时间线\n00:00 - 开场\n",
    );
    assert_eq!(r.session.title.full, "前置标题");
    assert_eq!(r.session.overview[0].text, "**加粗的导语**");
    let r = parse_recap("a.md", "**加粗的标题**\n\n## 时间线\n00:00 - 开场\n");
    assert_eq!(r.session.title.full, "加粗的标题");
    assert!(r.session.overview.is_empty());
}

#[test]
fn footers_without_a_rule_or_under_a_heading() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n00:00 - 开场\n关键词：A，B\n注：备注\n",
    );
    assert_eq!(r.session.key_themes, vec!["A", "B"]);
    assert_eq!(
        r.session.note.as_ref().map(|n| n.text.as_str()),
        Some("备注")
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n00:00 - 开场\n## 核心主题\n- A\n- B、C\n## 备注\n一行\n两行\n",
    );
    assert_eq!(r.session.key_themes, vec!["A", "B", "C"]);
    assert_eq!(
        r.session.note.as_ref().map(|n| n.text.as_str()),
        Some("一行\n两行")
    );
}

#[test]
fn impossible_time_warns() {
    let r = parse_recap("a.txt", "## 时间线\n99:99 - 怪\n");
    assert!(r.diagnostics.iter().any(|d| d.message.contains("99:99")));
    assert_eq!(r.session.entries().count(), 1);
}

#[test]
fn duplicate_times_get_distinct_anchors() {
    let r = parse_recap("a.txt", "## 时间线\n00:10 - a\n00:10 - b\n");
    let a: Vec<_> = r.session.entries().map(|e| e.anchor.clone()).collect();
    assert_eq!(a, vec!["t-0m10s", "t-0m10s-2"]);
}

#[test]
fn subtitle_cues_lose_their_numbers_not_their_text() {
    let r = parse_recap(
        "a.srt.txt",
        "# T\n## 时间线\n1\n00:00:01,250 --> 00:00:04,000\n大家好。\n\n2\n00:00:04,500 --> 00:01:10,000\n今天讲 S3。\n\n3\n",
    );
    let got: Vec<_> = r
        .session
        .entries()
        .map(|e| (e.start, e.end, e.text.as_str(), e.points.len()))
        .collect();
    assert_eq!(
        got,
        [
            (Some(1), Some(End::At(4)), "大家好。", 0),
            (Some(4), Some(End::At(70)), "今天讲 S3。", 1)
        ]
    );
    // A number that no cue follows is kept, and reported.
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].line, Some(11));
}

#[test]
fn worded_durations_in_prose_are_not_times() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n00:00 - 开场\n- 5分钟完成部署\n- 1小时02分钟的演示\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].points.len(), 2);
}

#[test]
fn html_comments_are_notes_to_the_writer() {
    let r = parse_recap(
        "a.md",
        "# T\n<!-- 草稿，勿发布 -->\n## 会议概述\n概述。\n<!--\n待补充\n-->\n## 时间线\n00:00 - 开场\n",
    );
    let overview: Vec<&str> = r.session.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(overview, ["概述。"]);
    assert_eq!(r.session.entries().count(), 1);
    let r = parse_recap("a.md", "# T\n<!-- 没有闭合\n## 会议概述\n概述。\n");
    assert_eq!(r.session.overview[0].text, "<!-- 没有闭合");
}

#[test]
fn deeply_quoted_lines_are_read_without_deep_calls() {
    let line = "> ".repeat(200_000) + "00:00 - 开场";
    let r = parse_recap("a.txt", &format!("# T\n## 时间线\n{line}\n"));
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!((e.len(), e[0].text.as_str()), (1, "开场"));
}

#[test]
fn a_quoted_line_under_an_entry_is_a_quotation() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n00:00 - 开场\n> “这是最难的项目” —— 讲者原话\n- 要点\n> 05:00 - 演示\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 2, "a quoted timed line is still an entry");
    let points: Vec<(&str, bool)> = e[0]
        .points
        .iter()
        .map(|p| (p.text.as_str(), p.quote))
        .collect();
    assert_eq!(
        points,
        [("“这是最难的项目” —— 讲者原话", true), ("要点", false)]
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // With no entry to belong to, it is a line not understood.
    let r = parse_recap("a.md", "# T\n## 时间线\n> 引用\n00:00 - 开场\n");
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
}

/// A sentence under an entry's line tells of it; a short line there may
/// be an entry whose time was left out, and is reported.
#[test]
fn a_sentence_under_an_entry_is_its_text() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n(0:00:00) 开场\nSwami 登台，回顾了一年。\n(0:12:30) 发布\n问答环节\n",
    );
    let points: Vec<(&str, bool)> = r.session.timeline[0]
        .entries
        .iter()
        .flat_map(|e| &e.points)
        .map(|p| (p.text.as_str(), p.prose))
        .collect();
    assert_eq!(
        points,
        [("Swami 登台，回顾了一年。", true), ("问答环节", false)]
    );
    assert_eq!(r.diagnostics.len(), 1, "{:?}", r.diagnostics);
    assert_eq!(r.diagnostics[0].line, Some(6), "{:?}", r.diagnostics);
}

#[test]
fn a_deeper_heading_over_bullets_labels_them_inside_the_entry() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n### 第一部分\n00:00 - 开场\n- 要点\n\n#### 细节\n\n- 多区域强一致\n",
    );
    assert_eq!(r.session.timeline.len(), 1, "no section of its own");
    let points: Vec<(&str, bool, usize)> = r.session.timeline[0].entries[0]
        .points
        .iter()
        .map(|p| (p.text.as_str(), p.prose, p.line))
        .collect();
    assert_eq!(
        points,
        [
            ("要点", false, 5),
            ("**细节**", true, 7),
            ("多区域强一致", false, 9)
        ]
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // Over timed lines, or timed itself, or last, it opens a section.
    for text in [
        "# T\n## 时间线\n### 第一部分\n00:00 - 开场\n#### 小节\n05:00 - 演示\n",
        "# T\n## 时间线\n### 第一部分\n00:00 - 开场\n#### 05:00 小节\n- 要点\n",
        "# T\n## 时间线\n### 第一部分\n00:00 - 开场\n#### 小节\n",
    ] {
        let r = parse_recap("a.md", text);
        assert_eq!(r.session.timeline.len(), 2, "{text}");
    }
}

#[test]
fn a_rule_inside_the_overview_is_a_separator_and_before_labels_a_footer() {
    let r = parse_recap(
        "a.md",
        "# T\n## 会议概述\n概述一。\n\n***\n\n概述二。\n## 时间线\n00:00 - 开场\n\n---\n\n核心主题：甲、乙\n感谢观看\n",
    );
    let overview: Vec<&str> = r.session.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(overview, ["概述一。", "概述二。"]);
    assert_eq!(r.session.key_themes, ["甲", "乙"]);
    let extra: Vec<&str> = r.session.extra.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(extra, ["感谢观看"]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn themes_as_hashtags_under_a_decorated_heading_or_in_front_matter() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n00:00 - 开场\n#云存储 #AmazonS3\n## 🎯 核心主题\n- 数据湖\n",
    );
    assert_eq!(r.session.key_themes, ["云存储", "AmazonS3", "数据湖"]);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = parse_recap(
        "a.md",
        "---\nspeaker: 张伟\ntags: [智能体]\n---\n# T\n## 时间线\n00:00 - 开场\n核心主题：别的\n",
    );
    assert_eq!(r.session.key_themes, ["智能体"]);
    assert_eq!(r.session.speakers[0].name, "张伟");
}

#[test]
fn lettered_points_nest_under_numbered_ones() {
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n00:00 - 开场\n1. 第一点\n   a. 子点甲\n   b) 子点乙\n2. 第二点\n",
    );
    let points: Vec<(&str, usize)> = r
        .session
        .entries()
        .flat_map(|e| e.points.iter().map(|p| (p.text.as_str(), p.depth)))
        .collect();
    assert_eq!(
        points,
        [
            ("1. 第一点", 0),
            ("a. 子点甲", 2),
            ("b. 子点乙", 2),
            ("2. 第二点", 0)
        ]
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

#[test]
fn a_section_named_like_a_part_stays_in_the_timeline() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 会议概述\n概述。\n## 详细时间线\n### 开场\n[00:00 - 05:00]\n- 甲\n### 第4步：自动摘要\n[05:00 - 10:00]\n- 乙\n",
    );
    let e: Vec<_> = r.session.entries().map(|e| e.text.as_str()).collect();
    assert_eq!(e, ["开场", "第4步：自动摘要"]);
    assert_eq!(r.session.overview.len(), 1);
}

/// Times written as links to moments of the video (as chapter lists copied
/// from a video site are): the time is read, the link leaves the entry's
/// text, and the video is the session's unless the front matter names one.
#[test]
fn times_linked_to_the_video_give_the_session_its_video() {
    let text = "# T\n## 时间线\n- [00:00](https://www.youtube.com/watch?v=abc&t=0s) 开场\n\
                - [05:30](https://www.youtube.com/watch?v=abc&t=330s) 演示\n";
    let r = parse_recap("a.md", text);
    let e: Vec<_> = r
        .session
        .entries()
        .map(|e| (e.start, e.text.as_str()))
        .collect();
    assert_eq!(e, [(Some(0), "开场"), (Some(330), "演示")]);
    assert_eq!(
        r.session.video_url.as_deref(),
        Some("https://www.youtube.com/watch?v=abc")
    );
    let fronted = format!("---\nvideo_url: https://v.example/talk.mp4\n---\n{text}");
    let r = parse_recap("a.md", &fronted);
    assert_eq!(
        r.session.video_url.as_deref(),
        Some("https://v.example/talk.mp4")
    );
    // A link in the text after the time is the text's.
    let r = parse_recap(
        "a.md",
        "# T\n## 时间线\n00:00 开场，见[官网](https://aws.amazon.com)\n",
    );
    assert_eq!(r.session.video_url, None);
}

/// Lines in a fenced code block are code, whatever they look like: a
/// `##` comment is no heading, a log line's `00:30` no entry. A block is a
/// paragraph of its own in prose and a point of its entry in the
/// timeline, kept as written, indentation and blank lines included.
#[test]
fn fenced_code_is_kept_whole_and_never_read_as_structure() {
    let r = parse_recap(
        "a.txt",
        "# 代码\n\n## 会议概述\n示例：\n\n```python\n## 不是标题\n# 注释\ndef f():\n\n    return 1\n```\n\
         概述结束。\n\n## 详细时间线\n00:00 开场\n- 演示脚本：\n  ```bash\n  ## 仍是注释\n  00:30 这不是条目\n  ```\n\
         01:00 下一段\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.session;
    let overview: Vec<&str> = s.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        overview,
        [
            "示例：",
            "```python\n## 不是标题\n# 注释\ndef f():\n\n    return 1\n```",
            "概述结束。"
        ]
    );
    assert!(s.extra.is_empty());
    let e: Vec<_> = s.entries().collect();
    assert_eq!(e.len(), 2, "{e:?}");
    let points: Vec<&str> = e[0].points.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        points,
        ["演示脚本：", "```bash\n## 仍是注释\n00:30 这不是条目\n```"]
    );
    assert_eq!(e[0].points[1].line, 18);
    assert_eq!(
        e[0].points[1].depth, 1,
        "inside the bullet it is indented under"
    );
    assert!(s.has_code());
}

/// A code block sits inside the bullet it is indented under, at the
/// entry's level when it is not indented.
#[test]
fn a_code_block_nests_under_the_bullet_it_is_indented_under() {
    let r = parse_recap(
        "a.txt",
        "## 时间线\n00:00 开场\n- 要点\n  - 子要点\n    ```\n    a\n    ```\n  ```\n  b\n  ```\n```\nc\n```\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    let depths: Vec<(usize, &str)> = e[0]
        .points
        .iter()
        .map(|p| (p.depth, p.text.as_str()))
        .collect();
    assert_eq!(
        depths,
        [
            (0, "要点"),
            (1, "子要点"),
            (2, "```\na\n```"),
            (1, "```\nb\n```"),
            (0, "```\nc\n```")
        ]
    );
}

#[test]
fn a_code_block_never_closed_runs_to_the_end_with_a_warning() {
    let r = parse_recap(
        "a.txt",
        "# 代码\n\n## 时间线\n00:00 开场\n~~~\n01:00 日志\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].points[0].text, "~~~\n01:00 日志");
    let d = &r.diagnostics[0];
    assert_eq!(d.line, Some(5));
    assert!(d.message.contains("never closed"), "{d:?}");
}

/// A recap typed with the input method in full-width mode: its marks
/// mean what they mean in ASCII, and nothing is reported.
#[test]
fn full_width_marks_read_as_ascii_ones() {
    let r = parse_recap(
        "a.txt",
        "＃ 全角标题会议\n\n＃＃会议概述\n这是概述。\n① 第一点\n② 第二点\n\n＃＃　详细时间线\n\
         －　00:00 开场\n＊ 01:00 演示\n  － 要点\n１） 10:00 问答\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.session;
    assert_eq!(s.title.full, "全角标题会议");
    assert_eq!(s.overview[0].text, "这是概述。\n1. 第一点\n2. 第二点");
    let e: Vec<_> = s.entries().map(|e| (e.start, e.text.as_str())).collect();
    assert_eq!(
        e,
        [(Some(0), "开场"), (Some(60), "演示"), (Some(600), "问答")]
    );
    assert_eq!(s.entries().nth(1).unwrap().points[0].text, "要点");
}

/// Marks note-takers put between a time and its text, invisible characters
/// pasted in with the text, and lists bulleted with shapes or emoji: the
/// entries read as if typed plainly, and nothing is reported.
#[test]
fn separators_invisible_characters_and_emoji_bullets() {
    let r = parse_recap(
        "a.txt",
        "# 会\u{200B}议\n\n## 时间线\n00:00 -- 开场\n02:00 -> 背景\n04:00 => 方案\n\
         06:00 —— 演示\n08:00 ⇒ 问答\n10:00\u{200B} 总结\n✅ 完成了演示\n💡关键点\n▪ 方形要点\n\
         11\u{2060}:\u{FEFF}30 收尾\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.session;
    assert_eq!(s.title.full, "会议");
    let e: Vec<_> = s.entries().map(|e| (e.start, e.text.as_str())).collect();
    assert_eq!(
        e,
        [
            (Some(0), "开场"),
            (Some(120), "背景"),
            (Some(240), "方案"),
            (Some(360), "演示"),
            (Some(480), "问答"),
            (Some(600), "总结"),
            (Some(690), "收尾"),
        ]
    );
    let points: Vec<_> = s
        .entries()
        .nth(5)
        .unwrap()
        .points
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(points, ["✅ 完成了演示", "💡关键点", "方形要点"]);
}

/// Questions from the floor and their answers under an entry (`Q: …`,
/// `A: …`, `问：…`, `答：…`) are its points, reported as nothing odd; a
/// `Q:` with nothing after it, or with no entry to go under, still is.
#[test]
fn questions_and_answers_under_an_entry_are_its_points() {
    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## 时间线\nQ: 太早了\n40:00 问答\nQ: Bedrock 支持哪些模型？\n\
         A: 支持 Amazon Nova 等。\n问2：价格？\n回答：按量计费。\nQ:\n",
    );
    let told: Vec<_> = r.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(told, [Some(4), Some(10)], "{:?}", r.diagnostics);
    let points: Vec<_> = r
        .session
        .entries()
        .find(|e| e.text == "问答")
        .unwrap()
        .points
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        points,
        [
            "Q: Bedrock 支持哪些模型？",
            "A: 支持 Amazon Nova 等。",
            "问2：价格？",
            "回答：按量计费。",
            "Q:"
        ]
    );
}

/// Parts named by a line underlined with `---` or `===` (Markdown's other
/// way to write a heading) are those parts; a sentence over a rule is
/// still the end of a paragraph before the footer.
#[test]
fn parts_may_be_underlined_headings() {
    let r = parse_recap(
        "a.txt",
        "会议标题\n====\n\n会议概述\n--------\n这是概述。\n\n时间线\n------\n00:00 开场\n\
         05:00 演示\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.session;
    assert_eq!(s.title.full, "会议标题");
    let overview: Vec<_> = s.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(overview, ["这是概述。"]);
    let e: Vec<_> = s.entries().map(|e| (e.start, e.text.as_str())).collect();
    assert_eq!(e, [(Some(0), "开场"), (Some(300), "演示")]);
    let r = parse_recap(
        "a.txt",
        "# 标题\n\n## 会议概述\n概述时间线。\n---\n核心主题：A、B\n",
    );
    let overview: Vec<_> = r.session.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(overview, ["概述时间线。"]);
    assert_eq!(r.session.key_themes, ["A", "B"]);
}

/// A recap written in traditional Chinese: its parts, footer labels and
/// session kind are read as in simplified, and kept as written.
#[test]
fn a_recap_in_traditional_chinese_reads_its_parts() {
    let r = parse_recap(
        "a.txt",
        "# AWS re:Invent 2025 分會場總結：生成式 AI 的擴展\n\n## 會議概述\n概述。\n\n\
         ## 詳細時間線\n00:00 - 開場介紹\n\n---\n核心主題：生成式AI、代理\n註：現場筆記\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.session;
    assert_eq!(s.title.kind.as_deref(), Some("分會場"));
    assert_eq!(s.title.topic, "生成式 AI 的擴展");
    assert!(s.extra.is_empty(), "{:?}", s.extra);
    assert_eq!(s.key_themes, ["生成式AI", "代理"]);
    assert_eq!(s.note.as_ref().map(|n| n.text.as_str()), Some("現場筆記"));
    assert_eq!(
        s.entries().next().map(|e| e.text.as_str()),
        Some("開場介紹")
    );
}

/// Two talks written into one file: the second title opens a section of
/// the first's timeline (not a point of its last entry), and the
/// note-taker is told which line and why.
#[test]
fn a_second_title_is_a_section_and_reported() {
    let r = parse_recap(
        "a.txt",
        "# 第一场\n\n## 时间线\n00:00 开场\n05:00 演示\n\n# 第二场\n\n## 时间线\n10:00 问答\n",
    );
    let told: Vec<_> = r.diagnostics.iter().map(|d| (d.line, &d.message)).collect();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].0, Some(7));
    assert!(told[0]
        .1
        .contains("a second title `# 第二场` (the first is on line 1)"));
    let s = &r.session;
    assert_eq!(s.title.full, "第一场");
    let sections: Vec<_> = s
        .timeline
        .iter()
        .map(|sec| sec.heading.as_deref())
        .collect();
    assert_eq!(sections, [None, Some("第二场")]);
    assert!(s.entries().all(|e| e.points.is_empty()));
}

/// `[官方博客]（https://…）`, typed with the input method's parentheses, is
/// the link it was meant to be.
#[test]
fn a_link_typed_with_full_width_parentheses_is_a_link() {
    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## 会议概述\n详见[官方博客]（https://aws.amazon.com/blogs/）。[注]（见下文）\n",
    );
    assert_eq!(
        r.session.overview[0].text,
        "详见[官方博客](https://aws.amazon.com/blogs/)。[注]（见下文）"
    );
}

/// Timed lines with no timeline heading over them, in the overview or
/// under `## Notes`, in a recap with no timeline part: they are its
/// timeline. A paragraph that only opens with a time stays prose.
#[test]
fn a_timeline_written_without_its_heading_is_the_timeline() {
    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## 会议概述\n\n背景文字。\n\n00:00 开场\n- 要点\n05:00 演示\n\n\
         14:00 开始的主题演讲中，AWS 发布了新品。\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let s = &r.session;
    let overview: Vec<_> = s.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        overview,
        ["背景文字。", "14:00 开始的主题演讲中，AWS 发布了新品。"]
    );
    let e: Vec<_> = s
        .entries()
        .map(|e| (e.start, e.text.as_str(), e.line))
        .collect();
    assert_eq!(e, [(Some(0), "开场", 7), (Some(300), "演示", 9)]);
    assert_eq!(s.entries().next().unwrap().points[0].text, "要点");

    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## TL;DR\n\n概述。\n\n## Notes\n\n00:00 开场\n05:00 演示\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(r.session.entries().count(), 2);
    assert_eq!(r.session.note, None);
    // After an agenda of untimed parts, the notes are the timeline still.
    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## Agenda\n1. Intro\n2. Demo\n\n## Notes\n\n### Intro (0:00)\n- 甲\n\n### Demo (7:40)\n- 乙\n",
    );
    let timed: Vec<(Option<u32>, &str)> = r
        .session
        .entries()
        .filter(|e| e.start.is_some())
        .map(|e| (e.start, e.text.as_str()))
        .collect();
    assert_eq!(timed, [(Some(0), "Intro"), (Some(460), "Demo")]);
    assert_eq!(r.session.note, None);
    // A note after a timeline is a note, times and all.
    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## 时间线\n00:00 开场\n\n## 备注\n\n05:00 之后的内容为问答\n",
    );
    assert_eq!(r.session.entries().count(), 1);
    assert_eq!(
        r.session.note.as_ref().map(|n| n.text.as_str()),
        Some("05:00 之后的内容为问答")
    );
}

/// A timed heading with nothing under it is an entry of its own, as one
/// with bullets under it is: no heading of the timeline is lost.
#[test]
fn a_timed_heading_with_nothing_under_it_is_an_entry() {
    let r = parse_recap(
        "a.txt",
        "# 会议\n\n## 时间线\n### **00:00** 开场\n- 要点\n### 05:00 演示\n### 07:00 - 09:00 问答\n",
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let e: Vec<_> = r
        .session
        .entries()
        .map(|e| (e.start, e.text.as_str(), e.points.len(), e.line))
        .collect();
    assert_eq!(
        e,
        [
            (Some(0), "开场", 1, 4),
            (Some(300), "演示", 0, 6),
            (Some(420), "问答", 0, 7)
        ]
    );
    assert_eq!(r.session.entries().last().unwrap().end, Some(End::At(540)));
}

/// A recap's first line written plainly, alone above a blank line or a
/// part's label, is its title; a first sentence or a label is not.
#[test]
fn a_plain_first_line_alone_is_the_title() {
    let title = |text: &str| {
        let r = parse_recap("notes.txt", text);
        (r.session.title.full.clone(), r.session.overview.len())
    };
    assert_eq!(
        title("AWS re:Invent 2025 会议笔记\n\n**会议概述**\n概述。\n\n**时间线**\n00:00 开场\n"),
        ("AWS re:Invent 2025 会议笔记".to_string(), 1)
    );
    assert_eq!(
        title("存储的未来\n## 会议概述\n概述。\n"),
        ("存储的未来".to_string(), 1)
    );
    // A video's title, with its event and code, runs long.
    let video =
        "AWS re:Invent 2025 - Build resilient apps with Amazon ECS and AWS Fargate (CON315)";
    assert_eq!(
        title(&format!(
            "{video}\n\nChapters:\n0:00 Intro\n1:45 Why ECS?\n"
        ))
        .0,
        video
    );
    for not_a_title in [
        "本次会议介绍了存储的未来。\n\n00:00 开场\n",
        "讲者：张伟\n\n00:00 开场\n",
        "Speaker: Jane Doe\n\n00:00 开场\n",
        "存储的未来\n第二行也是正文\n\n00:00 开场\n",
        "- 要点\n\n00:00 开场\n",
    ] {
        assert_eq!(title(not_a_title).0, "notes", "{not_a_title:?}");
    }
    // The front matter's title wins, and the line stays text.
    let r = parse_recap(
        "a.md",
        "---\ntitle: 前言标题\n---\n存储的未来\n\n00:00 开场\n",
    );
    assert_eq!(r.session.title.full, "前言标题");
    assert_eq!(r.session.overview[0].text, "存储的未来");
}

#[test]
fn a_date_and_a_video_said_in_the_recap_are_the_sessions() {
    let text = "# 标题\n\n**日期**：2025年12月3日  **地点**：Venetian\n\n## 时间线\n00:00 - 开场\n\n## 相关资源\n- 视频：https://www.youtube.com/watch?v=abc123\n";
    let r = parse_recap("a.txt", text);
    assert_eq!(r.session.date.as_deref(), Some("2025-12-03"));
    assert_eq!(
        r.session.video_url.as_deref(),
        Some("https://www.youtube.com/watch?v=abc123")
    );
    // The lines stay where they were written.
    assert!(r.session.overview[0].text.contains("2025年12月3日"));
    // Front matter wins.
    let r = parse_recap("a.txt", &format!("---\ndate: 2025-12-01\n---\n{text}"));
    assert_eq!(r.session.date.as_deref(), Some("2025-12-01"));
}

/// `时长：约 55 分钟` in a header quoted whole: the session is 55 minutes
/// long, though its last entry starts at 41:00; a timeline that runs
/// longer than the stated length keeps its own.
#[test]
fn a_stated_length_is_the_sessions_length() {
    let text = "# T\n\n> 讲者：王海峰\n> 时长：约 55 分钟 | 难度：300\n\n## 时间线\n**00:00** 开场\n**41:00** Q&A\n";
    let r = parse_recap("a.md", text);
    assert_eq!(r.session.duration(), Some(55 * 60));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    let r = parse_recap("a.md", &text.replace("41:00", "58:00"));
    assert_eq!(r.session.duration(), Some(58 * 60));
}

/// `Track: AI/ML` in a header: the session's track, shown among its
/// facts; front matter's `track` wins.
#[test]
fn a_stated_track_is_the_sessions_track() {
    let text =
        "# T\n\n- **场次**：AIM301\n- **Track**：AI/ML | Level 300\n\n## 时间线\n00:00 开场\n";
    let r = parse_recap("a.md", text);
    assert_eq!(r.session.track.as_deref(), Some("AI/ML"));
    let r = parse_recap("a.md", &format!("---\ntrack: 生成式 AI\n---\n{text}"));
    assert_eq!(r.session.track.as_deref(), Some("生成式 AI"));
}

/// `### 二、编译器选项（6:20）`: a clock time closing a heading is the
/// section's start, and a section with nothing under it is the entry at
/// that time; `（5分钟）` says how long, not when.
#[test]
fn a_time_closing_a_heading_starts_its_section() {
    let r = parse_recap(
        "a.md",
        "# T\n\n## 时间线\n\n### 一、开场（0:00）\nGraviton4 更快。\n\n### 二、编译器选项（6:20）\n- GCC 13 以上\n\n### 四、问答（35:00）\n",
    );
    let entries: Vec<_> = r
        .session
        .entries()
        .map(|e| (e.start, e.text.as_str()))
        .collect();
    assert_eq!(
        entries,
        [
            (Some(0), "一、开场"),
            (Some(380), "二、编译器选项"),
            (Some(2100), "四、问答")
        ]
    );
    assert_eq!(r.session.duration(), Some(2100));
    let r = parse_recap("a.md", "# T\n\n## 开场（5分钟）\n欢迎。\n");
    assert_eq!(r.session.entries().count(), 0);
    assert_eq!(r.session.overview[0].text, "## 开场（5分钟）");
}

/// A front-matter speaker with an empty name is nobody: no speaker page
/// without a name.
#[test]
fn a_front_matter_speaker_without_a_name_is_nobody() {
    let r = parse_recap(
        "a.md",
        "---\nspeakers:\n  - name: \"\"\n    company: Acme\n  - \" \"\n  - 张三\n---\n# T\n",
    );
    let names: Vec<&str> = r.session.speakers.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["张三"]);
}

/// A table written without its outer pipes, as Markdown allows, is a
/// table: its time column makes entries, and its header is no text of the
/// timeline. `Notes: …` on a line of its own after the entries is the
/// session's note, not a point of the last entry; `- Note: …` is a point.
#[test]
fn a_table_without_outer_pipes_and_a_note_after_the_entries() {
    let r = parse_recap(
        "a.md",
        "# Graviton5 deep dive\n\nTimestamp | Topic\n--- | ---\n0:00 | Intro\n\
         4:30 | Graviton5\n\n- Note: a point\n\nNotes: instances are in preview.\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    let got: Vec<_> = e.iter().map(|e| (e.start, e.text.as_str())).collect();
    assert_eq!(got, [(Some(0), "Intro"), (Some(270), "Graviton5")]);
    assert_eq!(e[1].points.len(), 1);
    assert_eq!(
        r.session.note.as_ref().map(|n| n.text.as_str()),
        Some("instances are in preview.")
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// An agenda of lengths is a timeline a reader can jump along: each item
/// starts where the lengths before it add up to, its nested points go with
/// it, and a last item with no length (`Q&A`) starts where the others end.
#[test]
fn an_agenda_of_lengths_gives_timed_entries() {
    let r = parse_recap(
        "a.md",
        "# T\n## 议程\n1. 开场（约5分钟）\n2. 架构（20 min）\n   - 乐观并发\n\
         3. 演示 — 半小时\n4. 问答\n",
    );
    let e: Vec<_> = r
        .session
        .entries()
        .map(|e| (e.start, e.end, e.text.as_str(), e.points.len()))
        .collect();
    assert_eq!(
        e,
        [
            (Some(0), Some(End::At(300)), "开场（约5分钟）", 0),
            (Some(300), Some(End::At(1500)), "架构（20 min）", 1),
            (Some(1500), Some(End::At(3300)), "演示 — 半小时", 0),
            (Some(3300), None, "问答", 0),
        ]
    );
    assert_eq!(r.session.entries().nth(1).unwrap().anchor, "t-5m00s");
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);

    // Beside a time, lengths say nothing about where an item starts.
    let r = parse_recap(
        "a.md",
        "# T\n## 议程\n- 开场（5分钟）\n- 演示（20分钟）\n## 笔记\n10:00 演示开始\n",
    );
    assert_eq!(r.session.entries().next().unwrap().start, None);
}

/// `### 开场 | 00:00-03:00`: a heading's range after a bar, to the end
/// (`结束`) for the last one, times the entries under it.
#[test]
fn a_range_after_a_bar_times_a_heading() {
    let r = parse_recap(
        "a.md",
        "# T\n### 开场 | 00:00-03:00\n✅ 介绍嘉宾\n### 圆桌 ｜ 18:30-结束\n💬 问答\n",
    );
    let e: Vec<_> = r
        .session
        .entries()
        .map(|e| (e.start, e.end, e.text.as_str()))
        .collect();
    assert_eq!(
        e,
        [
            (Some(0), Some(End::At(180)), "开场"),
            (Some(1110), Some(End::Close), "圆桌")
        ]
    );
}
