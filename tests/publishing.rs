//! What the sample site publishes besides its pages, checked without a
//! browser: the search index answers the queries a reader would type, the
//! Atom feed, sitemap and robots.txt are valid and absolute, every page
//! carries OpenGraph and canonical metadata, sessions carry schema.org
//! Event JSON-LD, and the interface follows the site's language.

#[path = "common/recaps.rs"]
mod recaps;

use recap::search::encode::decode_postings;
use recap::search::query_tokens;
use recap::write::Output;
use recap::BuildOptions;
use recaps::{build_recaps, file};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

const BASE: &str = "https://recap.test/sub";

/// The sample site, with its own `site.toml` or with `site_toml`.
fn build(site_toml: Option<&str>) -> Vec<Output> {
    static BUILDS: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "recap-publishing-{}-{}",
        std::process::id(),
        BUILDS.fetch_add(1, Ordering::Relaxed)
    ));
    let config = site_toml.map(|toml| {
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("site.toml"), toml).unwrap();
        dir.join("site.toml")
    });
    let opts = BuildOptions {
        root: repo(),
        config,
        base_url: Some(BASE.to_string()),
        ..BuildOptions::default()
    };
    let outputs = recap::build_in_memory(&opts)
        .expect("the sample site builds")
        .1;
    let _ = std::fs::remove_dir_all(&dir);
    outputs
}

/// The JSON argument of a shard script `RECAP_SEARCH_LOADED("p",3,{…});`.
fn shard_json(script: &str) -> Value {
    let start = script.find(['{', '[']).unwrap();
    let end = script.rfind(')').unwrap();
    serde_json::from_str(&script[start..end]).unwrap()
}

/// The index as the browser reads it, searched the way search.js does:
/// every query token must match. Returns the page URLs of the hits.
fn search(outputs: &[Output], query: &str) -> BTreeSet<String> {
    documents_with(outputs, query_tokens(query))
        .into_iter()
        .map(|url| url.split('#').next().unwrap().to_string())
        .collect()
}

/// The documents that hold every one of `tokens`, as links: the page's URL
/// and the document's `#anchor`, if it has one.
fn documents_with(outputs: &[Output], tokens: Vec<String>) -> BTreeSet<String> {
    let meta = file(outputs, "search/search-index.js");
    let meta: Value =
        serde_json::from_str(&meta[meta.find('{').unwrap()..=meta.find("};").unwrap()]).unwrap();
    let shards = |kind: &str| meta[kind].as_u64().unwrap() as u32;
    let per_doc_shard = meta["d"].as_u64().unwrap() as u32;
    let mut docs: Option<BTreeSet<u32>> = None;
    for t in tokens {
        let unigram = t.chars().count() == 1 && t.chars().all(recap::search::is_cjk);
        let kind = if unigram { "u" } else { "p" };
        let k = recap::search::token_hash(&t) % shards(kind);
        let shard = shard_json(file(outputs, &format!("search/{kind}/{k}.js")));
        let found: BTreeSet<u32> = shard
            .get(&t)
            .and_then(Value::as_str)
            .map(|p| {
                decode_postings(p)
                    .unwrap()
                    .into_iter()
                    .map(|(d, _)| d)
                    .collect()
            })
            .unwrap_or_default();
        docs = Some(match docs {
            None => found,
            Some(d) => d.intersection(&found).copied().collect(),
        });
    }
    docs.unwrap_or_default()
        .into_iter()
        .map(|d| {
            let shard = shard_json(file(outputs, &format!("search/d/{}.js", d / per_doc_shard)));
            let rec = &shard["docs"][(d % per_doc_shard) as usize];
            let page = &shard["pages"][rec[0].as_u64().unwrap() as usize];
            match rec[1].as_str().unwrap() {
                "" => format!("/{}", page[0].as_str().unwrap()),
                anchor => format!("/{}#{anchor}", page[0].as_str().unwrap()),
            }
        })
        .collect()
}

/// The product of `data/site.json` whose `field` is `value`.
fn product<'a>(data: &'a Value, field: &str, value: &str) -> &'a Value {
    data["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p[field] == value)
        .unwrap_or_else(|| panic!("no product with {field} {value}"))
}

/// Session URLs whose text (title, overview, timeline) contains `needle`.
fn sessions_saying(outputs: &[Output], needle: &str) -> BTreeSet<String> {
    let data: Value = serde_json::from_str(file(outputs, "data/site.json")).unwrap();
    let needle = needle.to_lowercase();
    data["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            let mut text = s["title"].as_str().unwrap().to_string();
            for p in s["overview"].as_array().unwrap() {
                text.push_str(p.as_str().unwrap());
            }
            for e in s["timeline"].as_array().unwrap() {
                text.push_str(e["heading"].as_str().unwrap_or(""));
                text.push_str(e["section"].as_str().unwrap_or(""));
                for p in e["points"].as_array().unwrap() {
                    text.push_str(p["text"].as_str().unwrap());
                }
            }
            text.replace("**", "").to_lowercase().contains(&needle)
        })
        .map(|s| s["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn search_index_finds_every_session_that_says_the_query() {
    let outputs = build(None);
    for q in [
        "Bedrock",
        "桑坦德",
        "代理",
        "Centrica",
        "Nova 2 Sonic",
        "AgentCore",
        "合作伙伴",
        "云",
    ] {
        let expected = sessions_saying(&outputs, q);
        assert!(!expected.is_empty(), "no sample session says {q}");
        let found = search(&outputs, q);
        for url in &expected {
            assert!(
                found.contains(url),
                "{q}: {url} says it but the index does not find it; found {found:?}"
            );
        }
    }
    assert!(search(&outputs, "zzqxjv").is_empty());
}

#[test]
fn search_page_reads_its_strings_from_the_theme() {
    let zh = build(None);
    let page = file(&zh, "search/index.html");
    assert!(page.contains("data-none=\"没有找到结果"), "{page}");
    assert!(page.contains("<script src=\"/search/search-index.js\" defer></script>"));

    let en = build(Some("title = \"Recap\"\nlanguage = \"en\"\n"));
    let page = file(&en, "search/index.html");
    assert!(
        page.contains("data-none=\"Nothing found; try another word.\""),
        "{page}"
    );
    assert!(page.contains("<html lang=\"en\">"));

    // A site in Hong Kong reads its labels in traditional characters.
    let hk = build(Some("title = \"Recap\"\nlanguage = \"zh-HK\"\n"));
    let page = file(&hk, "search/index.html");
    assert!(page.contains("data-none=\"沒有找到結果"), "{page}");
    assert!(page.contains("<html lang=\"zh-HK\">"));
    assert!(file(&hk, "index.html").contains(">會議速覽<"));

    // The script itself holds no interface language.
    let js = std::fs::read_to_string(repo().join("themes/default/static/search.js")).unwrap();
    assert!(
        !js.chars().any(recap::search::is_cjk),
        "search.js must take its strings from the page"
    );
}

#[test]
fn a_capped_entity_page_links_to_every_mention_in_search() {
    let outputs = build(Some("max_mentions_per_page = 2\n"));
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let bedrock = product(&data, "slug", "amazon-bedrock");
    let mentions = bedrock["mentions"].as_array().unwrap();
    assert!(mentions.len() > 2, "more mentions than the page lists");

    let page = file(&outputs, "products/amazon-bedrock/index.html");
    assert!(
        page.contains(
            "<a href=\"/search/?q=Amazon%20Bedrock&amp;of=product%3Aamazon%2Dbedrock\">在搜索中查看全部提及</a>"
        ),
        "{}",
        &page[page.find("mention-more").unwrap_or(0)..]
    );
    // What the link finds: exactly the passages that mention it (a
    // mention's link is its session and entry), though some call it only
    // `Bedrock`, and no other.
    let want: BTreeSet<String> = mentions
        .iter()
        .map(|m| m["url"].as_str().unwrap().to_string())
        .collect();
    assert!(want.len() > 2);
    let found = documents_with(&outputs, vec!["product:amazon-bedrock".to_string()]);
    assert_eq!(found, want);
    let by_words = documents_with(&outputs, query_tokens("Amazon Bedrock"));
    assert!(
        want.difference(&by_words).next().is_some(),
        "some passages say only `Bedrock`: {by_words:?}"
    );
}

#[test]
fn feed_is_valid_atom_with_one_summary_per_session() {
    let outputs = build(None);
    let feed: atom_syndication::Feed = file(&outputs, "feed.xml")
        .parse()
        .expect("feed.xml is Atom");
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let sessions = data["sessions"].as_array().unwrap();
    assert_eq!(feed.entries.len(), sessions.len());
    assert_eq!(feed.id, format!("{BASE}/"));
    for e in &feed.entries {
        assert!(e.id.starts_with(&format!("{BASE}/sessions/")), "{}", e.id);
        assert_eq!(e.links[0].href, e.id);
        let summary = e.summary.as_ref().expect("every entry has a summary");
        assert!(summary.value.chars().count() > 20);
        assert!(e.content.is_none(), "summaries only, not the full recap");
    }
    assert!(feed
        .links
        .iter()
        .any(|l| l.rel == "self" && l.href == format!("{BASE}/feed.xml")));
}

#[test]
fn home_pages_share_out_the_sessions_and_the_feed_keeps_the_newest() {
    let outputs = build(Some("sessions_per_page = 2\nfeed_limit = 3\n"));
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let urls: Vec<&str> = data["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["url"].as_str().unwrap())
        .collect();
    assert_eq!(urls.len(), 5);

    // Five sessions, two to a page: /, /page/2/, /page/3/, in source order.
    let homes = ["index.html", "page/2/index.html", "page/3/index.html"];
    let mut listed = Vec::new();
    for (n, path) in homes.iter().enumerate() {
        let html = file(&outputs, path);
        let cards: Vec<&str> = html
            .split("<h3 class=\"card-title\"><a href=\"")
            .skip(1)
            .map(|s| &s[..s.find('"').unwrap()])
            .collect();
        assert_eq!(cards.len(), if n < 2 { 2 } else { 1 }, "{path}");
        listed.extend(cards);
        // The whole site's figures on every page; the glance on the first.
        assert!(html.contains("<strong>5</strong>"), "{path}");
        assert_eq!(html.contains("class=\"glance\""), n == 0, "{path}");
        assert!(html.contains(&format!("第 {} / 3 页", n + 1)), "{path}");
    }
    assert_eq!(listed, urls, "every session on exactly one home page");
    for gone in ["page/1/index.html", "page/4/index.html"] {
        assert!(outputs.iter().all(|o| o.path != gone), "{gone}");
    }
    let second = file(&outputs, "page/2/index.html");
    assert!(second.contains("href=\"/\" rel=\"prev\""), "{second}");
    assert!(second.contains("href=\"/page/3/\" rel=\"next\""));
    assert!(second.contains("<span aria-current=\"page\">2</span>"));
    assert!(!file(&outputs, "page/3/index.html").contains("rel=\"next\""));
    let sitemap = file(&outputs, "sitemap.xml");
    assert!(sitemap.contains(&format!("<loc>{BASE}/page/3/</loc>")));

    let feed: atom_syndication::Feed = file(&outputs, "feed.xml").parse().unwrap();
    assert_eq!(feed.entries.len(), 3);
    let newest = feed.entries.iter().map(|e| e.updated).max().unwrap();
    assert_eq!(feed.updated, newest);
    assert!(
        feed.entries
            .windows(2)
            .all(|w| w[0].updated >= w[1].updated),
        "newest first"
    );
}

#[test]
fn sitemap_and_robots_list_every_page_absolutely() {
    let outputs = build(None);
    let sitemap = file(&outputs, "sitemap.xml");
    let locs: BTreeSet<&str> = sitemap
        .split("<loc>")
        .skip(1)
        .map(|s| &s[..s.find("</loc>").unwrap()])
        .collect();
    for o in &outputs {
        if let Some(dir) = o.path.strip_suffix("index.html") {
            if dir != "search/" {
                assert!(
                    locs.contains(format!("{BASE}/{dir}").as_str()),
                    "{dir} missing from sitemap"
                );
            }
        }
    }
    assert!(!sitemap.contains("404"));
    let robots = file(&outputs, "robots.txt");
    assert!(
        robots.contains(&format!("Sitemap: {BASE}/sitemap.xml")),
        "{robots}"
    );
    assert!(outputs.iter().any(|o| o.path == "404.html"));
}

#[test]
fn every_page_has_canonical_and_opengraph_and_sessions_have_json_ld() {
    let outputs = build(None);
    let mut checked = BTreeMap::new();
    for o in outputs.iter().filter(|o| o.path.ends_with(".html")) {
        let html = std::str::from_utf8(&o.bytes).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        for needle in [
            "<link rel=\"canonical\" href=\"https://recap.test/sub/",
            "property=\"og:title\"",
            "property=\"og:url\"",
            "<meta name=\"description\" content=\"",
        ] {
            assert!(head.contains(needle), "{}: no {needle}", o.path);
        }
        if o.path.starts_with("sessions/") {
            let start = head
                .find("<script type=\"application/ld+json\">")
                .expect("session JSON-LD")
                + 35;
            let ld: Value = serde_json::from_str(
                &head[start..start + head[start..].find("</script>").unwrap()],
            )
            .unwrap();
            assert_eq!(ld["@type"], "Event", "{}", o.path);
            assert!(ld["url"].as_str().unwrap().starts_with(BASE));
            assert!(ld["name"].as_str().unwrap().len() > 5);
        }
        checked.insert(o.path.clone(), ());
    }
    assert!(checked.len() > 7, "{checked:?}");
}

#[test]
fn search_and_feeds_are_deterministic() {
    let a = build(None);
    let b = build(None);
    let pick = |o: &[Output]| -> Vec<Output> {
        o.iter()
            .filter(|o| {
                o.path.starts_with("search/") || o.path.ends_with(".xml") || o.path == "robots.txt"
            })
            .cloned()
            .collect()
    };
    assert_eq!(pick(&a), pick(&b));
}

#[test]
fn a_discovered_part_of_a_catalog_product_is_listed_with_its_family() {
    let outputs = build_recaps(
        "part",
        &[(
            "harbor.txt",
            "# AWS re:Invent 2025 分会场总结：代理记忆\n\n## 会议概述\n\n\
         本次会议介绍了 AgentCore Harbor 的设计。\n\n## 详细时间线\n\n\
         ### 第一部分 (00:00 - 05:00)\n00:00 - 02:00 - 发布 AgentCore Harbor\n\
         - AgentCore Harbor 为代理保存长期记忆\n- 它运行在 AgentCore 上\n"
                .to_string(),
        )],
    );
    let list = file(&outputs, "products/index.html");
    let card = &list[list.find(">AgentCore Harbor</a>").expect("listed")..];
    let card = &card[..card.find("</li>").unwrap()];
    assert!(
        card.contains("Amazon Bedrock AgentCore 的组成部分"),
        "{card}"
    );
    let page = file(&outputs, "products/agentcore-harbor/index.html");
    assert!(page.contains("href=\"/products/amazon-bedrock-agentcore/\""));
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let harbor = product(&data, "name", "AgentCore Harbor");
    assert_eq!(harbor["parent"], "amazon-bedrock-agentcore");
    assert_eq!(harbor["catalogued"], false);
}

#[test]
fn a_family_page_counts_its_members_sessions_most_mentioned_first() {
    // Trainium3 in both sessions, Trainium2 in one; the family's own name
    // is never said alone.
    let recaps: Vec<(&str, String)> = [
        ("a.txt", "芯片一", "它比 AWS Trainium2 快四倍"),
        ("b.txt", "芯片二", "客户已经开始迁移"),
    ]
    .into_iter()
    .map(|(file, title, extra)| {
        (
            file,
            format!(
                "# AWS re:Invent 2025 分会场总结：{title}\n\n## 会议概述\n\n\
             本次会议介绍了 AWS Trainium3。\n\n## 详细时间线\n\n\
             ### 第一部分 (00:00 - 05:00)\n00:00 - 02:00 - 芯片\n\
             - AWS Trainium3 正式可用\n- {extra}\n"
            ),
        )
    })
    .collect();
    let outputs = build_recaps("family", &recaps);
    let page = file(&outputs, "products/aws-trainium/index.html");
    assert!(page.contains("系列成员在 2 场会议中提及"), "{page}");
    let list = file(&outputs, "products/index.html");
    let card = &list[list.find(">AWS Trainium</a>").expect("listed")..];
    let card = &card[..card.find("</li>").unwrap()];
    assert!(card.contains("系列成员在 2 场会议中提及"), "{card}");
    let family = &page[page.find("id=\"family-title\"").expect("members listed")..];
    let family = &family[..family.find("</ul>").unwrap()];
    let three = family.find(">AWS Trainium3</a>").expect("Trainium3 listed");
    let two = family.find(">AWS Trainium2</a>").expect("Trainium2 listed");
    assert!(three < two, "the most mentioned first: {family}");
    assert!(
        family.contains(
            ">AWS Trainium3</a><span class=\"chip-count\" title=\"在 2 场会议中提及\">2</span>"
        ),
        "{family}"
    );
    assert!(family.contains(
        ">AWS Trainium2</a><span class=\"chip-count\" title=\"在 1 场会议中提及\">1</span>"
    ));
    // The maker's page counts its products the same way.
    let aws = file(&outputs, "companies/aws/index.html");
    let makes = &aws[aws.find("id=\"makes-title\"").expect("products listed")..];
    assert!(makes.find(">AWS Trainium3</a>") < makes.find(">AWS Trainium2</a>"));
}

#[test]
fn the_addresses_kept_from_content_pages_are_the_ones_recap_makes() {
    let outputs = build(None);
    // The sample's Markdown pages, which take their file's name.
    let stems: Vec<String> = std::fs::read_dir(repo().join("content"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().into_string().unwrap();
            name.strip_suffix(".md").map(String::from)
        })
        .collect();
    let pages: BTreeSet<&str> = stems.iter().map(String::as_str).collect();
    let made: BTreeSet<&str> = outputs
        .iter()
        .filter_map(|o| o.path.strip_suffix("/index.html"))
        .filter(|p| !p.contains('/') && !pages.contains(p))
        .collect();
    let reserved: BTreeSet<&str> = recap::parse::SECTIONS.into_iter().collect();
    assert_eq!(made, reserved);
}

/// The export holds all a recap says: a part the parser has no slot for
/// (`## 背景`, `## 总结`) is there with its heading, where the page shows
/// it: with the overview before the timeline, after it after it.
#[test]
fn the_export_keeps_the_parts_without_a_slot() {
    let recap = "# 导出\n\n## 背景\n\n背景文字。\n\n## 时间线\n\n00:00 开场\n\n## 总结\n\n- 第一条\n- 第二条\n";
    let outputs = build_recaps("extra", &[("a.md", recap.to_string())]);
    let data: Value = serde_json::from_str(file(&outputs, "data/site.json")).unwrap();
    let part = |key: &str| -> String {
        data["sessions"][0][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (overview, extra) = (part("overview"), part("extra"));
    for said in ["背景", "背景文字。"] {
        assert!(overview.contains(said), "{said} missing from {overview:?}");
    }
    for said in ["总结", "第一条", "第二条"] {
        assert!(extra.contains(said), "{said} missing from {extra:?}");
    }
    let page = file(&outputs, "sessions/dao-chu/index.html");
    let at = |said: &str| page.find(said).unwrap_or_else(|| panic!("{said} missing"));
    assert!(at("背景文字。") < at("开场") && at("开场") < at("第二条"));
}
