//! Size and build time of the search index of a site, without rendering:
//!
//!     cargo run --release --example search_index -- [SEEDS_DIR]
//!
//! Prints the index statistics as JSON (documents, tokens, postings, shard
//! counts and sizes) and how long tokenising and encoding took.

use recap::enrich::{enrich, Catalog};
use recap::BuildOptions;
use std::time::Instant;

/// The allocator `recap` itself uses, so the time is the one a build sees.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut opts = BuildOptions::default();
    if let Some(seeds) = std::env::args().nth(1) {
        opts.seeds = seeds.into();
    }
    let config = opts.site_config()?;
    let catalog = Catalog::load(&opts.content_dir())?;
    let sources = recap::load::load(&opts.seeds_dir(), &opts.content_dir())?;
    let site = enrich(recap::parse::parse(&sources), catalog, config);
    let t = Instant::now();
    let (files, stats) = recap::render::search::index(&site);
    let elapsed = t.elapsed();
    println!("{}", serde_json::to_string_pretty(&stats)?);
    eprintln!(
        "{} files, {:.1} MB, built in {:.0} ms",
        files.len(),
        stats.total_bytes as f64 / 1e6,
        elapsed.as_secs_f64() * 1000.0
    );
    Ok(())
}
