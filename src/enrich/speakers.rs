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
//! a missing role or organisation.

use crate::model::SpeakerRef;
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
const LATIN_NAME: &str = r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+(?:[A-Z][a-z]+)?(?: (?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’\-]+(?:[A-Z][a-z]+)?|[A-Z]\.)){0,3}";
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

/// The words a speaker label starts with (`主讲人：`, `Speakers:`), as in
/// the `label` pattern.
const LABEL_WORDS: &[&str] = &[
    "主讲人",
    "主讲嘉宾",
    "特邀嘉宾",
    "嘉宾",
    "主持人",
    "演讲者",
    "讲者",
    "分享人",
    "Speaker",
    "Presenter",
    "Host",
    "Moderator",
];

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
    LABEL_WORDS.iter().any(|w| rest.starts_with(w))
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
    latin_name_end: Regex,
    han_after_role: Regex,
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
            r"(?P<org>[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*)*)\s?(?P<role>{EN_ROLE}|[\p{{Han}}]{{0,6}}{ZH_ROLE_END})\s?(?P<name>{LATIN_NAME})\s?(?:分享|表示|介绍|指出|演讲|发言|主讲|主持|谈到|强调|讲述)"
        ))
        .unwrap(),
        label: Regex::new_anchored(r"^(?:[-*·•]\s*)?(?:\*\*)?(?:主讲人|主讲嘉宾|特邀嘉宾|嘉宾|主持人|演讲者|讲者|分享人|Speakers?|Presenters?|Host|Moderator)(?:\*\*)?\s*[：:]?(?:\*\*)?\s*(?P<rest>.+)$").unwrap(),
        en_by: Regex::new(&format!(
            r"(?:[Pp]resented|[Hh]osted|[Mm]oderated|[Dd]elivered|[Gg]iven|[Ll]ed|[Jj]oined on stage|[Jj]oined|[Ii]ntroduced|[Cc]o-presented) by (?P<name>{LATIN_NAME})(?:\s*\((?P<paren>[^)]{{2,}})\)|, (?P<role>[^,.;()]{{2,}}?) (?:at|of|from) (?P<org>[A-Z][^,.;()]*))?"
        ))
        .unwrap(),
        latin_name_end: Regex::new(&format!(r"(?P<name>{LATIN_NAME})\s*$")).unwrap(),
        han_after_role: Regex::new(&format!(r"{ZH_ROLE_END}\s*(?P<name>{HAN_NAME})\s*$")).unwrap(),
    })
}

fn role_word() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(&format!(
            r"{ZH_ROLE_END}|(?:^|[^A-Za-z]){EN_ROLE}(?:[^A-Za-z]|$)|(?i:(?:^|[^a-z])(?:engineer|engineering|architect|director|manager|head|lead|chair|founder|president|officer|professor|developer|scientist|analyst|advocate|principal|staff|senior|chief|sre|evangelist|researcher|partner|consultant|representative)(?:[^a-z]|$))"
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
    let p = patterns();
    let mut out: Vec<(usize, SpeakerRef)> = Vec::new();
    // After a label with nothing behind it (`讲者：`), the list items that
    // follow are the speakers.
    let mut listing = false;
    for (i, l) in text.lines().enumerate() {
        let at = line + i;
        let mut push = |pos: usize, s: Option<SpeakerRef>| {
            if let Some(s) = s {
                out.push((at * 100_000 + pos, s));
            }
        };
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
            if rest.as_str().trim_matches([':', '：', ' ']).is_empty() {
                listing = true;
                continue;
            }
            // `演讲者介绍了A、B和C` is prose: only a label with its colon
            // lists speakers.
            if l[..rest.start()].contains([':', '：']) {
                for (from, one) in speaker_list(rest.as_str()) {
                    push(rest.start() + from, labelled(one, org_of));
                }
            } else {
                push(rest.start(), labelled(rest.as_str(), org_of));
            }
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
        let mut from = 0;
        while let Some(c) = has_en_by.then(|| p.en_by.captures_at(l, from)).flatten() {
            let name = c.name("name").unwrap();
            // Past a bound, the note or the role is not part of the match.
            let tail = chars_at_most(c.name("paren"), MAX_EN_PAREN)
                && chars_at_most(c.name("role"), MAX_EN_ROLE);
            let org = c.name("org").filter(|_| tail).map(|m| {
                // A capital letter, then at most `MAX_EN_ORG` more.
                let end = m
                    .as_str()
                    .char_indices()
                    .nth(1 + MAX_EN_ORG)
                    .map_or(m.len(), |(i, _)| i);
                &m.as_str()[..end]
            });
            from = match (tail, org) {
                (false, _) => name.end(),
                (true, Some(o)) => c.name("org").unwrap().start() + o.len(),
                (true, None) => c.get(0).unwrap().end(),
            };
            let s = match c.name("paren").filter(|_| tail) {
                Some(inner) => paren_speaker(name.as_str(), inner.as_str(), org_of),
                None => make(
                    name.as_str(),
                    c.name("role").filter(|_| tail).map(|m| m.as_str()),
                    org,
                    org_of,
                ),
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
                if m.speaker.role.is_none() {
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

/// Split `AWS首席架构师` / `Amazon Connect 副总裁` / `字节跳动 资深工程师` into
/// organisation and role.
fn split_org_role(
    prefix: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> (Option<String>, Option<String>) {
    if prefix.is_empty() {
        return (None, None);
    }
    // Longest leading piece that is a known organisation or product.
    let mut cuts: Vec<usize> = prefix
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([prefix.len()])
        .collect();
    cuts.reverse();
    for cut in cuts {
        let head = prefix[..cut].trim();
        let tail = prefix[cut..].trim();
        if head.is_empty() || tail.is_empty() && cut != prefix.len() {
            continue;
        }
        if let Some((org, is_product)) = org_of(head) {
            let role = if is_product {
                Some(format!("{head} {tail}").trim().to_string())
            } else {
                join_role(left_after(head, &org), tail)
            };
            return (Some(org), role);
        }
    }
    // Unknown organisation: `Org Role` separated by a space, the longest
    // such organisation in one script (`Anchor Runtime 总经理`, not
    // `Acme Labs 首席`), or a Latin organisation glued to a Chinese role
    // (`Nova 5 Ultra总经理`, not split before `Ultra`).
    let mixed = |s: &str| s.contains(is_han) && s.contains(|c: char| c.is_ascii_alphanumeric());
    for (at, _) in prefix.rmatch_indices(' ') {
        let (head, tail) = (&prefix[..at], &prefix[at + 1..]);
        // The tail starts with Latin that runs into the Chinese role.
        let glued = tail.starts_with(|c: char| c.is_ascii_alphanumeric())
            && tail.char_indices().any(|(i, c)| {
                is_han(c) && tail[..i].ends_with(|p: char| p.is_ascii_alphanumeric())
            });
        if !mixed(head) && !glued && !role_word().is_match(head) && role_word().is_match(tail) {
            return (Some(head.trim().to_string()), Some(tail.trim().to_string()));
        }
    }
    let latin: String = prefix
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '.' || *c == '&')
        .collect();
    let latin = latin.trim();
    if !latin.is_empty() && latin.len() < prefix.len() && !role_word().is_match(latin) {
        return (
            Some(latin.to_string()),
            Some(prefix[latin.len()..].trim().to_string()),
        );
    }
    (None, Some(prefix.to_string()))
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

/// The speakers of one label, each with where it starts:
/// `张伟（AWS 架构师）、Maria Lopez（Netflix 总监）`, `A; B`, `Jane Doe
/// (AWS), John Roe (Acme)`, `张伟和李娜`. Separators inside brackets, and
/// commas that do not follow a bracket (`王磊，TiDB 架构师` is one speaker),
/// do not split.
fn speaker_list(rest: &str) -> Vec<(usize, &str)> {
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
            let separator = if matches!(c, '、' | '；' | ';')
                || (matches!(c, ',' | '，') && after_close)
                || (c == '和' && joins_two_names(&rest[start..i], &rest[i + c.len_utf8()..]))
            {
                c.len_utf8()
            } else if at.starts_with(" and ") {
                5
            } else if at.starts_with(" & ") {
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
fn labelled_patterns() -> &'static [Regex; 3] {
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
                r"^(?P<name>{LATIN_NAME}|{HAN_NAME})\s*(?:[，,]\s*(?P<role>[^，,。；;]+?)(?:\s+(?:at|of)\s+(?P<org>[^，,。；;]+)|\s*[，,]\s*(?P<org2>[^，,。；;]+))?)?\s*(?:[。；;]|$)"
            ))
            .unwrap(),
        ]
    })
}

/// After a label: `张伟（字节跳动 资深工程师）`, `Li Na 来自 Alibaba Cloud，…`,
/// `PingCAP 的王磊，TiDB 云服务架构师`, `Jane Doe, VP Engineering at Acme`,
/// `Jane Doe, Principal Engineer, AWS`.
fn labelled(rest: &str, org_of: &dyn Fn(&str) -> Option<(String, bool)>) -> Option<SpeakerRef> {
    let [from, of, plain] = labelled_patterns();
    if let Some(c) = captures_fitting(&patterns().paren, rest, paren_fits).next() {
        if c.get(0).unwrap().start() == 0 {
            let name = c.name("name").unwrap().as_str();
            let inner = c.name("inner").unwrap().as_str();
            // After a label, `Name (Org)` with no role is a speaker too.
            return paren_speaker(name, inner, org_of)
                .or_else(|| make(name, None, Some(inner), org_of));
        }
    }
    for re in [from, of] {
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
    let c = plain.captures(rest)?;
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
        (role, org) => make(
            name,
            role.map(|m| m.as_str()),
            org.map(|m| m.as_str()),
            org_of,
        ),
    }
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
    let mut role = role.and_then(clean);
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

/// What is left of `written` after the organisation `org_of` found at
/// its start: `AI` of `Writer AI`.
fn left_after<'a>(written: &'a str, org: &str) -> &'a str {
    written.trim().strip_prefix(org).map_or("", str::trim)
}

/// `AI` and `负责人` → `AI负责人`; `AI` and `Lead` → `AI Lead`.
fn join_role(before: &str, role: &str) -> Option<String> {
    let gap = if role.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        " "
    } else {
        ""
    };
    Some(format!("{before}{gap}{role}").trim().to_string()).filter(|r| !r.is_empty())
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
        ];
        return !NOT_NAMES.iter().any(|w| name.contains(w));
    }
    let first = name.split(' ').next().unwrap_or("");
    !super::words::is_function_word(first) && name.chars().next().is_some_and(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org_of(s: &str) -> Option<(String, bool)> {
        match s.trim() {
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
            names("本次会议由Nova 5 Ultra总经理Ben Reyes主讲，重点"),
            vec![s("Ben Reyes", "总经理", "Nova 5 Ultra")]
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
}
