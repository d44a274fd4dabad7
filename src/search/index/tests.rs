use super::super::encode::decode_postings;
use super::super::query_tokens;
use super::super::SearchField;
use super::*;
use std::borrow::Cow;
use std::collections::BTreeMap;

fn doc<'a>(
    url: impl Into<Cow<'a, str>>,
    title: impl Into<Cow<'a, str>>,
    body: impl Into<Cow<'a, str>>,
) -> SearchDoc<'a> {
    let (title, body) = (title.into(), body.into());
    SearchDoc {
        page_url: url.into(),
        page_title: title.clone(),
        kind: "session".into(),
        anchor: "".into(),
        label: "".into(),
        fields: vec![
            SearchField::new(title, 3.0),
            SearchField::new(body.clone(), 1.0),
        ],
        text: body,
        tags: Vec::new(),
    }
}

fn postings_of(files: &[Output], token: &str) -> Vec<(u32, u8)> {
    for f in files
        .iter()
        .filter(|f| f.path.starts_with("search/p/") || f.path.starts_with("search/u/"))
    {
        let s = String::from_utf8(f.bytes.clone()).unwrap();
        let json = &s[s.find('{').unwrap()..s.rfind(')').unwrap()];
        let map: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        if let Some(p) = map.get(token) {
            return decode_postings(p).unwrap();
        }
    }
    Vec::new()
}

#[test]
fn finds_documents_by_every_query_token() {
    let docs = [
        doc(
            "/sessions/a/",
            "桑坦德银行的迁移",
            "使用 Amazon Bedrock 构建代理",
        ),
        doc("/sessions/b/", "Centrica 能源", "代理式AI与电网"),
    ];
    let (files, stats) = build_index(&docs[..], "zh-CN");
    assert_eq!(stats.docs, 2);
    let docs_of = |q: &str| -> Vec<Vec<u32>> {
        query_tokens(q)
            .iter()
            .map(|t| postings_of(&files, t).iter().map(|p| p.0).collect())
            .collect()
    };
    assert_eq!(docs_of("桑坦德"), vec![vec![0], vec![0]]);
    assert_eq!(docs_of("代理"), vec![vec![0, 1]]);
    assert_eq!(docs_of("centrica"), vec![vec![1]]);
    assert_eq!(docs_of("Bedrock"), vec![vec![0]]);
}

#[test]
fn title_matches_weigh_more_than_body_matches() {
    let docs = [
        doc("/a/", "Bedrock", "一些别的内容和更多的文字"),
        doc("/b/", "别的标题", "Bedrock 一些内容和更多的文字"),
    ];
    let (files, _) = build_index(&docs[..], "en");
    let p = postings_of(&files, "bedrock");
    assert!(p[0].1 > p[1].1, "{p:?}");
}

#[test]
fn meta_names_shards_and_finds_its_own_base() {
    let (files, stats) = build_index(&[doc("/a/", "x", "y")][..], "en");
    let meta = files
        .iter()
        .find(|f| f.path == "search/search-index.js")
        .unwrap();
    let meta = String::from_utf8(meta.bytes.clone()).unwrap();
    assert!(meta.starts_with("window.RECAP_SEARCH={"), "{meta}");
    assert!(meta.contains("document.currentScript"));
    assert_eq!(stats.postings_shards, 1);
    assert!(files.iter().any(|f| f.path == "search/p/0.js"));
    assert!(files.iter().any(|f| f.path == "search/d/0.js"));
}

#[test]
fn unigrams_live_apart_and_pages_are_numbered() {
    let mut a2 = doc("/sessions/a/", "代理", "x");
    a2.anchor = "t-1m00s".into();
    let docs = [
        doc("/sessions/a/", "代理", "x"),
        a2,
        doc("/sessions/b/", "其他", "y"),
    ];
    let (files, stats) = build_index(&docs[..], "zh-CN");
    let unigram_files: String = files
        .iter()
        .filter(|f| f.path.starts_with("search/u/"))
        .map(|f| String::from_utf8_lossy(&f.bytes).into_owned())
        .collect();
    assert!(unigram_files.contains("\"代\"") && !unigram_files.contains("代理"));
    assert_eq!(stats.pages, 2);
    // Pages start at documents 0 and 2: gaps 0 and 2.
    let meta = files
        .iter()
        .find(|f| f.path == "search/search-index.js")
        .unwrap();
    assert!(String::from_utf8_lossy(&meta.bytes).contains(r#""s":"02""#));
}

#[test]
fn output_is_deterministic() {
    let docs: Vec<SearchDoc> = (0..50)
        .map(|i| {
            doc(
                format!("/s/{i}/"),
                format!("会议 {i}"),
                "代理 Bedrock 数据 桑坦德 模型",
            )
        })
        .collect();
    assert_eq!(
        build_index(&docs[..], "zh-CN").0,
        build_index(&docs[..], "zh-CN").0
    );
}

#[test]
fn large_sites_get_more_shards() {
    let docs: Vec<SearchDoc> = (0..3000)
        .map(|i| {
            doc(
                format!("/s/{i}/"),
                format!("标题{i}号 word{i}"),
                format!("正文{i} token{} 更多内容{}", i * 7, i % 13),
            )
        })
        .collect();
    let (_, stats) = build_index(&docs[..], "zh-CN");
    assert!(stats.postings_shards > 1, "{stats:?}");
    assert!(stats.docs_shards > 1, "{stats:?}");
    assert!(
        stats.largest_postings_shard < stats.total_bytes / 2,
        "{stats:?}"
    );
}

#[test]
fn a_failed_file_stops_the_index() {
    let docs: Vec<SearchDoc> = (0..50)
        .map(|i| {
            doc(
                format!("/s/{i}/"),
                format!("会议 {i}"),
                format!("代理 word{i}"),
            )
        })
        .collect();
    let (all, _) = build_index(&docs[..], "zh-CN");
    assert!(all.len() > 2, "{} files", all.len());
    let mut handed = Vec::new();
    let err = write_index(&docs[..], "zh-CN", &mut |f| {
        handed.push(f.path);
        if handed.len() == 2 {
            anyhow::bail!("disk full");
        }
        Ok(())
    })
    .unwrap_err();
    assert_eq!(err.to_string(), "disk full");
    assert_eq!(handed.len(), 2, "nothing is made after the failure");
}

/// Documents grouped as a site groups them (a session's entries
/// together, some groups empty).
struct Grouped<'a>(Vec<Vec<SearchDoc<'a>>>);

impl Documents for Grouped<'_> {
    fn groups(&self) -> usize {
        self.0.len()
    }
    fn group(&self, g: usize) -> Vec<SearchDoc<'_>> {
        self.0[g].clone()
    }
}

#[test]
fn grouping_does_not_change_the_index() {
    // Enough documents for several term batches and document windows.
    let docs: Vec<SearchDoc> = (0..40_000)
        .map(|i| {
            let mut d = doc(
                format!("/s/{}/", i / 9),
                format!("会议 {}", i / 9),
                format!("代理 word{} 数据{}", i % 97, i % 13),
            );
            d.anchor = format!("t-{i}").into();
            d
        })
        .collect();
    let mut grouped: Vec<Vec<SearchDoc>> = Vec::new();
    for (k, chunk) in docs.chunks(9).enumerate() {
        if k % 5 == 0 {
            grouped.push(Vec::new());
        }
        grouped.push(chunk.to_vec());
    }
    let (one_by_one, a) = build_index(&docs[..], "zh-CN");
    let (by_page, b) = build_index(&Grouped(grouped), "zh-CN");
    assert_eq!(a, b);
    assert_eq!(a.pages, 40_000usize.div_ceil(9));
    assert!(a.docs_shards > BATCH * 4 / a.docs_per_shard, "{a:?}");
    assert!(one_by_one == by_page);
}
