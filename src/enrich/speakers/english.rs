//! English introductions of speakers that the patterns read in pieces:
//! several names sharing one organisation, and a role that heads a unit.

use super::{make, paren_speaker, Patterns, MAX_EN_ORG, MAX_EN_PAREN};
use crate::model::SpeakerRef;

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

/// `VP of Developer Agents at AWS`: a role read up to its first `of` took
/// the unit it heads for the organisation; the organisation is what follows
/// the unit's last `at` or `from` (`VP`, `Developer Agents at AWS` becomes
/// `VP of Developer Agents`, `AWS`).
pub(super) fn role_of_unit<'a>(
    role: Option<&str>,
    sep: &str,
    org: Option<&'a str>,
) -> (Option<String>, Option<&'a str>) {
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
    match split {
        Some((i, len)) => {
            let org = org.unwrap();
            let unit = &org[..i];
            (
                role.map(|r| format!("{r} of {unit}")),
                Some(&org[i + len..]),
            )
        }
        None => (role.map(str::to_string), org),
    }
}
