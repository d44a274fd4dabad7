//! What stands at the edges of a run of name-like words and is no part of
//! the name: function words (`The Acme`), an officer's title after a
//! company (`Twelve Labs CTO`), the kind of talk after a product
//! (`Graviton4 Deep Dive`), what is done to it at the start of a title
//! (`Scaling PostgreSQL`); and a session's code (`SVC301`) or a command
//! line's option (`-mcpu=neoverse-v2`), no name at all.

use super::words;

/// Cut from `run` (spans of `text`, one per word) the words at its edges
/// that are no part of the name. Whether an officer's title was cut: what
/// is left is then a company.
pub(super) fn trim(text: &str, run: &mut Vec<(usize, usize)>) -> bool {
    let word = |&(s, e): &(usize, usize)| &text[s..e];
    let leading = run
        .iter()
        .take_while(|w| words::is_function_word(word(w)))
        .count();
    run.drain(..leading);
    while run.last().is_some_and(|w| words::is_function_word(word(w))) {
        run.pop();
    }
    let mut officer = false;
    // `Perplexity CEO Aravind Srinivas`: the company, its officer's title
    // and the officer; only the company is a name here.
    if let Some(k) = (1..run.len().saturating_sub(1)).find(|&k| {
        OFFICERS.contains(&word(&run[k]))
            && (2..=3).contains(&(run.len() - k - 1))
            && run[k + 1..]
                .iter()
                .all(|w| super::given_names::name_word(word(w)))
    }) {
        run.truncate(k);
        officer = true;
    }
    while run.len() > 1 && run.last().is_some_and(|w| OFFICERS.contains(&word(w))) {
        run.pop();
        officer = true;
    }
    while let [.., before, last] = run.as_slice() {
        let cut = if TALK_WORDS.contains(&word(last)) {
            1
        } else if run.len() > 2 && TALK_PAIRS.contains(&(word(before), word(last))) {
            2
        } else {
            break;
        };
        run.truncate(run.len() - cut);
    }
    let done_to = |w: &str| gerund(w) || IMPERATIVES.contains(&w);
    if run.len() > 1 && done_to(word(&run[0])) && opens_line(text, run[0].0) {
        run.remove(0);
    }
    officer
}

/// Verbs that open a line of advice (`- Use JSONata to transform`,
/// `Try Amazon Q`): what is done, not part of the name after them.
const IMPERATIVES: &[&str] = &[
    "Use",
    "Try",
    "Add",
    "Enable",
    "Deploy",
    "Leverage",
    "Adopt",
    "Consider",
    "Avoid",
    "Choose",
    "Prefer",
    "Combine",
    "Configure",
    "Apply",
    "Migrate",
    "Monitor",
    "Replace",
    "Pair",
];

/// Titles of a company's officers, said after its name.
const OFFICERS: &[&str] = &[
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "CIO",
    "CDO",
    "CMO",
    "CISO",
    "CPO",
    "SVP",
    "EVP",
    "VP",
    "Founder",
    "Co-founder",
    "Cofounder",
    "President",
    "Chairman",
];

/// Whether `before`, the text before a name, ends with an officer's title
/// and `of` (`CTO of Acme`), or `name` ends with a company's legal form
/// (`Acme Corp`, `Globex Inc.`): the name is a company's.
pub(super) fn names_a_company(before: &str, name: &str) -> bool {
    const LEGAL_FORMS: &[&str] = &[
        "Inc",
        "Inc.",
        "Corp",
        "Corp.",
        "Corporation",
        "Ltd",
        "Ltd.",
        "Limited",
        "LLC",
        "GmbH",
        "AG",
        "plc",
        "PLC",
        "S.A.",
    ];
    let officer_of = before.strip_suffix(" of").is_some_and(|b| {
        let title = b.rsplit(' ').next().unwrap_or(b);
        OFFICERS.contains(&title)
    });
    let legal = name
        .rsplit_once(' ')
        .is_some_and(|(_, last)| LEGAL_FORMS.contains(&last));
    officer_of || legal
}

/// What a launch is said with in Chinese, after the name.
const CHINESE_LAUNCHES: [&str; 5] = ["正式发布", "正式可用", "全面可用", "现已推出", "现已可用"];

/// Whether `after`, the text after a name, says it is launched: `Nova Act
/// is now generally available`, `X 正式发布`. What a launch makes available
/// is a product, whatever the words of its name.
pub(super) fn launched(after: &str) -> bool {
    const ENGLISH: [&str; 7] = [
        "is now generally available",
        "is generally available",
        "is now available",
        "is now GA",
        "is now in preview",
        "is available in preview",
        "reaches general availability",
    ];
    let english = after.strip_prefix(' ').is_some_and(|a| {
        ENGLISH.iter().any(|p| {
            a.strip_prefix(p)
                .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_alphanumeric()))
        })
    });
    let chinese = after.trim_start_matches(' ');
    english || CHINESE_LAUNCHES.iter().any(|p| chinese.starts_with(p)) || marked_launched(after)
}

/// `**Amazon S3 Vectors** — GA, …`, `X: preview`, `X (GA)`, `X（预览）`: a
/// launch said by a mark after the name, as lists of announcements write
/// it.
fn marked_launched(after: &str) -> bool {
    const MARKS: [&str; 8] = [
        "GA",
        "generally available",
        "Generally available",
        "preview",
        "Preview",
        "public preview",
        "Public preview",
        "预览",
    ];
    let after = after.trim_start_matches(['*', ' ']);
    let rest = if let Some(r) = after.strip_prefix(['(', '（']) {
        r
    } else {
        let r = after.trim_start_matches(['—', '–', '-', ':', '：']);
        if r.len() == after.len() {
            return false;
        }
        r
    };
    let rest = rest.trim_start_matches([' ', '*', '_']);
    MARKS.iter().any(|m| {
        rest.strip_prefix(m)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric()))
    }) || CHINESE_LAUNCHES.iter().any(|p| rest.starts_with(p))
}

/// Whether `before` ends with ` at` that says where someone works
/// (`Engineer at Acme`, `we at Acme`), not where one looks or how
/// something runs (`a look back at Nitro`, `priced at`, `at scale`).
pub(super) fn works_at(before: &str) -> bool {
    const NOT_A_PLACE_OF_WORK: &[&str] = &[
        "look",
        "looks",
        "looked",
        "looking",
        "back",
        "glance",
        "glimpse",
        "aimed",
        "aim",
        "targeted",
        "priced",
        "available",
        "arrives",
        "arrive",
        "starting",
        "starts",
        "started",
        "stop",
        "stops",
        "point",
        "points",
        "hint",
        "hints",
        "hinted",
        "peek",
        "launched",
        "announced",
        "unveiled",
        "shown",
        "showcased",
        "demoed",
        "presented",
    ];
    before.strip_suffix(" at").is_some_and(|b| {
        let word = b.rsplit([' ', '\n']).next().unwrap_or(b);
        !NOT_A_PLACE_OF_WORK.contains(&word.to_ascii_lowercase().as_str())
    })
}

/// Whether `at` is in a Markdown table's cell whose column the table's
/// header names as one of organisations (`| 客户 | 成果 |`, `| Company |`):
/// the names in it are companies'. `text` is masked: a catalog name is a
/// run of `|`, one a character, so only a lone `|` separates cells.
/// `start` is where the line holding `at` starts.
pub(super) fn in_column_of_organisations(text: &str, start: usize, at: usize) -> bool {
    const HEADS: &[&str] = &[
        "客户",
        "公司",
        "企业",
        "机构",
        "合作伙伴",
        "伙伴",
        "客户名称",
        "公司名称",
        "customer",
        "customers",
        "company",
        "companies",
        "partner",
        "partners",
        "organization",
        "organisation",
    ];
    if !is_table_row(&text[start..]) {
        return false;
    }
    let column = cell_bars(&text[start..at]).len();
    // The header is the first row of the table the cell is in.
    let Some(header) = text[..start]
        .lines()
        .rev()
        .take_while(|l| is_table_row(l))
        .last()
    else {
        return false;
    };
    let bars = cell_bars(header);
    let (Some(&from), Some(&to)) = (bars.get(column.wrapping_sub(1)), bars.get(column)) else {
        return false;
    };
    let head = header[from + 1..to]
        .trim()
        .trim_matches('*')
        .trim()
        .to_lowercase();
    HEADS.contains(&head.as_str())
}

/// A table's row: a lone `|` opens it (a masked name is several).
fn is_table_row(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with('|') && !line[1..].starts_with('|')
}

/// Where the lone `|`s of `line` are: the bars between its cells.
fn cell_bars(line: &str) -> Vec<usize> {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'|') && b.get(i + 1) != Some(&b'|'))
        .collect()
}

/// What a talk about a name is, said after it: `Graviton4 Deep Dive`,
/// `Kiro Workshop`.
const TALK_WORDS: &[&str] = &[
    "Overview",
    "Workshop",
    "Demo",
    "Keynote",
    "Session",
    "Roadmap",
    "Update",
    "Updates",
    "Essentials",
    "Fundamentals",
    "Introduction",
    "Recap",
    "Masterclass",
];
const TALK_PAIRS: &[(&str, &str)] = &[
    ("Deep", "Dive"),
    ("Best", "Practices"),
    ("Chalk", "Talk"),
    ("Lightning", "Talk"),
    ("Builders", "Session"),
];

/// A cloud region's code, `us-east-1`, `ap-northeast-2`, `us-gov-west-1`,
/// `europe-west4`: where something runs, no product.
pub(super) fn region_code(token: &str) -> bool {
    const AREAS: [&str; 16] = [
        "us",
        "eu",
        "ap",
        "sa",
        "ca",
        "me",
        "af",
        "il",
        "mx",
        "cn",
        "europe",
        "asia",
        "australia",
        "northamerica",
        "southamerica",
        "africa",
    ];
    // Most tokens are capitalised words: no code, and no need to split.
    if !token.starts_with(|c: char| c.is_ascii_lowercase()) || !token.contains('-') {
        return false;
    }
    let parts: Vec<&str> = token.split('-').collect();
    let Some((last, rest)) = parts.split_last() else {
        return false;
    };
    let letters = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    let number = last.trim_start_matches(|c: char| c.is_ascii_lowercase());
    (2..=4).contains(&parts.len())
        && AREAS.contains(&parts[0])
        && rest.iter().all(|p| letters(p))
        && (1..=2).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && (last.len() == number.len()) == (parts.len() >= 3)
}

/// A size of a cloud instance, `db.r8g.48xlarge`, `m7i.large`,
/// `ml.p5.48xlarge`, `t3.micro`: what something runs on, no product (the
/// family, `R8g`, may be one) and no company.
pub(super) fn instance_size(token: &str) -> bool {
    const SIZES: [&str; 7] = [
        "xlarge", "large", "medium", "small", "micro", "nano", "metal",
    ];
    let Some((family, size)) = token.rsplit_once('.') else {
        return false;
    };
    let size = size.trim_start_matches(|c: char| c.is_ascii_digit());
    token.starts_with(|c: char| c.is_ascii_lowercase())
        && family.bytes().any(|b| b.is_ascii_digit())
        && SIZES
            .iter()
            .any(|s| size == *s || size.strip_prefix(s).is_some_and(|r| r.starts_with('-')))
}

/// A conference's code for a session, `SVC301`, `DAT405-R`: three capitals
/// and three digits, no name. (Two capitals are a chip's: `GB200`.)
pub(super) fn session_code(token: &str) -> bool {
    let b = token.as_bytes();
    let code = b.len() >= 6
        && b[..3].iter().all(u8::is_ascii_uppercase)
        && b[3..6].iter().all(u8::is_ascii_digit);
    code && match &token[6..] {
        "" => true,
        rest => rest.strip_prefix('-').is_some_and(|r| {
            r.len() <= 2
                && r.bytes()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        }),
    }
}

/// Whether the token at byte `at` is part of a command line's option,
/// `-mcpu=neoverse-v2`, `--no-cache`: the word it is in (ASCII, up to a
/// space or other script) opens with `-` or `--` and a letter.
pub(super) fn in_option(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    // An option is short: looking back a few dozen bytes at most keeps a
    // line of a million `A,B,C` linear.
    let from = at.saturating_sub(MAX_OPTION);
    let boundary = |b: &u8| b.is_ascii_whitespace() || !b.is_ascii() || *b == b'`';
    let word_start = match b[from..at].iter().rposition(boundary) {
        Some(i) => from + i + 1,
        None if from == 0 => 0,
        None => return false,
    };
    let word = &b[word_start..];
    let dashes = word.iter().take_while(|&&b| b == b'-').count();
    (1..=2).contains(&dashes) && word.get(dashes).is_some_and(u8::is_ascii_alphabetic)
}

const MAX_OPTION: usize = 48;

/// `Scaling`, `Building`, `Running`: an English verb's `-ing` form,
/// capitalised. (`Spring` and `String` are words of their own.)
fn gerund(token: &str) -> bool {
    let Some(stem) = token.strip_suffix("ing") else {
        return false;
    };
    let lower = stem.to_ascii_lowercase();
    let undoubled = lower
        .len()
        .checked_sub(1)
        .filter(|&n| n >= 2 && lower.as_bytes()[n] == lower.as_bytes()[n - 1])
        .map(|n| &lower[..n]);
    token.starts_with(|c: char| c.is_ascii_uppercase())
        && stem[1..].bytes().all(|c| c.is_ascii_lowercase())
        && lower.len() >= 3
        && [
            Some(lower.clone()),
            Some(format!("{lower}e")),
            undoubled.map(String::from),
        ]
        .into_iter()
        .flatten()
        .any(|w| words::is_common(&w))
}

/// Whether only marks stand before `at` on its line: the start of a title
/// or a heading.
fn opens_line(text: &str, at: usize) -> bool {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..at];
    before
        .chars()
        .all(|c| !c.is_alphanumeric() || c.is_whitespace())
        // `Dev Chat: Building MCP`, `Session recap — Scaling Postgres`: the
        // title after its label.
        || before
            .trim_end_matches([' ', '*'])
            .ends_with([':', '：', '—', '|'])
}
