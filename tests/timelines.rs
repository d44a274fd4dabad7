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

/// Numbered bullets (`1. `, `2、`, `a) `) show their number where the
/// bullet would be, not a bullet and a number; the export keeps the
/// number in the text, as written. A quoted line is a quotation.
#[test]
fn numbered_bullets_and_quotes_show_as_written() {
    let tmp = Tmp::new("numbered");
    let recap_text = "# 编号的要点\n\n## 时间线\n\n00:00 - 三大原则\n1. 选择权\n2. AI 队友\n   a) 协作\n3、数据访问\n\
                      > “数据属于客户” —— 讲者原话\n";
    let (s, o) = build_with(&tmp, "seeds/numbered.md", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = session_page(&s, "编号的要点");
    for point in [
        "<li><span class=\"tl-ordinal\">1.</span> 选择权</li>",
        "<li><span class=\"tl-ordinal\">2.</span> AI 队友",
        "<li><span class=\"tl-ordinal\">a.</span> 协作</li>",
        "<li><span class=\"tl-ordinal\">3.</span> 数据访问</li>",
        "<li class=\"tl-quote\">“数据属于客户” —— 讲者原话</li>",
    ] {
        assert!(html.contains(point), "no `{point}` in the timeline");
    }
    let css = std::fs::read_to_string(s.join("public/static/style.css")).unwrap();
    assert!(css.contains(".tl-points li:has(> .tl-ordinal:first-child) { list-style: none; }"));
    let session = exported_session(&s.join("public"), "numbered.md");
    assert_eq!(session["timeline"][0]["points"][0]["text"], "1. 选择权");
    let quote = &session["timeline"][0]["points"][4];
    assert_eq!(quote["text"], "“数据属于客户” —— 讲者原话");
    assert_eq!(quote["quote"], true);
    assert!(
        !stderr(&o).contains("numbered.md"),
        "no warning: {}",
        stderr(&o)
    );
}

/// A recap with fenced code, in the overview and under a timeline entry:
/// the code is shown highlighted as written, and nothing in it is read as
/// a heading, an entry, a mention or a key figure.
#[test]
fn fenced_code_shows_highlighted_and_is_not_read_as_text() {
    let tmp = Tmp::new("code");
    let recap_text =
        "# 代码示例会议\n\n## 会议概述\n\n本场介绍 Amazon S3 的新功能，成本降低 40%。\n\n\
        ```python\n## 不是标题\nimport boto3\ns3 = boto3.client(\"s3\")  # Amazon S3, 75%\n```\n\n\
        ## 时间线\n\n00:00 开场\n- 演示命令：\n  ```bash\n  # Amazon S3 上传，端口 8080\n  \
        00:30 aws s3 cp a.txt s3://bucket/ --expected-size 9999\n  ```\n01:00 问答\n";
    let (s, o) = build_with(&tmp, "seeds/code.md", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("code.md"),
        "no warning for the code: {}",
        stderr(&o)
    );
    let html = session_page(&s, "代码示例会议");
    assert!(
        html.contains("<pre class=\"code\" data-lang=\"python\"><code class=\"language-python\">"),
        "the overview's code block"
    );
    assert!(
        html.contains("<pre class=\"code\" data-lang=\"bash\"><code class=\"language-bash\"><span class=\"source shell bash\">"),
        "the timeline's code block, highlighted"
    );
    assert!(html.contains("/static/syntax.css\""), "the code's colours");
    let plain = session_page(&s, "Amazon Connect");
    assert!(
        !plain.contains("syntax.css"),
        "only pages with code load them"
    );
    assert!(
        !html.contains("<h3>不是标题</h3>"),
        "a comment in code is no heading"
    );
    assert_eq!(html.matches("class=\"tl-entry\"").count(), 2);
    let code = html.split("data-lang=\"bash\"").nth(1).unwrap();
    let code = code.split("</pre>").next().unwrap();
    assert!(
        code.contains("s3://bucket/") && !code.contains("<a "),
        "code is shown as written, no links: {code}"
    );

    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(s.join("public/data/site.json")).unwrap())
            .unwrap();
    let slug = exported_session(&s.join("public"), "code.md")["slug"].clone();
    let figures: Vec<&str> = data["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["session"] == slug)
        .filter_map(|n| n["text"].as_str())
        .collect();
    assert!(figures.contains(&"40%"), "{figures:?}");
    for not in ["75%", "8080", "9999"] {
        assert!(
            !figures.iter().any(|f| f.contains(not)),
            "{not} in {figures:?}"
        );
    }
    let s3 = data["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Amazon S3")
        .expect("Amazon S3 is a product");
    let here: Vec<_> = s3["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["session"] == slug)
        .collect();
    assert_eq!(here.len(), 1, "the prose mention only: {here:?}");
}

/// A timeline with times mistyped (`05;30`, `06.45`, `0800`) reads them as
/// times, each with a warning naming the line and what it was read as; a
/// line that starts with no time (`3.5 倍`) or one that cannot be guessed
/// (`10:5`) stays text and is reported as before.
#[test]
fn mistyped_times_are_read_with_a_warning() {
    let tmp = Tmp::new("typos");
    let recap_text =
        "# 手误的时间\n\n## 时间线\n\n00:00 开场\n05;30 产品演示\n06.45 客户案例\n0800 问答\n\
                      3.5 倍的提升\n10:5 少一位\n";
    let (s, o) = build_with(&tmp, "seeds/typos.md", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    let warnings: Vec<String> = stderr(&o)
        .lines()
        .filter(|l| l.contains("typos.md"))
        .map(String::from)
        .collect();
    assert_eq!(warnings.len(), 5, "{warnings:?}");
    assert!(warnings[0].contains("typos.md:6") && warnings[0].contains("`05;30` as `05:30`"));
    assert!(warnings[1].contains("typos.md:7") && warnings[1].contains("`06.45` as `06:45`"));
    assert!(warnings[2].contains("typos.md:8") && warnings[2].contains("`0800` as `08:00`"));
    assert!(warnings[3].contains("typos.md:9") && warnings[3].contains("not understood"));
    assert!(warnings[4].contains("typos.md:10") && warnings[4].contains("not understood"));
    let session = exported_session(&s.join("public"), "typos.md");
    let entries: Vec<(u64, String)> = session["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["start_s"].as_u64().unwrap(),
                e["heading"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        entries,
        [
            (0, "开场".to_string()),
            (330, "产品演示".to_string()),
            (405, "客户案例".to_string()),
            (480, "问答".to_string()),
        ]
    );
    let html = session_page(&s, "手误的时间");
    assert!(html.contains("id=\"t-5m30s\""), "the entry has its anchor");
}

/// A recap whose agenda gives no times has no list of contents beside its
/// page; its page then takes the whole width on a wide screen rather than
/// the contents' narrow column (the layout's second column is only made
/// for pages with contents).
#[test]
fn a_page_without_contents_is_laid_out_in_one_column() {
    let tmp = Tmp::new("no-contents");
    let recap_text = "# Kiro：规范驱动开发\n\n## 议程\n1. 开场\n2. Spec 模式演示\n\n\
                      ## 内容\nKiro 是 AWS 推出的 AI IDE。\n";
    let (s, o) = build_with(&tmp, "seeds/kiro.md", recap_text);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = session_page(&s, "Kiro：规范驱动开发");
    assert!(!html.contains("toc-side"), "no contents expected");
    assert!(html.contains("<div class=\"session-layout\">"), "{html}");
    let css = std::fs::read_to_string(s.join("public/static/style.css")).unwrap();
    assert!(
        css.contains(".session-layout.has-toc { grid-template-columns: 15rem"),
        "the contents' column is only for pages with contents"
    );
    let timed = "# 有时间线\n\n## 时间线\n00:00 开场\n05:00 演示\n";
    let (s, o) = build_with(&tmp, "seeds/timed.md", timed);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = session_page(&s, "有时间线");
    assert!(
        html.contains("<div class=\"session-layout has-toc\">"),
        "{html}"
    );
    // An agenda of lengths is a timeline: moments a reader can jump to.
    let agenda = "# 议程有时长\n\n## 议程\n1. 开场（约5分钟）\n2. Spec 模式演示（15分钟）\n";
    let (s, o) = build_with(&tmp, "seeds/agenda.md", agenda);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = session_page(&s, "议程有时长");
    assert!(html.contains("has-toc"), "{html}");
    assert!(html.contains("id=\"t-5m00s\""), "{html}");
}
