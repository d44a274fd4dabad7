//! The `recap` command line.

use clap::{Args, Parser, Subcommand};
use recap::diagnostics::Diagnostic;
use recap::BuildOptions;
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn a folder of conference session recaps into a cross-linked,
/// searchable static site.
#[derive(Parser)]
#[command(name = "recap", version, about, long_about = None)]
struct Cli {
    /// Print less: errors only.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Print more: every warning and the time each stage took.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (default `./public`).
    ///
    /// Reads recaps from `./seeds`, pages, `site.toml` and `catalog.toml` from
    /// `./content`, templates from the theme (default `themes/default`,
    /// overridable per file from `./templates`). The previous site is replaced
    /// only when the new one is complete.
    Build(SiteArgs),
}

/// Where the site's inputs and output are.
#[derive(Args, Clone)]
struct SiteArgs {
    /// Folder of recap files (`.txt`, `.md`).
    #[arg(long, default_value = "seeds", value_name = "DIR")]
    seeds: PathBuf,
    /// Folder of Markdown pages, `site.toml` and `catalog.toml`.
    #[arg(long, default_value = "content", value_name = "DIR")]
    content: PathBuf,
    /// Site config file [default: <content>/site.toml].
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Theme folder [default: the config's `theme`, else themes/default].
    #[arg(long, value_name = "DIR")]
    theme: Option<PathBuf>,
    /// Output folder [default: the config's `output`, else public].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Absolute URL the site will be served from (canonical links, feed, sitemap).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

impl SiteArgs {
    fn options(&self) -> BuildOptions {
        BuildOptions {
            root: PathBuf::from("."),
            seeds: self.seeds.clone(),
            content: self.content.clone(),
            config: self.config.clone(),
            theme: self.theme.clone(),
            out: self.out.clone(),
            base_url: self.base_url.clone(),
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Build(args) => run_build(&cli, args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn print_diagnostics(cli: &Cli, diags: &[Diagnostic]) {
    for d in diags {
        if d.is_error() || !cli.quiet {
            eprintln!("{d}");
        }
    }
}

fn run_build(cli: &Cli, args: &SiteArgs) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let report = recap::build(&args.options())?;
    print_diagnostics(cli, &report.diagnostics);
    if cli.verbose {
        for (stage, t) in &report.timings {
            eprintln!("  {stage:<8} {:>8.1} ms", t.as_secs_f64() * 1000.0);
        }
    }
    if !cli.quiet {
        eprintln!(
            "built {} sessions into {} ({} files) in {:.0} ms; {} errors, {} warnings",
            report.sessions,
            report.out.display(),
            report.files,
            start.elapsed().as_secs_f64() * 1000.0,
            report.errors(),
            report.diagnostics.len() - report.errors()
        );
    }
    Ok(ExitCode::SUCCESS)
}
