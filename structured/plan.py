"""A typed query plan: what a table question asks, as data the executor runs.

A plan names one table and says which rows (filters, and words that pick rows by their
text), which figure (a measure of the table's schema), how rows group and aggregate, whether
they are ranked or compared, and what shape the answer takes. What the planner could not
consume stays in `unconsumed`, so a wrong parse is visible rather than silently answered.

>>> plan = QueryPlan("stations", filters=(Filter("pollutant", "eq", "PM10"), Filter("verdict", "eq", "behind")),
...                  group_by="region", shape="list")
>>> plan.describe()
'stations: pollutant=PM10, verdict=behind; 按region分组; 形式 list'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# none: empty or 0; latest: the rows of the newest value of those found (「今年」 of a table of several years)
BOUND_OPS = ("lt", "le", "gt", "ge")  # a figure bounded
OPS = ("eq", "ne", "in", "contains", "excludes", "lt", "le", "gt", "ge", "notnull", "none", "whole", "latest")
SHAPES = ("value", "list", "count", "sum", "mean", "rank", "compare", "yesno", "detail")
AGGREGATES = ("count", "sum", "mean", "ratio")  # ratio: a rate's part and whole summed, then divided
TARGET_YEAR = 0  # a year of `QueryPlan.years` that is each indicator row's own target year
BASE_YEAR = -1  # … and its own base (or current) year
UNSELECTING = (
    "period",
    "year",
    "fund_year",
    "target_year",
    "doc_id",
    "total_row",
)  # filters that pick no row of a table by what it is


@dataclass(frozen=True)
class Filter:
    """`field op value`; `value` may name another column (`column=True`): 「读数高于目标」.

    `label` is how the answer says the condition (「执行率低于60%」).
    """

    field: str
    op: str
    value: Any
    column: bool = False
    label: str = ""

    def __post_init__(self) -> None:
        if self.op not in OPS:
            raise ValueError(f"unknown filter operator {self.op!r}")

    def same_rows(self, other: Filter) -> bool:
        """Whether two filters pick the same rows, whatever each is called."""
        return (self.field, self.op, self.value, self.column) == (other.field, other.op, other.value, other.column)

    def describe(self) -> str:
        symbol = {"eq": "=", "ne": "≠", "in": "∈", "contains": "∋", "excludes": "∌", "lt": "<", "le": "≤", "gt": ">", "ge": "≥",
                  "notnull": " 有值", "none": " 无值或为0", "whole": "≈", "latest": " 最新"}[self.op]  # fmt: skip
        return f"{self.field}{symbol}{'' if self.op in ('notnull', 'none', 'latest') else self.value}"


@dataclass(frozen=True)
class Ranking:
    """The top `k` (ties kept) by the measure; "both": the top and the bottom ones; `nth`: only the
    k-th (「排第二的」), with any level with it."""

    direction: str  # "max" / "min" / "both"
    k: int = 1
    nth: bool = False

    def __post_init__(self) -> None:
        if self.direction not in ("max", "min", "both") or self.k < 1:
            raise ValueError(f"bad ranking {self.direction!r} top {self.k}")


@dataclass(frozen=True)
class QueryPlan:
    """One table question. `entity_conditions`: each is a set of filters a group must have
    a row for (「既…又…」: both sets, on different rows of the same region)."""

    table: str
    filters: tuple[Filter, ...] = ()
    entity_conditions: tuple[tuple[Filter, ...], ...] = ()
    match: str = ""  # words that pick rows by their text (a task's name)
    match_all: bool = False  # every row saying them (a list), not the one that says them best
    exclude: str = ""  # words of rows left out (「除了空气质量站点考核」)
    total: str = ""  # a measure totalled beside a count (「几项任务？分值加起来多少」)
    measure: str = ""
    quantity_unit: str = ""  # a figure read from each row's text in this unit (「多少家」)
    group_by: str = ""
    aggregate: str = ""  # count / sum / mean / ratio
    count_of: str = ""  # the column whose distinct values a count counts
    counted_as: str = ""  # the classifier a count of a register's rows is asked in (「几张」「几家次」), said back
    ranking: Ranking | None = None
    order_by: str = ""  # a date column the ranking orders rows by, not a measure (「最早到期」: 有效期至)
    order_end: bool = False  # by the last date of a cell (「有效期限 2057.11.02-2062.11.01」 ends on its last)
    compare: str = ""  # "target" / "rows" / "years" / "share" (of the table's 合计 row) / "ends" (highest − lowest)
    # a count's whole: the filters of all the rows it is a part of (「滞后任务占全部任务的几成」「总共几项，已完成几项」)
    count_of_whole: tuple[Filter, ...] | None = None
    years: tuple[int, ...] = ()  # the years a comparison between years is about
    complement: bool = False  # the groups with no such row (「哪些县没有…任务」)
    every: bool = False  # with `complement` over negated filters: the groups every row of which has it (「任务全部…」)
    having: Filter | None = None  # a bound on each group's aggregate (「总得分低于20分的县区」), field `_value`
    focus: tuple[str, ...] = ()  # places whose position in the whole ranking is asked (「恩平排第几」)
    milestone: int = 0  # the month of a dated target asked about (「离12月10日的要求还差多少」)
    reach: float = 0.0  # a rate to reach: how much more of its part it takes (「要达到75%，还得再支出多少」)
    short_of: float = 0.0  # a rate said: how many points each row's rate is below it (「离75%的序时进度差多少」)
    shape: str = "detail"
    asked: tuple[str, ...] = ()  # fields a detail answer leads with (deadline, lead, points …)
    unconsumed: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())  # what the planner assumed (「按「达标」理解」)

    def __post_init__(self) -> None:
        if self.shape not in SHAPES:
            raise ValueError(f"unknown shape {self.shape!r}")
        if self.aggregate and self.aggregate not in AGGREGATES:
            raise ValueError(f"unknown aggregate {self.aggregate!r}")

    def with_(self, **changes) -> QueryPlan:
        return replace(self, **changes)

    def filter_on(self, name: str) -> Filter | None:
        return next((f for f in self.filters if f.field == name), None)

    def describe(self) -> str:
        parts = [", ".join(f.describe() for f in self.filters)] if self.filters else []
        for k, condition in enumerate(self.entity_conditions, start=1):
            parts.append(f"条件{k}: " + ", ".join(f.describe() for f in condition))
        if self.match:
            parts.append(f"匹配「{self.match}」{'(全部)' if self.match_all else ''}")
        if self.exclude:
            parts.append(f"除去「{self.exclude}」")
        if self.measure or self.quantity_unit:
            parts.append(f"度量 {self.measure or '文中数量'}{self.quantity_unit}")
        if self.group_by:
            parts.append(f"按{self.group_by}分组")
        if self.aggregate:
            parts.append(f"{self.aggregate}{'(' + self.count_of + ')' if self.count_of else ''}")
        if self.having:
            parts.append(f"分组{self.having.describe()}")
        if self.total:
            parts.append(f"另计{self.total}合计")
        if self.order_by:
            parts.append(f"按{self.order_by}的日期")
        if self.ranking:
            parts.append(f"{self.ranking.direction} 前{self.ranking.k}")
        if self.compare:
            parts.append(f"比较 {self.compare}{list(self.years) if self.years else ''}")
        if self.reach:
            parts.append(f"达到{self.reach:g}%所需")
        if self.short_of:
            parts.append(f"距{self.short_of:g}%之差")
        if self.complement:
            parts.append("取补集")
        if self.focus:
            parts.append(f"定位 {'、'.join(self.focus)}")
        parts.append(f"形式 {self.shape}")
        if self.unconsumed:
            parts.append(f"未用词 {'、'.join(self.unconsumed)}")
        return f"{self.table}: " + "; ".join(parts)
