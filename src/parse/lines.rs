//! What a line of a recap is, apart from timeline lines (`shapes`):
//! titles, the headings of its parts, rules, labels.

mod traditional;
pub(crate) use traditional::{as_written, pairs as traditional_pairs, simple_char, simplified};

/// A part of a recap that a heading opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    Overview,
    Timeline,
    /// `## 核心主题`: the key themes, one per line or separated.
    Themes,
    /// `## 备注`: the note.
    Note,
    /// A part the parser has no slot for.
    Other,
}

/// What a `##` heading opens, by the words in it (`## 详细时间线`,
/// `## 会议概述`, `## Key takeaways`).
pub fn classify_h2(h: &str) -> Heading {
    let lower = simplified(h).to_lowercase();
    // `## 🎯 核心主题`: a symbol before the name is decoration.
    let name = lower
        .trim_matches(['*', ' '])
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches([':', '：']);
    if THEME_LABELS.iter().any(|l| l.eq_ignore_ascii_case(name)) {
        return Heading::Themes;
    }
    if NOTE_LABELS.iter().any(|l| l.eq_ignore_ascii_case(name)) {
        return Heading::Note;
    }
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["时间线", "时间轴", "timeline", "议程", "agenda", "流程"]) {
        Heading::Timeline
    } else if has(&OVERVIEW_WORDS) {
        Heading::Overview
    } else {
        Heading::Other
    }
}

/// The labels of a line listing the key themes (`核心主题：A、B`). `主题`
/// alone is one only in a footer: elsewhere `主题：…` may open a line of
/// the timeline.
pub const THEME_LABELS: [&str; 8] = [
    "核心主题",
    "关键词",
    "关键字",
    "标签",
    "Key themes",
    "Keywords",
    "Tags",
    "主题",
];

/// The labels of a note (`注：…`).
pub const NOTE_LABELS: [&str; 5] = ["注", "备注", "注释", "Note", "Notes"];

/// `核心主题：A、B` anywhere in a recap, rule or not: `A、B`.
pub fn themes_line(t: &str) -> Option<&str> {
    strip_label(t, &THEME_LABELS[..THEME_LABELS.len() - 1])
}

/// A line of hashtags, `#云存储 #AmazonS3 #数据湖` (two or more): the
/// tags, as key themes.
pub fn hashtags(t: &str) -> Option<Vec<&str>> {
    let tags: Vec<&str> = t
        .split_whitespace()
        .map(|w| {
            w.strip_prefix('#')
                .filter(|w| !w.is_empty() && !w.starts_with('#'))
        })
        .collect::<Option<_>>()?;
    (tags.len() >= 2).then_some(tags)
}

/// Key themes as listed: `A、B，C; D / E`.
pub fn split_themes(list: &str) -> impl Iterator<Item = &str> {
    list.split(['、', ',', '，', ';', '；', '/'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

const OVERVIEW_WORDS: [&str; 11] = [
    "概述",
    "概览",
    "overview",
    "summary",
    "简介",
    "摘要",
    "概要",
    "会议信息",
    "基本信息",
    "session info",
    "session details",
];

/// A lesser heading that opens a part all the same, as some note-takers
/// mark their parts: `### 会议概述`, `**时间线**`, `【会议概述】`,
/// `**一、详细时间线：**`. Only a short heading made of a part's name
/// counts: `### 开场与要点` is a section of the timeline.
pub fn part_label(t: &str) -> Option<Heading> {
    let inner = section_heading(t).or_else(|| label_text(t))?;
    let name = inner
        .trim()
        .trim_matches('*')
        .trim_end_matches([':', '：'])
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || "一二三四五六七八九十、.． ".contains(c)
        })
        .trim();
    let lower = simplified(name).to_lowercase();
    if name.is_empty() || name.chars().count() > 8 {
        return None;
    }
    // The part's name, with at most a word of the kind a note-taker puts
    // before it: `### 自动摘要` is a section about summarising, not a part.
    let names = |words: &[&str]| {
        words.iter().any(|w| {
            lower
                .strip_suffix(w)
                .is_some_and(|before| ["", "会议", "详细", "内容", "session "].contains(&before))
        })
    };
    if names(&["时间线", "时间轴", "timeline", "议程", "agenda"]) {
        Some(Heading::Timeline)
    } else if names(&OVERVIEW_WORDS) {
        Some(Heading::Overview)
    } else {
        None
    }
}

/// The name of a part the parser has no slot for, written as a label on
/// a line of its own: `要点总结：`, `**Key takeaways:**`, `【个人思考】`.
/// What follows is that part, not more of the timeline's last entry.
/// (`### 总结` is a section of the timeline: talks end with one.)
pub fn other_part_label(t: &str) -> Option<&str> {
    const NAMES: [&str; 17] = [
        "要点",
        "要点总结",
        "关键要点",
        "核心要点",
        "核心观点",
        "总结",
        "亮点",
        "收获",
        "主要收获",
        "心得",
        "个人思考",
        "个人感想",
        "启示",
        "takeaways",
        "key takeaways",
        "key points",
        "highlights",
    ];
    let name = label_text(t)?
        .trim()
        .trim_end_matches([':', '：'])
        .trim_matches('*');
    let name = name.trim_end_matches([':', '：']).trim();
    let lower = simplified(name).to_lowercase();
    NAMES.contains(&lower.as_str()).then_some(name)
}

/// The text of a line that labels what follows, as note-takers mark a
/// part without a heading: `【会议概述】`, `**时间线**`, `时间线：` or
/// `**个人思考**：` alone on its line (a bullet, `- 要点：`, is none).
fn label_text(t: &str) -> Option<&str> {
    if let Some(h) = t.strip_prefix('【').and_then(|h| h.strip_suffix('】')) {
        return Some(h);
    }
    if let Some(h) = bold_line(t) {
        return Some(h);
    }
    let colon =
        t.ends_with(['：', ':']) && (t.starts_with("**") || !t.starts_with(['-', '*', '•']));
    colon.then_some(t)
}

/// A second-level heading written without its space, `##时间线`, when
/// it names a part: `##话题` stays text.
pub fn tight_h2(t: &str) -> Option<&str> {
    let h = t.strip_prefix("##")?;
    (!h.starts_with(['#', ' ', '\t']) && classify_h2(h) != Heading::Other).then_some(h)
}

/// A heading's text without the closing hashes some write after it:
/// `# 标题 #` → `标题`.
pub fn atx_text(h: &str) -> &str {
    let h = h.trim();
    let open = h.trim_end_matches('#');
    if open.len() < h.len() && (open.ends_with([' ', '\t']) || open.is_empty()) {
        open.trim_end()
    } else {
        h
    }
}

/// The text of a `###` or `####` heading: a section of the timeline, or
/// (when it is a part's name) a part.
/// The text of a `## heading` line (`## 第二部分`, `##第二部分`).
pub fn h2_text(t: &str) -> Option<&str> {
    t.strip_prefix("## ")
        .map(|h| atx_text(h).trim())
        .or_else(|| tight_h2(t))
}

pub fn section_heading(t: &str) -> Option<&str> {
    t.strip_prefix("### ").or_else(|| t.strip_prefix("#### "))
}

/// `**text**` filling the whole line.
fn bold_line(t: &str) -> Option<&str> {
    let inner = t.strip_prefix("**")?.strip_suffix("**")?;
    (!inner.is_empty() && !inner.contains("**")).then_some(inner)
}

/// The title on the first line of a recap that has no `# Title`:
/// `#标题` (no space, as many write it), `## 标题` that opens no known
/// part, `**标题**`, `标题：…` / `Title: …`.
pub fn first_line_title(t: &str) -> Option<&str> {
    let title = if let Some(h) = t.strip_prefix("## ") {
        let timed = super::shapes::timed(h).is_some() || super::shapes::heading_range(h).is_some();
        (classify_h2(h) == Heading::Other && !timed).then_some(h)?
    } else if let Some(h) = t.strip_prefix('#') {
        (!h.starts_with(['#', ' ', '\t'])).then_some(h)?
    } else if let Some(h) = bold_line(t) {
        (part_label(t).is_none() && super::shapes::timed(h).is_none()).then_some(h)?
    } else {
        strip_label(t, &["标题", "题目", "Title", "title"])?
    };
    let title = title.trim();
    (!title.is_empty()).then_some(title)
}

/// Whether a recap's first line, alone in its paragraph, is shaped like a
/// title written plainly (`AWS re:Invent 2025 会议笔记`): short (as long
/// as a video's title, with its event and code, may be), not a
/// sentence (no closing `。`, `.`, `!`, `？`, `，`, `：`), not a list item,
/// table row, quote, image, address or timed line, and not a label
/// (`讲者：张伟`, `Speaker: Jane Doe`: one short word before a colon).
pub fn is_plain_title(t: &str) -> bool {
    let t = t.trim();
    if t.is_empty()
        || t.chars().nth(120).is_some()
        || t.ends_with([
            '。', '.', '!', '！', '?', '？', '，', ',', '；', ';', '：', ':', '、',
        ])
        || t.starts_with(['|', '>', '!', '[', '<', '-', '*', '+', '#'])
        || t.contains("://")
        || super::shapes::bullet(t).is_some()
        || super::shapes::timed(t).is_some()
    {
        return false;
    }
    match t.find(['：', ':']) {
        Some(at) => {
            let label = t[..at].trim();
            !(label.chars().count() <= 4 || !label.contains(' ') && label.is_ascii())
        }
        None => true,
    }
}

/// Which lines are wholly an HTML comment (`<!-- 草稿 -->`, or `<!--` …
/// `-->` over several lines): notes to the writer, as in Markdown. A
/// comment that is never closed, or that text follows on its last line,
/// hides nothing.
pub fn comment_lines(body: &str) -> Vec<bool> {
    if !body.contains("<!--") {
        return Vec::new();
    }
    let lines: Vec<&str> = body.lines().map(str::trim).collect();
    let mut hidden = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines[i].strip_prefix("<!--") else {
            i += 1;
            continue;
        };
        let after_open = |j: usize| if j == i { first } else { lines[j] };
        let Some(close) = (i..lines.len()).find(|&j| after_open(j).contains("-->")) else {
            break;
        };
        if after_open(close).ends_with("-->") {
            hidden[i..=close].fill(true);
        }
        i = close + 1;
    }
    hidden
}

/// `===` under the title: a setext heading.
pub fn is_setext_rule(t: &str) -> bool {
    t.len() >= 3 && t.bytes().all(|b| b == b'=')
}

/// `【第一部分 · 标题】` on a line of its own, with no time in it.
pub fn bracket_heading(t: &str) -> Option<&str> {
    let inner = t.strip_prefix('【')?.strip_suffix('】')?;
    if inner.is_empty() || inner.contains('】') || super::shapes::is_timed(inner) {
        return None;
    }
    Some(inner.trim())
}

/// `---`, `***`, `___` (three or more, spaces between allowed) or a line
/// of box-drawing rules or dashes (`━━━`, `———`).
pub fn is_rule(t: &str) -> bool {
    // Called on every line: decided by the first mark, without allocating.
    let mut marks = t.chars().filter(|c| *c != ' ');
    if t.chars().nth(2).is_none() {
        return false;
    }
    let is_box = |c: char| matches!(c, '━' | '─' | '═' | '—' | '＿');
    match marks.next() {
        None => true,
        Some(c) if is_box(c) => marks.all(is_box),
        Some(c @ ('-' | '*' | '_')) => {
            let mut n = 1;
            marks.all(|m| {
                n += 1;
                m == c
            }) && n >= 3
        }
        Some(_) => false,
    }
}

/// Whether `written` is `label`, ASCII case aside, in either script.
fn same_label(written: &str, label: &str) -> bool {
    written
        .chars()
        .map(|c| simple_char(c).to_ascii_lowercase())
        .eq(label.chars().map(|c| c.to_ascii_lowercase()))
}

/// `核心主题：A、B` → `A、B` for any of the labels, with either colon.
pub fn strip_label<'t>(t: &'t str, labels: &[&str]) -> Option<&'t str> {
    let t = t.trim_start_matches(['*', ' ']);
    for l in labels {
        // Byte for byte: a traditional form is as long as its simplified one.
        let head = t.get(..l.len()).filter(|h| same_label(h, l));
        if let Some(rest) = head.map(|h| &t[h.len()..]) {
            let rest = rest.trim_start_matches(['*', ' ']);
            if let Some(r) = rest.strip_prefix('：').or_else(|| rest.strip_prefix(':')) {
                return Some(r.trim_start_matches('*').trim());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_of_a_part_with_no_slot_stands_alone() {
        for (line, name) in [
            ("要点总结：", "要点总结"),
            ("**Key takeaways:**", "Key takeaways"),
            ("**个人思考**：", "个人思考"),
            ("【心得】", "心得"),
        ] {
            assert_eq!(other_part_label(line), Some(name), "{line}");
        }
        for line in ["### 总结", "- 要点：", "总结：AI 很重要", "要点", "开场："] {
            assert_eq!(other_part_label(line), None, "{line}");
        }
    }

    #[test]
    fn parts_and_labels_read_in_traditional_chinese() {
        assert_eq!(classify_h2("詳細時間線"), Heading::Timeline);
        assert_eq!(classify_h2("會議概述"), Heading::Overview);
        assert_eq!(classify_h2("核心主題"), Heading::Themes);
        assert_eq!(part_label("**時間軸**"), Some(Heading::Timeline));
        assert_eq!(
            strip_label("核心主題：生成式AI、代理", &THEME_LABELS),
            Some("生成式AI、代理")
        );
        assert_eq!(strip_label("註：現場筆記", &NOTE_LABELS), Some("現場筆記"));
        assert_eq!(simplified("时间线"), "时间线");
    }

    /// The rule test as it was first written, collecting the marks.
    fn is_rule_by_collecting(t: &str) -> bool {
        let n = t.chars().count();
        let compact: String = t.chars().filter(|c| *c != ' ').collect();
        n >= 3
            && (compact
                .chars()
                .all(|c| matches!(c, '━' | '─' | '═' | '—' | '＿'))
                || (compact.len() >= 3
                    && (compact.chars().all(|c| c == '-')
                        || compact.chars().all(|c| c == '*')
                        || compact.chars().all(|c| c == '_'))))
    }

    #[test]
    fn hashtags_are_themes() {
        assert_eq!(
            hashtags("#云存储 #AmazonS3 #数据湖"),
            Some(vec!["云存储", "AmazonS3", "数据湖"])
        );
        assert_eq!(hashtags("#话题"), None);
        assert_eq!(hashtags("# 标题 #"), None);
        assert_eq!(hashtags("#甲 乙"), None);
        assert_eq!(hashtags("## 时间线"), None);
    }

    #[test]
    fn headings_as_some_write_them() {
        assert_eq!(classify_h2("🎯 核心主题"), Heading::Themes);
        assert_eq!(classify_h2("⏱️ 时间线"), Heading::Timeline);
        assert_eq!(tight_h2("##时间线"), Some("时间线"));
        assert_eq!(tight_h2("##话题"), None);
        assert_eq!(tight_h2("###时间线"), None);
        assert_eq!(atx_text(" 封闭式标题 ## "), "封闭式标题");
        assert_eq!(atx_text("C#"), "C#");
        assert_eq!(atx_text("第 #1 场"), "第 #1 场");
    }

    #[test]
    fn comments_are_hidden_when_closed() {
        let hidden = |t: &str| -> Vec<usize> {
            let h = comment_lines(t);
            (0..h.len()).filter(|&i| h[i]).collect()
        };
        assert_eq!(hidden("甲\n<!-- 草稿 -->\n乙"), vec![1]);
        assert_eq!(hidden("<!--\n草稿\n-->\n乙"), vec![0, 1, 2]);
        assert_eq!(hidden("<!-- 草稿\n乙"), Vec::<usize>::new());
        assert_eq!(hidden("<!-- 草稿 --> 正文"), Vec::<usize>::new());
        assert_eq!(hidden("<!-->"), Vec::<usize>::new());
        assert_eq!(hidden("无注释"), Vec::<usize>::new());
    }

    #[test]
    fn rules_are_told_from_text() {
        let lines = [
            "---",
            "***",
            "___",
            "- - -",
            "* * *",
            "--",
            "━━━",
            "———",
            "─ ─ ─",
            "＿＿＿",
            "-—-",
            "--*",
            "---a",
            "— 破折号开头",
            "a---",
            "━━",
            "   ",
            "- -",
            "=-=",
            "***粗体***",
        ];
        for t in lines {
            assert_eq!(is_rule(t), is_rule_by_collecting(t), "{t:?}");
        }
        assert!(is_rule("- - -") && is_rule("━━━") && !is_rule("--") && !is_rule("— 破折号开头"));
    }

    #[test]
    fn lesser_headings_that_name_a_part() {
        for t in [
            "### 会议概述",
            "**会议概述**",
            "【会议概述】",
            "**一、会议概述：**",
            "#### Overview",
            "**会议摘要**",
            "### 内容概要",
            "会议概述：",
            "Overview:",
        ] {
            assert_eq!(part_label(t), Some(Heading::Overview), "{t}");
        }
        for t in [
            "### 详细时间线",
            "**时间线**",
            "**2. Timeline:**",
            "【议程】",
            "时间线：",
            "详细时间线:",
        ] {
            assert_eq!(part_label(t), Some(Heading::Timeline), "{t}");
        }
        for t in [
            "### 开场与要点",
            "### 开场介绍",
            "**重点**",
            "**a** b **c**",
            "### 一个很长的关于产品概述的标题",
            "### 第4步：自动摘要",
            "### 产品概述",
            "### 智能议程",
            "重点：",
            "- 时间线：",
            "时间线：见下",
        ] {
            assert_eq!(part_label(t), None, "{t}");
        }
    }

    #[test]
    fn footers_with_or_without_a_heading() {
        assert_eq!(classify_h2("核心主题"), Heading::Themes);
        assert_eq!(classify_h2("Tags"), Heading::Themes);
        assert_eq!(classify_h2("备注"), Heading::Note);
        assert_eq!(classify_h2("核心主题与时间线"), Heading::Timeline);
        assert_eq!(themes_line("关键词：A，B"), Some("A，B"));
        assert_eq!(themes_line("**核心主题**：A、B"), Some("A、B"));
        assert_eq!(themes_line("主题：数据治理的挑战"), None);
        assert_eq!(themes_line("KEY THEMES: A"), Some("A"));
        let themes: Vec<&str> = split_themes("A、B，C; D / E").collect();
        assert_eq!(themes, ["A", "B", "C", "D", "E"]);
    }

    #[test]
    fn titles_written_other_ways() {
        assert_eq!(first_line_title("#智能体时代"), Some("智能体时代"));
        assert_eq!(first_line_title("## 智能体时代"), Some("智能体时代"));
        assert_eq!(first_line_title("**智能体时代**"), Some("智能体时代"));
        assert_eq!(first_line_title("标题：智能体时代"), Some("智能体时代"));
        assert_eq!(first_line_title("Title: Agents"), Some("Agents"));
        for t in [
            "## 会议概述",
            "## 00:00 开场",
            "## 开场 (00:00 - 05:30)",
            "**00:00 开场**",
            "**时间线**",
            "##",
            "#",
            "### 三级",
            "普通的一行",
            "- 列表",
        ] {
            assert_eq!(first_line_title(t), None, "{t}");
        }
        assert!(is_setext_rule("===") && !is_setext_rule("==") && !is_setext_rule("=-="));
    }
}
