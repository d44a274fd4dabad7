use crate::config::SiteConfig;
use crate::enrich::{enrich, Catalog, Site};
use crate::parse::{recap::parse_recap, Corpus};
use crate::render::session::page;
use crate::render::strings::Strings;

/// The loop the default theme's `session.html` wrote the timeline with,
/// before recap wrote it, with the `points` macro the theme's `macros.html`
/// still has: what a theme that loops over `session.sections` writes, and
/// the specification of recap's markup.
const LOOP: &str = r##"{% import "macros.html" as m %}
          {%- for sec in session.sections %}
          {%- set sec_tag = "div" %}{% if sec.heading %}{% set sec_tag = "section" %}{% endif %}
          {%- set level = "h3" %}{% if sec.part %}{% set level = "h4" %}{% endif %}
          {%- if sec.part_html %}
          <h3 class="tl-part-title" id="{{ sec.id }}-part">{{ sec.part_html | safe }}</h3>
          {%- endif %}
          <{{ sec_tag }} class="tl-section" id="{{ sec.id }}"{% if sec.heading %} aria-labelledby="{{ sec.id }}-h"{% endif %}>
            {%- if sec.heading %}
            <{{ level }} class="tl-section-title" id="{{ sec.id }}-h"><span{% if sec.time_id %} id="{{ sec.time_id }}"{% endif %}>{{ sec.heading }}</span>
              {%- if sec.start %} <span class="tl-range">{{ sec.start }}{% if sec.end %} – {{ sec.end }}{% endif %}</span>{% endif %}</{{ level }}>
            {%- elif sec.time_id %}
            <span id="{{ sec.time_id }}"></span>
            {%- endif %}
            <ol class="tl-entries">
              {%- for e in sec.entries %}
              <li class="tl-entry" id="{{ e.anchor }}">
                <div class="tl-time">
                  {%- if e.time %}
                  <a class="tl-time-link" href="#{{ e.anchor }}"><time datetime="{{ e.datetime }}">{{ e.time }}</time></a>
                  {%- if e.end %}<span class="tl-end"><span aria-hidden="true">–</span> {{ e.end }}</span>{% endif %}
                  {%- if e.video %}<a class="tl-video" href="{{ e.video }}" aria-label="{{ t.watch_at }} {{ e.time }}" title="{{ t.watch_at }}">▶</a>{% endif %}
                  {%- endif %}
                </div>
                <div class="tl-body">
                  {%- if not e.repeats_heading and e.text %}
                  <p class="tl-text{% if not e.points %} tl-text-only{% endif %}">{{ e.text | safe }}</p>
                  {%- endif %}
                  {%- if e.points %}{{ m::points(points=e.points, t=t) }}{% endif %}
                </div>
              </li>
              {%- endfor %}
            </ol>
          </{{ sec_tag }}>
          {%- endfor %}"##;

/// Both renderings of every session of `site`, recap's first.
fn both(site: &Site) -> Vec<(String, String)> {
    let strings = Strings::builtin("zh-CN");
    let mut tera = tera::Tera::default();
    tera.set_escape_fn(crate::render::text::escape);
    // The theme's own macros, the very file a site's session template
    // imports.
    let macros = std::fs::read_to_string("themes/default/templates/macros.html").unwrap();
    tera.add_raw_templates([
        (
            "macros.html",
            super::super::theme::strip_indentation(&macros),
        ),
        ("loop.html", super::super::theme::strip_indentation(LOOP)),
    ])
    .unwrap();
    (0..site.sessions.len())
        .map(|i| {
            let page = page(site, i, &strings, true);
            let mut ctx = tera::Context::from_serialize(&page).unwrap();
            ctx.insert("t", strings.table());
            (
                page.session.timeline.clone(),
                tera.render("loop.html", &ctx).unwrap(),
            )
        })
        .collect()
}

fn site_of(recaps: &[&str]) -> Site {
    let corpus = Corpus {
        sessions: recaps
            .iter()
            .enumerate()
            .map(|(i, text)| parse_recap(&format!("{i}.md"), text).session)
            .collect(),
        ..Default::default()
    };
    enrich(corpus, Catalog::default(), SiteConfig::default())
}

/// Headed and flat timelines, a video, timed bullets (one whose anchor an
/// entry already has), nested bullets, prose under a heading, an entry
/// that only repeats its heading, and text to escape.
const SHAPES: &str = "+++\ntitle = \"测试：时间线\"\n\
    video_url = \"https://www.youtube.com/watch?v=abc123\"\n+++\n\
    # 测试：时间线\n\n## 时间线\n\n### 00:00 - 05:00 开场\n\n欢迎大家来到本次会议。\n\n\
    - **00:00** - 主持人开场 & <介绍>\n  - 要点一\n    - 更深的要点\n  - 01:30 带时间的要点\n\
    - **02:00** - 第二段\n  - 02:00 同一时刻的要点\n  - 02:30 - 03:00 一段时间\n\n### 05:00 - 20:00 演示\n- **05:00** - 演示\n";

const FLAT: &str = "# 平铺的时间线\n\n## 时间线\n\n00:00 - 开场 \"引号\"\n- 要点\n01:10 - 第二段\n\
    1. 第一条\n2、第二条\n   a) 其下一条\n> “引用的原话”\n02:00 - 提问\n03:00 - 结束\n";

/// Sections in two parts, and one after them in none.
const PARTS: &str = "# 分部分的时间线\n\n## 时间线\n\n### 第一部分：新功能\n\n#### 00:00 开场\n- 介绍\n\n\
    #### 03:20 新功能\n- 演示\n\n### 第二部分：案例\n\n#### 15:00 客户案例\n- 分享\n\n### 20:00 问答\n- 提问\n";

#[test]
fn same_as_the_template_loop() {
    let made = both(&site_of(&[SHAPES, FLAT, PARTS]));
    let all: String = made.iter().map(|(ours, _)| ours.as_str()).collect();
    // The fixtures reach every branch of the markup.
    for part in [
        "<section class=\"tl-section\"",
        "<div class=\"tl-section\"",
        "class=\"tl-video\"",
        "<a class=\"tl-point-time\"",
        "<span class=\"tl-point-time\"",
        "<time datetime=\"PT2M30S\">02:30</time></a><span class=\"tl-end\">",
        "class=\"tl-prose\"",
        "tl-text-only",
        "<ul class=\"tl-points\">\n<li>更深的要点",
        "&amp; &lt;介绍&gt;",
        "&quot;引号&quot;",
        "<li><span class=\"tl-ordinal\">1.</span> 第一条</li>",
        "<li><span class=\"tl-ordinal\">2.</span> 第二条",
        "<li><span class=\"tl-ordinal\">a.</span> 其下一条</li>",
        "<li class=\"tl-quote\">“引用的原话”</li>",
        // `03:00 - 结束`: nothing to say beside the time.
        "<div class=\"tl-body\">\n</div>",
        "<h3 class=\"tl-part-title\" id=\"sec-1-part\">第一部分：新功能</h3>\n<section",
        "<h4 class=\"tl-section-title\" id=\"sec-1-h\">",
        "<h3 class=\"tl-part-title\" id=\"sec-3-part\">第二部分：案例</h3>",
        "<h3 class=\"tl-section-title\" id=\"sec-4-h\">",
    ] {
        assert!(all.contains(part), "no `{part}` in\n{all}");
    }
    for (ours, theirs) in made {
        assert_eq!(ours, theirs);
    }
}

#[test]
fn same_as_the_template_loop_on_the_sample_recaps() {
    let opts = crate::build::BuildOptions::default();
    let (site, _, _) = crate::build::build_in_memory(&opts).unwrap();
    assert_eq!(site.sessions.len(), 5);
    for (ours, theirs) in both(&site) {
        assert!(ours.len() > 1000);
        assert_eq!(ours, theirs);
    }
}

#[test]
fn only_a_leading_number_or_letter_and_a_dot_is_an_ordinal() {
    use super::ordinal_marked;
    let marked = |s: &str| ordinal_marked(s.to_string());
    assert_eq!(
        marked("12. 第十二"),
        "<span class=\"tl-ordinal\">12.</span> 第十二"
    );
    for text in [
        "2025. 年份",
        "1.5 倍",
        "A. 大写",
        "第1. 条",
        "ab. 两个字母",
        "a、字母",
        "",
    ] {
        assert_eq!(marked(text), text);
    }
}
