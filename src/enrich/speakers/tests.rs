use super::*;

fn org_of(s: &str) -> Option<(String, bool)> {
    // As the enricher's: a known name, then maybe a generic word (a
    // letter or an abbreviation: `AWS H`, `AWS AGI`).
    let s = s.trim();
    let s = s
        .rsplit_once(' ')
        .filter(|(_, t)| t.len() <= 3 && t.chars().all(|c| c.is_ascii_uppercase()))
        .map_or(s, |(h, _)| h);
    match s {
        "AWS" | "Sony" | "Adobe" | "Writer" | "Centrica" => Some((s.trim().to_string(), false)),
        "桑坦德银行" => Some(("桑坦德银行".into(), false)),
        "Amazon Connect" => Some(("AWS".into(), true)),
        _ => None,
    }
}

fn names(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    find(text, 1, &org_of)
        .into_iter()
        .map(|f| (f.speaker.name, f.speaker.role, f.speaker.org))
        .collect()
}

fn s(n: &str, r: &str, o: &str) -> (String, Option<String>, Option<String>) {
    let opt = |x: &str| Some(x.to_string()).filter(|x| !x.is_empty());
    (n.to_string(), opt(r), opt(o))
}

#[test]
fn seed_000_presented_by() {
    assert_eq!(
        names("本次会议由AWS全球合作伙伴中小企业专家Nikki Mosheri主讲，重点探讨"),
        vec![s("Nikki Mosheri", "全球合作伙伴中小企业专家", "AWS")]
    );
}

#[test]
fn seed_001_role_glued_to_name() {
    assert_eq!(
        names("本次会议由AWS首席架构师Memet主讲，重点探讨了"),
        vec![s("Memet", "首席架构师", "AWS")]
    );
}

#[test]
fn seed_002_host_and_guests() {
    assert_eq!(
        names("本次AWS re:Invent 2025大会由AWS CEO Matt Garman主持，吸引了"),
        vec![s("Matt Garman", "CEO", "AWS")]
    );
    assert_eq!(
        names("Sony首席数字官John Kodera分享Sony的\"感动\"（Kando）理念"),
        vec![s("John Kodera", "首席数字官", "Sony")]
    );
    assert_eq!(
        names("Writer CEO May Habib分享：使用AWS HyperPod"),
        vec![s("May Habib", "CEO", "Writer")]
    );
    assert_eq!(
        names("Sony CEO Kenichiro Yoshida 上台分享"),
        vec![s("Kenichiro Yoshida", "CEO", "Sony")]
    );
}

#[test]
fn seed_003_co_hosts() {
    assert_eq!(
            names("本次分会场由AWS培训产品总监Umesh Sut和桑坦德银行代理CTO Julio Blanco Perez共同主持，重点"),
            vec![
                s("Umesh Sut", "培训产品总监", "AWS"),
                s("Julio Blanco Perez", "代理CTO", "桑坦德银行")
            ]
        );
}

#[test]
fn seed_004_product_as_org_and_representative() {
    assert_eq!(
        names("本次会议由 Amazon Connect 副总裁 Pasquale Delio 主讲，重点"),
        vec![s("Pasquale Delio", "Amazon Connect 副总裁", "AWS")]
    );
    assert_eq!(
        names("- James Boswell（Centrica 代表）介绍"),
        vec![s("James Boswell", "代表", "Centrica")]
    );
}

/// A name opening a sentence with its role and organisation between
/// commas introduces a speaker (was nobody, and the unit a product).
#[test]
fn an_english_name_with_its_role_between_commas() {
    assert_eq!(
        names("Peter DeSantis, SVP of AWS Utility Computing, walked through Graviton5."),
        vec![s("Peter DeSantis", "SVP of AWS Utility Computing", "AWS")]
    );
    assert_eq!(
        names("Overview: Jane Doe, Principal Engineer at Acme Robotics, showed the demo."),
        vec![s("Jane Doe", "Principal Engineer", "Acme Robotics")]
    );
    assert_eq!(
        names("讲者：Ali Saidi, VP and Distinguished Engineer, AWS"),
        vec![s("Ali Saidi", "VP and Distinguished Engineer", "AWS")]
    );
    assert_eq!(
        names("Speakers: Jane Doe, CTO, Acme and John Roe, CEO, Globex"),
        vec![s("Jane Doe", "CTO", "Acme"), s("John Roe", "CEO", "Globex")]
    );
    assert!(names("Graviton5, a chip of AWS, is faster.").is_empty());
    assert_eq!(
        names("At 48:00, Sony's Kenichiro Yoshida joined on stage to talk."),
        vec![s("Kenichiro Yoshida", "", "Sony")]
    );
    assert_eq!(
        names("Then Jane Doe took the stage. Kiro took the stage. Matt Garman took the stage."),
        vec![s("Jane Doe", "", ""), s("Matt Garman", "", "")]
    );
    assert!(names("We met Jane, a friend of Acme, there.").is_empty());
}

/// Sightings of one person are merged; a role is taken only with its
/// organisation.
#[test]
fn a_role_is_merged_only_with_its_organisation() {
    assert_eq!(
        names("Speakers: Jane Doe (AWS), John Roe\n- Jane Doe, CTO of Acme Corp, explains sharding\n- John Roe, CTO of Acme Corp, closes"),
        vec![s("Jane Doe", "", "AWS"), s("John Roe", "CTO", "Acme Corp")]
    );
}

/// A foreign name in Chinese characters with the name as written in
/// brackets is one speaker, the bracketed name (was nobody).
#[test]
fn a_transliterated_name_with_the_name_in_brackets() {
    assert_eq!(
        names("亚马逊 CTO 沃纳·沃格斯（Werner Vogels）发表了最后一次主题演讲"),
        vec![s("Werner Vogels", "CTO", "亚马逊")]
    );
    assert_eq!(
        names("本场由 AWS 首席科学家 安娜・李（Anna Lee）主讲。"),
        vec![s("Anna Lee", "首席科学家", "AWS")]
    );
}

#[test]
fn a_role_after_a_known_organisation_keeps_its_spaces() {
    assert_eq!(
        names("由 AWS AGI 副总裁 Rohit Prasad 主讲。"),
        vec![s("Rohit Prasad", "AGI 副总裁", "AWS")]
    );
    assert_eq!(
        names("讲者：Bratin Saha（AWS AI 与机器学习副总裁）"),
        vec![s("Bratin Saha", "AI 与机器学习副总裁", "AWS")]
    );
}

#[test]
fn an_unknown_organisation_of_several_words_stays_whole() {
    assert_eq!(
        names("本次会议由 Anchor Runtime 总经理 Julia Novak 主讲，重点"),
        vec![s("Julia Novak", "总经理", "Anchor Runtime")]
    );
    assert_eq!(
        names("本次会议由 Acme Labs 首席 架构师 Jane Doe 主讲，重点"),
        vec![s("Jane Doe", "首席 架构师", "Acme Labs")]
    );
    assert_eq!(
        names("本场由 AWS Lambda 团队的 Julian Wood 主讲。"),
        vec![s("Julian Wood", "Lambda 团队", "AWS")]
    );
    assert_eq!(
        names("本次会议由Nova 5 Ultra总经理Ben Reyes主讲，重点"),
        vec![s("Ben Reyes", "总经理", "Nova 5 Ultra")]
    );
    // A word that names an organisation ends it, in whatever scripts.
    assert_eq!(
        names("演讲者：李娜（Acme 公司 CTO）、Ann Lee（Orero Labs Inc. 首席科学家）"),
        vec![
            s("李娜", "CTO", "Acme"),
            s("Ann Lee", "首席科学家", "Orero Labs Inc.")
        ]
    );
}

#[test]
fn labels_in_chinese() {
    let text = "主讲人：张伟（字节跳动 资深工程师）\n嘉宾 Li Na 来自 Alibaba Cloud，负责 ACK 的 GPU 调度\n特邀嘉宾：PingCAP 的王磊，TiDB 云服务架构师";
    assert_eq!(
        names(text),
        vec![
            s("张伟", "资深工程师", "字节跳动"),
            s("Li Na", "负责 ACK 的 GPU 调度", "Alibaba Cloud"),
            s("王磊", "TiDB 云服务架构师", "PingCAP")
        ]
    );
}

/// A table in a quote is a table still, not a line of facts.
#[test]
fn a_quoted_table_of_speakers() {
    assert_eq!(
        names("> | 讲者 | 职位 |\n> |---|---|\n> | 张伟 | 架构师 |"),
        vec![s("张伟", "架构师", "")]
    );
}

#[test]
fn labels_in_a_quote() {
    let text = "> 讲者：Rahul Pathak，AWS 分析服务副总裁\n>> **主持人**：张伟";
    assert_eq!(
        names(text),
        vec![
            s("Rahul Pathak", "分析服务副总裁", "AWS"),
            s("张伟", "", "")
        ]
    );
}

#[test]
fn bold_labels() {
    let text = "- **讲者**：张伟，AWS 首席架构师\n**Speaker:** Jane Doe (AWS)\n**Host:** John Roe, Principal Engineer, Acme";
    assert_eq!(
        names(text),
        vec![
            s("张伟", "首席架构师", "AWS"),
            s("Jane Doe", "", "AWS"),
            s("John Roe", "Principal Engineer", "Acme")
        ]
    );
    assert!(names("演讲者强调，许多组织将项目视为技术项目，这是失败的原因之一").is_empty());
}

/// A label glued to a sentence (`讲者解释了参数的含义`) names nobody: the
/// text after it is no `Org 的 Name`. Glued to a name, it still does.
#[test]
fn a_label_glued_to_a_sentence_is_prose() {
    for sentence in [
        "讲者解释了参数的含义",
        "- 讲者介绍了新功能的背景",
        "演讲者强调了安全的重要性",
        "嘉宾分享了团队的经验",
    ] {
        assert!(
            names(sentence).is_empty(),
            "{sentence}: {:?}",
            names(sentence)
        );
    }
    assert_eq!(
        names("讲者张伟，AWS 首席架构师\n嘉宾 PingCAP 的王磊，TiDB 云服务架构师"),
        vec![
            s("张伟", "首席架构师", "AWS"),
            s("王磊", "TiDB 云服务架构师", "PingCAP")
        ]
    );
}

#[test]
fn labels_with_several_speakers() {
    let text = "演讲者：张伟（AWS 首席架构师）、Maria Lopez（Netflix 工程总监）\nSpeakers: John Smith (AWS), Jane Doe (Acme)\n主持人：李娜和王磊\n嘉宾：Ann Lee, Netflix";
    assert_eq!(
        names(text),
        vec![
            s("张伟", "首席架构师", "AWS"),
            s("Maria Lopez", "工程总监", "Netflix"),
            s("John Smith", "", "AWS"),
            s("Jane Doe", "", "Acme"),
            s("李娜", "", ""),
            s("王磊", "", ""),
            s("Ann Lee", "", "Netflix"),
        ]
    );
}

/// A line of several facts (`**Level**: 300 | **Speakers**: …`) names
/// the speakers in its own part; names between commas are people when
/// each is a person's name.
#[test]
fn speakers_among_other_facts_of_a_line() {
    assert_eq!(
        names("**Session ID**: AIM305 | **Level**: 300 | **Speakers**: Danilo Poccia, Jane Park"),
        vec![s("Danilo Poccia", "", ""), s("Jane Park", "", "")]
    );
    assert_eq!(
        names(
            "**Date:** 2025-12-02 · **Speaker:** Grant McAlister, Senior Principal Engineer, AWS"
        ),
        vec![s("Grant McAlister", "Senior Principal Engineer", "AWS")]
    );
    assert_eq!(
        names("Speakers: Jane Doe, Principal Engineer, AWS"),
        vec![s("Jane Doe", "Principal Engineer", "AWS")]
    );
}

/// A timeline heading that is a person's name is theirs to speak.
#[test]
fn a_heading_named_after_a_person() {
    assert_eq!(
        heading_person("Matt Garman").map(|s| s.name).as_deref(),
        Some("Matt Garman")
    );
    for heading in ["开场", "Ray Serve", "Amazon Nova", "Matt"] {
        assert!(heading_person(heading).is_none(), "{heading}");
    }
}

/// A heading that says who spoke heads a list of them.
#[test]
fn a_heading_of_speakers_heads_their_list() {
    for heading in [
        "## 演讲嘉宾",
        "### 讲者介绍",
        "**Speakers**",
        "## Speakers:",
    ] {
        assert!(heads_a_list(heading), "{heading}");
    }
    for text in ["## 时间线", "演讲嘉宾", "## 演讲嘉宾的观点"] {
        assert!(!heads_a_list(text), "{text}");
    }
    let list = "- 张伟，AWS 首席架构师\n- Maria Lopez，Netflix 工程总监";
    let found: Vec<String> = find_under(list, 3, &org_of, true)
        .into_iter()
        .map(|f| f.speaker.name)
        .collect();
    assert_eq!(found, ["张伟", "Maria Lopez"]);
    assert!(find(list, 3, &org_of).is_empty());
}

/// An organisation and a role between commas after `by` are the
/// speaker's, as in brackets; a name there is another speaker.
#[test]
fn an_organisation_and_role_between_commas_after_by() {
    assert_eq!(
        names("Hosted by Eric Johnson, AWS Principal Developer Advocate, with guest Heeki Park (AWS Hero)."),
        vec![
            s("Eric Johnson", "Principal Developer Advocate", "AWS"),
            s("Heeki Park", "Hero", "AWS")
        ]
    );
    assert_eq!(
        names("Presented by Jane Doe, Senior Engineer, Acme."),
        vec![s("Jane Doe", "Senior Engineer", "Acme")]
    );
}

/// `与` joins two speakers as `和` does; a `的` between the organisation
/// and the role is no part of the role.
#[test]
fn speakers_joined_by_yu() {
    assert_eq!(
        names("嘉宾：Jane Doe（Netflix）与 John Roe（Airbnb）"),
        vec![s("Jane Doe", "", "Netflix"), s("John Roe", "", "Airbnb")]
    );
    assert_eq!(
        names("**讲者**：Dave Brown，AWS 计算与网络副总裁"),
        vec![s("Dave Brown", "计算与网络副总裁", "AWS")]
    );
    assert_eq!(
        names("来自 Sony 的高级工程师 Jane Doe 分享了实时推荐"),
        vec![s("Jane Doe", "高级工程师", "Sony")]
    );
}

#[test]
fn a_name_with_he_in_it_is_one_name() {
    assert_eq!(
        names("主持人：张和平\n嘉宾：欧阳和平和李娜"),
        vec![
            s("张和平", "", ""),
            s("欧阳和平", "", ""),
            s("李娜", "", "")
        ]
    );
}

#[test]
fn a_label_then_a_list_of_speakers() {
    let text = "讲者：\n- 张伟，AWS 首席架构师\n- Maria Lopez，Netflix 工程总监\n其余是正文，Ann Lee，CTO\n演讲者介绍了Kiro、AgentCore Canvas和Amazon Vexium等服务";
    assert_eq!(
        names(text),
        vec![
            s("张伟", "首席架构师", "AWS"),
            s("Maria Lopez", "工程总监", "Netflix")
        ]
    );
    // The label in bold on a line of its own.
    assert_eq!(
        names("**演讲者**\n- 张伟，AWS 首席架构师\n- **讲者：**\n"),
        vec![s("张伟", "首席架构师", "AWS")]
    );
}

#[test]
fn english_by_patterns() {
    let text = "This session was presented by Jane Doe (VP Engineering, Acme Logistics), joined on stage by Ravi Patel, Staff SRE at Northwind Health. The Q&A was moderated by Tomás Álvarez (Program Chair, Open Source Summit).";
    assert_eq!(
        names(text),
        vec![
            s("Jane Doe", "VP Engineering", "Acme Logistics"),
            s("Ravi Patel", "Staff SRE", "Northwind Health"),
            s("Tomás Álvarez", "Program Chair", "Open Source Summit")
        ]
    );
}

#[test]
fn a_sentence_may_start_with_the_verb() {
    assert_eq!(
        names("Presented by Jane Doe, Principal Engineer at AWS. The session covered agents."),
        vec![s("Jane Doe", "Principal Engineer", "AWS")]
    );
}

#[test]
fn runs_past_their_bounds_are_not_taken() {
    let just_names =
        |text: &str| -> Vec<String> { names(text).into_iter().map(|(n, _, _)| n).collect() };
    // The first `由` runs on for more than 80 characters: the search
    // goes on inside it and finds the second.
    let text = format!("由{}由AWS首席架构师Memet主讲", "长".repeat(85));
    assert_eq!(names(&text), vec![s("Memet", "首席架构师", "AWS")]);
    // A note of more than 60 characters is not a role.
    let text = format!(
        "Jane Doe（{}）和 John Roe（Acme 代表）",
        "很长的说明".repeat(13)
    );
    assert_eq!(just_names(&text), vec!["John Roe"]);
    // Past its bound, `(…)` after an English name is not part of it.
    let text = format!(
        "presented by Jane Doe ({}), moderated by John Roe (Chair, Acme)",
        "x".repeat(85)
    );
    assert_eq!(
        names(&text),
        vec![s("Jane Doe", "", ""), s("John Roe", "Chair", "Acme")]
    );
    let long_org = format!("A{}", "b".repeat(70));
    let text = format!("presented by Jane Doe, Staff SRE at {long_org}");
    assert_eq!(
        names(&text),
        vec![s("Jane Doe", "Staff SRE", &long_org[..61])]
    );
}

#[test]
fn products_in_parentheses_are_not_people() {
    assert!(names("发布**Kiro自主代理**（Frontier Agent）：").is_empty());
    assert!(names("推出微认证（Micro Credentials），降低认证门槛").is_empty());
}

#[test]
fn lines_turned_away_before_the_label_pattern_never_match_it() {
    let lines = [
        "主讲人：张伟",
        "- 主讲嘉宾: Uma Moreau",
        "* Speakers: A, B",
        "•  Host Jane Doe",
        "**主讲人**：张伟",
        " 主讲人：张伟",
        "-主持人李雷",
        "Moderator",
        "会议由张伟主讲",
        "- 本次分享人是李雷",
        "嘉宾",
        "·\u{3000}嘉宾：王芳",
    ];
    let label = &patterns().label;
    for l in lines {
        if !may_be_label(l) {
            assert!(label.captures(l).is_none(), "{l:?}");
        }
    }
    assert!(may_be_label("- 主讲嘉宾: Uma Moreau") && !may_be_label("会议由张伟主讲"));
    let mut labels = 0;
    for entry in std::fs::read_dir("seeds").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for l in text.lines() {
            let matched = label.captures(l).is_some();
            assert!(may_be_label(l) || !matched, "{l:?}");
            labels += usize::from(matched);
            let verbs = ORG_ROLE_VERBS.iter().any(|v| l.contains(v));
            assert_eq!(has_org_role_verb(l), verbs, "{l:?}");
        }
    }
    assert!(labels > 0);
}

/// A label word glued to a word that is no name heads a part of the recap
/// (`主持人介绍`, `主讲人简介`, `嘉宾致辞`): nobody is named `介绍`. A
/// name glued to the label still counts, surname first.
#[test]
fn a_label_glued_to_a_heading_word_names_nobody() {
    for line in [
        "- 主持人介绍",
        "主讲人简介",
        "### 主讲人简介：张伟是 AWS 首席架构师",
        "嘉宾致辞",
        "讲者背景",
        "演讲者信息",
        "- 嘉宾问答",
        "主持人开场",
    ] {
        let found = names(line);
        assert!(
            found.iter().all(|(n, _, _)| n == "张伟"),
            "{line}: {found:?}"
        );
    }
    assert_eq!(names("-主持人李雷"), vec![s("李雷", "", "")]);
    assert_eq!(names("主持人欧阳娜娜"), vec![s("欧阳娜娜", "", "")]);
    assert_eq!(names("嘉宾简宁"), vec![s("简宁", "", "")]);
}

/// `Alex DeBrie，AWS Hero`: a title the organisation gives, kept whole as
/// the role, never cut inside a word.
#[test]
fn a_title_after_the_organisation_is_the_role() {
    assert_eq!(
        names("主讲人 Alex DeBrie，AWS Hero"),
        [s("Alex DeBrie", "Hero", "AWS")]
    );
}

/// `演讲嘉宾：` labels speakers too, and after a label the organisation
/// and the role may come before the name.
#[test]
fn organisation_and_role_before_a_chinese_name() {
    assert_eq!(
        names("演讲嘉宾：埃森哲（Accenture）大中华区技术总监 陈立"),
        [s("陈立", "大中华区技术总监", "Accenture")]
    );
    assert_eq!(
        names("嘉宾：AWS 技术总监 陈立"),
        [s("陈立", "技术总监", "AWS")]
    );
    assert_eq!(
        names("演讲嘉宾：陈立（埃森哲 技术总监）"),
        [s("陈立", "技术总监", "埃森哲")]
    );
    // A sentence after the label that ends with no name names nobody.
    assert!(
        names("- 演讲者 Bianca Bianchi 自我介绍，说明其作为 AWS 全球合作伙伴专家的职责").is_empty()
    );
}

/// A recap that names no speaker but in its title: the person whose talk
/// the title says it is.
#[test]
fn a_talk_named_after_its_speaker() {
    let name = |t: &str| of_title(t).map(|s| s.name);
    assert_eq!(
        name("Werner Vogels 主题演讲回顾").as_deref(),
        Some("Werner Vogels")
    );
    assert_eq!(
        name("Keynote 回顾 — Matt Garman 主题演讲").as_deref(),
        Some("Matt Garman")
    );
    assert_eq!(
        name("Andy Jassy 谈 AI 的未来").as_deref(),
        Some("Andy Jassy")
    );
    assert_eq!(
        name("Swami Sivasubramanian 主题演讲：Agentic AI").as_deref(),
        Some("Swami Sivasubramanian")
    );
    assert_eq!(
        name("Werner Vogels Keynote").as_deref(),
        Some("Werner Vogels")
    );
    // A product in a title, or a person not said to speak, is no speaker.
    assert_eq!(name("Amazon Nova 2 主题演讲"), None);
    assert_eq!(name("Grace Blackwell 演讲"), None);
    assert_eq!(name("与 Sarah Chen 共进午餐"), None);
}

/// A table whose first column is headed `讲者` lists the speakers, one a
/// row, each with the rest of its row as role and organisation.
#[test]
fn a_table_of_speakers() {
    let text = "| 讲者 | 职位 |\n|---|---|\n| 张伟 | AWS 金融行业首席架构师 |\n| Linda Park | Sony 工程副总裁 |\n\n| 指标 | 数值 |\n|---|---|\n| 李娜 | 35% |";
    assert_eq!(
        names(text),
        [
            s("张伟", "金融行业首席架构师", "AWS"),
            s("Linda Park", "工程副总裁", "Sony")
        ]
    );
}

/// Under a header that names a column of organisations, each cell is
/// read as what its column says (it was one note: role `首席技术官
/// 招商银行`, no organisation).
#[test]
fn a_table_of_speakers_with_named_columns() {
    let text = "| 姓名 | 职位 | 公司 |\n|---|---|---|\n| 王芳 | 首席技术官 | 招商银行 |\n| John Smith | Principal Solutions Architect | AWS |\n| **李娜** | | Acme |";
    assert_eq!(
        names(text),
        [
            s("王芳", "首席技术官", "招商银行"),
            s("John Smith", "Principal Solutions Architect", "AWS"),
            s("李娜", "", "Acme")
        ]
    );
    let english = "| **Speaker** | Company | Title |\n|---|---|---|\n| Jane Doe | Acme | CTO |";
    assert_eq!(names(english), [s("Jane Doe", "CTO", "Acme")]);
}

/// `**主持**：Matt Garman，AWS CEO`: the host is among the speakers; a
/// line that opens with `主持` in prose names nobody.
#[test]
fn a_host_labelled_without_its_suffix() {
    assert_eq!(
        names("**主持**：Matt Garman，AWS CEO"),
        [s("Matt Garman", "CEO", "AWS")]
    );
    assert!(names("主持环节结束后进入问答").is_empty());
}

#[test]
fn a_role_heading_a_unit_keeps_the_unit() {
    assert_eq!(
        names("Presented by Deepak Singh, VP of Developer Agents at AWS."),
        vec![s("Deepak Singh", "VP of Developer Agents", "AWS")]
    );
    assert_eq!(
        names("Speaker: Jane Doe, Head of Platform Engineering from Acme Robotics"),
        vec![s(
            "Jane Doe",
            "Head of Platform Engineering",
            "Acme Robotics"
        )]
    );
    // A unit named after a known company is that company's, however the
    // speaker is introduced.
    assert_eq!(
        names("Presented by Peter DeSantis, SVP of AWS Utility Computing."),
        vec![s("Peter DeSantis", "SVP of AWS Utility Computing", "AWS")]
    );
    assert_eq!(
        names("Speaker: Jane Doe, Director of AWS Storage Services"),
        vec![s("Jane Doe", "Director of AWS Storage Services", "AWS")]
    );
    // Without `at` after it, `of` names the organisation.
    assert_eq!(
        names("Presented by Matt Garman, CEO of AWS."),
        vec![s("Matt Garman", "CEO", "AWS")]
    );
}

#[test]
fn names_joined_after_by_share_the_organisation_after_them() {
    assert_eq!(
        names("Presented by Jane Doe and John Roe from AWS."),
        vec![s("Jane Doe", "", "AWS"), s("John Roe", "", "AWS")]
    );
    assert_eq!(
        names("Co-presented by Jane Doe, Ravi Patel and Tomás Álvarez (Program Chair, Open Source Summit)"),
        vec![
            s("Jane Doe", "", ""),
            s("Ravi Patel", "", ""),
            s("Tomás Álvarez", "Program Chair", "Open Source Summit")
        ]
    );
    // A role after the comma ends the list.
    assert_eq!(
        names("Presented by Jane Doe, Senior Engineer, Acme, and others."),
        vec![s("Jane Doe", "Senior Engineer", "Acme")]
    );
    // `at` after one name is where, not whose.
    assert_eq!(
        names("Presented by Jane Doe at AWS re:Invent."),
        vec![s("Jane Doe", "", "")]
    );
}

#[test]
fn a_guests_talk_names_the_guest() {
    assert_eq!(
        names("嘉宾分享：Adobe CTO Ely Greenfield"),
        vec![s("Ely Greenfield", "CTO", "Adobe")]
    );
    assert_eq!(
        names("嘉宾分享：Writer 联合创始人 May Habib"),
        vec![s("May Habib", "联合创始人", "Writer")]
    );
    // What a guest said is no guest.
    assert!(names("嘉宾分享了 Amazon Bedrock 的经验").is_empty());
}

#[test]
fn a_name_in_brackets_opening_an_entry_speaks_it() {
    assert_eq!(names("[Matt Wood] 开场"), vec![s("Matt Wood", "", "")]);
    assert_eq!(
        names("[Jane Doe，Acme Retail CTO] 客户实践"),
        vec![s("Jane Doe", "CTO", "Acme Retail")]
    );
    assert_eq!(names("[张伟] 架构演进"), vec![s("张伟", "", "")]);
    for text in [
        "[Demo] 现场演示",
        "[演示] 现场",
        "[00:05] 开场",
        "[视频] Kiro",
        "[Kiro] 发布",
        "[Acme Widget] 发布新功能",
    ] {
        assert!(names(text).is_empty(), "{text}");
    }
}

#[test]
fn everyone_is_no_speaker() {
    assert!(names("讲者：全体").is_empty());
    assert_eq!(names("讲者：Jane Doe"), vec![s("Jane Doe", "", "")]);
}

/// `李明 / 某大型银行 首席架构师`: a slash after the name sets off the
/// organisation and role as a comma does; `讲师` labels speakers.
#[test]
fn a_slash_after_the_name_and_the_lecturer_label() {
    assert_eq!(
        names("分享人：李明 / 某大型银行 首席架构师；王芳 / AWS 金融行业解决方案总监"),
        vec![
            s("李明", "首席架构师", "某大型银行"),
            s("王芳", "金融行业解决方案总监", "AWS")
        ]
    );
    assert_eq!(
        names("Speakers: Jane Doe, Principal Engineer @ Netflix; John Roe (AWS)"),
        vec![
            s("Jane Doe", "Principal Engineer", "Netflix"),
            s("John Roe", "", "AWS")
        ]
    );
    assert_eq!(
        names("Speakers: Maish Saidel-Keesing, Sr. Developer Advocate, AWS | Nathan Peck (AWS)"),
        vec![
            s("Maish Saidel-Keesing", "Sr. Developer Advocate", "AWS"),
            s("Nathan Peck", "", "AWS")
        ]
    );
    assert_eq!(
        names("**讲者**\n- Danilo Poccia — Chief Evangelist (EMEA), AWS\n- 周磊 — 某跨境电商 CTO"),
        vec![
            s("Danilo Poccia", "Chief Evangelist (EMEA)", "AWS"),
            s("周磊", "CTO", "某跨境电商")
        ]
    );
    // A name going by a letter and a digit first (`G2`) keeps it.
    assert_eq!(
        names("讲者：G2 Krishnamoorthy，AWS 数据库服务副总裁"),
        vec![s("G2 Krishnamoorthy", "数据库服务副总裁", "AWS")]
    );
    assert_eq!(
        names("讲者：张伟（AWS 架构师）｜李娜（Netflix）"),
        vec![s("张伟", "架构师", "AWS"), s("李娜", "", "Netflix")]
    );
    assert_eq!(
        names("Speaker: Jane Doe, SDE @Stripe"),
        vec![s("Jane Doe", "SDE", "Stripe")]
    );
    assert!(names("Speaker: Jane Doe, SDE @jdoe")
        .iter()
        .all(|(_, _, org)| org.as_deref() != Some("jdoe")));
    assert_eq!(
        names("Speaker: Jane Doe / AWS 首席架构师"),
        vec![s("Jane Doe", "首席架构师", "AWS")]
    );
    assert_eq!(
        names("讲师：Colin Lazier（AWS）、Jane Doe（AWS 数据库副总裁）"),
        vec![
            s("Colin Lazier", "", "AWS"),
            s("Jane Doe", "数据库副总裁", "AWS")
        ]
    );
}
