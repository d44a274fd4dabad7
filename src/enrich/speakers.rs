//! Speakers introduced in prose.
//!
//! Recaps rarely have front matter; they say who spoke in a sentence:
//! `由AWS首席架构师Memet主讲`, `由A和B共同主持`, `James Boswell（Centrica 代表）`,
//! `Sony首席数字官John Kodera分享`, `主讲人：张伟（字节跳动 资深工程师）`,
//! `嘉宾 Li Na 来自 Alibaba Cloud`, `PingCAP 的王磊`,
//! `presented by Jane Doe (VP Engineering, Acme Logistics)`,
//! `joined on stage by Ravi Patel, Staff SRE at Northwind Health`.
//! Each pattern yields a name, and where the text gives them a role and an
//! organisation. The first sighting of a name wins; later ones only fill in
//! a missing role or organisation. Texts come in simplified characters
//! (`講者：` as `讲者：`, see [`super::units`]); the caller names each
//! speaker as written.

use crate::model::SpeakerRef;
use crate::parse::labels::SPEAKER_LABELS;
use crate::pattern::{Captures, Match, Regex};
use aho_corasick::AhoCorasick;
use std::sync::OnceLock;

/// A speaker found in a line of prose.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundSpeaker {
    pub speaker: SpeakerRef,
    pub line: usize,
}

/// Role words that end a role in Chinese (`首席架构师`, `副总裁`) or are a
/// role in English.
const ZH_ROLE_END: &str = r"(?:首席[\p{Han}]{1,4}官|官|总裁|总监|经理|架构师|工程师|专家|负责人|创始人|合伙人|主任|教授|研究员|科学家|代表|主席|院长|顾问|布道师)";
const EN_ROLE: &str = r"(?:CEO|CTO|CFO|COO|CIO|CDO|CMO|CISO|CPO|VP|SVP|EVP|GM)";
const LATIN_NAME: &str = r"(?:[A-Z][0-9] )?[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+(?:[A-Z][a-z]+)?(?: (?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+(?:[A-Z][a-z]+)?|[A-Z]\.)){0,3}";
const HAN_NAME: &str = r"[\p{Han}]{2,4}";

/// Verbs after `Org Role Name` (kept in step with `org_role_name`).
const ORG_ROLE_VERBS: &[&str] = &[
    "分享", "表示", "介绍", "指出", "演讲", "发言", "主讲", "主持", "谈到", "强调", "讲述",
];

/// Whether a line has one of [`ORG_ROLE_VERBS`]: one pass over it, where
/// a search per verb took eleven.
fn has_org_role_verb(line: &str) -> bool {
    static VERBS: OnceLock<AhoCorasick> = OnceLock::new();
    VERBS
        .get_or_init(|| AhoCorasick::new(ORG_ROLE_VERBS).expect("plain words"))
        .is_match(line)
}

/// What every line the `label` pattern matches has: a label word first,
/// after at most a list marker, spaces and `**`. Most lines fail this at the
/// first character, without running the pattern.
fn may_be_label(line: &str) -> bool {
    let rest = line.strip_prefix("**").unwrap_or_else(|| {
        let rest = line
            .strip_prefix(['-', '*', '·', '•'])
            .map_or(line, str::trim_start);
        rest.strip_prefix("**").unwrap_or(rest)
    });
    SPEAKER_LABELS.iter().any(|w| rest.starts_with(w))
}

/// The longest `由 … 主讲` body, `Name（…）` note, and `presented by Name
/// (…)` note, role and organisation, in characters. The patterns leave
/// these runs unbounded and the bounds are checked on each match, which
/// finds the same speakers: a bounded repeat such as `[^，。；]{2,80}`
/// compiles to eighty copies of its class, and these runs made compiling
/// and running the patterns 4% of a small site's build.
const MAX_BY: usize = 80;
const MAX_PAREN: usize = 60;
const MAX_EN_PAREN: usize = 80;
const MAX_EN_ROLE: usize = 60;
const MAX_EN_ORG: usize = 60;

struct Patterns {
    /// `由 … 主讲/主持/共同主持/分享`
    by: Regex,
    /// `Name（Org 代表）`, `Name（Org Role）`, `Name (Role, Org)`
    paren: Regex,
    /// `Org CEO Name分享`, `Sony首席数字官John Kodera分享`
    org_role_name: Regex,
    /// `主讲人：…`, `嘉宾 …`, `Speaker: …`
    label: Regex,
    /// `presented by …`, `moderated by …`
    en_by: Regex,
    /// `and John Roe`, `, John Roe (CTO, Acme)` after a name of `en_by`
    en_and: Regex,
    /// ` from AWS` after the names of `en_by`
    en_from: Regex,
    /// `Peter DeSantis, SVP of AWS Utility Computing, …` opening a sentence
    en_appositive: Regex,
    latin_name_end: Regex,
    han_after_role: Regex,
    /// `Adobe CTO Ely Greenfield`, `Writer 联合创始人 May Habib`
    latin_after_role: Regex,
}

/// Compile this module's patterns now (see [`super::warm_up_first_pass`]).
pub fn warm_up() {
    patterns();
    role_word();
    labelled_patterns();
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        by: Regex::new(r"由\s*(?P<body>[^，。；！？,;]{2,}?)\s*(?:共同)?(?:主讲|主持|分享|演讲|带来|讲解)").unwrap(),
        paren: Regex::new(&format!(
            r"(?P<name>{LATIN_NAME}|{HAN_NAME})\s*[（(](?P<inner>[^（）()]{{2,}})[）)]"
        ))
        .unwrap(),
        org_role_name: Regex::new(&format!(
            r"(?P<org>[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*)\s?(?P<role>{EN_ROLE}|[\p{{Han}}]{{0,6}}{ZH_ROLE_END})\s?(?P<name>{LATIN_NAME})\s?(?:上台)?(?:分享|表示|介绍|指出|演讲|发言|主讲|主持|谈到|强调|讲述)"
        ))
        .unwrap(),
        label: Regex::new_anchored(&format!(
            r"^(?:[-*·•]\s*)?(?:\*\*)?(?:{})(?:\*\*)?\s*[：:]?(?:\*\*)?\s*(?P<rest>.+)$",
            SPEAKER_LABELS.join("|")
        ))
        .unwrap(),
        en_and: Regex::new_anchored(&format!(
            r"^(?:,\s*(?:and\s+)?|\s+(?:and|&)\s+)(?P<name>{LATIN_NAME})(?:\s*\((?P<paren>[^)]{{2,}})\))?"
        ))
        .unwrap(),
        en_from: Regex::new_anchored(r"^\s+(?:from|of)\s+(?P<org>[A-Z][^,.;()]*)").unwrap(),
        en_by: Regex::new(&format!(
            r"(?:[Pp]resented|[Hh]osted|[Mm]oderated|[Dd]elivered|[Gg]iven|[Ll]ed|[Jj]oined on stage|[Jj]oined|[Ii]ntroduced|[Cc]o-presented) by (?P<name>{LATIN_NAME})(?:\s*\((?P<paren>[^)]{{2,}})\)|, (?P<role>[^,.;()]{{2,}}?) (?P<sep>at|of|from) (?P<org>[A-Z][^,.;()]*)|, (?P<unit>[^,.;()]{{2,}}?(?:, [A-Z][^,.;()]*)?)(?:[,.;]|$))?"
        ))
        .unwrap(),
        en_appositive: Regex::new(&format!(
            r"(?:^(?:[-*•·]\s+)?|[.!?:]\s+)(?P<name>{LATIN_NAME}), (?P<role>[^,.;()]{{2,}}?) (?P<sep>at|of|from) (?P<org>[A-Z][^,.;()]*)"
        ))
        .unwrap(),
        latin_name_end: Regex::new(&format!(r"(?P<name>{LATIN_NAME})\s*$")).unwrap(),
        han_after_role: Regex::new(&format!(r"{ZH_ROLE_END}\s*(?P<name>{HAN_NAME})\s*$")).unwrap(),
        latin_after_role: Regex::new(&format!(
            r"(?:{ZH_ROLE_END}|\b{EN_ROLE})\s*(?P<name>{LATIN_NAME})\s*$"
        ))
        .unwrap(),
    })
}

fn role_word() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"{ZH_ROLE_END}|(?:^|[^A-Za-z]){EN_ROLE}(?:[^A-Za-z]|$)|(?i:(?:^|[^a-z])(?:engineer|engineering|architect|director|manager|head|lead|chair|founder|president|officer|professor|developer|scientist|analyst|advocate|principal|staff|senior|chief|sre|evangelist|researcher|partner|consultant|representative|hero|ambassador|community builder)(?:[^a-z]|$))"
        ))
        .unwrap()
    })
}

/// Find speakers in `text` (one line or paragraph, starting at `line`).
/// `org_of` resolves an organisation as written to (organisation, role
/// prefix): a product name becomes its maker plus the product as part of
/// the role (`Amazon Connect 副总裁` → AWS, `Amazon Connect 副总裁`).
pub fn find(
    text: &str,
    line: usize,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Vec<FoundSpeaker> {
    find_under(text, line, org_of, false)
}

/// [`find`], where `listed` says the text comes right after a heading that
/// [`heads_a_list`]: its first list items are speakers.
pub fn find_under(
    text: &str,
    line: usize,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
    listed: bool,
) -> Vec<FoundSpeaker> {
    let p = patterns();
    let mut out: Vec<(usize, SpeakerRef)> = Vec::new();
    // After a label with nothing behind it (`讲者：`), the list items that
    // follow are the speakers.
    let mut listing = listed;
    // Under a table's header row `| 讲者 | 职位 |`, each row is a speaker.
    let mut table_of_speakers: Option<labelled::SpeakerColumns> = None;
    let may_hold_facts = text.contains(" | ") || text.contains(" · ");
    let lines = text
        .lines()
        .enumerate()
        .flat_map(|(i, l)| facts_of(l, may_hold_facts).map(move |l| (i, l)));
    for (i, l) in lines {
        let at = line + i;
        // `> 讲者：…`: a quoted line introduces as the line would.
        let l = match l.trim_start().strip_prefix('>') {
            Some(quoted) => quoted.trim_start_matches(['>', ' ']),
            None => l,
        };
        let mut push = |pos: usize, s: Option<SpeakerRef>| {
            if let Some(s) = s {
                out.push((at * 100_000 + pos, s));
            }
        };
        if let Some(cells) = crate::parse::shapes::table_row(l.trim()) {
            if let Some(columns) = table_of_speakers {
                if !crate::parse::shapes::is_table_rule(&cells) {
                    push(0, labelled::table_row(&cells, columns, org_of));
                }
                continue;
            }
            table_of_speakers = labelled::heads_a_table(&cells);
            if table_of_speakers.is_some() {
                continue;
            }
        } else {
            table_of_speakers = None;
        }
        if listing {
            // `- 张伟，AWS 首席架构师`, read as the parser reads list lines.
            if let Some(item) = crate::parse::shapes::bullet(l).map(|b| b.text.trim_end()) {
                let at = item.as_ptr() as usize - l.as_ptr() as usize;
                push(at, labelled(item, org_of));
                continue;
            }
            listing = false;
        }
        // Checked before each pattern runs: most lines introduce nobody,
        // and even on an empty text a search costs a set of groups.
        if let Some(c) = may_be_label(l).then(|| p.label.captures(l)).flatten() {
            let rest = c.name("rest").unwrap();
            if rest.as_str().trim_matches([':', '：', ' ', '*']).is_empty() {
                listing = true;
                continue;
            }
            // `演讲者介绍了A、B和C` is prose: only a label with its colon
            // lists speakers.
            let head = &l[..rest.start()];
            if head.contains([':', '：']) {
                for (from, one) in speaker_list(rest.as_str()) {
                    push(rest.start() + from, labelled(one, org_of));
                }
            } else if head.ends_with(char::is_whitespace) || head.ends_with("**") {
                push(rest.start(), labelled(rest.as_str(), org_of));
            } else {
                push(rest.start(), glued_to_label(rest.as_str(), org_of));
            }
        }
        for (pos, s) in transliterated::find(l, org_of) {
            push(pos, Some(s));
        }
        // `[Matt Wood] 开场`: who speaks, in brackets opening an entry.
        if let Some((inner, _)) = l.strip_prefix('[').and_then(|r| r.split_once(']')) {
            push(1, labelled::bracketed(inner, org_of));
        }
        let has_by = l.contains('由');
        let has_paren = l.contains(['（', '(']);
        let has_verb = has_org_role_verb(l);
        let has_en_by = l.contains(" by ");
        let by_fits = |c: &Captures| chars_at_most(c.name("body"), MAX_BY);
        for c in has_by
            .then(|| captures_fitting(&p.by, l, by_fits))
            .into_iter()
            .flatten()
        {
            let body = c.name("body").unwrap();
            if body.as_str().starts_with('于') {
                continue;
            }
            for part in split_people(body.as_str()) {
                push(body.start(), person_with_prefix(part, org_of));
            }
        }
        for c in has_paren
            .then(|| captures_fitting(&p.paren, l, paren_fits))
            .into_iter()
            .flatten()
        {
            let m = c.name("name").unwrap();
            let name = m.as_str();
            // `介绍张伟（…）`: a Chinese name glued to other Chinese text has
            // no visible start; leave it to the other patterns.
            if is_han_name(name) && l[..m.start()].chars().next_back().is_some_and(is_han) {
                continue;
            }
            push(
                c.get(0).unwrap().start(),
                paren_speaker(name, c.name("inner").unwrap().as_str(), org_of),
            );
        }
        for c in has_verb
            .then(|| p.org_role_name.captures_iter(l))
            .into_iter()
            .flatten()
        {
            let org = c.name("org").unwrap().as_str();
            let role = c.name("role").unwrap().as_str();
            let name = c.name("name").unwrap().as_str();
            push(
                c.get(0).unwrap().start(),
                make(name, Some(role), Some(org), org_of),
            );
        }
        if l.contains(", ") && [" at ", " of ", " from "].iter().any(|w| l.contains(w)) {
            for (pos, s) in english::appositive(p, l, org_of) {
                push(pos, s);
            }
        }
        if l.contains(" stage") {
            for (pos, s) in english::on_stage(l, org_of) {
                push(pos, s);
            }
        }
        let mut from = 0;
        while let Some(c) = has_en_by.then(|| p.en_by.captures_at(l, from)).flatten() {
            let name = c.name("name").unwrap();
            // Past a bound, the note or the role is not part of the match.
            let tail = chars_at_most(c.name("paren"), MAX_EN_PAREN)
                && chars_at_most(c.name("role"), MAX_EN_ROLE);
            let org = c
                .name("org")
                .filter(|_| tail)
                .map(|m| english::org_within_bound(m.as_str()));
            // `Hosted by Eric Johnson, AWS Principal Developer Advocate, …`:
            // an organisation and role between commas, as in brackets. (`,
            // John Roe` is another name, read below.)
            let unit = c.name("unit").filter(|u| {
                chars_at_most(Some(*u), MAX_EN_PAREN) && role_word().is_match(u.as_str())
            });
            from = match (tail, org) {
                (false, _) => name.end(),
                (true, Some(o)) => c.name("org").unwrap().start() + o.len(),
                (true, None) if unit.is_none() && c.name("unit").is_some() => name.end(),
                (true, None) => c.get(0).unwrap().end(),
            };
            if tail && c.name("paren").is_none() && c.name("role").is_none() && unit.is_none() {
                if let Some((group, end)) =
                    english::joined_names(p, l, (name.start(), from), org_of)
                {
                    from = end;
                    for (pos, s) in group {
                        push(pos, s);
                    }
                    continue;
                }
            }
            let s = match c.name("paren").filter(|_| tail).or(unit) {
                Some(inner) => paren_speaker(name.as_str(), inner.as_str(), org_of),
                None => {
                    let role = c.name("role").filter(|_| tail).map(|m| m.as_str());
                    let sep = c.name("sep").map_or("", |m| m.as_str());
                    let (role, org) = english::role_of_unit(role, sep, org, org_of);
                    make(name.as_str(), role.as_deref(), org.as_deref(), org_of)
                }
            };
            push(c.get(0).unwrap().start(), s);
        }
    }
    out.sort_by_key(|(k, _)| *k);
    merge(
        out.into_iter()
            .map(|(k, s)| FoundSpeaker {
                speaker: s,
                line: k / 100_000,
            })
            .collect(),
    )
}

/// Fold sightings of the same person: equal names, or a name that is the
/// first words of another (`Julio` → `Julio Blanco Perez`). The first
/// sighting keeps its place; the longest name and the first role and
/// organisation win.
pub fn merge(found: Vec<FoundSpeaker>) -> Vec<FoundSpeaker> {
    let same = |a: &str, b: &str| {
        let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
        short == long || long.starts_with(short) && long[short.len()..].starts_with(' ')
    };
    let mut merged: Vec<FoundSpeaker> = Vec::new();
    for f in found {
        match merged
            .iter_mut()
            .find(|m| same(&m.speaker.name, &f.speaker.name))
        {
            Some(m) => {
                if f.speaker.name.len() > m.speaker.name.len() {
                    m.speaker.name = f.speaker.name;
                }
                // A role goes with its organisation: `Jane Doe (AWS)`, then
                // `Jane Doe, CTO of Acme`, is not AWS's CTO.
                let (a, b) = (&m.speaker.org, &f.speaker.org);
                if m.speaker.role.is_none() && (a.is_none() || b.is_none() || a == b) {
                    m.speaker.role = f.speaker.role;
                }
                if m.speaker.org.is_none() {
                    m.speaker.org = f.speaker.org;
                }
            }
            None => merged.push(f),
        }
    }
    merged
}

/// `A和B`, `A、B`, `A and B`.
fn split_people(body: &str) -> Vec<&str> {
    body.split(['和', '与', '、', '及'])
        .flat_map(|s| s.split(" and "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `AWS首席架构师Memet`, `AWS CEO Matt Garman`, `张伟`,
/// `字节跳动资深工程师张伟`: the name is at the end, the organisation at the
/// start, the role in between.
fn person_with_prefix(
    part: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    let p = patterns();
    let (name, prefix) = if let Some(c) = p.latin_name_end.captures(part) {
        let m = c.name("name").unwrap();
        (m.as_str(), &part[..m.start()])
    } else if let Some(c) = p.han_after_role.captures(part) {
        let m = c.name("name").unwrap();
        (m.as_str(), &part[..m.start()])
    } else if is_han_name(part) {
        (part, "")
    } else {
        return None;
    };
    let (org, role) = split_org_role(prefix.trim(), org_of);
    make(name, role.as_deref(), org.as_deref(), org_of)
}

/// The inside of `Name（…）`: `Centrica 代表`, `字节跳动 资深工程师`,
/// `VP Engineering, Acme Logistics`. Only taken when it contains a role
/// word, so `Nova 2（Frontier Agent）` is not a person.
fn paren_speaker(
    name: &str,
    inner: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    if !role_word().is_match(inner) {
        return None;
    }
    if let Some((a, b)) = inner.split_once([',', '，']) {
        let (a, b) = (a.trim(), b.trim());
        // English order is `Role, Org`; accept the other one too.
        return if role_word().is_match(a) {
            make(name, Some(a), Some(b), org_of)
        } else {
            make(name, Some(b), Some(a), org_of)
        };
    }
    let (org, role) = split_org_role(inner.trim(), org_of);
    make(name, role.as_deref(), org.as_deref(), org_of)
}

/// A speaker of a front matter as a label would read it: `Andy Jassy (CEO,
/// Amazon)`, written as one name, is Andy Jassy, CEO of Amazon. Names
/// without brackets, and speakers given with a role or organisation, stay
/// as written.
pub fn as_written(sp: &SpeakerRef, org_of: &dyn Fn(&str) -> Option<(String, bool)>) -> SpeakerRef {
    let bracketed = sp.name.trim_end().ends_with([')', '）']);
    if sp.role.is_some() || sp.org.is_some() || !bracketed {
        return sp.clone();
    }
    labelled(&sp.name, org_of).unwrap_or_else(|| sp.clone())
}

fn paren_fits(c: &Captures) -> bool {
    chars_at_most(c.name("inner"), MAX_PAREN)
}

/// Whether a group that took part is at most `max` characters long.
fn chars_at_most(m: Option<Match>, max: usize) -> bool {
    m.is_none_or(|m| m.as_str().chars().nth(max).is_none())
}

/// The matches of `re` that `fits` accepts, as the pattern with the bounds
/// that `fits` checks would find them: after a match that does not fit,
/// the search goes on one character after where that match started, not
/// after its end.
fn captures_fitting<'h>(
    re: &'h Regex,
    text: &'h str,
    fits: impl Fn(&Captures<'h>) -> bool,
) -> impl Iterator<Item = Captures<'h>> {
    let next_char = move |i: usize| i + text[i..].chars().next().map_or(1, char::len_utf8);
    let mut from = 0;
    std::iter::from_fn(move || {
        while from <= text.len() {
            let c = re.captures_at(text, from)?;
            let m = c.get(0).unwrap();
            if fits(&c) {
                from = if m.is_empty() {
                    next_char(m.end())
                } else {
                    m.end()
                };
                return Some(c);
            }
            from = next_char(m.start());
        }
        None
    })
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn is_han_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n) && s.chars().all(is_han)
}

/// Build a speaker after checking the name looks like a person's.
fn make(
    name: &str,
    role: Option<&str>,
    org: Option<&str>,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<SpeakerRef> {
    let name = name.trim();
    if !plausible_name(name, org_of) {
        return None;
    }
    let clean = |s: &str| {
        let s = s
            .trim()
            .trim_matches(|c: char| c == '，' || c == ',' || c == '：' || c == ':');
        Some(s.trim().to_string()).filter(|s| !s.is_empty())
    };
    // `AWS Lambda 团队的 Julian Wood`, `来自 Netflix 的高级工程师 Jane Doe`:
    // the `的` ("of") joins the role to the name or the organisation and is
    // no part of any.
    let mut role = role.map(|r| r.trim().trim_matches('的')).and_then(clean);
    let mut org = org.and_then(clean);
    if let Some(o) = &org {
        match org_of(o) {
            Some((canon, true)) => {
                role = Some(match role {
                    Some(r) => format!("{o} {r}"),
                    None => o.clone(),
                });
                org = Some(canon);
            }
            Some((canon, false)) if canon != *o => {
                role = join_role(left_after(o, &canon), role.as_deref().unwrap_or(""));
                org = Some(canon);
            }
            _ => {}
        }
    }
    Some(SpeakerRef {
        name: name.to_string(),
        role,
        org,
    })
}

/// Not a company or product, not a role, not a function word.
fn plausible_name(name: &str, org_of: &dyn Fn(&str) -> Option<(String, bool)>) -> bool {
    if name.is_empty() || org_of(name).is_some() || role_word().is_match(name) {
        return false;
    }
    if is_han_name(name) {
        const NOT_NAMES: &[&str] = &[
            "演讲者",
            "主持人",
            "嘉宾",
            "客户",
            "团队",
            "我们",
            "他们",
            "大家",
            "听众",
            "现场",
            "用户",
            // A table's speaker cell for a part no one person gives.
            "全体",
            "所有人",
            "多位",
            "待定",
            "未知",
        ];
        return !NOT_NAMES.iter().any(|w| name.contains(w));
    }
    let first = name.split(' ').next().unwrap_or("");
    !super::words::is_function_word(first) && name.chars().next().is_some_and(|c| c.is_uppercase())
}

mod english;
mod family_names;
mod labelled;
mod organisation;
mod titled;
mod transliterated;
pub use labelled::heads_a_list;
use labelled::{facts_of, glued_to_label, labelled, labelled_patterns, speaker_list};
use organisation::{join_role, left_after, split_org_role};
pub use titled::heading_person;
pub use titled::of_title;

#[cfg(test)]
mod tests;
