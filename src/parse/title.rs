//! Recap titles: `AWS re:Invent 2025 分会场总结：通过合作伙伴…` → conference,
//! session kind and topic.

use super::lines::simplified;
use crate::model::Title;
use crate::pattern::Regex;
use std::sync::LazyLock;

/// Session kinds recognised in titles, longest first.
const KINDS: &[&str] = &[
    "主题演讲",
    "分会场",
    "专题演讲",
    "技术分享",
    "圆桌讨论",
    "工作坊",
    "闪电演讲",
    "开发者论坛",
    "Keynote",
    "Breakout",
    "Workshop",
    "Panel",
    "Chalk Talk",
    "Lightning Talk",
];

static TITLE_CONF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new_anchored(r"^(.*?(?:19|20)[0-9]{2})(?:\s*[-–—|:：]\s*|\s+|$)(.*)$").unwrap()
});

/// `Session: …`, `议题：…`: a head that says the topic follows, and is
/// none of it.
fn names_the_topic(head: &str) -> bool {
    const LABELS: &[&str] = &[
        "session",
        "talk",
        "title",
        "topic",
        "session title",
        "议题",
        "题目",
        "主题",
        "标题",
        "场次",
    ];
    LABELS.iter().any(|l| head.eq_ignore_ascii_case(l))
}

/// Split a title into conference, kind and topic. Markdown emphasis in
/// it (`用**Kiro**重塑…`) is how the note-taker marked a name, not part of
/// the title a reader sees in headings, tabs and feeds.
pub fn split_title(full: &str) -> Title {
    let full = &without_emphasis(&as_read(full));
    let mut title = Title {
        full: full.to_string(),
        ..Default::default()
    };
    let rest = match TITLE_CONF.captures(full) {
        Some(c) => {
            title.conference = Some(c[1].trim().to_string());
            c[2].trim().to_string()
        }
        None => full.to_string(),
    };
    let rest = rest.trim();
    // The `:` of `https://` separates nothing.
    let separator = rest
        .match_indices(['：', ':', '｜', '|'])
        .find(|&(i, m)| !(m == ":" && rest[i + 1..].starts_with("//")));
    let (head, topic) = match separator {
        Some((i, m)) => (rest[..i].trim(), rest[i + m.len()..].trim()),
        None => (rest, ""),
    };
    let head_core = strip_suffixes(head);
    // Kinds written in traditional Chinese (`分會場`) are found by their
    // simplified form and kept as written (the two are as long).
    let simple = simplified(head_core);
    title.kind = KINDS.iter().find_map(|k| {
        if simple.starts_with(*k) {
            Some(head_core[..k.len()].to_string())
        } else if simple.ends_with(*k) {
            Some(head_core[head_core.len() - k.len()..].to_string())
        } else {
            None
        }
    });
    // `技术讲座总结：…`: before `总结` and a `:`, the kind of talk.
    let summary_of = head_core.len() < head.len() && !head_core.is_empty();
    if title.kind.is_none() && !topic.is_empty() && summary_of && head_core.chars().count() <= 8 {
        title.kind = Some(head_core.to_string());
    }
    title.topic = if !topic.is_empty() {
        // `Deep Dive: …`, `Amazon Bedrock：…`: a head that is no kind of
        // talk is the topic's own first words, not to be lost.
        if title.kind.is_some() || head_core.is_empty() || names_the_topic(head) {
            topic.to_string()
        } else {
            rest.to_string()
        }
    } else if let Some(k) = &title.kind {
        let t = head_core.replace(k.as_str(), "");
        if t.trim().is_empty() {
            k.clone()
        } else {
            t.trim().to_string()
        }
    } else if head_core.is_empty() {
        full.to_string()
    } else {
        head_core.to_string()
    };
    title
}

/// The title as a reader sees it: a link as its label, code and pasted
/// markup as [`crate::shown::READINGS`] read them, an image left out
/// (`![logo](logo.png) 主题演讲` is the talk's title, not the logo's)
/// unless the title is nothing but images: then their alt text.
fn as_read(full: &str) -> String {
    let images = crate::media::find(full);
    let without_images = crate::shown::shown_text(
        full,
        images
            .iter()
            .map(|i| (i.whole.clone(), i.whole.start..i.whole.start)),
    );
    let text = if images.is_empty() || without_images.trim().is_empty() {
        std::borrow::Cow::Borrowed(full)
    } else {
        // Where an image stood between words, one space.
        std::borrow::Cow::Owned(
            without_images
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        )
    };
    // All readings but the last, footnote references: the title's own
    // notes are taken out before, and `[^无]`, a reference to no note,
    // stays as written.
    let readings = &crate::shown::READINGS[..crate::shown::READINGS.len() - 1];
    crate::shown::read_through(text, readings).into_owned()
}

/// `full` without `**` and backtick markers, when each kind pairs up (an
/// odd one out may be meant as it is: `C**`).
fn without_emphasis(full: &str) -> String {
    let mut out = full.to_string();
    for marker in ["**", "`"] {
        let n = out.matches(marker).count();
        if n > 0 && n % 2 == 0 {
            out = out.replace(marker, "");
        }
    }
    out
}

fn strip_suffixes(s: &str) -> &str {
    let mut s = s.trim();
    for suf in [
        "会议总结",
        "总结",
        "回顾",
        "纪要",
        "会议笔记",
        "笔记",
        "会议记录",
        "速记",
        "Recap",
        "recap",
        "Summary",
        "summary",
    ] {
        // `…之后的总结`: the word is the title's own noun. `會議總結` is
        // as long as `会议总结`.
        if let Some(r) = simplified(s)
            .strip_suffix(suf)
            .map(|r| &s[..r.len()])
            .filter(|r| !r.trim_end().ends_with(['的', '之']))
        {
            s = r.trim();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_reads_as_shown() {
        let t = split_title("[AWS](https://aws.amazon.com) 主题演讲总结");
        assert_eq!(t.full, "AWS 主题演讲总结");
        assert_eq!(t.kind.as_deref(), Some("主题演讲"));
        let t = split_title("![logo](img/logo.png) Amazon Connect 会议总结");
        assert_eq!(
            (t.full.as_str(), t.topic.as_str()),
            ("Amazon Connect 会议总结", "Amazon Connect")
        );
        assert_eq!(split_title("![Kiro 发布会](kiro.png)").full, "Kiro 发布会");
        let t = split_title("<https://kiro.dev> 深度解析");
        assert_eq!(
            (t.full.as_str(), t.topic.as_str()),
            ("https://kiro.dev 深度解析", "https://kiro.dev 深度解析")
        );
        let t = split_title("主题演讲：https://kiro.dev 上手");
        assert_eq!(t.topic, "https://kiro.dev 上手");
    }

    #[test]
    fn titles_split_into_parts() {
        let t = split_title("AWS re:Invent 2025 分会场总结：通过合作伙伴解决方案扩展生成式AI");
        assert_eq!(t.conference.as_deref(), Some("AWS re:Invent 2025"));
        assert_eq!(t.kind.as_deref(), Some("分会场"));
        assert_eq!(t.topic, "通过合作伙伴解决方案扩展生成式AI");
        let t = split_title("AWS re:Invent 2025 - Amazon Connect 会议总结");
        assert_eq!(t.kind, None);
        assert_eq!(t.topic, "Amazon Connect");
        let t = split_title("时间线之后的总结");
        assert_eq!(t.topic, "时间线之后的总结");
        let t = split_title("AWS re:Invent 2025 主题演讲总结");
        assert_eq!(t.kind.as_deref(), Some("主题演讲"));
        let t = split_title("AWS re:Invent 2025 中小企业AI转型指南会议总结");
        assert_eq!(t.topic, "中小企业AI转型指南");
        // In traditional Chinese, kept as written.
        let t = split_title("AWS re:Invent 2025 分會場總結：生成式 AI 的擴展");
        assert_eq!(t.kind.as_deref(), Some("分會場"));
        assert_eq!(t.topic, "生成式 AI 的擴展");
        let t = split_title("AWS re:Invent 2025 企業轉型指南會議總結");
        assert_eq!(t.topic, "企業轉型指南");
    }

    /// What stands before a `:` and is no kind of talk stays in the topic,
    /// where the page's heading shows it.
    #[test]
    fn a_head_that_is_no_kind_stays_in_the_topic() {
        for (full, topic) in [
            (
                "Deep Dive: Building Resilient Systems with Amazon Aurora DSQL",
                "Deep Dive: Building Resilient Systems with Amazon Aurora DSQL",
            ),
            (
                "AWS re:Invent 2025 - Amazon Bedrock：构建 AI 代理",
                "Amazon Bedrock：构建 AI 代理",
            ),
            ("Workshop: Kiro 上手", "Kiro 上手"),
            ("会议总结：Kiro 上手", "Kiro 上手"),
            (
                "会议笔记｜AgentCore 实战（AIM401）",
                "AgentCore 实战（AIM401）",
            ),
            ("Kiro 上手笔记", "Kiro 上手"),
            ("AWS re:Invent 2025 技术讲座总结：Kiro 上手", "Kiro 上手"),
            (
                "Session: CMP320 — Graviton4 Deep Dive",
                "CMP320 — Graviton4 Deep Dive",
            ),
            ("议题：金融行业的 AI 实践", "金融行业的 AI 实践"),
        ] {
            assert_eq!(split_title(full).topic, topic, "{full}");
        }
        let t = split_title("AWS re:Invent 2025 技术讲座总结：Kiro 上手");
        assert_eq!(t.kind.as_deref(), Some("技术讲座"));
    }

    #[test]
    fn emphasis_is_not_part_of_a_title() {
        let t = split_title("AWS re:Invent 2025 用**Kiro**重塑电信客户体验会议总结");
        assert_eq!(t.full, "AWS re:Invent 2025 用Kiro重塑电信客户体验会议总结");
        assert_eq!(t.topic, "用Kiro重塑电信客户体验");
        let t = split_title("主题演讲总结：`recap build` 与 **Amazon S3**");
        assert_eq!(t.full, "主题演讲总结：recap build 与 Amazon S3");
        // An unpaired marker stays.
        assert_eq!(split_title("C** 与 Rust").full, "C** 与 Rust");
    }
}
