//! Timelines as note-takers write them, as a reader sees them on the built
//! site: subtitle cues, parts after the timeline, and times of day.

mod sites;
use sites::{build_with, exported_session, html_files, stderr, Tmp};
use std::path::Path;

/// The built page of the session whose title is `title`.
fn session_page(site: &Path, title: &str) -> String {
    let (_, html) = html_files(&site.join("public/sessions"))
        .into_iter()
        .find(|(_, h)| h.contains(&format!("<h1 class=\"session-title\">{title}")))
        .expect("the session page");
    html
}

/// Parts after the timeline keep their own text, and a subtitle-style
/// timeline reads as entries: what a reader sees on the session page.
#[test]
fn takeaways_after_the_timeline_and_subtitle_cues_show_where_they_belong() {
    let tmp = Tmp::new("takeaways");
    let recap_text = "# 要点在时间线之后\n\n## 会议概述\n\n介绍 Amazon S3。\n\n## 时间线\n\n1\n00:00:01,250 --> 00:00:04,000\n大家好，欢迎。\n\n2\n00:05:30,000 --> 00:12:00,000\n新功能演示\n- 演示细节\n\n## 关键要点\n\n- 第一点收获\n- 第二点收获\n";
    let (s, o) = build_with(&tmp, "seeds/takeaways.txt", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("takeaways.txt"),
        "no warning for the cue numbers or the list: {}",
        stderr(&o)
    );
    let html = session_page(&s, "要点在时间线之后");
    let timeline = html.split("class=\"session-extra").next().unwrap();
    assert_eq!(timeline.matches("class=\"tl-entry\"").count(), 2);
    assert!(timeline.contains("大家好，欢迎。") && timeline.contains("演示细节"));
    assert!(
        !timeline.contains("收获"),
        "the takeaways are not timeline points"
    );
    let extra = html.split("class=\"session-extra").nth(1).unwrap();
    assert!(
        extra.contains("<h3>关键要点</h3><ul><li>第一点收获</li><li>第二点收获</li></ul>"),
        "{}",
        &extra[..extra.len().min(400)]
    );
}

/// A timeline written in times of day shows those times, keeps its real
/// length, and links every moment; the export gives offsets and the time of
/// day they count from.
#[test]
fn a_timeline_in_times_of_day_reads_as_written() {
    let tmp = Tmp::new("clock");
    let recap_text = "# Amazon Bedrock 下午专场\n\n## 会议概述\n\n介绍 Amazon Bedrock。\n\n\
        ## 时间线\n\n14:00 - 14:10 开场介绍\n14:10 - 14:35 Amazon Bedrock 新功能演示\n\
        - 14:20 Agent 编排\n14:35 - 15:00 问答\n";
    let (s, o) = build_with(&tmp, "seeds/clock.txt", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("clock.txt"), "{}", stderr(&o));
    let html = session_page(&s, "Amazon Bedrock 下午专场");
    for label in ["14:00", "14:10", "14:20", "14:35"] {
        assert!(
            html.contains(&format!("<time datetime=\"{label}\">{label}</time>")),
            "{label}"
        );
    }
    assert!(
        html.contains("<span>14:00</span><span>15:00</span>"),
        "the bar's ends"
    );
    assert!(html.contains("1 小时"), "an hour long, not fifteen minutes");
    assert!(!html.contains("00:14"));
    let session = exported_session(&s.join("public"), "clock.txt");
    assert_eq!(session["clock_start"], "14:00");
    assert_eq!(session["duration_s"], 3600);
    let starts: Vec<_> = session["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start_s"].as_u64().unwrap())
        .collect();
    assert_eq!(starts, [0, 600, 1200, 2100]);
    // A mention on the product's page shows the time of day too.
    let product =
        std::fs::read_to_string(s.join("public/products/amazon-bedrock/index.html")).unwrap();
    let anchor = session["timeline"][1]["anchor"].as_str().unwrap();
    assert!(
        product.contains(&format!(
            "#{anchor}\"><time datetime=\"14:10\">14:10</time>"
        )),
        "the mention at 14:10"
    );
}

/// Prose under a timeline heading, as any Markdown document has it, is the
/// section's text: shown as a paragraph, with no warning; a line under it
/// that was meant to be timed is still reported.
#[test]
fn prose_under_timeline_headings_reads_as_paragraphs() {
    let tmp = Tmp::new("prose");
    let recap_text =
        "# 标题下的段落\n\n## 时间线\n\n### 00:00 - 05:00 开场\n\n欢迎大家来到本次会议。\n\n\
        - 会议议程\n\n### 05:00 - 20:00 Amazon S3 演示\n\n现场演示了新的存储类别。\n0:6 问答\n";
    let (s, o) = build_with(&tmp, "seeds/prose.md", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    let warnings: Vec<_> = stderr(&o)
        .lines()
        .filter(|l| l.contains("prose.md"))
        .map(String::from)
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("prose.md:14"), "{warnings:?}");
    let html = session_page(&s, "标题下的段落");
    assert!(html.contains("<li class=\"tl-prose\">欢迎大家来到本次会议。</li>"));
    assert!(
        html.contains("<li>会议议程</li>"),
        "a bullet stays a bullet"
    );
    let session = exported_session(&s.join("public"), "prose.md");
    let points: Vec<_> = session["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["points"].as_array().unwrap().clone())
        .map(|p| (p["text"].as_str().unwrap().to_string(), p["prose"] == true))
        .collect();
    assert_eq!(points[0], ("欢迎大家来到本次会议。".to_string(), true));
    assert_eq!(points[1], ("会议议程".to_string(), false));
}
