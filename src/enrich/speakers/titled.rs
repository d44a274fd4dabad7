//! The speaker a talk's title names: `Werner Vogels 主题演讲回顾` is
//! Werner Vogels's talk, whoever else the recap introduces; and the one a
//! timeline heading is named after.

use super::LATIN_NAME;
use crate::model::SpeakerRef;
use crate::pattern::Regex;
use std::sync::OnceLock;

/// The person a title names as giving the talk: `Werner Vogels
/// 主题演讲回顾`, `Keynote 回顾 — Matt Garman 主题演讲`, `Andy Jassy 谈
/// AI`. Only a name with a given name first (see
/// [`crate::enrich::discover::person_shaped`]) in a title that says it is
/// a talk: a product named in a title is no speaker.
pub fn of_title(title: &str) -> Option<SpeakerRef> {
    const TALKS: &[&str] = &[
        "主题演讲",
        "演讲",
        "分享",
        "专访",
        "对话",
        "访谈",
        "Keynote",
        "keynote",
        "Fireside",
    ];
    let talk = TALKS.iter().any(|t| title.contains(t));
    static LATIN: OnceLock<Regex> = OnceLock::new();
    let latin = LATIN.get_or_init(|| Regex::new(LATIN_NAME).unwrap());
    latin.find_iter(title).find_map(|m| {
        if !talk && !title[m.end()..].trim_start().starts_with('谈') {
            return None;
        }
        // `Werner Vogels Keynote`: the name is the run's first words.
        let name = prefixes(m.as_str()).find(|p| crate::enrich::discover::person_shaped(p))?;
        Some(SpeakerRef {
            name: name.to_string(),
            ..Default::default()
        })
    })
}

/// `A B C`, `A B`, `A`: a run of words and its shorter heads.
fn prefixes(run: &str) -> impl Iterator<Item = &str> {
    std::iter::once(run).chain(run.rmatch_indices(' ').map(move |(i, _)| &run[..i]))
}

/// The person a timeline heading is named after (`## Matt Garman（00:00 -
/// 18:30）`, the part of a fireside chat where he speaks): a name with a
/// given name first, and nothing else.
pub fn heading_person(heading: &str) -> Option<SpeakerRef> {
    let name = heading.trim().trim_matches('*').trim();
    crate::enrich::discover::person_shaped(name).then(|| SpeakerRef {
        name: name.to_string(),
        ..Default::default()
    })
}
