//! Pooling sightings over the corpus and deciding which names get pages.

use super::stop::{stop_pattern, STOP};
use super::{
    is_han, is_version, odd_lowercase, ordinary, strong_shape, Decision, Discovered, Sighting,
};
use crate::enrich::catalog::Curation;
use crate::enrich::matcher::normalize;
use crate::enrich::types::{Candidate, EntityKind};
use crate::enrich::words;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Pool all sightings and decide which names get pages. `sessions` are
/// (file, sightings); `events` are conference names from titles, never
/// companies or products; `people` are the speakers' names. A recap often
/// calls a speaker by one name (`Uma特别指出`), and a capitalised word in
/// Chinese prose looks like a product: neither a speaker's name nor a
/// word of it is one, however often it is said.
pub fn decide(
    sessions: &[(String, Vec<Sighting>)],
    curation: &Curation,
    events: &[String],
    people: &[&str],
) -> Decision {
    #[derive(Default)]
    struct Pool {
        spellings: BTreeMap<String, (usize, usize)>,
        count: usize,
        per_file: BTreeMap<usize, usize>,
        locations: Vec<(String, usize)>,
        cjk: bool,
        mid_sentence: bool,
        /// Said as launched (see [`Sighting::launched`]).
        launched: bool,
        /// Seen outside English headings in title case.
        in_prose: bool,
        company: usize,
        /// Sightings as a speaker's organisation.
        speaker_org: usize,
        han_aliases: Vec<String>,
        /// The catalog product the name was first seen as a part of.
        parent: Option<String>,
        /// The catalog company the name was first seen to start with.
        maker: Option<String>,
        /// The name in full, when it was said with its catalog part short.
        full: Option<String>,
    }
    let mut pools: BTreeMap<String, Pool> = BTreeMap::new();
    let mut order = 0;
    for (fi, (file, sightings)) in sessions.iter().enumerate() {
        for s in sightings {
            let key = normalize(&s.name);
            if key.is_empty() {
                continue;
            }
            let p = pools.entry(key).or_default();
            order += 1;
            let sp = p.spellings.entry(s.name.clone()).or_insert((0, order));
            sp.0 += 1;
            p.count += 1;
            *p.per_file.entry(fi).or_default() += 1;
            if p.locations.len() < 20 {
                p.locations.push((file.clone(), s.line));
            }
            p.cjk |= s.cjk;
            p.mid_sentence |= !s.sentence_start;
            p.launched |= s.launched;
            p.in_prose |= !s.headline || s.company_hint;
            p.company += usize::from(s.company_hint);
            p.speaker_org += usize::from(s.speaker_org);
            if p.parent.is_none() {
                p.parent.clone_from(&s.parent);
            }
            if p.maker.is_none() {
                p.maker.clone_from(&s.maker);
            }
            if p.full.is_none() {
                p.full.clone_from(&s.full);
            }
            if let Some(a) = &s.han_alias {
                if !p.han_aliases.contains(a) {
                    p.han_aliases.push(a.clone());
                }
            }
        }
    }
    // `S3 Vectors` said after the catalog's `S3` is `Amazon S3 Vectors`,
    // when that is said too: one name, counted together.
    let short: Vec<(String, String)> = pools
        .iter()
        .filter_map(|(k, p)| Some((k.clone(), normalize(p.full.as_deref()?))))
        .filter(|(k, full)| k != full && pools.contains_key(full))
        .collect();
    for (from, into) in short {
        let Some(p) = pools.remove(&from) else {
            continue;
        };
        let t = pools.get_mut(&into).expect("checked above");
        for (spelling, (n, order)) in p.spellings {
            let sp = t.spellings.entry(spelling).or_insert((0, order));
            sp.0 += n;
            sp.1 = sp.1.min(order);
        }
        t.count += p.count;
        for (f, n) in p.per_file {
            *t.per_file.entry(f).or_default() += n;
        }
        t.locations.extend(p.locations);
        t.locations.sort();
        t.locations.truncate(20);
        t.cjk |= p.cjk;
        t.mid_sentence |= p.mid_sentence;
        t.launched |= p.launched;
        t.in_prose |= p.in_prose;
        t.company += p.company;
        t.speaker_org += p.speaker_org;
        t.han_aliases.extend(p.han_aliases);
        if t.parent.is_none() {
            t.parent = p.parent;
        }
    }
    let suppressed = |k: &str| curation.suppress.iter().any(|s| s == k);
    let merged = |k: &str| {
        curation
            .merge
            .iter()
            .find(|(seen, _)| normalize(seen) == k)
            .map(|(_, t)| t.clone())
    };
    let events = EventNames::new(events);
    let person = person_names(people);
    let stop = |k: &str| STOP.contains(&k);

    let mut decision = Decision::default();
    let mut accepted: BTreeMap<String, Discovered> = BTreeMap::new();
    // Companies only because a speaker was introduced with them.
    let mut only_orgs: HashSet<String> = HashSet::new();
    for (key, p) in &pools {
        // Most used spelling; the earliest on a tie.
        let name = p
            .spellings
            .iter()
            .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        // A speaker's organisation, unless that is a small part of what
        // the name is said as: `Nova 5 Ultra总经理` is the product's head,
        // and the product is named thousands of times elsewhere.
        let org = p.speaker_org > 0 && p.speaker_org * 10 >= p.count;
        // Hints besides the speaker-organisation sightings, which carry one.
        let company = p.company.saturating_sub(p.speaker_org);
        let kind = if org || company > 0 {
            EntityKind::Company
        } else {
            EntityKind::Product
        };
        let (ok, reason) = if suppressed(key) {
            (false, "suppressed in the catalog".to_string())
        } else if let Some(t) = merged(key) {
            (false, format!("merged into `{t}` by the catalog"))
        } else if stop(key) || stop_pattern().is_match(&name) || all_generic(&name) {
            (false, "generic term".to_string())
        } else if events.overlap(key) {
            (false, "event name".to_string())
        } else if org {
            if company == 0 {
                only_orgs.insert(key.clone());
            }
            (true, "organisation of a speaker".to_string())
        } else if let (Some(parent), 1, false) = (&p.parent, p.count, p.launched) {
            (false, format!("said once, after the catalog's `{parent}`"))
        } else if let Some(full) = person_in(&person, &name) {
            (false, format!("the name of the speaker `{full}`"))
        } else if p.maker.is_none()
            && p.parent.is_none()
            && p.han_aliases.is_empty()
            && super::person_shaped(&name)
        {
            (
                false,
                "a person's name (a given name, then a family name)".to_string(),
            )
        } else if p.launched && company == 0 && (name.contains(' ') || !ordinary(&name, p.cjk)) {
            // One ordinary word (`Policy` after `**AgentCore** Policy — preview`)
            // is a word of a longer name.
            (true, "said as launched".to_string())
        } else if p.maker.is_some() && company == 0 && name.contains(|c: char| c.is_ascii_digit()) {
            // `Amazon Route 53`: a maker's name, then words with a number
            // that `made_by` took for a name of its.
            (true, "said after its maker, with a number".to_string())
        } else if p.maker.is_some()
            && company == 0
            && name
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase()))
        {
            // `Amazon Q`: a maker's name, then a letter.
            (true, "said after its maker, a letter".to_string())
        } else if !p.in_prose
            && company == 0
            && p.maker.is_none()
            && !name.split(' ').any(|w| strong_shape(w) || odd_lowercase(w))
        {
            (false, "only in headings written in title case".to_string())
        } else {
            judge(
                &name,
                p.cjk,
                p.mid_sentence,
                company > 0,
                p.per_file.values().copied().max().unwrap_or(0),
                p.count,
            )
        };
        if ok {
            accepted.insert(
                key.clone(),
                Discovered {
                    name: name.clone(),
                    kind,
                    // With the spellings that say it short (`S3 Vectors`).
                    aliases: p
                        .han_aliases
                        .iter()
                        .chain(p.spellings.keys().filter(|w| normalize(w) != *key))
                        .cloned()
                        .collect(),
                    maker: p.maker.clone().filter(|_| kind == EntityKind::Product),
                    parent: p.parent.clone().filter(|_| kind == EntityKind::Product),
                },
            );
        }
        decision.candidates.push(Candidate {
            name,
            kind,
            count: p.count,
            locations: p.locations.clone(),
            accepted: ok,
            reason,
            merged_into: merged(key),
        });
    }
    fold_variants(&mut accepted, &mut decision.candidates, &only_orgs);
    decision.accepted = accepted.into_values().collect();
    decision
}

/// Each speaker's name, and each word of it, to the name: `Uma` and
/// `Uma Moreau` to `Uma Moreau`. Exact spellings, so that a speaker `Ed`
/// says nothing of an acronym `ED`; one-letter initials are left out.
fn person_names<'a>(people: &[&'a str]) -> HashMap<&'a str, &'a str> {
    let mut names = HashMap::new();
    for &full in people {
        names.entry(full).or_insert(full);
        for word in full.split(' ').filter(|w| w.chars().count() >= 2) {
            names.entry(word).or_insert(full);
        }
    }
    names
}

/// The speaker that `name` names, with any leading titles (`CTO Julio
/// Blanco Perez`, `CEO Ana`) left out.
fn person_in<'a>(person: &HashMap<&str, &'a str>, name: &str) -> Option<&'a str> {
    let title = |w: &str| w.len() > 1 && w.chars().all(|c| c.is_ascii_uppercase());
    let mut rest = name;
    loop {
        if let Some(full) = person.get(rest) {
            return Some(full);
        }
        match rest.split_once(' ') {
            Some((first, after)) if title(first) => rest = after,
            _ => return None,
        }
    }
}

/// Shape and word checks for a name that no rule settled.
fn judge(
    name: &str,
    cjk: bool,
    mid_sentence: bool,
    company: bool,
    max_per_file: usize,
    count: usize,
) -> (bool, String) {
    let words_of: Vec<&str> = name.split(' ').filter(|w| !is_version(w)).collect();
    if name.contains(is_han) {
        return (true, "Chinese name with a Latin model or product".into());
    }
    if words_of.iter().any(|w| strong_shape(w) || odd_lowercase(w)) {
        return (true, "name-shaped (inner capitals or digits)".into());
    }
    // `Q Business`, `Amazon Q Business`: a capital letter (not the word
    // `A` or `I`) before more words. (Last, `Plan B`, it is a label.)
    let letter = |w: &&str| {
        w.len() == 1 && *w != "A" && *w != "I" && w.bytes().all(|b| b.is_ascii_uppercase())
    };
    if words_of.len() >= 2 && words_of[..words_of.len() - 1].iter().any(letter) {
        return (true, "name-shaped (a letter before more words)".into());
    }
    let acronym = words_of.len() == 1
        && name.len() <= 6
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if acronym {
        return if company || max_per_file >= 3 || count >= 5 {
            (true, "acronym used as a name".into())
        } else {
            (false, "acronym said fewer than 3 times".into())
        };
    }
    if !cjk && words_of.iter().all(|w| derived_word(w)) {
        return (false, "ordinary English word(s)".into());
    }
    if words_of.iter().all(|w| ordinary(w, cjk)) {
        // `Acme's`, `at Acme`, `through Apache Kafka`: rarer words used as
        // a name, capitalised in the middle of a sentence.
        let common = words_of.iter().all(|w| w.split('-').all(words::is_common));
        if !((company || mid_sentence) && !common) {
            return (false, "ordinary English word(s)".into());
        }
    }
    (
        true,
        if cjk {
            "Latin name in Chinese prose"
        } else {
            "capitalised name"
        }
        .into(),
    )
}

/// Every word (versions aside) is a generic term: `Q1 2026`, `GPU 2`.
pub fn all_generic(name: &str) -> bool {
    let ws: Vec<&str> = name.split(' ').filter(|w| !is_version(w)).collect();
    !ws.is_empty()
        && ws
            .iter()
            .all(|w| STOP.contains(&w.to_lowercase().as_str()) || stop_pattern().is_match(w))
}

/// English nouns built from other words (`Observability`, `Migration`),
/// which the word list may not have but which are no names.
fn derived_word(word: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "ability", "ibility", "ization", "isation", "ation", "ition", "ment", "ness", "ity",
    ];
    let w = word.to_ascii_lowercase();
    w.chars().all(|c| c.is_ascii_lowercase())
        && SUFFIXES
            .iter()
            .any(|s| w.len() >= s.len() + 4 && w.ends_with(s))
}

/// `PostgreSQL 17` and `Postgres` are `PostgreSQL`; `Acme` is `Acme
/// Logistics`; `Cohere Embed v3` is made by `Cohere`.
fn fold_variants(
    accepted: &mut BTreeMap<String, Discovered>,
    candidates: &mut [Candidate],
    only_orgs: &HashSet<String>,
) {
    let folds = variant_folds(accepted, only_orgs);
    let mut candidate_named: HashMap<String, usize> = HashMap::new();
    for (i, c) in candidates.iter().enumerate() {
        candidate_named.entry(c.name.clone()).or_insert(i);
    }
    for (from, to) in folds {
        if let Some(d) = accepted.remove(&from) {
            if let Some(t) = accepted.get_mut(&to) {
                // `Kinesis 产品经理` introduces the product's manager.
                if d.kind == EntityKind::Company && !only_orgs.contains(&from) {
                    t.kind = EntityKind::Company;
                }
                t.aliases.push(d.name.clone());
                t.aliases.extend(d.aliases);
                if let Some(&c) = candidate_named.get(&d.name) {
                    candidates[c].merged_into = Some(t.name.clone());
                    candidates[c].reason = "variant of another discovered name".into();
                }
            }
        }
    }
    // Makers: `Cohere Embed v3` → company `Cohere`.
    let mut makers: Vec<(String, String)> = Vec::new();
    for (key, d) in accepted.iter() {
        let parts: Vec<&str> = d.name.split(' ').collect();
        if d.kind == EntityKind::Product
            && d.parent.is_none()
            && parts.len() >= 3
            && is_version(parts[parts.len() - 1])
        {
            let first = parts[0];
            if !ordinary(first, false) && !accepted.contains_key(&normalize(first)) {
                makers.push((key.clone(), first.to_string()));
            }
        }
    }
    for (product, maker) in makers {
        if let Some(d) = accepted.get_mut(&product) {
            d.maker = Some(maker.clone());
        }
        accepted.insert(
            normalize(&maker),
            Discovered {
                name: maker,
                kind: EntityKind::Company,
                aliases: Vec::new(),
                maker: None,
                parent: None,
            },
        );
    }
    for d in accepted.values_mut() {
        d.aliases.sort();
        d.aliases.dedup();
        d.aliases.retain(|a| a != &d.name);
    }
}

/// The folds [`fold_variants`] makes, `(from, into)` by key: a name
/// with a version suffix folds into its base; any other into the first
/// name, by key, that completes it in capitals or is a company it is the
/// first word of. Both are looked up, never found by comparing every
/// pair: a corpus can have tens of thousands of names.
fn variant_folds(
    accepted: &BTreeMap<String, Discovered>,
    only_orgs: &HashSet<String>,
) -> Vec<(String, String)> {
    // `postgres` → (`postgresql`, 8): keys of names whose first bytes,
    // lower-cased, are that, and the rest capitals.
    let mut completions: HashMap<String, Vec<(&str, usize)>> = HashMap::new();
    // `Acme` → `acme logistics`: companies by their first word.
    let mut companies: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, b) in accepted {
        let capitals = b
            .name
            .bytes()
            .rev()
            .take_while(u8::is_ascii_uppercase)
            .count();
        for at in (b.name.len() - capitals..=b.name.len()).filter(|&at| at >= 5) {
            completions
                .entry(b.name[..at].to_lowercase())
                .or_default()
                .push((key, at));
        }
        if b.kind == EntityKind::Company {
            let first = b.name.split(' ').next().unwrap_or_default();
            companies.entry(first).or_default().push(key);
        }
    }
    let mut folds = Vec::new();
    // `Aurora` is `Amazon Aurora`, said without its maker, also as a
    // speaker's organisation (`Kinesis 产品经理`).
    for (k, a) in accepted {
        let tail = a.maker.as_deref().and_then(|m| {
            let rest = a.name.strip_prefix(m)?.strip_prefix(' ')?;
            Some(normalize(rest))
        });
        if let Some(t) = tail.filter(|t| {
            accepted
                .get(t)
                .is_some_and(|d| d.kind == EntityKind::Product && d.maker.is_none())
                || only_orgs.contains(t)
        }) {
            folds.push((t, k.clone()));
        }
    }
    let tails: HashSet<String> = folds.iter().map(|(from, _)| from.clone()).collect();
    for (k, a) in accepted {
        if tails.contains(k) {
            continue;
        }
        if let Some((base, last)) = k.rsplit_once(' ') {
            // `Xanium Bank AI负责人` is Xanium Bank's head of AI. A product
            // keeps such a word: `SageMaker AI` is not `SageMaker`.
            let generic_tail = a.kind == EntityKind::Company
                && accepted
                    .get(base)
                    .is_some_and(|b| b.kind == EntityKind::Company)
                && all_generic(last);
            if (is_version(last) || generic_tail) && accepted.contains_key(base) {
                folds.push((k.clone(), base.to_string()));
                continue;
            }
        }
        let completed = completions
            .get(&a.name.to_lowercase())
            .into_iter()
            .flatten()
            .find(|&&(b, at)| b != k && at == a.name.len())
            .map(|&(b, _)| b);
        let company = companies
            .get(a.name.as_str())
            .filter(|_| !a.name.contains(' '))
            .into_iter()
            .flatten()
            .find(|&&b| b != k)
            .copied();
        if let Some(into) = completed.into_iter().chain(company).min() {
            folds.push((k.clone(), into.to_string()));
        }
    }
    folds
}

/// Conference names from titles, normalised: a name that is part of one
/// (or one of which is part of it) is the event, not a product.
struct EventNames {
    sorted: Vec<String>,
    all: HashSet<String>,
}

impl EventNames {
    /// Each event also stands for its tails of two words or more
    /// (`re:invent 2025` of `aws re:invent 2025`): the company in front is
    /// a catalog name, masked before discovery sees the rest. And for
    /// itself written without its marks, as a tag is (`#reInvent`).
    fn new(events: &[String]) -> EventNames {
        let mut sorted: Vec<String> = events
            .iter()
            .map(|e| normalize(e))
            .flat_map(|e| {
                let unmarked: String = e
                    .chars()
                    .filter(|c| !matches!(c, ':' | '-' | '.'))
                    .collect();
                std::iter::once(e).chain(Some(unmarked))
            })
            .flat_map(|e| {
                let tails: Vec<String> = e
                    .match_indices(' ')
                    .map(|(at, _)| e[at + 1..].to_string())
                    .filter(|t| t.contains(' '))
                    .collect();
                std::iter::once(e).chain(tails)
            })
            .collect();
        sorted.sort();
        sorted.dedup();
        let all = sorted.iter().cloned().collect();
        EventNames { sorted, all }
    }

    /// Whether an event's key starts with `key`, or `key` with an event's.
    fn overlap(&self, key: &str) -> bool {
        let first_at_or_after = self.sorted.partition_point(|e| e.as_str() < key);
        let event_starts_with_key = self
            .sorted
            .get(first_at_or_after)
            .is_some_and(|e| e.starts_with(key));
        event_starts_with_key
            || (0..=key.len())
                .filter(|&at| key.is_char_boundary(at))
                .any(|at| self.all.contains(&key[..at]))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{scan, Known};
    use super::*;

    fn accepted(files: &[&str]) -> Vec<(String, EntityKind)> {
        let sessions: Vec<(String, Vec<Sighting>)> = files
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("f{i}"), scan(&[(t, 1)], &[], &[])))
            .collect();
        decide(
            &sessions,
            &Curation::default(),
            &["KubeCon China 2025".into()],
            &["Uma Moreau", "Ed Li"],
        )
        .accepted
        .into_iter()
        .map(|d| (d.name, d.kind))
        .collect()
    }

    #[test]
    fn ordinary_words_generic_terms_and_events_are_rejected() {
        let got = accepted(&[
            "在 Kubernetes 上跑推理，GPU 利用率提升，Serverless 推理，P99 延迟，Q3 发布，KubeCon China 2025 现场，HNSW 索引",
            "Kiro 是一个 AI IDE，取代传统 RPA 与 CRM 里的 OCR 流程",
            "Show of hands. Dual writes caused drift. Schema change managed with Terraform.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Kiro", "Kubernetes", "Terraform"]);
    }

    /// What a launch makes available is a product, however ordinary the
    /// words of its name; the same words said otherwise are not.
    #[test]
    fn what_is_launched_is_a_product() {
        let got = accepted(&[
            "Q: Is Nova Act generally available?\nA: Yes, Nova Act is now generally available.",
            "The Smart Reply is a feature. Smart Reply helps.",
            "Agent Mode 正式发布。",
            // A list of announcements marks them; a sub-feature said once
            // after its parent is one when launched.
            "- **Smart Canvas** — GA in us-east-1\n- **Amazon S3 Vectors** — GA, 20 亿向量\n- **AgentCore** Policy — *preview*",
        ]);
        assert_eq!(
            got,
            [
                ("Agent Mode".to_string(), EntityKind::Product),
                ("AgentCore".to_string(), EntityKind::Product),
                ("Amazon S3 Vectors".to_string(), EntityKind::Product),
                ("Nova Act".to_string(), EntityKind::Product),
                ("Smart Canvas".to_string(), EntityKind::Product)
            ]
        );
    }

    /// A maker, then words with a number (`Amazon Route 53`) or a letter
    /// (`Amazon Q`): a product, though `Amazon` and `Route` are words a
    /// dictionary has.
    #[test]
    fn a_makers_name_then_a_number_is_a_product() {
        let known = |text: &str| {
            let at = text.find("Amazon").unwrap();
            vec![Known {
                start: at,
                end: at + "Amazon".len(),
                product: None,
            }]
        };
        let found = |text: &str| -> Vec<String> {
            let sessions = vec![("f0".to_string(), scan(&[(text, 1)], &[known(text)], &[]))];
            decide(&sessions, &Curation::default(), &[], &[])
                .accepted
                .into_iter()
                .map(|d| d.name)
                .collect()
        };
        let got = found("多区域流量切换：Zuul 与 Amazon Route 53");
        assert!(got.contains(&"Amazon Route 53".to_string()), "{got:?}");
        // A letter after a maker is a name too (`Plan B` is not), but not
        // the `Q` of `Q&A`.
        assert_eq!(found("用 Amazon Q 回答问题"), ["Amazon Q"]);
        assert_eq!(found("最后是 Amazon Q&A 环节"), Vec::<String>::new());
    }

    /// An English recap's own headings and AWS's hyphenated words:
    /// `## Key Takeaways`, `multi-Region`, `cross-Region` name nothing.
    #[test]
    fn headings_and_hyphenated_words_are_no_names() {
        let got = accepted(&[
            "## Key Takeaways\n- 99.999% multi-Region availability with Aurora DSQL, cross-Region reads",
            "## Key Takeaways\nStripe moved to Aurora DSQL. Aurora DSQL scales.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Aurora DSQL"]);
    }

    /// A capital letter leading more words names something (`Q Business`
    /// is words a dictionary has); after them it labels (`Plan B`).
    #[test]
    fn a_letter_leading_words_is_a_name() {
        let got = accepted(&[
            "介绍 Q Business 的新功能。Q Business 支持 50 多个连接器，Plan B 是备用方案。",
            "Q Business 的索引。Plan B 也讨论了。",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Q Business"]);
    }

    #[test]
    fn variants_fold_and_makers_are_companies() {
        let got = accepted(&[
            "moved into PostgreSQL 17 with pgvector. A second database next to Postgres. PostgreSQL is fine.",
            "Embeddings produced by Cohere Embed v3 (1,024 dimensions). Results at Acme. Acme Logistics's team.",
        ]);
        assert_eq!(
            got,
            vec![
                ("Acme Logistics".to_string(), EntityKind::Company),
                ("Cohere".to_string(), EntityKind::Company),
                ("Cohere Embed v3".to_string(), EntityKind::Product),
                ("pgvector".to_string(), EntityKind::Product),
                ("PostgreSQL".to_string(), EntityKind::Product),
            ]
        );
    }

    #[test]
    fn speakers_called_by_one_name_are_not_products() {
        let got = accepted(&[
            "Uma 指出，Moreau 团队用 Kiro 重写了流水线。Uma 还提到 Kiro 的规范驱动开发。",
            "Uma Moreau 在 Kiro 之外也用 ED 做评估，ED 的评分，ED 报表。",
            "Uma 再次强调，Ed 补充说 Kiro 很快。",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["ED", "Kiro"]);
        // With their titles in front.
        let got = accepted(&["代理CTO Uma Moreau 分享，CEO Uma 补充，CEO Kiro 发布会"]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["CEO Kiro"]);
    }

    /// `Matt Garman 主题演讲` names a person, whether or not they spoke;
    /// `Grace`, also a chip's name, is not among the given names.
    #[test]
    fn people_said_in_prose_are_not_products() {
        let got = accepted(&[
            "Keynote 回顾 — Matt Garman 主题演讲；Sarah Chen 和 Mary Ann Tsai 补充。用 Grace Blackwell 部署。",
            "Matt Garman 发布了 Graviton5。",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, vec!["Grace Blackwell", "Graviton5"]);
    }

    #[test]
    fn a_companys_name_with_a_generic_word_after_it_is_the_company() {
        let got = accepted(&[
            "来自Xanium Bank 的团队，Xanium Bank 的平台",
            "来自Xanium Bank AI的嘉宾说；Amazon SageMaker 与 Amazon SageMaker AI",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            vec!["Amazon SageMaker", "Amazon SageMaker AI", "Xanium Bank"]
        );
    }

    #[test]
    fn a_product_whose_head_speaks_stays_a_product() {
        let mut sightings = scan(
            &[("使用 Orbit Flow 训练，Orbit Flow 发布", 1); 10],
            &[],
            &[],
        );
        sightings.push(Sighting::speaker_org("Orbit Flow", 1));
        sightings.extend(scan(&[("Xanium Bank 的平台", 1)], &[], &[]));
        sightings.push(Sighting::speaker_org("Xanium Bank", 1));
        let d = decide(&[("f0".into(), sightings)], &Curation::default(), &[], &[]);
        let kinds: Vec<(&str, EntityKind)> = d
            .accepted
            .iter()
            .map(|a| (a.name.as_str(), a.kind))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Orbit Flow", EntityKind::Product),
                ("Xanium Bank", EntityKind::Company)
            ]
        );
    }

    #[test]
    fn names_glued_to_the_event_are_the_event() {
        // `AWS` is a catalog name, masked before discovery: what is left
        // of the event starts the run.
        let sessions = vec![(
            "f0".to_string(),
            scan(
                &[(
                    "AWS re:Invent 2025 AI 代理的架构演进：Galora Logistics 与 Kiro",
                    1,
                )],
                &[vec![Known {
                    start: 0,
                    end: 3,
                    product: None,
                }]],
                &[],
            ),
        )];
        let d = decide(
            &sessions,
            &Curation::default(),
            &["AWS re:Invent 2025".into()],
            &[],
        );
        let names: Vec<&str> = d.accepted.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["Galora Logistics", "Kiro"]);
    }

    /// The event as a tag writes it, without its colon (`#reInvent`), is
    /// the event; and a tag in prose (`#AWSCommunity`) names nothing.
    #[test]
    fn the_event_without_its_marks_is_the_event() {
        let texts = [
            ("#reInvent #containers", 1),
            (
                "reInvent 上 Kiro 很火，Kiro 也开源了，#AWSCommunity 和 #AWSCommunity 也是",
                2,
            ),
        ];
        let sessions = vec![("f0".to_string(), scan(&texts, &[vec![], vec![]], &[]))];
        let d = decide(
            &sessions,
            &Curation::default(),
            &["AWS re:Invent 2025".into()],
            &[],
        );
        let names: Vec<&str> = d.accepted.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, vec!["Kiro"]);
    }

    #[test]
    fn a_name_said_without_its_maker_is_the_makers_product() {
        let amazon = Known {
            start: 0,
            end: "Amazon".len(),
            product: None,
        };
        let sessions: Vec<(String, Vec<Sighting>)> = (0..3)
            .map(|i| {
                let units = [("Amazon Aurora 的新特性", 1), ("Aurora 的存储层", 2)];
                let known = [vec![amazon], vec![]];
                (format!("f{i}"), scan(&units, &known, &[]))
            })
            .collect();
        let d = decide(&sessions, &Curation::default(), &[], &[]);
        let got: Vec<(&str, &[String], Option<&str>)> = d
            .accepted
            .iter()
            .map(|a| (a.name.as_str(), &a.aliases[..], a.maker.as_deref()))
            .collect();
        assert_eq!(
            got,
            [("Amazon Aurora", &["Aurora".to_string()][..], Some("Amazon"))]
        );
    }

    /// `Kinesis 产品经理 Roy Wang`: a speaker's organisation that is a
    /// product said without its maker is that product (it was a company).
    #[test]
    fn a_speakers_organisation_said_without_its_maker_is_the_product() {
        let amazon = Known {
            start: 0,
            end: "Amazon".len(),
            product: None,
        };
        let units = [("Amazon Kinesis 十五年", 1), ("Amazon Kinesis 的架构", 2)];
        let mut sightings = scan(&units, &[vec![amazon], vec![amazon]], &[]);
        sightings.push(Sighting::speaker_org("Kinesis", 3));
        let d = decide(&[("f0".into(), sightings)], &Curation::default(), &[], &[]);
        let got: Vec<(&str, EntityKind, &[String])> = d
            .accepted
            .iter()
            .map(|a| (a.name.as_str(), a.kind, &a.aliases[..]))
            .collect();
        assert_eq!(
            got,
            [(
                "Amazon Kinesis",
                EntityKind::Product,
                &["Kinesis".to_string()][..]
            )]
        );
    }

    /// `S3 Vectors`, said after the catalog's `S3`, is `Amazon S3 Vectors`
    /// said short: the two are one name said twice (each was a name said
    /// once, and neither got a page).
    #[test]
    fn a_part_said_with_its_catalog_product_short_is_one_name() {
        let s3 = |start: usize, written: &str| Known {
            start,
            end: start + written.len(),
            product: Some("Amazon S3"),
        };
        let units = [
            ("**Amazon S3 Vectors**：正式发布", 1),
            ("S3 Vectors 单个索引支持 20 亿向量", 2),
        ];
        let known = [vec![s3(2, "Amazon S3")], vec![s3(0, "S3")]];
        let sessions = vec![("f0".to_string(), scan(&units, &known, &[]))];
        let d = decide(&sessions, &Curation::default(), &[], &[]);
        let got: Vec<(&str, &[String], Option<&str>)> = d
            .accepted
            .iter()
            .map(|a| (a.name.as_str(), &a.aliases[..], a.parent.as_deref()))
            .collect();
        assert_eq!(
            got,
            [(
                "Amazon S3 Vectors",
                &["S3 Vectors".to_string()][..],
                Some("Amazon S3")
            )]
        );
        // Said short alone, it keeps the words it is said with.
        let alone = vec![("f0".to_string(), scan(&units[1..], &known[1..], &[]))];
        let d = decide(&alone, &Curation::default(), &[], &[]);
        assert!(d.accepted.is_empty());
        assert_eq!(d.candidates[0].name, "S3 Vectors");
    }

    #[test]
    fn names_only_in_title_case_headings_are_not_names() {
        let got = accepted(&[
            "Keynote Recap: The Agentic Era Begins With Bedrock Flows",
            "Customer Stories: Writer Builds With Palmyra X5",
            "Teams adopted Bedrock Flows last year.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _)| n.as_str()).collect();
        // `Agentic Era` is only capitalised because its heading is;
        // `Bedrock Flows` is said in prose too, `Palmyra X5` is name-shaped.
        assert_eq!(names, vec!["Bedrock Flows", "Palmyra X5"]);
    }

    #[test]
    fn acronyms_need_repetition() {
        assert!(accepted(&["ACK 的调度"]).is_empty());
        assert_eq!(accepted(&["ACK 的调度，ACK 中的队列，ACK 推理"]).len(), 1);
    }
}
