#!/usr/bin/env python3
"""Build single recaps of extreme shapes and time each.

Each shape is one recap of 0.4-3.9 MB that stresses one part of the
pipeline: thousands of mentions in one sentence, tens of thousands of
distinct names, launches, speakers or links, a timeline of 60,000 entries,
bullets, front matter or capitalised words nested or run on past reason;
and Markdown pages of the site's own with thousands of footnotes, quotes,
lists, emphasis, table columns or link references.
A shape that takes time growing with the square of its size shows up here
as a build that runs into the timeout.

    python3 bench/stress.py [--recap target/release/recap] [--timeout 120]
                            [--only names,links]

Prints one row per shape (wall and user seconds, peak memory, files
written) and exits non-zero if any build failed or ran out of time.
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAD = "# 某大会 2025 分会场总结：{}\n\n## 会议概述\n\n概述。\n\n## 时间线\n"


FULL_WIDTH = str.maketrans("0123456789:", "０１２３４５６７８９：")


def clock(i):
    return f"{i // 60 % 100:02}:{i % 60:02}"


def one_entry(title, text):
    """A recap whose timeline is one entry, at 00:00, of `text`."""
    return HEAD.format(title) + "00:00 - " + text + "\n"


SHAPES = {
    # 10,000 mentions in one sentence: every excerpt's sentence is the line.
    "one_sentence": lambda: one_entry("一句", "Amazon Bedrock 很快，" * 10_000),
    # A 1 MB flat-timeline entry with 5,000 points under it naming companies.
    "long_entry": lambda: HEAD.format("长条目")
    + "00:00 - "
    + "很长的内容，" * 60_000
    + "\n"
    + "".join(f"- 客户 Zentrix Labs 与 AWS 合作第{i}次\n" for i in range(5_000)),
    # 40,000 distinct discovered names in one line.
    "names": lambda: one_entry(
        "名字", " ".join(f"使用 Foo{chr(65 + i % 26)}Bar{i} 平台。" for i in range(40_000))
    ),
    # 50,000 made-up names, each said twice (so each is a discovered
    # product): the names' automaton must not be a DFA.
    "names_twice": lambda: one_entry(
        "名字两次", "".join(f"Qx{i:05}a Qx{i + 1:05}a发布了新产品。" for i in range(50_000))
    ),
    # 3.9 MB of figures, 560,000 of them: the session page lists a few.
    "figures_table": lambda: one_entry(
        "数据表", " ".join(f"{i % 997}.{i % 10}%" for i in range(560_000))
    ),
    # 20,000 launch lines, each naming two new products.
    "launches": lambda: HEAD.format("发布")
    + "".join(
        f"00:00 - 发布 **Amazon Nova {i}**，正式推出 Kiro {i}\n" for i in range(20_000)
    ),
    # 20,000 speakers with titles in one sentence.
    "speakers": lambda: HEAD.format("讲者")
    + "本次会议由"
    + "、".join(f"AWS首席架构师Name{i}" for i in range(20_000))
    + "主讲。\n00:00 - 开场\n",
    # 40,000 Markdown links on one line.
    "links": lambda: one_entry(
        "链接", "".join(f"[a{i}](http://x.com/{i}) " for i in range(40_000))
    ),
    # One address followed by 300,000 `)`.
    "parens": lambda: one_entry("括号", "见 https://x.org/a" + ")" * 300_000),
    # 40,000 email addresses, and a run of 200,000 `a.` before an `@`.
    "emails": lambda: one_entry(
        "邮件",
        "".join(f"联系 user{i}@Corp{i}.com，" for i in range(40_000)) + "a." * 200_000 + "@",
    ),
    # One `[`, then 40,000 Markdown link targets.
    "brackets": lambda: one_entry(
        "方括号", "[" + "".join(f"a](https://x.org/{i}) " for i in range(40_000))
    ),
    # 60,000 timeline entries, each naming a product.
    "entries": lambda: HEAD.format("条目")
    + "".join(f"{clock(i)} - 第{i}条 Bedrock\n" for i in range(60_000)),
    # 30,000 sections of one point each.
    "headings": lambda: HEAD.format("标题")
    + "".join(
        f"### 第{i}部分 ({clock(i)} - {clock(i)})\n- 点 Bedrock\n" for i in range(30_000)
    ),
    # A timeline written as a table of 60,000 rows, three points a row.
    "table": lambda: HEAD.format("表格")
    + "| 时间 | 内容 | 要点 |\n|---|---|---|\n"
    + "".join(f"| {clock(i)} | 第{i}条 | Bedrock<br>Kiro<br>{i}% |\n" for i in range(60_000)),
    # 30,000 sections as second-level headings, a time first.
    "h2_sections": lambda: HEAD.format("二级标题")
    + "".join(f"## {clock(i)} 第{i}部分\n- 点 Bedrock\n" for i in range(30_000)),
    # One speaker label listing 20,000 speakers, and a label over a list of 20,000.
    "speaker_lists": lambda: "# 某大会 2025 分会场总结：讲者列表\n\n## 会议概述\n\n"
    + "演讲者："
    + "、".join(f"Name{i}（Acme{i} 首席架构师）" for i in range(20_000))
    + "\n讲者：\n"
    + "".join(f"- Person{i}，Corp{i} 工程师\n" for i in range(20_000))
    + "\n## 时间线\n00:00 - 开场\n",
    # 60,000 subtitle cues: number, time range, text.
    "cues": lambda: HEAD.format("字幕")
    + "".join(
        f"{i + 1}\n00:{clock(i)},000 --> 00:{clock(i + 1)},000\n第{i}句 Bedrock\n\n"
        for i in range(60_000)
    ),
    # 60,000 entries timed in words, and 60,000 bullets timed at their end.
    "worded_times": lambda: HEAD.format("中文时间")
    + "".join(f"{i // 60}分{i % 60}秒 - 第{i}条 Kiro\n" for i in range(60_000))
    + "".join(f"- 第{i}点 ({clock(i)})\n" for i in range(60_000)),
    # 60,000 entries in times of day, marked (`下午2:00`, `2:00 PM`) and
    # not, then 60,000 lines written in each shape that is respelled
    # (`开场 — 05:00`, `第5分钟`, `（0-5分钟）`, bold around a range), and
    # lines of half a megabyte that the rewrites scan: spaced colons, digits, a
    # dash and a time at the end.
    "times_of_day": lambda: HEAD.format("时刻")
    + "".join(
        f"下午{1 + i // 3600 % 11}:{i // 60 % 60:02} - 第{i}条 Kiro\n" if i % 2 else
        f"{1 + i // 3600 % 11}:{i // 60 % 60:02} PM 第{i}条\n"
        for i in range(60_000)
    ),
    "respelled": lambda: HEAD.format("改写")
    + "".join(
        [
            f"第{i % 999}条 — {clock(i)}\n",
            f"- 第{i % 999}分钟 要点\n",
            f"### 第{i}节（{i % 999}-{i % 999 + 1}分钟）\n",
            f"**第{i}部分（{clock(i)}-{clock(i + 1)}）**\n",
        ][i % 4]
        for i in range(60_000)
    )
    + "1 : " * 100_000 + "\n"
    + "0" * 500_000 + " — 05:00\n"
    + "第" + "1" * 500_000 + "分钟\n",
    # 36,000 entries in the other spellings of a time (full-width digits,
    # `点`, primes, inline code, a link to the video), each with a nested
    # bullet timed the same way, then lines of a few hundred kilobytes for
    # the rewrites to scan: full-width digits and colons, `点`, brackets
    # of every kind.
    "spellings": lambda: HEAD.format("写法")
    + "".join(
        [
            f"{clock(i).translate(FULL_WIDTH)} 第{i}条\n  - {clock(i)}".translate(FULL_WIDTH) + " 要点\n",
            f"{1 + i // 60 % 11}点{i % 60}分 第{i}条\n  - 下午{1 + i // 60 % 11}点半 要点\n",
            f"{i // 60 % 100}'{i % 60:02}\" 第{i}条\n  - `{clock(i)}` 要点\n",
            f"- [{clock(i)}](https://youtu.be/v?t={i}) 第{i}条\n  - *{clock(i)}* 要点\n",
            f"<{clock(i)}> 第{i}条\n  - 「{clock(i)}」要点\n",
        ][i % 5]
        for i in range(36_000)
    )
    + "１：" * 100_000 + "\n"
    + "1点" * 100_000 + "\n"
    + "- [" * 100_000 + "](https://x)\n"
    + "`1" * 100_000 + "\n"
    + "<1:" * 50_000 + "\n"
    + "「12:00 " * 20_000 + "\n",
    # 50,000 comments never closed, then 50,000 closed on the same line
    # with text after them.
    "comments": lambda: HEAD.format("注释")
    + "00:00 - 开场\n"
    + "<!-- 未闭合\n" * 50_000
    + "<!-- a --> 正文\n" * 50_000,
    # 30,000 entries with a rule between each two, and a line quoted
    # 500,000 times over.
    "rules": lambda: HEAD.format("分隔线")
    + "".join(f"{clock(i)} - 第{i}条\n\n---\n\n" for i in range(30_000))
    + "> " * 500_000
    + "00:00 - 引用\n",
    # A part after the timeline with a list of 100,000 lines.
    "takeaways": lambda: HEAD.format("要点")
    + "00:00 - 开场\n## 关键要点\n"
    + "".join(f"- 第{i}点 Bedrock\n> 引语\n" for i in range(50_000)),
    # 60,000 images, half of them distinct (none there: each a warning),
    # then 200,000 `![` that open none.
    "images": lambda: HEAD.format("图片")
    + "00:00 - 开场\n"
    + "".join(f"- 图 ![第{i}张](slides/{i}.png) ![同一张](same.png)\n" for i in range(30_000))
    + "![" * 200_000
    + "\n",
    # 60,000 figures in one line.
    "numbers": lambda: one_entry(
        "数字", "".join(f"增长 {i % 100}%，收入 {i} 亿美元，" for i in range(30_000))
    ),
    # 200,000 bold markers in a row.
    "bold": lambda: one_entry("粗体", "**" * 200_000),
    # 50,000 lines of code in one fence.
    "code": lambda: HEAD.format("代码")
    + "```rust\n"
    + "fn main() { let x = 1; }\n" * 50_000
    + "```\n00:00 - 开场\n",
    # 6,000 entries with a fenced block each (a `##` comment and a log
    # line's time inside), then a fence never closed, over 50,000 lines.
    "fences": lambda: HEAD.format("代码块")
    + "".join(
        f"{clock(i)} 第{i}条\n- 命令：\n  ```bash\n  ## 第{i}步\n  {clock(i + 1)} 日志\n  aws s3 ls\n  ```\n"
        for i in range(6_000)
    )
    + "~~~\n"
    + "## 不是标题\n00:00 不是条目\n" * 25_000,
    # As hands write: 20,000 timed headings with nothing under them, each
    # then an emoji point and a shape-bulleted one with a link typed in
    # full-width parentheses, zero-width spaces all through; then an
    # overview paragraph of 20,000 timed lines, in a recap with no
    # timeline part.
    "hands": lambda: HEAD.format("手写")
    + "".join(
        f"### {clock(i)}\u200b => 第{i}部分\n### {clock(i)} 空\n✅ 要点{i}\n"
        f"▪ 见[文档{i}]（https://x.org/{i}） 与 <https://y.org/{i}>\n"
        for i in range(20_000)
    ),
    "hands_overview": lambda: "手写的会议笔记\n\n## 会议概述\n\n概述。\n\n"
    + "".join(f"{clock(i)} -- 第{i}条\n- 要点\n" for i in range(20_000)),
    # Emphasis, Chinese numerals and mistyped times: 10,000 entries timed
    # `05;30`-style, each with italics, strikethrough and figures in
    # numerals; then one line of 100,000 lone stars and tildes, one of
    # 50,000 numerals with a magnitude after each, and one of 30,000 line
    # breaks, spans of code and wiki links.
    "marks": lambda: HEAD.format("强调")
    + "".join(
        f"{clock(i).replace(':', ';')} 第{i}部分\n"
        f"- *重点{i}*，~~旧价~~，成本降低三成，服务一千万用户，2 * 3\n"
        for i in range(10_000)
    )
    + "- " + "*a ~" * 100_000 + "\n"
    + "- " + "一万" * 50_000 + "用户\n"
    + "- " + "甲<br>`乙` [[丙]] " * 30_000 + "\n",
    # 20,000 notes referred to from 20,000 entries, one line of 50,000
    # references, 10,000 references to no note, a line of 20,000 references
    # between addresses and wiki links, and a note defined 10,000 times over.
    "recap_footnotes": lambda: HEAD.format("脚注")
    + "".join(f"{clock(i)} 第{i}部分[^{i}]\n" for i in range(20_000))
    + "- " + "见[^7]" * 50_000 + "\n"
    + "- " + "".join(f"[^无{i}]" for i in range(10_000)) + "\n"
    + "- " + "[^7] https://x.org/a [[丙]] " * 20_000 + "\n"
    + "".join(f"[^{i}]: 第{i}条注释\n    续行\n" for i in range(20_000))
    + "[^重]: 又一次\n" * 10_000,
    # 30,000 quoted lines and 30,000 `N、` bullets under entries, 20,000
    # notes that name products and give figures, and a footer note of
    # 10,000 references and names.
    "quoted_numbered_named_notes": lambda: HEAD.format("引用与编号")
    + "".join(
        f"{clock(i)} 第{i}部分[^{i}]\n> “原话 {i}” —— 讲者\n{i % 999 + 1}、要点 Amazon S3\n"
        for i in range(30_000)
    )
    + "".join(f"[^{i}]: 数据来自 Amazon Bedrock 博客，提升 {i % 90 + 1}%\n" for i in range(20_000))
    + "━━━━━━\n注：" + "Kiro 见[^3]，" * 10_000 + "\n",
    # A title with 5,000 footnote references; 20,000 second titles, each
    # over a question and answer, a link whose label ends with a reference
    # and a maker's three-word product; 20,000 lines underlined as parts.
    "titles_answers_underlines": lambda: "# 某大会 2025 多场合集"
    + "[^t]" * 5_000
    + "\n\n## 时间线\n"
    + "".join(
        f"# 第{i}场 AWS Lambda SnapStart\n{clock(i)} 开场\nQ{i}: 价格？\nA: 见"
        f"[官方博客[^t]](https://example.com/{i})，AWS Orbit Pulse Lab 降低 {i % 90 + 1}%\n"
        for i in range(20_000)
    )
    + "".join(f"时间线\n---\n{clock(i)} 要点\n" for i in range(20_000))
    + "\n[^t]: 合集说明。\n",
    # A recap in traditional Chinese: 20,000 entries, each with a speaker
    # label, a launch, figures in 萬 and 億 and a traditional catalog name;
    # then one line of 100,000 traditional characters no table lists.
    "traditional": lambda: "# 某大會 2025 分會場總結：繁體\n\n## 會議概述\n\n概述。\n\n## 詳細時間線\n"
    + "".join(
        f"{clock(i)} - 講者：王小明{i}，首席架構師。發佈了 Amazon Nova {i}，"
        f"用戶增長 {i % 90 + 1} 萬名，營收 3 億美元，雲端遊戲化\n"
        for i in range(20_000)
    )
    + "- " + "鬱龘齉" * 33_334 + "\n",
    # 20,000 levels of quotes, 5,000 of lists, 10,000 open brackets.
    "nesting": lambda: HEAD.format("嵌套")
    + "00:00 - 开场\n"
    + ">" * 20_000
    + " 深\n"
    + "- " * 5_000
    + "x\n"
    + "[" * 10_000
    + "\n",
    # 1,000 levels of indented bullets: a rendering thread's stack.
    "bullets": lambda: HEAD.format("层层嵌套")
    + "00:00 - 开场\n"
    + "".join(f"{'  ' * i}- 第{i}层 Bedrock\n" for i in range(1_000)),
    # YAML front matter nested 100,000 deep.
    "yaml_nesting": lambda: "---\ntitle: 嵌套\nextra: "
    + "{a: " * 100_000
    + "1"
    + "}" * 100_000
    + "\n---\n"
    + HEAD.format("头信息")
    + "00:00 - 开场\n",
    # One run of 150,000 capitalised words, which discovery reads for names.
    "capitals": lambda: one_entry(
        "大写", " ".join(f"Word{i % 97}" for i in range(150_000))
    ),
    # One command-line option of 300,000 capitalised names: each name
    # looks back along the option for its dashes.
    "options": lambda: one_entry("选项", "-m" + "Nova," * 300_000),
}

# Markdown pages of the site's own (content/<shape>.md), beside a one-line recap.
PAGES = {
    # 40,000 footnotes, their definitions on consecutive lines.
    "footnotes": lambda: "---\ntitle: 注释\n---\n"
    + "".join(f"正文[^{i}]\n\n" for i in range(40_000))
    + "".join(f"[^{i}]: 说明文字很长的中文注释内容 {i}\n" for i in range(40_000)),
    # Block quotes nested 50,000 deep.
    "quotes": lambda: "---\ntitle: 引用\n---\n" + ">" * 50_000 + " 引文\n",
    # Lists nested 2,000 deep.
    "page_lists": lambda: "---\ntitle: 列表\n---\n"
    + "".join(f"{'  ' * i}- 第{i}层\n" for i in range(2_000)),
    # 100,000 openers of emphasis that never close.
    "emphasis": lambda: "---\ntitle: 强调\n---\n" + "*a **b " * 100_000 + "\n",
    # A table of 5,000 columns and 200 rows.
    "wide_table": lambda: "---\ntitle: 宽表\n---\n"
    + "|" + "|".join(f"列{i}" for i in range(5_000)) + "|\n"
    + "|" + "|".join("-" for _ in range(5_000)) + "|\n"
    + ("|" + "|".join("格" for _ in range(5_000)) + "|\n") * 200,
    # 50,000 link reference definitions, each used once.
    "references": lambda: "---\ntitle: 链接\n---\n"
    + "".join(f"见[第{i}篇][r{i}]。\n" for i in range(50_000))
    + "\n"
    + "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(50_000)),
}


def build(recap, shape, text, timeout):
    """(wall s, user s, peak MiB, exit status, stderr, files), or None on
    a timeout."""
    with tempfile.TemporaryDirectory(prefix=f"recap-stress-{shape}-") as tmp:
        seeds = os.path.join(tmp, "seeds")
        os.mkdir(seeds)
        for d in ("themes", "content"):
            shutil.copytree(os.path.join(ROOT, d), os.path.join(tmp, d))
        if shape in PAGES:
            page, text = os.path.join(tmp, "content", f"{shape}.md"), text
            recap_text = one_entry("页面", "开场")
        else:
            page, recap_text = None, text
        with open(os.path.join(seeds, f"{shape}.txt"), "w", encoding="utf-8") as f:
            f.write(recap_text)
        if page:
            with open(page, "w", encoding="utf-8") as f:
                f.write(text)
        out = os.path.join(tmp, "public")
        usage = os.path.join(tmp, "usage")
        # In a session of its own, so a build past the timeout is stopped
        # with /usr/bin/time (killing only time left recap running).
        proc = subprocess.Popen(
            ["/usr/bin/time", "-f", "%e %U %M", "-o", usage, recap, "-q", "build", "--out", out],
            cwd=tmp,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return None
        with open(usage) as f:
            wall, user, peak_kb = f.read().split()[-3:]
        files = sum(len(fs) for _, _, fs in os.walk(out))
        err = stderr.decode("utf-8", "replace")
        # A shape past the size limit is skipped with a warning and would
        # measure nothing: it counts as a failure.
        sessions = os.path.join(out, "sessions")
        built = os.path.isdir(sessions) and len(os.listdir(sessions)) > 0
        status = proc.returncode if built or proc.returncode else "no session page"
        return float(wall), float(user), int(peak_kb) / 1024, status, err, files


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--recap", default=os.path.join(ROOT, "target/release/recap"))
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--only", default="", help="comma-separated shapes")
    args = ap.parse_args()
    only = [s for s in args.only.split(",") if s]
    shapes = {**SHAPES, **PAGES}
    unknown = [s for s in only if s not in shapes]
    if unknown:
        sys.exit(f"unknown shape(s) {unknown}; known: {', '.join(shapes)}")
    failed = False
    print(f"{'shape':<14}{'size':>9}{'wall s':>9}{'user s':>9}{'peak MiB':>10}{'files':>8}")
    for shape, make in shapes.items():
        if only and shape not in only:
            continue
        text = make()
        size = f"{len(text.encode()) / 1e6:.2f} MB"
        result = build(args.recap, shape, text, args.timeout)
        if result is None:
            print(f"{shape:<14}{size:>9}  ran past {args.timeout:.0f} s")
            failed = True
            continue
        wall, user, peak, status, err, files = result
        print(f"{shape:<14}{size:>9}{wall:>9.2f}{user:>9.2f}{peak:>10.0f}{files:>8}")
        if status != 0:
            print(f"  exit {status}: {err.strip().splitlines()[-1:]}")
            failed = True
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
