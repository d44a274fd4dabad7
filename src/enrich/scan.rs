//! Per-session work, run in parallel: a first pass (speakers in prose,
//! discovery sightings) before the entity table is complete, and the main
//! pass (mentions, roles, launches, cross-links, numbers) after.

use super::discover::{self, Known, Sighting};
use super::excerpt::excerpt_then;
use super::graph::Table;
use super::launches::{self, Named};
use super::matcher::{normalize, Hit, Matcher, Pattern, View};
use super::speakers;
use super::types::{Announcement, EntityKind, Mention, MentionRole};
use super::units::{units, Place, Unit};
use super::{numbers, KeyNumber, Link, TextKey};
use crate::model::{Session, SpeakerRef};
use crate::parse::simplified;
use aho_corasick::AhoCorasick;
use arcstr::ArcStr;
use rustc_hash::FxHashSet;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// What the first pass learns about a session.
#[derive(Debug, Default)]
pub struct Prepass {
    /// Front matter speakers, else the ones found in the prose.
    pub speakers: Vec<SpeakerRef>,
    pub sightings: Vec<Sighting>,
}

/// Resolve an organisation as written: a company stays as written, a
/// product becomes its maker (`true` = it was a product). A known name
/// followed by generic words only (`Gartner AI负责人`: Gartner's head of
/// AI) is that name, not a new company.
pub fn org_of(table: &Table, matcher: &Matcher, s: &str) -> Option<(String, bool)> {
    let s = s.trim();
    let hits = matcher.find_all(s);
    let [h] = hits.as_slice() else { return None };
    let tail = s[h.end..].trim();
    if h.start != 0 || !(tail.is_empty() || discover::all_generic(tail)) {
        return None;
    }
    let s = &s[..h.end];
    let e = &table.entities[h.target];
    match e.kind {
        EntityKind::Company => Some((s.to_string(), false)),
        EntityKind::Product => Some((
            e.company
                .map_or_else(|| e.name.clone(), |c| table.entities[c].name.clone()),
            true,
        )),
        _ => None,
    }
}

/// The text of `u` as matchers read it, with the syntax around each
/// Markdown link's label blanked with spaces (not the `|` of
/// [`crate::urls::mask`], which separates names): `讲者：[Jane Doe](…)（AWS
/// 架构师）` names Jane Doe. Offsets stay those of `u.text`.
fn with_link_labels<'u>(u: &'u Unit) -> Cow<'u, str> {
    if !u.shown.contains("](") {
        return Cow::Borrowed(&u.text);
    }
    let mut bytes = u.text.as_bytes().to_vec();
    for link in crate::urls::find(u.shown) {
        for r in link.syntax() {
            bytes[r].fill(b' ');
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Cow::Owned(text),
        Err(_) => Cow::Borrowed(&u.text),
    }
}

pub fn prepass(index: usize, s: &Session, table: &Table, matcher: &Matcher) -> Prepass {
    let us = units(index, s);
    let org = |o: &str| org_of(table, matcher, o);
    // `## 演讲嘉宾` is a unit of its own: the list after it is of speakers.
    let mut under_label = false;
    let found: Vec<speakers::FoundSpeaker> = us
        .iter()
        .filter(|u| !matches!(u.place, Place::Title | Place::Footer | Place::Footnote))
        .flat_map(|u| {
            let listed = std::mem::replace(&mut under_label, speakers::heads_a_list(&u.text));
            let named_after = matches!(u.place, Place::Heading | Place::Entry)
                .then(|| speakers::heading_person(&u.text))
                .flatten()
                .map(|speaker| speakers::FoundSpeaker {
                    speaker,
                    line: u.line,
                });
            named_after
                .into_iter()
                .chain(speakers::find_under(
                    &with_link_labels(u),
                    u.line,
                    &org,
                    listed,
                ))
                .map(|f| u.written_speaker(f))
        })
        .collect();
    let found = speakers::merge(found);
    let speakers: Vec<SpeakerRef> = if !s.speakers.is_empty() {
        s.speakers
            .iter()
            .map(|sp| speakers::as_written(sp, &org))
            .collect()
    } else {
        // The person whose talk the title says it is, first, unless the
        // text introduces them.
        let titled = speakers::of_title(&s.title.full)
            .filter(|t| !found.iter().any(|f| f.speaker.name == t.name));
        titled
            .into_iter()
            .chain(found.iter().map(|f| f.speaker.clone()))
            .collect()
    };
    // Names and roles of people are not product names.
    let mut exclude: Vec<String> = Vec::new();
    for sp in speakers.iter().chain(found.iter().map(|f| &f.speaker)) {
        // Looked for in the text as matchers read it.
        let name = simplified(&sp.name);
        exclude.push(name.to_string());
        exclude.extend(name.split(' ').filter(|w| w.len() >= 3).map(String::from));
        exclude.extend(sp.role.iter().filter(|r| r.is_ascii()).cloned());
    }
    exclude.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    exclude.dedup();
    let texts: Vec<(&str, usize)> = us.iter().map(|u| (&*u.text, u.line)).collect();
    let known: Vec<Vec<Known>> = us
        .iter()
        .map(|u| {
            matcher
                .find_all(&u.text)
                .iter()
                .map(|h| {
                    let e = &table.entities[h.target];
                    Known {
                        start: h.start,
                        end: h.end,
                        product: (e.kind == EntityKind::Product).then_some(e.name.as_str()),
                    }
                })
                .collect()
        })
        .collect();
    let mut sightings = discover::scan(&texts, &known, &exclude);
    // Organisations of speakers that the catalog does not know are
    // companies, whether the text or the front matter introduces them (the
    // front matter at the recap's first line).
    let front_matter = (!s.speakers.is_empty()).then_some(&speakers);
    let orgs = found
        .iter()
        .map(|f| (&f.speaker, f.line))
        .chain(front_matter.into_iter().flatten().map(|sp| (sp, 1)));
    for (speaker, line) in orgs {
        if let Some(o) = &speaker.org {
            if org(&simplified(o)).is_none() && !unnamed(o) {
                sightings.push(Sighting::speaker_org(o, line));
            }
        }
    }
    Prepass {
        speakers,
        sightings,
    }
}

/// An organisation left unnamed, `某大型银行` (a certain large bank), `一家
/// 头部车企`: the speaker's, as written, but no company with a page.
fn unnamed(org: &str) -> bool {
    org.starts_with('某') || org.starts_with("一家")
}

/// Everything needed for the main pass, shared by all sessions.
pub struct Context<'a> {
    pub table: &'a Table,
    pub matcher: &'a Matcher,
    pub topics: &'a Matcher,
    pub cross_links: bool,
}

/// What the main pass found in one session.
#[derive(Debug, Default)]
pub struct SessionScan {
    pub mentions: Vec<(usize, Mention)>,
    /// Entity → number of mentions in the session.
    pub counts: BTreeMap<usize, usize>,
    pub links: Vec<(TextKey, Link)>,
    pub announcements: Vec<Announcement>,
    pub numbers: Vec<KeyNumber>,
    /// Products and companies per story, for co-mentions.
    pub stories: Vec<Vec<usize>>,
}

/// A hit of any kind, with its launch role once known.
struct Found {
    hit: Hit,
    role: MentionRole,
    /// The launch word, for launches.
    verb: String,
    /// `false` for maker mentions derived from a product name.
    linkable: bool,
}

pub fn scan(index: usize, s: &Session, speakers: &[SpeakerRef], cx: &Context) -> SessionScan {
    let us = units(index, s);
    let speaker_matcher = speaker_matcher(speakers, cx.table);
    let mut out = SessionScan::default();
    let mut linked: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut topic_seen: FxHashSet<(usize, usize)> = FxHashSet::default();
    let mut stories: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    // An open launch (`发布…模型家族：`) and the depth it applies below.
    let mut open: Option<(Option<usize>, MentionRole, String)> = None;
    let mut strings = Interner::default();
    let mut label = SectionLabel::default();
    let mut section_words = SectionWords::default();
    for u in &us {
        // One view of the text for the three matchers.
        let view = View::new(&u.text);
        let found = find_in_unit(
            u,
            &view,
            cx,
            &speaker_matcher,
            &mut open,
            &mut section_words,
        );
        let section = u.section.map(|s| label.get(s, &mut strings));
        let mention_at = |start, end, role, strings: &mut Interner| {
            mention(u, section.clone(), start, end, role, index, strings)
        };
        // A name said twice in one sentence is one place to show.
        let mut shown: FxHashSet<(usize, ArcStr)> = FxHashSet::default();
        for f in &found {
            let e = &cx.table.entities[f.hit.target];
            *out.counts.entry(f.hit.target).or_default() += 1;
            if matches!(e.kind, EntityKind::Product | EntityKind::Company) {
                stories.entry(u.story).or_default().push(f.hit.target);
            }
            let m = mention_at(f.hit.start, f.hit.end, f.role, &mut strings);
            if shown.insert((f.hit.target, m.excerpt.clone())) {
                out.mentions.push((f.hit.target, m));
            }
            if f.role.is_launch() && e.kind == EntityKind::Product {
                let (ex, _) = excerpt_then(u.shown, u.then, f.hit.start, f.hit.end);
                out.announcements.push(Announcement {
                    session: index,
                    entity: f.hit.target,
                    role: f.role,
                    verb: f.verb.clone(),
                    excerpt: strings.get(&ex),
                    anchor: u.anchor.clone(),
                    line: u.line,
                });
            }
            if let Some(key) = u.key.filter(|_| cx.cross_links && f.linkable) {
                if linked.insert((u.story, f.hit.target)) {
                    let (url, title) = &cx.table.link_targets[f.hit.target];
                    out.links.push((
                        key,
                        Link {
                            start: f.hit.start,
                            end: f.hit.end,
                            url: url.clone(),
                            title: title.clone(),
                        },
                    ));
                }
            }
        }
        for h in cx.topics.find_all_in(&view, &u.text) {
            *out.counts.entry(h.target).or_default() += 1;
            if topic_seen.insert((u.story, h.target)) {
                out.mentions.push((
                    h.target,
                    mention_at(h.start, h.end, MentionRole::Mentioned, &mut strings),
                ));
            }
        }
        if matches!(u.place, Place::Footer | Place::Extra) {
            if let Some(&t) = cx.table.footer_topics.get(&normalize(u.text.trim())) {
                *out.counts.entry(t).or_default() += 1;
                out.mentions.push((
                    t,
                    mention_at(0, u.text.len(), MentionRole::Mentioned, &mut strings),
                ));
            }
        }
        if u.place != Place::Title {
            // A figure struck out (`~~0.03 元~~ 0.02 元`) was taken back.
            let struck = crate::emphasis::struck_out(&u.text);
            let taken_back =
                |f: &numbers::Figure| struck.iter().any(|r| r.start <= f.start && f.end <= r.end);
            for f in numbers::find(&u.text)
                .into_iter()
                .filter(|f| !taken_back(f))
            {
                let (ex, _) = excerpt_then(u.shown, u.then, f.start, f.end);
                // The figure before a change is said inside the figure.
                let from = f.from.map(|from| {
                    let at = u.text[f.start..f.end]
                        .find(&from)
                        .map_or(f.start, |i| f.start + i);
                    u.written(from, at)
                });
                out.numbers.push(KeyNumber {
                    text: u.written(f.text, f.start),
                    value: f.value,
                    unit: f.unit,
                    magnitude: f.magnitude,
                    excerpt: strings.get(&ex),
                    anchor: u.anchor.clone(),
                    kind: f.kind,
                    scaled: f.scaled,
                    from,
                    line: u.line,
                });
            }
        }
    }
    out.stories = stories
        .into_values()
        .map(|mut v| {
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    out
}

/// Full names and, for Latin names, an uncommon first name (`Nikki`,
/// `Julio`) when no other speaker of the session shares it.
fn speaker_matcher(speakers: &[SpeakerRef], table: &Table) -> Matcher {
    let mut pats = Vec::new();
    let firsts: Vec<&str> = speakers
        .iter()
        .filter_map(|s| s.name.split(' ').next())
        .collect();
    for s in speakers {
        let Some(&id) = table.speakers.get(&normalize(&s.name)) else {
            continue;
        };
        pats.push(Pattern {
            target: id,
            text: s.name.clone(),
            exact_case: false,
        });
        if let Some((first, _)) = s.name.split_once(' ') {
            let unique = firsts.iter().filter(|f| **f == first).count() == 1;
            // `May` (Habib) is too ordinary a word to stand for a person.
            let ordinary = super::words::rank(first).is_some_and(|r| r < 3000);
            if unique && first.len() >= 3 && !ordinary {
                pats.push(Pattern {
                    target: id,
                    text: first.to_string(),
                    exact_case: true,
                });
            }
        }
    }
    Matcher::for_one_recap(&pats)
}

/// Products, companies and speakers in one unit, with their roles.
fn find_in_unit<'a>(
    u: &Unit<'a>,
    view: &View,
    cx: &Context,
    speakers: &Matcher,
    open: &mut Option<(Option<usize>, MentionRole, String)>,
    section_words: &mut SectionWords<'a>,
) -> Vec<Found> {
    let table = cx.table;
    let hits = cx.matcher.find_all_in(view, &u.text);
    let named: Vec<Named> = hits
        .iter()
        .map(|h| Named {
            start: h.start,
            end: h.end,
            is_product: table.entities[h.target].kind == EntityKind::Product,
        })
        .collect();
    let launched = if named.iter().any(|n| n.is_product) {
        launches::find(&u.text, &named)
    } else {
        launches::Found::default()
    };
    let depth = match u.place {
        Place::Point(d) => Some(d),
        Place::Entry => None,
        _ => {
            *open = None;
            None
        }
    };
    // Inherit an open launch from the bullet above.
    let mut inherited: Option<(usize, MentionRole, String)> = None;
    if let Some((od, role, verb)) = open.clone() {
        let below = match (od, depth) {
            (None, Some(_)) => true,
            (Some(o), Some(d)) => d > o,
            _ => false,
        };
        if below {
            if let Some(i) = launches::leading_product(&u.text, &named) {
                inherited = Some((i, role, verb));
            }
        } else {
            *open = None;
        }
    }
    if let Some((role, verb)) = &launched.open {
        if matches!(u.place, Place::Entry | Place::Point(_)) {
            *open = Some((depth, *role, u.written_anywhere(verb.clone())));
        }
    }
    let mut out = Vec::new();
    let mut story_role = None;
    for (i, h) in hits.iter().enumerate() {
        let e = &table.entities[h.target];
        let launch = launched
            .launches
            .binary_search_by_key(&i, |l| l.index)
            .ok()
            .map(|at| &launched.launches[at]);
        let (role, verb) = if let Some(l) = launch {
            (l.role, u.written_anywhere(l.verb.clone()))
        } else if let Some((_, r, v)) = inherited.as_ref().filter(|(j, _, _)| *j == i) {
            (*r, v.clone())
        } else if e.kind == EntityKind::Company {
            let story = *story_role.get_or_insert_with(|| story_role_of(u, section_words));
            (company_role(e.category.as_deref(), story), String::new())
        } else {
            (MentionRole::Mentioned, String::new())
        };
        out.push(Found {
            hit: *h,
            role,
            verb,
            linkable: true,
        });
        // `MiniMax M2` also names MiniMax, `Cohere Embed v3` Cohere.
        // Only a name with a space in it can start with its maker's name.
        let spaced = u.text[h.start..h.end].contains(char::is_whitespace);
        if let Some(c) = e.company.filter(|_| spaced) {
            let written = normalize(&u.text[h.start..h.end]);
            for n in &table.company_names[c] {
                if written.len() > n.len()
                    && written.starts_with(n.as_str())
                    && written[n.len()..].starts_with(' ')
                {
                    let end = h.start
                        + u.text[h.start..]
                            .char_indices()
                            .nth(n.chars().count())
                            .map_or(0, |(k, _)| k);
                    out.push(Found {
                        hit: Hit {
                            start: h.start,
                            end,
                            target: c,
                            pattern: h.pattern,
                        },
                        role: MentionRole::Mentioned,
                        verb: String::new(),
                        linkable: false,
                    });
                    break;
                }
            }
        }
    }
    // Names found so far, by start, with the furthest end up to each: a
    // speaker overlaps one when some name starting before its end ends
    // after its start.
    out.sort_by_key(|f| (f.hit.start, f.hit.end));
    let reach: Vec<usize> = out
        .iter()
        .scan(0, |furthest, f| {
            *furthest = f.hit.end.max(*furthest);
            Some(*furthest)
        })
        .collect();
    let overlaps = |h: &Hit| {
        let before_end = out.partition_point(|f| f.hit.start < h.end);
        before_end > 0 && reach[before_end - 1] > h.start
    };
    let alone: Vec<Hit> = speakers
        .find_all_in(view, &u.text)
        .into_iter()
        .filter(|h| !overlaps(h))
        .collect();
    out.extend(alone.into_iter().map(|hit| Found {
        hit,
        role: MentionRole::Mentioned,
        verb: String::new(),
        linkable: true,
    }));
    out.sort_by_key(|f| (f.hit.start, f.hit.end));
    out
}

/// What a company is doing in a sentence: its catalog kind says customer
/// or partner; for others the words around it do (`story`).
fn company_role(category: Option<&str>, story: MentionRole) -> MentionRole {
    match category {
        Some("customer") => MentionRole::CustomerStory,
        Some("partner") => MentionRole::Partner,
        Some(_) => MentionRole::Mentioned,
        None => story,
    }
}

/// Words that make an uncatalogued company's mention a customer story.
const CUSTOMER_WORDS: [&str; 4] = ["案例", "客户", "customer", "case study"];
/// Words that make it a partner's.
const PARTNER_WORDS: [&str; 2] = ["合作伙伴", "partner"];

/// The role the words of a unit and its section give an uncatalogued
/// company: a customer story, a partner, or neither. The words are looked
/// for in the section label, a space and the text, ignoring case.
fn story_role_of<'a>(u: &Unit<'a>, section_words: &mut SectionWords<'a>) -> MentionRole {
    let section = section_words.of(u.section.unwrap_or(""));
    // A word may also straddle the label's end and the text's start.
    let head = &u.text[..floor_boundary(&u.text, JOIN_BYTES)];
    let join = format!("{} {}", section.tail, head.to_lowercase());
    let (customer, partner) = story_words(&u.text);
    let (join_customer, join_partner) = story_words(&join);
    if section.customer || customer || join_customer {
        MentionRole::CustomerStory
    } else if section.partner || partner || join_partner {
        MentionRole::Partner
    } else {
        MentionRole::Mentioned
    }
}

/// Whether `text` has one of [`CUSTOMER_WORDS`], and one of
/// [`PARTNER_WORDS`], in any case. No letter outside ASCII lower-cases
/// to a letter of these words, so ASCII case is enough, and the text
/// need not be lower-cased (which was most of this check's time).
fn story_words(text: &str) -> (bool, bool) {
    static WORDS: OnceLock<AhoCorasick> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(CUSTOMER_WORDS.iter().chain(&PARTNER_WORDS))
            .expect("plain words")
    });
    let (mut customer, mut partner) = (false, false);
    for m in words.find_overlapping_iter(text) {
        if m.pattern().as_usize() < CUSTOMER_WORDS.len() {
            customer = true;
        } else {
            partner = true;
        }
    }
    (customer, partner)
}

/// Bytes on each side of the label–text join that a word can reach: more
/// than the longest word.
const JOIN_BYTES: usize = 16;

/// The largest char boundary of `s` at or below `at`.
fn floor_boundary(s: &str, at: usize) -> usize {
    (0..=at.min(s.len()))
        .rev()
        .find(|&i| s.is_char_boundary(i))
        .unwrap_or(0)
}

/// What [`story_role_of`] needs of a section label, worked out once for
/// the units that share it: a flat timeline's label is its entry's whole
/// text, and lower-casing it for each point under it took minutes for a
/// megabyte-long entry.
#[derive(Default)]
struct SectionWords<'a>(Option<(&'a str, LabelWords)>);

struct LabelWords {
    customer: bool,
    partner: bool,
    /// The lower-cased label's last [`JOIN_BYTES`] or so.
    tail: String,
}

impl<'a> SectionWords<'a> {
    fn of(&mut self, label: &'a str) -> &LabelWords {
        if !matches!(&self.0, Some((last, _)) if std::ptr::eq(*last, label)) {
            let lower = simplified(label).to_lowercase();
            let cut = lower.len().saturating_sub(JOIN_BYTES);
            let cut = (cut..=lower.len())
                .find(|&i| lower.is_char_boundary(i))
                .unwrap_or(lower.len());
            let words = LabelWords {
                customer: CUSTOMER_WORDS.iter().any(|w| lower.contains(w)),
                partner: PARTNER_WORDS.iter().any(|w| lower.contains(w)),
                tail: lower[cut..].to_string(),
            };
            self.0 = Some((label, words));
        }
        &self.0.as_ref().expect("set above").1
    }
}

fn mention(
    u: &Unit,
    section: Option<ArcStr>,
    start: usize,
    end: usize,
    role: MentionRole,
    session: usize,
    strings: &mut Interner,
) -> Mention {
    let (ex, (from, to)) = excerpt_then(u.shown, u.then, start, end);
    // 32-bit: a recap is at most a few megabytes, a site far fewer than
    // 4 billion sessions.
    Mention {
        session: session as u32,
        anchor: u.anchor.clone(),
        section,
        excerpt: strings.get(&ex),
        highlight: (from as u32, to as u32),
        role,
        line: u.line as u32,
        in_title: u.place == Place::Title,
    }
}

/// One shared copy of each excerpt and section label of a session: a
/// sentence that names a product, a company and a figure is one string,
/// not three (on a big site, hundreds of megabytes).
#[derive(Default)]
struct Interner(FxHashSet<ArcStr>);

/// The section label of the units last seen, without `**`, interned once
/// for all of them: a flat timeline's label is its entry's whole text, and
/// a long entry with many points would otherwise be hashed once per point.
#[derive(Default)]
struct SectionLabel<'a>(Option<(&'a str, ArcStr)>);

impl<'a> SectionLabel<'a> {
    fn get(&mut self, section: &'a str, strings: &mut Interner) -> ArcStr {
        match &self.0 {
            Some((last, interned)) if std::ptr::eq(*last, section) => interned.clone(),
            _ => {
                // A label is shown as plain text: `**` would show as is.
                let interned = strings.get(&crate::bytescan::without_bold(section));
                self.0 = Some((section, interned.clone()));
                interned
            }
        }
    }
}

impl Interner {
    fn get(&mut self, s: &str) -> ArcStr {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: ArcStr = ArcStr::from(s);
        self.0.insert(a.clone());
        a
    }
}

#[cfg(test)]
mod tests;
