//! Speakers after a label (`**讲者**：…`, `主讲人：…`, `Speakers: …`):
//! a list of people, each with a role and an organisation written in one of
//! a few ways.

use super::{
    captures_fitting, family_names, is_han_name, make, paren_fits, paren_speaker, patterns,
    role_word, split_org_role, HAN_NAME, LATIN_NAME,
};
use crate::model::SpeakerRef;
use crate::parse::labels::{self, heads_speakers};
use crate::pattern::Regex;
use std::sync::OnceLock;

/// Whether the `和` between `before` and `after` joins two names (`李明和
/// 王芳`) rather than being part of one (`张和平`, `欧阳和平`): a name
/// has two characters or more on each side.
fn joins_two_names(before: &str, after: &str) -> bool {
    let next_name = after
        .chars()
        .take_while(|c| !"和、；;,，(（".contains(*c))
        .filter(|c| !c.is_whitespace());
    before.trim().chars().count() >= 2 && next_name.count() >= 2
}

/// Whether the ` and ` between `before` and `after` is inside a role
/// (`Ali Saidi, VP and Distinguished Engineer, AWS`): the speaker's role
/// has begun after a comma and no given name follows.
fn and_in_role(before: &str, after: &str) -> bool {
    let mut depth = 0usize;
    let role_begun = before.chars().any(|c| {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && matches!(c, ',' | '，')
    });
    let next = after.split([' ', ',', '，']).next().unwrap_or("");
    role_begun && !crate::enrich::discover::is_given_name(next)
}

/// Whether `after`, the text after a comma in a list of speakers, starts
/// with a person's name that is all of its piece (`Danilo Poccia, Jane
/// Park`), not a role (`Jane Doe, Principal Engineer, AWS`).
fn a_person_next(after: &str) -> bool {
    let piece = after
        .split([',', '，', ';', '；', '(', '（', '、'])
        .next()
        .unwrap_or("")
        .trim();
    crate::enrich::discover::person_shaped(piece)
}

/// The speakers of one label, each with where it starts:
/// `张伟（AWS 架构师）、Maria Lopez（Netflix 总监）`, `A; B`, `A | B`, `Jane
/// Doe (AWS), John Roe (Acme)`, `张伟和李娜`. Separators inside brackets, and
/// commas that do not follow a bracket (`王磊，TiDB 架构师` is one speaker),
/// do not split.
pub(super) fn speaker_list(rest: &str) -> Vec<(usize, &str)> {
    let mut pieces = Vec::new();
    let mut push = |from: usize, to: usize| {
        let raw = &rest[from..to];
        let piece = raw.trim();
        if !piece.is_empty() {
            pieces.push((from + raw.len() - raw.trim_start().len(), piece));
        }
    };
    let (mut depth, mut start, mut after_close) = (0usize, 0usize, false);
    for (i, c) in rest.char_indices() {
        if i < start {
            continue; // inside ` and ` / ` & `
        }
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 {
            let at = &rest[i..];
            let separator = if matches!(c, '、' | '；' | ';' | '｜')
                || (matches!(c, ',' | '，')
                    && (after_close || a_person_next(&rest[i + c.len_utf8()..])))
                || (c == '和' && joins_two_names(&rest[start..i], &rest[i + c.len_utf8()..]))
                // `Jane Doe（Netflix）与 John Roe`, but `计算与网络副总裁`.
                || (c == '与' && (after_close || a_person_next(&rest[i + c.len_utf8()..])))
            {
                c.len_utf8()
            } else if at.starts_with(" and ") && !and_in_role(&rest[start..i], &at[5..]) {
                5
            } else if at.starts_with(" & ") || at.starts_with(" | ") {
                3
            } else {
                0
            };
            if separator > 0 {
                push(start, i);
                start = i + separator;
            }
        }
        if !c.is_whitespace() {
            after_close = matches!(c, ')' | '）');
        }
    }
    push(start, rest.len());
    pieces
}

/// The patterns of [`labelled`]: `Name 来自 Org`, `Org 的 Name`, `Name, Role at Org`.
pub(super) fn labelled_patterns() -> &'static [Regex; 3] {
    static R: OnceLock<[Regex; 3]> = OnceLock::new();
    R.get_or_init(|| {
        [
            Regex::new_anchored(&format!(
                r"^(?P<name>{LATIN_NAME}|{HAN_NAME})\s*(?:来自|from)\s*(?P<org>[^，,。；;]+?)\s*(?:[，,]\s*(?P<role>[^，,。；;]+))?\s*(?:[。；;]|$)"
            ))
            .unwrap(),
            Regex::new_anchored(&format!(
                r"^(?P<org>[^，,。；;的]+?)\s*的\s*(?P<name>{LATIN_NAME}|{HAN_NAME})\s*(?:[，,]\s*(?P<role>[^，,。；;]+))?"
            ))
            .unwrap(),
            Regex::new_anchored(&format!(
                r"^(?P<name>{LATIN_NAME}|{HAN_NAME})\s*(?:[，,]\s*(?P<role>[^，,。；;]+?)(?:\s+(?P<sep>at|of)\s+(?P<org>[^，,。；;]+)|\s*[，,]\s*(?P<org2>[^，,。；;]+))?)?\s*(?:[。；;]|$)"
            ))
            .unwrap(),
        ]
    })
}

/// After a label: `张伟（字节跳动 资深工程师）`, `Li Na 来自 Alibaba Cloud，…`,
/// `PingCAP 的王磊，TiDB 云服务架构师`, `Jane Doe, VP Engineering at Acme`,
/// `Jane Doe, Principal Engineer, AWS`.
pub(super) fn labelled(
    rest: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    labelled_as(rest, org_of, true)
}

/// [`labelled`] for text glued to its label (`讲者张伟，AWS 首席架构师`):
/// the name must come first, as `讲者解释了参数的含义` is a sentence, not
/// 含义 of 解释了参数, and a Chinese one must start with a family name, as
/// `主持人介绍` and `主讲人简介` are headings.
pub(super) fn glued_to_label(
    rest: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    labelled_as(rest, org_of, false)
        .filter(|s| !is_han_name(&s.name) || family_names::may_be_person(&s.name))
}

/// The inside of `[…]` opening a timeline entry (`[Matt Wood] 开场`,
/// `[Jane Doe，Acme Retail CTO] 客户实践`): a speaker when it reads as a
/// label's list item does and the name is surely one: a given name and
/// more, or a Chinese name that starts with a family name (`[Demo]`,
/// `[Acme Widget]`, `[演示]` and `[00:05]` are no one).
pub(super) fn bracketed(
    inner: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    if inner.chars().count() > super::MAX_PAREN {
        return None;
    }
    labelled(inner, org_of).filter(|s| {
        if is_han_name(&s.name) {
            family_names::may_be_person(&s.name)
        } else {
            s.name
                .split_once(' ')
                .is_some_and(|(given, _)| crate::enrich::discover::is_given_name(given))
        }
    })
}

/// `AWS 技术总监 陈立`, `埃森哲（Accenture）大中华区技术总监 陈立`,
/// `Adobe CTO Ely Greenfield`: the organisation and the role, then a name
/// after the role's last word.
fn org_role_name(
    rest: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    let p = patterns();
    let (name, han) = match p.han_after_role.captures(rest) {
        Some(c) => (c.name("name")?, true),
        None => (p.latin_after_role.captures(rest)?.name("name")?, false),
    };
    let before = rest[..name.start()].trim();
    // One clause, and a name that starts like one: `说明其作为 AWS 专家的
    // 职责` is a sentence, and `的职责` nobody.
    let clause = !before.contains(['，', ',', '。', '；', ';']) && before.chars().count() <= 40;
    if !clause || (han && !family_names::may_be_person(name.as_str())) {
        return None;
    }
    let (org, role) = split_org_role(before, org_of);
    make(name.as_str(), role.as_deref(), org.as_deref(), org_of)
}

/// `李明 / 某大型银行 首席架构师`, `Jane Doe／AWS`, `Danilo Poccia — Chief
/// Evangelist, AWS`: a slash or a dash after the name sets off what
/// follows as a comma does (`李明，某大型银行 首席架构师`).
fn set_off_by_a_mark(rest: &str) -> Option<String> {
    let (name, after) = [" / ", "／", " — ", " – ", " —— "]
        .iter()
        .find_map(|mark| rest.split_once(mark))?;
    let name = name.trim();
    let one_name = !name.is_empty() && !name.contains([',', '，', '/', '（', '(']);
    one_name.then(|| format!("{name}，{}", after.trim()))
}

/// `Principal Engineer @ Netflix`, `SDE @Stripe`: `@` before an
/// organisation, written for `at` (an e-mail address has no space before
/// it, and a handle, `@jdoe`, no capital after it).
fn at_sign_as_at(rest: &str) -> Option<String> {
    let at = rest.find(" @")?;
    let org = rest[at + 2..].trim_start();
    org.starts_with(|c: char| c.is_uppercase() || !c.is_ascii() && c.is_alphabetic())
        .then(|| format!("{} at {org}", &rest[..at]))
}

fn labelled_as(
    rest: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
    org_first: bool,
) -> Option<SpeakerRef> {
    if let Some(commas) = set_off_by_a_mark(rest) {
        return labelled_as(&commas, org_of, org_first);
    }
    if let Some(spelt) = at_sign_as_at(rest) {
        return labelled_as(&spelt, org_of, org_first);
    }
    let [from, of, plain] = labelled_patterns();
    if let Some(c) = captures_fitting(&patterns().paren, rest, paren_fits).next() {
        if c.get(0).unwrap().start() == 0 {
            // `埃森哲（Accenture）大中华区技术总监 陈立`: the brackets were
            // the organisation's other name.
            let after = rest[c.get(0).unwrap().end()..].trim();
            if !after.is_empty() {
                if let Some(s) = org_role_name(rest, org_of) {
                    return Some(s);
                }
            }
            let name = c.name("name").unwrap().as_str();
            let inner = c.name("inner").unwrap().as_str();
            // After a label, `Name (Org)` with no role is a speaker too.
            return paren_speaker(name, inner, org_of)
                .or_else(|| make(name, None, Some(inner), org_of));
        }
    }
    for re in [Some(from), org_first.then_some(of)].into_iter().flatten() {
        if let Some(c) = re.captures(rest) {
            let name = c.name("name").unwrap().as_str();
            return make(
                name,
                c.name("role").map(|m| m.as_str()),
                c.name("org").map(|m| m.as_str()),
                org_of,
            );
        }
    }
    let Some(c) = plain.captures(rest) else {
        return org_role_name(rest, org_of);
    };
    let name = c.name("name").unwrap().as_str();
    // `Jane Doe, VP Engineering at Acme` or `Jane Doe, VP Engineering, Acme`;
    // three clauses without a role word in the middle are prose.
    let org2 = c.name("org2");
    if org2.is_some()
        && !c
            .name("role")
            .is_some_and(|r| role_word().is_match(r.as_str()))
    {
        return None;
    }
    match (c.name("role"), c.name("org").or(org2)) {
        // `Maria Lopez, Netflix`: no role word, so an organisation.
        (Some(org), None) if !role_word().is_match(org.as_str()) => {
            make(name, None, Some(org.as_str()), org_of)
        }
        // `张伟，AWS 首席架构师`: the organisation leads the role.
        (Some(role), None) => {
            let (org, role) = split_org_role(role.as_str().trim(), org_of);
            make(name, role.as_deref(), org.as_deref(), org_of)
        }
        (role, org) => {
            let sep = c.name("sep").map_or("", |m| m.as_str());
            let (role, org) = super::english::role_of_unit(
                role.map(|m| m.as_str()),
                sep,
                org.map(|m| m.as_str()),
                org_of,
            );
            make(name, role.as_deref(), org.as_deref(), org_of)
        }
    }
}

/// The columns of a table of speakers, from its header row (`| 讲者 |
/// 职位 |`, `| 姓名 | 职位 | 公司 |`, `| Speaker | Title | Company |`): the
/// name is the first; a role and an organisation column, where the header
/// names them, are read as such rather than as one note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct SpeakerColumns {
    role: Option<usize>,
    org: Option<usize>,
}

/// The columns of the table `cells` heads, if its rows are speakers: its
/// first cell is a label of speakers.
pub(super) fn heads_a_table(cells: &[&str]) -> Option<SpeakerColumns> {
    const ROLES: [&str; 8] = [
        "职位",
        "职务",
        "头衔",
        "角色",
        "title",
        "role",
        "position",
        "job title",
    ];
    const ORGS: [&str; 10] = [
        "公司",
        "机构",
        "单位",
        "组织",
        "所属公司",
        "company",
        "organization",
        "organisation",
        "org",
        "affiliation",
    ];
    let head = |c: &str| c.trim().trim_matches('*').trim().to_lowercase();
    let first = head(cells.first()?);
    let plural = first.strip_suffix('s').unwrap_or(&first);
    let speakers = heads_speakers(&first)
        || heads_speakers(plural)
        || ["姓名", "name"].contains(&first.as_str());
    if !speakers {
        return None;
    }
    let column = |names: &[&str]| {
        cells
            .iter()
            .skip(1)
            .position(|c| names.contains(&head(c).as_str()))
            .map(|i| i + 1)
    };
    Some(SpeakerColumns {
        role: column(&ROLES),
        org: column(&ORGS),
    })
}

/// A row of a table of speakers: `| 张伟 | 首席架构师 | AWS |` under named
/// columns, otherwise read as its cells would be written after a label:
/// `| 张伟 | AWS 首席架构师 |` as `张伟，AWS 首席架构师`.
pub(super) fn table_row(
    cells: &[&str],
    columns: SpeakerColumns,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    if columns.org.is_some() {
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty())
        };
        return make(
            cells.first()?.trim().trim_matches('*'),
            cell(columns.role),
            cell(columns.org),
            org_of,
        );
    }
    let mut filled = cells.iter().filter(|c| !c.is_empty());
    let first = filled.next()?;
    let rest: Vec<&str> = filled.copied().collect();
    if rest.is_empty() {
        labelled(first, org_of)
    } else {
        labelled(&format!("{first}，{}", rest.join(" ")), org_of)
    }
}

/// Whether `text` is a heading, or a bold line, that says who spoke and
/// nothing else (`## 演讲嘉宾`, `**Speakers**`, `### 讲者介绍`): the list
/// after it is of speakers.
pub fn heads_a_list(text: &str) -> bool {
    let t = text.trim();
    let heading = t.starts_with('#') || t.starts_with("**");
    let t = t
        .trim_start_matches(['#', ' '])
        .trim_matches(['*', ' ', ':', '：']);
    let t = t
        .strip_suffix("介绍")
        .or_else(|| t.strip_suffix("简介"))
        .unwrap_or(t)
        .trim_end();
    heading && heads_speakers(t)
}

/// The facts of a line that gives several, each read as a line of its
/// own: `**Session ID**: AIM305 | **Speakers**: Jane Doe`, `**Date:** … ·
/// **Speaker:** …`. A table's row, or a line with one fact, is itself.
/// `may` says whether the unit holds ` | ` or ` · ` at all: most do not,
/// and their lines are not searched.
pub(super) fn facts_of(line: &str, may: bool) -> impl Iterator<Item = &str> {
    let several = may
        && !line
            .trim_start_matches(['>', ' ', '\t'])
            .starts_with(['|', '｜']);
    // A line holds no `\n`: split at it, it is one piece.
    let bar = if several && line.contains(" | ") {
        " | "
    } else {
        "\n"
    };
    let dot = if several && line.contains(" · ") {
        " · "
    } else {
        "\n"
    };
    labels::split_facts(line, bar)
        .into_iter()
        .flat_map(move |part| labels::split_facts(part, dot))
}
