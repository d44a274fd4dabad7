use super::*;

#[test]
fn digits_are_grouped_by_thousands() {
    for (n, want) in [
        (0, "0"),
        (999, "999"),
        (1000, "1,000"),
        (257_853, "257,853"),
        (1_234_567, "1,234,567"),
    ] {
        assert_eq!(group_digits(n), want);
    }
}

fn link(text: &str, word: &str, url: &str) -> Link {
    let start = text.find(word).unwrap();
    Link {
        start,
        end: start + word.len(),
        url: url.into(),
        title: format!("{word} \"page\"").into(),
    }
}

#[test]
fn prose_lines_become_paragraphs_and_lists() {
    assert_eq!(prose_blocks("一行 <b>", &[]), "<p>一行 &lt;b&gt;</p>");
    assert_eq!(prose_blocks("## 总结", &[]), "<h3>总结</h3>");
    // A list of one is a list.
    assert_eq!(
        prose_blocks("- 99.999% 可用性", &[]),
        "<ul><li>99.999% 可用性</li></ul>"
    );
    assert_eq!(prose_blocks("1. 评估", &[]), "<ol><li>评估</li></ol>");
    assert_eq!(
        prose_blocks("## 关键要点\n- 甲\n- 乙", &[]),
        "<h3>关键要点</h3><ul><li>甲</li><li>乙</li></ul>"
    );
    assert_eq!(prose_blocks("#话题 不是标题", &[]), "<p>#话题 不是标题</p>");
    assert_eq!(
        prose_blocks("他说：\n> 甲\n> 乙\n完", &[]),
        "<p>他说：</p><blockquote><p>甲<br>乙</p></blockquote><p>完</p>"
    );
    let text =
        "三个重点：\n- Amazon Bedrock 路由\n- 成本下降 **35%**\n1. 评估\n2. 上线\n结尾\n续行";
    let links = [link(text, "Amazon Bedrock", "/products/amazon-bedrock/")];
    assert_eq!(
        prose_blocks(text, &links),
        "<p>三个重点：</p><ul><li><a href=\"/products/amazon-bedrock/\" \
         title=\"Amazon Bedrock &quot;page&quot;\">Amazon Bedrock</a> 路由</li>\
         <li>成本下降 <strong>35%</strong></li></ul><ol><li>评估</li><li>上线</li></ol>\
         <p>结尾<br>续行</p>"
    );
    // A link across a line break is not a link of either line.
    let text = "甲乙\n丙丁";
    let across = Link {
        start: 3,
        end: 10,
        url: "/x/".into(),
        title: "x".into(),
    };
    assert_eq!(prose_blocks(text, &[across]), "<p>甲乙<br>丙丁</p>");
    let text = "会议信息：\n| 项目 | 内容 |\n|---|---|\n| 地点 | 拉斯维加斯 <b> |\n| 产品 | Amazon Bedrock |";
    let links = [link(text, "Amazon Bedrock", "/products/amazon-bedrock/")];
    assert_eq!(
        prose_blocks(text, &links),
        "<p>会议信息：</p><div class=\"table-wrap\"><table><tr><th>项目</th><th>内容</th></tr>\
         <tr><td>地点</td><td>拉斯维加斯 &lt;b&gt;</td></tr><tr><td>产品</td><td>\
         <a href=\"/products/amazon-bedrock/\" title=\"Amazon Bedrock &quot;page&quot;\">\
         Amazon Bedrock</a></td></tr></table></div>"
    );
    assert_eq!(
        prose_blocks("| 时间 | 2025-12-02 |", &[]),
        "<div class=\"table-wrap\"><table><tr><td>时间</td><td>2025-12-02</td></tr></table></div>"
    );
}

#[test]
fn escapes_markup_in_recaps() {
    let html = linked_text("<script>alert('x')</script> & 更多", &[]);
    assert_eq!(
        html,
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; 更多"
    );
}

#[test]
fn escapes_every_special_character_wherever_it_stands() {
    assert_eq!(escape(""), "");
    assert_eq!(escape("讲者"), "讲者");
    assert_eq!(
        escape("&开<场>\"'结束'"),
        "&amp;开&lt;场&gt;&quot;&#39;结束&#39;"
    );
    let mut out = String::from("前");
    escape_into(&mut out, "a<b");
    assert_eq!(out, "前a&lt;b");
}

#[test]
fn links_spans_by_byte_offset_in_chinese_text() {
    let text = "发布Amazon Bedrock与<b>";
    let html = linked_text(
        text,
        &[link(text, "Amazon Bedrock", "/products/amazon-bedrock/")],
    );
    assert_eq!(
        html,
        "发布<a href=\"/products/amazon-bedrock/\" title=\"Amazon Bedrock &quot;page&quot;\">\
         Amazon Bedrock</a>与&lt;b&gt;"
    );
}

#[test]
fn web_addresses_are_links_and_markdown_links_show_their_label() {
    let text = "详见 https://x.org/a?b=1&c=2。另见[**Bedrock** 文档](https://docs.x.org/b)和[坏](javascript:alert(1))";
    let html = linked_text(text, &[link(text, "Bedrock", "/products/amazon-bedrock/")]);
    assert_eq!(
        html,
        "详见 <a href=\"https://x.org/a?b=1&amp;c=2\">https://x.org/a?b=1&amp;c=2</a>。\
         另见<a href=\"https://docs.x.org/b\"><strong>Bedrock</strong> 文档</a>\
         和[坏](javascript:alert(1))"
    );
    // Markdown's autolink: the angle brackets are not shown.
    assert_eq!(
        linked_text("见 <https://x.org/a>。", &[]),
        "见 <a href=\"https://x.org/a\">https://x.org/a</a>。"
    );
}

#[test]
fn ignores_bad_spans_and_unsafe_urls() {
    let text = "桑坦德银行";
    let bad = [
        Link {
            start: 1,
            end: 3,
            url: "/x/".into(),
            title: "t".into(),
        },
        Link {
            start: 0,
            end: 99,
            url: "/x/".into(),
            title: "t".into(),
        },
        Link {
            start: 0,
            end: 6,
            url: "javascript:alert(1)".into(),
            title: "t".into(),
        },
        Link {
            start: 3,
            end: 3,
            url: "/x/".into(),
            title: "t".into(),
        },
    ];
    assert_eq!(linked_text(text, &bad), "桑坦德银行");
}

#[test]
fn overlapping_links_keep_the_leftmost_longest() {
    let text = "Nova 2 Lite";
    let a = Link {
        start: 0,
        end: 11,
        url: "/a/".into(),
        title: "A".into(),
    };
    let b = Link {
        start: 0,
        end: 6,
        url: "/b/".into(),
        title: "B".into(),
    };
    let html = linked_text(text, &[a, b]);
    assert_eq!(html, "<a href=\"/a/\" title=\"A\">Nova 2 Lite</a>");
}

#[test]
fn bold_becomes_strong_and_nests_with_links() {
    assert_eq!(
        linked_text("发布**Trainium4**：", &[]),
        "发布<strong>Trainium4</strong>："
    );
    assert_eq!(linked_text("a ** b", &[]), "a ** b");
    // Bold that starts with a link opens inside it, not empty before it.
    let text = "使用**Kiro**生成";
    let html = linked_text(text, &[link(text, "Kiro", "/k/")]);
    assert_eq!(
        html,
        "使用<a href=\"/k/\" title=\"Kiro &quot;page&quot;\"><strong>Kiro</strong></a>生成"
    );
    let text = "发布**Amazon Nova 2**模型";
    let html = linked_text(text, &[link(text, "Nova 2**模型", "/p/")]);
    assert_eq!(
        html,
        "发布<strong>Amazon </strong><a href=\"/p/\" title=\"Nova 2**模型 &quot;page&quot;\">\
         <strong>Nova 2</strong>模型</a>"
    );
}

#[test]
fn italics_and_strikethrough_show_as_em_and_del_without_their_marks() {
    assert_eq!(
        linked_text("这是*重点*，价格~~100 元~~现在 80 元", &[]),
        "这是<em>重点</em>，价格<del>100 元</del>现在 80 元"
    );
    // Stars and tildes that are not emphasis stay as written.
    assert_eq!(
        linked_text("2 * 3 = 6，*注：3~5 天", &[]),
        "2 * 3 = 6，*注：3~5 天"
    );
    // A link over emphasised text, and emphasis that crosses a link, nest.
    let text = "用 *Amazon S3* 存储";
    let html = linked_text(text, &[link(text, "Amazon S3", "/s3/")]);
    assert_eq!(
        html,
        "用 <a href=\"/s3/\" title=\"Amazon S3 &quot;page&quot;\"><em>Amazon S3</em></a> 存储"
    );
    let text = "**重要：*很*重要**，~~旧 Kiro~~";
    let html = linked_text(text, &[link(text, "Kiro", "/k/")]);
    assert_eq!(
        html,
        "<strong>重要：<em>很</em>重要</strong>，<del>旧 </del><a href=\"/k/\" \
         title=\"Kiro &quot;page&quot;\"><del>Kiro</del></a>"
    );
    // Marks in code are code.
    assert_eq!(linked_text("`*a*` *b*", &[]), "<code>*a*</code> <em>b</em>");
    // Bold and emphasis at once.
    assert_eq!(
        linked_text("***重点***内容，***Amazon S3***", &[]),
        "<strong><em>重点</em></strong>内容，<strong><em>Amazon S3</em></strong>"
    );
}

#[test]
fn marks_from_other_note_tools_show_as_meant() {
    // A highlight, a task's box, a line break and a wiki link.
    assert_eq!(
        linked_text("这是==高亮==，a == b", &[]),
        "这是<mark>高亮</mark>，a == b"
    );
    assert_eq!(
        linked_text("[x] 完成", &[]),
        "<span class=\"task\" role=\"checkbox\" aria-checked=\"true\" \
         aria-disabled=\"true\"></span> 完成"
    );
    assert_eq!(linked_text("[ ]x", &[]), "[ ]x");
    assert_eq!(
        linked_text("第一行<br>第二行<BR />", &[]),
        "第一行<br>第二行<br>"
    );
    assert_eq!(linked_text("<br onclick=x>", &[]), "&lt;br onclick=x&gt;");
    let text = "参见 [[Amazon S3|S3 服务]] 与 [[Kiro]]";
    let html = linked_text(text, &[link(text, "Kiro", "/k/")]);
    assert_eq!(
        html,
        "参见 S3 服务 与 <a href=\"/k/\" title=\"Kiro &quot;page&quot;\">Kiro</a>"
    );
    // In code, all of them are code.
    assert_eq!(
        linked_text("`[[a]]<br>`", &[]),
        "<code>[[a]]&lt;br&gt;</code>"
    );
}

#[test]
fn clip_keeps_short_text_and_marks_a_cut() {
    assert_eq!(clip("开场白", 3), "开场白");
    assert_eq!(clip("开场白与介绍", 3), "开场…");
    assert_eq!(clip("Bedrock", 5), "Bedr…");
    assert_eq!(clip("", 0), "");
}

#[test]
fn escaping_finds_every_special_byte_at_every_offset() {
    let by_bytes = |text: &str| {
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    };
    for special in ["&", "<", ">", "\"", "'"] {
        for before in 0..20 {
            for after in 0..10 {
                let pad = "中a".repeat(before / 2) + &"%".repeat(before % 2);
                let text = format!("{pad}{special}{}{special}", "=".repeat(after));
                assert_eq!(escape(&text), by_bytes(&text), "{text:?}");
            }
        }
    }
    // Bytes next to the special ones in value.
    let near: String = "%'()*;=?[\\]{}~\u{7f}&<>\""
        .chars()
        .cycle()
        .take(101)
        .collect();
    assert_eq!(escape(&near), by_bytes(&near));
}

#[test]
fn images_the_session_can_show_become_img_and_others_stay_text() {
    let images = Shows::new(
        Images::from_pairs(&[
            ("arch.png", "/media/a/arch.png"),
            ("https://e.org/x.png", "https://e.org/x.png"),
        ]),
        &[],
    );
    let text = "**架构** ![Amazon S3 \"架构\"](arch.png) 与 ![缺](missing.png)";
    let html = linked_text_with(text, &[link(text, "Amazon S3", "/products/s3/")], &images);
    assert_eq!(
        html,
        "<strong>架构</strong> <img src=\"/media/a/arch.png\" \
         alt=\"Amazon S3 &quot;架构&quot;\" loading=\"lazy\" decoding=\"async\" class=\"recap-image\"> 与 ![缺](missing.png)"
    );
    // A mention just before an image is closed before it; a web image
    // is not also a link.
    let text = "Bedrock![图](https://e.org/x.png)";
    let html = linked_text_with(text, &[link(text, "Bedrock", "/p/")], &images);
    assert!(
        html.starts_with("<a href=\"/p/\" title=\"Bedrock &quot;page&quot;\">Bedrock</a><img src=\"https://e.org/x.png\""),
        "{html}"
    );
    assert!(
        !html.contains("](") && html.matches("<a ").count() == 1,
        "{html}"
    );
    // Bold around an image, and an image in a list.
    assert_eq!(
        prose_blocks_with("- **![a](arch.png)**\n- 乙", &[], &images),
        "<ul><li><strong><img src=\"/media/a/arch.png\" alt=\"a\" loading=\"lazy\" \
         decoding=\"async\" class=\"recap-image\"></strong></li><li>乙</li></ul>"
    );
    // A linked image is an image in a link.
    assert_eq!(
        linked_text_with("[![a](arch.png)](https://e.org/big)", &[], &images),
        "<a href=\"https://e.org/big\"><img src=\"/media/a/arch.png\" alt=\"a\" \
         loading=\"lazy\" decoding=\"async\" class=\"recap-image\"></a>"
    );
    // Without images, the text is as before.
    assert_eq!(linked_text("![a](arch.png)", &[]), "![a](arch.png)");
}

#[test]
fn inline_code_is_shown_as_code_with_nothing_inside_it() {
    let text = "运行 `aws s3 cp **x**` 或 `https://x.org/a`，再看 `Amazon S3` 与 `<b>`";
    let s3 = text.find("Amazon S3").unwrap();
    let s3_link = Link {
        start: s3,
        end: s3 + "Amazon S3".len(),
        url: "/products/amazon-s3/".into(),
        title: "".into(),
    };
    let cp = text.find("s3 cp").unwrap();
    let inside = Link {
        start: cp,
        end: cp + 2,
        url: "/products/amazon-s3/".into(),
        title: "".into(),
    };
    assert_eq!(
        linked_text(text, &[inside, s3_link]),
        "运行 <code>aws s3 cp **x**</code> 或 <code>https://x.org/a</code>，再看 \
         <a href=\"/products/amazon-s3/\"><code>Amazon S3</code></a> 与 <code>&lt;b&gt;</code>"
    );
    // A backtick with no partner is text.
    assert_eq!(linked_text("一个 ` 反引号", &[]), "一个 ` 反引号");
    // Code over an image shows the syntax; code in an image's alt text is
    // part of it.
    let images = Shows::new(
        crate::media::Images::from_pairs(&[("a.png", "/media/a.png")]),
        &[],
    );
    assert_eq!(
        linked_text_with("`![图](a.png)`", &[], &images),
        "<code>![图](a.png)</code>"
    );
    assert_eq!(
        linked_text_with("![a `b`](a.png)", &[], &images),
        "<img src=\"/media/a.png\" alt=\"a `b`\" loading=\"lazy\" decoding=\"async\" \
         class=\"recap-image\">"
    );
}

#[test]
fn footnote_references_link_to_their_notes() {
    let notes = [crate::model::Footnote {
        label: "1".into(),
        number: 1,
        text: "注".into(),
        line: 9,
    }];
    let shows = Shows::new(Images::default(), &notes);
    let first = linked_text_with("成本降低三成[^1]。", &[], &shows);
    assert_eq!(
        first,
        "成本降低三成<sup class=\"fn-ref\" id=\"fnref-1\"><a href=\"#fn-1\" role=\"doc-noteref\">1</a></sup>。"
    );
    assert!(shows.referred(1));
    // Later references have no id; one to no note, or in code, is text;
    // bold around a reference holds it.
    let later = linked_text_with("**又见[^1]** [^2] `[^1]`", &[], &shows);
    assert_eq!(
        later,
        "<strong>又见<sup class=\"fn-ref\"><a href=\"#fn-1\" role=\"doc-noteref\">1</a></sup></strong> \
         [^2] <code>[^1]</code>"
    );
    // A link never holds one: links do not nest.
    let link = Link {
        start: 0,
        end: 9,
        url: "/p/".into(),
        title: "".into(),
    };
    let html = linked_text_with("S3[^1]xyz", &[link], &shows);
    assert!(!html.contains("/p/"), "{html}");
    assert!(html.contains("#fn-1"), "{html}");
    // Nor does a Markdown link's label: the link ends before the number.
    let html = linked_text_with("见[博客[^1]](https://a.org/b)。", &[], &shows);
    assert_eq!(
        html,
        "见<a href=\"https://a.org/b\">博客</a><sup class=\"fn-ref\"><a href=\"#fn-1\" \
         role=\"doc-noteref\">1</a></sup>。"
    );
    // Without the session's notes (a summary, a feed), it is text.
    assert_eq!(linked_text("降低[^1]", &[]), "降低[^1]");
}
