"""The `stations` table: air-quality station readings against their assessment targets.

Targets are stated as 「…东湖空气质量自动监测子站NO2指标浓度达到或优于23微克/立方米」 and
readings as 「1-6月，…东湖空气质量自动监测子站NO2指标浓度为22微克/立方米，达到任务要求」.
Where the document states the level (达到 / 基本完成 / 未达), it is kept; the numbers decide
only whether the reading meets its target. The middle level depends on the previous
year's annual mean, which these tables do not give, so it is never computed.
"""

from __future__ import annotations

import re

from corpus.gazetteer import short_name
from corpus.glossary import canonical_pollutant, find_status_words, status_of
from corpus.tables import LabelledTable
from structured.numbers import NUMBER, normalize
from structured.tasks import document_period

STATION_COLUMNS = [
    "doc_id", "doc_title", "table", "locator", "row_text", "quote", "target_quote", "year", "period",
    "region", "station", "station_full", "pollutant", "value", "target", "comparator", "unit",
    "stated_result", "stated_status", "computed_result", "status", "middle_bound", "consistent",
    "check", "key_assessment",
]  # fmt: skip

_POLLUTANTS = r"PM2\.5|PM10|NO2|SO2|O3|CO|二氧化氮|可吸入颗粒物|细颗粒物|二氧化硫|臭氧|一氧化碳"
_POLLUTANT = rf"(?P<pol>{_POLLUTANTS})"
_UNIT = r"(?P<unit>微克/立方米|μg/m3|ug/m3|毫克/立方米|mg/m3)"
# 「东湖空气质量自动监测子站」, 「文峰国控站点」 (a national station), 「新江省控点」, 「秀江东路子站」
_STATION = re.compile(
    r"(?P<name>[\u4e00-\u9fa5A-Za-z0-9]{2,14}?)(?:(?:空气(?:质量)?)?(?:自动)?监测(?:子站|站)|子站|[国省市]控(?:站点|站|点))"
)
# what stands between a pollutant and its 浓度 (「平均」「日最大8小时平均第90百分位」), naming no other pollutant
# nor a target (「PM2.5考核目标浓度为30」 is no reading)
_STATISTIC = r"(?:指标)?(?:(?!PM|NO2|SO2|O3|CO|二氧化|臭氧|颗粒物|一氧化|目标|考核|要求|限值)[^，。；,;、\n]){0,18}?"
_TARGET = re.compile(
    rf"{_POLLUTANT}{_STATISTIC}浓度\s*(?P<op>达到或优于|不高于|不超过|低于|小于|控制在|≤)\s*(?P<val>{NUMBER})\s*{_UNIT}"
)
# (「…浓度35微克/立方米以下」 is a bound, not a reading)
_READING = re.compile(rf"{_POLLUTANT}{_STATISTIC}浓度\s*(?:为|是|达)?\s*(?P<val>{NUMBER})\s*{_UNIT}(?!以下|以内|左右)")
# several pollutants' targets in one clause: 「PM2.5、PM10、NO2、O3浓度分别不高于31、55、25、145微克/立方米」
_TARGET_LIST = re.compile(
    rf"(?P<pols>(?:{_POLLUTANTS})(?:[、和及与](?:{_POLLUTANTS}))+){_STATISTIC}浓度\s*分别\s*"
    rf"(?P<op>达到或优于|不高于|不超过|低于|小于|控制在|≤)\s*(?P<vals>{NUMBER}(?:[、，,和]{NUMBER})+)\s*{_UNIT}"
)
# a reading's own verdict when it says no status word of a task: 「PM2.5浓度34微克/立方米，未达标」
_READING_VERDICT = {"未达标": "not_met", "不达标": "not_met", "超标": "not_met", "达标": "completed"}
_MIDDLE_BOUND = re.compile(r"不高于(\d{4}年年均值)")


SEAT = re.compile(r"[区县市]?(人民)?政府|管委会?")  # 「云溪区政府站」 is named after the seat, not 「政府」


def station_key(name: str, region: str) -> str:
    """「蓬江区东湖」, 「新会圭峰西」 → 「东湖」, 「圭峰西」: the station without its region."""
    prefixes = [region, short_name(region)]
    for prefix in sorted(set(prefixes), key=len, reverse=True):
        if prefix and name.startswith(prefix) and len(name) > len(prefix) and not SEAT.fullmatch(name[len(prefix) :]):
            return name[len(prefix) :]
    return name


def build_station_rows(labelled: LabelledTable, tasks_by_row: dict[int, list[dict]]) -> list[dict]:
    """Station readings of a progress table, one per station and pollutant."""
    year, period_default = document_period(labelled)
    rows = []
    for i, cells in enumerate(labelled.rows):
        region = tasks_by_row[i][0]["region"] if tasks_by_row.get(i) else ""
        texts = [labelled.value(cells, role) for role in ("task", "content", "requirement")]
        targets = _targets("\n".join(texts), region)
        if not targets:
            continue
        middle = _MIDDLE_BOUND.search(labelled.value(cells, "requirement"))
        progress = labelled.value(cells, "progress")
        known = {key for key, _ in targets}  # 「金鹗山站PM2.5平均浓度为35」 of the 金鹗山空气自动监测站 targeted
        for (key, pollutant), reading in _readings(progress, region, known).items():
            target = targets.get((key, pollutant))
            if target is None:
                continue
            rows.append(
                _row(labelled, i, region, year, period_default, key, pollutant, reading, target, middle, progress)
            )
    return rows


def _targets(text: str, region: str) -> dict[tuple[str, str], dict]:
    found = {}
    station = ""
    for sentence in _sentences(text):
        station = _last_station(sentence) or station  # 「…子站NO2…。PM10…」: same station
        if not station:
            continue
        flat = normalize(sentence)
        stated = [(m.group("pol"), m.group("val"), m.group("unit")) for m in _TARGET.finditer(flat)]
        for m in _TARGET_LIST.finditer(flat):
            pollutants = re.split(r"[、和及与]", m.group("pols"))
            values = re.split(r"[、，,和]", m.group("vals"))
            if len(pollutants) == len(values):  # 「分别」 pairs them in order
                stated += [(pol, val, m.group("unit")) for pol, val in zip(pollutants, values, strict=True)]
        for name, value, unit in stated:
            found[(station_key(station, region), canonical_pollutant(name))] = {
                "target": float(value),
                "unit": unit,
                "station_full": _full_name(sentence, station, region),
                "quote": sentence.strip(),
            }
    return found


def _readings(text: str, region: str, known: set[str]) -> dict[tuple[str, str], dict]:
    found = {}
    station = ""
    for sentence in _sentences(text, known):
        flat = normalize(sentence)
        period = re.search(r"(\d{1,2}-\d{1,2}月|上半年|[一二三四]季度|全年)", flat)
        matches = list(_READING.finditer(flat))
        for k, m in enumerate(matches):
            # the station named before this reading (「荷花站…为29，低于府山站」 is 荷花's), else the one before
            station = _last_station(flat[: m.start()], known) or station
            if not station:
                continue
            # the result words that follow this reading, before the next one
            tail = flat[m.end() : matches[k + 1].start() if k + 1 < len(matches) else len(flat)]
            words = find_status_words(tail) or _verdict_words(tail)
            found[(station_key(station, region), canonical_pollutant(m.group("pol")))] = {
                "value": float(m.group("val")),
                "unit": m.group("unit"),
                "result": words[0][1] if words else "",
                "period": period.group(1) if period else "",
                "quote": sentence.strip(),
            }
    return found


def _verdict_words(tail: str) -> list[tuple[int, str]]:
    """「，未达标；」 right after a reading: its own verdict, as `find_status_words` gives a status word."""
    m = re.match(r"[，,\s]*(未达标|不达标|超标|达标)(?![率天数比])", tail)
    return [(m.start(1), m.group(1))] if m else []


def _row(labelled, i, region, year, period_default, key, pollutant, reading, target, middle, progress) -> dict:
    meets = reading["value"] <= target["target"]
    result = reading["result"]
    stated_status = (_READING_VERDICT.get(result) or status_of(result)) if result else "unknown"
    check = ""
    if stated_status == "completed" and not meets:
        check = f"文件写「{reading['result']}」，但读数{reading['value']:g}高于目标{target['target']:g}"
    elif stated_status in ("basically_on_track", "not_met") and meets:
        check = f"文件写「{reading['result']}」，但读数{reading['value']:g}已达到目标{target['target']:g}"
    return {
        "doc_id": labelled.document.doc_id,
        "doc_title": labelled.document.info.title,
        "table": labelled.label,
        "locator": f"{labelled.label} 第{labelled.row_numbers[i]}行（{region} {key}）",
        "row_text": labelled.row_text(i),
        "quote": reading["quote"],
        "target_quote": target["quote"],
        "year": year,
        "period": reading["period"] or period_default,
        "region": region,
        "station": key,
        "station_full": target["station_full"],
        "pollutant": pollutant,
        "value": reading["value"],
        "target": target["target"],
        "comparator": "≤",
        "unit": target["unit"],
        "stated_result": reading["result"],
        "stated_status": stated_status,
        "computed_result": "达到目标" if meets else "超过目标",
        "status": stated_status if stated_status != "unknown" else ("completed" if meets else "unknown"),
        "middle_bound": middle.group(1) if middle else "",
        "consistent": not check,
        "check": check,
        "key_assessment": "【重点考核】" in progress,
    }


def _sentences(text: str, known: set[str] = frozenset()) -> list[str]:
    """Pieces of text about one station each: a new piece starts where a station is named,
    so 「…东湖…子站NO2…达到任务要求。PM10…未达任务要求。」 stays together."""
    pieces: list[str] = []
    for line in text.split("\n"):
        for sentence in re.split(r"(?<=[。；;])", line):
            if not sentence.strip():
                continue
            named = _STATION.search(sentence) or _named_known(sentence, known)
            if pieces and not named and not re.match(r"^\s*[（(]?\d+[）)]", sentence):
                pieces[-1] += sentence
            else:
                pieces.append(sentence)
    return pieces


def station_name(station: str, station_full: str) -> str:
    """How answers name a station: 「东湖子站」, or as the document does one that is no 子站 (「文峰国控站点」)."""
    full = station_full if isinstance(station_full, str) else ""
    controlled = re.search(r"[国省市]控(?:站点|站|点)$", full)
    if controlled:
        return f"{station}{controlled.group(0)}"
    if full.endswith("子站") and "监测" not in full and station in full:  # 「丰城工业园子站」 keeps its 丰城
        return full
    return f"{station}站" if full.endswith("站") and not full.endswith("子站") else f"{station}子站"


def _full_name(sentence: str, station: str, region: str) -> str:
    """The station as the document names it: 「东湖空气质量自动监测子站」, 「文峰国控站点」."""
    controlled = re.search(rf"{re.escape(station)}([国省市]控(?:站点|站|点))", sentence)
    if controlled:
        return station + controlled.group(1)
    named = re.search(rf"{re.escape(station)}((?:空气(?:质量)?)?(?:自动)?监测(?:子站|站))", sentence)
    if named:  # 「金鹗山空气自动监测站」 as written
        return station + named.group(1)
    if station + "子站" in sentence:  # 「秀江东路子站」, 「丰城工业园子站」: as written, less its 区县's full name
        return station.removeprefix(region) + "子站"
    return station + "空气质量自动监测子站" if "子站" in sentence else station


def _named_known(sentence: str, known: set[str]) -> str:
    """The last station of `known` a sentence names in short (「金鹗山站」), or ""."""
    at = [(sentence.rfind(k), k) for k in known if k in sentence]
    return max(at)[1] if at else ""


def _last_station(sentence: str, known: set[str] = frozenset()) -> str:
    # drop leading enumerators and periods: 「（1）1-6月，蓬江区东湖」 → 「蓬江区东湖」; 「全市各子站」 names none
    names = [
        re.split(r"[，,。；]", re.sub(r"^[（(]?\d+[）)]?", "", m.group("name")))[-1]
        for m in _STATION.finditer(sentence)
    ]
    names = [n for n in names if n and not re.search(r"[各全每个所]|\d", n)]
    return names[-1] if names else _named_known(sentence, known)
