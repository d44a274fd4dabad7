//! Launches: `发布`, `推出`, `宣布`, `正式发布`, `上线`, `预告` (preview),
//! `Beta`, `announced`, `released`, `generally available`, attached to the
//! product named in the same clause.
//!
//! A clause is the text between `，`, `；`, `：`, `。` and their Latin
//! counterparts. Beyond the plain case (`发布**P6e-GB300实例**，搭载…`
//! launches the instance, not the GPU named after the comma) three shapes
//! carry a launch to a neighbouring clause:
//! * a launch with no product, followed by a list: `AWS发布了一系列突破性产品，
//!   包括A、B…`, `Announcement: Northstar`;
//! * a counted launch followed by its items: `推出两个微认证：A和B`;
//! * a label and its launch: `Meeting Simulator：11月12日新推出`.
//!
//! A launch that ends its text with a colon (`发布**Amazon Nova 2**模型家族：`)
//! is "open": bullets under it that start with a product inherit it.
//!
//! Texts come in simplified characters (a traditional `發佈` as `发布`, see
//! [`super::units`]); the caller shows the launch word as written.

use super::types::MentionRole;
use crate::pattern::Regex;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// A name found in the text, as launches sees it; a text's names are
/// given in order of `start`.
#[derive(Debug, Clone, Copy)]
pub struct Named {
    pub start: usize,
    pub end: usize,
    /// Only products are launched.
    pub is_product: bool,
}

/// A launch attached to `names[index]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    pub index: usize,
    pub role: MentionRole,
    pub verb: String,
}

/// Launches in one text, and the launch left open for its sub-bullets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    pub launches: Vec<Launch>,
    pub open: Option<(MentionRole, String)>,
}

struct Clause {
    start: usize,
    end: usize,
    /// The separator after it (`，`, `：`, …), or `None` at the end.
    sep: Option<char>,
}

/// Compile this module's patterns now (see [`super::warm_up_main_pass`]).
pub fn warm_up() {
    verbs();
    counted();
}

fn verbs() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(concat!(
            r"(?P<preview>预告|预览版?|公测|即将推出|即将发布|[Bb]eta|(?i:public preview|preview))",
            r"|(?P<launch>正式发布|首次发布|发布|新推出|推出|正式上线|上线|正式可用|全面可用|GA|(?i:released|releases|launched|launches|launch|generally available|now available|introduced|introduces))",
            r"|(?P<announce>宣布|(?i:announcement|announced|announces|announce|unveiled|unveils))"
        ))
        .unwrap()
    })
}

fn counted() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"[两三四五六七八九十几0-9０-９]+\s?[个项款种]|多个|多款|一系列|以下|(?i:several|two|three|four|five)").unwrap())
}

fn split_clauses(text: &str) -> Vec<Clause> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let latin_end = matches!(c, ',' | ';' | ':' | '.' | '!' | '?')
            && chars.peek().is_none_or(|(_, n)| n.is_whitespace());
        if latin_end || matches!(c, '，' | '；' | '：' | '。' | '！' | '？' | '\n') {
            out.push(Clause {
                start,
                end: i,
                sep: Some(c),
            });
            start = i + c.len_utf8();
        }
    }
    if start < text.len() {
        out.push(Clause {
            start,
            end: text.len(),
            sep: None,
        });
    }
    out
}

/// The strongest launch word in `s`: preview over launch over announce.
fn clause_verb(s: &str) -> Option<(MentionRole, String)> {
    let mut best: Option<(MentionRole, String)> = None;
    for c in verbs().captures_iter(s) {
        let m = c.get(0).unwrap();
        // `8 年前推出时`: something launched long ago is not news.
        if s[..m.start()].trim_end().ends_with('前') {
            continue;
        }
        // `发布会`, `发布说明`, `上线流程`: the launch event, its notes, the
        // process, not a launch.
        if is_launch_noun(m.as_str(), &s[m.end()..]) {
            continue;
        }
        // Latin verbs must be whole words (`GA`, not `GA4` or `GAAP`).
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if m.as_str().is_ascii()
            && (glued(s[..m.start()].chars().next_back()) || glued(s[m.end()..].chars().next()))
        {
            continue;
        }
        let role = if c.name("preview").is_some() {
            MentionRole::Preview
        } else if c.name("launch").is_some() {
            MentionRole::Launched
        } else {
            MentionRole::Announced
        };
        let rank = |r: MentionRole| match r {
            MentionRole::Preview => 0,
            MentionRole::Launched => 1,
            _ => 2,
        };
        if best.as_ref().is_none_or(|(b, _)| rank(role) < rank(*b)) {
            best = Some((role, m.as_str().to_string()));
        }
    }
    best
}

/// Whether `verb`, a `发布` or `上线`, is the first half of a noun, as what
/// comes `after` it says (`发布会`, but `上线会带来`: "will").
fn is_launch_noun(verb: &str, after: &str) -> bool {
    const NOUNS: [&str; 10] = [
        "说明", "日志", "记录", "流程", "周期", "节奏", "策略", "管道", "页面", "渠道",
    ];
    let publish = verb.ends_with('布');
    (publish || verb.ends_with('线'))
        && ((publish && after.starts_with('会')) || NOUNS.iter().any(|n| after.starts_with(n)))
}

/// Whether the text before a name in its clause ends by comparing it with
/// what is launched (`4.4x more compute than Trainium2`, `比 Graviton3
/// 快`): what it is compared with is no launch.
fn compared_with(before: &str) -> bool {
    const WORDS: &[&str] = &[
        " than",
        " compared to",
        " compared with",
        " versus",
        " vs",
        " vs.",
        "相比",
        "相较于",
        "相较",
        "对比",
        "比",
    ];
    let before = before.trim_end_matches([' ', '*']);
    WORDS.iter().any(|w| before.ends_with(w))
}

/// Find the launches in `text`, whose names are `names` (sorted by start).
pub fn find(text: &str, names: &[Named]) -> Found {
    let clauses = split_clauses(text);
    // `names` are in text order: a clause's are one run of them.
    let in_clause = |c: &Clause| -> Vec<usize> {
        let first = names.partition_point(|n| n.start < c.start);
        (first..names.len())
            .take_while(|&i| names[i].start < c.end)
            .filter(|&i| names[i].is_product && names[i].end <= c.end)
            .filter(|&i| !compared_with(&text[c.start..names[i].start]))
            .collect()
    };
    let mut launches: BTreeMap<usize, Launch> = BTreeMap::new();
    let mut open = None;
    let attach =
        |launches: &mut BTreeMap<usize, Launch>, idx: Vec<usize>, role: MentionRole, verb: &str| {
            for index in idx {
                launches.entry(index).or_insert_with(|| Launch {
                    index,
                    role,
                    verb: verb.to_string(),
                });
            }
        };
    for (k, c) in clauses.iter().enumerate() {
        let body = &text[c.start..c.end];
        let Some((role, verb)) = clause_verb(body) else {
            continue;
        };
        let here = in_clause(c);
        let colon = matches!(c.sep, Some('：' | ':'));
        let next = clauses.get(k + 1);
        let next_is_list = next.is_some_and(|n| {
            let t = text[n.start..n.end].trim_start();
            t.starts_with("包括")
                || t.starts_with("包含")
                || t.starts_with("including")
                || t.starts_with("such as")
        });
        let carries = colon && (here.is_empty() || counted().is_match(body))
            || here.is_empty() && next_is_list;
        if carries {
            if let Some(n) = next {
                attach(&mut launches, in_clause(n), role, &verb);
            }
        }
        if !here.is_empty() {
            attach(&mut launches, here, role, &verb);
        } else if k > 0 {
            // `Meeting Simulator：11月12日新推出`: the label is the product.
            if let Some(label) = label(text, &clauses[0], names) {
                attach(&mut launches, vec![label], role, &verb);
            }
        }
        if colon && c.end + c.sep.map_or(0, char::len_utf8) >= text.trim_end().len() {
            open = Some((role, verb));
        }
    }
    Found {
        launches: launches.into_values().collect(),
        open,
    }
}

/// The product that a text opens with, as a `Label：` before the rest.
fn label(text: &str, first: &Clause, names: &[Named]) -> Option<usize> {
    if !matches!(first.sep, Some('：' | ':')) {
        return None;
    }
    let lead = text[first.start..first.end].len()
        - text[first.start..first.end]
            .trim_start_matches(['-', '*', ' ', '•', '·'])
            .len();
    let at = first.start + lead;
    let i = names.partition_point(|n| n.start < at);
    names
        .get(i)
        .is_some_and(|n| n.is_product && n.start == at)
        .then_some(i)
}

/// The product a sub-bullet opens with (`Nova 2 Lite：…`, `**Nova 2 Omni**：…`),
/// for inheriting an open launch.
pub fn leading_product(text: &str, names: &[Named]) -> Option<usize> {
    let clauses = split_clauses(text);
    let first = clauses.first()?;
    let lead = text.len() - text.trim_start_matches(['-', '*', ' ', '•', '·']).len();
    let idx = names.iter().position(|n| n.is_product && n.start == lead)?;
    let rest = text[names[idx].end..first.end].trim_matches(['*', ' ']);
    (rest.is_empty() && matches!(first.sep, Some('：' | ':') | None)).then_some(idx)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Names are given as the substrings that are products; `!X` marks a
    /// company.
    fn run(text: &str, names: &[&str]) -> Vec<(String, MentionRole, String)> {
        let mut named: Vec<(Named, String)> = names
            .iter()
            .map(|n| {
                let (is_product, n) = match n.strip_prefix('!') {
                    Some(c) => (false, c),
                    None => (true, *n),
                };
                let start = text.find(n).unwrap();
                (
                    Named {
                        start,
                        end: start + n.len(),
                        is_product,
                    },
                    n.to_string(),
                )
            })
            .collect();
        named.sort_by_key(|(n, _)| n.start);
        let list: Vec<Named> = named.iter().map(|(n, _)| *n).collect();
        find(text, &list)
            .launches
            .into_iter()
            .map(|l| (named[l.index].1.clone(), l.role, l.verb))
            .collect()
    }

    use MentionRole::*;

    fn l(n: &str, r: MentionRole, v: &str) -> (String, MentionRole, String) {
        (n.to_string(), r, v.to_string())
    }

    #[test]
    fn verb_and_product_in_one_clause() {
        assert_eq!(
            run(
                "发布**P6e-GB300实例**，搭载Nvidia最新GB300 NVL72系统",
                &["P6e-GB300实例", "!Nvidia", "GB300 NVL72系统"]
            ),
            vec![l("P6e-GB300实例", Launched, "发布")]
        );
        assert_eq!(
            run("**Trainium3 UltraServers正式发布**：采用业界首个3纳米AI芯片，相比Trainium2提供4.4倍算力", &["Trainium3 UltraServers", "Trainium2"]),
            vec![l("Trainium3 UltraServers", Launched, "正式发布")]
        );
        assert_eq!(
            run(
                "首次发布**Mistral Large**和**Ministral 3**系列模型",
                &["Mistral Large", "Ministral 3"]
            ),
            vec![
                l("Mistral Large", Launched, "首次发布"),
                l("Ministral 3", Launched, "首次发布")
            ]
        );
    }

    /// What a launch is compared with is not launched with it.
    #[test]
    fn what_a_launch_is_compared_with_is_no_launch() {
        assert_eq!(
            run(
                "At 00:21:45, he introduced AWS Trainium3 UltraServers with 4.4x more compute than Trainium2.",
                &["AWS Trainium3", "Trainium2"]
            ),
            vec![l("AWS Trainium3", Launched, "introduced")]
        );
        assert_eq!(
            run(
                "发布 Graviton5，比 Graviton4 快 25%",
                &["Graviton5", "Graviton4"]
            ),
            vec![l("Graviton5", Launched, "发布")]
        );
        assert_eq!(
            run(
                "新发布 Graviton5 比 **Graviton4** 快 25%",
                &["Graviton5", "Graviton4"]
            ),
            vec![l("Graviton5", Launched, "发布")]
        );
    }

    /// `正式可用` and `GA` say a product is out.
    #[test]
    fn generally_available_is_a_launch() {
        assert_eq!(
            run(
                "| Amazon S3 | 单对象上限提升到 50 TB | 正式可用 |",
                &["Amazon S3"]
            ),
            vec![l("Amazon S3", Launched, "正式可用")]
        );
        assert_eq!(
            run("Kiro 现已 GA", &["Kiro"]),
            vec![l("Kiro", Launched, "GA")]
        );
        assert!(run("GAAP 报表里的 Kiro", &["Kiro"]).is_empty());
        assert!(run("GA4 数据接入 Kiro", &["Kiro"]).is_empty());
    }

    #[test]
    fn preview_and_announce() {
        assert_eq!(
            run(
                "预告**Trainium4**：相比Trainium3将提供6倍FP4算力",
                &["Trainium4", "Trainium3"]
            ),
            vec![l("Trainium4", Preview, "预告")]
        );
        assert_eq!(
            run(
                "宣布**AWS AI Factories**：允许客户在自有数据中心部署",
                &["AWS AI Factories"]
            ),
            vec![l("AWS AI Factories", Announced, "宣布")]
        );
        assert_eq!(
            run("并宣布 ACK 推理加速套件正式上线。", &["ACK 推理加速套件"]),
            vec![l("ACK 推理加速套件", Launched, "正式上线")]
        );
        assert_eq!(
            run(
                "Jane also announced Northstar, Acme's open-source tool",
                &["Northstar", "!Acme"]
            ),
            vec![l("Northstar", Announced, "announced")]
        );
    }

    #[test]
    fn a_launch_event_or_its_notes_are_no_launch() {
        for text in [
            "参见 Kiro 发布说明",
            "在发布会上介绍了 Kiro",
            "Kiro 的上线流程很简单",
        ] {
            assert_eq!(run(text, &["Kiro"]), vec![], "{text}");
        }
        assert_eq!(
            run("在发布会上发布了 Kiro", &["Kiro"]),
            vec![l("Kiro", Launched, "发布")]
        );
        assert_eq!(
            run("Kiro 上线会带来新的体验", &["Kiro"]),
            vec![l("Kiro", Launched, "上线")]
        );
    }

    #[test]
    fn launches_carried_to_lists_and_labels() {
        assert_eq!(
            run("AWS发布了一系列突破性产品，包括新一代Trainium3芯片、Nova 2模型家族、开放训练模型服务Nova Forge等。", &["!AWS", "Trainium3芯片", "Nova 2模型家族", "Nova Forge"]),
            vec![l("Trainium3芯片", Launched, "发布"), l("Nova 2模型家族", Launched, "发布"), l("Nova Forge", Launched, "发布")]
        );
        assert_eq!(
            run(
                "11月12日推出两个微认证：AWS Agentic AI和AWS Serverless",
                &["微认证", "AWS Agentic AI", "AWS Serverless"]
            ),
            vec![
                l("微认证", Launched, "推出"),
                l("AWS Agentic AI", Launched, "推出"),
                l("AWS Serverless", Launched, "推出")
            ]
        );
        assert_eq!(
            run(
                "Generative AI Professional：11月18日发布Beta版，验证构建代理应用能力",
                &["Generative AI Professional"]
            ),
            vec![l("Generative AI Professional", Preview, "Beta")]
        );
        assert_eq!(
            run(
                "Meeting Simulator：11月12日新推出，专注人本技能培养",
                &["Meeting Simulator"]
            ),
            vec![l("Meeting Simulator", Launched, "新推出")]
        );
        assert_eq!(
            run("Announcement: Northstar", &["Northstar"]),
            vec![l("Northstar", Announced, "Announcement")]
        );
    }

    #[test]
    fn no_launch_without_a_launch_word_or_product() {
        assert!(run(
            "发布**AgentCore Policy**：提供实时确定性控制，使用Cedar语言进行策略评估",
            &["AgentCore Policy", "Cedar语言"]
        )
        .iter()
        .all(|(n, _, _)| n == "AgentCore Policy"));
        assert!(run(
            "从 8 年前推出时就内置 AI 能力，Amazon Connect 很好",
            &["Amazon Connect"]
        )
        .is_empty());
        assert!(run(
            "Adobe Acrobat Studio使用SageMaker和Bedrock构建AI助手",
            &["Adobe Acrobat Studio", "SageMaker", "Bedrock"]
        )
        .is_empty());
        assert!(run("The release notes mention Kiro", &["Kiro"]).is_empty());
    }

    #[test]
    fn open_launch_for_sub_bullets() {
        let f = find(
            "发布**Amazon Nova 2**模型家族：",
            &[Named {
                start: 8,
                end: 21,
                is_product: true,
            }],
        );
        assert_eq!(f.open, Some((Launched, "发布".to_string())));
        let text = "**Nova 2 Omni**：业界首个统一多模态推理模型";
        let names = [Named {
            start: 2,
            end: 13,
            is_product: true,
        }];
        assert_eq!(leading_product(text, &names), Some(0));
        assert_eq!(
            leading_product(
                "集成GitHub PR进行扫描",
                &[Named {
                    start: 6,
                    end: 12,
                    is_product: true
                }]
            ),
            None
        );
    }
}
