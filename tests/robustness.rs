//! Bad input of every kind: each gets a clear message naming the file (and
//! line where there is one), and the rest of the site is still built (the
//! output folder's own rules are in `output_folder.rs`).

use std::path::Path;

mod sites;
use sites::{build_with, html_files, recap, session_dirs, site, stderr, Tmp, ROOT};

#[test]
fn bad_recaps_are_reported_by_file_and_line_and_the_rest_builds() {
    let tmp = Tmp::new("bad");
    let s = site(&tmp);
    let seeds = s.join("seeds");
    let w = |name: &str, bytes: &[u8]| std::fs::write(seeds.join(name), bytes).unwrap();
    w("empty.txt", b"");
    w("latin1.txt", b"# Titel\n\n## Timeline\n00:00 - Caf\xe9\n");
    w("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00");
    w("huge.txt", &vec![b'a'; 5 * 1024 * 1024]);
    // Windows editors' "Unicode": UTF-16 behind a byte-order mark.
    let mut utf16 = vec![0xFF, 0xFE];
    "# 某大会 2025 分会场总结：另一种编码\r\n\r\n## 时间线\r\n00:00 - 开场\r\n"
        .encode_utf16()
        .for_each(|u| utf16.extend(u.to_le_bytes()));
    w("utf16.txt", &utf16);
    // Windows editors' "ANSI" in China: GBK.
    let (gbk, _, _) = encoding_rs::GBK
        .encode("# 某大会 2025 分会场总结：国标编码\r\n\r\n## 时间线\r\n00:00 - 开场\r\n");
    w("gbk.txt", &gbk);
    // And in Taiwan and Hong Kong: Big5.
    let (big5, _, _) = encoding_rs::BIG5
        .encode("# 某大會 2025 分會場總結：正體編碼\r\n\r\n## 時間線\r\n00:00 - 開場\r\n");
    w("big5.txt", &big5);
    // Thousands of mentions in one 200 KB line: each excerpt looks only so
    // far for its sentence's ends, or the build takes minutes.
    w(
        "one_line.txt",
        format!(
            "# 某大会 2025 分会场总结：一行到底\n\n## 时间线\n00:00 - {}\n",
            "Amazon Bedrock 很快，".repeat(10_000)
        )
        .as_bytes(),
    );
    w(
        "no_timeline.txt",
        "# 某大会 2025 分会场总结：没有时间线\n\n## 会议概述\n\n只有概述。\n".as_bytes(),
    );
    w(
        "disorder.txt",
        "# 某大会 2025 分会场总结：时间错乱\n\n## 时间线\n05:00 - 后\n01:00 - 前\n99:99 - 不可能\n"
            .as_bytes(),
    );
    let dup = "# 某大会 2025 分会场总结：同名会议\n\n## 时间线\n00:00 - 开场\n";
    w("dup_a.txt", dup.as_bytes());
    w("dup_b.txt", dup.as_bytes());
    w(
        "hostile.txt",
        "+++\nslug = \"../../etc/passwd\"\ntitle = \"<img src=x onerror=alert(1)>标题\"\nvideo_url = \"JavaScript:alert(3)\"\n+++\n## 会议概述\n\n<script>alert('xss')</script> 正文\n\n## 时间线\n00:00 - <b>粗体</b><script>alert(2)</script>\n"
            .as_bytes(),
    );

    let o = recap(&s, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "the site still builds: {err}");
    for (needle, what) in [
        ("empty.txt", "empty"),
        ("latin1.txt:4", "UTF-8"),
        ("gbk.txt", "read as GB18030"),
        ("big5.txt", "read as Big5"),
        ("binary.txt", "binary"),
        ("huge.txt", "KB"),
        ("no_timeline.txt:1", "no timeline"),
        ("disorder.txt:6", "99:99"),
        ("disorder.txt:5", "before"),
        ("hostile.txt:4", "video_url"),
    ] {
        assert!(
            err.lines().any(|l| l.contains(needle) && l.contains(what)),
            "no `{what}` message for {needle} in:\n{err}"
        );
    }

    let out = s.join("public");
    let sessions = session_dirs(&out);
    assert_eq!(
        sessions.len(),
        5 + 9,
        "5 samples + 9 readable bad ones: {sessions:?}"
    );
    assert!(
        sessions.contains(&"ling-yi-chong-bian-ma".to_string()),
        "the UTF-16 recap is a session: {sessions:?}"
    );
    let gbk = std::fs::read_to_string(out.join("sessions/guo-biao-bian-ma/index.html")).unwrap();
    assert!(gbk.contains("国标编码"), "the GBK recap reads as written");
    let big5 = sessions
        .iter()
        .map(|s| std::fs::read_to_string(out.join("sessions").join(s).join("index.html")).unwrap())
        .any(|page| page.contains("正體編碼") && page.contains("開場"));
    assert!(big5, "the Big5 recap reads as written: {sessions:?}");
    let bedrock = std::fs::read_to_string(out.join("products/amazon-bedrock/index.html")).unwrap();
    assert!(
        bedrock.contains("/sessions/yi-xing-dao-di/"),
        "the long line's mentions are listed"
    );
    assert!(
        sessions.contains(&"tong-ming-hui-yi".to_string()),
        "{sessions:?}"
    );
    assert!(
        sessions.contains(&"tong-ming-hui-yi-2".to_string()),
        "{sessions:?}"
    );
    assert!(sessions.contains(&"etc-passwd".to_string()), "{sessions:?}");

    // Nothing escaped the output folder.
    let mut top: Vec<_> = std::fs::read_dir(&s)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    top.sort();
    assert_eq!(top, ["content", "public", "seeds", "themes"]);
    assert!(!tmp.0.join("etc").exists());

    // Markup in a recap is shown as text, never run.
    for (path, html) in html_files(&out) {
        assert!(
            !html.contains("<script>alert"),
            "{} runs recap script",
            path.display()
        );
        assert!(
            !html.contains("<img src=x"),
            "{} has recap markup",
            path.display()
        );
        assert!(
            !html.to_ascii_lowercase().contains("javascript:"),
            "{} links to a script",
            path.display()
        );
    }
    let page = std::fs::read_to_string(out.join("sessions/etc-passwd/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert("),
        "script shown as text"
    );
    assert!(
        page.contains("&lt;b&gt;粗体&lt;&#x2F;b&gt;") || page.contains("&lt;b&gt;粗体&lt;/b&gt;")
    );
}

/// Input shaped to make some stage recurse or rescan without end: each
/// once took minutes or overflowed the stack and took the build down.
#[test]
fn pathological_nesting_is_reported_and_the_rest_builds() {
    let tmp = Tmp::new("nesting");
    let s = site(&tmp);
    let seeds = s.join("seeds");
    let w = |name: &str, text: String| std::fs::write(seeds.join(name), text).unwrap();
    let head =
        |title: &str| format!("# 某大会 2025 分会场总结：{title}\n\n## 时间线\n00:00 - 开场\n");
    // A thousand levels of bullets.
    let deep: String = (0..1000)
        .map(|i| format!("{}- 第{i}层\n", "  ".repeat(i)))
        .collect();
    w("deep.txt", head("层层嵌套") + &deep);
    // YAML front matter nested 100,000 deep.
    w(
        "nested_yaml.txt",
        format!(
            "---\ntitle: 嵌套\nextra: {}1{}\n---\n",
            "{a: ".repeat(100_000),
            "}".repeat(100_000)
        ) + &head("嵌套的头信息"),
    );
    // One run of 20,000 capitalised words.
    let caps: Vec<String> = (0..20_000).map(|i| format!("Word{}", i % 97)).collect();
    w("caps.txt", head("大写长串") + "- " + &caps.join(" ") + "\n");

    let o = recap(&s, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "the site still builds: {err}");
    assert!(
        err.lines()
            .any(|l| l.contains("deep.txt:18:") && l.contains("more than 12 levels")),
        "{err}"
    );
    assert!(
        err.lines()
            .any(|l| l.contains("nested_yaml.txt:2:") && l.contains("more than 64 deep")),
        "{err}"
    );
    let out = s.join("public");
    let sessions = session_dirs(&out);
    assert_eq!(sessions.len(), 5 + 3, "{sessions:?}");
    let page = std::fs::read_to_string(out.join("sessions/ceng-ceng-qian-tao/index.html")).unwrap();
    assert!(page.contains("第999层"), "the deepest bullet is kept");
    // One list per level, 0 to 12; the deeper bullets are the last one's.
    assert_eq!(page.matches("<ul class=\"tl-points\">").count(), 13);
}

#[test]
fn a_recap_that_is_a_table_of_figures_lists_some_and_counts_the_rest() {
    // 3.9 MB of figures once made a 131 MB session page: every figure was
    // listed beside the timeline that already shows them all.
    let tmp = Tmp::new("figures");
    let s = site(&tmp);
    let figures: String = (0..300).map(|i| format!("第{i}项增长 {i}.5%。")).collect();
    std::fs::write(
        s.join("seeds/figures.txt"),
        format!("# 某大会 2025 分会场总结：数据表\n\n## 会议概述\n\n{figures}\n"),
    )
    .unwrap();
    assert!(recap(&s, &["-q", "build"]).status.success());
    let page = std::fs::read_to_string(s.join("public/sessions/shu-ju-biao/index.html")).unwrap();
    // The key few are listed, not all 300 again.
    assert_eq!(page.matches("class=\"number-figure\"").count(), 12);
    assert!(
        page.contains("另有 288 个数据未列出"),
        "the rest are counted"
    );
    assert!(page.contains("第299项增长 299.5%"), "and still in the text");
}

#[test]
fn a_template_error_names_the_template_and_line_and_keeps_the_old_site() {
    let tmp = Tmp::new("template");
    let s = site(&tmp);
    assert!(recap(&s, &["-q", "build"]).status.success());
    let before = std::fs::read(s.join("public/index.html")).unwrap();

    let tpl = s.join("themes/default/templates/session.html");
    let text = std::fs::read_to_string(&tpl).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines.insert(2, "{% if %}");
    std::fs::write(&tpl, lines.join("\n")).unwrap();

    let o = recap(&s, &["build"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "a broken template fails the build");
    assert!(err.contains("session.html"), "names the template: {err}");
    assert!(err.contains("3:"), "names the line (3): {err}");
    assert_eq!(
        std::fs::read(s.join("public/index.html")).unwrap(),
        before,
        "old site kept"
    );
}

/// A macro that calls itself for ever, or a template that includes
/// itself, ran a rendering thread out of stack and aborted the process.
#[test]
fn endless_macro_or_include_recursion_is_a_clear_error_and_keeps_the_old_site() {
    let tmp = Tmp::new("recursion");
    let s = site(&tmp);
    assert!(recap(&s, &["-q", "build"]).status.success());
    let before = std::fs::read(s.join("public/index.html")).unwrap();
    std::fs::create_dir_all(s.join("templates")).unwrap();
    let page = s.join("templates/404.html");
    for (template, needle) in [
        (
            "{% macro again(n) %}{{ self::again(n=n+1) }}{% endmacro again %}{{ self::again(n=1) }}",
            "macro `again` is 128 calls deep",
        ),
        ("{% include \"404.html\" %}", "include of `404.html` is 128 calls deep"),
    ] {
        std::fs::write(&page, template).unwrap();
        let o = recap(&s, &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "a clear failure, not an abort: {err}");
        assert!(err.contains("404.html") && err.contains(needle), "{err}");
        assert_eq!(std::fs::read(s.join("public/index.html")).unwrap(), before);
    }
    // A macro that calls itself and stops is rendered, 127 calls deep.
    std::fs::write(
        &page,
        "{% macro down(n) %}{% if n > 0 %}<i>{{ self::down(n=n-1) }}</i>{% endif %}{% endmacro down %}{{ self::down(n=127) }}",
    )
    .unwrap();
    assert!(recap(&s, &["-q", "build"]).status.success());
    let html = std::fs::read_to_string(s.join("public/404.html")).unwrap();
    assert_eq!(html.matches("<i>").count(), 127);
}

#[test]
fn a_page_at_an_address_already_taken_is_left_out_and_the_rest_builds() {
    let tmp = Tmp::new("address");
    let s = site(&tmp);
    let page = |name: &str, front: &str| {
        std::fs::write(
            s.join("content").join(name),
            format!("---\ntitle: \"{name}\"\n{front}---\n\n{name} 的正文\n"),
        )
        .unwrap()
    };
    page("products.md", "");
    page("zz.md", "slug: about\n");
    let o = recap(&s, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "the site still builds: {err}");
    assert!(
        err.contains("products.md:1: `/products/` is one of recap's own pages"),
        "{err}"
    );
    assert!(
        err.contains("zz.md:1: `/about/` is already the address of `about.md`"),
        "{err}"
    );
    let out = s.join("public");
    let list = std::fs::read_to_string(out.join("products/index.html")).unwrap();
    assert!(!list.contains("products.md 的正文") && list.contains("Amazon Bedrock"));
    let about = std::fs::read_to_string(out.join("about/index.html")).unwrap();
    assert!(!about.contains("zz.md 的正文"));
}

#[test]
fn a_page_naming_a_missing_template_builds_with_page_html_and_a_warning() {
    let tmp = Tmp::new("page-template");
    let (s, o) = build_with(
        &tmp,
        "content/guide.md",
        "---\ntitle: 指南\ntemplate: ../../../etc/passwd\n---\n指南正文\n",
    );
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("guide.md: template `../../../etc/passwd` is not in the theme"),
        "{err}"
    );
    let page = std::fs::read_to_string(s.join("public/guide/index.html")).unwrap();
    assert!(page.contains("指南正文"), "the page is built");
    let check = stderr(&recap(&s, &["check"]));
    assert!(
        check.contains("guide.md: template"),
        "recap check says so too: {check}"
    );
    let bundle = recap(&s, &["bundle", "--out", "offline"]);
    let said = stderr(&bundle);
    assert!(bundle.status.success(), "{said}");
    assert!(
        said.contains("guide.md: template"),
        "recap bundle says so too: {said}"
    );
    let page = std::fs::read_to_string(s.join("offline/guide/index.html")).unwrap();
    assert!(page.contains("指南正文"), "the bundle has the page");
}

#[test]
fn a_missing_theme_is_a_clear_error() {
    let tmp = Tmp::new("theme");
    let s = site(&tmp);
    let o = recap(&s, &["build", "--theme", "themes/nope"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("themes/nope") && err.contains("--theme"),
        "{err}"
    );
}

#[test]
fn a_file_given_for_a_folder_is_named_as_a_file() {
    let tmp = Tmp::new("file-for-folder");
    let s = site(&tmp);
    for flag in ["--seeds", "--content"] {
        let o = recap(&s, &["build", flag, "content/about.md"]);
        assert!(!o.status.success());
        let err = stderr(&o);
        assert!(
            err.contains("content/about.md` is a file, not a folder") && err.contains(flag),
            "{flag}: {err}"
        );
        assert!(!s.join("public").exists(), "{flag}: nothing is built");
    }
}

#[test]
fn a_catalog_toml_error_names_file_and_line_and_the_site_still_builds() {
    let tmp = Tmp::new("catalog");
    let (s, o) = build_with(
        &tmp,
        "content/catalog.toml",
        "[[product]]\nname = \"Amazon Bedrock\"\naliases = [\"Bedrock\"\n",
    );
    let err = stderr(&o);
    assert!(
        err.contains("catalog.toml:"),
        "names the file and line: {err}"
    );
    assert!(o.status.success(), "the rest builds: {err}");
    assert_eq!(session_dirs(&s.join("public")).len(), 5);
}

#[test]
fn misspelt_keys_are_named_with_a_suggestion_and_the_site_builds_with_the_rest() {
    let tmp = Tmp::new("misspelt");
    let catalog = std::fs::read_to_string(Path::new(ROOT).join("content/catalog.toml")).unwrap();
    let catalog = catalog.replacen(
        "name = \"Amazon Bedrock\"\n",
        "name = \"Amazon Bedrock\"\nhompage = \"https://aws.amazon.com/bedrock/\"\n",
        1,
    );
    let s = site(&tmp);
    std::fs::write(s.join("content/catalog.toml"), catalog).unwrap();
    let config = std::fs::read_to_string(s.join("content/site.toml")).unwrap();
    std::fs::write(
        s.join("content/site.toml"),
        format!("{config}\nfeed_limt = 3\n"),
    )
    .unwrap();
    let o = recap(&s, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("unknown key `hompage` is ignored; did you mean `homepage`?"),
        "{err}"
    );
    assert!(
        err.contains("site.toml:") && err.contains("did you mean `feed_limit`?"),
        "{err}"
    );
    let bedrock = s.join("public/products/amazon-bedrock/index.html");
    assert!(bedrock.is_file(), "the catalog is used: {err}");
}

/// Links between the site's own files, as the writer sees them in the
/// folder, land on what was made from those files; a draft is not
/// published; a link to a page that does not exist is named with its line.
#[test]
fn links_to_pages_and_recaps_by_file_and_drafts() {
    let tmp = Tmp::new("source-links");
    let s = site(&tmp);
    let mut seeds: Vec<String> = std::fs::read_dir(s.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    seeds.sort();
    std::fs::create_dir_all(s.join("content/guide")).unwrap();
    std::fs::write(
        s.join("content/guide/setup.md"),
        format!(
            "---\ntitle: 安装说明\n---\n见[关于本站](../about.md)，或[第一场会议](../../seeds/{}#t-1m15s)。\n",
            seeds[0]
        ),
    )
    .unwrap();
    std::fs::write(
        s.join("content/draft.md"),
        "---\ntitle: 未完成的草稿\ndraft: true\n---\n还没写完。\n",
    )
    .unwrap();
    std::fs::write(
        s.join("content/broken.md"),
        "---\ntitle: 坏链接\n---\n[坏链接](nowhere.md)\n",
    )
    .unwrap();
    let o = recap(&s, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("broken.md:4") && err.contains("nowhere.md"),
        "{err}"
    );
    let setup = std::fs::read_to_string(s.join("public/setup/index.html")).unwrap();
    assert!(
        setup.contains("href=\"/about/\""),
        "the page link is the page's address"
    );
    let session_link = setup
        .split("href=\"")
        .map(|h| h.split('"').next().unwrap())
        .find(|h| h.ends_with("#t-1m15s"))
        .expect("the recap link");
    assert!(session_link.starts_with("/sessions/"), "{session_link}");
    let page = session_link
        .trim_start_matches('/')
        .split('#')
        .next()
        .unwrap();
    assert!(
        s.join("public").join(page).join("index.html").exists(),
        "{page}"
    );
    assert!(
        !s.join("public/draft").exists(),
        "the draft is not published"
    );
    for (path, html) in html_files(&s.join("public")) {
        assert!(
            !html.contains("未完成的草稿"),
            "{} names the draft",
            path.display()
        );
    }
}
