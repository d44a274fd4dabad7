//! How well enrichment names things: precision and recall of the products
//! and companies found in each recap, against hand-made ground truth
//! (tests/fixtures/truth/entities.toml for the five seeds, novel.toml for the
//! two invented recaps whose names no catalog knows).
//!
//! Run with `cargo test --test enrich_quality -- --nocapture` to see the
//! table and the remaining misses.

use recap::config::SiteConfig;
use recap::enrich::matcher::normalize;
use recap::enrich::{enrich, Catalog, EntityKind, MentionRole, Site};
use recap::parse::{recap::parse_recap, Corpus};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::OnceLock;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const SEEDS: &[&str] = &[
    "000_2aa07469c266620e.txt",
    "001_03771303696d7fa2.txt",
    "002_b08380ee3582db1c.txt",
    "003_7a5166725542337e.txt",
    "004_c8ecf1144dad17b7.txt",
];
const NOVEL: &[&str] = &["novel_zh.txt", "novel_en.txt"];

/// The seeds and the two novel recaps, enriched together with the shipped
/// catalog, as a site would be.
fn site() -> &'static Site {
    static SITE: OnceLock<Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let mut sessions = Vec::new();
        let files = SEEDS
            .iter()
            .map(|f| (f, Path::new(ROOT).join("seeds").join(f)))
            .chain(
                NOVEL
                    .iter()
                    .map(|f| (f, Path::new(ROOT).join("tests/fixtures/recaps").join(f))),
            );
        for (name, path) in files {
            let text = std::fs::read_to_string(path).unwrap();
            let mut s = parse_recap(name, &text).session;
            s.slug = name.trim_end_matches(".txt").to_string();
            sessions.push(s);
        }
        let corpus = Corpus {
            sessions,
            ..Default::default()
        };
        let catalog = Catalog::load(&Path::new(ROOT).join("content")).unwrap();
        assert!(catalog.diagnostics.is_empty(), "{:?}", catalog.diagnostics);
        enrich(corpus, catalog, SiteConfig::default())
    })
}

#[derive(Debug, serde::Deserialize)]
struct Truth {
    #[serde(default)]
    products: Vec<String>,
    #[serde(default)]
    companies: Vec<String>,
    #[serde(default)]
    speakers: Vec<String>,
}

fn truth(file: &str) -> BTreeMap<String, Truth> {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/truth").join(file)).unwrap();
    toml::from_str(&text).unwrap()
}

/// Names of the entities of `kind` that session `file` mentions, each with
/// its spellings (name and aliases, normalised).
fn found(site: &Site, file: &str, kind: EntityKind) -> Vec<(String, BTreeSet<String>)> {
    let si = site.sessions.iter().position(|s| s.source == file).unwrap();
    site.entities_of(kind)
        .filter(|(_, e)| e.mentions.iter().any(|m| m.session as usize == si))
        .map(|(_, e)| {
            let spellings = std::iter::once(&e.name)
                .chain(&e.aliases)
                .map(|n| normalize(n))
                .collect();
            (e.name.clone(), spellings)
        })
        .collect()
}

#[derive(Default, Clone, Copy)]
struct Score {
    hit: usize,
    found: usize,
    truth: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.hit += o.hit;
        self.found += o.found;
        self.truth += o.truth;
    }
    fn precision(&self) -> f64 {
        if self.found == 0 {
            1.0
        } else {
            self.hit as f64 / self.found as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.truth == 0 {
            1.0
        } else {
            self.hit as f64 / self.truth as f64
        }
    }
}

/// Compare one file and kind; returns the score, false positives and misses.
fn compare(
    found: &[(String, BTreeSet<String>)],
    truth: &[String],
) -> (Score, Vec<String>, Vec<String>) {
    let matched = |t: &String| found.iter().position(|(_, sp)| sp.contains(&normalize(t)));
    let mut used = BTreeSet::new();
    let mut misses = Vec::new();
    for t in truth {
        match matched(t) {
            Some(i) => {
                used.insert(i);
            }
            None => misses.push(t.clone()),
        }
    }
    let extra: Vec<String> = found
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, (n, _))| n.clone())
        .collect();
    let score = Score {
        hit: used.len(),
        found: found.len(),
        truth: truth.len(),
    };
    (score, extra, misses)
}

/// Print the table for `files` and return the total score.
fn report(title: &str, truth_file: &str, files: &[&str]) -> Score {
    let site = site();
    let truth = truth(truth_file);
    let mut total = Score::default();
    println!(
        "\n{title}\n{:<28} {:>9} {:>6} {:>6} {:>9} {:>6} {:>6}",
        "file", "products", "P", "R", "companies", "P", "R"
    );
    let mut notes = Vec::new();
    for f in files {
        let t = &truth[*f];
        let (ps, pe, pm) = compare(&found(site, f, EntityKind::Product), &t.products);
        let (cs, ce, cm) = compare(&found(site, f, EntityKind::Company), &t.companies);
        println!(
            "{:<28} {:>4}/{:<4} {:>6.3} {:>6.3} {:>4}/{:<4} {:>6.3} {:>6.3}",
            f,
            ps.hit,
            ps.truth,
            ps.precision(),
            ps.recall(),
            cs.hit,
            cs.truth,
            cs.precision(),
            cs.recall()
        );
        for (what, list) in [
            ("extra product", pe),
            ("missed product", pm),
            ("extra company", ce),
            ("missed company", cm),
        ] {
            for n in list {
                notes.push(format!("  {f}: {what}: {n}"));
            }
        }
        total.add(ps);
        total.add(cs);
    }
    println!(
        "{:<28} precision {:.3}  recall {:.3}  ({} right of {} found, {} expected)",
        "ALL (products+companies)",
        total.precision(),
        total.recall(),
        total.hit,
        total.found,
        total.truth
    );
    for n in notes {
        println!("{n}");
    }
    total
}

#[test]
fn seeds_reach_095_precision_and_recall() {
    let t = report("Seeds (catalog names)", "entities.toml", SEEDS);
    assert!(t.precision() >= 0.95, "precision {:.3}", t.precision());
    assert!(t.recall() >= 0.95, "recall {:.3}", t.recall());
}

#[test]
fn novel_recaps_are_mostly_discovered() {
    let t = report(
        "Novel recaps (uncatalogued discoveries)",
        "novel.toml",
        NOVEL,
    );
    assert!(t.precision() >= 0.75, "precision {:.3}", t.precision());
    assert!(t.recall() >= 0.75, "recall {:.3}", t.recall());
}

#[test]
fn novel_speakers_are_found() {
    let site = site();
    let truth = truth("novel.toml");
    for f in NOVEL {
        let s = site.sessions.iter().find(|s| s.source == *f).unwrap();
        let names: Vec<&str> = s.speakers.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, truth[*f].speakers, "{f}");
    }
}

#[test]
fn seed_speakers_have_names_roles_and_organisations() {
    let site = site();
    let got: Vec<(String, Option<String>, Option<String>)> = site
        .sessions
        .iter()
        .filter(|s| SEEDS.contains(&s.source.as_str()))
        .flat_map(|s| {
            s.speakers
                .iter()
                .map(|p| (p.name.clone(), p.role.clone(), p.org.clone()))
        })
        .collect();
    let names: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "Nikki Mosheri",
            "Memet",
            "Matt Garman",
            "John Kodera",
            "Shantanu Narayen",
            "May Habib",
            "Umesh Sut",
            "Julio Blanco Perez",
            "Pasquale Delio",
            "James Boswell"
        ]
    );
    assert!(
        got.iter().all(|g| g.1.is_some() && g.2.is_some()),
        "{got:?}"
    );
}

#[test]
fn launches_are_flagged_on_the_products_they_name() {
    let site = site();
    let launched = |name: &str| {
        site.entities_of(EntityKind::Product)
            .find(|(_, e)| e.name == name)
            .and_then(|(_, e)| e.launch)
    };
    assert_eq!(
        launched("Amazon EC2 P6e-GB300"),
        Some(MentionRole::Launched)
    );
    assert_eq!(launched("AWS Trainium4"), Some(MentionRole::Preview));
    assert_eq!(launched("AWS AI Factories"), Some(MentionRole::Announced));
    assert_eq!(launched("Amazon Nova 2 Omni"), Some(MentionRole::Launched));
    assert_eq!(launched("Cohort Studio"), Some(MentionRole::Launched));
    assert_eq!(launched("NVIDIA GB300 NVL72"), None);
    assert_eq!(launched("AWS Trainium2"), None);
    assert!(site
        .announcements
        .iter()
        .any(|a| site.entities[a.entity].name == "Northstar"));
}

#[test]
fn numbers_and_related_sessions() {
    let site = site();
    let s2 = site
        .sessions
        .iter()
        .position(|s| s.source == SEEDS[2])
        .unwrap();
    let texts: Vec<&str> = site.info[s2]
        .numbers
        .iter()
        .map(|n| n.text.as_str())
        .collect();
    for want in ["1320亿美元", "4.4倍", "5.7万用户"] {
        assert!(texts.contains(&want), "{want} not in {texts:?}");
    }
    let s4 = site
        .sessions
        .iter()
        .position(|s| s.source == SEEDS[4])
        .unwrap();
    assert!(site.info[s4]
        .numbers
        .iter()
        .any(|n| n.text == "从 140 秒降至 87 秒" && n.value == 87.0));
    for (i, info) in site.info.iter().enumerate() {
        assert!(info.related.len() <= 5);
        assert!(!info.related.contains(&i));
    }
}
#[test]
fn web_addresses_are_not_mentions() {
    let text = "# 某大会 2025 分会场总结：网址\n\n## 时间线\n\
        00:00 - 详见 https://aws.amazon.com/cn/bedrock/AgentCore/2025 和 github.com/FooBar/BazQux\n\
        05:00 - [ZetaLib 文档](https://example.org/ZetaLib) 介绍了 Amazon Bedrock\n\
        09:00 - 使用 Amazon https://x.org/y SageMaker 服务，联系 sales@QuuxCorp.com\n";
    let mut session = parse_recap("urls.txt", text).session;
    session.slug = "urls".into();
    let corpus = Corpus {
        sessions: vec![session],
        ..Default::default()
    };
    let catalog = Catalog::load(&Path::new(ROOT).join("content")).unwrap();
    let site = enrich(corpus, catalog, SiteConfig::default());
    let names: BTreeSet<&str> = site
        .entities
        .iter()
        .filter(|e| !e.mentions.is_empty())
        .map(|e| e.name.as_str())
        .collect();
    // Bedrock is named in the prose of the second entry, and the label of
    // a Markdown link is prose; nothing inside an address is.
    assert!(names.contains("Amazon Bedrock"), "{names:?}");
    assert!(names.contains("ZetaLib"), "the label is prose: {names:?}");
    // `Amazon https://… SageMaker` is Amazon, then SageMaker: the address
    // between them does not join them into `Amazon SageMaker`.
    assert!(names.contains("Amazon"), "{names:?}");
    for not in [
        "AgentCore",
        "Amazon Bedrock AgentCore",
        "FooBar",
        "BazQux",
        "GitHub",
        "QuuxCorp.com",
    ] {
        assert!(!names.contains(not), "{not} in {names:?}");
    }
    assert!(
        site.info[0].numbers.is_empty(),
        "{:?}",
        site.info[0].numbers
    );
}

/// CPU time of this process so far (user + system), from /proc on Linux;
/// wall time alone misleads on a shared machine.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after `)`;
    // the kernel counts them in ticks of 1/100 s.
    (ticks(11) + ticks(12)) * 10.0
}

/// Enrichment time over a synthetic corpus made by recombining the seeds
/// (the head of one with the timeline of another, plus a line naming a
/// product of its own), at 1,000, 2,500 and 5,000 files. Prints the times;
/// asserts nothing about them (speed is measured, not tested):
/// `cargo test --release --test enrich_quality -- --ignored --nocapture`.
#[test]
#[ignore]
fn enrich_time_on_a_large_synthetic_corpus() {
    let seeds: Vec<String> = SEEDS
        .iter()
        .map(|f| std::fs::read_to_string(Path::new(ROOT).join("seeds").join(f)).unwrap())
        .collect();
    let split = |t: &str| {
        let i = t.find("\n## 详细时间线").unwrap_or(t.len() / 2);
        (t[..i].to_string(), t[i..].to_string())
    };
    let parts: Vec<(String, String)> = seeds.iter().map(|t| split(t)).collect();
    let catalog = Catalog::load(&Path::new(ROOT).join("content")).unwrap();
    for n in [1000usize, 2500, 5000] {
        let sessions: Vec<_> = (0..n)
            .map(|k| {
                let (head, _) = &parts[k % 5];
                let (_, tail) = &parts[(k / 5 + k) % 5];
                let text = format!(
                    "{head}\n本场还发布了 **Zeta{}X** 服务，由 Kueue{} 团队维护。\n{tail}",
                    k % 400,
                    k % 97
                );
                let name = format!("{k:05}.txt");
                let mut s = parse_recap(&name, &text).session;
                s.slug = format!("s{k}");
                s
            })
            .collect();
        let bytes: usize = sessions
            .iter()
            .map(|s| s.entries().map(|e| e.text.len()).sum::<usize>())
            .sum();
        let corpus = Corpus {
            sessions,
            ..Default::default()
        };
        let (t, cpu) = (std::time::Instant::now(), cpu_ms());
        let site = enrich(corpus, catalog.clone(), SiteConfig::default());
        let (el, cpu) = (t.elapsed(), cpu_ms() - cpu);
        println!(
            "enrich {n:>5} files: {:>8.1} ms wall, {cpu:>8.1} ms CPU ({:.3} ms/file; {} entities, {} mentions, entry text {} KB)",
            el.as_secs_f64() * 1000.0,
            el.as_secs_f64() * 1000.0 / n as f64,
            site.entities.len(),
            site.entities.iter().map(|e| e.mentions.len()).sum::<usize>(),
            bytes / 1024
        );
    }
}

#[path = "common/recaps.rs"]
mod recaps;

/// A product the catalog does not know, said with its maker's name in
/// front (`Amazon Aurora`, `AWS Lambda SnapStart`) and without it
/// (`Aurora`, `Lambda SnapStart`), is one product under its full name, made
/// by that company, on one page.
#[test]
fn a_product_said_with_and_without_its_maker_is_one_product() {
    let recap = |n: usize| {
        format!(
            "# 数据库专场 {n}\n\n## 会议概述\n本场介绍了 Amazon Aurora 的新特性\
             与 AWS Lambda SnapStart 的冷启动优化。\n\n\
             ## 时间线\n00:00 开场\n- Aurora 的存储层重新设计\n- 迁移到 Aurora 的客户\n\
             - Lambda SnapStart 演示\n"
        )
    };
    let recaps: Vec<(String, String)> = (1..=3).map(|n| (format!("{n}.md"), recap(n))).collect();
    let recaps: Vec<(&str, String)> = recaps
        .iter()
        .map(|(f, t)| (f.as_str(), t.clone()))
        .collect();
    let outputs = recaps::build_recaps("maker-prefix", &recaps);
    let data: serde_json::Value =
        serde_json::from_str(recaps::file(&outputs, "data/site.json")).unwrap();
    let named = |part: &str| -> Vec<&serde_json::Value> {
        data["products"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"].as_str().unwrap().contains(part))
            .collect()
    };
    let aurora = named("Aurora");
    assert_eq!(aurora.len(), 1, "{aurora:?}");
    assert_eq!(aurora[0]["name"], "Amazon Aurora");
    assert_eq!(aurora[0]["aliases"], serde_json::json!(["Aurora"]));
    assert_eq!(aurora[0]["company"], "amazon");
    assert_eq!(aurora[0]["mentions"].as_array().unwrap().len(), 9);
    let snapstart = named("SnapStart");
    assert_eq!(snapstart.len(), 1, "{snapstart:?}");
    assert_eq!(snapstart[0]["name"], "AWS Lambda SnapStart");
    assert_eq!(
        snapstart[0]["aliases"],
        serde_json::json!(["Lambda SnapStart"])
    );
    assert_eq!(snapstart[0]["company"], "aws");
    assert_eq!(snapstart[0]["mentions"].as_array().unwrap().len(), 6);
    let page = recaps::file(&outputs, "sessions/shu-ju-ku-zhuan-chang-1/index.html");
    for link in [
        "<a href=\"/products/amazon-aurora/\">Amazon Aurora</a> 的新特性",
        "<a href=\"/products/aws-lambda-snapstart/\">AWS Lambda SnapStart</a> 的冷启动",
    ] {
        assert!(page.contains(link), "{link} in {page}");
    }
}
