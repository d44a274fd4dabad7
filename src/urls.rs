//! Web addresses in recap prose: `https://…`, `www.…`, bare domains
//! (`aws.amazon.com`, `github.com/awslabs/…`) and email addresses, and
//! Markdown links around them.
//!
//! Note-takers paste links. Their path segments (`/bedrock/AgentCore/`,
//! `github.com/FooBar/BazQux`) are not mentions: enrichment reads the text
//! with every address blanked out ([`mask`]), and the renderer makes each
//! address a link ([`find`]).

use regex::Regex;
use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

/// An address found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebLink {
    /// What is shown as the link: the address itself, or a Markdown
    /// link's label.
    pub text: Range<usize>,
    /// The whole written form, `[label](address)` for a Markdown link.
    pub whole: Range<usize>,
    /// Where the link goes: the address, with `https://` before a bare
    /// domain or `www.`, `mailto:` before an email address.
    pub href: String,
}

impl WebLink {
    /// What is written but not shown: a Markdown link's `[` and `](…)`.
    pub fn syntax(&self) -> impl Iterator<Item = Range<usize>> {
        [
            self.whole.start..self.text.start,
            self.text.end..self.whole.end,
        ]
        .into_iter()
        .filter(|r| !r.is_empty())
    }
}

/// Printable ASCII an address may hold: not quotes, angle brackets or
/// spaces, and no Chinese, so `https://a.org/x与…` ends before `与`.
const URL_CHARS: &str = r"[A-Za-z0-9\-._~:/?#@!$&*+,;=%()\[\]]";

/// Top-level domains of bare addresses with a path (`github.com/aws/…`).
const TLDS: &str = "com|org|net|io|dev|cn|ai|app|co|edu|gov|aws";
/// Top-level domains of bare addresses without one (`aws.amazon.com`),
/// written in lower case: `ASP.NET` and `Amazon.com` are names.
const BARE_TLDS: &str = "com|org|net|io|dev|cn|ai|edu|gov";

static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b(?i:https?://|www\.){URL_CHARS}+|\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{{2,}}\b|\b[A-Za-z0-9][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)*\.(?:{TLDS})/{URL_CHARS}*|(?-u:\b)[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:{BARE_TLDS})(?-u:\b))"
    ))
    .expect("the address pattern is valid")
});

/// Whether `url` is an absolute `http://` or `https://` URL with a host
/// after the scheme and no spaces or control characters (the scheme as
/// written: lower-case it first to allow `HTTPS://`).
pub fn is_web_url(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        r.starts_with(|c: char| c.is_alphanumeric() || c == '[')
            && !r.contains(|c: char| c.is_whitespace() || c.is_control())
    })
}

/// Every address in `text`, left to right, without overlaps.
pub fn find(text: &str) -> Vec<WebLink> {
    if !maybe_has_address(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in ADDRESS.find_iter(text) {
        let (start, end) = (m.start(), m.start() + trim_end(m.as_str()));
        // `https://` alone, or `www.` with nothing after it.
        if !text[start..end].contains(|c: char| c.is_ascii_alphanumeric() && c != 'w')
            || end - start < 5
        {
            continue;
        }
        let address = &text[start..end];
        // `foo_bar.com`, `x@y.com`'s tail, `-a.com`: part of something else.
        if text[..start].ends_with(['.', '/', '@', '-', '_'])
            || text[end..].starts_with(['-', '_', '@'])
        {
            continue;
        }
        let lower = address.to_ascii_lowercase();
        let href = if lower.starts_with("http://") || lower.starts_with("https://") {
            if !address[lower.find("://").unwrap_or(0) + 3..]
                .starts_with(|c: char| c.is_ascii_alphanumeric())
            {
                continue;
            }
            // `HTTPS://` too, with the scheme as browsers and `href` checks
            // expect it.
            let colon = lower.find(':').unwrap_or(0);
            format!("{}{}", &lower[..colon], &address[colon..])
        } else if address.contains('@') && !address.contains('/') {
            format!("mailto:{address}")
        } else {
            format!("https://{address}")
        };
        out.push(markdown_link(text, start..end, href));
    }
    out
}

/// `text` with each Markdown link to an address written as its label and
/// each `<address>` as the address: what a reader sees of them, for
/// search, summaries and descriptions.
pub fn with_link_text(text: &str) -> Cow<'_, str> {
    crate::shown::shown_text(text, label_parts(text))
}

/// Each link of `text` written with syntax around what it shows (a
/// Markdown link, an `<address>`) as a part that shows its label.
pub fn label_parts(text: &str) -> Vec<crate::shown::Part> {
    find(text)
        .into_iter()
        .filter(|l| l.text != l.whole)
        .map(|l| (l.whole, l.text))
        .collect()
}

/// The target of a Markdown link, whatever it is (`](javascript:…)`,
/// `](data:…)`): not prose either.
static LINK_TARGET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\]\((?:[^()\s]|\([^()\s]*\))*\)").expect("the target pattern is valid")
});

/// `text` with every address (and the `](…)` of any Markdown link) turned
/// into `|`, byte for byte, so offsets into it are offsets into `text`. Not
/// spaces: `Amazon https://x.org Bedrock` would read as `Amazon Bedrock`.
pub fn mask(text: &str) -> Cow<'_, str> {
    let found = find(text);
    let targets: Vec<Range<usize>> = if text.contains("](") {
        LINK_TARGET.find_iter(text).map(|m| m.range()).collect()
    } else {
        Vec::new()
    };
    if found.is_empty() && targets.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in targets {
        bytes[r].fill(b'|');
    }
    for link in &found {
        for r in link.syntax() {
            bytes[r].fill(b'|');
        }
        if link.text == link.whole {
            bytes[link.text.clone()].fill(b'|');
        }
    }
    // Whole characters were replaced by ASCII bytes: still UTF-8.
    Cow::Owned(String::from_utf8(bytes).expect("whole characters replaced keep UTF-8 valid"))
}

/// A cheap test that `text` cannot hold an address: most prose has none.
/// It runs on every piece of text, excerpt and search document of a site,
/// so the searchers for `www.` are built once (building one took longer
/// than searching a sentence).
fn maybe_has_address(text: &str) -> bool {
    use memchr::memmem::Finder;
    static WWW: LazyLock<[Finder<'static>; 2]> =
        LazyLock::new(|| [Finder::new(b"www."), Finder::new(b"WWW.")]);
    let b = text.as_bytes();
    memchr::memchr2(b'/', b'@', b).is_some()
        || WWW.iter().any(|f| f.find(b).is_some())
        || may_have_bare_domain(b)
}

/// Whether `b` has a `.` before one of [`BARE_TLDS`] that ends there.
/// Most dots are in figures (`3.5`), names (`Node.js`) or at the end of an
/// English sentence: one byte after each rules them out.
fn may_have_bare_domain(b: &[u8]) -> bool {
    memchr::memchr_iter(b'.', b).any(|i| {
        let rest = &b[i + 1..];
        rest.first().is_some_and(|c| c.is_ascii_lowercase())
            && BARE_TLDS.split('|').any(|tld| {
                rest.starts_with(tld.as_bytes())
                    && !rest
                        .get(tld.len())
                        .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            })
    })
}

/// How much of `m` is the address: trailing punctuation belongs to the
/// sentence, and a `)` only to the address when the address opened one.
fn trim_end(m: &str) -> usize {
    let open = m.matches('(').count();
    let mut close = m.matches(')').count();
    let mut end = m.len();
    // Every character looked at is ASCII: the pattern matches nothing else.
    while let Some(&last) = m.as_bytes()[..end].last() {
        match last {
            b'.' | b',' | b';' | b':' | b'!' | b'?' | b'*' | b'\'' | b'[' | b']' => {}
            b')' if open < close => close -= 1,
            _ => return end,
        }
        end -= 1;
    }
    end
}

/// The longest Markdown link label looked for, in bytes: a `[` further back
/// than this does not open one (and looking for it at every address of a
/// long line would take time with the square of its length).
const MAX_LABEL: usize = 300;

/// The address at `at` as a Markdown link `[label](address)` when it is
/// the target of one, with its angle brackets when written `<address>`
/// (Markdown's autolink: the brackets are not shown), else as itself.
fn markdown_link(text: &str, at: Range<usize>, href: String) -> WebLink {
    let before = &text[..at.start];
    let after = &text[at.end..];
    if before.ends_with('<') && after.starts_with('>') {
        return WebLink {
            whole: at.start - 1..at.end + 1,
            text: at,
            href,
        };
    }
    if let (Some(head), Some(rest)) = (before.strip_suffix("]("), after.strip_prefix(')')) {
        let mut from = head.len().saturating_sub(MAX_LABEL);
        while !head.is_char_boundary(from) {
            from += 1;
        }
        let plain = label_open(&head[from..]).map(|i| from + i);
        // Or a linked image: `[![图](a.png)](https://…)`.
        let image = || {
            let open = from + head[from..].rfind("[![")?;
            let label = &head[open + 1..];
            let found = crate::media::find(label);
            (found.len() == 1 && found[0].whole == (0..label.len())).then_some(open)
        };
        if let Some(open) = plain.or_else(image) {
            let end = text.len() - rest.len();
            return WebLink {
                text: open + 1..head.len(),
                whole: open..end,
                href,
            };
        }
    }
    WebLink {
        text: at.clone(),
        whole: at,
        href,
    }
}

/// Where the label of a Markdown link whose `](` follows `head` opens:
/// the last `[` of `head`, with nothing but text after it, or footnote
/// references (`[官方博客[^1]](https://…)`).
fn label_open(head: &str) -> Option<usize> {
    let refs = crate::footnotes::references(head);
    let in_ref = |at: usize| refs.iter().any(|r| r.whole.contains(&at));
    let open = head
        .char_indices()
        .rev()
        .find(|&(i, c)| c == '[' && !in_ref(i))
        .map(|(i, _)| i)?;
    let mut shown = head[open + 1..]
        .char_indices()
        .map(|(i, c)| (open + 1 + i, c))
        .filter(|&(i, _)| !in_ref(i))
        .peekable();
    (shown.peek().is_some() && shown.all(|(_, c)| !matches!(c, ']' | '\n'))).then_some(open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls_have_a_host_and_no_spaces() {
        for good in [
            "https://example.org",
            "http://a.b/c?d=e",
            "https://[::1]:8080/",
            "https://例子.中国/",
        ] {
            assert!(is_web_url(good), "{good}");
        }
        for bad in [
            "https://",
            "http://",
            "https:///path",
            "https://a b",
            "https://a\nb",
            "ftp://example.org",
            "javascript:alert(1)",
            "//example.org",
            "example.org",
        ] {
            assert!(!is_web_url(bad), "{bad:?}");
        }
    }

    fn shown(text: &str) -> Vec<(&str, String)> {
        find(text)
            .into_iter()
            .map(|l| (&text[l.text], l.href))
            .collect()
    }

    #[test]
    fn addresses_end_where_the_sentence_goes_on() {
        let text = "详见 https://aws.amazon.com/cn/bedrock/AgentCore/ 和 https://github.com/awslabs/MyCoolProject。代码在 github.com/FooBar/BazQux，官网 www.TestSite.com.";
        assert_eq!(
            shown(text),
            [
                (
                    "https://aws.amazon.com/cn/bedrock/AgentCore/",
                    "https://aws.amazon.com/cn/bedrock/AgentCore/".to_string()
                ),
                (
                    "https://github.com/awslabs/MyCoolProject",
                    "https://github.com/awslabs/MyCoolProject".to_string()
                ),
                (
                    "github.com/FooBar/BazQux",
                    "https://github.com/FooBar/BazQux".to_string()
                ),
                ("www.TestSite.com", "https://www.TestSite.com".to_string()),
            ]
        );
        assert_eq!(
            shown("(see https://x.org/a_(b))")[0].0,
            "https://x.org/a_(b)"
        );
        assert_eq!(shown("(see https://x.org/a)")[0].0, "https://x.org/a");
        assert_eq!(shown("见 HTTPS://X.org/A")[0].1, "https://X.org/A");
        assert_eq!(
            shown("联系 john.doe@AcmeCorp.com 或 Support@ZetaWorks.io。"),
            [
                (
                    "john.doe@AcmeCorp.com",
                    "mailto:john.doe@AcmeCorp.com".to_string()
                ),
                (
                    "Support@ZetaWorks.io",
                    "mailto:Support@ZetaWorks.io".to_string()
                ),
            ]
        );
    }

    #[test]
    fn bare_domains_are_addresses() {
        assert_eq!(
            shown("访问 aws.amazon.com 了解，或docs.example.org。"),
            [
                ("aws.amazon.com", "https://aws.amazon.com".to_string()),
                ("docs.example.org", "https://docs.example.org".to_string())
            ]
        );
        for text in [
            "Amazon.com 与 ASP.NET",
            "config.yaml、README.md、index.js、v1.2.3、3.5 倍",
            "foo_bar.com、a.comx、.com",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn names_and_versions_are_not_addresses() {
        for text in [
            "Node.js 与 ASP.NET/C# 对比",
            "吞吐 10/20 Gbps，P5/P6 实例",
            "https:// 后面没有地址，www. 也没有",
            "javascript:alert(1)",
            "recall@10 与 @Kiro 团队",
            "Amazon Bedrock 很快",
        ] {
            assert!(find(text).is_empty(), "{text}: {:?}", find(text));
        }
    }

    #[test]
    fn an_address_before_many_parens_or_after_one_bracket_is_found() {
        // (`python3 bench/stress.py --only parens,brackets` times these.)
        let parens = format!("见 https://x.org/a{}", ")".repeat(100_000));
        assert_eq!(shown(&parens)[0].0, "https://x.org/a");
        let brackets = format!("[{}", "a](https://x.org/b) ".repeat(20_000));
        assert_eq!(find(&brackets).len(), 20_000);
    }

    #[test]
    fn a_markdown_link_shows_its_label() {
        let text = "见[开发者文档](https://docs.example.org/GuideBook/Intro)。";
        let [l] = find(text).try_into().unwrap();
        assert_eq!(&text[l.text.clone()], "开发者文档");
        assert_eq!(
            &text[l.whole.clone()],
            "[开发者文档](https://docs.example.org/GuideBook/Intro)"
        );
        assert_eq!(l.href, "https://docs.example.org/GuideBook/Intro");
    }

    #[test]
    fn a_label_may_end_with_footnote_references() {
        let text = "详见[官方博客[^2]](https://aws.amazon.com/blogs/)。";
        let [l] = find(text).try_into().unwrap();
        assert_eq!(&text[l.text.clone()], "官方博客[^2]");
        assert_eq!(l.whole, text.find('[').unwrap()..text.len() - "。".len());
        // Other brackets still end the label; a reference alone is none.
        for (text, shown) in [
            ("[甲]乙[丙[^1]](https://a.org/x)", "丙[^1]"),
            ("[a]b](https://a.org/x)", "https://a.org/x"),
            ("[[^1]](https://a.org/x)", "https://a.org/x"),
        ] {
            let [l] = find(text).try_into().unwrap();
            assert_eq!(&text[l.text], shown, "{text}");
        }
    }

    #[test]
    fn an_address_in_angle_brackets_shows_without_them() {
        let text = "见 <https://example.org/x>。";
        let l = &find(text)[0];
        assert_eq!(&text[l.text.clone()], "https://example.org/x");
        assert_eq!(&text[l.whole.clone()], "<https://example.org/x>");
        assert_eq!(with_link_text(text), "见 https://example.org/x。");
        assert_eq!(
            with_link_text("详见[官方博客](https://aws.amazon.com/blogs/)与 a.org/b。"),
            "详见官方博客与 a.org/b。"
        );
        assert!(matches!(with_link_text("没有链接"), Cow::Borrowed(_)));
    }

    #[test]
    fn masking_blanks_addresses_and_keeps_offsets() {
        let text = "见[文档](https://d.org/GuideBook)和 https://x.org/ZetaLib 的 Amazon Bedrock";
        let masked = mask(text);
        assert_eq!(masked.len(), text.len());
        assert!(masked.contains("文档") && masked.contains("Amazon Bedrock"));
        assert!(!masked.contains("GuideBook") && !masked.contains("ZetaLib"));
        assert!(matches!(mask("没有网址"), Cow::Borrowed(_)));
        let script = "看[这里](JaVaScRiPt:alert(3))和[那里](data:text/html;base64,PHNjcmlwdD4=)";
        let masked = mask(script);
        assert!(
            masked.contains("这里") && masked.contains("那里"),
            "{masked}"
        );
        assert!(
            !masked.contains("JaVaScRiPt") && !masked.contains("base64"),
            "{masked}"
        );
    }
}
