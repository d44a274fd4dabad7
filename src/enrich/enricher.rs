//! Enrichment with memory: [`Enricher`] keeps what each step learnt about
//! each session, so that after an edit only the edited sessions are
//! scanned again and their share of the [`Site`] is redone in place.
//!
//! The steps (see [`super::enrich`]): a first pass per session (speakers,
//! discovery sightings) → one global decision on discovered names → the
//! entity table → the main pass per session (mentions, links, numbers) →
//! the merge. An edit redoes the first pass of the edited sessions. When
//! the entity table comes out the same (same accepted names, speakers and
//! footer themes), the other sessions' scans still hold, so only the
//! edited sessions are scanned and patched in ([`super::patch`]). Anything
//! else (a new name discovered, a new speaker, an entity page appearing or
//! going) runs the whole pipeline again, from the same sessions. Either
//! way the site is the one [`Enricher::new`] makes from the edited corpus.

use super::assemble::{self, Memory};
use super::candidates::{count_candidates, recount_candidates, same_but_lines, shift_lines};
use super::discover::{self, Discovered, Sighting};
use super::graph::Table;
use super::matcher::{self, Matcher};
use super::{patch, scan, Catalog, Entity, SessionLinks, Site};
use crate::config::SiteConfig;
use crate::diagnostics::Diagnostic;
use crate::model::{Page, Session, SpeakerRef};
use crate::parse::Corpus;
use rayon::prelude::*;
use std::borrow::Borrow;
use std::collections::BTreeSet;
use std::sync::Arc;

/// The enriched site and what it took to make it.
#[derive(Clone)]
pub struct Enricher {
    catalog: Catalog,
    config: SiteConfig,
    site: Site,
    /// The catalog alone: the names the first pass matches against, and
    /// the topic keywords of both passes.
    base: CatalogTable,
    /// The complete table the main pass ran against.
    table: Table,
    matcher: Matcher,
    /// Per session: its file and discovery sightings.
    sightings: Vec<(String, Vec<Sighting>)>,
    /// Per session: front matter speakers, else those found in the prose.
    speakers: Vec<Vec<SpeakerRef>>,
    /// Per session: its speakers' entities.
    speaker_ids: Vec<Vec<usize>>,
    accepted: Vec<Discovered>,
    memory: Memory,
}

/// What [`Enricher::update`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// Only these sessions were scanned again (indexes into
    /// `Site::sessions`).
    Sessions(Vec<usize>),
    /// The edit changed the entity table, so everything was redone.
    Everything,
}

impl Enricher {
    /// Find every entity, mention, launch and figure, and link them up
    /// (see [`super::enrich`]).
    pub fn new(corpus: Corpus, catalog: Catalog, config: SiteConfig) -> Enricher {
        let base = CatalogTable::new(&catalog, 0);
        Enricher::with_catalog_table(corpus, catalog, base, config)
    }

    /// [`Enricher::new`] with the catalog's table already made (from the
    /// same catalog), as a build makes it while the recaps are parsed.
    pub fn with_catalog_table(
        corpus: Corpus,
        catalog: Catalog,
        base: CatalogTable,
        config: SiteConfig,
    ) -> Enricher {
        let mut diagnostics = corpus.diagnostics;
        diagnostics.extend(catalog.diagnostics.iter().cloned());
        diagnostics.extend(config.diagnostics());
        let mut sessions = corpus.sessions;

        let pre: Vec<scan::Prepass> = sessions
            .par_iter()
            .enumerate()
            .map(|(i, s)| scan::prepass(i, s, &base.table, &base.matcher))
            .collect();
        type Split = (Vec<Vec<SpeakerRef>>, Vec<(String, Vec<Sighting>)>);
        let (speakers, sightings): Split = pre
            .into_iter()
            .zip(&sessions)
            .map(|(p, s)| (p.speakers, (s.source.clone(), p.sightings)))
            .unzip();
        let decision = discover::decide(
            &sightings,
            &catalog.curation,
            &events(&sessions),
            &people(&speakers),
        );
        let (table, matcher) = complete_table(&base, &decision.accepted, &speakers, &sessions);

        let cx = scan::Context {
            table: &table,
            matcher: &matcher,
            topics: &base.topics,
            cross_links: config.cross_links,
        };
        let speaker_ids: Vec<Vec<usize>> =
            speakers.iter().map(|l| speaker_ids(&table, l)).collect();
        // Scanned in parallel a batch at a time, each batch merged while
        // the next one is scanned: every session's scan at once would be
        // hundreds of megabytes more at the build's peak, and the merge,
        // which must go in session order, left a core idle while it ran
        // (2.3 s of a 10,000-session enrichment's 9.8 s, before the huge
        // pages went).
        const BATCH: usize = 256;
        let n = sessions.len();
        let mut assembler = assemble::Assembler::new(&table, &speaker_ids);
        let mut scanned: Vec<scan::SessionScan> = Vec::new();
        for from in (0..n).step_by(BATCH).chain([n]) {
            let to = n.min(from + BATCH);
            let (next, ()) = rayon::join(
                || {
                    (from..to)
                        .into_par_iter()
                        .map(|i| scan::scan(i, &sessions[i], &speakers[i], &cx))
                        .collect()
                },
                || scanned.drain(..).for_each(|s| assembler.add(s)),
            );
            scanned = next;
        }
        let (assembled, session_links, memory) = assembler.finish();

        let links = session_links
            .into_iter()
            .map(|l| Arc::new(SessionLinks::new(l)))
            .collect();
        // The speakers the recap names, or those its front matter names,
        // as read there (`Andy Jassy (CEO, Amazon)`).
        for (s, found) in sessions.iter_mut().zip(&speakers) {
            s.speakers.clone_from(found);
        }
        let sessions: Vec<Arc<Session>> = sessions.into_iter().map(Arc::new).collect();
        let entities: Vec<Arc<Entity>> = assembled.entities.into_iter().map(Arc::new).collect();
        let mut candidates = decision.candidates;
        count_candidates(&mut candidates, &entities, &sessions);
        Enricher {
            site: Site {
                config: config.clone(),
                sessions,
                info: assembled.info.into_iter().map(Arc::new).collect(),
                links,
                pages: corpus.pages,
                diagnostics,
                entities,
                announcements: assembled.announcements,
                candidates,
            },
            catalog,
            config,
            base,
            table,
            matcher,
            sightings,
            speakers,
            speaker_ids,
            accepted: decision.accepted,
            memory,
        }
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    pub fn into_site(self) -> Site {
        self.site
    }

    /// What the main pass scans against.
    fn scan_context(&self) -> scan::Context<'_> {
        scan::Context {
            table: &self.table,
            matcher: &self.matcher,
            topics: &self.base.topics,
            cross_links: self.config.cross_links,
        }
    }

    /// Scan the first session again and drop what is found. Every thread
    /// keeps its own lazily built automata for the patterns, and its first
    /// scans build them: 30–60 ms for one session on the first edit that
    /// `recap serve` handles, on a thread the build never used. Serve
    /// calls this on that thread once, before any edit.
    pub fn warm_up_thread(&self) {
        let Some(s) = self.site.sessions.first() else {
            return;
        };
        let p = scan::prepass(0, s, &self.base.table, &self.base.matcher);
        let cx = self.scan_context();
        scan::scan(0, s, &p.speakers, &cx);
    }

    /// The site after `edits`: each replaces the session at an index by a
    /// new parse of the same file, with its final slug (which must be the
    /// slug the corpus would give it; other sessions' slugs are unchanged).
    /// `diagnostics` and `pages` are the new corpus's. Returns the sessions
    /// scanned again, or `None`, with nothing changed, when the edits
    /// change the entity table or which entities have pages: the corpus
    /// must then be enriched from scratch ([`Enricher::new`]). Serve does
    /// that off the lock its requests read the model through, so it must
    /// not happen in here.
    pub fn update(
        &mut self,
        edits: Vec<(usize, Session)>,
        diagnostics: Vec<Diagnostic>,
        pages: Vec<Page>,
    ) -> Option<Vec<usize>> {
        let pre: Vec<(usize, Session, scan::Prepass)> = edits
            .into_par_iter()
            .map(|(i, s)| {
                let p = scan::prepass(i, &s, &self.base.table, &self.base.matcher);
                (i, s, p)
            })
            .collect();
        let same_table = pre.iter().all(|(i, s, p)| {
            let old = &self.site.sessions[*i];
            p.speakers == self.speakers[*i]
                && s.key_themes == old.key_themes
                && s.title.conference == old.title.conference
        });
        if !same_table {
            return None;
        }
        let lines_only = pre
            .iter()
            .all(|(i, _, p)| same_but_lines(&self.sightings[*i].1, &p.sightings));
        // New names may be said: decide again over every session, with the
        // new sightings in place (and the old ones kept to put back).
        let mut decided = None;
        let mut before = Vec::new();
        if !lines_only {
            for (i, _, p) in &pre {
                let old = std::mem::replace(&mut self.sightings[*i].1, p.sightings.clone());
                before.push((*i, old));
            }
            let d = discover::decide(
                &self.sightings,
                &self.catalog.curation,
                &events(&self.site.sessions),
                &people(&self.speakers),
            );
            decided = Some(d);
        }
        let cx = self.scan_context();
        let scans: Vec<(usize, Session, scan::Prepass, patch::Input)> = pre
            .into_par_iter()
            .map(|(i, s, p)| {
                let mut found = scan::scan(i, &s, &p.speakers, &cx);
                let (info, weights) =
                    assemble::session_info(&self.table.entities, &mut found, &self.speaker_ids[i]);
                (i, s, p, (found, info, weights))
            })
            .collect();
        let weights: Vec<(usize, &[(usize, f64)])> = scans
            .iter()
            .map(|(i, _, _, input)| (*i, input.2.as_slice()))
            .collect();
        let accepted_same = decided.as_ref().is_none_or(|d| d.accepted == self.accepted);
        if !accepted_same || !patch::fits_all(&self.site, &self.memory, &weights) {
            for (i, old) in before {
                self.sightings[i].1 = old;
            }
            return None;
        }
        let all_candidates = decided.is_some();
        match decided {
            Some(d) => self.site.candidates = d.candidates,
            None => {
                for (i, _, p, _) in &scans {
                    let (file, old) = &self.sightings[*i];
                    shift_lines(&mut self.site.candidates, file, old, &p.sightings);
                }
            }
        }

        let mut edited = Vec::new();
        let mut related = BTreeSet::new();
        let mut mentioned = BTreeSet::new();
        for (i, mut s, p, input) in scans {
            let applied = patch::apply(&mut self.site, &self.table, &mut self.memory, i, input);
            related.extend(applied.related);
            mentioned.extend(applied.mentioned);
            s.speakers.clone_from(&p.speakers);
            self.site.sessions[i] = Arc::new(s);
            self.sightings[i].1 = p.sightings;
            edited.push(i);
        }
        patch::related_again(&mut self.site, &self.memory, &related);
        // Candidates decided again are counted afresh; otherwise only the
        // pages the edits changed can count differently.
        let site = &mut self.site;
        if all_candidates {
            count_candidates(&mut site.candidates, &site.entities, &site.sessions);
        } else {
            recount_candidates(
                &mut site.candidates,
                &site.entities,
                &site.sessions,
                mentioned,
            );
        }
        self.site.pages = pages;
        self.site.diagnostics = diagnostics;
        self.site
            .diagnostics
            .extend(self.catalog.diagnostics.iter().cloned());
        self.site.diagnostics.extend(self.config.diagnostics());
        edited.sort_unstable();
        Some(edited)
    }
}

/// Conference names from titles: never companies or products.
fn events<S: Borrow<Session>>(sessions: &[S]) -> Vec<String> {
    sessions
        .iter()
        .filter_map(|s| s.borrow().title.conference.clone())
        .collect()
}

/// Every session's speakers' names, each once.
fn people(speakers: &[Vec<SpeakerRef>]) -> Vec<&str> {
    let mut names: Vec<&str> = speakers.iter().flatten().map(|s| s.name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// What the catalog alone gives: its products, companies and topics, and
/// the matchers of their names and of the topic keywords. It needs nothing
/// from the recaps, so a build makes it while they are parsed.
#[derive(Clone)]
pub struct CatalogTable {
    table: Table,
    matcher: Matcher,
    topics: Matcher,
}

impl CatalogTable {
    /// `text_bytes`: about how much recap text the matchers will search
    /// (see [`Matcher::for_text`]).
    pub fn new(catalog: &Catalog, text_bytes: usize) -> CatalogTable {
        let table = Table::from_catalog(catalog);
        let (matcher, topics) = rayon::join(
            || Matcher::for_text(&table.patterns, text_bytes),
            || Matcher::for_text(&table.topic_patterns, text_bytes),
        );
        CatalogTable {
            table,
            matcher,
            topics,
        }
    }
}

/// The catalog plus discovered names, speakers and footer topics, with the
/// matcher of all the names the main pass uses.
fn complete_table(
    base: &CatalogTable,
    accepted: &[Discovered],
    speakers: &[Vec<SpeakerRef>],
    sessions: &[Session],
) -> (Table, Matcher) {
    let mut table = base.table.clone();
    table.add_discovered(accepted);
    // The names are final once discovered ones are in (speakers and topics
    // are not matched by name), so their matcher compiles while the rest
    // of the table is made.
    let patterns = std::mem::take(&mut table.patterns);
    let (matcher, ()) = rayon::join(
        || {
            // On a small site discovery often adds no name: the catalog's
            // matcher is then this one, and building it again would cost a
            // few milliseconds for a few hundred names.
            if patterns == base.table.patterns {
                base.matcher.clone()
            } else {
                Matcher::new_like(&patterns, &base.matcher)
            }
        },
        || {
            table.add_speakers(speakers);
            let themes: Vec<&str> = sessions
                .iter()
                .flat_map(|s| s.key_themes.iter().map(String::as_str))
                .collect();
            table.add_footer_topics(&themes, &base.topics);
        },
    );
    table.patterns = patterns;
    table.seal();
    (table, matcher)
}

/// The speaker entities of one session's speakers, each once.
fn speaker_ids(table: &Table, list: &[SpeakerRef]) -> Vec<usize> {
    let mut ids: Vec<usize> = Vec::new();
    for s in list {
        if let Some(&id) = table.speakers.get(&matcher::normalize(&s.name)) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

#[cfg(test)]
mod tests;
