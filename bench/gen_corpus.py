#!/usr/bin/env python3
"""Deterministic synthetic corpus generator for recap benchmarks.

Writes N conference-session recap files shaped like the samples in seeds/
(Chinese prose, Latin product/company names, five timeline shapes, footers),
and optionally an equivalent Hugo site for a head-to-head comparison.

    python3 bench/gen_corpus.py --n 1000 --seed 42 --out /tmp/corpus1k [--hugo /tmp/hugo1k]

Standard library only. Output is byte-identical for a given --seed: every
file i draws from its own random.Random(f"recap-bench:{seed}:{i}") (string
seeds are hashed with SHA-512 by `random`, never by Python's salted hash()),
so file i is the same whatever --n is, and nothing reads the clock.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
import time

import random

MIN_BYTES = 3 * 1024  # 3 KiB: every file is at least this big
MAX_BYTES = 15 * 1000  # 15 kB: and at most this big (fits either meaning of KB)

RULE = "━" * 40

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

# Real names from the samples (and a few well-known AWS services), in rank
# order: rank 1 is the most frequently mentioned product of the corpus.
# (canonical, aliases...)
REAL_PRODUCTS = [
    ("Amazon Bedrock", "Bedrock"),
    ("AgentCore", "Amazon Bedrock AgentCore"),
    ("Amazon SageMaker", "SageMaker"),
    ("Amazon Nova 2", "Nova 2"),
    ("Kiro",),
    ("Amazon Q Developer", "Q Developer"),
    ("Amazon S3", "S3"),
    ("Amazon Connect",),
    ("Nova 2 Sonic",),
    ("Trainium3", "Trainium3 UltraServers"),
    ("Graviton",),
    ("AWS Lambda", "Lambda"),
    ("Amazon Quick",),
    ("Nova Forge", "Amazon Nova Forge"),
    ("Nova 2 Lite",),
    ("Nova 2 Pro",),
    ("Nova 2 Omni",),
    ("Nova Sonic",),
    ("AWS Skill Builder", "Skill Builder"),
    ("SageMaker HyperPod", "HyperPod"),
    ("Bedrock Guardrails",),
    ("AgentCore Policy",),
    ("AgentCore Evaluations",),
    ("AWS Transform Custom",),
    ("AWS Security Agent",),
    ("AWS AI Factories",),
    ("P6e-GB300",),
    ("Trainium4",),
    ("Trainium2",),
    ("Amazon DynamoDB", "DynamoDB"),
    ("Amazon Aurora", "Aurora"),
    ("Amazon Redshift", "Redshift"),
    ("Amazon EKS", "EKS"),
    ("Amazon EC2", "EC2"),
    ("Amazon CloudWatch", "CloudWatch"),
    ("Cloud Quest",),
    ("SimLearn",),
    ("Meeting Simulator",),
    ("Cohort Studio",),
    ("Code Clash", "AWS Code Clash"),
    ("AWS Jams",),
    ("AWS DeepRacer", "DeepRacer"),
    ("Mistral Large",),
    ("Ministral 3",),
    ("Gemma", "Google Gemma"),
    ("MiniMax M2",),
    ("Nemotron", "Nvidia Nemotron"),
    ("Palmyra X5",),
    ("Adobe Firefly", "Firefly"),
    ("Cedar",),
    ("Crew AI",),
    ("LlamaIndex",),
    ("LangChain",),
    ("ChatGPT",),
    ("Gemini",),
    ("AWS Glue", "Glue"),
    ("Amazon Kinesis", "Kinesis"),
    ("Amazon EventBridge", "EventBridge"),
    ("AWS Step Functions", "Step Functions"),
    ("Amazon OpenSearch Service", "OpenSearch"),
    ("Amazon Athena", "Athena"),
    ("Amazon GuardDuty", "GuardDuty"),
    ("AWS Outposts",),
    ("Amazon Kendra",),
    ("Amazon Textract",),
    ("Amazon Transcribe",),
    ("Amazon Lex",),
    ("AWS Clean Rooms",),
    ("Amazon DataZone",),
    ("Amazon Q Business", "Q Business"),
    ("PartyRock",),
    ("AWS Marketplace",),
    ("Inferentia2",),
    ("Amazon Titan", "Titan"),
    ("AWS Fargate", "Fargate"),
]

REAL_COMPANIES = [
    ("Gartner",),
    ("Nvidia", "NVIDIA"),
    ("Datadog",),
    ("Salesforce",),
    ("Snowflake",),
    ("Adobe",),
    ("Santander", "桑坦德银行"),
    ("Sony",),
    ("Centrica",),
    ("Elastic",),
    ("Dynatrace",),
    ("Crowdstrike", "CrowdStrike"),
    ("Zscaler",),
    ("Qlik",),
    ("Trellix",),
    ("Forcepoint",),
    ("C3 AI",),
    ("Writer",),
    ("Reddit",),
    ("Nasdaq",),
    ("Bristol-Myers Squibb",),
    ("Workday",),
    ("QAD",),
    ("Delta Airlines", "Delta"),
    ("Adidas",),
    ("Google",),
    ("OpenAI",),
    ("Mistral AI",),
    ("MiniMax",),
    ("Skillsoft",),
    ("Slice Pizza",),
    ("World Economic Forum", "世界经济论坛"),
    ("Accenture", "埃森哲"),
    ("Deloitte", "德勤"),
    ("Pfizer", "辉瑞"),
    ("Netflix",),
    ("BMW", "宝马集团"),
    ("Siemens", "西门子"),
    ("Toyota", "丰田"),
    ("Shopify",),
    ("Stripe",),
    ("Airbnb",),
    ("Intuit",),
    ("Moderna",),
    ("Philips", "飞利浦"),
    ("Vodafone", "沃达丰"),
    ("Allianz", "安联保险"),
    ("HSBC", "汇丰银行"),
    ("Unilever", "联合利华"),
    ("Epic Games",),
]

SYL_A = ["Ar", "Bel", "Cor", "Dax", "El", "Fen", "Gal", "Hel", "Ion", "Jur",
         "Kel", "Lum", "Mer", "Nyx", "Or", "Pax", "Quor", "Ryn", "Sol", "Tal",
         "Ul", "Vex", "Wren", "Xan", "Yor", "Zen", "Cal", "Dri", "Ver", "Sy"]
SYL_B = ["a", "ix", "on", "ara", "eon", "us", "ly", "ora", "ent", "ium", "ex",
         "io", "ane", "ift", "ero", "ist", "ova", "ynx", "ade", "itra"]
PRODUCT_WORDS = ["Pulse", "Beacon", "Forge", "Harbor", "Atlas", "Relay",
                 "Lens", "Canvas", "Vault", "Compass", "Stream", "Signal",
                 "Orbit", "Ledger", "Prism", "Anchor", "Bridge", "Spark"]
PRODUCT_SUFFIX = ["Studio", "Hub", "Agent", "Insights", "Flow", "Guard",
                  "Mesh", "Catalog", "Copilot", "Runtime", "Gateway", "Lab"]
NOVA_TIERS = ["Ultra", "Micro", "Pro", "Lite", "Sonic", "Omni", "Reel", "Canvas"]
COMPANY_SUFFIX = ["Cloud", "Labs", "Systems", "Bank", "Health", "Energy",
                  "Analytics", "Retail", "Logistics", "Media", "Motors",
                  "Insurance", "Robotics", "Pharma", "Telecom", "Games"]

FIRST_NAMES = ["Priya", "Wei", "Hiroshi", "Ana", "Carlos", "Fatima", "Olga",
               "Raj", "Sofia", "Lars", "Ingrid", "Kwame", "Chen", "Mei",
               "David", "Sarah", "Emily", "Michael", "Laura", "Ahmed", "Yuki",
               "Marco", "Elena", "Tom", "Grace", "Daniel", "Nadia", "Lucas",
               "Aisha", "Ben", "Chloe", "Diego", "Hannah", "Ivan", "Jasmine",
               "Kenji", "Leila", "Mateo", "Nora", "Oscar", "Paula", "Rafael",
               "Sven", "Tara", "Uma", "Victor", "Wen", "Xavier", "Yara", "Zoe",
               "Arjun", "Bianca", "Colin", "Dana", "Erik", "Farah", "Gustavo",
               "Helen", "Imran", "Julia"]
LAST_NAMES = ["Sharma", "Zhang", "Tanaka", "Silva", "Garcia", "Haddad",
              "Ivanova", "Patel", "Rossi", "Nilsson", "Berg", "Mensah", "Li",
              "Wang", "Smith", "Johnson", "Miller", "Brown", "Davis", "Khan",
              "Sato", "Bianchi", "Petrova", "Walker", "Kim", "Muller", "Novak",
              "Costa", "Osei", "Clark", "Dubois", "Fernandez", "Hoffmann",
              "Ito", "Jensen", "Kowalski", "Lopez", "Moreau", "Nakamura",
              "Okafor", "Park", "Reyes", "Schmidt", "Torres", "Vargas",
              "Weber", "Young", "Blanco Perez", "Da Costa", "Van Dijk"]

# (name, org, role) — the samples' speakers, at the top of the speaker ranks.
REAL_SPEAKERS = [
    ("Matt Garman", "AWS", "CEO"),
    ("Memet", "AWS", "首席架构师"),
    ("Nikki Mosheri", "AWS", "全球合作伙伴中小企业专家"),
    ("Umesh Sut", "AWS", "培训产品总监"),
    ("Julio Blanco Perez", "Santander", "代理CTO"),
    ("Pasquale Delio", "Amazon Connect", "副总裁"),
    ("James Boswell", "Centrica", "客户体验总监"),
    ("John Kodera", "Sony", "首席数字官"),
    ("Shantanu Narayen", "Adobe", "CEO"),
    ("May Habib", "Writer", "CEO"),
]
AWS_ROLES = ["首席架构师", "高级解决方案架构师", "副总裁", "产品总监",
             "首席技术专家", "工程总监", "首席开发者布道师", "产品经理",
             "全球合作伙伴专家", "行业解决方案负责人", "首席数据科学家",
             "总经理", "技术总监", "首席安全官"]
COMPANY_ROLES = ["CEO", "CTO", "首席数字官", "代理CTO", "工程副总裁",
                 "数据平台负责人", "首席信息官", "AI负责人", "架构总监",
                 "云平台负责人", "首席产品官"]

DOMAINS = ["金融服务", "医疗健康", "零售", "制造业", "能源", "公共部门",
           "媒体与娱乐", "游戏", "电信", "汽车", "物流", "教育", "保险",
           "生命科学", "航空"]
THINGS = ["多代理系统", "实时数据管道", "企业知识库", "客户服务平台",
          "智能搜索", "推荐系统", "可观测性平台", "零信任安全架构", "数据湖仓",
          "无服务器应用", "RAG应用", "语音助手", "生成式AI", "AI代理",
          "联络中心", "代码现代化", "合规审查流程", "欺诈检测系统",
          "AI技能培训", "数据治理体系", "边缘推理平台", "开发者平台"]
FEATURES = ["实时流式推理", "自动扩缩容", "细粒度权限控制", "多模态输入",
            "长上下文记忆", "工具调用", "跨区域复制", "零ETL集成",
            "无服务器运行时", "内置护栏", "自动化评估", "语义检索", "向量索引",
            "可视化编排", "策略即代码", "端到端加密", "低延迟语音交互",
            "持续预训练", "模型蒸馏", "批量推理", "身份认证", "统一可观测性",
            "数据丢失防护", "规范驱动开发", "按需渗透测试", "提示缓存",
            "智能路由", "知识图谱", "会话内存管理", "自动摘要"]
BENEFITS = ["显著降低运营成本", "缩短上市时间", "提升客户满意度",
            "减少人工干预", "提高开发者生产力", "增强安全态势",
            "实现统一可观测性", "简化合规流程", "加速创新", "打破数据孤岛",
            "提升员工参与度", "降低技术门槛", "改善决策质量",
            "实现规模化部署", "提高系统可靠性"]
METRICS = ["平均处理时间", "端到端延迟", "模型训练时间", "部署周期",
           "推理耗时", "故障恢复时间", "报表生成时间", "代码评审时间",
           "客户等待时间", "数据准备时间", "上线周期", "审批时间"]
THEMES = ["AI代理化转型", "开放式创新平台", "企业级安全与治理",
          "开发者生产力革命", "数据驱动决策", "规模化AI落地", "人机协作",
          "成本优化", "混合学习模式", "统一可观测性", "负责任的AI",
          "客户体验重塑", "持续学习文化", "合作伙伴生态"]

OPENING_HEADINGS = ["开场介绍", "开场与行业挑战", "开场与业务成果展示",
                    "会议开场", "开场与议程介绍"]
CLOSING_HEADINGS = ["结束语", "总结与行动号召", "结尾", "问答与结束语",
                    "总结与展望"]
GENERIC_HEADINGS = [
    "行业背景与挑战", "客户期望的新标准", "核心架构解析", "技术深度剖析",
    "现场演示", "最佳实践分享", "性能与成本优化", "安全与合规",
    "数据基础建设", "规模化部署经验", "运维与可观测性", "组织与文化变革",
    "人才培养与技能提升", "未来路线图", "合作伙伴生态", "关键经验教训",
    "问答环节", "实施路径与方法论", "业务成果与指标", "迁移策略",
    "多代理协作模式", "评估与质量保障", "治理框架", "成本模型分析",
    "开发者体验改进", "新功能介绍", "用户反馈与迭代", "行业趋势洞察",
    "研究数据解读", "调查结果", "避免的错误", "成功的标志",
]
TEMPLATE_HEADINGS = [
    "{P}核心能力", "{P}架构详解", "{C}合作案例", "客户案例：{C}",
    "{P}与{P}集成", "{C}的转型之路", "{P}新功能发布", "{D}场景实践",
    "第{STEP}步：{F}", "{P}的{F}", "{D}行业的{T}", "{C}背景介绍",
]
ENTRY_TITLES = [
    "具体业务影响", "使用数据", "三大核心原则",
    "转型前的挑战", "转型后的成果", "最新功能与未来规划", "行业困境分析",
    "核心优势", "统一定价模式的优势", "灵活部署选项", "全渠道一致性",
    "客户规模与多样性", "场景示例", "关键指标", "实施步骤",
    "{C}公司背景", "{P}的定位", "{F}详解", "{D}客户案例", "{T}演示",
]

TOPICS = [
    "通过合作伙伴解决方案扩展{T}", "{D}行业的{T}实践", "使用{P}构建{T}",
    "{P}深度解析", "{C}如何借助{P}{B}", "从实验到生产：{P}最佳实践",
    "{P}与{P}：打造{T}", "{D}企业AI转型指南", "AI技能培训与{D}企业转型",
    "{T}的架构演进", "Agentic AI在{D}的落地", "规模化运行{P}的经验教训",
    "{C}的{T}之旅", "用{P}重塑{D}客户体验", "{T}：从概念到生产",
]
TITLE_FORMS = [
    (6, "AWS re:Invent 2025 分会场总结：{topic}", "分会场"),
    (2, "AWS re:Invent 2025 主题演讲总结：{topic}", "主题演讲"),
    (1, "AWS re:Invent 2025 主题演讲总结", "主题演讲"),
    (2, "AWS re:Invent 2025 {topic}会议总结", "分会场"),
    (2, "AWS re:Invent 2025 - {P} 会议总结", "分会场"),
    (1, "AWS re:Invent 2025 技术讲座总结：{topic}", "技术讲座"),
    (1, "AWS re:Invent 2025 创新讲座总结：{topic}", "创新讲座"),
    (1, "AWS re:Invent 2025 工作坊总结：{topic}", "工作坊"),
    (1, "AWS re:Invent 2025 闪电演讲总结：{topic}", "闪电演讲"),
    (1, "AWS re:Invent 2025 客户案例分享：{topic}", "客户案例分享"),
]

BULLETS = [
    "{C}使用{P}将{M}{FT}",
    "{P}支持{F}和{F}，帮助客户{B}",
    "客户案例：{C}通过{P}{B}，{M}{FT}",
    "{PCT}的受访企业计划在{YEAR}年前部署{T}",
    "演讲者演示了如何使用{P}和{P}构建{T}",
    "{P}已服务超过{WAN}家企业客户",
    "{C}的业务规模达到{MONEY}，同比增长{PCT}",
    "{C}的AWS认证人数{FTP}",
    "{P}上线后，活跃团队{FTP}",
    "{P}每秒处理超过{N}亿次请求",
    "强调{F}是{T}成功的关键",
    "{S}分享了{C}在{D}领域的实践经验",
    "{S}指出：{PCT}的企业在{T}上面临人才短缺",
    "通过{P}，{C}实现了{X}的吞吐量提升",
    "{C}将{N}个分散系统整合到{P}单一平台",
    "对比传统方案，{P}可降低{PCT}的成本",
    "{P}与{P}深度集成，实现{F}",
    "现场调查显示{PCT}的参会者已在生产环境使用{P}",
    "{C}的平台拥有{WAN}用户，每天处理{WAN}次推理请求",
    "建议从小规模试点开始，逐步扩展到{T}",
    "关键要素：{F}、{F}与{F}",
    "数据显示：{M}{FT}，客户满意度提升{PCT}",
    "{C}与AWS合作{N}年，累计节省{MONEY}",
    "合作伙伴：{C}、{C}",
    "{P}提供{N}个预构建评估器，自动化质量监控流程",
    "{P}在{D}场景中表现优异，{M}{FT}",
    "{S}强调不要为了技术而技术，应从业务问题出发",
    "使用{P}训练{P}，训练时间{FT}，可靠性提升{PCT}",
    "{C}的{T}基于{P}构建，覆盖{WAN}名员工",
    "问答：如何在{P}中实现{F}？建议结合{P}的{F}",
    "{PCT}的组织表示{P}帮助他们{B}",
    "{P}年度运营收入突破{MONEY}",
    "{P}相比上一代提供{X}算力、{X}内存带宽",
    "传统方式只能抽样{PCT}的数据，{P}可覆盖全部数据",
    "{C}在{N}周内完成了{T}的上线",
    "{S}用一个比喻说明：没有准备好食材就无法做出好菜，{F}同样如此",
    "{T}的关键挑战：技术复杂性、人才短缺、担心犯错",
    "{P}目前已有{WAN}名活跃开发者",
    "超过{PCT}的中小企业因复杂性错失{T}机会",
    "{C}借助{P}实现{F}，{B}",
    "演示：{P}自动识别异常并触发{F}",
    "{P}的定价按分钟计费，包含全部{F}能力",
    "与会者可在{K}号展位体验{P}",
    "{N}人团队使用{P}在{K}天内完成原本需要{N}个月的项目",
    "{D}客户特别关注{F}和{F}",
    "引用{C}研究：{T}是增长最快的细分市场",
    "{P}的{F}功能减少了{PCT}的人工工作量",
]
LAUNCH_BULLETS = [
    "发布{L}：{F}，{B}",
    "推出{L}，支持{F}和{F}",
    "宣布{L}正式可用，覆盖{N}个区域",
    "正式发布{L}：相比上一代提供{X}性能、{X}能效比",
    "预告{L}：预计{YEAR}年上线，将提供{X}算力",
    "{L}推出Beta版，{F}",
    "{DATE}发布{L} Beta版，验证{F}能力",
    "{DATE}推出{L}，专注{F}",
    "首次发布{L}和{L}系列",
]
SUB_PARENTS = ["解决方案优势：", "案例分享：", "应用场景：", "关键能力：",
               "**本周上线**：", "**未来方向**：", "发布{L}：", "主要区别：",
               "{C}的做法："]
SUB_ITEMS = ["{F}", "{P}：{F}", "{C}：{B}", "{M}{FT}", "{F}，{B}",
             "支持{F}", "{PCT}的用户选择{P}"]
OVERVIEW_SENTENCES = [
    "会议强调，{D}企业正在加速采用{T}——{PCT}的企业已经在生产环境中运行相关工作负载，但仍有{PCT}的团队面临{F}方面的挑战。",
    "演讲者介绍了{P}、{P}和{P}等服务如何协同工作，帮助客户{B}。",
    "{C}作为客户案例分享了其转型经验：将{N}个分散系统整合为单一{P}平台，{M}{FT}，客户满意度提升{PCT}。",
    "AWS在过去一年取得了显著增长，业务规模达到{MONEY}，同比增长{PCT}。",
    "会议还发布了{L}和{L}，进一步完善了{T}能力。",
    "{S}提出了一个包含{N}个步骤的框架，帮助组织系统化地实施{T}。",
    "数据显示，采用{P}的客户平均实现了{X}的效率提升，{M}{FT}。",
    "会议的核心信息是：{T}触手可及，{D}企业可以通过正确的方法和合作伙伴支持{B}。",
    "演讲者强调，许多组织将{T}视为技术项目而非从业务问题出发，这是导致失败的主要原因之一。",
    "{P}目前已有{WAN}名活跃用户，{C}、{C}等企业均已在生产环境中部署。",
    "为应对这些挑战，AWS构建了一个{N}层解决方案框架，底层关注{F}，顶层则是解决业务问题的方案。",
    "{S}特别指出，{T}不应独自推进，而应借助{C}等合作伙伴的专业支持。",
    "会议重点介绍了{P}的{F}与{F}，以及如何借助{P}{B}。",
    "{C}分享了基于{P}的{T}实践，拥有{WAN}用户，每天处理{WAN}次请求。",
    "到{YEAR}年，{PCT}的核心工作技能将发生变化，这要求企业必须建立持续学习的文化。",
]
CLOSING_BULLETS = ["感谢听众参与", "请求完成会议调查", "邀请参会者到{K}号展位交流",
                   "强调{T}的未来由{D}企业构建", "邀请通过LinkedIn联系",
                   "祝愿大家享受剩余的re:Invent时间", "提供QR码访问{T}资源页面",
                   "再次强调：不要忽视{F}"]


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

TOKEN_RE = re.compile(r"\{([A-Z]+)\}")


def compile_template(s: str):
    """Split a template into literal strings and ('TOKEN',) tuples, once."""
    parts = []
    pos = 0
    for m in TOKEN_RE.finditer(s):
        if m.start() > pos:
            parts.append(s[pos:m.start()])
        parts.append((m.group(1),))
        pos = m.end()
    if pos < len(s):
        parts.append(s[pos:])
    return tuple(parts)


def compile_all(lst):
    return [compile_template(s) for s in lst]


C_BULLETS = compile_all(BULLETS)
C_LAUNCH = compile_all(LAUNCH_BULLETS)
C_SUB_PARENTS = compile_all(SUB_PARENTS)
C_SUB_ITEMS = compile_all(SUB_ITEMS)
C_OVERVIEW = compile_all(OVERVIEW_SENTENCES)
C_CLOSING = compile_all(CLOSING_BULLETS)
C_GENERIC_HEADINGS = compile_all(GENERIC_HEADINGS)
C_TEMPLATE_HEADINGS = compile_all(TEMPLATE_HEADINGS)
C_ENTRY_TITLES = compile_all(ENTRY_TITLES)
C_TOPICS = compile_all(TOPICS)


def is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def cat(*parts: str) -> str:
    """Concatenate, putting a space between two Latin words (`AWS CEO Matt`)."""
    out = ""
    for p in parts:
        if not p:
            continue
        if out and is_latin(out[-1]) and is_latin(p[0]):
            out += " "
        out += p
    return out


SPACE_RE1 = re.compile(r"([\u4e00-\u9fff])([A-Za-z0-9])")
SPACE_RE2 = re.compile(r"([A-Za-z0-9%])([\u4e00-\u9fff])")


def spaced(s: str) -> str:
    """The `由 Amazon Connect 副总裁 Pasquale Delio 主讲` style of sample 004."""
    return SPACE_RE2.sub(r"\1 \2", SPACE_RE1.sub(r"\1 \2", s))


def zipf_cum(n: int, s: float):
    cum = []
    total = 0.0
    for r in range(1, n + 1):
        total += 1.0 / (r ** s)
        cum.append(total)
    return cum


def blen(s: str) -> int:
    return len(s.encode("utf-8"))


def first_name(name: str) -> str:
    return name.split(" ")[0]


# ---------------------------------------------------------------------------
# Pools (products, companies, speakers), shared by every file of one seed
# ---------------------------------------------------------------------------

class Pools:
    def __init__(self, seed: int):
        rng = random.Random(f"recap-bench-pools:{seed}")
        seen = set()

        def add(lst, entry):
            if entry[0] in seen:
                return False
            seen.add(entry[0])
            lst.append(entry)
            return True

        def word():
            return rng.choice(SYL_A) + rng.choice(SYL_B)

        # --- products: ~225 ---------------------------------------------
        products = []
        for p in REAL_PRODUCTS:
            add(products, p)
        generated = []
        while len(generated) < 150:
            kind = rng.random()
            if kind < 0.25:
                w = word()
                e = (f"Amazon {w}", w)
            elif kind < 0.50:
                w = word()
                e = (f"AWS {w}",)
            elif kind < 0.60:
                e = (f"Nova {rng.randint(3, 5)} {rng.choice(NOVA_TIERS)}",)
            elif kind < 0.65:
                e = (f"{rng.choice(['Trainium', 'Graviton', 'Inferentia'])}{rng.randint(4, 7)}",)
            elif kind < 0.80:
                e = (f"{rng.choice(PRODUCT_WORDS)} {rng.choice(PRODUCT_SUFFIX)}",)
            elif kind < 0.90:
                e = (f"AgentCore {rng.choice(PRODUCT_WORDS)}",)
            else:
                e = (f"Amazon {rng.choice(PRODUCT_WORDS)} {rng.choice(PRODUCT_SUFFIX)}",)
            add(generated, e)
        # keep the real names at the head, interleave the rest
        head, tail = products[:12], products[12:] + generated
        rng.shuffle(tail)
        self.products = head + tail

        # --- companies: ~110 ---------------------------------------------
        companies = []
        for c in REAL_COMPANIES:
            add(companies, c)
        gen_c = [("Acme Cloud",)]
        seen.add("Acme Cloud")
        while len(gen_c) < 60:
            w = word()
            e = (f"{w} {rng.choice(COMPANY_SUFFIX)}",) if rng.random() < 0.8 else (f"{w}Tech",)
            add(gen_c, e)
        head, tail = companies[:10], companies[10:] + gen_c
        rng.shuffle(tail)
        self.companies = head + tail

        # --- speakers: 1,200, each with a fixed org and role ---------------
        speakers = list(REAL_SPEAKERS)
        names = {s[0] for s in speakers}
        while len(speakers) < 1200:
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            if name in names:
                continue
            names.add(name)
            if rng.random() < 0.65:
                speakers.append((name, "AWS", rng.choice(AWS_ROLES)))
            else:
                org = self.companies[min(int(rng.paretovariate(0.9)) - 1, len(self.companies) - 1)][0]
                speakers.append((name, org, rng.choice(COMPANY_ROLES)))
        self.speakers = speakers
        self.aws_speakers = [s for s in speakers if s[1] == "AWS"]
        self.guest_speakers = [s for s in speakers if s[1] not in ("AWS", "Amazon Connect")]

        self.product_cum = zipf_cum(len(self.products), 1.2)
        self.company_cum = zipf_cum(len(self.companies), 1.2)
        # launches: mostly the newer names, in an order of their own
        self.launch_products = self.products[12:]
        rng.shuffle(self.launch_products)
        self.launch_cum = zipf_cum(len(self.launch_products), 0.7)
        self.aws_speaker_cum = zipf_cum(len(self.aws_speakers), 0.9)
        self.guest_speaker_cum = zipf_cum(len(self.guest_speakers), 0.9)
        self.company_alias = {c[0]: c for c in self.companies}
        self.company_names = {c[0] for c in self.companies}


# ---------------------------------------------------------------------------
# One session
# ---------------------------------------------------------------------------

class Block:
    __slots__ = ("heading", "entries", "mentions", "closing")

    def __init__(self, heading, entries, mentions, closing=False):
        self.heading = heading
        self.entries = entries  # [(title, [(text, [subtexts])])]
        self.mentions = mentions  # [(kind, name)] in text order
        self.closing = closing


class Session:
    def __init__(self, pools: Pools, rng: random.Random, shape: int):
        self.pools = pools
        self.rng = rng
        self.shape = shape
        self.mentions = []  # current collector
        r = rng
        self.focus_products = self._distinct(lambda: self._zipf_product(), r.randint(2, 7))
        self.focus_companies = self._distinct(lambda: self._zipf_company(), r.randint(1, 4))
        self.spaced = (shape == 4 and r.random() < 0.7) or r.random() < 0.1
        self.hours_style = r.random() < (0.8 if shape == 2 else 0.35)
        self.speakers = []  # (name, org, role) introduced in the overview
        self.guests = []

    # -- sampling ---------------------------------------------------------
    def _distinct(self, fn, k):
        out = []
        for _ in range(k * 3):
            x = fn()
            if x not in out:
                out.append(x)
            if len(out) >= k:
                break
        return out

    def _zipf_product(self):
        p = self.pools
        return self.rng.choices(p.products, cum_weights=p.product_cum)[0]

    def _zipf_company(self):
        p = self.pools
        return self.rng.choices(p.companies, cum_weights=p.company_cum)[0]

    def product(self, used, launch=False):
        r = self.rng
        p = self.pools
        for _ in range(6):
            if r.random() < (0.4 if launch else 0.8):
                e = r.choice(self.focus_products)
            elif launch:
                e = r.choices(p.launch_products, cum_weights=p.launch_cum)[0]
            else:
                e = self._zipf_product()
            if e[0] not in used:
                break
        used.add(e[0])
        self.mentions.append(("product", e[0]))
        if len(e) > 1 and not launch and r.random() < 0.2:
            return r.choice(e[1:])
        return e[0]

    def company(self, used):
        r = self.rng
        for _ in range(6):
            e = r.choice(self.focus_companies) if r.random() < 0.8 else self._zipf_company()
            if e[0] not in used:
                break
        used.add(e[0])
        return self.company_name(e)

    def company_name(self, e):
        self.mentions.append(("company", e[0]))
        r = self.rng
        if len(e) > 1:
            # Chinese aliases (桑坦德银行) are the usual spelling in prose
            alias = e[1]
            if not alias.isascii():
                return alias if r.random() < 0.7 else e[0]
            if r.random() < 0.2:
                return alias
        return e[0]

    def org_name(self, org):
        if org in self.pools.company_names:
            return self.company_name(self.pools.company_alias[org])
        if org != "AWS":  # a product as org: `Amazon Connect 副总裁`
            self.mentions.append(("product", org))
        return org

    def speaker_ref(self):
        sp = self.speakers + self.guests
        if not sp:
            return "演讲者"
        s = self.rng.choice(sp)
        self.mentions.append(("speaker", s[0]))
        return first_name(s[0])

    # -- numbers ----------------------------------------------------------
    def pct(self):
        r = self.rng.random()
        if r < 0.85:
            return f"{self.rng.randint(5, 98)}%"
        return f"{self.rng.randint(10, 99) / 10:g}%"

    def money(self):
        r = self.rng
        k = r.random()
        if k < 0.5:
            return f"{r.choice([10, 12, 35, 50, 80, 120, 220, 350, 500, 1320, 2400])}亿美元"
        if k < 0.8:
            return f"{r.randint(2, 900)}万美元"
        return f"{r.randint(2, 90)}亿欧元"

    def wan(self):
        r = self.rng
        if r.random() < 0.5:
            return f"{r.randint(11, 99) / 10:g}万"
        return f"{r.randint(2, 500)}万"

    def times(self):
        return f"{self.rng.randint(11, 99) / 10:g}倍"

    FT_UNITS = [("秒", 30, 600), ("毫秒", 50, 2000), ("分钟", 10, 180),
                ("小时", 4, 72), ("天", 5, 90), ("周", 3, 20)]

    def fromto(self):
        r = self.rng
        if r.random() < 0.9:
            unit, lo, hi = r.choice(self.FT_UNITS)
            a = r.randint(lo, hi)
            b = max(1, int(a * r.uniform(0.05, 0.8)))
            verb = r.choice(["降至", "缩短至", "减少到"])
            return f"从{a}{unit}{verb}{b}{unit}"
        return f"从{r.randint(2, 5)}-{r.randint(6, 12)}周缩短至{r.randint(1, 3)}小时"

    def fromto_people(self):
        r = self.rng
        a = r.randint(20, 500)
        b = a + r.randint(50, 2000)
        return f"从{a}人{r.choice(['增加到', '增长到', '提升至'])}{b}人"

    # -- templates --------------------------------------------------------
    def fill(self, tpl) -> str:
        r = self.rng
        used_p, used_c = set(), set()
        out = []
        for part in tpl:
            if part.__class__ is str:
                out.append(part)
                continue
            t = part[0]
            if t == "P":
                name = self.product(used_p)
                out.append(f"**{name}**" if r.random() < 0.08 else name)
            elif t == "L":
                out.append(f"**{self.product(used_p, launch=True)}**")
            elif t == "C":
                out.append(self.company(used_c))
            elif t == "S":
                out.append(self.speaker_ref())
            elif t == "PCT":
                out.append(self.pct())
            elif t == "MONEY":
                out.append(self.money())
            elif t == "WAN":
                out.append(self.wan())
            elif t == "X":
                out.append(self.times())
            elif t == "FT":
                out.append(self.fromto())
            elif t == "N":
                out.append(str(r.choice([2, 3, 3, 4, 4, 5, 6, 7, 8, 10, 12, 13, 15])))
            elif t == "K":
                out.append(str(r.choice([13, 18, 20, 29, 30, 76, 100, 330, 884])))
            elif t == "STEP":
                out.append(str(r.randint(1, 7)))
            elif t == "FTP":
                out.append(self.fromto_people())
            elif t == "YEAR":
                out.append(str(r.randint(2026, 2030)))
            elif t == "DATE":
                out.append(f"{r.choice([10, 11, 12])}月{r.randint(1, 28)}日")
            elif t == "F":
                out.append(r.choice(FEATURES))
            elif t == "B":
                out.append(r.choice(BENEFITS))
            elif t == "D":
                out.append(r.choice(DOMAINS))
            elif t == "T":
                out.append(r.choice(THINGS))
            elif t == "M":
                out.append(r.choice(METRICS))
            else:  # pragma: no cover - template typo
                raise KeyError(t)
        return "".join(out)

    # -- parts of a recap -------------------------------------------------
    def collect(self):
        self.mentions = []
        return self.mentions

    def intro_sentence(self, kind):
        r = self.rng
        p = self.pools
        k = r.random()
        if kind == "主题演讲":
            host = p.speakers[0] if r.random() < 0.5 else r.choice(p.aws_speakers[:40])
            self.speakers.append(host)
            self.mentions.append(("speaker", host[0]))
            return (f"本次AWS re:Invent 2025大会由{cat(host[1], host[2], host[0])}主持，"
                    f"吸引了超过{r.randint(2, 9)}万名现场参与者和近{r.randint(50, 300)}万在线观众。")
        if k < 0.55:
            s = r.choices(p.aws_speakers, cum_weights=p.aws_speaker_cum)[0] if r.random() < 0.8 else \
                r.choices(p.guest_speakers, cum_weights=p.guest_speaker_cum)[0]
            self.speakers.append(s)
            self.mentions.append(("speaker", s[0]))
            topic = self.fill(r.choice(C_TOPICS))
            return f"本次会议由{cat(self.org_name(s[1]), s[2], s[0])}主讲，重点探讨了{topic}。"
        if k < 0.8:
            a = r.choices(p.aws_speakers, cum_weights=p.aws_speaker_cum)[0]
            b = r.choices(p.guest_speakers, cum_weights=p.guest_speaker_cum)[0]
            if a[0] == b[0]:
                b = p.guest_speakers[-1]
            self.speakers += [a, b]
            self.mentions.append(("speaker", a[0]))
            sa = cat(self.org_name(a[1]), a[2], a[0])
            self.mentions.append(("speaker", b[0]))
            sb = cat(self.org_name(b[1]), b[2], b[0])
            topic = self.fill(r.choice(C_TOPICS))
            return f"本次AWS re:Invent 2025分会场由{sa}和{sb}共同主持，重点探讨了{topic}。"
        # a product VP, the `由 Amazon Connect 副总裁 Pasquale Delio 主讲` form
        prod = r.choice(self.focus_products)[0]
        s = r.choices(p.aws_speakers, cum_weights=p.aws_speaker_cum)[0]
        s = (s[0], prod, r.choice(["副总裁", "总经理", "产品负责人"]))
        self.speakers.append(s)
        self.mentions.append(("speaker", s[0]))
        self.mentions.append(("product", prod))
        return f"本次会议由{cat(prod, s[2], s[0])}主讲，重点介绍了{self.fill(r.choice(C_TOPICS))}。"

    def overview(self, kind):
        r = self.rng
        paras = []
        n = r.choice([2, 2, 3, 3, 3])
        pool = list(C_OVERVIEW)
        r.shuffle(pool)
        for i in range(n):
            sents = [self.intro_sentence(kind)] if i == 0 else []
            for _ in range(r.randint(2, 4)):
                sents.append(self.fill(pool.pop()))
            paras.append("".join(sents))
        return paras

    def bullets(self, n, allow_subs=True):
        r = self.rng
        out = []
        seen = set()

        def pick(lst):
            for _ in range(4):
                t = r.choice(lst)
                if id(t) not in seen:
                    break
            seen.add(id(t))
            return t

        for _ in range(n):
            k = r.random()
            if allow_subs and k < 0.08:
                parent = self.fill(pick(C_SUB_PARENTS))
                subs = [self.fill(t) for t in r.sample(C_SUB_ITEMS, r.randint(2, 4))]
                out.append((parent, subs))
            elif k < 0.18:
                out.append((self.fill(pick(C_LAUNCH)), []))
            else:
                out.append((self.fill(pick(C_BULLETS)), []))
        return out

    def heading(self):
        r = self.rng
        if r.random() < 0.45:
            return self.fill(r.choice(C_TEMPLATE_HEADINGS))
        return self.fill(r.choice(C_GENERIC_HEADINGS))

    def n_bullets(self):
        r = self.rng
        return {0: (2, 6), 1: (2, 6), 2: (3, 7), 3: (4, 12), 4: (2, 5)}[self.shape]

    def block(self):
        r = self.rng
        ms = self.collect()
        lo, hi = self.n_bullets()
        subs = self.shape != 3
        if r.random() < 0.1:
            return self.guest_block(ms)
        heading = self.heading()
        if self.shape == 4:
            entries = []
            for _ in range(r.randint(1, 4)):
                title = self.fill(r.choice(C_ENTRY_TITLES))
                entries.append((title, self.bullets(r.randint(lo, hi), subs)))
        else:
            entries = [(heading, self.bullets(r.randint(lo, hi), subs))]
        return Block(heading, entries, ms)

    def guest_block(self, ms):
        """A customer story told by a guest: `Name（Org 代表）` / `Org CEO Name分享`."""
        r = self.rng
        p = self.pools
        g = r.choices(p.guest_speakers, cum_weights=p.guest_speaker_cum)[0]
        self.guests.append(g)
        org = self.org_name(g[1])
        heading = r.choice([f"{org}客户案例", f"{org}合作案例", f"客户案例：{org}"])
        self.mentions.append(("speaker", g[0]))
        if r.random() < 0.5:
            first = f"{g[0]}（{org} 代表）介绍{org}的{r.choice(THINGS)}实践"
        else:
            role = g[2] if r.random() < 0.6 else "CEO"
            first = f"{cat(org, role, g[0])}分享{org}的{r.choice(THINGS)}愿景"
        lo, hi = self.n_bullets()
        bl = [(first, [])] + self.bullets(r.randint(lo, hi) - 1, self.shape != 3)
        if self.shape == 4:
            entries = [(f"{org}公司背景", bl[:2]), ("具体业务影响", bl[2:] or self.bullets(2))]
        else:
            entries = [(heading, bl)]
        return Block(heading, entries, ms)

    def opening_block(self):
        r = self.rng
        ms = self.collect()
        heading = r.choice(OPENING_HEADINGS)
        bl = []
        if self.speakers:
            s = self.speakers[0]
            self.mentions.append(("speaker", s[0]))
            bl.append((f"演讲者{s[0]}自我介绍，说明其作为{cat(self.org_name(s[1]), s[2])}的职责", []))
        bl.append((f"会议目标：{self.fill(compile_template('帮助{D}客户理解如何利用{P}{B}'))}", []))
        lo, hi = self.n_bullets()
        bl += self.bullets(max(0, r.randint(lo, hi) - len(bl)), self.shape != 3)
        if self.shape == 4:
            entries = [("会议开场，主讲人介绍", bl[:2]), (self.fill(r.choice(C_ENTRY_TITLES)), bl[2:] or self.bullets(2))]
        else:
            entries = [(heading, bl)]
        return Block(heading, entries, ms)

    def closing_block(self):
        r = self.rng
        ms = self.collect()
        heading = r.choice(CLOSING_HEADINGS)
        n = r.randint(2, 4)
        bl = [(self.fill(t), []) for t in r.sample(C_CLOSING, n)]
        if self.shape == 4:
            heading = "总结"
            entries = [(r.choice(["核心要点回顾", "总结与展望", "会议总结"]), self.bullets(r.randint(2, 4), True))]
        else:
            entries = [(heading, bl)]
        return Block(heading, entries, ms, closing=True)


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------

def f_hms(t):
    return "%02d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)


def f_pad(t, hours):
    if hours and t >= 3600:
        return "%d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)
    return "%02d:%02d" % (t // 60, t % 60)


def f_unpad(t, hours):
    if hours and t >= 3600:
        return "%d:%02d:%02d" % (t // 3600, t // 60 % 60, t % 60)
    return "%d:%02d" % (t // 60, t % 60)


def bullet_lines(lines, bullets):
    for text, subs in bullets:
        lines.append(("bullet", f"- {text}"))
        for s in subs:
            lines.append(("bullet", f"  - {s}"))


def render_timeline(sess: Session, blocks, rng_t: random.Random):
    """Lines (kind, text) of the timeline. Times come from rng_t, a separate
    stream, so re-rendering after dropping a block stays deterministic."""
    shape = sess.shape
    hours = sess.hours_style
    lines = []
    t = 0
    step = {0: 15, 1: 15, 2: 30, 3: 5, 4: 15}[shape]

    def dur(nb, lo, hi):
        return max(step, (nb * rng_t.randint(lo, hi)) // step * step)

    last = len(blocks) - 1
    for bi, b in enumerate(blocks):
        if shape in (0, 1):
            title, bl = b.entries[0]
            d = dur(len(bl), 15, 60)
            if shape == 0:
                lines.append(("entry", f"{f_hms(t)} - {title}"))
            else:
                lines.append(("entry", f"{f_unpad(t, hours)}-{f_unpad(t + d, hours)} - {title}"))
            bullet_lines(lines, bl)
            t += d
        elif shape == 2:
            title, bl = b.entries[0]
            d = dur(len(bl), 50, 150)
            lines.append(("h3", f"### {title}"))
            end = "结束" if bi == last else f_pad(t + d, hours)
            lines.append(("range", f"[{f_pad(t, hours)} - {end}]"))
            bullet_lines(lines, bl)
            t += d
        elif shape == 3:
            title, bl = b.entries[0]
            times = []
            tt = t
            for _ in bl:
                times.append(tt)
                tt += rng_t.choice([10, 15, 20, 20, 30, 30, 45])
            lines.append(("h3", f"### {title} ({f_pad(t, hours)} - {f_pad(tt, hours)})"))
            for (text, subs), ti in zip(bl, times):
                lines.append(("bullet", f"- **{f_pad(ti, hours)}** - {text}"))
            t = tt
        else:  # shape 4
            if bi == last:
                lines.append(("h3", f"### {b.heading}"))
                lines.append(("blank", ""))
                title, bl = b.entries[0]
                lines.append(("entry", f"{f_pad(t, hours)} - 结束 - {title}"))
                bullet_lines(lines, bl)
                break
            ds = [dur(len(bl), 30, 75) for _, bl in b.entries]
            total = sum(ds)
            lines.append(("h3", f"### {b.heading} ({f_pad(t, hours)} - {f_pad(t + total, hours)})"))
            for (title, bl), d in zip(b.entries, ds):
                lines.append(("blank", ""))
                lines.append(("entry", f"{f_pad(t, hours)} - {f_pad(t + d, hours)} - {title}"))
                if bl and rng_t.random() < 0.05:
                    # the numbered-list variant (`1. 选择权：…`)
                    for k, (text, subs) in enumerate(bl, 1):
                        lines.append(("bullet", f"{k}. {text}"))
                else:
                    bullet_lines(lines, bl)
                t += d
        if bi != last:
            lines.append(("blank", ""))
    return lines


def make_session(pools: Pools, seed: int, i: int):
    """Return (file_stem, lines, meta) for recap number i."""
    rng = random.Random(f"recap-bench:{seed}:{i}")
    hexid = "%016x" % rng.getrandbits(64)
    shape = i % 5 if rng.random() < 0.8 else rng.randrange(5)
    sess = Session(pools, rng, shape)

    # size target: mostly like the samples (5–7 KB), a tail up to ~14.5 KB
    if rng.random() < 0.85:
        target = int(rng.lognormvariate(math.log(6200), 0.35))
    else:
        target = rng.randint(9000, 14500)
    target = min(14300, max(MIN_BYTES + 400, target))

    # title
    weights = [w for w, _, _ in TITLE_FORMS]
    _, form, kind = rng.choices(TITLE_FORMS, weights=weights)[0]
    head_ms = sess.collect()
    topic = sess.fill(rng.choice(C_TOPICS)) if "{topic}" in form else ""
    prod = ""
    if "{P}" in form:
        prod = rng.choice(sess.focus_products)[0]
        sess.mentions.append(("product", prod))
    title = form.replace("{topic}", topic).replace("{P}", prod)

    paras = sess.overview(kind)

    # footer
    foot_ms = sess.collect()
    footer = []
    if shape == 2 or rng.random() < 0.45:
        themes = []
        for _ in range(rng.randint(3, 5)):
            th = rng.choice(THEMES) if rng.random() < 0.75 else sess.fill(compile_template("{P}实践")).replace("**", "")
            if th not in themes:
                themes.append(th)
        if rng.random() < 0.8:
            footer.append("核心主题：" + "、".join(themes))
        if rng.random() < 0.35 or not footer:
            footer.append(sess.fill(compile_template(
                f"注：本总结基于AWS re:Invent 2025{kind}字幕转录，涵盖{{T}}、{{P}}功能以及{{C}}的实践案例。")))

    head_lines = [("h1", f"# {title}"), ("blank", ""),
                  ("h2", "## " + ("会议概览" if rng.random() < 0.25 else "会议概述")), ("blank", "")]
    for k, p in enumerate(paras):
        if k:
            head_lines.append(("blank", ""))
        head_lines.append(("para", p))
    head_lines += [("blank", ""),
                   ("h2", "## " + ("详细时间线" if shape in (1, 4) or rng.random() < 0.3 else "详细时间线与关键要点")),
                   ("blank", "")]
    foot_lines = []
    if footer:
        foot_lines = [("blank", ""), ("blank", ""), ("rule", RULE), ("blank", ""), ("blank", "")]
        for k, f in enumerate(footer):
            if k:
                foot_lines.append(("blank", ""))
            foot_lines.append(("para", f))

    fixed = sum(blen(t) + 1 for _, t in head_lines + foot_lines)
    blocks = [sess.opening_block()]
    closing = sess.closing_block()

    def est(b):
        n = 0
        for title_, bl in b.entries:
            n += blen(title_) + 24
            for text, subs in bl:
                n += blen(text) + 16
                for s in subs:
                    n += blen(s) + 6
        return n + blen(b.heading) + 24

    size = fixed + est(blocks[0]) + est(closing)
    while size < target:
        b = sess.block()
        blocks.append(b)
        size += est(b)

    time_seed = rng.getrandbits(64)
    trailing_nl = rng.random() < 0.5

    def render():
        body = render_timeline(sess, blocks + [closing], random.Random(time_seed))
        lines = head_lines + body + foot_lines
        if sess.spaced:
            lines = [(k, spaced(t)) for k, t in lines]
        text = "\n".join(t for _, t in lines) + ("\n" if trailing_nl else "")
        return lines, text

    lines, text = render()
    n = blen(text)
    while n > MAX_BYTES and len(blocks) > 1:
        blocks.pop()
        lines, text = render()
        n = blen(text)
    while n < MIN_BYTES:
        blocks.append(sess.block())
        lines, text = render()
        n = blen(text)
    # (a block is far smaller than the 3–15 KB window, so neither loop can
    # push the size out of the other bound)

    # mentions in text order → front matter
    order = {"product": {}, "company": {}, "speaker": {}}
    for ms in [head_ms] + [b.mentions for b in blocks] + [closing.mentions, foot_ms]:
        for kind_, name in ms:
            order[kind_].setdefault(name, None)

    day = 1 + i % 5
    minute = rng.randrange(8 * 2, 18 * 2) * 30
    meta = {
        "title": lines[0][1][2:],  # as printed (the spaced style too)
        "date": "2025-12-%02dT%02d:%02d:00+00:00" % (day, minute // 60, minute % 60),
        "products": list(order["product"]),
        "companies": list(order["company"]),
        "speakers": list(order["speaker"]),
        "shape": shape,
        "spaced": sess.spaced,
    }
    return hexid, lines, text, meta


# ---------------------------------------------------------------------------
# Hugo
# ---------------------------------------------------------------------------

def to_markdown(lines, shape):
    """Same words, as Markdown: entry lines become headings, the rule an <hr>."""
    out = []
    prefix = "#### " if shape == 4 else "### "
    skip = True
    for kind, t in lines:
        if skip:  # drop the H1 and the blank after it: the layout prints .Title
            if kind == "h1":
                continue
            if kind == "blank":
                continue
            skip = False
        if kind == "entry":
            out.append(prefix + t)
        elif kind == "rule":
            out.append("---")
        else:
            out.append(t)
    return "\n".join(out) + "\n"


def yaml_str(s):
    return json.dumps(s, ensure_ascii=False)


def front_matter(meta, slug):
    return (
        "---\n"
        f"title: {yaml_str(meta['title'])}\n"
        f"date: {meta['date']}\n"
        f"slug: {yaml_str(slug)}\n"
        f"products: {json.dumps(meta['products'], ensure_ascii=False)}\n"
        f"companies: {json.dumps(meta['companies'], ensure_ascii=False)}\n"
        f"speakers: {json.dumps(meta['speakers'], ensure_ascii=False)}\n"
        "---\n\n"
    )


HUGO_TOML = """\
baseURL = "https://bench.example.org/"
title = "AWS re:Invent 2025 会议总结（基准测试）"
languageCode = "zh-cn"
defaultContentLanguage = "zh"
hasCJKLanguage = true
enableRobotsTXT = true
# Only what recap does not produce is turned off; the rest stays on.
disableKinds = []
summaryLength = 60

[taxonomies]
  product = "products"
  company = "companies"
  speaker = "speakers"

# recap writes one feed, a search index, a sitemap, robots.txt and 404.html.
[outputs]
  home = ["HTML", "RSS", "JSON"]
  section = ["HTML"]
  taxonomy = ["HTML"]
  term = ["HTML"]
  page = ["HTML"]

[services.rss]
  limit = 50

[markup.goldmark.renderer]
  unsafe = false
[markup.tableOfContents]
  startLevel = 3
  endLevel = 4

# related sessions (used only with --hugo-related): shared products weigh most
[related]
  includeNewer = true
  threshold = 80
  toLower = false
  [[related.indices]]
    name = "products"
    weight = 100
  [[related.indices]]
    name = "companies"
    weight = 80
  [[related.indices]]
    name = "speakers"
    weight = 60
"""

LAYOUTS = {
    "_default/baseof.html": """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
{{ with .Site.Home.OutputFormats.Get "RSS" }}<link rel="alternate" type="application/rss+xml" title="{{ $.Site.Title }}" href="{{ .RelPermalink }}">{{ end }}
</head>
<body>
<header class="site">
  <a class="brand" href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
  <nav>
    <a href="{{ "sessions/" | relURL }}">会话</a>
    <a href="{{ "products/" | relURL }}">产品</a>
    <a href="{{ "companies/" | relURL }}">公司</a>
    <a href="{{ "speakers/" | relURL }}">讲者</a>
  </nav>
</header>
<main>
{{ block "main" . }}{{ end }}
</main>
<footer class="site"><p>{{ .Site.Title }} · {{ len .Site.RegularPages }} 场会话</p></footer>
</body>
</html>
""",
    "_default/single.html": """\
{{ define "main" }}
<article class="session">
  <h1>{{ .Title }}</h1>
  <p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2006-01-02" }}</time> · {{ .ReadingTime }} 分钟阅读</p>
  {{ with .GetTerms "speakers" }}<p class="terms">讲者：{{ range $i, $t := . }}{{ if $i }}、{{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
  {{ with .GetTerms "products" }}<p class="terms">产品：{{ range $i, $t := . }}{{ if $i }}、{{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
  {{ with .GetTerms "companies" }}<p class="terms">公司：{{ range $i, $t := . }}{{ if $i }}、{{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>{{ end }}
  <nav class="toc">{{ .TableOfContents }}</nav>
  <div class="content">{{ .Content }}</div>
@@RELATED@@  <nav class="pager">
    {{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">← {{ .Title }}</a>{{ end }}
    {{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }} →</a>{{ end }}
  </nav>
</article>
{{ end }}
""",
    "_default/list.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<p>{{ len .Pages }} 场会话</p>
<ul class="sessions">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <small>{{ .Date.Format "2006-01-02" }}{{ with .Params.speakers }} · {{ delimit . "、" }}{{ end }}</small></li>
{{ end }}</ul>
{{ end }}
""",
    "_default/taxonomy.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Data.Terms }} 项</p>
<ul class="terms">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> <small>({{ .Count }})</small></li>
{{ end }}</ul>
{{ end }}
""",
    "_default/term.html": """\
{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ len .Pages }} 场会话提及</p>
<ul class="sessions">
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <small>{{ .Date.Format "2006-01-02" }}</small><br>{{ .Summary | plainify | truncate 120 }}</li>
{{ end }}</ul>
{{ end }}
""",
    "index.html": """\
{{ define "main" }}
{{ $sessions := where .Site.RegularPages "Section" "sessions" }}
<h1>{{ .Site.Title }}</h1>
<p>{{ len $sessions }} 场会话 · {{ len .Site.Taxonomies.products }} 个产品 · {{ len .Site.Taxonomies.companies }} 家公司 · {{ len .Site.Taxonomies.speakers }} 位讲者</p>
<h2>最新会话</h2>
<ul class="sessions">{{ range first 20 $sessions.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
<h2>热门产品</h2>
<ul class="terms">{{ range first 20 .Site.Taxonomies.products.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
<h2>热门公司</h2>
<ul class="terms">{{ range first 20 .Site.Taxonomies.companies.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
""",
    "index.json": """\
{{- $out := slice -}}
{{- range where .Site.RegularPages "Section" "sessions" -}}
{{- $out = $out | append (dict "title" .Title "url" .RelPermalink "products" .Params.products "companies" .Params.companies "speakers" .Params.speakers "summary" (.Summary | plainify)) -}}
{{- end -}}
{{- $out | jsonify -}}
""",
    "404.html": """\
{{ define "main" }}
<h1>页面未找到</h1>
<p><a href="{{ "/" | relURL }}">返回首页</a></p>
{{ end }}
""",
}

# Hugo's .Related is quadratic on this corpus (one product is in almost every
# session): 2 s of a 9 s build at N=1,000, ~10 minutes at N=10,000. So it is
# only rendered with --hugo-related.
RELATED_BLOCK = """\
  {{ $related := .Site.RegularPages.Related . | first 5 }}
  {{ with $related }}
  <h2>相关会话</h2>
  <ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
  {{ end }}
"""

STYLE_CSS = """\
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:60rem;margin:0 auto;padding:0 1rem;line-height:1.6}
header.site{display:flex;gap:1rem;align-items:baseline;border-bottom:1px solid #ddd;padding:.5rem 0}
header.site nav a{margin-right:.75rem}
.meta,.terms small{color:#666}
.toc{font-size:.9em;background:#f7f7f7;padding:.25rem 1rem}
footer.site{border-top:1px solid #ddd;margin-top:2rem;color:#666}
"""


def write_hugo_skeleton(root, related=False):
    with open(os.path.join(root, "hugo.toml"), "wb") as f:
        f.write(HUGO_TOML.encode())
    for rel, body in LAYOUTS.items():
        body = body.replace("@@RELATED@@", RELATED_BLOCK if related else "")
        path = os.path.join(root, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(body.encode())
    os.makedirs(os.path.join(root, "static", "css"), exist_ok=True)
    with open(os.path.join(root, "static", "css", "style.css"), "wb") as f:
        f.write(STYLE_CSS.encode())
    with open(os.path.join(root, "content", "_index.md"), "wb") as f:
        f.write("---\ntitle: \"首页\"\n---\n".encode())
    with open(os.path.join(root, "content", "sessions", "_index.md"), "wb") as f:
        f.write("---\ntitle: \"全部会话\"\n---\n\nAWS re:Invent 2025 各场会话的总结。\n".encode())


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

OUR_TXT = re.compile(r"^\d{5,}_[0-9a-f]{16}\.txt$")
OUR_MD = re.compile(r"^\d{5,}-[0-9a-f]{16}\.md$")


def clean_ours(folder, pattern):
    """Remove files a previous run wrote (and only those) so reruns are exact."""
    if not os.path.isdir(folder):
        return
    for name in os.listdir(folder):
        if pattern.match(name):
            os.remove(os.path.join(folder, name))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of recap files")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True, help="folder for the recap .txt files")
    ap.add_argument("--hugo", help="also write an equivalent Hugo site here")
    ap.add_argument("--hugo-related", action="store_true",
                    help="render related sessions on Hugo pages (.Related: slow, quadratic here)")
    ap.add_argument("-q", "--quiet", action="store_true")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("--n must be at least 1")

    t0 = time.perf_counter()  # for the report only; never reaches the output
    os.makedirs(args.out, exist_ok=True)
    clean_ours(args.out, OUR_TXT)
    sessions_dir = None
    if args.hugo:
        sessions_dir = os.path.join(args.hugo, "content", "sessions")
        os.makedirs(sessions_dir, exist_ok=True)
        clean_ours(sessions_dir, OUR_MD)
        write_hugo_skeleton(args.hugo, related=args.hugo_related)

    pools = Pools(args.seed)
    width = max(5, len(str(args.n - 1)))
    sizes = []
    shapes = [0] * 5
    for i in range(args.n):
        hexid, lines, text, meta = make_session(pools, args.seed, i)
        data = text.encode("utf-8")
        sizes.append(len(data))
        shapes[meta["shape"]] += 1
        stem = f"{i:0{width}d}_{hexid}"
        with open(os.path.join(args.out, stem + ".txt"), "wb") as f:
            f.write(data)
        if sessions_dir:
            slug = f"{i:0{width}d}-{hexid}"
            md = front_matter(meta, slug) + to_markdown(lines, meta["shape"])
            with open(os.path.join(sessions_dir, slug + ".md"), "wb") as f:
                f.write(md.encode("utf-8"))

    if not args.quiet:
        dt = time.perf_counter() - t0
        total = sum(sizes)
        print(f"gen_corpus: {args.n} recaps in {args.out}"
              + (f" (+ Hugo site in {args.hugo})" if args.hugo else "")
              + f"; {total / 1e6:.1f} MB, {min(sizes)}–{max(sizes)} bytes each, "
              f"shapes {shapes}; {dt:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
