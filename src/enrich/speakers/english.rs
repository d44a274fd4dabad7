//! English introductions of speakers that the patterns read in pieces:
//! several names sharing one organisation, a role that heads a unit, a
//! guest who joins on stage.

use super::{
    make, paren_speaker, role_word, Patterns, LATIN_NAME, MAX_EN_ORG, MAX_EN_PAREN, MAX_EN_ROLE,
};
use crate::model::SpeakerRef;
use crate::pattern::Regex;
use std::sync::OnceLock;

/// A speaker (if the name is one) and where in its line it starts.
type Placed = (usize, Option<SpeakerRef>);

/// `Presented by Jane Doe and John Roe from AWS`: the names joined to the
/// one `en_by` read at `start` (ending at `end`), and the organisation of
/// them all after the last, each with where it starts; and where the
/// group ends. `None` for one name with no organisation after it.
pub(super) fn joined_names(
    p: &Patterns,
    l: &str,
    (start, end): (usize, usize),
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Option<(Vec<Placed>, usize)> {
    let mut names = vec![(start, &l[start..end], None)];
    let mut at = end;
    while let Some(c) = p.en_and.captures(&l[at..]) {
        let name = c.name("name").unwrap();
        // `, Senior Engineer, Acme`: a role and an organisation, no names.
        if make(name.as_str(), None, None, org_of).is_none() {
            break;
        }
        let paren = c.name("paren").map(|m| m.as_str());
        names.push((at + name.start(), name.as_str(), paren));
        at += c.get(0).unwrap().end();
    }
    let org = p.en_from.captures(&l[at..]).map(|c| {
        let m = c.name("org").unwrap();
        let org = org_within_bound(m.as_str());
        (org, at + m.start() + org.len())
    });
    if names.len() == 1 && org.is_none() {
        return None;
    }
    let group = names
        .into_iter()
        .map(|(pos, name, paren)| {
            let s = match paren.filter(|p| p.chars().count() <= MAX_EN_PAREN) {
                Some(inner) => paren_speaker(name, inner, org_of),
                None => make(name, None, org.map(|(o, _)| o), org_of),
            };
            (pos, s)
        })
        .collect();
    Some((group, org.map_or(at, |(_, end)| end)))
}

/// An organisation read after `at`, `of` or `from`, which the pattern
/// leaves unbounded: its capital letter, then at most `MAX_EN_ORG` more.
pub(super) fn org_within_bound(org: &str) -> &str {
    let end = org
        .char_indices()
        .nth(1 + MAX_EN_ORG)
        .map_or(org.len(), |(i, _)| i);
    &org[..end]
}

/// The role and organisation of an English introduction, `role sep org`.
/// `VP of Developer Agents at AWS`: a role read up to its first `of` took
/// the unit it heads for the organisation; the organisation is what follows
/// the unit's last `at` or `from` (`VP`, `Developer Agents at AWS` becomes
/// `VP of Developer Agents`, `AWS`). An organisation that starts with a
/// known company and goes on (`SVP of AWS Utility Computing`) is a unit of
/// that company: the unit joins the role (`SVP of AWS Utility Computing`,
/// `AWS`).
pub(super) fn role_of_unit(
    role: Option<&str>,
    sep: &str,
    org: Option<&str>,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> (Option<String>, Option<String>) {
    let split = (sep == "of")
        .then_some(org)
        .flatten()
        .and_then(|o| {
            [" at ", " from "]
                .iter()
                .filter_map(|w| o.rfind(w).map(|i| (i, w.len())))
                .max()
        })
        .filter(|_| role.is_some());
    let (role, org) = match split {
        Some((i, len)) => {
            let org = org.unwrap();
            let unit = &org[..i];
            (
                role.map(|r| format!("{r} of {unit}")),
                Some(&org[i + len..]),
            )
        }
        None => (role.map(str::to_string), org),
    };
    match org.map(|o| (o, company_heading(o, org_of))) {
        Some((o, Some(company))) => (role.map(|r| format!("{r} {sep} {o}")), Some(company)),
        _ => (role, org.map(str::to_string)),
    }
}

/// `Peter DeSantis, SVP of AWS Utility Computing, walked through …`: a
/// name opening a sentence, then its role and organisation between commas.
/// Only a role with a role word in it (`Jane, a friend of Acme` is none).
pub(super) fn appositive(
    p: &Patterns,
    l: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Vec<Placed> {
    p.en_appositive
        .captures_iter(l)
        .filter_map(|c| {
            let name = c.name("name").unwrap();
            let role = c.name("role").unwrap().as_str();
            if role.chars().count() > MAX_EN_ROLE || !role_word().is_match(role) {
                return None;
            }
            let sep = c.name("sep").unwrap().as_str();
            let org = org_within_bound(c.name("org").unwrap().as_str()).trim_end();
            let (role, org) = role_of_unit(Some(role), sep, Some(org), org_of);
            Some((
                name.start(),
                make(name.as_str(), role.as_deref(), org.as_deref(), org_of),
            ))
        })
        .collect()
}

/// `Sony's Kenichiro Yoshida joined on stage`, `Then Jane Doe took the
/// stage`: a guest coming on, with the company said before the name. A
/// common word opening the name (`Then`, `Next`) is no part of it.
pub(super) fn on_stage(l: &str, org_of: &dyn Fn(&str) -> Option<(String, bool)>) -> Vec<Placed> {
    // Made on first use: few recaps say it, and every build paid for
    // compiling it.
    static ON_STAGE: OnceLock<Regex> = OnceLock::new();
    ON_STAGE
        .get_or_init(|| {
            Regex::new(&format!(
                r"(?:(?P<org>[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){{0,2}})(?:'s|’s) )?(?P<name>{LATIN_NAME}) (?:joined|took|came|took to)(?: us| them| him| her)? (?:on )?(?:the )?stage"
            ))
            .unwrap()
        })
        .captures_iter(l)
        .filter_map(|c| {
            let m = c.name("name").unwrap();
            let mut name = m.as_str();
            if c.name("org").is_none() {
                if let Some((first, rest)) = name.split_once(' ') {
                    if crate::enrich::words::is_common(first)
                        && !crate::enrich::discover::is_given_name(first)
                    {
                        name = rest;
                    }
                }
            }
            // One word is a product as often as a person (`Kiro took the stage`).
            name.contains(' ').then_some(())?;
            let org = c.name("org").map(|o| o.as_str());
            Some((m.start(), make(name, None, org, org_of)))
        })
        .collect()
}

/// The known company an organisation's name starts with, when the name
/// goes on past it: `AWS` of `AWS Utility Computing`.
fn company_heading(org: &str, org_of: &dyn Fn(&str) -> Option<(String, bool)>) -> Option<String> {
    if org_of(org).is_some() {
        return None;
    }
    let (first, _) = org.split_once(' ')?;
    match org_of(first) {
        Some((company, false)) => Some(company),
        _ => None,
    }
}
