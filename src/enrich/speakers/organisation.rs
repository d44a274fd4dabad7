//! The organisation and the role in the words around a speaker's name:
//! `AWS首席架构师`, `Amazon Connect 副总裁`, `Acme 公司`.

use super::{is_han, role_word};

/// Split `AWS首席架构师` / `Amazon Connect 副总裁` / `字节跳动 资深工程师` into
/// organisation and role.
pub(super) fn split_org_role(
    prefix: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> (Option<String>, Option<String>) {
    if prefix.is_empty() {
        return (None, None);
    }
    // Longest leading piece that is a known organisation or product.
    let mut cuts: Vec<usize> = prefix
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain([prefix.len()])
        .collect();
    cuts.reverse();
    for cut in cuts {
        let head = prefix[..cut].trim();
        let tail = prefix[cut..].trim();
        // Never inside a Latin word: `AWS H` + `ero`.
        let in_word = prefix[..cut].ends_with(|c: char| c.is_ascii_alphanumeric())
            && prefix[cut..].starts_with(|c: char| c.is_ascii_alphanumeric());
        if head.is_empty() || tail.is_empty() && cut != prefix.len() || in_word {
            continue;
        }
        if let Some((org, is_product)) = org_of(head) {
            let role = if is_product {
                Some(format!("{head} {tail}").trim().to_string())
            } else {
                // What follows the organisation, spaced as written: `AWS
                // AGI 副总裁` → `AGI 副总裁`.
                match prefix.trim().strip_prefix(org.as_str()) {
                    Some(rest) if !left_after(head, &org).is_empty() => {
                        Some(rest.trim().to_string()).filter(|r| !r.is_empty())
                    }
                    _ => join_role(left_after(head, &org), tail),
                }
            };
            return (Some(org), role);
        }
    }
    // `埃森哲（Accenture）大中华区技术总监`: an organisation written in both
    // scripts, then the role; the name in Latin is the one the rest of a
    // recap writes.
    if let Some((head, rest)) = prefix.split_once(['（', '(']) {
        if let Some((latin, role)) = rest.split_once(['）', ')']) {
            let latin = latin.trim();
            let named = head.chars().all(is_han)
                && latin.starts_with(|c: char| c.is_ascii_uppercase())
                && latin
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " .&-".contains(c));
            if named && !head.is_empty() && role_word().is_match(role) {
                let org = org_of(latin).map_or_else(|| latin.to_string(), |(org, _)| org);
                return (Some(org), Some(role.trim().to_string()));
            }
        }
    }
    // Unknown organisation: `Org Role` separated by a space, the longest
    // such organisation in one script (`Anchor Runtime 总经理`, not
    // `Acme Labs 首席`), or a Latin organisation glued to a Chinese role
    // (`Nova 5 Ultra总经理`, not split before `Ultra`).
    let mixed = |s: &str| s.contains(is_han) && s.contains(|c: char| c.is_ascii_alphanumeric());
    for (at, _) in prefix.rmatch_indices(' ') {
        let (head, tail) = (&prefix[..at], &prefix[at + 1..]);
        // The tail starts with Latin that runs into the Chinese role.
        let glued = tail.starts_with(|c: char| c.is_ascii_alphanumeric())
            && tail.char_indices().any(|(i, c)| {
                is_han(c) && tail[..i].ends_with(|p: char| p.is_ascii_alphanumeric())
            });
        if (!mixed(head) || names_an_organisation(head))
            && !glued
            && !role_word().is_match(head)
            && role_word().is_match(tail)
        {
            return (Some(without_gongsi(head)), Some(tail.trim().to_string()));
        }
    }
    let latin: String = prefix
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == ' ' || *c == '.' || *c == '&')
        .collect();
    let latin = latin.trim();
    if !latin.is_empty() && latin.len() < prefix.len() && !role_word().is_match(latin) {
        return (
            Some(latin.to_string()),
            Some(prefix[latin.len()..].trim().to_string()),
        );
    }
    (None, Some(prefix.to_string()))
}

/// `Acme 公司`, `Orero 集团`, `Acme Labs Inc.`: ends with a word that
/// names an organisation, so it is one, in whatever scripts it is written.
fn names_an_organisation(head: &str) -> bool {
    const ENDS: [&str; 14] = [
        "公司",
        "集团",
        "科技",
        "银行",
        "大学",
        "学院",
        "研究院",
        "研究所",
        "实验室",
        "基金会",
        "Inc.",
        "Ltd.",
        "LLC",
        "GmbH",
    ];
    let head = head.trim();
    ENDS.iter().any(|e| head.ends_with(e))
}

/// `Acme 公司` is the company Acme: `公司` ("company") is what it is, not
/// its name, which the rest of the recap writes without it. Other such
/// words (`银行`, `大学`) are part of a name (`桑坦德银行`).
fn without_gongsi(org: &str) -> String {
    let org = org.trim();
    org.strip_suffix("公司")
        .map(str::trim_end)
        .filter(|name| name.chars().count() >= 2)
        .unwrap_or(org)
        .to_string()
}

/// What is left of `written` after the organisation `org_of` found at
/// its start: `AI` of `Writer AI`.
pub(super) fn left_after<'a>(written: &'a str, org: &str) -> &'a str {
    written.trim().strip_prefix(org).map_or("", str::trim)
}

/// `AI` and `负责人` → `AI负责人`; `AI` and `Lead` → `AI Lead`.
pub(super) fn join_role(before: &str, role: &str) -> Option<String> {
    let gap = if role.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        " "
    } else {
        ""
    };
    Some(format!("{before}{gap}{role}").trim().to_string()).filter(|r| !r.is_empty())
}
