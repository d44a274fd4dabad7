//! Recap prose as hands write it, as the site shows and reads it: inline
//! code, emphasis, figures in Chinese numerals, the marks other note tools
//! leave, and footnotes. Each is checked on the session page, in the
//! export's excerpts and (where it matters) in what the build reports.

#[path = "common/recaps.rs"]
mod recaps;

use recaps::{build_recaps, build_recaps_told, file};
use serde_json::Value;

/// `key` of each item of the array `items`, as a string.
fn each<'a>(items: &'a Value, key: &str) -> Vec<&'a str> {
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap())
        .collect()
}

/// The entity of `kind` (`products`, `companies`) with `slug` in the export.
fn entity<'a>(data: &'a Value, kind: &str, slug: &str) -> &'a Value {
    data[kind]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["slug"] == slug)
        .unwrap_or_else(|| panic!("no page for {kind}/{slug}"))
}

/// The export's key figures: text as written, scaled value, kind and the
/// figure before (for a change).
fn key_figures(data: &Value) -> Vec<(&str, f64, &str, Option<&str>)> {
    data["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["text"].as_str().unwrap(),
                n["scaled"].as_f64().unwrap(),
                n["kind"].as_str().unwrap(),
                n["from"].as_str(),
            )
        })
        .collect()
}

/// Inline code (`` `aws s3 cp` ``) is shown as code, and a command's words
/// are not names; code that is a name (`` `Amazon S3` ``) is a mention,
/// linked around the code. Excerpts, descriptions and search read it
/// without its backticks.
#[test]
fn inline_code_is_code_and_a_command_is_no_name() {
    let recap = "# 命令行演示\n\n## 会议概述\n演讲者用 `aws s3 cp` 把数据拷进 `Amazon S3`，加上 `--storage-class` 参数。\n\n\
                 ## 时间线\n00:00 开场：安装 `aws-cli`\n- 运行 `aws configure` 配置凭证\n";
    let outputs = build_recaps("inline-code", &[("a.md", recap.to_string())]);
    let page = file(&outputs, "sessions/ming-ling-xing-yan-shi/index.html");
    assert!(page.contains("<code>aws s3 cp</code>"), "{page}");
    assert!(page.contains("<a href=\"/products/amazon-s3/\"><code>Amazon S3</code></a>"));
    assert!(!page.contains('`'), "a backtick is shown");
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    assert_eq!(each(&data["products"], "name"), ["Amazon S3"]);
    let excerpt = data["products"][0]["mentions"][0]["excerpt"]
        .as_str()
        .unwrap();
    assert!(
        excerpt.starts_with("演讲者用 aws s3 cp 把数据拷进 Amazon S3"),
        "{excerpt}"
    );
}

/// `*强调*`, `_强调_` and `~~删除~~` are shown as emphasis and struck-out
/// text, and read without their marks in excerpts and descriptions; a lone
/// star or tilde (`2 * 3`, `3~5 天`) and an identifier's underscores
/// (`max_tokens`) stay as written. A struck-out figure is no key figure.
#[test]
fn italics_and_strikethrough_show_without_their_marks() {
    let recap = "# 强调演示\n\n## 会议概述\n这是*重点*：*Amazon S3* 的价格~~每 GB 0.03 元~~降到 0.02 元，2 * 3 倍，3~5 天上线。\n\n\
                 ## 时间线\n00:00 开场\n- ~~旧方案~~改用 **新方案**\n- 把 max_tokens 调到_合适的值_\n";
    let outputs = build_recaps("emphasis", &[("a.md", recap.to_string())]);
    let page = file(&outputs, "sessions/qiang-diao-yan-shi/index.html");
    assert!(page.contains("这是<em>重点</em>"), "{page}");
    assert!(page.contains("<a href=\"/products/amazon-s3/\"><em>Amazon S3</em></a>"));
    assert!(page.contains("<del>每 GB 0.03 元</del>"));
    assert!(page.contains("<del>旧方案</del>改用 <strong>新方案</strong>"));
    assert!(page.contains("2 * 3 倍，3~5 天上线"));
    assert!(
        page.contains("把 max_tokens 调到<em>合适的值</em>"),
        "{page}"
    );
    assert!(!page.contains("*重点") && !page.contains("~~"));
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let excerpt = data["products"][0]["mentions"][0]["excerpt"]
        .as_str()
        .unwrap();
    assert!(
        excerpt.starts_with("这是重点：Amazon S3 的价格每 GB"),
        "{excerpt}"
    );
    let description = page
        .split("<meta name=\"description\" content=\"")
        .nth(1)
        .and_then(|d| d.split('"').next())
        .unwrap();
    assert_eq!(
        description,
        "这是重点：Amazon S3 的价格每 GB 0.03 元降到 0.02 元，2 * 3 倍，3~5 天上线。"
    );
    // A figure struck out was taken back: not a key figure.
    let figures = each(&data["numbers"], "text");
    assert!(figures.iter().any(|f| f.contains("0.02")), "{figures:?}");
    assert!(!figures.iter().any(|f| f.contains("0.03")), "{figures:?}");
}

/// Figures in Chinese numerals (`三成`, `两倍`, `百分之三十`, `一千万用户`)
/// are key figures like `30%`; numerals in words and vague amounts
/// (`千万不要`, `成千上万`, `数十倍`, `一成不变`) are not.
#[test]
fn figures_in_chinese_numerals_are_key_figures() {
    let recap = "# 数字演示\n\n## 会议概述\n成本降低三成，效率提升两倍，百分之三十的客户已迁移，服务一千万用户。\
                 千万不要忘记，成千上万的开发者。\n\n## 时间线\n00:00 开场\n- 数十倍的提升，一成不变\n";
    let outputs = build_recaps("numerals", &[("a.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    assert_eq!(
        key_figures(&data),
        [
            ("三成", 30.0, "percent", None),
            ("两倍", 2.0, "multiple", None),
            ("百分之三十", 30.0, "percent", None),
            ("一千万用户", 1e7, "count", None),
        ]
    );
    let page = file(&outputs, "numbers/index.html");
    assert!(page.contains("成本降低<mark>三成</mark>"), "{page}");
}

/// Figures typed in full width (`３０％`, `３．５倍`), as a Chinese input
/// method writes digits in its full-width mode, are key figures as written.
#[test]
fn figures_typed_in_full_width_are_key_figures() {
    let recap = "# 全角数字\n\n## 时间线\n００：００ 开场：成本降低３０％，性能提升３．５倍，\
                 准确率从３８％提升到７１％\n";
    let outputs = build_recaps("full-width", &[("a.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    assert_eq!(
        key_figures(&data),
        [
            ("３０％", 30.0, "percent", None),
            ("３．５倍", 3.5, "multiple", None),
            ("从３８％提升到７１％", 71.0, "change", Some("３８％")),
        ]
    );
    let page = file(&outputs, "numbers/index.html");
    assert!(page.contains("成本降低<mark>３０％</mark>"), "{page}");
}

/// Marks pasted in from other note tools show as meant: `==高亮==` is
/// highlighted, `- [x] 完成` has a ticked box, `<br>` breaks the line and
/// `[[Amazon S3]]` shows its name (still a mention); excerpts read none of
/// the marks.
#[test]
fn marks_from_other_note_tools_show_as_meant() {
    let recap =
        "# 笔记工具\n\n## 会议概述\n这是==高亮==的内容：[[Amazon S3]] 第一行<br>第二行。\n\n\
                 ## 时间线\n00:00 开场\n- [x] 已演示 ==Amazon S3==\n- [ ] 待补充\n";
    let outputs = build_recaps("note-tools", &[("a.md", recap.to_string())]);
    let page = file(&outputs, "sessions/bi-ji-gong-ju/index.html");
    assert!(page.contains("这是<mark>高亮</mark>的内容："), "{page}");
    assert!(page.contains("<a href=\"/products/amazon-s3/\">Amazon S3</a> 第一行<br>第二行"));
    assert!(page.contains("aria-checked=\"true\" aria-disabled=\"true\"></span> 已演示"));
    assert!(page.contains("aria-checked=\"false\" aria-disabled=\"true\"></span> 待补充"));
    assert!(!page.contains("[[") && !page.contains("==") && !page.contains("&lt;br"));
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let excerpts = each(&data["products"][0]["mentions"], "excerpt");
    assert_eq!(
        excerpts,
        [
            "这是高亮的内容：Amazon S3 第一行第二行。",
            "已演示 Amazon S3"
        ]
    );
}

/// `[^1]` refers to a note written `[^1]: …` on a line of its own: the
/// page shows a superscript number linked to the note, the notes are
/// listed after the timeline with a way back, the export lists them, and
/// excerpts, descriptions and the table of contents read the text without
/// the reference. A reference to no note stays text, with a warning
/// naming the file and line.
#[test]
fn footnotes_link_to_their_notes_and_back() {
    let recap = "# 脚注演示\n\n## 会议概述\nAmazon S3 的成本降低三成[^1]，见下[^来源]。\n\n\
                 ## 时间线\n00:00 开场[^1]\n- 提到 Amazon S3 的价格[^2]\n05:00 问答[^缺]\n\n\
                 [^1]: 数据来自官方博客\n    2025 年。\n[^来源]: 见 https://example.com/pricing\n[^2]: 演讲者口述\n";
    let (outputs, told) = build_recaps_told("footnotes", &[("a.md", recap.to_string())]);
    let page = file(&outputs, "sessions/jiao-zhu-yan-shi/index.html");
    assert!(
        page.contains("成本降低三成<sup class=\"fn-ref\" id=\"fnref-1\"><a href=\"#fn-1\" role=\"doc-noteref\">1</a></sup>"),
        "{page}"
    );
    // The second reference to a note has no id of its own.
    assert!(page.contains("开场<sup class=\"fn-ref\"><a href=\"#fn-1\""));
    for n in 1..=3 {
        assert!(
            page.contains(&format!("<li id=\"fn-{n}\" value=\"{n}\">")),
            "note {n}"
        );
        assert!(
            page.contains(&format!("href=\"#fnref-{n}\" class=\"fn-back\"")),
            "back {n}"
        );
        assert!(page.contains(&format!("id=\"fnref-{n}\"")), "reference {n}");
    }
    assert!(
        page.contains("数据来自官方博客 2025 年。"),
        "the note goes on"
    );
    assert!(page.contains("<a href=\"https://example.com/pricing\">"));
    assert!(page.contains("问答[^缺]"), "a reference to no note is text");
    assert!(!page.contains("[^1]") && !page.contains("[^2]"));
    let description = page
        .split("name=\"description\" content=\"")
        .nth(1)
        .unwrap();
    assert!(
        description.starts_with("Amazon S3 的成本降低三成，见下。"),
        "{description}"
    );

    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let notes = &data["sessions"][0]["footnotes"];
    assert_eq!(each(notes, "label"), ["1", "来源", "2"]);
    assert_eq!(
        each(notes, "url"),
        [
            "/sessions/jiao-zhu-yan-shi/#fn-1",
            "/sessions/jiao-zhu-yan-shi/#fn-2",
            "/sessions/jiao-zhu-yan-shi/#fn-3",
        ]
    );
    assert_eq!(notes[2]["number"], 3);
    let excerpts = each(&data["products"][0]["mentions"], "excerpt");
    assert!(excerpts.iter().all(|e| !e.contains("[^")), "{excerpts:?}");

    let warned: Vec<String> = told
        .iter()
        .filter(|d| d.message.contains("footnote"))
        .map(|d| format!("{}:{}", d.file, d.line.unwrap_or(0)))
        .collect();
    assert_eq!(warned, ["a.md:9"], "{told:?}");
}

/// A note the title refers to is note 1, its number after the heading;
/// the title read anywhere else (the tab, the address, the export) has no
/// `[^1]`. A Markdown link whose label ends with a reference is a link,
/// the number after it.
#[test]
fn a_title_and_a_link_label_may_refer_to_notes() {
    let recap = "# AWS re:Invent 2025 存储专场[^src]\n\n## 会议概述\n详见[官方博客[^2]](https://example.com/blog)。\n\n\
                 ## 时间线\n00:00 开场\n\n[^2]: 博客发布于 2025 年。\n[^src]: 标题沿用官方议程。\n";
    let (outputs, told) = build_recaps_told("title-notes", &[("a.md", recap.to_string())]);
    assert!(
        told.iter().all(|d| !d.message.contains("footnote")),
        "{told:?}"
    );
    let page = file(&outputs, "sessions/cun-chu-zhuan-chang/index.html");
    assert!(
        page.contains(
            "<h1 class=\"session-title\">存储专场<sup class=\"fn-ref\" id=\"fnref-1\">\
             <a href=\"#fn-1\" role=\"doc-noteref\">1</a></sup></h1>"
        ),
        "{page}"
    );
    assert!(page.contains("<title>存储专场 · "), "{page}");
    assert!(
        page.contains(
            "详见<a href=\"https://example.com/blog\">官方博客</a><sup class=\"fn-ref\" \
             id=\"fnref-2\"><a href=\"#fn-2\" role=\"doc-noteref\">2</a></sup>。"
        ),
        "{page}"
    );
    assert!(!page.contains("[^"), "{page}");
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let session = &data["sessions"][0];
    assert_eq!(session["title"], "AWS re:Invent 2025 存储专场");
    assert_eq!(each(&session["footnotes"], "label"), ["src", "2"]);
}

/// A title is read as a reader sees it: a link as its label, a logo left
/// out; its page, address and export show no Markdown, and the `:` of a
/// link's `https://` does not split it into a kind and a topic.
#[test]
fn a_title_with_a_link_or_a_logo_shows_no_markdown() {
    let linked = "# [Kiro](https://kiro.dev) 深度解析\n\n## 会议概述\n介绍 Kiro。\n";
    let logo =
        "# ![logo](logo.png) Amazon Connect 会议总结\n\n## 会议概述\n介绍 Amazon Connect。\n";
    let outputs = build_recaps(
        "title-markdown",
        &[("a.md", linked.to_string()), ("b.md", logo.to_string())],
    );
    let kiro = file(&outputs, "sessions/kiro-shen-du-jie-xi/index.html");
    assert!(
        kiro.contains("<h1 class=\"session-title\">Kiro 深度解析</h1>"),
        "{kiro}"
    );
    let connect = file(&outputs, "sessions/amazon-connect/index.html");
    assert!(
        connect.contains("<h1 class=\"session-title\">Amazon Connect</h1>"),
        "{connect}"
    );
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    assert_eq!(
        each(&data["sessions"], "title"),
        ["Kiro 深度解析", "Amazon Connect 会议总结"]
    );
}

/// A speaker whose name links to a profile (`讲者：[Jane Doe](…)（AT&T
/// 首席架构师）`) is found as one written without the link: name, role and
/// organisation, the organisation a company.
#[test]
fn a_speaker_linked_to_a_profile_is_a_speaker() {
    let recap = "# 分会场：Amazon Bedrock 实践\n\n**讲者**：[Jane Doe](https://example.com/jane)（AT&T 首席架构师）\n\n\
                 ## 会议概述\nAT&T 使用 Amazon Bedrock。\n";
    let outputs = build_recaps("linked-speaker", &[("a.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let speaker = &data["sessions"][0]["speakers"][0];
    assert_eq!(
        (&speaker["name"], &speaker["role"], &speaker["org"]),
        (
            &Value::from("Jane Doe"),
            &Value::from("首席架构师"),
            &Value::from("AT&T")
        )
    );
    assert!(each(&data["companies"], "name").contains(&"AT&T"), "{data}");
    assert!(!each(&data["products"], "name").contains(&"AT&T"), "{data}");
    let page = file(&outputs, "sessions/amazon-bedrock-shi-jian/index.html");
    assert!(
        page.contains("<a href=\"https://example.com/jane\">Jane Doe</a>"),
        "{page}"
    );
}

/// Character references pasted from web editors (`AT&amp;T`, `&nbsp;`,
/// `&lt;script&gt;`) read as their characters, shown as text and never
/// run; in code they stay as written.
#[test]
fn pasted_character_references_read_as_characters() {
    let recap = "# AT&amp;T 分会场\n\n## 会议概述\nAT&amp;T 使用 Amazon Bedrock&nbsp;降本，\
                 &lt;script&gt;alert(1)&lt;/script&gt; 与 `&amp;` 原样。\n";
    let outputs = build_recaps("references", &[("a.md", recap.to_string())]);
    let page = file(&outputs, "sessions/at-t/index.html");
    assert!(
        page.contains("<h1 class=\"session-title\">AT&amp;T</h1>"),
        "{page}"
    );
    assert!(
        page.contains(
            "使用 <a href=\"/products/amazon-bedrock/\">Amazon Bedrock</a> 降本，\
             &lt;script&gt;alert(1)&lt;/script&gt; 与 <code>&amp;amp;</code> 原样。"
        ),
        "{page}"
    );
    assert!(
        !page.contains("<script>alert") && !page.contains("nbsp"),
        "{page}"
    );
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    assert_eq!(data["sessions"][0]["title"], "AT&T 分会场");
}

/// Names said in a footnote, the footer's note or a part the parser has
/// no slot for are linked where they are said and listed on their pages,
/// a footnote's mentions and figures linking to the note; the footer's
/// note may refer to footnotes too, and search finds its words.
#[test]
fn names_in_notes_and_the_footer_are_linked_and_listed() {
    let recap = "# 注释里的名字\n\n## 会议概述\n本次会议介绍了训练成本[^1]。\n\n\
                 ## 时间线\n00:00 开场\n- 讲解训练流程\n\n## 讲者介绍\n讲者来自 Anthropic。\n\n\
                 ━━━━━━\n注：本文根据现场录音整理，Kiro 部分见发布说明[^2]\n\n\
                 [^1]: 数据来自 Amazon SageMaker 官方博客，成本下降 40%。\n[^2]: 录音由主办方提供\n";
    let (outputs, told) = build_recaps_told("named-notes", &[("a.md", recap.to_string())]);
    let page = file(&outputs, "sessions/zhu-shi-li-de-ming-zi/index.html");
    let note_1 = page.split("<li id=\"fn-1\"").nth(1).unwrap();
    assert!(
        note_1.starts_with(" value=\"1\">数据来自 <a href=\"/products/amazon-sagemaker/\">Amazon SageMaker</a> 官方博客"),
        "{note_1}"
    );
    let footer = page
        .split("<aside class=\"session-note\" id=\"note\">")
        .nth(1)
        .unwrap();
    assert!(
        footer.contains("<a href=\"/products/kiro/\">Kiro</a> 部分见发布说明<sup class=\"fn-ref\" id=\"fnref-2\"><a href=\"#fn-2\""),
        "{footer}"
    );
    let extra = page.split("class=\"session-extra").nth(1).unwrap();
    assert!(
        extra.contains("<a href=\"/companies/anthropic/\">Anthropic</a>"),
        "{extra}"
    );
    assert!(
        told.iter().all(|d| !d.message.contains("footnote")),
        "every note is referred to: {told:?}"
    );

    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let product = |slug: &str| entity(&data, "products", slug);
    // A name said only in a note has its page.
    let sagemaker = product("amazon-sagemaker");
    assert_eq!(
        each(&sagemaker["mentions"], "url"),
        ["/sessions/zhu-shi-li-de-ming-zi/#fn-1"]
    );
    assert_eq!(
        each(&product("kiro")["mentions"], "role"),
        ["mentioned"],
        "release notes are no launch"
    );
    assert_eq!(
        each(&product("kiro")["mentions"], "url"),
        ["/sessions/zhu-shi-li-de-ming-zi/#note"],
        "the footer's note has an id of its own"
    );
    assert_eq!(
        each(&entity(&data, "companies", "anthropic")["mentions"], "url"),
        ["/sessions/zhu-shi-li-de-ming-zi/#more"]
    );
    assert!(page.contains("<section class=\"session-extra prose\" id=\"more\""));
    let figures = key_figures(&data);
    assert!(
        figures.contains(&("40%", 40.0, "percent", None)),
        "{figures:?}"
    );
    assert_eq!(data["numbers"][0]["anchor"], "fn-1");

    let entity = file(&outputs, "products/amazon-sagemaker/index.html");
    assert!(
        entity.contains("href=\"/sessions/zhu-shi-li-de-ming-zi/#fn-1\">注释 1</a>"),
        "{entity}"
    );
    let entity = file(&outputs, "products/kiro/index.html");
    assert!(
        entity.contains("href=\"/sessions/zhu-shi-li-de-ming-zi/#note\">文末注</a>"),
        "{entity}"
    );
    let indexed = outputs
        .iter()
        .filter(|o| o.path.starts_with("search/p/"))
        .any(|o| String::from_utf8_lossy(&o.bytes).contains("\"现场\""));
    assert!(indexed, "the footer's note is searched");
}

/// A recap written in traditional Chinese gets what a simplified one does:
/// its launches (`發佈`, `宣佈`), key figures (`5 萬名`, `3 億美元`),
/// speakers (`講者：`) and topics (`遊戲化`), each shown as written.
#[test]
fn a_recap_in_traditional_chinese_is_read_as_a_simplified_one() {
    let recap = "# 分會場總結：生成式 AI\n\n## 會議概述\n講者：王小明，首席架構師\n\n\
                 本場吸引了 5 萬名參會者，AWS 發佈了 Amazon Nova 2。\n\n## 詳細時間線\n00:00 - 開場\n\
                 - 客戶累計投入 3 億美元，用遊戲化的方式學習\n- 宣佈 Amazon Bedrock 新功能\n";
    let outputs = build_recaps("traditional", &[("a.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    assert_eq!(each(&data["announcements"], "verb"), ["發佈", "宣佈"]);
    assert_eq!(
        each(&data["announcements"], "product_name"),
        ["Amazon Nova 2", "Amazon Bedrock"]
    );
    assert_eq!(
        key_figures(&data),
        [
            ("5 萬名", 5e4, "count", None),
            ("3 億美元", 3e8, "money", None)
        ]
    );
    // Unit and magnitude as the recap writes them.
    let figure = &data["numbers"][1];
    assert_eq!(
        (&figure["magnitude"], &figure["unit"]),
        (&"億".into(), &"美元".into())
    );
    assert_eq!(data["numbers"][0]["magnitude"], "萬");
    let speaker = &data["sessions"][0]["speakers"][0];
    assert_eq!(
        (&speaker["name"], &speaker["role"]),
        (&"王小明".into(), &"首席架構師".into())
    );
    let topic = entity(&data, "topics", "gamification");
    assert_eq!(
        each(&topic["mentions"], "excerpt"),
        ["客戶累計投入 3 億美元，用遊戲化的方式學習"]
    );
    let numbers = file(&outputs, "numbers/index.html");
    assert!(
        numbers.contains("吸引了 <mark>5 萬名</mark>參會者"),
        "{numbers}"
    );
    // Searched in either script: the index holds the simplified forms, as
    // the browser folds a query before looking them up.
    let indexed = |token: &str| {
        outputs
            .iter()
            .filter(|o| o.path.starts_with("search/p/"))
            .any(|o| String::from_utf8_lossy(&o.bytes).contains(&format!("\"{token}\"")))
    };
    assert!(indexed("发布") && indexed("参会") && indexed("游戏"));
    assert!(!indexed("發佈") && !indexed("參會"));
    let meta = file(&outputs, "search/search-index.js");
    assert!(meta.contains("佈布"), "{meta}");
    // And the words each side writes, for the browser to run a query in both.
    assert!(meta.contains(r#"["软体","软件"]"#), "{meta}");
}

/// A product named in a session's title is listed on its page as said in
/// the title, and one named in the overview as said there: both link to
/// the session, and neither is labelled as the other.
#[test]
fn a_mention_in_the_title_is_labelled_as_the_title() {
    let recap =
        "# Kiro 深度解析\n\n## 会议概述\n\n本场也讲 Amazon Bedrock。\n\n## 时间线\n\n00:00 开场\n";
    let outputs = build_recaps("title-place", &[("a.md", recap.to_string())]);
    let kiro = file(&outputs, "products/kiro/index.html");
    assert!(
        kiro.contains("href=\"/sessions/kiro-shen-du-jie-xi/\">标题</a>"),
        "{kiro}"
    );
    let bedrock = file(&outputs, "products/amazon-bedrock/index.html");
    assert!(
        bedrock.contains("href=\"/sessions/kiro-shen-du-jie-xi/\">会议概述</a>"),
        "{bedrock}"
    );
}

/// A recap as some note-takers write one: speakers set off by a slash
/// (`李明 / 某大型银行 首席架构师`), the session's code after the title, and
/// `要点总结：` on a line of its own after the timeline. The speakers are
/// read with their roles, an organisation left unnamed (`某大型银行`) has
/// no company page, the code is no product, and the summary is a part of
/// its own rather than more points of the last entry.
#[test]
fn slashed_speakers_a_session_code_and_a_summary_label() {
    let recap = "标题：生成式 AI 在金融行业的落地（FSI302）\n\
                 分享人：李明 / 某大型银行 首席架构师；王芳 / AWS 金融行业解决方案总监\n\n\
                 【00:00】开场，王芳介绍 AWS 在金融行业的客户规模\n\
                 【04:10】李明：基于 Amazon Bedrock 的平台架构\n\
                 【35:45】Q&A\n\n\
                 要点总结：\n\
                 ① 合规先行：所有模型调用都经过 Guardrails\n\
                 ② 数据不出域：使用 PrivateLink\n";
    let outputs = build_recaps("slashed", &[("b.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let session = &data["sessions"][0];
    let speakers: Vec<(&str, &str, &str)> = session["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap_or("");
            (text("name"), text("role"), text("org"))
        })
        .collect();
    assert_eq!(
        speakers,
        [
            ("李明", "首席架构师", "某大型银行"),
            ("王芳", "金融行业解决方案总监", "AWS")
        ]
    );
    assert!(
        !each(&data["companies"], "name").contains(&"某大型银行"),
        "{data}"
    );
    assert!(
        !each(&data["products"], "name").contains(&"FSI302"),
        "{data}"
    );
    let last = session["timeline"].as_array().unwrap().last().unwrap();
    assert_eq!(last["heading"], "Q&A");
    assert_eq!(last["points"].as_array().unwrap().len(), 0, "{last}");
    assert_eq!(session["extra"][0], "## 要点总结", "{session}");
}

/// Tables written without outer pipes (`Speaker | Title`, `--- | ---`):
/// the speakers' table gives the speaker, the timeline's gives entries,
/// and no header cell (`Timestamp`) is taken for a product.
#[test]
fn tables_without_outer_pipes_are_tables() {
    let recap = "# Graviton5 deep dive\n\nSpeaker | Title\n--- | ---\n\
                 Ali Saidi | VP & Distinguished Engineer, AWS\n\n\
                 Timestamp | Topic\n--- | ---\n0:00 | Intro\n\
                 4:30 | Graviton5: 192 cores, faster than Graviton4\n";
    let outputs = build_recaps("unpiped", &[("c.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let speaker = &data["sessions"][0]["speakers"][0];
    assert_eq!(
        (&speaker["name"], &speaker["role"], &speaker["org"]),
        (
            &Value::from("Ali Saidi"),
            &Value::from("VP & Distinguished Engineer"),
            &Value::from("AWS")
        ),
        "{data}"
    );
    assert_eq!(data["sessions"][0]["timeline"].as_array().unwrap().len(), 2);
    assert!(
        !each(&data["products"], "name").contains(&"Timestamp"),
        "{data}"
    );
}
