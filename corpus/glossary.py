"""The domain's words in one place: regions and their short names, pollutants, status words.

Every part that needs to recognise a region, a pollutant or a status (table parsing,
tokenizing, question understanding) reads it from here.

>>> canonical_region("鹤山")
'鹤山市'
>>> canonical_pollutant("二氧化氮")
'NO2'
>>> STATUS_WORDS["未按进度推进"]
'lagging'
"""

from __future__ import annotations

import re

# 江门 has three districts and four county-level cities; 海门 is a county-level city of 南通.
REGIONS: dict[str, tuple[str, ...]] = {
    "蓬江区": ("蓬江", "pengjiang"),
    "江海区": ("江海", "jianghai"),
    "新会区": ("新会", "xinhui"),
    "台山市": ("台山", "taishan"),
    "开平市": ("开平", "kaiping"),
    "鹤山市": ("鹤山", "heshan"),
    "恩平市": ("恩平", "enping"),
    "江门市": ("江门", "jiangmen"),
    "海门市": ("海门", "haimen"),
}
JIANGMEN_COUNTIES = ("蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市")

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

# Topics a question may ask about → words that mark a task, indicator or passage as on it.
TOPICS: dict[str, tuple[str, ...]] = {
    "专项资金": ("专项资金", "资金执行率", "执行率"),
    "农村生活污水": ("农村生活污水", "自然村", "村庄污水", "生活污水治理"),
    "锅炉": ("锅炉",),
    "VOCs": ("VOCs", "挥发性有机物", "一企一策"),
    "填埋场": ("填埋场", "渗滤液"),
    "加油站": ("加油站", "油气回收"),
    "黑臭水体": ("黑臭",),
    "污水处理厂": ("污水处理厂", "污水处理站", "水处理"),
    "污水管网": ("管网",),
    "扬尘": ("扬尘",),
    "饮用水源": ("水源", "饮用水"),
    "排污口": ("排污口",),
    "陶瓷": ("陶瓷",),
    "水质": ("水质", "断面", "水体"),
    "生态修复": ("生态修复",),
    "汽修": ("汽修", "机动车维修"),
    "集中供热": ("集中供热",),
    "空气质量": ("空气质量", "监测子站", "PM10", "NO2", "PM2.5"),
    "危险废物": ("危险废物", "危废"),
    "土壤": ("土壤",),
    "船舶": ("船舶", "港口", "码头"),
    "垃圾": ("垃圾",),
}


def canonical_region(name: str) -> str | None:
    """The full name of a region given its full, short or pinyin name, else None."""
    name = name.strip().lower()
    for full, shorts in REGIONS.items():
        if name == full or name in shorts:
            return full
    return None


def region_short_names(full: str) -> tuple[str, ...]:
    """Chinese names a region goes by in running text, longest first (「蓬江区」, 「蓬江」)."""
    shorts = REGIONS.get(full) or ((full[:-1],) if len(full) > 2 and full[-1] in "区市县镇" else ())
    return (full, *(s for s in shorts if not s.isascii()))


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
