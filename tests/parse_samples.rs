//! The five sample recaps, parsed, checked against values counted by hand in
//! each file; and the malformed fixtures, each giving a clear diagnostic
//! while the rest still parses.

use recap::model::{End, Session};
use recap::parse::recap::parse_recap;
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/seeds");
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn parse_seed(name: &str) -> (Session, Vec<recap::diagnostics::Diagnostic>) {
    let text = std::fs::read_to_string(Path::new(SEEDS).join(name)).unwrap();
    let r = parse_recap(name, &text);
    (r.session, r.diagnostics)
}

/// What a careful reader counts in one recap.
struct Expected {
    file: &'static str,
    conference: &'static str,
    kind: Option<&'static str>,
    topic: &'static str,
    overview_paragraphs: usize,
    sections: usize,
    entries: usize,
    first_start: u32,
    last_start: u32,
    last_end: Option<End>,
    key_themes: &'static [&'static str],
    note_starts: Option<&'static str>,
}

const EXPECTED: &[Expected] = &[
    Expected {
        file: "000_2aa07469c266620e.txt",
        conference: "AWS re:Invent 2025",
        kind: None,
        topic: "中小企业AI转型指南",
        overview_paragraphs: 2,
        sections: 1,
        entries: 21,
        first_start: 0,
        last_start: 21 * 60 + 30,
        last_end: None,
        key_themes: &[],
        note_starts: None,
    },
    Expected {
        file: "001_03771303696d7fa2.txt",
        conference: "AWS re:Invent 2025",
        kind: Some("分会场"),
        topic: "通过合作伙伴解决方案扩展生成式AI",
        overview_paragraphs: 3,
        sections: 1,
        entries: 15,
        first_start: 0,
        last_start: 20 * 60 + 15,
        last_end: Some(End::At(20 * 60 + 30)),
        key_themes: &[],
        note_starts: None,
    },
    Expected {
        file: "002_b08380ee3582db1c.txt",
        conference: "AWS re:Invent 2025",
        kind: Some("主题演讲"),
        topic: "主题演讲",
        overview_paragraphs: 3,
        sections: 11,
        entries: 11,
        first_start: 0,
        last_start: 3600 + 35 * 60,
        last_end: Some(End::Close),
        key_themes: &[
            "AI代理化转型",
            "开放式创新平台",
            "企业级安全与治理",
            "开发者生产力革命",
        ],
        note_starts: None,
    },
    Expected {
        file: "003_7a5166725542337e.txt",
        conference: "AWS re:Invent 2025",
        kind: Some("分会场"),
        topic: "AI技能培训与企业转型",
        overview_paragraphs: 2,
        sections: 21,
        entries: 154,
        first_start: 0,
        // `66:50`: minutes past 59.
        last_start: 66 * 60 + 50,
        last_end: None,
        key_themes: &[],
        note_starts: Some("本总结基于AWS re:Invent 2025分会场字幕转录"),
    },
    Expected {
        file: "004_c8ecf1144dad17b7.txt",
        conference: "AWS re:Invent 2025",
        kind: None,
        topic: "Amazon Connect",
        overview_paragraphs: 3,
        sections: 7,
        entries: 19,
        first_start: 0,
        last_start: 42 * 60,
        last_end: Some(End::Close),
        key_themes: &[],
        note_starts: None,
    },
];

#[test]
fn samples_parse_to_hand_counted_values() {
    for x in EXPECTED {
        let (s, diags) = parse_seed(x.file);
        let f = x.file;
        assert!(diags.is_empty(), "{f}: unexpected diagnostics {diags:?}");
        assert_eq!(s.title.conference.as_deref(), Some(x.conference), "{f}");
        assert_eq!(s.title.kind.as_deref(), x.kind, "{f}");
        assert_eq!(s.title.topic, x.topic, "{f}");
        assert_eq!(s.overview.len(), x.overview_paragraphs, "{f} overview");
        assert_eq!(s.timeline.len(), x.sections, "{f} sections");
        let entries: Vec<_> = s.entries().collect();
        assert_eq!(entries.len(), x.entries, "{f} entries");
        assert_eq!(entries[0].start, Some(x.first_start), "{f} first");
        let last = entries.last().unwrap();
        assert_eq!(last.start, Some(x.last_start), "{f} last start");
        assert_eq!(last.end, x.last_end, "{f} last end");
        assert!(
            entries.iter().all(|e| e.start.is_some()),
            "{f}: every entry is timed"
        );
        assert_eq!(s.key_themes, x.key_themes, "{f} themes");
        match x.note_starts {
            Some(n) => assert!(
                s.note
                    .as_ref()
                    .map_or("", |p| p.text.as_str())
                    .starts_with(n),
                "{f} note"
            ),
            None => assert_eq!(s.note, None, "{f} note"),
        }
    }
}

#[test]
fn sample_details_survive_parsing() {
    // 000: flat start-only entries keep their bullets.
    let (s, _) = parse_seed("000_2aa07469c266620e.txt");
    let e: Vec<_> = s.entries().collect();
    assert_eq!(e[1].text, "中小企业的全球重要性");
    assert_eq!(e[1].start, Some(75));
    assert_eq!(e[1].points.len(), 3);
    // Nested bullets under 第七步 keep their depth.
    let seventh = e.iter().find(|e| e.text.starts_with("第七步")).unwrap();
    assert_eq!(seventh.points.iter().filter(|p| p.depth == 1).count(), 2);

    // 002: a heading, then `[00:00 - 05:30]`, then bullets.
    let (s, _) = parse_seed("002_b08380ee3582db1c.txt");
    assert_eq!(s.timeline[0].heading.as_deref(), Some("开场与业务成果展示"));
    assert_eq!(s.timeline[0].end, Some(End::At(330)));
    assert_eq!(s.timeline[0].entries[0].points.len(), 5);
    assert_eq!(s.duration(), Some(5700));

    // 003: per-bullet times become entries of the section.
    let (s, _) = parse_seed("003_7a5166725542337e.txt");
    assert_eq!(s.timeline[0].heading.as_deref(), Some("开场介绍"));
    assert_eq!(
        s.timeline[0].entries[1].text,
        "Julio表示很高兴分享过去两年与AWS合作的成果"
    );
    assert_eq!(s.timeline[0].entries[1].anchor, "t-1m15s");

    // 004: numbered principles stay points with their numbers.
    let (s, _) = parse_seed("004_c8ecf1144dad17b7.txt");
    let principles = s
        .entries()
        .find(|e| e.text == "三大核心原则")
        .expect("entry 23:00");
    assert_eq!(principles.points.len(), 3);
    assert!(principles.points[0].text.starts_with("1. 选择权"));
}

#[test]
fn every_timestamped_line_has_a_unique_anchor() {
    for x in EXPECTED {
        let (s, _) = parse_seed(x.file);
        let mut anchors: Vec<_> = s.entries().map(|e| e.anchor.clone()).collect();
        assert!(anchors.iter().all(|a| a.starts_with("t-")), "{}", x.file);
        let n = anchors.len();
        anchors.sort();
        anchors.dedup();
        assert_eq!(anchors.len(), n, "{}: anchors are unique", x.file);
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(Path::new(FIXTURES).join("malformed").join(name)).unwrap()
}

#[test]
fn bom_crlf_and_trailing_spaces_are_handled() {
    let r = parse_recap("bom_crlf.txt", &fixture("bom_crlf.txt"));
    let s = r.session;
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert_eq!(s.title.topic, "BOM 与 CRLF");
    assert_eq!(s.overview[0].text, "由AWS首席架构师Memet主讲。");
    let e: Vec<_> = s.entries().collect();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].text, "开场介绍");
    assert_eq!(e[0].points[0].text, "第一点");
}

#[test]
fn unknown_timeline_shape_is_kept_and_reported() {
    let r = parse_recap("unknown_shape.txt", &fixture("unknown_shape.txt"));
    let lines: Vec<_> = r.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(
        lines,
        vec![Some(9), Some(10), Some(13)],
        "{:?}",
        r.diagnostics
    );
    assert!(r.diagnostics.iter().all(|d| d.file == "unknown_shape.txt"));
    // Nothing is dropped: every line's text is somewhere in the timeline.
    let all: Vec<String> = r
        .session
        .entries()
        .flat_map(|e| {
            std::iter::once(e.text.clone()).chain(e.points.iter().map(|p| p.text.clone()))
        })
        .collect();
    for want in [
        "第一段：开场（约五分钟）",
        "讲者介绍了背景",
        "正题",
        "要点",
        "然后是问答环节",
    ] {
        assert!(all.iter().any(|t| t == want), "lost `{want}`: {all:?}");
    }
}

#[test]
fn front_matter_overrides_the_prose() {
    let r = parse_recap("front_override.txt", &fixture("front_override.txt"));
    let s = r.session;
    // The front matter's title, whole: `覆盖后的标题` is no kind of talk.
    assert_eq!(s.title.topic, "覆盖后的标题：前置元数据优先");
    assert_eq!(s.slug, "front-matter-wins");
    assert_eq!(s.speakers[0].name, "Ada Lovelace");
    assert_eq!(s.speakers[0].org.as_deref(), Some("Analytical Engines"));
    assert_eq!(s.date.as_deref(), Some("2025-12-02"));
    assert!(s.video_url.is_some());
    // The first body line is line 9 of the file.
    assert_eq!(s.entries().next().unwrap().line, 16);
}

#[test]
fn unreadable_files_are_errors_naming_the_file_and_the_rest_parses() {
    let dir = Path::new(FIXTURES).join("malformed");
    let sources = recap::load::load(&dir, Path::new("/nonexistent")).unwrap();
    let corpus = recap::parse::parse(&sources);
    let errors: Vec<_> = corpus.diagnostics.iter().filter(|d| d.is_error()).collect();
    let named = |f: &str| {
        errors
            .iter()
            .find(|d| d.file == f)
            .unwrap_or_else(|| panic!("no error for {f}: {errors:?}"))
    };
    assert!(named("empty.txt").message.contains("empty"));
    assert!(named("binary.txt").message.contains("binary"));
    let bad = named("invalid_utf8.txt");
    assert!(bad.message.contains("UTF-8"));
    assert_eq!(bad.line, Some(5));
    let parsed: Vec<_> = corpus.sessions.iter().map(|s| s.source.as_str()).collect();
    assert_eq!(
        parsed,
        vec![
            "bom_crlf.txt",
            "front_override.txt",
            "hostile.txt",
            "unknown_shape.txt"
        ]
    );
    // A hostile slug is made safe.
    let hostile = corpus
        .sessions
        .iter()
        .find(|s| s.source == "hostile.txt")
        .unwrap();
    assert_eq!(hostile.slug, "etc-passwd");
}
