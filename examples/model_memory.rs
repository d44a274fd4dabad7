//! Where a build's memory goes: live bytes after each stage, and what each
//! part of the enriched model holds.
//!
//!     cargo run --release --example model_memory -- target/bench/corpus10000
//!
//! Run it from the repository root (it reads `content/` and
//! `themes/default`). With `RENDER=1` it also renders the site (pages go
//! nowhere) and the data export, and reports their peaks. Live bytes are
//! what the program asked for; the process's RSS (also shown) is higher by
//! the allocator's overhead and fragmentation.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// mimalloc, as the `recap` binary uses, counting live and peak bytes.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        grew(l.size());
        mimalloc::MiMalloc.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        LIVE.fetch_sub(l.size(), Relaxed);
        mimalloc::MiMalloc.dealloc(p, l)
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, n: usize) -> *mut u8 {
        if n > l.size() {
            grew(n - l.size());
        } else {
            LIVE.fetch_sub(l.size() - n, Relaxed);
        }
        mimalloc::MiMalloc.realloc(p, l, n)
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn mib(bytes: usize) -> f64 {
    bytes as f64 / 1048576.0
}

fn rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS"))
                .map(str::to_string)
        })
        .unwrap_or_default()
}

fn stage(name: &str) {
    println!(
        "{name:<8} live {:7.1} MiB, peak so far {:7.1} MiB; {}",
        mib(LIVE.load(Relaxed)),
        mib(PEAK.load(Relaxed)),
        rss()
    );
}

/// What `recap serve` pays when an edit lands while a whole-site file is
/// being made from the model: a copy of the enricher, part by part.
fn copy_time(enricher: &recap::enrich::Enricher) {
    let timed = |name: &str, copy: &dyn Fn() -> Box<dyn std::any::Any>| {
        let (before, t) = (LIVE.load(Relaxed), std::time::Instant::now());
        let copy = copy();
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let grew = LIVE.load(Relaxed).saturating_sub(before);
        println!("  copy of {name:<12} {ms:7.0} ms, {:7.1} MiB", mib(grew));
        drop(copy);
    };
    let site = enricher.site();
    println!("\ncopying the model (serve does when an edit lands during a whole-site file):");
    timed("the enricher", &|| Box::new(enricher.clone()));
    timed("sessions", &|| Box::new(site.sessions.clone()));
    timed("info", &|| Box::new(site.info.clone()));
    timed("links", &|| Box::new(site.links.clone()));
    timed("entities", &|| Box::new(site.entities.clone()));
    println!();
}

fn main() -> anyhow::Result<()> {
    let seeds = std::path::PathBuf::from(std::env::args().nth(1).unwrap_or("seeds".into()));
    let content = std::path::Path::new("content");
    let config = recap::config::SiteConfig::default();
    let catalog = recap::enrich::Catalog::load(content)?;
    let sources = recap::load::load(&seeds, content)?;
    stage("load");
    let corpus = recap::parse::parse(&sources);
    drop(sources);
    stage("parse");
    let enricher = recap::enrich::Enricher::new(corpus, catalog, config.clone());
    stage("enrich");
    copy_time(&enricher);
    // What `recap serve` keeps to patch the model, and a build lets go.
    let mut site = enricher.into_site();
    stage("model");
    println!(
        "{} mentions, {} key figures",
        site.entities
            .iter()
            .map(|e| e.mentions.len())
            .sum::<usize>(),
        site.info.iter().map(|i| i.numbers.len()).sum::<usize>()
    );

    if std::env::var_os("RENDER").is_some() {
        let theme =
            recap::render::Theme::load("themes/default".as_ref(), "templates".as_ref(), &config)?;
        let nowhere = |_: &recap::write::Output| -> anyhow::Result<()> { Ok(()) };
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        let outputs = recap::render::render_streaming(&site, &theme, Some(&nowhere))?;
        stage("render");
        drop(outputs);
        PEAK.store(LIVE.load(Relaxed), Relaxed);
        recap::render::data::write_site_json(&site, &mut std::io::sink())?;
        stage("export");
    }

    println!("\nthe model, part by part (MiB freed when it is dropped):");
    type Part = (&'static str, fn(&mut recap::enrich::Site));
    let parts: [Part; 9] = [
        ("candidates", |s| s.candidates = Vec::new()),
        ("inline links", |s| s.links = Default::default()),
        ("key numbers", |s| {
            s.info
                .iter_mut()
                .for_each(|i| std::sync::Arc::make_mut(i).numbers = Vec::new())
        }),
        ("session lists", |s| s.info = Vec::new()),
        ("entity mentions", |s| {
            s.entities
                .iter_mut()
                .for_each(|e| std::sync::Arc::make_mut(e).mentions = Vec::new())
        }),
        ("entities", |s| s.entities = Vec::new()),
        ("announcements", |s| s.announcements = Vec::new()),
        ("session timelines", |s| {
            s.sessions
                .iter_mut()
                .for_each(|x| std::sync::Arc::make_mut(x).timeline = Vec::new())
        }),
        ("sessions", |s| s.sessions = Vec::new()),
    ];
    for (name, drop_part) in parts {
        let before = LIVE.load(Relaxed);
        drop_part(&mut site);
        let freed = before.saturating_sub(LIVE.load(Relaxed));
        println!("  {name:<20} {:7.1}", mib(freed));
    }
    Ok(())
}
