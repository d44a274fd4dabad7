//! `亚马逊 CTO 沃纳·沃格斯（Werner Vogels）`: a foreign name written in
//! Chinese characters (its parts joined by a middle dot), then the name as
//! its bearer writes it, in brackets. The person is the bracketed name,
//! the one the rest of a recap and other recaps write; the role and the
//! organisation are what comes before.

use super::{make, role_word, split_org_role, LATIN_NAME};
use crate::model::SpeakerRef;
use crate::pattern::Regex;
use std::sync::OnceLock;

/// The dots Chinese text joins the parts of a foreign name with.
const NAME_DOTS: [char; 4] = ['·', '・', '•', '‧'];

/// The speakers `line` introduces this way, each with where it starts.
pub(super) fn find(
    line: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> Vec<(usize, SpeakerRef)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    if !line.contains(NAME_DOTS) {
        return Vec::new();
    }
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?P<han>\p{{Han}}{{1,8}}(?:[·・•‧]\p{{Han}}{{1,8}})+)\s*[（(](?P<latin>{LATIN_NAME})[）)]"
        ))
        .unwrap()
    });
    re.captures_iter(line)
        .filter_map(|c| {
            let han = c.name("han").unwrap();
            let latin = c.name("latin").unwrap().as_str();
            let (role, org) = role_before(&line[..han.start()], org_of);
            make(latin, role.as_deref(), org.as_deref(), org_of).map(|s| (han.start(), s))
        })
        .collect()
}

/// The role and organisation written just before a name, in its clause
/// and after a `由`: `亚马逊 CTO` → CTO, Amazon. Nothing unless a role
/// word is there (`嘉宾` is no role).
fn role_before(
    text: &str,
    org_of: &dyn Fn(&str) -> Option<(String, bool)>,
) -> (Option<String>, Option<String>) {
    let clause = text
        .rsplit([
            '，', '。', '；', '：', ':', ',', ';', '、', '（', '）', '(', ')', '由',
        ])
        .next()
        .unwrap_or(text)
        .trim();
    if clause.is_empty() || !role_word().is_match(clause) {
        return (None, None);
    }
    let (org, role) = split_org_role(clause, org_of);
    (role, org)
}

#[cfg(test)]
mod tests {
    use super::find;

    fn org_of(s: &str) -> Option<(String, bool)> {
        (s.trim() == "亚马逊").then(|| ("亚马逊".to_string(), false))
    }

    fn names(line: &str) -> Vec<(String, Option<String>, Option<String>)> {
        find(line, &org_of)
            .into_iter()
            .map(|(_, s)| (s.name, s.role, s.org))
            .collect()
    }

    #[test]
    fn the_bracketed_name_is_the_person() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            names("亚马逊 CTO 沃纳·沃格斯（Werner Vogels）发表了主题演讲"),
            [("Werner Vogels".to_string(), some("CTO"), some("亚马逊"))]
        );
        assert_eq!(
            names("本场由 Acme 首席科学家 安娜・李（Anna Lee）主讲，嘉宾约翰·史密斯(John Smith)"),
            [
                ("Anna Lee".to_string(), some("首席科学家"), some("Acme")),
                ("John Smith".to_string(), None, None)
            ]
        );
        assert!(names("沃纳·沃格斯（CTO）").is_empty());
        assert!(names("亚马逊 CTO Werner Vogels").is_empty());
    }
}
