"""The domain's aliases and overrides in one place: pollutants, status words, place-name exceptions.

Places, stations, departments and indicators are not listed here: the lexicon learns them
from each data version's documents (`corpus.lexicon`). What stays is what no document
teaches — that 二氧化氮 is NO2, which status words mean lagging — and the exceptions to
what is learned (「江海直达」 is a ship, not 江海区).

>>> canonical_pollutant("二氧化氮")
'NO2'
>>> STATUS_WORDS["未按进度推进"]
'lagging'
"""

from __future__ import annotations

import re

# Words after which a place's short name is something else: 「江海直达船舶」「江海联运」 are not 江海区.
PLACE_ALIAS_EXCEPTIONS: dict[str, tuple[str, ...]] = {"江海": ("直达", "联运", "河")}
# Words jieba puts before 镇 or 街道 that do not name a town (「重点镇」「各镇街道」).
TOWN_NOT_NAMES = frozenset({"重点", "中心", "特色", "建制", "小城", "示范", "各", "全", "城", "乡", "村", "市", "区",
                            "县", "所在", "有关", "相关", "各个", "沿江", "沿海", "全市", "各区", "工业", "省级", "生态",
                            "流域"})  # fmt: skip

POLLUTANTS: dict[str, tuple[str, ...]] = {
    "PM2.5": ("pm2.5", "pm25", "细颗粒物"),
    "PM10": ("pm10", "可吸入颗粒物"),
    "NO2": ("no2", "二氧化氮"),
    "SO2": ("so2", "二氧化硫"),
    "O3": ("o3", "臭氧"),
    "CO": ("一氧化碳",),
    "VOCs": ("vocs", "挥发性有机物"),
}

# What a table's header word is also called in questions (a generic table's 「站点名称」 column is
# what 「哪些子站」 asks for).
NOUN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "站点": ("子站", "站点", "监测站", "监测点"),
    "子站": ("子站", "站点", "监测站"),
    "项目": ("项目", "工程"),
    "任务": ("任务", "事项"),
}

# The small status enum and its Chinese labels. Order: worst first.
STATUS_LABELS: dict[str, str] = {
    "not_met": "未达要求",
    "lagging": "进度滞后",
    "basically_on_track": "基本按进度",
    "on_track": "按进度推进",
    "completed": "已完成/达到要求",
    "unknown": "未说明",
}
STATUS_ORDER = list(STATUS_LABELS)

# The documents' own status words → the enum. Matching takes the longest word first, so
# 「未完成任务要求」 is not read as 「完成任务要求」.
STATUS_WORDS: dict[str, str] = {
    "按进度完成": "completed",
    "达到任务要求": "completed",
    "完成任务要求": "completed",
    "已完成": "completed",
    "按进度推进": "on_track",
    "基本按进度推进": "basically_on_track",
    "基本按进度完成": "basically_on_track",
    "基本完成任务要求": "basically_on_track",
    "未按进度推进": "lagging",
    "未按进度完成": "lagging",
    "进度滞后": "lagging",
    "未达预期进度": "lagging",
    "未达任务要求": "not_met",
    "未完成任务要求": "not_met",
    "未完成任务": "not_met",
}
_STATUS_PATTERN = re.compile("|".join(sorted(map(re.escape, STATUS_WORDS), key=len, reverse=True)))

KEY_ASSESSMENT_MARK = "【重点考核】"


def canonical_pollutant(name: str) -> str | None:
    lowered = name.strip().lower()
    for canonical, aliases in POLLUTANTS.items():
        if lowered == canonical.lower() or lowered in aliases:
            return canonical
    return None


def find_status_words(text: str) -> list[tuple[int, str]]:
    """All status words in `text` with their positions, e.g. [(0, '按进度完成')]."""
    return [(m.start(), m.group(0)) for m in _STATUS_PATTERN.finditer(text)]


def status_of(word: str) -> str:
    return STATUS_WORDS.get(word, "unknown")


def worst_status(statuses: list[str]) -> str:
    known = [s for s in statuses if s != "unknown"]
    return min(known, key=STATUS_ORDER.index) if known else "unknown"
