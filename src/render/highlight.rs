//! Code highlighting with syntect, as CSS classes (no inline colours), so
//! light and dark mode are one stylesheet (`static/syntax.css`) away.
//!
//! Loading syntect's syntax definitions takes noticeable time, and most
//! sites have no code at all, so they are loaded on the first fenced code
//! block, once per process.

use super::text::escape;
use std::sync::OnceLock;
use syntect::html::{ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::{SyntaxDefinition, SyntaxSet};
use syntect::util::LinesWithEndings;

/// The syntax definitions of the running process.
static SYNTAXES: OnceLock<Syntaxes> = OnceLock::new();

/// syntect's default syntaxes, kept as shipped (already compiled and lazily
/// decompressed), and the ones recap adds (TOML, which site owners write
/// about most and syntect lacks) in a set of their own: rebuilding the
/// defaults to add one syntax would recompress all of them, which cost more
/// than the rest of a small site's build.
pub struct Syntaxes {
    defaults: SyntaxSet,
    extra: SyntaxSet,
}

impl Syntaxes {
    fn find(&self, token: &str) -> Option<(&SyntaxSet, &syntect::parsing::SyntaxReference)> {
        [&self.defaults, &self.extra]
            .into_iter()
            .find_map(|ss| ss.find_syntax_by_token(token).map(|s| (ss, s)))
    }
}

/// Class names in the generated HTML and CSS (`<span class="source rust">`).
const CLASS_STYLE: ClassStyle = ClassStyle::Spaced;

/// Highlights code blocks; cheap to create, loads syntaxes only when used.
#[derive(Clone, Copy)]
pub struct Highlighter {
    syntaxes: &'static OnceLock<Syntaxes>,
}

impl Default for Highlighter {
    fn default() -> Self {
        Highlighter {
            syntaxes: &SYNTAXES,
        }
    }
}

impl Highlighter {
    /// A highlighter over its own (initially empty) cell, for tests that
    /// check when syntaxes are loaded.
    #[cfg(test)]
    pub fn with_cell(cell: &'static OnceLock<Syntaxes>) -> Self {
        Highlighter { syntaxes: cell }
    }

    /// Whether the syntax definitions have been loaded.
    pub fn is_loaded(&self) -> bool {
        self.syntaxes.get().is_some()
    }

    /// `<pre class="code" data-lang="…"><code>…</code></pre>` for a fenced
    /// block. Unknown or missing languages come out escaped, unhighlighted.
    pub fn block(&self, lang: &str, code: &str) -> String {
        let lang = lang.split([',', ' ']).next().unwrap_or("").trim();
        let highlighted = if lang.is_empty() {
            None
        } else {
            let syntaxes = self.syntaxes.get_or_init(load_syntaxes);
            syntaxes
                .find(lang)
                .and_then(|(ss, syntax)| classed(ss, syntax, code))
        };
        let body = highlighted.unwrap_or_else(|| escape(code));
        if lang.is_empty() {
            format!("<pre class=\"code\"><code>{body}</code></pre>\n")
        } else {
            format!(
                "<pre class=\"code\" data-lang=\"{0}\"><code class=\"language-{0}\">{body}</code></pre>\n",
                escape(lang)
            )
        }
    }
}

fn load_syntaxes() -> Syntaxes {
    let mut builder = syntect::parsing::SyntaxSetBuilder::new();
    match SyntaxDefinition::load_from_str(TOML_SYNTAX, true, Some("TOML")) {
        Ok(def) => builder.add(def),
        // The file is compiled in and tested; failing here would be a bug,
        // and highlighting without TOML beats not building.
        Err(_) => debug_assert!(false, "TOML.sublime-syntax does not load"),
    }
    Syntaxes {
        defaults: SyntaxSet::load_defaults_newlines(),
        extra: builder.build(),
    }
}

const TOML_SYNTAX: &str = include_str!("syntaxes/TOML.sublime-syntax");

fn classed(
    ss: &SyntaxSet,
    syntax: &syntect::parsing::SyntaxReference,
    code: &str,
) -> Option<String> {
    let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, ss, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        gen.parse_html_for_line_which_includes_newline(line).ok()?;
    }
    Some(gen.finalize())
}

/// When the site has fenced code, load the syntaxes now: left to the
/// render, they are made on one thread while the other has nothing to do.
pub fn warm_up(has_code: bool) {
    if has_code {
        SYNTAXES.get_or_init(load_syntaxes);
    }
}

/// `static/syntax.css`: the light theme, then the dark one inside
/// `@media (prefers-color-scheme: dark)`, every text colour raised to AA
/// contrast. Shipped ready: loading syntect's themes to make it cost as
/// much as parsing a small site's recaps. A test checks that it is what
/// those themes give.
pub const SYNTAX_CSS: &str = include_str!("syntaxes/syntax.css");

#[cfg(test)]
mod tests {
    use super::*;

    /// The syntect themes `syntax.css` is made from.
    const LIGHT_THEME: &str = "InspiredGitHub";
    const DARK_THEME: &str = "base16-ocean.dark";

    /// What `syntaxes/syntax.css` should hold.
    fn generate_syntax_css() -> anyhow::Result<String> {
        use syntect::highlighting::ThemeSet;
        use syntect::html::css_for_theme_with_class_style;
        let themes = ThemeSet::load_defaults();
        let light = readable(&css_for_theme_with_class_style(
            &themes.themes[LIGHT_THEME],
            CLASS_STYLE,
        )?);
        let dark = readable(&css_for_theme_with_class_style(
            &themes.themes[DARK_THEME],
            CLASS_STYLE,
        )?);
        let mut css = String::from(
            "/* Code highlighting, generated by recap from syntect's themes: \
             light InspiredGitHub, dark base16-ocean.dark. */\n",
        );
        // Each theme under its own media query: a class only the light
        // theme colours (`.variable.parameter`, a shell option) kept its
        // dark text on the dark background.
        for (media, theme) in [
            ("not all and (prefers-color-scheme: dark)", &light),
            ("(prefers-color-scheme: dark)", &dark),
        ] {
            css.push_str(&format!("\n@media {media} {{\n"));
            for line in theme.lines() {
                if !line.is_empty() {
                    css.push_str("  ");
                }
                css.push_str(line);
                css.push('\n');
            }
            css.push_str("}\n");
        }
        Ok(css)
    }

    /// WCAG AA for normal text.
    const MIN_CONTRAST: f64 = 4.5;

    /// The theme's CSS with every text colour that is too faint on the theme's
    /// code background (both default themes have some: grey comments, light
    /// greens) moved towards black or white until it reaches AA contrast.
    fn readable(css: &str) -> String {
        let Some(bg) = css
            .split("background-color: #")
            .nth(1)
            .and_then(|rest| parse_hex(rest.get(..6)?))
        else {
            return css.to_string();
        };
        let towards = if luminance(bg) > 0.5 {
            [0u8; 3]
        } else {
            [255u8; 3]
        };
        let mut out = String::with_capacity(css.len());
        let mut rest = css;
        while let Some(p) = rest.find("color: #") {
            let (head, tail) = rest.split_at(p + "color: #".len());
            out.push_str(head);
            let is_text_colour = !head[..p].ends_with('-');
            match tail.get(..6).and_then(parse_hex) {
                Some(fg)
                    if is_text_colour
                        && !tail[6..].starts_with(|c: char| c.is_ascii_hexdigit()) =>
                {
                    let mut c = fg;
                    let mut step = 0.0;
                    while contrast(c, bg) < MIN_CONTRAST && step < 1.0 {
                        step += 0.05;
                        c = mix(fg, towards, step);
                    }
                    out.push_str(&format!("{:02x}{:02x}{:02x}", c[0], c[1], c[2]));
                    rest = &tail[6..];
                }
                _ => rest = tail,
            }
        }
        out.push_str(rest);
        out
    }

    fn parse_hex(h: &str) -> Option<[u8; 3]> {
        let v = |i: usize| u8::from_str_radix(h.get(i..i + 2)?, 16).ok();
        Some([v(0)?, v(2)?, v(4)?])
    }

    fn mix(a: [u8; 3], b: [u8; 3], t: f64) -> [u8; 3] {
        let m = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
        [m(a[0], b[0]), m(a[1], b[1]), m(a[2], b[2])]
    }

    /// Relative luminance, as WCAG defines it.
    fn luminance(c: [u8; 3]) -> f64 {
        let f = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
    }

    fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn highlights_known_languages_with_classes() {
        static CELL: OnceLock<Syntaxes> = OnceLock::new();
        let h = Highlighter::with_cell(&CELL);
        let html = h.block("rust", "fn main() { let x = \"<b>\"; }\n");
        assert!(
            html.starts_with("<pre class=\"code\" data-lang=\"rust\">"),
            "{html}"
        );
        assert!(html.contains("<span class=\"source rust\">"), "{html}");
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn highlights_toml() {
        static CELL: OnceLock<Syntaxes> = OnceLock::new();
        let h = Highlighter::with_cell(&CELL);
        let html = h.block(
            "toml",
            "# site\n[site]\ntitle = \"会议\" # x\ncross_links = true\nmax = 200\n",
        );
        assert!(
            html.contains("<span class=\"comment line number-sign toml\">"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"entity name tag key toml\">title</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"string quoted double toml\">"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"constant language boolean toml\">true</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"constant numeric toml\">200</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"entity name section table toml\">site</span>"),
            "{html}"
        );
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        static CELL: OnceLock<Syntaxes> = OnceLock::new();
        let h = Highlighter::with_cell(&CELL);
        let html = h.block("no-such-lang\" onload=\"x", "<i>");
        assert!(
            html.contains("<code class=\"language-no-such-lang&quot;\">&lt;i&gt;</code>"),
            "{html}"
        );
    }

    #[test]
    fn every_code_colour_meets_aa_contrast() {
        let css = SYNTAX_CSS;
        let (light, dark) = css
            .split_once("@media (prefers-color-scheme: dark)")
            .unwrap();
        for (part, bg) in [(light, [0xff, 0xff, 0xff]), (dark, [0x2b, 0x30, 0x3b])] {
            let chunks: Vec<&str> = part.split("color: #").collect();
            for (before, chunk) in chunks.iter().zip(&chunks[1..]) {
                if before.ends_with('-') {
                    continue; // background-color
                }
                let fg = parse_hex(&chunk[..6]).unwrap();
                assert!(
                    contrast(fg, bg) >= MIN_CONTRAST,
                    "{} on {bg:?}",
                    &chunk[..6]
                );
            }
        }
        assert!(light.contains(".comment {\n   color: #"), "{light}");
    }

    /// A class one theme colours and the other does not keeps the other
    /// theme's text colour, never the first theme's on the second's
    /// background: neither theme's rules apply outside its media query.
    #[test]
    fn neither_themes_colours_leak_into_the_other() {
        let (header, rest) = SYNTAX_CSS.split_once("@media").unwrap();
        assert!(
            !header.contains('{'),
            "rules outside a media query: {header}"
        );
        assert!(rest.starts_with(" not all and (prefers-color-scheme: dark) {"));
        assert_eq!(SYNTAX_CSS.matches("@media").count(), 2);
    }

    #[test]
    fn syntax_css_has_light_and_dark() {
        assert!(SYNTAX_CSS.contains("@media (prefers-color-scheme: dark)"));
        assert!(SYNTAX_CSS.contains(".comment"), "{SYNTAX_CSS}");
    }

    /// The shipped `syntaxes/syntax.css` is what syntect's themes give.
    /// After a syntect update, `RECAP_BLESS=1 cargo test syntax_css` writes
    /// it again.
    #[test]
    fn shipped_syntax_css_is_made_from_syntects_themes() {
        let made = generate_syntax_css().unwrap();
        if std::env::var_os("RECAP_BLESS").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/render/syntaxes/syntax.css"
            );
            std::fs::write(path, &made).unwrap();
            return; // the binary still holds the old file until rebuilt
        }
        assert!(
            made == SYNTAX_CSS,
            "src/render/syntaxes/syntax.css is out of date: \
             run `RECAP_BLESS=1 cargo test syntax_css` to write it again"
        );
    }
}
