use super::*;

#[test]
fn a_long_run_of_capitalised_words_is_not_a_name() {
    let words = |n: usize| {
        (0..n)
            .map(|i| format!("Word{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(names(&format!("介绍 {} 的设计", words(8))), [words(8)]);
    assert!(names(&format!("介绍 {} 的设计", words(9))).is_empty());
    assert!(names(&words(20_000)).is_empty());
}

/// The names `text` is seen to say, each with whether it reads as a
/// company's.
fn kinds(text: &str) -> Vec<(String, bool)> {
    scan(&[(text, 1)], &[], &[])
        .into_iter()
        .map(|s| (s.name, s.company_hint))
        .collect()
}

#[test]
fn a_table_column_of_customers_holds_companies() {
    let table = "## 关键数据\n\n| 客户 | 成果 |\n|---|---|\n| Netflix | 用 Graviton 节省 1.2 亿美元 |\n| **Airbnb** | 延迟降低 60% |";
    assert_eq!(
        kinds(table),
        [
            ("Netflix".to_string(), true),
            ("Graviton".to_string(), false),
            ("Airbnb".to_string(), true)
        ]
    );
    // Catalog names are masked as runs of `|`: a lone `|` parts cells.
    let masked = "| 产品 | 客户 |\n|---|---|\n| |||||||||| | Snap |\n||| 的客户\n| Kiro | 多家 |";
    assert_eq!(
        kinds(masked),
        [("Snap".to_string(), true), ("Kiro".to_string(), false)]
    );
    // A column of products, and a name in a header, say nothing.
    let products = "| 产品 | 客户 |\n|---|---|\n| Kiro | 多家 |";
    assert_eq!(kinds(products), [("Kiro".to_string(), false)]);
    let header = "| Netflix | 成果 |\n|---|---|\n| 节省 | 40% |";
    assert_eq!(kinds(header), [("Netflix".to_string(), false)]);
}

#[test]
fn where_one_looks_is_no_employer() {
    assert_eq!(
        kinds("A look back at Nitro, then Jane, an engineer at Acme"),
        [
            ("Nitro".to_string(), false),
            ("Jane".to_string(), false),
            ("Acme".to_string(), true)
        ]
    );
}

#[test]
fn chinese_prose_says_which_names_are_companies() {
    let company = |name: &str| (name.to_string(), true);
    let product = |name: &str| (name.to_string(), false);
    assert_eq!(
        kinds("- 合作伙伴：Gartner、Airbnb"),
        [company("Gartner"), company("Airbnb")]
    );
    assert_eq!(
        kinds("客户案例：Accenture通过SageMaker缩短上市时间"),
        [company("Accenture"), product("SageMaker")]
    );
    assert_eq!(
        kinds("Nvidia、Accenture等企业均已部署，Kiro等企业级工具"),
        [product("Nvidia"), company("Accenture"), product("Kiro")]
    );
    assert_eq!(
        kinds("Datadog作为客户案例分享了其转型经验"),
        [company("Datadog")]
    );
    // Who shares and who has a team is a company; so are customers.
    assert_eq!(
        kinds("Twilio 分享了使用经验，Pinterest 的工程团队用 Karpenter 扩容"),
        [
            company("Twilio"),
            company("Pinterest"),
            product("Karpenter")
        ]
    );
    assert_eq!(
        kinds("Customers mentioned: Netflix, Airbnb and Roche"),
        [
            product("Customers"),
            company("Netflix"),
            company("Airbnb"),
            company("Roche")
        ]
    );
    assert_eq!(
        kinds("客户故事：Perplexity 用 Amazon Bedrock 提速"),
        [company("Perplexity"), product("Amazon Bedrock")]
    );
    assert_eq!(
        kinds("客户分享：Expedia 如何迁移 2000 个数据库"),
        [company("Expedia")]
    );
    assert_eq!(
        kinds("Customers: use Kinesis with Flink"),
        [product("Customers"), product("Kinesis"), product("Flink")]
    );
    assert_eq!(
        kinds("### Customer: Samsung (22:10)"),
        [product("Customer"), company("Samsung")]
    );
    assert_eq!(
        kinds("客户案例：Robinhood 的迁移经验"),
        [company("Robinhood")]
    );
    assert_eq!(
        kinds("客户 Hertz 用 Kiro 提速，customers like Snap rely on Karpenter"),
        [
            company("Hertz"),
            product("Kiro"),
            company("Snap"),
            product("Karpenter")
        ]
    );
}

#[test]
fn a_name_right_after_a_catalog_product_is_a_part_of_it() {
    let text = "新的 AgentCore Gateway 与 AgentCore Policy Engine，集成 GitHub PR，用 Kiro CLI 和 AWS Calex";
    let at = |name: &str| text.find(name).unwrap();
    let known = |name: &str, product: Option<&'static str>| Known {
        start: at(name),
        end: at(name) + name.len(),
        product,
    };
    let agentcore = Some("Amazon Bedrock AgentCore");
    let known = vec![
        Known {
            start: at("AgentCore Gateway"),
            end: at("AgentCore Gateway") + "AgentCore".len(),
            product: agentcore,
        },
        Known {
            start: at("AgentCore Policy"),
            end: at("AgentCore Policy") + "AgentCore".len(),
            product: agentcore,
        },
        known("GitHub", Some("GitHub")),
        known("Kiro", Some("Kiro")),
        known("AWS", None),
    ];
    let got: Vec<(String, Option<String>)> = scan(&[(text, 1)], &[known], &[])
        .into_iter()
        .filter(|s| s.maker.is_none())
        .map(|s| (s.name, s.parent))
        .collect();
    let part = |name: &str| (name.to_string(), agentcore.map(String::from));
    let alone = |name: &str| (name.to_string(), None);
    assert_eq!(
        got,
        [
            part("AgentCore Gateway"),
            part("AgentCore Policy Engine"),
            alone("PR"),
            alone("CLI"),
        ]
    );
}

/// The names `text` is seen to say, each with its maker.
fn names_and_makers(text: &str, known: Vec<Known>) -> Vec<(String, Option<String>)> {
    scan(&[(text, 1)], &[known], &[])
        .into_iter()
        .map(|s| (s.name, s.maker))
        .collect()
}

/// A name and its maker, as [`names_and_makers`] gives them.
fn made(name: &str, by: &str) -> (String, Option<String>) {
    (name.to_string(), Some(by.to_string()))
}

/// Each place one of the catalog companies `names` is written in `text`.
fn companies_in<'t>(text: &str, names: &[&str]) -> Vec<Known<'t>> {
    names
        .iter()
        .flat_map(|name| {
            text.match_indices(name).map(|(at, n)| Known {
                start: at,
                end: at + n.len(),
                product: None,
            })
        })
        .collect()
}

#[test]
fn a_maker_and_up_to_three_words_are_one_product() {
    let text = "Amazon Aurora Serverless 与 AWS Lambda SnapStart，Amazon Web Services，\
                Amazon Aurora DSQL 2，AWS Summit Tokyo Osaka Kyoto";
    let known = companies_in(text, &["Amazon", "AWS"]);
    let got = names_and_makers(text, known);
    assert_eq!(
        got,
        [
            made("Amazon Aurora Serverless", "Amazon"),
            made("AWS Lambda SnapStart", "AWS"),
            ("Web Services".to_string(), None),
            made("Amazon Aurora DSQL 2", "Amazon"),
            ("Summit Tokyo Osaka Kyoto".to_string(), None),
        ],
        "generic words and a run of four are not the maker's"
    );
}

/// The numbers of questions and answers are not names; `A100` said as a
/// name is one.
#[test]
fn numbered_questions_and_answers_are_not_names() {
    let units = [
        ("Q12: 价格？", 1),
        ("A12：按量计费", 2),
        ("训练用 A100: 八卡", 3),
    ];
    let got: Vec<String> = scan(&units, &[], &[]).into_iter().map(|s| s.name).collect();
    assert_eq!(got, ["A100"]);
}

/// In English prose a name at the start of a sentence may be any
/// capitalised word; one after its maker starts where the maker does.
#[test]
fn a_name_after_its_maker_opens_a_sentence_where_the_maker_does() {
    let text = "They moved to AWS Lambda. AWS Fargate runs the rest.";
    let known = companies_in(text, &["AWS"]);
    let got: Vec<(String, bool)> = scan(&[(text, 1)], &[known], &[])
        .into_iter()
        .map(|s| (s.name, s.sentence_start))
        .collect();
    assert_eq!(
        got,
        [
            ("AWS Lambda".to_string(), false),
            ("AWS Fargate".to_string(), true)
        ]
    );
}

#[test]
fn a_name_right_after_a_catalog_company_is_made_by_it() {
    let text = "Amazon Aurora 与 AWS Calex，AWS AI基础设施，Amazon 和 Kiro，Amazon Kiro，Amazon Q Business，Amazon DataZone";
    let known: Vec<Known> = companies_in(text, &["Amazon", "AWS"])
        .into_iter()
        .chain(text.match_indices("Kiro").map(|(at, n)| Known {
            start: at,
            end: at + n.len(),
            product: Some("Kiro"),
        }))
        .collect();
    let got = names_and_makers(text, known);
    assert_eq!(
        got,
        [
            made("Amazon Aurora", "Amazon"),
            made("AWS Calex", "AWS"),
            ("AI".to_string(), None),
            made("Amazon Q Business", "Amazon"),
            made("Amazon DataZone", "Amazon"),
        ],
        "not before capitals, nor before a catalog name"
    );
}

#[test]
fn masking_is_character_by_character() {
    // What `mask` did one character at a time.
    fn by_char(text: &str, ranges: &[(usize, usize)]) -> String {
        text.char_indices()
            .map(|(i, c)| {
                if ranges.iter().any(|&(s, e)| i >= s && i < e) {
                    '|'
                } else {
                    crate::enrich::matcher::fold_char(c)
                }
            })
            .collect()
    }
    let text = "Ａｍａｚｏｎ　Bedrock 与 AWS\u{a0}Lambda，中文：ＡＩ、平台０９ｚ［］";
    for c in [
        '\u{ff0f}', '\u{ff10}', '\u{ff19}', '\u{ff1a}', '\u{ff20}', '\u{ff21}', '\u{ff3a}',
        '\u{ff3b}', '\u{ff40}', '\u{ff41}', '\u{ff5a}', '\u{ff5b}', '\u{3000}', '\u{3001}',
        '\u{a0}', '\u{a1}', '，',
    ] {
        let one = c.to_string();
        assert_eq!(
            needs_fold(one.as_bytes()),
            crate::enrich::matcher::fold_char(c) != c,
            "{c:?}"
        );
    }
    let bounds: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let mut seed = 7_u64;
    for _ in 0..20_000 {
        let mut ranges = Vec::new();
        for _ in 0..(seed % 4) {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let a = bounds[(seed >> 33) as usize % bounds.len()];
            let b = bounds[(seed >> 45) as usize % bounds.len()];
            ranges.push((a.min(b), a.max(b)));
        }
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        assert_eq!(mask(text, &ranges).0, by_char(text, &ranges), "{ranges:?}");
    }
}

#[test]
fn tokens_are_what_the_regex_finds() {
    let re = Regex::new(r"[A-Za-z0-9À-ɏ](?:[A-Za-z0-9À-ɏ.&+'’:\-]*[A-Za-z0-9À-ɏ+])?").unwrap();
    let by_regex = |t: &str| -> Vec<(usize, usize)> {
        re.find_iter(t).map(|m| (m.start(), m.end())).collect()
    };
    // Pieces at and just past every edge of the two classes.
    let pieces = [
        "a", "Z", "0", "9", "À", "é", "ÿ", "ɏ", "ɐ", "¿", "×", ".", "&", "+", "'", "’", "‘", ":",
        "-", "—", " ", "中", "Ａ", "_", "/", "@", "\n", "ȿ", "Ȁ", "ɀ", "ɍ",
    ];
    let mut text = crate::test_texts(0x9E37_79B9_7F4A_7C15, &pieces, 11);
    for _ in 0..100_000 {
        let t = text();
        assert_eq!(tokens(&t), by_regex(&t), "{t:?}");
    }
    let t = "AWS re:Invent 2025：Amazon Nova 2 Pro、C++ 与 Node.js，O’Reilly's 书 Café-Crème…";
    assert_eq!(tokens(t), by_regex(t));
}

fn names(text: &str) -> Vec<String> {
    scan(&[(text, 1)], &[], &[])
        .into_iter()
        .map(|s| s.name)
        .collect()
}

/// `FSx for Lustre` in Chinese prose is one name; English prose says
/// `for` for its own sake.
#[test]
fn for_between_names_in_chinese_prose_is_part_of_one() {
    assert_eq!(names("FSx for Lustre 吞吐提升 3 倍"), ["FSx for Lustre"]);
    assert_eq!(
        names("Amazon Managed Service for Apache Flink 的新功能"),
        ["Amazon Managed Service for Apache Flink"]
    );
    assert_eq!(names("用 Kiro for 开发"), ["Kiro"]);
    assert_eq!(names("We used Kiro for Spec work"), ["Kiro", "Spec"]);
}

#[test]
fn latin_runs_in_chinese_prose() {
    assert_eq!(
        names("基于 vLLM 构建推理引擎，KServe 负责服务编排；借助 Argo CD 实现 GitOps，Qwen3 上线"),
        vec!["vLLM", "KServe", "Argo CD", "GitOps", "Qwen3"]
    );
}

#[test]
fn chinese_compounds() {
    assert_eq!(
        names("正式推出 ACK 推理加速套件，即日起上线"),
        vec!["ACK", "ACK 推理加速套件"]
    );
    assert_eq!(
        names("混合调度多种国产加速卡，例如昇腾 910B"),
        vec!["昇腾 910B"]
    );
    let s = scan(&[("字节跳动在火山引擎（Volcano Engine）上", 1)], &[], &[]);
    let v = s.iter().find(|s| s.han_alias.is_some()).unwrap();
    assert_eq!(
        (v.name.as_str(), v.han_alias.as_deref()),
        ("Volcano Engine", Some("火山引擎"))
    );
}

#[test]
fn english_runs_trim_function_words_and_possessives() {
    let s = scan(&[("Jane also announced Northstar, Acme's open-source tool. Vector Search on Postgres Without a Second Database", 1)], &[], &[]);
    let got: Vec<(&str, bool)> = s
        .iter()
        .map(|s| (s.name.as_str(), s.company_hint))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Jane", false),
            ("Northstar", false),
            ("Acme", true),
            ("Vector Search", false),
            ("Postgres", false),
            ("Second Database", false)
        ]
    );
}

/// The checks that let a unit skip the compound patterns never skip one
/// they would match: random text over the characters the patterns are
/// made of.
#[test]
fn the_compound_patterns_run_wherever_they_may_match() {
    const PIECES: &[&str] = &[
        "火山", "引擎", "昇腾", "（", "(", "）", ")", "Volcano", " ", "E", "9", "10", "910", "B",
        "套件", "ACK", "-", ".", "，", "x",
    ];
    let [paren, _, model] = compound_res();
    let mut text = crate::test_texts(0x005e_ed0f_d15c, PIECES, 10);
    for _ in 0..100_000 {
        let text = text();
        if paren.is_match(&text) {
            assert!(latin_in_brackets(&text), "{text:?}");
        }
        if model.is_match(&text) {
            assert!(model_number(text.as_bytes()), "{text:?}");
        }
    }
    assert!(latin_in_brackets("火山引擎（Volcano Engine）"));
    assert!(!latin_in_brackets("增长（15%）与 (3倍)"));
    assert!(model_number("昇腾 910B 芯片".as_bytes()));
    assert!(!model_number("增长 150% 与 2025年".as_bytes()));
}

#[test]
fn a_place_is_no_name() {
    assert_eq!(
        names("**日期**：12月3日  **地点**：Venetian 会议厅 B\n**讲者**：介绍 Nova Act"),
        ["Nova Act"]
    );
    let venue = names("Location: Mandalay Bay, Room 3A");
    assert!(
        !venue
            .iter()
            .any(|n| n.contains("Mandalay") || n.contains("Room")),
        "{venue:?}"
    );
    assert_eq!(names("地点：拉斯维加斯。会上发布了 Nova Act"), ["Nova Act"]);
}

/// `SVC301` is the conference's code for a session, no product, and the
/// name after it stands alone; `GB200` is a chip.
#[test]
fn session_codes_are_no_names() {
    assert_eq!(names("DAT405 DynamoDB 深度解析"), ["DynamoDB"]);
    assert!(names("- 场次：STG201").is_empty());
    assert!(names("【re:Invent 2025】AIM301-R 实战")
        .iter()
        .all(|n| !n.contains("AIM301")));
    assert_eq!(names("NVIDIA 的 GB200 芯片"), ["NVIDIA", "GB200"]);
    assert!(names("生成式 AI 在金融行业的落地（FSI302）")
        .iter()
        .all(|n| n != "FSI302"));
}

/// `延迟约 100ms` is a quantity, not a brand and its model as `昇腾 910B` is.
#[test]
fn a_quantity_is_no_model() {
    assert!(names("S3 Vectors 的查询延迟约 100ms，适合冷数据")
        .iter()
        .all(|n| n == "S3 Vectors"));
    assert!(names("单机内存 512GB，带宽 400Gbps")
        .iter()
        .all(|n| !n.contains("512")));
    assert_eq!(names("华为的昇腾 910B 芯片"), ["昇腾 910B"]);
}

/// `us-east-1` is where a launch is available, no product.
#[test]
fn region_codes_are_no_names() {
    assert_eq!(
        names("Nova Act is now available in us-east-1 and eu-west-2."),
        ["Nova Act"]
    );
    assert!(names("部署在 ap-northeast-1 和 us-gov-west-1 区域").is_empty());
    assert!(names("GCP 的 europe-west4 区域")
        .iter()
        .all(|n| n != "europe-west4"));
    for code in [
        "us-east-1",
        "ap-southeast-5",
        "us-gov-east-1",
        "europe-west4",
        "asia-northeast1",
    ] {
        assert!(super::edges::region_code(code), "{code}");
    }
    for name in [
        "gpt-4o",
        "us-east",
        "e-commerce",
        "ap-1",
        "Llama-3-70b",
        "us-east-1a-b",
    ] {
        assert!(!super::edges::region_code(name), "{name}");
    }
}

/// `db.r8g.48xlarge` is what something runs on: no company (after `at`),
/// no product; its family (`R8g`) may be one.
#[test]
fn instance_sizes_are_no_names() {
    assert_eq!(
        names("Vertical scaling ends at db.r8g.48xlarge"),
        ["Vertical"]
    );
    assert!(names("迁移到 m7i.large 和 ml.p5.48xlarge，再到 t3.micro")
        .iter()
        .all(|n| !n.contains('.')));
    for size in [
        "db.r8g.48xlarge",
        "m7i.large",
        "c7gn.metal-48xl",
        "t3.micro",
    ] {
        assert!(super::edges::instance_size(size), "{size}");
    }
    for name in ["Node.js", "db.large", "v1.2", "ASP.NET", "example.com"] {
        assert!(!super::edges::instance_size(name), "{name}");
    }
}

/// `Twelve Labs CTO`: Twelve Labs, a company, and its officer's title.
#[test]
fn an_officers_title_after_a_name_makes_it_a_company() {
    let got: Vec<(String, bool)> = scan(&[("—— Twelve Labs CTO", 1)], &[], &[])
        .into_iter()
        .map(|s| (s.name, s.company_hint))
        .collect();
    assert_eq!(got, [("Twelve Labs".to_string(), true)]);
    // The officer named after the title is no part of the company.
    assert_eq!(
        kinds("Perplexity CEO Aravind Srinivas 上台分享"),
        [("Perplexity".to_string(), true)]
    );
    assert_eq!(
        kinds("Acme CEO Summit"),
        [("Acme CEO Summit".to_string(), false)]
    );
}

/// A title that opens with what is done (`Scaling PostgreSQL with …`)
/// names what it is done to; a gerund elsewhere, or a name like `Spring
/// Boot`, is left as it is.
#[test]
fn a_gerund_opening_a_title_is_no_part_of_the_name() {
    assert_eq!(
        names("Scaling PostgreSQL with Aurora DSQL / 用 Aurora DSQL 扩展 PostgreSQL"),
        ["PostgreSQL", "Aurora DSQL", "Aurora DSQL", "PostgreSQL"]
    );
    assert_eq!(names("Spring Boot 应用"), ["Spring Boot"]);
    assert_eq!(names("Running Kubernetes at scale"), ["Kubernetes"]);
    // After the title's label, the title opens.
    assert_eq!(
        names("Session recap: Scaling Postgres with Aurora DSQL"),
        ["Session", "Postgres", "Aurora DSQL"]
    );
    assert_eq!(names("Dev Chat: Building MCP servers"), ["Dev Chat", "MCP"]);
    assert_eq!(
        names("We met Thinking Machines again"),
        ["Thinking Machines"]
    );
    // Advice opens with what to do.
    assert_eq!(names("- Use JSONata to transform payloads"), ["JSONata"]);
    assert_eq!(names("Teams that Use JSONata"), ["Teams", "Use JSONata"]);
}

/// `向量桶（vector bucket）` gives the English for a term, not a name;
/// `火山引擎（Volcano Engine）` and `向量插件（pgvector）` name things.
#[test]
fn an_english_term_in_brackets_is_a_translation() {
    let aliased = |text: &str| -> Vec<String> {
        scan(&[(text, 1)], &[], &[])
            .into_iter()
            .filter(|s| s.han_alias.is_some())
            .map(|s| s.name)
            .collect()
    };
    assert!(aliased("向量桶（vector bucket）和向量索引").is_empty());
    assert_eq!(aliased("火山引擎（Volcano Engine）"), ["Volcano Engine"]);
    assert_eq!(aliased("向量插件（pgvector）"), ["pgvector"]);
}

/// `Graviton4 Deep Dive`, `Kiro Workshop`: the name, then the kind of talk.
#[test]
fn the_kind_of_talk_after_a_name_is_no_part_of_it() {
    assert_eq!(
        names("Session: CMP320 — Graviton4 Deep Dive"),
        ["Session", "Graviton4"]
    );
    assert_eq!(names("Kiro Workshop 报名"), ["Kiro"]);
    assert_eq!(
        names("AWS Workshop Studio 上的实验"),
        ["AWS Workshop Studio"]
    );
}

/// `-mcpu=neoverse-v2`, `--enable-lto`: a command line's options and their
/// values, no names; `GPT-4` and `Graviton3-Graviton4` are left as they are.
#[test]
fn a_command_lines_options_are_no_names() {
    assert_eq!(
        names("使用 -mcpu=neoverse-v2 编译 Graviton4"),
        ["Graviton4"]
    );
    assert!(names("加上 --enable-lto 和 `-march=armv9-a`").is_empty());
    assert_eq!(
        names("- GPT-4 与 Graviton3-Graviton4 对比"),
        ["GPT-4", "Graviton3-Graviton4"]
    );
}

/// `CTO of Acme`, `Globex Corp`: companies, by the officer before them or
/// the legal form that ends them.
#[test]
fn an_officer_of_or_a_legal_form_makes_a_company() {
    let got: Vec<(String, bool)> = scan(
        &[("Jane Doe, CTO of Initech, and Globex Corp agree.", 1)],
        &[],
        &[],
    )
    .into_iter()
    .map(|s| (s.name, s.company_hint))
    .collect();
    assert!(got.contains(&("Initech".to_string(), true)), "{got:?}");
    assert!(got.contains(&("Globex Corp".to_string(), true)), "{got:?}");
}
