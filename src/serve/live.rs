//! Live reload and the error overlay, browser side.
//!
//! Every HTML response in serve mode gets one inline script before
//! `</body>`, carrying the build's [`Status`]: the generation the page was
//! built by, and the errors of the last build. The script shows the errors
//! as an overlay and listens to the event stream; a new generation reloads
//! the page, a failed build shows the overlay over the last good page. Only
//! `recap serve` injects it: built and bundled sites carry no trace of it.

use crate::diagnostics::Diagnostic;
use regex::Regex;
use serde::Serialize;
use std::path::Path;
use std::sync::LazyLock;

/// What the browser is told after each build.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Status {
    /// Counts successful builds; a page built by an older one reloads.
    pub generation: u64,
    /// The last build succeeded (else the site served is older).
    pub ok: bool,
    /// The build's failure, or the error diagnostics of a good build.
    pub errors: Vec<Problem>,
}

/// One error, as the overlay shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    pub file: String,
    pub line: Option<usize>,
    pub message: String,
}

impl From<&Diagnostic> for Problem {
    fn from(d: &Diagnostic) -> Problem {
        Problem {
            file: d.file.clone(),
            line: d.line,
            message: d.message.clone(),
        }
    }
}

impl Problem {
    /// `file:line` or `file`.
    pub fn location(&self) -> String {
        match self.line {
            Some(l) => format!("{}:{l}", self.file),
            None => self.file.clone(),
        }
    }

    /// Find the file and line a build error is about, for the overlay. Tera
    /// names the template (`Failed to parse "…/base.html"`, `Failed to
    /// render 'session.html'`) and puts the position in an inner error
    /// (` --> 12:5`); the config loader says `path:line: message`. Paths are
    /// shown relative to `root` where they are inside it.
    pub fn from_error(e: &anyhow::Error, root: &Path, theme_templates: &Path) -> Problem {
        static PARSE: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r#"Failed to parse "([^"]+)""#).expect("valid regex"));
        static RENDER: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"Failed to render '([^']+)'").expect("valid regex"));
        static ARROW: LazyLock<Regex> =
            LazyLock::new(|| Regex::new(r"-->\s*(\d+):(\d+)").expect("valid regex"));
        static FILE_LINE: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"(?m)^(?:[^:\n]*: )?([^\s:]+\.(?:toml|txt|md|html|json)):(\d+)(?::\d+)?:")
                .expect("valid regex")
        });
        let message = format!("{e:#}");
        let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
        let all = chain.join("\n");
        let shown = |p: &str| -> String {
            let path = Path::new(p.strip_prefix("./").unwrap_or(p));
            path.strip_prefix(root)
                .or_else(|_| path.strip_prefix(std::env::current_dir().unwrap_or_default()))
                .map(|r| r.display().to_string())
                .unwrap_or_else(|_| path.display().to_string())
        };
        let (file, line) = if let Some(c) = PARSE.captures(&all) {
            let line = ARROW.captures(&all).and_then(|a| a[1].parse().ok());
            (shown(&c[1]), line)
        } else if let Some(c) = RENDER.captures(&all) {
            (shown(&theme_templates.join(&c[1]).to_string_lossy()), None)
        } else if let Some(c) = FILE_LINE.captures(&all) {
            (shown(&c[1]), c[2].parse().ok())
        } else {
            (String::new(), None)
        };
        Problem {
            file,
            line,
            message: tidy(&message, &chain),
        }
    }
}

/// The error chain, one cause per line, without the repeats tera makes.
fn tidy(flat: &str, chain: &[String]) -> String {
    if chain.len() <= 1 {
        return flat.to_string();
    }
    let mut lines: Vec<&str> = Vec::new();
    for c in chain {
        if !lines.iter().any(|l| l.contains(c.as_str())) {
            lines.push(c);
        }
    }
    lines.join("\n")
}

/// The page as served: `html` with the live script before its last
/// `</body>` (or at the end when it has none).
pub fn inject(html: &[u8], status: &Status) -> Vec<u8> {
    let script = script(status);
    let at = rfind_ci(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn rfind_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The `<script>` element for `status`. The JSON is made safe for a script
/// element by escaping every `<`.
pub fn script(status: &Status) -> String {
    let json = serde_json::to_string(status)
        .unwrap_or_else(|_| "{}".into())
        .replace('<', "\\u003c");
    format!(
        "<script id=\"__recap-live\">{}({json});</script>",
        CLIENT.trim()
    )
}

/// Served in place of every page until the first build succeeds.
pub fn waiting_page() -> String {
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>recap serve</title></head>\
     <body><p>recap serve: the site has not built yet.</p></body></html>"
        .to_string()
}

/// The browser side. Overlay elements are built with `textContent`, so an
/// error message can never inject markup.
const CLIENT: &str = r#"
(function (state) {
  var gen = state.generation;
  function show(st) {
    var old = document.getElementById("__recap-overlay");
    if (old) old.remove();
    if (!st.errors || !st.errors.length) return;
    var d = document.createElement("div");
    d.id = "__recap-overlay";
    d.setAttribute("role", "alert");
    d.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:2147483647;background:#2b0b0e;color:#ffe4e6;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:14px 20px;border-top:4px solid #e11d48;box-shadow:0 -4px 24px rgba(0,0,0,.4);text-align:left";
    var x = document.createElement("button");
    x.textContent = "\u00d7";
    x.title = "Dismiss";
    x.style.cssText = "float:right;background:none;border:0;color:inherit;font-size:22px;line-height:1;cursor:pointer";
    x.onclick = function () { d.remove(); };
    d.appendChild(x);
    var h = document.createElement("strong");
    h.textContent = st.ok ? "recap: the build reported errors" : "recap: the build failed \u2014 this is the last good build";
    d.appendChild(h);
    st.errors.forEach(function (e) {
      var item = document.createElement("div");
      item.className = "__recap-error";
      item.style.marginTop = "10px";
      var loc = document.createElement("div");
      loc.style.cssText = "color:#fda4af;font-weight:bold";
      loc.textContent = (e.file || "build") + (e.line ? ":" + e.line : "");
      var msg = document.createElement("pre");
      msg.style.cssText = "margin:4px 0 0;white-space:pre-wrap;font:inherit";
      msg.textContent = e.message;
      item.appendChild(loc);
      item.appendChild(msg);
      d.appendChild(item);
    });
    (document.body || document.documentElement).appendChild(d);
  }
  function start() {
    show(state);
    if (!window.EventSource) return;
    var es = new EventSource("/__recap/events");
    es.onmessage = function (ev) {
      var st;
      try { st = JSON.parse(ev.data); } catch (e) { return; }
      if (st.generation !== gen) { es.close(); location.reload(); }
      else show(st);
    };
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})
"#;

#[cfg(test)]
mod tests {
    use super::*;

    fn status() -> Status {
        Status {
            generation: 7,
            ok: false,
            errors: vec![Problem {
                file: "themes/default/templates/base.html".into(),
                line: Some(3),
                message: "</script><b>boom".into(),
            }],
        }
    }

    #[test]
    fn script_goes_before_the_last_body_close() {
        let html = b"<html><body><p>x</p></BODY></html>";
        let out = String::from_utf8(inject(html, &Status::default())).unwrap();
        let script = out.find("__recap-live").unwrap();
        assert!(script > out.find("<p>x</p>").unwrap());
        assert!(script < out.find("</BODY>").unwrap());
        let bare = String::from_utf8(inject(b"<p>no body</p>", &Status::default())).unwrap();
        assert!(bare.starts_with("<p>no body</p><script"));
    }

    #[test]
    fn status_json_cannot_close_the_script() {
        let s = script(&status());
        assert_eq!(s.matches("</script>").count(), 1);
        assert!(s.contains("\\u003c/script>\\u003cb>boom"));
        assert!(s.contains("\"generation\":7"));
    }

    #[test]
    fn finds_template_file_and_line() {
        let root = Path::new("/site");
        let e = anyhow::anyhow!(
            "cannot load templates: Failed to parse \"/site/themes/default/templates/base.html\":\n --> 3:8\n  |\n3 | {{% if %}}\n  = expected an expression"
        );
        let p = Problem::from_error(&e, root, &root.join("themes/default/templates"));
        assert_eq!(p.file, "themes/default/templates/base.html");
        assert_eq!(p.line, Some(3));
        let e = anyhow::anyhow!("Failed to render 'session.html':\nVariable `x` not found")
            .context("rendering failed");
        let p = Problem::from_error(&e, root, &root.join("themes/default/templates"));
        assert_eq!(p.file, "themes/default/templates/session.html");
        assert_eq!(p.line, None);
        assert!(p.message.contains("Variable `x` not found"));
        let e = anyhow::anyhow!("/site/content/site.toml:4: invalid type");
        let p = Problem::from_error(&e, root, root);
        assert_eq!((p.file.as_str(), p.line), ("content/site.toml", Some(4)));
        let e = anyhow::anyhow!("Failed to parse \"./themes/x/templates/a.html\":\n --> 2:1");
        let p = Problem::from_error(&e, Path::new("."), root);
        assert_eq!(p.file, "themes/x/templates/a.html");
    }
}
