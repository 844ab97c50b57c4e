"""Numbers as the documents write them: measures with comparators, deadlines, points.

>>> parse_measure("市≥95")
Measure(text='市≥95', value=95.0, comparator='≥', unit='', scope='市', note='')
>>> parse_measure("未统计").value is None
True
>>> parse_deadline("2023年12月10日前", 2023)
datetime.date(2023, 12, 10)
>>> parse_deadline("9月底前", 2020)
datetime.date(2020, 9, 30)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

NUMBER = r"[-+]?\d+(?:\.\d+)?"
# a figure typed with ASCII thousands separators (「1,397」「12,345.6」), never 「35，112」 (two figures) nor 「2,3」
THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
COMPARATORS = {
    "≥": "≥", ">=": "≥", "＞=": "≥", "不低于": "≥", "不少于": "≥", "以上": "≥",
    "≤": "≤", "<=": "≤", "不高于": "≤", "不超过": "≤", "以内": "≤", "以下": "≤", "达到或优于": "≤",
    ">": ">", "＞": ">", "超过": ">", "高于": ">",
    "<": "<", "＜": "<", "低于": "<",
}  # fmt: skip
# Text values that mean "no figure" — kept as no value, never as zero.
NO_VALUE_WORDS = ("未统计", "暂无", "无数据", "—", "--", "/")


@dataclass(frozen=True)
class Measure:
    """A value or target as written: 「市≥95」 → scope 市, comparator ≥, value 95."""

    text: str
    value: float | None = None
    comparator: str = ""
    unit: str = ""
    scope: str = ""
    note: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.value is not None


def normalize(text: str) -> str:
    """Full-width digits and signs to ASCII; line breaks to nothing; thousands separators dropped (「1,397户」)."""
    return unicodedata.normalize("NFKC", without_thousands(text)).replace("\n", "").strip()


def without_thousands(text: str) -> str:
    """「1,397户」 → 「1397户」 (ASCII separators only, before NFKC turns 「，」 into 「,」)."""
    return THOUSANDS.sub(lambda m: m.group(0).replace(",", ""), text)


def parse_measure(text: str, unit_hint: str = "") -> Measure:
    """Parse a table cell holding a value or a target."""
    raw = text.strip()
    flat = normalize(raw)
    if not flat or flat in NO_VALUE_WORDS or flat in ("-",):
        return Measure(text=raw)
    note = ""
    paren = re.search(r"[（(]([^）)]*)[）)]\s*$", flat)
    if paren and re.search(r"\d", flat[: paren.start()]):
        note = paren.group(1)
        flat = flat[: paren.start()].strip()
    match = re.match(
        rf"^(?P<scope>[\u4e00-\u9fff]{{0,6}}?)\s*(?P<cmp>≥|≤|>=|<=|>|<|＞|＜)?\s*(?P<num>{NUMBER})\s*(?P<unit>%|[^\d\s*]*)?\s*(?P<star>\*)?$",
        flat,
    )
    if not match:
        return Measure(text=raw, note=note)
    scope = match.group("scope") or ""
    if scope and not match.group("cmp"):
        return Measure(text=raw, note=note)  # words before a bare number: not a measure
    unit = match.group("unit") or unit_hint
    return Measure(
        text=raw,
        value=float(match.group("num")),
        comparator=COMPARATORS.get(match.group("cmp") or "", ""),
        unit=unit,
        scope=scope,
        note=note + ("*" if match.group("star") else ""),
    )


def compare(value: float, comparator: str, target: float) -> bool:
    """Whether `value` satisfies `comparator target`; a bare target means at least it."""
    return {
        "≥": value >= target,
        "≤": value <= target,
        ">": value > target,
        "<": value < target,
    }.get(comparator, value >= target)


def parse_points(text: str) -> list[float]:
    """Points written as 「（5分）」 or 「（1.5分）」."""
    return [float(p) for p in re.findall(rf"[（(]\s*({NUMBER})\s*分\s*[）)]", normalize(text))]


def percentages(text: str) -> list[float]:
    return [float(p) for p in re.findall(rf"({NUMBER})\s*%", normalize(text))]


_QUARTER_END = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def parse_deadlines(text: str, default_year: int | None) -> list[dt.date]:
    """Every deadline in a requirement: 「2020年6月底前」, 「9月底前」, 「2023年8月15日前」, 「2020.12」."""
    flat = normalize(text)
    dates: list[dt.date] = []
    year = default_year
    pattern = re.compile(
        r"(?:(?P<y>20\d\d)\s*[年.\-/])?\s*(?P<m>1[0-2]|0?[1-9])\s*月\s*(?:(?P<d>[0-3]?\d)\s*日|(?P<end>底|末))"
        r"|(?P<y2>20\d\d)\s*[.\-/]\s*(?P<m2>1[0-2]|0?[1-9])(?!\d)"
        r"|(?P<y3>20\d\d)?\s*年?\s*(?P<yearend>年底|年末)"
        r"|(?:(?P<y4>20\d\d)\s*年)?\s*(?P<q>[一二三四1-4])\s*季度"
        r"|(?P<y5>20\d\d)\s*-\s*(?P<y6>20\d\d)\s*年"
    )
    for m in pattern.finditer(flat):
        try:
            if m.group("m"):
                year = int(m.group("y") or year or 0) or None
                if year is None:
                    continue
                month = int(m.group("m"))
                day = int(m.group("d")) if m.group("d") else calendar.monthrange(year, month)[1]
                dates.append(dt.date(year, month, day))
            elif m.group("m2"):
                year = int(m.group("y2"))
                month = int(m.group("m2"))
                dates.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
            elif m.group("yearend"):
                year = int(m.group("y3") or year or 0) or None
                if year:
                    dates.append(dt.date(year, 12, 31))
            elif m.group("q"):
                year = int(m.group("y4") or year or 0) or None
                if year:
                    month = _QUARTER_END[m.group("q")]
                    dates.append(dt.date(year, month, calendar.monthrange(year, month)[1]))
            elif m.group("y6"):
                dates.append(dt.date(int(m.group("y6")), 12, 31))
        except ValueError:  # 2月30日 and the like: not a date
            continue
    return dates


def parse_deadline(text: str, default_year: int | None) -> dt.date | None:
    """The last deadline a requirement names (the one that closes it)."""
    dates = parse_deadlines(text, default_year)
    return max(dates) if dates else None


def difference_unit(unit: str) -> str:
    """The unit two figures differ by: points for two rates (「93.4%」 and 「91.6%」 are 1.8个百分点 apart), else
    the figures' own unit.

    >>> difference_unit("%"), difference_unit("万元")
    ('个百分点', '万元')
    """
    return "个百分点" if unit in ("%", "％") else unit


def round_half_up(value: float, places: int) -> float:
    """`value` to `places` decimals, a half rounded up as the documents round (72.06 → 72.1, 0.125 → 0.13).

    >>> round_half_up(72.06, 1), round_half_up(0.125, 2)
    (72.1, 0.13)
    """
    return float(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def percent(part: float, whole: float) -> float:
    """`part` of `whole` in %, to two places rounded half up as the documents round (1300/3200 → 40.63).

    >>> percent(1300, 3200), percent(1, 3)
    (40.63, 33.33)
    """
    return float((Decimal(str(part)) * 100 / Decimal(str(whole))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


# units of one measure, each in the first's: money, volumes, weights, areas, power, lengths
UNIT_SCALES = (
    {"元": 1, "万元": 10_000, "亿元": 100_000_000, "亿": 100_000_000},
    {"立方米": 1, "万立方米": 10_000},
    {"吨": 1, "万吨": 10_000},
    {"亩": 1, "公顷": 15, "平方公里": 1_500},
    {"千瓦": 1, "万千瓦": 10_000},
    {"米": 1, "公里": 1_000, "千米": 1_000},
)


def unit_scale(unit: str, other: str) -> float | None:
    """What a figure in `unit` is multiplied by to be in `other`, when both measure one thing (None if not)."""
    scales = next((s for s in UNIT_SCALES if unit in s and other in s), None)
    return scales[unit] / scales[other] if scales else None
