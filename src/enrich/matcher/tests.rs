use super::*;

fn matcher(names: &[&str]) -> Matcher {
    let pats: Vec<Pattern> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Pattern::auto(i, n))
        .collect();
    Matcher::for_text(&pats, 0)
}

fn found<'a>(m: &Matcher, names: &[&'a str], text: &str) -> Vec<(&'a str, String)> {
    m.find_all(text)
        .into_iter()
        .map(|h| (names[h.target], text[h.start..h.end].to_string()))
        .collect()
}

#[test]
fn plain_texts_are_what_the_character_check_says() {
    // The check as it was written first, a character at a time.
    fn by_char(text: &str) -> bool {
        let mut prev_space = false;
        text.chars().all(|c| {
            let ok = match c {
                ' ' => !prev_space,
                c if c.is_ascii() => !c.is_ascii_whitespace(),
                c => {
                    fold_char(c) == c
                        && !c.is_whitespace()
                        && !((c as u32) < 0x530 && c.is_uppercase())
                }
            };
            prev_space = c == ' ';
            ok
        })
    }
    let pieces = [
        "a", "Z", " ", "  ", "\t", "\n", "中", "，", "。", "、", "\u{3000}", "\u{a0}", "\u{85}",
        "\u{1680}", "\u{2000}", "\u{200b}", "\u{2028}", "\u{202f}", "\u{205f}", "Ａ", "ａ", "０",
        "（", "É", "é", "Ω", "ω", "Д", "д", "\u{52f}", "\u{530}", "Ա", "😀", "ｶ", "—",
    ];
    let mut text = crate::test_texts(0x2545_F491_4F6C_DD1D, &pieces, 8);
    for _ in 0..50_000 {
        let t = text();
        assert_eq!(is_plain(&t), by_char(&t), "{t:?}");
    }
    for c in (0..0x11_0000).filter_map(char::from_u32) {
        let t = format!("a{c}b");
        assert_eq!(is_plain(&t), by_char(&t), "{c:?}");
    }
}

#[test]
fn longest_name_wins() {
    let names = ["Nova 2", "Nova 2 Sonic", "Nova 2 Lite"];
    let m = matcher(&names);
    assert_eq!(
        found(&m, &names, "Nova 2 Sonic：下一代语音模型，Nova 2家族"),
        vec![
            ("Nova 2 Sonic", "Nova 2 Sonic".to_string()),
            ("Nova 2", "Nova 2".to_string())
        ]
    );
}

#[test]
fn instance_names_with_suffixes_are_not_their_prefixes() {
    let names = ["P6", "P6e-GB300", "P5"];
    let m = matcher(&names);
    assert_eq!(
        found(&m, &names, "发布**P6e-GB300实例**，在P5和P6实例上训练"),
        vec![
            ("P6e-GB300", "P6e-GB300".to_string()),
            ("P5", "P5".to_string()),
            ("P6", "P6".to_string())
        ]
    );
}

#[test]
fn latin_names_match_inside_cjk_but_not_inside_words() {
    let names = ["Bedrock", "Trainium"];
    let m = matcher(&names);
    assert_eq!(
        found(
            &m,
            &names,
            "Bedrock客户数量翻倍，Trainium3不是Trainium，xBedrock也不是"
        ),
        vec![
            ("Bedrock", "Bedrock".to_string()),
            ("Trainium", "Trainium".to_string())
        ]
    );
}

#[test]
fn a_shorter_name_is_tried_when_the_longest_fails_its_boundary() {
    let names = ["Amazon", "Amazon Connect"];
    let m = matcher(&names);
    assert_eq!(
        found(&m, &names, "Amazon Connectivity"),
        vec![("Amazon", "Amazon".to_string())]
    );
}

#[test]
fn version_suffix_blocks_match() {
    let names = ["Nova 2"];
    let m = matcher(&names);
    assert!(m.find_all("Nova 2.5 发布").is_empty());
    assert_eq!(m.find_all("Nova 2。").len(), 1);
}

#[test]
fn full_width_and_case_variants_match() {
    let names = ["Bedrock", "CrowdStrike"];
    let m = matcher(&names);
    let text = "基于Ｂｅｄｒｏｃｋ构建，合作伙伴Crowdstrike与BEDROCK";
    assert_eq!(
        found(&m, &names, text),
        vec![
            ("Bedrock", "Ｂｅｄｒｏｃｋ".to_string()),
            ("CrowdStrike", "Crowdstrike".to_string()),
            ("Bedrock", "BEDROCK".to_string())
        ]
    );
}

#[test]
fn ordinary_words_need_exact_case_and_no_sentence_start() {
    let names = ["Writer", "Quick", "Connect"];
    let m = matcher(&names);
    assert_eq!(
        found(&m, &names, "Writer CEO May Habib分享；Amazon内部使用Quick"),
        vec![
            ("Writer", "Writer".to_string()),
            ("Quick", "Quick".to_string())
        ]
    );
    assert!(m
        .find_all("The writer of this recap asked a quick question.")
        .is_empty());
    assert!(m
        .find_all("Writer tools help. Connect the dots.")
        .is_empty());
    assert_eq!(m.find_all("We partnered with Writer on this.").len(), 1);
}

/// An ordinary-word name right after a capitalised word ends a longer
/// name (`ECS Service Connect` is no `Connect`), unless that word was a
/// name itself (`Nova Forge`).
#[test]
fn ordinary_words_after_a_capitalised_word_end_a_longer_name() {
    let names = ["Connect", "Nova", "Forge"];
    let m = matcher(&names);
    assert!(found(&m, &names, "Demo - ECS Service Connect").is_empty());
    assert_eq!(
        found(&m, &names, "用 Nova Forge 训练，再接入 Connect"),
        vec![
            ("Nova", "Nova".to_string()),
            ("Forge", "Forge".to_string()),
            ("Connect", "Connect".to_string())
        ]
    );
    assert_eq!(found(&m, &names, "AWS Connect 上线").len(), 1);
}

#[test]
fn offsets_point_into_the_original_text() {
    let names = ["Amazon Bedrock"];
    let m = matcher(&names);
    let text = "使用　Amazon\u{3000}\u{3000}Bedrock构建";
    let h = m.find_all(text);
    assert_eq!(h.len(), 1);
    assert_eq!(&text[h[0].start..h[0].end], "Amazon\u{3000}\u{3000}Bedrock");
}

#[test]
fn chinese_aliases_match_anywhere() {
    let names = ["桑坦德银行", "桑坦德"];
    let m = matcher(&names);
    assert_eq!(
        found(&m, &names, "巴西桑坦德银行与桑坦德"),
        vec![
            ("桑坦德银行", "桑坦德银行".to_string()),
            ("桑坦德", "桑坦德".to_string())
        ]
    );
}

#[test]
fn a_matcher_built_for_much_text_finds_the_same_names() {
    let catalog = crate::enrich::Catalog::load("content".as_ref()).unwrap();
    let table = super::super::graph::Table::from_catalog(&catalog);
    let patterns = &table.patterns;
    let small = Matcher::for_text(patterns, 0);
    let big = Matcher::for_text(patterns, DFA_FROM_BYTES);
    let kinds = [&small, &big].map(|m| m.automaton.as_ref().map(|a| a.kind()));
    assert_eq!(kinds[1], Some(AhoCorasickKind::DFA));
    assert_ne!(kinds[0], kinds[1]);
    let mut hits = 0;
    for entry in std::fs::read_dir("seeds").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for line in text.lines() {
            let found = small.find_all(line);
            assert_eq!(found, big.find_all(line), "{line}");
            hits += found.len();
        }
    }
    assert!(hits > 100, "{hits}");
}

#[test]
fn too_many_names_for_a_dfa_are_searched_without_one() {
    let names: Vec<String> = (0..DFA_MAX_NAME_BYTES / 8 + 1)
        .map(|i| format!("Nm{i:06}"))
        .collect();
    let patterns: Vec<Pattern> = names
        .iter()
        .enumerate()
        .map(|(i, n)| Pattern::auto(i, n))
        .collect();
    let m = Matcher::for_text(&patterns, DFA_FROM_BYTES);
    let kind = m.automaton.as_ref().map(|a| a.kind());
    assert_ne!(kind, Some(AhoCorasickKind::DFA));
    let hits = m.find_all("见 Nm000007 与 Nm008191。");
    let targets: Vec<usize> = hits.iter().map(|h| h.target).collect();
    assert_eq!(targets, [7, 8191]);
}

#[test]
fn a_name_is_one_name_in_either_script() {
    assert_eq!(normalize("發佈會"), normalize("发布会"));
    // A catalog name written in traditional Chinese, found in a text that
    // is, like every unit's, given in simplified characters.
    let m = Matcher::for_text(&[Pattern::auto(0, "桑坦德銀行")], 0);
    let text = crate::parse::simplified("由桑坦德銀行介紹");
    let hits = m.find_all(&text);
    assert_eq!((hits.len(), hits[0].start), (1, "由".len()));
}
