//! `recap serve`: build the site into memory, serve it over HTTP, rebuild
//! when an input changes and reload every open browser.
//!
//! Four parts, one file each:
//!
//! * [`incremental`]: the pipeline with a cache, so an edit to one recap
//!   re-parses one file;
//! * [`watcher`]: a thread that waits for debounced file-system events,
//!   rebuilds, swaps the new site in and publishes the new [`live::Status`];
//! * [`served`]: the last good model and theme, with each page rendered
//!   when a browser first asks for it and cached until the next rebuild;
//! * [`http`]: axum handlers that serve the site from memory and stream the
//!   status to the page script of [`live`] as server-sent events.
//!
//! The site is never written to disk in serve mode, so the output folder of
//! `recap build` is left alone and nothing outside the site can be served.

pub mod http;
pub mod incremental;
pub mod live;
pub mod served;
pub mod sources;
pub mod watcher;

pub use incremental::{Built, Dirty, Incremental, Model, ModelHolder, Rebuild};
pub use served::{Fetched, Later, Served};

use crate::build::BuildOptions;
use crate::progress::Printer;
use anyhow::Context;
use http::Shared;
use live::Status;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, RwLock};
use tokio::sync::watch;

/// Where to listen.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub bind: IpAddr,
    /// 0 picks a free port; the address is printed either way.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
}

/// Serve until Ctrl-C (or SIGTERM). Prints `serving at http://ADDR/` on
/// stdout once the first build is done, so scripts and tests can read it.
pub fn serve(mut build: BuildOptions, opts: ServeOptions, printer: Printer) -> anyhow::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let addr = SocketAddr::new(opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(addr).with_context(|| {
        format!("cannot listen on {addr}; pass --port N, or --port 0 for any free port")
    })?;
    listener.set_nonblocking(true)?;
    let local = listener.local_addr()?;
    let url = format!("http://{local}/");
    if build.base_url.is_none() {
        // Feed and sitemap links then work in the preview too.
        build.base_url = Some(url.trim_end_matches('/').to_string());
    }
    if !opts.bind.is_loopback() {
        printer.warning(&format!(
            "serving to the network on {local}: anyone who can reach this machine can read the site"
        ));
    }

    let watch = watcher::Watch::start(&build, printer);
    let mut inc = Incremental::new(build);
    let (status_tx, _) = watch::channel(Status::default());
    let (stop_tx, stop_rx) = watch::channel(false);
    let shared = Arc::new(Shared {
        served: RwLock::new(Served::new()),
        status: status_tx,
        shutdown: stop_rx.clone(),
    });
    let first = watcher::first_build(&mut inc, &shared, printer);
    shared.status.send_replace(first.status);
    let watch_thread = watcher::spawn(
        watch,
        inc,
        first.diagnostics,
        Arc::clone(&shared),
        printer,
        stop_rx.clone(),
    );

    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        let stop = stop_signal();
        println!("serving at {url}");
        use std::io::Write;
        let _ = std::io::stdout().flush();
        printer.info("watching for changes; press Ctrl-C to stop");
        if opts.open {
            open_browser(&url, printer);
        }
        let app = http::router(Arc::clone(&shared));
        let mut forced = stop_rx.clone();
        let server = axum::serve(listener, app).with_graceful_shutdown(async move {
            stop.await;
            let _ = stop_tx.send(true);
        });
        tokio::select! {
            r = server => r.context("the server stopped")?,
            _ = async {
                // A browser that keeps a connection open must not keep
                // the server from stopping.
                let _ = forced.wait_for(|stop| *stop).await;
                tokio::time::sleep(std::time::Duration::from_secs(3)).await;
            } => {}
        }
        anyhow::Ok(())
    })?;
    drop(runtime);
    let _ = watch_thread.join();
    printer.info("stopped");
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix. The handlers are installed when this is
/// called, not when the future is first polled: a Ctrl-C right after
/// `serving at` is printed must stop the server cleanly, not kill it.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                (Ok(mut int), Err(_)) => {
                    int.recv().await;
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    {
        async {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Hand the URL to the desktop's opener; a failure is only a warning.
fn open_browser(url: &str, printer: Printer) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = spawned {
        printer.warning(&format!(
            "cannot open a browser with `{opener}`: {e}; open {url} yourself"
        ));
    }
}
