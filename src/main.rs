//! The `recap` command line.

use clap::{Args, Parser, Subcommand};
use recap::progress::{count, Printer};
use recap::BuildOptions;
use std::path::PathBuf;
use std::process::ExitCode;

/// A build allocates millions of small strings from every thread; glibc
/// malloc spent a fifth of a 10,000-session build in contention.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    /// Preview the site, rebuilding and reloading the browser on every change.
    ///
    /// Builds the site into memory and serves it (127.0.0.1:1111 unless told
    /// otherwise); when a recap, page, the catalog, the config or the theme
    /// changes, rebuilds what the change reaches and reloads every open
    /// browser. A build error shows in the browser over the last good site.
    // Nothing is written, so there is no output folder to name.
    #[command(mut_arg("out", |a| a.hide(true)))]
    Serve(ServeArgs),
    /// Write the site for reading offline, as a folder and optionally a zip.
    ///
    /// Writes into `--out` (default `./bundle`): every link relative, folders
    /// as `index.html`, search working from `file://`; with `--zip FILE`, also
    /// as a zip file.
    #[command(mut_arg("out", |a| a.help("Folder for the offline site [default: bundle]")))]
    Bundle(BundleArgs),
    /// List broken links and anchors, parse warnings and other problems.
    ///
    /// Builds in memory and lists broken links and anchors, parse warnings,
    /// duplicate slugs and uncatalogued names; exits 1 when there are errors.
    /// External links are fetched only with `--external`.
    // Nothing is written, so there is no output folder to name.
    #[command(mut_arg("out", |a| a.hide(true)))]
    Check(CheckArgs),
    /// Create a new recap site in DIR.
    ///
    /// Writes a commented config, an example recap, an about page, an empty
    /// catalog and the default theme, so `recap serve` works there at once.
    Init(InitArgs),
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Address to listen on; anything but loopback exposes the site.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    bind: std::net::IpAddr,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(Args)]
struct BundleArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Also write the offline site as a zip file.
    #[arg(long, value_name = "FILE")]
    zip: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    site: SiteArgs,
    /// Also fetch external links (HEAD requests, 10 s timeout each).
    #[arg(long)]
    external: bool,
}

#[derive(Args)]
struct InitArgs {
    /// Folder for the new site (created if missing).
    dir: PathBuf,
    /// Write into a folder that is not empty (files of the same name are
    /// overwritten, others kept).
    #[arg(long)]
    force: bool,
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
        Command::Serve(args) => run_serve(&cli, args),
        Command::Bundle(args) => {
            // `--out` names the bundle's folder here, not the build's.
            let out = args
                .site
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("bundle"));
            recap::bundle::run(
                &args.site.options(),
                &out,
                args.zip.as_deref(),
                printer(&cli),
            )
        }
        Command::Check(args) => {
            recap::check::run(&args.site.options(), args.external, printer(&cli))
        }
        Command::Init(args) => recap::init::run(&args.dir, args.force, printer(&cli)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            printer(&cli).error(&format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}

fn run_build(cli: &Cli, args: &SiteArgs) -> anyhow::Result<ExitCode> {
    let start = std::time::Instant::now();
    let printer = printer(cli);
    let bar = printer.progress("building", 0);
    let built = recap::build_keeping_model(&args.options());
    bar.finish();
    let (report, model) = built?;
    // The process ends next: the operating system takes the memory back
    // at once, where freeing the model piece by piece takes a big site a
    // third of a second.
    std::mem::forget(model);
    printer.diagnostics(&report.diagnostics);
    printer.timings(&report.timings);
    if !cli.quiet {
        eprintln!(
            "built {} into {} ({}, {} unchanged) in {:.0} ms; {}, {}",
            count(report.sessions, "session"),
            report.out.display(),
            count(report.files, "file"),
            report.unchanged,
            start.elapsed().as_secs_f64() * 1000.0,
            count(report.errors(), "error"),
            count(report.diagnostics.len() - report.errors(), "warning")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn printer(cli: &Cli) -> Printer {
    Printer::new(cli.quiet, cli.verbose)
}

fn run_serve(cli: &Cli, args: &ServeArgs) -> anyhow::Result<ExitCode> {
    let opts = recap::serve::ServeOptions {
        bind: args.bind,
        port: args.port,
        open: args.open,
    };
    recap::serve::serve(args.site.options(), opts, printer(cli))?;
    Ok(ExitCode::SUCCESS)
}
