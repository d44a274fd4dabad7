//! Chinese and English prose that says a name is an organisation's:
//! `客户：A、B`, `Customers mentioned: A, B`, `X作为客户案例`, `X 的工程团队`.

use super::is_han;
use memchr::memmem;
use std::sync::OnceLock;

/// Heads of lists of organisations: `合作伙伴：Gartner、Airbnb`,
/// `Customers mentioned: Netflix, Airbnb`.
const LIST_HEADS: &[&str] = &[
    "合作伙伴：",
    "合作伙伴:",
    "客户案例：",
    "客户案例:",
    "客户故事：",
    "客户故事:",
    "客户分享：",
    "客户分享:",
    "客户实践：",
    "客户实践:",
    "客户：",
    "客户:",
    "Customers:",
    "Customer:",
    "Customers mentioned:",
    "Customer story:",
    "Customer stories:",
    "Partners:",
];

/// Whether the text between a list's head and a name holds only names
/// and what separates them (`Netflix, Airbnb and `, `Gartner、`): the name
/// is in the list, not in a sentence after it.
fn only_names(between: &str) -> bool {
    between.split([' ', ',', '、']).all(|w| {
        w.is_empty()
            || w == "and"
            || w == "&"
            || (w.starts_with(|c: char| c.is_uppercase() || c == '|')
                && w.chars().all(|c| {
                    (c.is_alphanumeric() && !is_han(c)) || matches!(c, '|' | '-' | '.' | '&')
                }))
    })
}

/// Where the lists of organisations in `text` begin (just after each
/// head), in order.
pub(super) fn list_starts(text: &str) -> Vec<usize> {
    // Made once: a `str` search sets itself up on every call, which on
    // every unit cost more than the search.
    static HEADS: OnceLock<Vec<memmem::Finder<'static>>> = OnceLock::new();
    let heads = HEADS.get_or_init(|| LIST_HEADS.iter().map(memmem::Finder::new).collect());
    let mut at: Vec<usize> = heads
        .iter()
        .flat_map(|h| {
            let n = h.needle().len();
            h.find_iter(text.as_bytes()).map(move |i| i + n)
        })
        .collect();
    at.sort_unstable();
    at
}

/// Chinese prose that says the name between `before` and `after` is an
/// organisation: `Airbnb作为客户案例`, `Nvidia、Accenture等企业均已…`, or a
/// name in a list that starts at one of `lists` (only names and `、`
/// between the list's head and this name).
pub(super) fn said_as_company(before: &str, after: &str, lists: &[usize]) -> bool {
    const AFTER: &[&str] = &[
        "作为客户",
        "等企业",
        "等公司",
        "等合作伙伴",
        "等伙伴",
        "等客户",
        "合作案例",
        "的客户案例",
        "的转型之路",
        "的迁移经验",
        "的迁移之路",
        "的上云之路",
        // What only people do: `Twilio 分享了使用经验`, `Pinterest 的工程团队`.
        "分享了",
        "的团队",
        "的工程团队",
        "的工程师",
        "的员工",
    ];
    // `客户 Pinterest`, `客户案例：Hertz`, `customers like Snap`.
    const BEFORE: &[&str] = &[
        "客户",
        "客户案例：",
        "客户案例:",
        "customers like",
        "customers such as",
        "customers including",
    ];
    let after = after.trim_start();
    let listed = match lists.partition_point(|&at| at <= before.len()) {
        0 => false,
        n => only_names(&before[lists[n - 1]..]),
    };
    listed
        || BEFORE.iter().any(|w| before.ends_with(w))
        || AFTER
            .iter()
            .any(|w| after.starts_with(w) && !after[w.len()..].starts_with('级'))
}
