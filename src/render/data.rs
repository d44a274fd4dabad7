//! `data/site.json`: the enriched model, machine-readable.
//!
//! This is a public interface (see DESIGN.md, "The data export contract"):
//! fields may be added, never renamed or removed without bumping
//! [`VERSION`]. To add a top-level list (products, companies, speakers,
//! announcements, numbers), add a field to [`SiteData`] and fill it in
//! [`site_data`]; serde writes fields in declaration order, so the output
//! stays byte-for-byte stable.

use super::session::session_url;
use crate::enrich::Site;
use crate::model::{End, Seconds, Session, SpeakerRef, Title};
use serde::Serialize;

/// Bumped on any incompatible change of the shape below.
pub const VERSION: u32 = 1;

/// Where the export goes in the output folder.
pub const DATA_PATH: &str = "data/site.json";

#[derive(Serialize)]
pub struct SiteData<'a> {
    pub version: u32,
    pub site: SiteMeta<'a>,
    pub sessions: Vec<SessionData<'a>>,
    /// `products`, `companies`, `speakers`, `topics`, `announcements`,
    /// `numbers` (see `entities_data.rs`).
    #[serde(flatten)]
    pub entities: super::entities_data::Export<'a>,
}

#[derive(Serialize)]
pub struct SiteMeta<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub language: &'a str,
}

#[derive(Serialize)]
pub struct SessionData<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub title_parts: TitleParts<'a>,
    /// Root-relative: `/sessions/<slug>/`.
    pub url: String,
    /// The recap file, relative to the seeds folder.
    pub source: &'a str,
    pub date: Option<&'a str>,
    pub track: Option<&'a str>,
    pub video_url: Option<&'a str>,
    pub speakers: &'a [SpeakerRef],
    pub duration_s: Option<Seconds>,
    /// `14:00` when the timeline was written in times of day: the time of
    /// day of `start_s` 0.
    pub clock_start: Option<String>,
    pub overview: Vec<&'a str>,
    /// The parts the recap has no slot for (`## 背景`, `## 总结`), a
    /// paragraph each, as written: a part's heading is its `## …` line.
    pub extra: Vec<&'a str>,
    pub key_themes: &'a [String],
    pub note: Option<&'a str>,
    pub timeline: Vec<TimelineEntryData<'a>>,
    /// Names of the products, companies and topics the session mentions.
    pub products: Vec<&'a str>,
    pub companies: Vec<&'a str>,
    pub topics: Vec<&'a str>,
    /// The images the session shows, in the order they first appear:
    /// `{ alt, src }`, `src` a site path (`/media/recaps/…`) or a web
    /// address. Images that cannot be shown are not listed.
    pub images: Vec<crate::media::ShownImage>,
    /// The recap's footnotes (`[^1]: …`), in the order their numbers
    /// show: `{ number, label, text, anchor, url }`, `anchor` the id of
    /// the note on the session page (`fn-1`).
    pub footnotes: Vec<FootnoteData<'a>>,
}

#[derive(Serialize)]
pub struct FootnoteData<'a> {
    pub number: usize,
    /// As written: `note` in `[^note]`.
    pub label: &'a str,
    pub text: &'a str,
    pub anchor: String,
    pub url: String,
}

#[derive(Serialize)]
pub struct TitleParts<'a> {
    pub conference: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub topic: &'a str,
}

impl<'a> From<&'a Title> for TitleParts<'a> {
    fn from(t: &'a Title) -> Self {
        TitleParts {
            conference: t.conference.as_deref(),
            kind: t.kind.as_deref(),
            topic: &t.topic,
        }
    }
}

/// One timeline entry, flattened out of its section.
#[derive(Serialize)]
pub struct TimelineEntryData<'a> {
    /// The part of the talk the entry is in (`第一部分：新功能`), if the
    /// recap groups its sections in parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<&'a str>,
    /// The heading of the section the entry is in, if it has one.
    pub section: Option<&'a str>,
    pub start_s: Option<Seconds>,
    /// The end as a time; for `结束` the session's duration.
    pub end_s: Option<Seconds>,
    /// `"close"` when the recap says the entry runs to the end (`结束`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<&'static str>,
    /// The entry's text.
    pub heading: &'a str,
    pub points: Vec<PointData<'a>>,
    /// The fragment id on the session page: `/sessions/<slug>/#<anchor>`.
    pub anchor: &'a str,
    /// The entry's root-relative URL, `/sessions/<slug>/#<anchor>`.
    pub url: String,
}

#[derive(Serialize)]
pub struct PointData<'a> {
    pub text: &'a str,
    /// 0 for a top-level bullet, 1 for a nested one, …
    pub depth: usize,
    pub time_s: Option<Seconds>,
    /// Where a timed bullet's range ends (only when it gives one); for
    /// `结束` the session's duration, as for entries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_s: Option<Seconds>,
    /// A paragraph under a timeline heading, not a bullet (only when so).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub prose: bool,
    /// A quoted line, not a bullet (only when so).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quote: bool,
}

/// An end as a time: `结束` is the session's `duration`.
fn end_seconds(end: Option<End>, duration: Option<Seconds>) -> Option<Seconds> {
    match end? {
        End::At(t) => Some(t),
        End::Close => duration,
    }
}

/// The export's data, borrowed from the site.
pub fn site_data(site: &Site) -> SiteData<'_> {
    let c = &site.config;
    SiteData {
        version: VERSION,
        site: SiteMeta {
            title: &c.title,
            description: &c.description,
            base_url: c.base(),
            language: &c.language,
        },
        sessions: site
            .sessions
            .iter()
            .enumerate()
            .map(|(i, s)| session_data(site, i, s))
            .collect(),
        entities: super::entities_data::export(site),
    }
}

/// `data/site.json`, compact: it is read by programs, and on a large site
/// indentation alone is a third of its size (`jq .` pretty-prints it).
pub fn site_json(site: &Site) -> anyhow::Result<Vec<u8>> {
    let mut bytes = crate::json::to_vec(&site_data(site))?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The same bytes as [`site_json`], streamed to `w`: on a 10,000-session
/// site the export is hundreds of megabytes, too much to hold in memory
/// beside the pages. The lists are serialised in parallel, a batch of
/// items at a time, and written in order.
pub fn write_site_json(site: &Site, w: impl std::io::Write) -> anyhow::Result<()> {
    use super::entities_data::{announcement_data, entity_data, numbers_data};
    use crate::enrich::EntityKind;
    use std::io::Write as _;
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    let c = &site.config;
    w.write_all(format!("{{\"version\":{VERSION},\"site\":").as_bytes())?;
    let meta = SiteMeta {
        title: &c.title,
        description: &c.description,
        base_url: c.base(),
        language: &c.language,
    };
    crate::json::to_writer(&mut w, &meta)?;
    w.write_all(b",\"sessions\":")?;
    write_list(
        &mut w,
        site.sessions.len(),
        |_| 1,
        |i, buf| crate::json::to_writer(buf, &session_data(site, i, &site.sessions[i])),
    )?;
    for (key, kind) in [
        ("products", EntityKind::Product),
        ("companies", EntityKind::Company),
        ("speakers", EntityKind::Speaker),
        ("topics", EntityKind::Topic),
    ] {
        let of: Vec<usize> = site.entities_of(kind).map(|(i, _)| i).collect();
        w.write_all(format!(",\"{key}\":").as_bytes())?;
        write_list(
            &mut w,
            of.len(),
            |i| site.entities[of[i]].mentions.len(),
            |i, buf| crate::json::to_writer(buf, &entity_data(site, &site.entities[of[i]])),
        )?;
    }
    w.write_all(b",\"announcements\":")?;
    write_list(
        &mut w,
        site.announcements.len(),
        |_| 1,
        |i, buf| crate::json::to_writer(buf, &announcement_data(site, &site.announcements[i])),
    )?;
    // One item per session: its figures, comma-separated (maybe none).
    w.write_all(b",\"numbers\":")?;
    write_list(
        &mut w,
        site.info.len(),
        |i| site.info[i].numbers.len(),
        |i, buf| {
            for (j, n) in numbers_data(site, i).enumerate() {
                if j > 0 {
                    buf.write_all(b",").map_err(serde_json::Error::io)?;
                }
                crate::json::to_writer(&mut *buf, &n)?;
            }
            Ok(())
        },
    )?;
    w.write_all(b"}\n")?;
    w.flush()?;
    Ok(())
}

/// Write `[item0,item1,…]`, where `item(i, buf)` appends the JSON of item
/// `i` to `buf` (nothing, for an item with no elements). Items are made in
/// parallel a batch at a time, and a batch is held whole before it is
/// written, so batches are kept small by `weight(i)`: about how many
/// excerpts item `i` holds. An item heavier than a batch (a product named
/// in most sessions of a big site is tens of megabytes of JSON) is made
/// alone and goes on to `w` as it is made, a megabyte at a time.
fn write_list(
    w: &mut impl std::io::Write,
    n: usize,
    weight: impl Fn(usize) -> usize,
    item: impl Fn(usize, &mut ItemBuf) -> serde_json::Result<()> + Sync,
) -> anyhow::Result<()> {
    use rayon::prelude::*;
    const MOST_ITEMS: usize = 32;
    const MOST_WEIGHT: usize = 16_384;
    w.write_all(b"[")?;
    let mut first = true;
    // Kept from batch to batch: fresh buffers for every item cost the
    // kernel a page fault for each page they grow into.
    let mut bufs: Vec<Vec<u8>> = Vec::new();
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        let mut total = weight(start);
        while end < n && end - start < MOST_ITEMS && total + weight(end) <= MOST_WEIGHT {
            total += weight(end);
            end += 1;
        }
        if total > MOST_WEIGHT {
            let mut out = ItemBuf::streaming(&mut *w, !first);
            item(start, &mut out)?;
            first &= !out.finish()?;
            start = end;
            continue;
        }
        bufs.resize_with(bufs.len().max(end - start), Vec::new);
        bufs[..end - start]
            .par_iter_mut()
            .enumerate()
            .try_for_each(|(k, bytes)| {
                bytes.clear();
                let mut buf = ItemBuf {
                    bytes: std::mem::take(bytes),
                    ..ItemBuf::default()
                };
                let made = item(start + k, &mut buf);
                *bytes = buf.bytes;
                made
            })?;
        for bytes in &mut bufs[..end - start] {
            if !bytes.is_empty() {
                if !first {
                    w.write_all(b",")?;
                }
                first = false;
                w.write_all(bytes)?;
            }
            if bytes.capacity() > ItemBuf::SPILL {
                *bytes = Vec::new();
            }
        }
        start = end;
    }
    w.write_all(b"]")?;
    Ok(())
}

/// Where one item of a [`write_list`] is written: a buffer, or, for an
/// item made alone, a buffer that goes on to the list's writer each time
/// it holds [`ItemBuf::SPILL`] bytes.
#[derive(Default)]
struct ItemBuf<'w> {
    bytes: Vec<u8>,
    out: Option<&'w mut dyn std::io::Write>,
    /// Whether a comma goes before the item's first byte.
    comma: bool,
    /// Whether some of the item went on already.
    started: bool,
}

impl<'w> ItemBuf<'w> {
    const SPILL: usize = 1 << 20;

    fn streaming(out: &'w mut dyn std::io::Write, comma: bool) -> Self {
        ItemBuf {
            bytes: Vec::with_capacity(Self::SPILL + (Self::SPILL >> 3)),
            out: Some(out),
            comma,
            started: false,
        }
    }

    fn spill(&mut self) -> std::io::Result<()> {
        let Some(out) = self.out.as_mut() else {
            return Ok(());
        };
        if !self.started && self.comma {
            out.write_all(b",")?;
        }
        self.started = true;
        out.write_all(&self.bytes)?;
        self.bytes.clear();
        Ok(())
    }

    /// Write out what is left; whether the item had any bytes at all.
    fn finish(mut self) -> std::io::Result<bool> {
        if !self.bytes.is_empty() {
            self.spill()?;
        }
        Ok(self.started)
    }
}

impl std::io::Write for ItemBuf<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.write_all(b)?;
        Ok(b.len())
    }

    #[inline]
    fn write_all(&mut self, b: &[u8]) -> std::io::Result<()> {
        self.bytes.extend_from_slice(b);
        if self.bytes.len() >= Self::SPILL && self.out.is_some() {
            self.spill()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn session_data<'a>(site: &'a Site, i: usize, s: &'a Session) -> SessionData<'a> {
    let duration = s.duration();
    let info = site.info.get(i);
    let names = |pick: fn(&crate::enrich::SessionInfo) -> &Vec<crate::enrich::EntityRef>| {
        info.map(|inf| pick(inf).iter().map(|e| e.name.as_str()).collect())
            .unwrap_or_default()
    };
    let page = session_url(s);
    let timeline = s
        .timeline
        .iter()
        .flat_map(|sec| sec.entries.iter().map(move |e| (sec, e)))
        .map(|(sec, e)| {
            let end_s = end_seconds(e.end, duration);
            let end = matches!(e.end, Some(End::Close)).then_some("close");
            TimelineEntryData {
                part: sec.part.as_deref(),
                section: sec.heading.as_deref(),
                start_s: e.start,
                end_s,
                end,
                heading: &e.text,
                points: e
                    .points
                    .iter()
                    .map(|p| PointData {
                        text: &p.text,
                        depth: p.depth,
                        time_s: p.time,
                        end_s: end_seconds(p.end, duration),
                        prose: p.prose,
                        quote: p.quote,
                    })
                    .collect(),
                anchor: &e.anchor,
                url: format!("{page}#{}", e.anchor),
            }
        })
        .collect();
    let footnotes = s
        .footnotes
        .iter()
        .map(|n| {
            let anchor = crate::footnotes::anchor(n.number);
            FootnoteData {
                number: n.number,
                label: &n.label,
                text: &n.text,
                url: format!("{page}#{anchor}"),
                anchor,
            }
        })
        .collect();
    SessionData {
        slug: &s.slug,
        title: &s.title.full,
        title_parts: (&s.title).into(),
        url: page,
        source: &s.source,
        date: s.date.as_deref(),
        track: s.track.as_deref(),
        video_url: s.video_url.as_deref(),
        speakers: &s.speakers,
        duration_s: duration,
        clock_start: s.clock_start.map(super::clock::time_of_day),
        overview: s.overview.iter().map(|p| p.text.as_str()).collect(),
        extra: s.extra.iter().map(|p| p.text.as_str()).collect(),
        key_themes: &s.key_themes,
        note: s.note.as_ref().map(|n| n.text.as_str()),
        timeline,
        products: names(|x| &x.products),
        companies: names(|x| &x.companies),
        topics: names(|x| &x.topics),
        images: crate::media::shown_in(site, s),
        footnotes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::SiteConfig;
    use crate::enrich::{enrich, Catalog};
    use crate::parse::{recap::parse_recap, Corpus};

    const RECAP: &str = "# Conf 2025 分会场总结：测试\n\n## 会议概述\n\n概述。\n\n## 时间线\n\n\
        ### 开场 (00:00 - 05:30)\n00:00 - 01:15 - 会议开场\n- 欢迎\n\n\
        ### 结尾\n42:00 - 结束 - 回顾\n- 谢谢\n";

    fn site() -> Site {
        let session = parse_recap("a.txt", RECAP).session;
        let corpus = Corpus {
            sessions: vec![session],
            ..Default::default()
        };
        enrich(corpus, Catalog::default(), SiteConfig::default())
    }

    #[test]
    fn timeline_entries_are_flattened_with_sections_and_ends() {
        let site = site();
        let json: serde_json::Value = serde_json::from_slice(&site_json(&site).unwrap()).unwrap();
        assert_eq!(json["version"], 1);
        let s = &json["sessions"][0];
        assert_eq!(s["source"], "a.txt");
        assert_eq!(s["title_parts"]["topic"], "测试");
        assert_eq!(s["duration_s"], 2520);
        let tl = s["timeline"].as_array().unwrap();
        assert_eq!(tl.len(), 2);
        assert_eq!(tl[0]["section"], "开场");
        assert_eq!(tl[0]["start_s"], 0);
        assert_eq!(tl[0]["end_s"], 75);
        assert!(tl[0].get("end").is_none());
        assert_eq!(tl[0]["heading"], "会议开场");
        assert_eq!(tl[0]["points"][0]["text"], "欢迎");
        assert_eq!(tl[0]["anchor"], "t-0m00s");
        assert_eq!(
            tl[0]["url"],
            format!("{}#t-0m00s", s["url"].as_str().unwrap())
        );
        // `结束`: the end is the session's length, and says so.
        assert_eq!(tl[1]["end_s"], 2520);
        assert_eq!(tl[1]["end"], "close");
        assert!(s["products"].as_array().is_some());
    }

    #[test]
    fn an_entry_in_a_part_says_which() {
        let recap = "# T\n\n## 时间线\n\n### 第一部分\n\n#### 00:00 开场\n- 欢迎\n\n### 10:00 问答\n- 提问\n";
        let corpus = Corpus {
            sessions: vec![parse_recap("a.txt", recap).session],
            ..Default::default()
        };
        let site = enrich(corpus, Catalog::default(), SiteConfig::default());
        let json: serde_json::Value = serde_json::from_slice(&site_json(&site).unwrap()).unwrap();
        let tl = json["sessions"][0]["timeline"].as_array().unwrap();
        assert_eq!(tl[0]["part"], "第一部分");
        assert_eq!(tl[0]["section"], "开场");
        assert!(tl[1].get("part").is_none());
    }

    #[test]
    fn streamed_export_is_the_same_bytes() {
        let recap = "# Conf 2025 分会场总结：测试\n\n## 会议概述\n\nAcme 发布了 Widget，客户 Beta 增长 98%。\n\n\
            ## 时间线\n\n00:00 - 01:15 - 开场\n- Widget 延迟降低 40%\n";
        let catalog = Catalog::parse(
            "[[product]]\nname = \"Widget\"\nkind = \"service\"\n\n\
             [[company]]\nname = \"Acme\"\nkind = \"vendor\"\n\n\
             [[company]]\nname = \"Beta\"\nkind = \"customer\"\n",
            "catalog.toml",
        );
        let sessions = ["a.txt", "b.txt", "c.txt"]
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut s = parse_recap(f, recap).session;
                s.slug = format!("s{i}");
                s
            })
            .collect();
        let corpus = Corpus {
            sessions,
            ..Default::default()
        };
        let site = enrich(corpus, catalog, SiteConfig::default());
        assert!(site.entities.len() >= 3 && !site.announcements.is_empty());
        assert!(site.info.iter().all(|i| !i.numbers.is_empty()));
        let mut streamed = Vec::new();
        write_site_json(&site, &mut streamed).unwrap();
        assert_eq!(streamed, site_json(&site).unwrap());
    }

    #[test]
    fn export_is_deterministic() {
        assert_eq!(site_json(&site()).unwrap(), site_json(&site()).unwrap());
    }

    #[test]
    fn lists_are_the_same_whatever_the_batches() {
        let list = |weight: fn(usize) -> usize| {
            let mut out = Vec::new();
            write_list(&mut out, 100, weight, |i, buf| {
                use std::io::Write as _;
                if i % 7 != 3 {
                    buf.write_all(i.to_string().as_bytes()).unwrap();
                }
                // Larger than a buffer is let grow to, for the items made alone.
                if i % 10 == 9 {
                    buf.write_all(&[b' '; 3 << 19]).unwrap();
                }
                Ok(())
            })
            .unwrap();
            String::from_utf8(out).unwrap()
        };
        let spaces = " ".repeat(3 << 19);
        let expected: Vec<String> = (0..100)
            .filter(|i| i % 7 != 3 || i % 10 == 9)
            .map(|i| {
                let n = if i % 7 != 3 {
                    i.to_string()
                } else {
                    String::new()
                };
                if i % 10 == 9 {
                    n + &spaces
                } else {
                    n
                }
            })
            .collect();
        let expected = format!("[{}]", expected.join(","));
        assert_eq!(list(|_| 1), expected);
        // Heavier than a batch on their own, and uneven.
        assert_eq!(list(|i| i * 1000), expected);
        assert_eq!(list(|_| 1_000_000), expected);
    }
}
