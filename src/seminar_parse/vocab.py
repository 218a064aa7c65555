"""Words the parser recognises, English and Chinese, kept as data.

Labels map the many ways announcements name a field to one canonical key. Matching folds case,
surrounding spaces and the spaces Chinese notices put inside labels ("报 告 人").
"""

from __future__ import annotations

from seminar_parse import patcache
from seminar_parse.fastre import gated

LABELS: dict[str, tuple[str, ...]] = {
    "speaker": (
        "speaker", "speakers", "speaker(s)", "presenter", "presenters", "presenter(s)", "lecturer",
        "candidate", "who", "by", "name", "guest speaker", "keynote speaker", "invited speaker",
        "featured speaker", "panelists", "panelist", "panellists", "student", "defendant", "presented by", "speaker is",
        "featuring", "guest", "instructor", "author",
        "报告人", "主讲人", "主讲嘉宾", "主讲", "演讲人", "演讲者", "讲者", "报告嘉宾", "主讲专家", "答辩人",
        "报告专家", "分享嘉宾", "嘉宾", "与谈人", "与谈嘉宾", "对谈嘉宾", "对谈人", "专家姓名", "主讲教授", "讲员",
        "开题报告人", "开题人", "汇报人",
    ),
    "affiliation": ("affiliation", "institution", "organization", "from", "单位", "工作单位", "所在单位"),
    "position": ("position", "job title", "职称", "职务"),
    "email": ("email", "e-mail", "mail", "邮箱", "电子邮件", "电子邮箱"),
    "homepage": ("homepage", "home page", "website", "web", "personal website", "个人主页", "主页"),
    "mode": ("format", "mode", "attendance", "报告形式", "形式", "举办形式", "会议形式", "参会方式", "讲座形式"),
    "title": (
        "title", "topic", "talk title", "seminar title", "lecture title", "talk", "subject", "thesis title",
        "dissertation title", "题目", "报告题目", "讲座题目", "讲座主题", "报告主题", "主题", "演讲题目", "论文题目",
        "讲题", "演讲主题", "对谈主题", "活动主题", "讲座名称", "报告名称", "what",
    ),
    "date": ("date", "dates", "day", "日期", "报告日期", "讲座日期"),
    "time": ("time", "hour", "hours", "start time", "时间", "报告时间", "讲座时间", "会议时间", "答辩时间", "演讲时间",
             "上课时间",
             "活动时间", "对谈时间"),
    "when": ("when", "date and time", "date/time", "date & time", "date time", "time and date"),
    "when_where": (
        "时间地点", "时间和地点", "时间与地点", "time and place", "time and location", "time & place",
        "time & location", "when & where", "when and where", "date and venue", "date & venue",
    ),
    "venue": (
        "location", "place", "room", "venue", "where", "building", "address", "in-person location",
        "in person", "physical location", "地点", "报告地点", "讲座地点", "会议地点", "地址", "答辩地点", "线下地点",
        "线下", "演讲地点", "活动地点", "对谈地点", "线下会场", "会场",
    ),
    "online": (
        "zoom", "zoom link", "zoom meeting", "online", "webinar link", "meeting link", "join", "join zoom meeting",
        "teams", "teams link", "webex", "link", "livestream", "live stream", "online meeting", "virtual",
        "virtual location", "google meet", "线上", "线上会议", "会议链接", "直播", "直播链接", "直播地址", "腾讯会议",
        "线上地点", "在线", "网络直播", "zoom会议", "zoom 会议", "b站直播", "哔哩哔哩直播", "课程链接", "上课平台",
        "直播平台", "上课链接",
    ),
    "meeting_id": ("meeting id", "meeting number", "webinar id", "会议号", "会议id", "会议 id", "会议号码", "房间号",
                   "教室号", "课堂号"),
    "passcode": ("passcode", "password", "pass code", "pwd", "密码", "会议密码", "入会密码"),
    "host": (
        "host", "hosts", "hosted by", "host faculty", "faculty host", "contact", "contacts", "contact person",
        "organizer", "organiser", "organizers", "organized by", "organised by", "invited by", "inviter",
        "host/e-mail", "host/email", "邀请人", "联系人", "召集人", "邀请者", "主办人", "convenor", "convener",
        "convenors", "coordinator", "seminar coordinator", "faculty coordinator", "organisers", "organizer(s)",
        "questions", "联络人", "联系老师", "enquiries", "inquiries", "contact info",
        "faculty contact",
    ),
    "chair": ("chair", "chaired by", "moderator", "moderated by", "session chair", "主持人", "主持"),
    "abstract": (
        "abstract", "summary", "talk abstract", "seminar abstract", "description", "talk description",
        "about the talk", "about the panel", "about the event", "about the lecture", "talk summary",
        "lecture abstract", "abstract of the talk", "abstract (from the speaker)", "synopsis",
        "摘要", "报告摘要", "内容摘要", "报告内容", "报告简介", "讲座简介", "内容简介", "讲座内容", "讲座摘要",
        "报告内容简介", "摘 要", "内容提要",
        "课程简介", "课程介绍", "课程内容", "论文摘要", "选题简介", "活动简介", "演讲摘要", "讲座概要", "报告概要",
        "对谈简介",
    ),
    "bio": (
        "bio", "biography", "speaker bio", "speaker biography", "short bio", "about the speaker",
        "biosketch", "bio sketch", "biographical sketch", "speaker's bio", "about the presenter",
        "presenter bio", "bios", "speaker bios", "报告人简介", "主讲人简介", "个人简介", "嘉宾简介", "专家简介",
        "讲者简介", "报告人介绍", "主讲人介绍", "报告专家简介", "作者简介", "speaker’s bio", "speaker's biography",
        "speaker biographies", "about the speakers", "与谈人简介", "嘉宾介绍", "专家介绍", "候选人简介", "答辩人简介",
    ),
    "series": ("series", "seminar series", "event series", "系列", "系列讲座"),
    "posted": (
        "posted", "posted on", "posted by", "postedby", "updated", "last updated", "published",
        "发布时间", "发布日期", "更新时间", "来源", "浏览", "浏览次数", "点击", "点击数", "作者", "编辑", "审核",
        "责任编辑", "供稿", "撰稿", "阅读",
    ),
    "not_speaker": (
        "advisor", "advisors", "adviser", "committee", "examining committee", "committee members",
        "thesis committee", "co-advisor", "导师", "指导老师", "答辩委员会", "委员", "指导教师", "评审专家",
        "评审专家组", "组长", "成员", "专家组", "答辩委员会主席", "答辩委员",
    ),
    "type": ("type", "category", "event type", "类型", "类别"),
    "sponsor": ("sponsor", "sponsored by", "sponsors", "主办", "主办单位", "承办", "承办单位", "协办"),
}

# English labels naming two roles at once (acc-en block): "Host and contact: Prof. X", "Advisor and Committee Chair:"
# (a defense's advisor who chairs the committee: the host, fields/people.py).
LABELS["host"] += ("host and contact", "host & contact", "host/contact", "hosted and introduced by")
LABELS["not_speaker"] += ("advisor and committee chair", "advisor & committee chair", "committee chair",
                          "advisor and chair", "advisor/chair")

# A signature that says its writer runs the series (acc-en block): "Analysis Seminar organiser", "— Mara Quist,
# organiser", "Priya R. | reading group coordinator". The signed name is the host (fields/people.py).
# Not "organised by the Department" (a sentence) nor "Events Office" (no role word).
SIGNATURE_ORGANISER = patcache.compile(
    r"(?i)(?:^|[,|–—-]\s*+)(?:[\w&'’][\w&'’-]{0,40}+\s++){0,5}(?:organi[sz]er|organi[sz]ing\s+team|convenor|convener|"
    r"coordinator|co-organi[sz]er)s?\s*\.?\s*$"
)

# Traditional characters that occur in labels, folded to Simplified before a label is looked up, so that
# "講　　者" and "演講地點" are read like "讲者" and "演讲地点". Only labels are folded; values keep their script.
_TRADITIONAL_PAIRS = """
講讲 題题 點点 間间 時时 報报 單单 簡简 聯联 絡络 請请 線线 會会 議议 碼码 號号 內内 與与 談谈 師师 學学 術术 專专 歡欢
參参 賓宾 紹绍 職职 稱称 機机 構构 屬属 組组 織织 辦办 協协 資资 訊讯 連连 結结 網网 實实 體体 現现 場场 電电 郵邮 語语
類类 別别 問问 繫系 錄录 視视 頻频 觀观 帳帐 戶户 員员 備备 註注 們们 於于 為为 說说 課课 館馆 樓楼 廳厅 區区 層层 開开
屆届 個个 紀纪 歷历 經经 驗验 處处 長长 導导 國国 東东 華华 興兴 覽览 擊击 發发 佈布 審审 編编 輯辑 責责 閱阅 來来
溫温 圖图 詢询 對对 討讨 壇坛 論论 書书 熱热 廣广 從从 態态 後后 數数 據据 統统 計计 與与
"""
TRADITIONAL_TO_SIMPLIFIED = str.maketrans({pair[0]: pair[1] for pair in _TRADITIONAL_PAIRS.split()})


def simplified(text: str) -> str:
    """``text`` with Traditional characters in their Simplified form; ASCII text as it is, at once
    (str.translate looks every character up, and a line of English has none to change)."""
    return text if text.isascii() else text.translate(TRADITIONAL_TO_SIMPLIFIED)

# Block headings: where a part of the page that is not this talk begins (layout.py). Each is matched against
# a whole short line, its trailing colon removed.
# "Upcoming talks", "Past seminars", "Other talks in this series", "往期回顾", "相关新闻"
# A note saying the announcement was updated: "UPDATED:", "[Update]", "Rescheduled", "postponed to", "New room",
# "Change of venue", "改期", "延期", "时间调整", "地点变更", "更新". Each line holding one is one update (ICS SEQUENCE).
UPDATE_NOTE = gated(
    r"\bUPDATED?\b|\b[Uu]pdated?\s*[:：\]）)]|\[[Uu]pdated?\b"
    r"|(?i:\brescheduled\b|\bpostponed\b|\bnew\s+(?:date|time|room|venue|location)\b"
    r"|\b(?:room|time|venue|date|location)\s+change\b|\bchange\s+of\s+(?:venue|room|time|date|location)\b)"
    r"|改期|延期|(?:时间|地点|会场|時間|地點)(?:调整|变更|變更|更改|更新)|(?:通知|信息|消息)更新|【更新】")

RELATED_HEADING = gated(
    r"(?i:(?:related|more|other|upcoming|future|forthcoming|past|previous|recent|earlier|later|next\s+few)\s+"
    r"(?:events?|talks?|seminars?|lectures?|colloquia|news|webinars?|sessions?|speakers?)"
    r"(?:\s+in\s+(?:this|the)\s+series)?|also\s+in\s+this\s+series|you\s+may\s+also\s+like|see\s+also|"
    r"this\s+talk\s+is\s+included\s+in\s+these\s+lists)|"
    r"往期(?:回顾|回顧|讲座|活动|报告)|近期(?:讲座|活动|报告|預告)(?:安排|预告)?|(?:后续|下期)(?:讲座|报告)?(?:预告|安排)|"
    r"后续(?:讲座|报告)|"
    r"活动预告|更多(?:讲座|活动|新闻)|相关(?:新闻|阅读|活动|讲座|文章)|推荐阅读"
)
# "Contact us", "Quick links", "Impressum", "联系我们": the page footer.
FOOTER_HEADING = gated(
    r"(?i:contact\s+us|follow\s+us|connect\s+with\s+us|quick\s+links|useful\s+links|about\s+us|site\s?map|"
    r"privacy(?:\s+policy)?|terms\s+of\s+use|impressum|datenschutz|stay\s+connected|subscribe(?:\s+to\s+our\s+newsletter)?)|"
    r"联系我们|友情链接|关于我们"
)
# "Posted on 3 March by Events Team", "发布者：科研办 发布时间：2024-03-14", "原创 社会学系 2024-03-12 18:00 上海":
# the posting, not the talk.
BYLINE_LINE = patcache.compile(
    r"(?i:^(?:posted|published|submitted)\s+(?:on|by)\b|^(?:posted|published|last\s+updated|updated)\s*:)|"
    r"发布者|发布人|发表于|发布时间|发布日期|浏览次数|^原创\s|\d{4}-\d\d-\d\d\s+\d\d?:\d\d\s*[\u4e00-\u9fff]{2,3}$"
)
# A sign-off alone on its line: what follows is the sender's signature. "Best regards,", "Cheers", "此致"
# (message.py cuts signatures with it; layout.py marks the signature block).
SIGN_OFF = patcache.compile(
    r"(?i)^\s*(?:thanks(?:\s+(?:and|&)\s+(?:best|regards))?|thank\s+you|many\s+thanks|best|best\s+wishes|"
    r"(?:best|kind|warm|warmest|many)\s+regards|regards|cheers|sincerely(?:\s+yours)?|yours(?:\s+sincerely|\s+truly)?|"
    r"all\s+the\s+best|with\s+best\s+wishes|祝好|此致|敬礼|谢谢|顺祝)[ \t]{0,3}[,，!！.。]?\s*$"
)
# A page's section name before the content starts: "News & Events", "Seminars", "学术活动" — navigation.
NAVIGATION_HEADING = gated(
    r"(?i:home|news(?:\s*(?:&|and)\s*events)?|events?(?:\s+calendar)?|calendar|seminars?|colloquia|talks|"
    r"lectures|upcoming\s+events|all\s+events|event\s+details|events?\s+(?:&|and)\s+news|research|about)|"
    r"学术活动|新闻动态|通知公告|学术讲座|讲座信息|活动预告|首页|学术动态"
)

# "NEXT TALK", "Featured seminar": the heading over the talk a page features.
FEATURED_HEADING = patcache.compile(
    r"(?i:(?:next|upcoming|featured|this\s+week['’]s|today['’]s|this)\s+(?:talk|seminar|lecture|colloquium|event|speaker))"
)
# A line about the event's people, not its title: "Hosted and moderated by Prof. X", "Sponsored by ...",
# "Led by Dr. Sunil Rao", "Facilitated by Mei Tanaka" (a reading group's leader: a person follows; not the
# title "Led by the Nose: ..." or "Led by Example: ...") (fields/title.py).
ROLE_LINE = patcache.compile(
    r"(?i:^(?:hosted|moderated|organi[sz]ed|presented|sponsored|co-sponsored|chaired|introduced|"
    r"convened)(?:\s+and\s+\w+)?\s+by\b)|"
    r"^(?i:(?:co-)?led|facilitated)\s+by\s+(?:(?:Prof|Dr|Mr|Mrs|Ms)\.?\s+)?"
    r"[A-Z\u00c0-\u00de][\w'’.-]{0,30}\s+[A-Z\u00c0-\u00de]")
# A note after a name saying the person runs the event: "(seminar organiser)", "(the local host)", "(for the
# Kolloquium organisers)", "(on behalf of the organising committee)"; beside the name or on the line under it.
# (message.py keeps a signature holding one; fields/people.py reads the name as the host.) Not "(Hamburg)".
ORGANISER_NOTE = (r"[(（](?i:(?:for|on\s+behalf\s+of)\s+)?(?i:the\s+)?(?:[\w'’-]{1,30}\s+){0,4}?"
                  r"(?i:organi[sz]ers?|organi[sz]ing\s+committee|hosts?|convenors?|conveners?|coordinators?)[)）]")
# A line of its own saying the talk can also be followed online, without a link (given on registration):
# "Also online via Zoom (registration required)", "+ streamed on YouTube", "and online via Teams." — with a
# room, the talk is hybrid (fields/place.py). Not a wrapped line of prose: "and online learning algorithms".
_STREAM_PLATFORM = r"(?:zoom|(?:ms[ \t]|microsoft[ \t])?teams|webex|google[ \t]meet|youtube|bluejeans)"
ALSO_ONLINE = patcache.compile(
    r"(?im)^[ \t]{0,4}[*•+-]?[ \t]?(?:also|and|or|plus|\+)[ \t](?:(?:available|streamed|live-?streamed|broadcast|"
    rf"webcast)[ \t])?(?:online|on[ \t]line|(?:on|via)[ \t]{_STREAM_PLATFORM})"
    rf"(?:[ \t](?:via|on|through)[ \t]{_STREAM_PLATFORM})?"
    r"[ \t]{0,3}(?:[(（][^()（）\n]{0,80}[)）])?[ \t]{0,3}[.!]?[ \t]*$")
# The text says the talk is online though it prints no link: "The session takes place online only", "held
# online", "online-only", "Zoom link available on request", "(link visible to registered users)", "Register …
# to receive the Zoom link" (fields/place.py). Not "recorded and posted online", "online registration".
ONLINE_STATED = gated(
    r"(?i)\b(?:takes?[ \t]+place|will[ \t]+(?:take[ \t]+place|be[ \t]+held)|is[ \t]+(?:being[ \t]+)?held)"
    r"[ \t]+(?:entirely[ \t]+|exclusively[ \t]+|only[ \t]+)?(?:online|virtually|on[ \t]+zoom)\b|"
    r"\bonline[ -]only\b|"
    rf"\b(?:{_STREAM_PLATFORM}|meeting)[ \t]+link[ \t]+(?:is[ \t]+|will[ \t]+be[ \t]+)?(?:available[ \t]+|sent[ \t]+)?"
    r"(?:on|upon)[ \t]+request\b|"
    r"\blink[ \t]+(?:is[ \t]+|will[ \t]+be[ \t]+)?(?:visible|available|sent|shown)[ \t]+(?:only[ \t]+)?to[ \t]+"
    r"registered\b|"
    rf"\bregister\b[^.\n]{{0,80}}?\bto[ \t]+(?:receive|get)[ \t]+the[ \t]+"
    rf"(?:{_STREAM_PLATFORM}|meeting|webinar)[ \t]+link\b"
)
# Several talks in one input (events.py). A heading over the input's own programme: each item under it is one
# of its talks. Not "Other events", "Related talks" or "Upcoming talks in this series" on a talk's own page:
# those are the site's furniture (layout.RELATED), and "in this series" names the page's series, not the page.
PROGRAMME_HEADING = patcache.compile(
    r"(?i:(?:upcoming|future|forthcoming|coming|later|next\s+few|remaining|this\s+(?:week|month|term|semester)['’]s)"
    r"\s+(?:talks|seminars|lectures|colloquia|events|sessions|speakers|meetings|presentations)|"
    r"(?:(?:seminar|talk|lecture|colloquium|speaker|spring|fall|autumn|winter|summer|term|semester)\s+)?"
    r"(?:schedule|programme|program)(?:\s+(?:for\s+)?(?:(?:spring|fall|autumn|winter|summer)\s+)?\d{4})?|"
    r"(?:spring|fall|autumn|winter|summer)\s+\d{4}(?:\s+(?:talks|seminars|speakers|schedule|programme|program))?|"
    r"this\s+week|coming\s+up|in\s+the\s+coming\s+weeks)|"
    r"(?:后续|下期|近期|本期)?(?:讲座|报告|活动)?(?:预告|安排)|后续(?:讲座|报告)|近期(?:讲座|报告)|本周(?:讲座|报告|活动)|"
    r"系列讲座安排|日程安排|报告安排"
)
# A line that states what every talk of a programme shares: "All talks are in Gates 104 at 4pm", "Talks take
# place on Wednesdays, 12:30-13:45, at …, unless noted otherwise", "（地点均为…，时间均为…）".
STANDING_CONTEXT = gated(
    r"(?i:\bunless\s+(?:otherwise\s+)?(?:noted|stated|indicated|announced|specified|listed)\b|"
    r"\b(?:all|our)\s+(?:talks|seminars|lectures|events|sessions|meetings)\s+(?:are|will\s+be|take\s+place|start|"
    r"begin|run|meet)\b|\b(?:talks|seminars|lectures|meetings|sessions)\s+(?:take\s+place|are\s+held|meet|run|start)\b|"
    r"\b(?:meets|is\s+held|takes\s+place)\s+(?:on\s+)?(?:every\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)days\b)|"
    r"均为|均在|如无特殊(?:说明|通知)|如无另行通知|每周[一二三四五六日天]"
)
# An item of a programme that is not a talk: "No seminar (spring break)", a deadline, a reception, a break.
NOT_AN_EVENT = gated(
    r"(?i:\bno\s+(?:seminar|talk|meeting|colloquium|lecture|class|session)s?\b|\b(?:is\s+)?cancel+ed\b|"
    r"\b(?:spring|winter|summer|autumn|fall|mid-?term|reading|christmas|easter|thanksgiving|semester|term|exam)\s+"
    r"(?:break|recess|holidays?)\b|\b(?:public\s+|bank\s+)?holiday\b|\bdeadline\b|\breception\b|"
    r"\b(?:coffee|tea|lunch)\s+break\b|\bregistration\s+(?:opens|closes|deadline)\b|\bTBA\b|\bTBD\b|"
    r"\bto\s+be\s+(?:announced|determined|confirmed)\b)|"
    r"休会|暂停|停一次|无讲座|不安排|放假|取消|待定"
)
# The header row of a table of talks: its column names, mapped onto label keys, each row then read as labels.
TABLE_COLUMNS: dict[str, str] = {
    "date": "date", "day": "date", "when": "date", "time": "time", "speaker": "speaker", "speakers": "speaker",
    "presenter": "speaker", "name": "speaker", "who": "speaker", "title": "title", "topic": "title",
    "talk": "title", "talk title": "title", "affiliation": "affiliation", "institution": "affiliation",
    "university": "affiliation", "from": "affiliation", "venue": "venue", "room": "venue", "location": "venue",
    "place": "venue", "where": "venue", "host": "host",
    "日期": "date", "时间": "time", "报告人": "speaker", "主讲人": "speaker", "讲者": "speaker", "题目": "title",
    "报告题目": "title", "讲座题目": "title", "单位": "affiliation", "工作单位": "affiliation", "地点": "venue",
    "主持人": "host", "邀请人": "host",
}

# "Research Seminars", "Seminars & Events", "Upcoming Talks": what a page lists, not a named series.
GENERIC_SERIES = gated(
    r"(?i:(?:(?:research|upcoming|past|all|our|department(?:al)?)\s+)?(?:seminars|talks|events|lectures|colloquia)"
    r"(?:\s*(?:&|and)\s*(?:events|news|talks|seminars))?)"
)
# An organisation's name on a line of its own: "Center for Technology, Law & Policy", "EHESS – Centre de
# recherches historiques", "Indian Institute of Science, Bengaluru". (Not "Learning in the Lab": lower case.)
ORG_LINE = patcache.compile(
    r"(?i:^(?:the\s+)?)(?:[A-Z][\w&.,'’-]*\s+|(?:of|for|and|&|on)\s+|[–—-]\s+){0,6}"
    r"(?i:center|centre|institute|department|school|faculty|laborator(?:y|ies)|lab|university|college|academy|"
    r"programme|program|society|division|museum|library)\b(?:\s*(?:of|for|on|de|d['’]|für|in)\s+.{1,60})?,?"
    r"(?:\s+[A-Z][\w.-]*){0,3}$"
)
# A named series in running text: "next week's Applied Microeconomics Seminar", "the next talk in the
# Mathematisches Kolloquium", "this year's Hadley Lecture in Evolutionary Biology", "part of the X series".
# A line that only says which language the talk is in ("Talk in English.", "The lecture will be given in
# French", "（英文报告）"): logistics at the head of a description, not the abstract's first sentence.
TALK_LANGUAGE_NOTE = patcache.compile(
    r"(?i:(?:the\s+)?(?:talk|lecture|seminar|presentation|session|colloquium)\s+(?:will\s+be\s+|is\s+)?"
    r"(?:given\s+|held\s+|delivered\s+)?in\s+|(?:in\s+)?)(?i:English|French|German|Spanish|Italian|Portuguese|"
    r"Dutch|Chinese|Mandarin|Japanese)(?i:\s+language)?(?i:\s+only)?\s*\.?|"
    r"[（(]?(?:英文|中文|英语|英語|双语|雙語)(?:报告|讲座|報告|講座)?[)）]?[。.]?"
)
# A news headline about a talk: "Field Museum curator to deliver 2024 Hadley Lecture", "Nobel laureate will
# give this year's Kessler Lecture", "前院长将作年度讲座".
HEADLINE_VERB = patcache.compile(
    r"(?i:\b(?:to|will)\s+(?:deliver|give|present|speak|talk|lecture|headline|keynote|open|"
    r"address)\b)|将(?:作|做|发表|主讲)")
SERIES_IN_PROSE = gated(
    r"(?i:(?:(?:next|this|last)\s+(?:week|month|term|year)['’\ufffd]s|today['’]s|tomorrow['’]s|"
    r"(?:part\s+of|in|of|for|to|give|deliver)\s+the(?:\s+\d{4})?|the\s+\d{4})\s+)"
    r"(?P<series>[A-Z][\w'’&.-]*(?:\s+(?:[A-Z][\w'’&.-]*|of|on|for|and|&)){0,6}?\s+"
    r"(?:Seminars?|Colloquium|Colloquia|Kolloquium|Lectures?|Lecture\s+Series|Seminar\s+Series|Workshop|Forum|"
    r"Grand\s+Rounds|Symposium|Reading\s+Group|Journal\s+Club)"
    # "... Lecture in Green Chemistry", not "... Lecture on Tuesday"
    r"(?:\s+(?:in|on|of|for)\s+(?!(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)"
    r"[A-Z][\w'’&-]*(?:\s+[A-Z][\w'’&-]*){0,3})?)(?=\s+series\b|[\s.,;:!]|$)"
)

# A line that ends the abstract or the bio even without a heading of its own (matched at the line's start,
# after folding Traditional characters): what follows is logistics, references or the page, not the text.
SECTION_END = patcache.compile(
    r"(?i:(?:tea|coffee|tea\s+and\s+coffee|coffee\s+and\s+tea|drinks|snacks|a\s+reception)\s+(?:and\s+\w+\s+)?"
    r"(?:will\s+be\s+(?:served|available|provided)|follows?|is\s+served)|"
    r"(?:relevant|related|selected|key)\s+(?:papers?|references|reading|publications)\b|references\s*:?\s*$|"
    r"bibliography\s*:?\s*$|\[1\]\s|comments\s*:|series\s+comments\s*:|"
    r"(?:update|updated|note|please\s+note|room\s+change|correction)\b[^:\n]{0,30}:|"
    r"(?:previous|next|upcoming|other|past)\s+talks?\s+in\s+this\s+series|"
    r"(?:for\s+)?(?:accessibility|disability)\s+(?:requests?|accommodations?|needs|information)|"
    r"this\s+(?:talk|seminar|event|lecture)\s+is\s+part\s+of\b|"
    r"(?:hosted|sponsored|organi[sz]ed|co-sponsored)\s+by\s+(?:prof|dr|the|[A-Z])|"  # "HOSTED BY PROF. X": logistics
    r"reception\s+to\s+follow\b|"
    # "Appointments: To schedule a meeting with Dr. X, ...", "If you would like to meet with the speaker, ...":
    # how to book time with the visitor, after the abstract
    r"appointments?\s*:|(?:to\s+|if\s+you\s+would\s+like\s+to\s+)(?:schedule|arrange|set\s+up|book)\s+"
    r"(?:a\s+|an\s+)?(?:meeting|appointment|time)\s+with\b|if\s+you\s+would\s+like\s+to\s+meet\s+with\b)|"
    r"温馨提示|注[:：]|备注[:：]|附[:：]|※|图文[:：]|文字[:：]|摄影[:：]|编辑[:：]|审核[:：]|责任编辑|供稿[:：]|撰稿[:：]|"
    r"茶点|欢迎|"
    # "讲座前15分钟备有茶点。" / "講座前15分鐘備有茶點。": refreshments before the talk, a note after the bio
    r"[^\n。，,]{0,12}?(?:前|现场|会场)[^\n。，,]{0,10}?(?:备有|提供|设有|准备)茶点|"
    # "参会提示：", "参会须知", "入会须知", "注意事项：": instructions to attendees, not the speaker's text
    r"(?:参会|参加|入会|听讲|会议)(?:提示|须知|说明)|注意事项[:：]?\s*$"
)

# The sender says they host: "I am delighted to be hosting", "I'll be the host", "please contact me", 由我主持.
# (message.py for the newest message of a thread, fields/people.py for the announcement's own text.)
SENDER_HOSTS = gated(
    r"(?i)\bI(?:\s+am|'m|’m|\s+will\s+be|'ll\s+be)\s+(?:(?:delighted|pleased|happy|glad|excited)\s+to\s+be\s+)?"
    r"(?:hosting|the\s+host)\b|\bI\s+(?:will|shall)\s+host\b|\bI\s+am\s+(?:delighted|pleased|happy)\s+to\s+host\b|"
    r"\b(?:contact|email|e-mail|write\s+to|reply\s+to)\s+me\b|由我主持|请联系我"
)

# Labels that introduce a block of prose rather than a one-line value.
SECTION_KEYS = frozenset({"abstract", "bio"})

EVENT_WORDS: tuple[tuple[str, str], ...] = (
    # (word, event_type), most specific first. Chinese words are matched on text folded to Simplified
    # (TRADITIONAL_TO_SIMPLIFIED), so "研討會", "座談會", "專題演講", "書報討論" are read like their Simplified forms.
    ("thesis defense", "defense"), ("dissertation defense", "defense"), ("final defense", "defense"),
    ("phd defense", "defense"), ("defense", "defense"), ("defence", "defense"), ("viva", "defense"),
    ("博士论文答辩", "defense"), ("学位论文答辩", "defense"), ("答辩", "defense"),
    ("thesis proposal", "proposal"), ("phd proposal", "proposal"), ("dissertation proposal", "proposal"),
    ("phd preliminary", "proposal"), ("prospectus", "proposal"), ("开题报告", "proposal"), ("开题", "proposal"),
    ("colloquium", "colloquium"), ("colloquia", "colloquium"), ("kolloquium", "colloquium"),
    ("书报讨论", "colloquium"),  # a Taiwanese department's weekly colloquium ("物理系書報討論")
    ("reading group", "reading-group"), ("journal club", "reading-group"), ("paper discussion", "reading-group"),
    ("webinar", "webinar"), ("panel discussion", "panel"), ("panel", "panel"), ("圆桌", "panel"),
    ("座谈", "panel"), ("对谈", "panel"),
    ("workshop", "workshop"), ("工作坊", "workshop"), ("研讨会", "seminar"), ("研讨", "seminar"),
    ("distinguished lecture", "lecture"), ("lecture", "lecture"), ("讲座", "lecture"), ("讲堂", "lecture"),
    ("讲坛", "lecture"), ("论坛", "workshop"), ("seminar", "seminar"), ("研讨班", "seminar"), ("讨论班", "seminar"),
    ("沙龙", "seminar"), ("学术报告", "talk"), ("报告会", "talk"), ("专题演讲", "talk"), ("演讲", "talk"),
    ("keynote", "talk"), ("talk", "talk"),
    ("报告", "talk"),  # last: "报告人：", "【线上报告】" — a notice of one talk when nothing more specific is said
)
# Chinese nouns that name a series's stage rather than one event ("格致学术论坛", "青年学者工作坊", "学术沙龙",
# "明德讲坛"): with an issue number after them ("第58期", "第3讲", " · 第十二讲") they say which series the
# notice belongs to, and the event itself is one talk of it, not a forum or a workshop (fields/title.py).
ZH_SERIES_NOUNS = ("论坛", "工作坊", "沙龙", "讲坛", "讲堂")
# "第58期", "第3讲", "第十二场", after at most a few separators ("】", "”", " · ", " | "); or the kind of the
# series' events named right after it ("前沿论坛报告": a talk of the forum).
ZH_ISSUE_NUMBER = patcache.compile(
    r"^[\s】」』”\"'·•|｜:：\-—]{0,4}第[\d一二三四五六七八九十百零〇]{1,5}[期讲講场場次回]|"
    r"^(?:报告|讲座|报告会)")

ZH_POSITIONS = (
    "博士生导师", "硕士生导师", "讲席教授", "特聘教授", "长聘教授", "助理教授", "副教授", "教授", "副研究员",
    "助理研究员", "研究员", "高级工程师", "工程师", "博士后", "讲师", "院士", "主任", "所长", "院长", "副院长",
    "首席科学家", "科学家", "博士生", "硕士生", "研究生", "博士", "老师", "先生", "女士", "同学",
)
ORG_WORDS = (
    "university", "universität", "universitat", "université", "universidad", "università", "universiteit",
    "institute", "institut", "instituto", "college", "school", "laboratory", "laboratories", "lab", "labs",
    "department", "departments", "dept", "center", "centre", "faculty", "academy", "inc", "inc.", "corp", "corporation",
    "ltd", "llc", "gmbh", "research", "hospital", "foundation", "polytechnic", "eth", "epfl", "mit", "cmu",
    "ucla", "ucsd", "uc", "google", "microsoft", "meta", "amazon", "ibm", "nvidia", "deepmind", "openai",
    "apple", "intel", "adobe", "baidu", "alibaba", "tencent", "huawei", "bytedance", "group", "company",
    "council", "agency", "ministry", "national", "technion", "inria", "cnrs", "max planck", "kaust",
    "observatory", "museum", "society", "clinic", "bank", "office", "division", "program", "programme",
    "initiative", "consortium", "network", "hub", "studio", "studios", "partners", "ventures", "systems",
    "technologies", "technology", "labs.", "polytechnique", "politecnico", "tech", "csail", "nasa", "nih", "nsf",
    # organisations known by their own name ("SRI International", "Xerox PARC", "BBN", "MITRE"); not "Sri",
    # "Rand": first names and surnames too
    "international", "associates", "parc", "xerox", "bbn", "mitre", "bellcore", "at&t",
)
ZH_ORG_SUFFIXES = (
    "大学", "学院", "研究院", "研究所", "研究中心", "实验室", "中心", "公司", "集团", "医院", "科学院", "学校",
    "系", "所", "部",
)

# Words that appear capitalised in titles, headings and organisation names but hardly ever in a
# person's name: a "name" made only of these ("Media Choice", "Swiss Federal") is not a person.
_COMMON_TITLE_TEXT = """
a about above academic access across action active activity adaptive advanced advances affairs after against
age agent agents aging air algebra algebraic algorithm algorithms all alumni american analysis analytic
analytical and annual anthropology applied approach approaches architecture art arts artificial aspects
assembly assessment association atomic auditorium automata automated automatic automation autonomous award
basic bay behavior behaviour behavioral beyond big biological biology biomedical board body brain brief
building business calculus campus cancer carbon career care case cell center centre challenge challenges
change chemical chemistry child children choice circuit circuits city civil class classical climate clinical
cloud cluster code cognition cognitive collaborative college colloquium commerce committee common
communication communications community company comparative complex complexity computation computational
computer computers computing concepts conference consultants consulting control corporate corporation cost
council course courses creative critical cultural culture current data database decision deep defense
department design designs development digital discovery discrete discussion distributed division domain
dynamic dynamics early earth ecology economic economics economy education educational effective efficient
electrical electronic elements embedded emerging endowment energy engineering english enterprise
environment environmental equations evaluation event events evolution experimental exploring faculty fall
federal field final finance financial fine fluid for forum foundation foundations from frontiers fuel fund
future game games general generation genetic geometry global graduate graph graphics green group growth
hall health high history human humanities image imaging impact in industrial industry information
infrastructure innovation innovative institute integrated intelligence intelligent interaction interactive
interface internal international internet introduction investment issues join journal knowledge lab
laboratory language languages large law leadership learning lecture lectures lectureship library life
linear linguistics logic low machine machines management managing manufacturing market markets material
materials mathematical mathematics matter mechanical mechanics media medical medicine meeting memory
mental methods micro mobile model modeling modelling models modern molecular monday multi music national
natural network networks neural new news next nonlinear nuclear of on online open operations optical
optimization organization organizational overview panel parallel pathology people performance personal
philosophy physical physics planning plant policy political politics power practical practice present
presentation principles private probability problem problems process processing product production
products professional program programme programming project projects protection psychology public quantum
random reading real recent reception recognition regional registration reinforcement relations reliable
report research resource resources revenue review risk robot robotics robust room safety scale scaling
school science sciences scientific search security seminar seminars sensing series service services
session signal simulation social society software solid solutions space special speech spring standard
state statistical statistics strategic strategies strategy structural structure structures student
students studies study summer support surface sustainable swiss symposium system systems talk teaching
team technical technique techniques technologies technology the theoretical theory thermal thesis things
through time tissue today tools topics toward towards training transport transportation trends tutorial
understanding united university update urban use user users using value video virtual vision visual water
web week weekly welcome wing winter with women work workshop world
"""
COMMON_TITLE_WORDS = frozenset(_COMMON_TITLE_TEXT.split())
