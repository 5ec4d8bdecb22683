"""Media rules: "duy trì tối thiểu 02 tin, bài/tuần trên hệ thống truyền thanh và các nền
tảng số" → at least 2 items a week over radio, website, social networks and Zalo."""

from __future__ import annotations

import re

from trienkhai.plans.parser.result import CHANNELS, MediaRule

_I = re.IGNORECASE
_WHAT = (
    r"(?:tin\s*,\s*bài(?:\s+viết)?|tin\s+bài|bài\s+viết|bài|tin|phóng\s+sự|chuyên\s+mục"
    r"|chương\s+trình|video|clip|lượt\s+phát(?:\s+sóng)?)"
)
_PERIODS = {"ngày": "day", "tuần": "week", "tháng": "month", "quý": "quarter", "năm": "year"}
_PER = r"(?P<per>ngày|tuần|tháng|quý|năm)"
_RULES = (
    re.compile(rf"(?P<n>\d{{1,3}})\s+{_WHAT}\s*(?:/|mỗi|một|trên\s+1|trong\s+1)\s*{_PER}\b", _I),
    re.compile(
        rf"(?:mỗi|hằng|hàng)\s+{_PER}\s*,?\s*(?:(?:tối\s+thiểu|ít\s+nhất|có|đăng|phát)\s+)*"
        rf"(?P<n>\d{{1,3}})\s+{_WHAT}",
        _I,
    ),
)
_CHANNEL_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("radio", re.compile(r"truyền\s+thanh|phát\s+thanh|\bloa\b|\bđài\b", _I)),
    (
        "website",
        re.compile(r"trang\s+thông\s+tin|cổng\s+thông\s+tin|website|trang\s+tin|trang\s+web", _I),
    ),
    ("social", re.compile(r"mạng\s+xã\s+hội|facebook|fanpage|tiktok|youtube", _I)),
    ("zalo", re.compile(r"zalo", _I)),
    (
        "press",
        re.compile(r"báo\s+chí|tạp\s+chí|truyền\s+hình|(?<!thông )(?<!cảnh )\bbáo\b(?!\s+cáo)", _I),
    ),
)
_DIGITAL = re.compile(r"nền\s+tảng\s+số", _I)


def channels_in(text: str) -> list[str]:
    found = {kind for kind, pattern in _CHANNEL_WORDS if pattern.search(text)}
    if _DIGITAL.search(text):
        # "các nền tảng số" = the commune's website, social pages and Zalo groups.
        found |= {"website", "social", "zalo"}
    return [c for c in CHANNELS if c in found]


def read_media_rules(clause: str, sentence: str) -> list[MediaRule]:
    rules: list[MediaRule] = []
    for pattern in _RULES:
        for match in pattern.finditer(clause):
            channels = (
                channels_in(clause[match.end() :]) or channels_in(clause) or channels_in(sentence)
            )
            rule = MediaRule(int(match["n"]), _PERIODS[match["per"].lower()], channels)
            if rule not in rules:
                rules.append(rule)
    return rules


def is_media_clause(clause: str) -> bool:
    return any(p.search(clause) for p in _RULES)
