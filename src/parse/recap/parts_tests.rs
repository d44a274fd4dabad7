//! Which part of the page each part of a recap goes to, and in what
//! order: the overview, the timeline, the text after it.

use super::*;

/// The part each section of the timeline is in.
fn parts_of(r: &ParsedRecap) -> Vec<Option<&str>> {
    r.session
        .timeline
        .iter()
        .map(|s| s.part.as_deref())
        .collect()
}

#[test]
fn parts_after_the_timeline_keep_their_own_lists() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n00:00 - 开场\n- 甲\n## 关键要点\n- 第一点\n- 第二点\n## Key Takeaways\n- Start small\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].points.len(), 1);
    let extra: Vec<&str> = r.session.extra.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(
        extra,
        [
            "## 关键要点",
            "- 第一点\n- 第二点",
            "## Key Takeaways",
            "- Start small"
        ]
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// `演讲者：…` after the last entry says who spoke: it follows the
/// timeline, as text of its own, and is no point of the last entry.
#[test]
fn a_label_line_after_the_timeline_is_no_point() {
    let r = parse_recap(
        "a.txt",
        "# 题目\n\n时间线：\n1. 00:00 开场\n   - 介绍\n2. 03:15 问答\n\n演讲者：张三（亚马逊云科技 首席架构师）\n日期：2025-12-03\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!(e.len(), 2);
    assert!(e[1].points.is_empty(), "{:?}", e[1].points);
    assert_eq!(
        r.session
            .extra
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>(),
        ["演讲者：张三（亚马逊云科技 首席架构师）\n日期：2025-12-03"]
    );
    assert_eq!(r.session.date.as_deref(), Some("2025-12-03"));
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    // A bullet that starts with a label stays the entry's point, and so
    // does a line said before the next entry.
    let r = parse_recap(
        "a.txt",
        "## 时间线\n00:00 开场\n- 主持人：欢迎大家\n嘉宾：谢谢邀请\n05:00 演示\n",
    );
    let e: Vec<_> = r.session.entries().collect();
    assert_eq!((e.len(), e[0].points.len()), (2, 2), "{e:?}");
    assert!(r.session.extra.is_empty());
}

/// `会议概述：` and `时间线：` alone on their lines label the parts, as
/// `## 会议概述` does: neither is shown as text.
#[test]
fn plain_part_labels_with_a_colon() {
    let r = parse_recap(
        "a.txt",
        "# 题目\n\n会议概述：\nKiro 是一个 AI IDE。\n\n时间线：\n1. 00:00 开场\n2. 03:15 问答\n",
    );
    let overview: Vec<&str> = r.session.overview.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(overview, ["Kiro 是一个 AI IDE。"]);
    assert!(r.session.extra.is_empty(), "{:?}", r.session.extra);
    assert_eq!(r.session.entries().count(), 2);
}

/// `## 📌 一句话总结` before the timeline is shown before it, where it was
/// written, and `## 💡 我的思考` after it after it.
#[test]
fn parts_of_no_known_kind_stay_where_they_were_written() {
    let r = parse_recap(
        "a.md",
        "# T\n## 📌 一句话总结\n一句话。\n\n## ⏱ 时间线\n**00:00** 开场\n- 甲\n\n## 💡 我的思考\n1. 够用\n",
    );
    let texts = |ps: &[Paragraph]| ps.iter().map(|p| p.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&r.session.overview), ["## 📌 一句话总结", "一句话。"]);
    assert_eq!(texts(&r.session.extra), ["## 💡 我的思考", "1. 够用"]);
    assert_eq!(r.session.entries().count(), 1);
    // The lead paragraph, which feeds quote, is prose, not the heading.
    assert_eq!(r.session.lead_paragraph().unwrap().text, "一句话。");
}

/// `## 内容` with the timeline's `###` sections right under it labels the
/// timeline: no empty part of that name is left on the page.
#[test]
fn a_heading_right_over_the_timeline_is_its_label() {
    let r = parse_recap(
        "a.md",
        "# T\n## 基本信息\n- 场次：STG201\n\n## 内容\n\n### 第一部分（00:00–10:00）背景\n成本问题。\n\n### 第二部分（10:00–25:00）发布\n- 向量桶\n\n### 第三部分（40:00–）Q&A\n略。\n",
    );
    let all: Vec<&str> = r
        .session
        .overview
        .iter()
        .chain(&r.session.extra)
        .map(|p| p.text.as_str())
        .collect();
    assert!(!all.iter().any(|t| t.contains("内容")), "{all:?}");
    let sections: Vec<_> = r
        .session
        .timeline
        .iter()
        .map(|s| (s.heading.as_deref().unwrap_or(""), s.start, s.end))
        .collect();
    assert_eq!(
        sections,
        [
            ("第一部分 背景", Some(0), Some(End::At(600))),
            ("第二部分 发布", Some(600), Some(End::At(1500))),
            ("第三部分 Q&A", Some(2400), None),
        ]
    );
    // A part with text of its own under it keeps its heading.
    let r = parse_recap("a.md", "# T\n## 背景\n为什么。\n\n## 时间线\n00:00 开场\n");
    assert_eq!(r.session.overview[0].text, "## 背景");
}

/// `总结：…` or `个人感受：…` after the last entry is the note-taker's word
/// on the whole session: text after the timeline, with no warning.
#[test]
fn a_closing_remark_after_the_last_entry_is_no_point() {
    for closing in [
        "总结：关键词是 Agentic。",
        "个人感受：推荐看回放。",
        "Final thoughts: worth it.",
        "整理：小王 | 2025-12-04",
    ] {
        let r = parse_recap(
            "a.txt",
            &format!("# T\n\n上午 9:00 - 9:40 AI\n  * Nova 2\n上午 9:40 - 10:00 客户分享\n  * Adobe\n\n{closing}\n"),
        );
        let e: Vec<_> = r.session.entries().collect();
        assert_eq!((e.len(), e[1].points.len()), (2, 1), "{e:?}");
        assert_eq!(r.session.extra[0].text, closing);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }
}

/// A header of facts (`> 讲者：…`, `- **场次**：…`) is no summary: the
/// lead paragraph, which feeds and home cards quote, is the first prose.
#[test]
fn a_header_of_facts_is_no_lead_paragraph() {
    let lead = |text: &str| {
        let r = parse_recap("a.md", text);
        r.session.lead_paragraph().map(|p| p.text.clone())
    };
    assert_eq!(
        lead("# T\n\n> 讲者：王海峰（AWS 架构师）\n> 时长：约 55 分钟 | 难度：300\n\n- **场次**：STG201\n- **视频**：https://www.youtube.com/watch?v=abc123\n\nAgentCore 打包成托管服务。\n\n## 时间线\n00:00 开场\n").as_deref(),
        Some("AgentCore 打包成托管服务。")
    );
    assert_eq!(
        lead("# T\n\n| 讲者 | 职位 |\n|---|---|\n| 张伟 | 架构师 |\n\n本场分享三个案例。\n")
            .as_deref(),
        Some("本场分享三个案例。")
    );
    assert_eq!(
        lead("# T\n\n日期：2025-12-02\n地点：Venetian\n\n## 时间线\n00:00 开场\n"),
        None
    );
}

/// `### 第一部分` with only `####` sections under it names their part: it
/// is no section of its own with nothing in it.
#[test]
fn a_bare_h3_over_h4_sections_names_their_part() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n### 第一部分：新功能\n#### 00:00 开场\n- 甲\n#### 03:20 演示\n- 乙\n\
         ### 第二部分：案例\n#### 15:00 案例\n- 丙\n### 20:00 问答\n- 丁\n",
    );
    let secs: Vec<_> = r
        .session
        .timeline
        .iter()
        .map(|s| (s.part.as_deref(), s.heading.as_deref(), s.start))
        .collect();
    assert_eq!(
        secs,
        [
            (Some("第一部分：新功能"), Some("开场"), Some(0)),
            (Some("第一部分：新功能"), Some("演示"), Some(200)),
            (Some("第二部分：案例"), Some("案例"), Some(900)),
            (None, Some("问答"), Some(1200)),
        ]
    );
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
}

/// An empty `###` section followed by one of its own level is no part
/// (the note-taker left it empty), nor is a `###` with text under it.
#[test]
fn only_a_bare_h3_right_over_h4_is_a_part() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n### 开场\n### 00:10 发布\n- 甲\n### 案例\n介绍案例。\n#### 15:00 细节\n- 乙\n",
    );
    let parts = parts_of(&r);
    assert_eq!(parts, [None, None, None, None]);
    assert_eq!(r.session.timeline[0].heading.as_deref(), Some("开场"));
}

/// `## 第一部分：…`, `## 第二部分：…` each over timeline lines: the
/// timeline is written in parts, the first heading included (alone, it
/// would be the timeline's label, as `## 内容` is).
#[test]
fn second_level_headings_over_the_timeline_name_its_parts() {
    for recap in [
        "# T\n## 会议概述\n概述。\n## 第一部分：基础设施\n| 时间 | 内容 | 要点 |\n|---|---|---|\n\
         | 00:00 | 开场 | 甲 |\n| 05:30 | 芯片 | 乙 |\n\n## 第二部分：开发工具\n\n| 时间 | 内容 | 要点 |\n\
         |---|---|---|\n| 30:00 | Kiro | 丙 |\n## 总结\n很好。\n",
        "# T\n## 会议概述\n概述。\n## 第一部分：基础设施\n### 00:00 开场\n- 甲\n### 05:30 芯片\n- 乙\n\
         ## 第二部分：开发工具\n### 30:00 Kiro\n- 丙\n## 总结\n很好。\n",
        "# T\n## 会议概述\n概述。\n## 第一部分：基础设施\n00:00 - 开场\n- 甲\n05:30 - 芯片\n- 乙\n\n\
         ## 第二部分：开发工具\n\n30:00 - Kiro\n- 丙\n## 总结\n很好。\n",
    ] {
        let r = parse_recap("a.txt", recap);
        let entries: Vec<_> = r
            .session
            .timeline
            .iter()
            .flat_map(|s| s.entries.iter().map(move |e| (s.part.as_deref(), e.start)))
            .collect();
        assert_eq!(
            entries,
            [
                (Some("第一部分：基础设施"), Some(0)),
                (Some("第一部分：基础设施"), Some(330)),
                (Some("第二部分：开发工具"), Some(1800)),
            ],
            "{recap}"
        );
        let extra: Vec<&str> = r.session.extra.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(extra, ["## 总结", "很好。"]);
        assert_eq!(r.session.entries().nth(2).unwrap().points.len(), 1);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    }
}

/// A timeline table's column of speakers keeps its header as the label of
/// each cell: `讲者：Jane Doe`, which says what the name is.
#[test]
fn a_table_column_of_speakers_keeps_its_label() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 议程\n| 时间 | 环节 | 讲者 |\n|---|---|---|\n| 00:00-05:00 | 开场 | Jane Doe |\n\
         | 05:00-30:00 | 深入 | Marc Brooker<br>张伟 |\n",
    );
    let points: Vec<Vec<&str>> = r
        .session
        .entries()
        .map(|e| e.points.iter().map(|p| p.text.as_str()).collect())
        .collect();
    assert_eq!(
        points,
        [
            vec!["讲者：Jane Doe"],
            vec!["讲者：Marc Brooker", "讲者：张伟"]
        ]
    );
}

/// `##### 深层` under an entry labels its bullets, as `#### 细节` under a
/// `###` section's entry does: no point with its hashes shown.
#[test]
fn a_fifth_level_heading_labels_the_bullets_under_it() {
    let r = parse_recap(
        "a.txt",
        "# T\n## 时间线\n### 00:00 开场\n- 甲\n##### 深层\n- 乙\n##### 10:00 演示\n- 丙\n\
         ### 第二部分\n#### 20:00 问答\n##### 提问\n- 丁\n",
    );
    let entries: Vec<(Option<u32>, Vec<&str>)> = r
        .session
        .entries()
        .map(|e| (e.start, e.points.iter().map(|p| p.text.as_str()).collect()))
        .collect();
    assert_eq!(
        entries,
        [
            (Some(0), vec!["甲", "**深层**", "乙"]),
            (Some(600), vec!["丙"]),
            (Some(1200), vec!["**提问**", "丁"]),
        ]
    );
    let parts = parts_of(&r);
    assert_eq!(parts, [None, None, Some("第二部分")]);
}
