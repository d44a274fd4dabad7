//! What the command line prints while it works: diagnostics as
//! `warning: file:line: message` (coloured on a terminal), a progress bar for
//! builds that take long enough to wonder about, and short status lines.
//!
//! Everything goes to stderr, so stdout stays free for what a script may
//! want to read (`recap serve` prints its address there). Colour and the bar
//! appear only when stderr is a terminal; `NO_COLOR` turns colour off.

use crate::diagnostics::{Diagnostic, Severity};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::sync::mpsc;
use std::time::Duration;

/// How much to say: `-q` errors only, `-v` everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

/// Warnings shown in normal mode before the rest are summarised; a corpus
/// of a thousand odd recaps should not scroll the terminal away.
pub const MAX_WARNINGS_SHOWN: usize = 20;

/// Builds that finish sooner than this never show a bar.
const BAR_DELAY: Duration = Duration::from_secs(1);

/// Prints to stderr according to the verbosity and the terminal.
#[derive(Debug, Clone, Copy)]
pub struct Printer {
    pub verbosity: Verbosity,
    /// ANSI colour on.
    pub color: bool,
    /// stderr is a terminal (progress bars may be drawn).
    pub tty: bool,
}

impl Printer {
    /// A printer for stderr as it is: colour only on a terminal and when
    /// `NO_COLOR` is unset or empty (<https://no-color.org>).
    pub fn new(quiet: bool, verbose: bool) -> Printer {
        let tty = std::io::stderr().is_terminal();
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        let verbosity = if quiet {
            Verbosity::Quiet
        } else if verbose {
            Verbosity::Verbose
        } else {
            Verbosity::Normal
        };
        Printer {
            verbosity,
            color: tty && !no_color,
            tty,
        }
    }

    /// A printer that never colours nor draws bars (for tests).
    pub fn plain(verbosity: Verbosity) -> Printer {
        Printer {
            verbosity,
            color: false,
            tty: false,
        }
    }

    pub fn quiet(&self) -> bool {
        self.verbosity == Verbosity::Quiet
    }

    pub fn verbose(&self) -> bool {
        self.verbosity == Verbosity::Verbose
    }

    /// One diagnostic as a line: `warning: seeds/x.txt:12: message`.
    pub fn format(&self, d: &Diagnostic) -> String {
        let (kind, code) = match d.severity {
            Severity::Warning => ("warning", "1;33"),
            Severity::Error => ("error", "1;31"),
        };
        if self.color {
            format!(
                "\x1b[{code}m{kind}\x1b[0m: \x1b[1m{}\x1b[0m: {}",
                d.location(),
                d.message
            )
        } else {
            d.to_string()
        }
    }

    /// Print one diagnostic: errors always, warnings unless quiet.
    pub fn diagnostic(&self, d: &Diagnostic) {
        if d.is_error() || !self.quiet() {
            self.line(&self.format(d));
        }
    }

    /// Print a build's diagnostics: every error; warnings unless quiet, the
    /// first [`MAX_WARNINGS_SHOWN`] of them unless verbose, then a count.
    pub fn diagnostics(&self, diags: &[Diagnostic]) {
        let mut shown = 0;
        let mut hidden = 0;
        for d in diags {
            if d.is_error() {
                self.diagnostic(d);
            } else if self.quiet() {
                continue;
            } else if self.verbose() || shown < MAX_WARNINGS_SHOWN {
                self.diagnostic(d);
                shown += 1;
            } else {
                hidden += 1;
            }
        }
        if hidden > 0 {
            self.info(&format!(
                "… and {hidden} more warning{} (-v shows them all)",
                if hidden == 1 { "" } else { "s" }
            ));
        }
    }

    /// An error that is not about one input file.
    pub fn error(&self, message: &str) {
        let kind = if self.color {
            "\x1b[1;31merror\x1b[0m"
        } else {
            "error"
        };
        self.line(&format!("{kind}: {message}"));
    }

    /// A warning that is not about one input file (unless quiet).
    pub fn warning(&self, message: &str) {
        if self.quiet() {
            return;
        }
        let kind = if self.color {
            "\x1b[1;33mwarning\x1b[0m"
        } else {
            "warning"
        };
        self.line(&format!("{kind}: {message}"));
    }

    /// A status line (unless quiet).
    pub fn info(&self, message: &str) {
        if !self.quiet() {
            self.line(message);
        }
    }

    /// A detail line (only when verbose).
    pub fn detail(&self, message: &str) {
        if self.verbose() {
            self.line(message);
        }
    }

    /// Stage timings, one per line (only when verbose).
    pub fn timings(&self, timings: &[(&'static str, Duration)]) {
        for (stage, t) in timings {
            self.detail(&format!(
                "  {stage:<8} {:>8.1} ms",
                t.as_secs_f64() * 1000.0
            ));
        }
    }

    fn line(&self, s: &str) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{s}");
    }

    /// A progress bar over `steps` stages (a spinner when 0), drawn only if
    /// the work is still going after a second and stderr is a terminal (and
    /// not quiet).
    pub fn progress(&self, label: &str, steps: u64) -> Progress {
        let (len, template) = if steps == 0 {
            (None, "{spinner} {prefix} {msg} ({elapsed})")
        } else {
            (
                Some(steps),
                "{spinner} {prefix} [{bar:24}] {pos}/{len} {msg} ({elapsed})",
            )
        };
        let bar = ProgressBar::with_draw_target(len, ProgressDrawTarget::hidden());
        bar.set_style(
            ProgressStyle::with_template(template)
                .expect("valid progress template")
                .progress_chars("=> "),
        );
        bar.set_prefix(label.to_string());
        let (done, wait) = mpsc::channel::<()>();
        if self.tty && !self.quiet() {
            let shown = bar.clone();
            std::thread::spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) = wait.recv_timeout(BAR_DELAY) {
                    if !shown.is_finished() {
                        shown.set_draw_target(ProgressDrawTarget::stderr());
                        shown.enable_steady_tick(Duration::from_millis(120));
                    }
                }
            });
        }
        Progress { bar, done }
    }
}

/// A running progress bar; cleared when finished or dropped.
pub struct Progress {
    bar: ProgressBar,
    done: mpsc::Sender<()>,
}

impl Progress {
    /// Say which stage is running now.
    pub fn stage(&self, name: &str) {
        if self.bar.position() < self.bar.length().unwrap_or(u64::MAX) && !name.is_empty() {
            self.bar.set_message(name.to_string());
        }
        self.bar.inc(1);
    }

    /// A callback for [`crate::serve::Incremental::rebuild`].
    pub fn observer(&self) -> impl FnMut(&'static str) + '_ {
        move |name| self.stage(name)
    }

    pub fn finish(&self) {
        let _ = self.done.send(());
        self.bar.finish_and_clear();
    }
}

/// `1 session`, `2 sessions`, `0 errors`: a count and its noun, as a
/// status line says it.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_format_names_file_and_line() {
        let p = Printer::plain(Verbosity::Normal);
        let d = Diagnostic::warning("a.txt", Some(3), "odd line");
        assert_eq!(p.format(&d), "warning: a.txt:3: odd line");
    }

    #[test]
    fn colour_wraps_kind_and_location() {
        let p = Printer {
            verbosity: Verbosity::Normal,
            color: true,
            tty: true,
        };
        let s = p.format(&Diagnostic::error("a.txt", None, "bad"));
        assert!(s.starts_with("\x1b[1;31merror\x1b[0m"));
        assert!(s.contains("\x1b[1ma.txt\x1b[0m"));
    }

    #[test]
    fn counts_say_one_and_many() {
        assert_eq!(count(1, "session"), "1 session");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(10_000, "session"), "10000 sessions");
    }

    #[test]
    fn progress_without_terminal_never_draws() {
        let p = Printer::plain(Verbosity::Normal);
        let bar = p.progress("building", 3);
        bar.stage("load");
        bar.stage("parse");
        assert!(bar.bar.is_hidden());
        bar.finish();
    }
}
