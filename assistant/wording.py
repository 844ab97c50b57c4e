"""Answers in words, one template per shape and table, reading only a result set.

A one-line conclusion comes first (「共5个区县：…」), then one line per row, each naming its
region and the figures of that row only; the document's title once; the period as the table
states it (「2023年1-6月」). Nothing here looks a figure up again: every number is a cell of
the result set's frame, or computed from its cells here and said to be computed.

>>> word(result)  # doctest: +SKIP
'共5个区县有站点读数未达到考核目标：蓬江区、江海区、新会区、开平市、鹤山市。\\n- 蓬江区 东湖子站 PM10：43微克/立方米…'
"""

from __future__ import annotations

import json
import re

import pandas as pd

from assistant.slots import bigrams
from corpus.glossary import COUNTY_NOUNS, water_class_rank
from corpus.tables import TOTAL_CELL
from structured.executor import JUDGED_ROWS, ResultSet, context_rows, own_year
from structured.facts import fmt, is_number
from structured.generic import stated_verdict
from structured.numbers import difference_unit, percent, round_half_up
from structured.plan import BOUND_OPS, UNSELECTING, QueryPlan
from structured.schema import YES_NO_HEADER, MeasureSpec, TableSchema
from structured.stations import station_name

MAX_LISTED = 40
GIST_CHARS = 160  # the progress a list line quotes, shared among the sub-items that say different things
VERDICT_WORDS = {
    "stations": {"behind": "读数未达到考核目标", "met": "读数达到考核目标", "on_track": "读数达到考核目标"},
    "funds": {"behind": "执行率未达到目标", "met": "执行率达到目标", "on_track": "执行率达到目标"},
    "tasks": {"behind": "进度滞后或未完成", "met": "已完成", "on_track": "按进度推进"},
    "indicators": {"behind": "未达标", "met": "达标", "on_track": "达标"},
}
GROUP_LABELS = {"region": "区县", "station": "子站", "indicator_key": "项指标", "task_key": "项任务", "full_name": "项指标", "pollutant": "种污染物",
                "level": "级资金", "lead_units": "个牵头单位", "responsible": "个责任部门"}  # fmt: skip
LISTED_NAMES = 2  # more names than 「A、B分别…」 says: rows listed before, not words to echo


def word(result: ResultSet) -> str:
    """The answer text of a result set."""
    plan = result.plan
    if plan.reach and not result.frame.empty:
        return _dedupe_lines(_reach_head(result) + _lines(result))
    shape = "list" if plan.complement else plan.shape
    text = {
        "count": _count,
        "sum": _sum,
        "mean": _mean,
        "rank": _rank,
        "compare": _compare,
        "yesno": _yesno,
        "list": _list,
    }.get(shape, _detail)(result)
    reached = _all_reached(result)  # (said right after the conclusion line, before the rows)
    if reached:
        head, _, rows = text.partition("\n")
        text = "\n".join(p for p in (head, reached, rows) if p)
    return _dedupe_lines(text)


def _all_reached(result: ResultSet) -> str:
    """「国控断面一共几个？都达标了吗」: after the rows counted or listed, whether they all meet their targets."""
    plan, frame = result.plan, result.frame
    judged = plan.shape in ("count", "list") and "reached" in plan.asked and "verdict" in frame and not frame.empty
    if not judged or any(f.field in ("verdict", "status") or f.field.startswith("verdict_") for f in plan.filters):
        return ""
    verdicts = [v for v in frame["verdict"] if v]
    words = result.schema.verdict_words() or VERDICT_WORDS.get(plan.table, {})
    if not verdicts:
        return ""
    if set(verdicts) == {"met"}:
        return f"是否都{words.get('met', '达标')}：是，{_all_of(words.get('met', '达标'), len(verdicts))}。"
    behind = sum(v == "behind" for v in verdicts)
    return f"是否都{words.get('met', '达标')}：否，其中{behind}项{words.get('behind', '未达标')}。" if behind else ""


def _reach_head(result: ResultSet) -> str:
    """「桐乡市：市级资金·执行率 72%（已下达 480万元，已支出 345.6万元）；要达到75%，还需支出14.4万元（由480×75%−345.6得出）」,
    one line per row, from the executor's derived figure."""
    schema, plan = result.schema, result.plan
    spec = schema.measures[plan.measure]
    rate = next(m for m in schema.measures.values() if m.ratio_of and spec.label.startswith(f"{m.label}达到"))
    part, whole = schema.ratio_parts(rate.name)
    lines = []
    for r in result.frame.itertuples():
        need, done, of = (getattr(r, m.column) for m in (spec, part, whole))
        if not (is_number(need) and is_number(done) and is_number(of)):
            continue
        said = "已达到，无需再" if need == 0 else "还需"
        lines.append(
            f"{_row_name(result, r)}：{rate.label} {fmt(getattr(r, rate.column))}%（{whole.label} {fmt(of)}{whole.unit}，"
            f"{part.label} {fmt(done)}{part.unit}）；要达到{fmt(plan.reach)}%，{said}{spec.label.rpartition('还需')[2]}"
            f"{'' if need == 0 else fmt(need) + spec.unit}（由{fmt(of)}×{fmt(plan.reach)}%−{fmt(done)}得出）。"
        )
    return "\n".join(lines) + "\n" if lines else ""


def nothing_found(result: ResultSet) -> str:
    """A filter that leaves no row is an answer too: 「没有……」 with the conditions."""
    plan = result.plan
    scope = (_conditions(plan, exclude_verdict=False) or "符合条件").removesuffix("的")
    if plan.having is not None:  # 「总得分低于10分的县区」: the bound on the totals left none
        scope = (
            f"{scope}、合计{plan.having.label}"
            if _conditions(plan, exclude_verdict=False)
            else f"合计{plan.having.label}"
        )
    what = result.schema.title
    places = "、".join(f.label for f in plan.filters if f.field == "region" and f.label)  # 「赤坎区有没有…」
    return f"所查范围内{f'（{places}）' if places else ''}没有{scope}的{what}记录。"


# -- shapes -------------------------------------------------------------------------------------------


def _list(result: ResultSet) -> str:
    plan, frame = result.plan, result.frame
    if plan.complement:
        return _complement(result)
    if plan.table == "tasks" and "milestone" in plan.asked and len(set(frame["task_key"])) == 1:
        return _task_detail(result)  # 「…三季度要完成多少」 of the one task found: its stages said
    group = plan.group_by
    head = _scope_head(result)
    if group and group in frame and plan.having is not None and result.groups is not None:
        # 「总得分低于20分的县区」: each group with its total
        unit = _unit(result)
        names = [f"{_group_name(result, r[group])}（{fmt(round(r['_value'], 4), _places(result))}{unit}）"
                 for _, r in result.groups.iterrows()]  # fmt: skip
        label = _group_label(result, group, "项")
        bound = f"合计{plan.having.label}"
        lead = f"共{len(names)}{_measure_word(label)}{_conditions(plan)}{bound}：{'、'.join(names)}。"
    elif group and group in frame:
        names = _listed_names(result, group)
        label = _group_label(result, group, "项")
        lead = f"共{len(names)}{_measure_word(label)}{_conditions(plan)}：{'、'.join(names)}。"
    else:
        # a 小计/合计 row listed with its rows (「阳东区为什么这么低」) is no project of its own
        totals = _subtotals(frame)
        own = frame[~totals] if totals.any() and not totals.all() else frame
        count = own[result.schema.key].nunique() if result.schema.key in own else len(own)
        extra = f"（另列小计/合计{int(totals.sum())}行）" if len(own) < len(frame) else ""
        named = f"{'、'.join(_row_names(result, own))}。" if result.schema.generic and count <= NAMED_ROWS else ""
        lead = (
            f"共{count}{_measure_word(_group_label(result, result.schema.entity, '项'))}{_conditions(plan)}{extra}："
            + named
            # 「三项都达标的站」: the one found, named first; not a row the question named itself
            # (one row of a status counted: 「共1项任务已完成的：」 over its line)
            if count > 1
            or (named and _conditions(plan) and named.rstrip("。") not in _conditions(plan))
            or (count == 1 and any(f.field in ("verdict", "status", result.schema.status_column) for f in plan.filters))
            else ""
        )
    head = head if lead else re.sub(r"[，,]$", "：", head)  # (no 「据《…》，」 left hanging over the row)
    return "\n".join(p for p in (head + lead, _lines(result)) if p)


def _listed_names(result: ResultSet, group: str) -> list[str]:
    """The groups a list names: one name each, with its place where two places' rows share it (临邑县 and 武城县
    each have a 「涉VOCs企业提标改造补助」: two projects, not one)."""
    frame = result.frame
    if group == "region" or "region" not in frame or frame.groupby(group, sort=False)["region"].nunique().max() < 2:
        return [_group_name(result, g) for g in dict.fromkeys(frame[group])]
    shared = {g for g, places in frame.groupby(group, sort=False)["region"] if places.nunique() > 1}
    return list(dict.fromkeys(
        f"{r if isinstance(r, str) else ''}{_group_name(result, g)}" if g in shared else _group_name(result, g)
        for g, r in zip(frame[group], frame["region"], strict=True)
    ))  # fmt: skip


def _row_names(result: ResultSet, frame: pd.DataFrame) -> list[str]:
    """A generic sheet's rows by the column that names them (「鸡啼门大桥」, not 「金湾区 河流 鸡啼门大桥 …」)."""
    column = result.schema.naming_column
    return list(dict.fromkeys(str(v) for v in frame[column if column in frame else "entity"]))


def _subtotals(frame: pd.DataFrame) -> pd.Series:
    """The rows that total others: a 合计 row, or a 区县's own 「小计」 (kept as that 区县's figure)."""
    totals = frame["total_row"].astype(bool) if "total_row" in frame else pd.Series(False, index=frame.index)
    if "entity" in frame:
        totals = totals | frame["entity"].astype(str).map(lambda e: any(TOTAL_CELL.match(w) for w in e.split()))
    return totals


def _count(result: ResultSet) -> str:
    plan = result.plan
    n = int(result.value or 0)
    label = _group_label(result, plan.count_of or result.schema.key, "项")
    if plan.group_by and result.groups is not None:  # 「各县…分别有几家」: each place's count
        word = plan.counted_as or _measure_word(label)
        lines = [f"{_scope_head(result)}{_conditions(plan)}各{_group_label(result, plan.group_by, '地区')}分别为"
                 f"（共{int(result.groups['_value'].sum())}{word}）："]  # fmt: skip
        lines += [
            f"- {_group_name(result, r[plan.group_by])}：{int(r['_value'])}{word}" for _, r in result.groups.iterrows()
        ]
        return "\n".join([*lines, _lines(result, brief=True)])
    total = ""
    if result.total is not None:
        spec = result.schema.measures.get(plan.total)
        units = (
            set(result.frame[spec.unit_column].dropna().astype(str)) - {""}
            if spec and spec.unit_column in result.frame
            else set()
        )
        unit = spec.unit if spec and spec.unit else (units.pop() if len(units) == 1 else "")  # 「任务量合计3003个」
        total = f"，{spec.label if spec else ''}合计{fmt(result.total)}{unit}"
    named = result.schema.generic and 0 < n <= NAMED_ROWS and not plan.group_by and not result.frame.empty
    counted = (
        plan.count_of if plan.count_of in result.frame and plan.count_of not in (result.schema.key, "entity") else ""
    )
    # 「共4个…：津头埔站、驿峰站…」; what is counted when it is no row's name (「共3个月份…：2月、5月、9月」)
    names = ""
    if named:
        said = list(dict.fromkeys(map(str, result.frame[counted]))) if counted else _row_names(result, result.frame)
        names = f"{'、'.join(said)}。"
    whole = ""
    if plan.count_of_whole is not None and result.whole is not None:  # 「占全部任务的几成」「总共几项，已完成几项」
        whole = f"，全部共{fmt(result.whole)}{_measure_word(label)}"
        if plan.compare == "share" and result.whole:
            whole += f"，占{fmt(percent(result.part or 0, result.whole))}%（由两数相除得出）"
    lines = [
        f"{_scope_head(result)}共{n}{plan.counted_as or _measure_word(label)}{_conditions(plan)}{total}{whole}"
        + ("：" + names if n else "。")
    ]
    if n:
        lines.append(_lines(result))
    return "\n".join(lines)


def _added(group: pd.Series) -> str:
    """「（3项相加）」 of a group's figure added up from its rows (none of which states it)."""
    n = int(group.get("_n", 0) or 0)
    return f"（{n}项相加）" if n > 1 else ""


def _sum(result: ResultSet) -> str:
    plan = result.plan
    unit = _unit(result)
    if plan.aggregate == "ratio":
        return _ratio(result)
    if result.groups is not None:
        total = round(float(result.groups["_value"].sum()), 4)
        lines = [f"{_scope_head(result)}{_conditions(plan)}{_measure_label(result)}合计{fmt(total)}{unit}"
                 f"{_done_total(result, unit)}，其中："]  # fmt: skip
        lines += [f"- {_group_name(result, r[plan.group_by])}：{fmt(round(r['_value'], 4))}{unit}"
                  f"{_converted(result, plan.group_by, r[plan.group_by], unit)}{_added(r)}"
                  for _, r in result.groups.iterrows()]  # fmt: skip
        return "\n".join(lines + [_lines(result, brief=True)])
    parts = (
        len(result.frame.drop_duplicates(result.schema.key)) if result.schema.key in result.frame else len(result.frame)
    )
    second = result.schema.measures.get(plan.total) if result.total is not None else None
    beside = f"，{second.label}合计{fmt(result.total)}{unit}" if second is not None else ""  # 「已经完成多少个」 too
    # 「总共花了多少，执行率多少」: the rate the two sums make (已支出 ÷ 下达)
    rate = next((m for m in result.schema.measures.values() if m.ratio_of == (plan.measure, plan.total)), None)
    if rate is not None and "rate" in plan.asked and result.total and result.value is not None:
        beside += f"，{rate.label}{fmt(round(result.value / result.total * 100, 2))}%（由两数相除得出）"
    summed = "" if re.search(r"(合计|总计)$", _measure_label(result)) else "合计"  # (not 「合计合计690万元」)
    added = f"{summed}{fmt(round(result.value or 0, 4))}{unit}{beside}{_done_total(result, unit)}（{parts}项相加）" if parts > 1 \
        else f"{fmt(round(result.value or 0, 4))}{unit}{beside}（仅1项）"  # fmt: skip
    lead = f"{_scope_head(result)}{_conditions(plan)}{_measure_label(result)}{added}："
    return "\n".join([lead, _lines(result, brief=True)])


def _ratio(result: ResultSet) -> str:
    """「省级的执行率为53.70%（已支出合计3351.1万元 ÷ 下达金额合计6240万元，8项相加后相除得出）」."""
    plan, schema = result.plan, result.schema
    spec = schema.measures[plan.measure]
    part, whole = schema.ratio_parts(plan.measure)
    places = max(spec.places, 2)
    if result.groups is not None:
        lines = [f"{_scope_head(result)}{_conditions(plan)}{spec.label}（各{part.label}合计 ÷ {whole.label}合计）："]
        lines += [f"- {_group_name(result, r[plan.group_by])}：{fmt(round(r['_value'], places), places)}%"
                  for _, r in result.groups.iterrows()]  # fmt: skip
        return "\n".join(lines + [_lines(result, brief=True)])
    if result.value is None or result.parts is None:
        return nothing_found(result)
    done, total = result.parts
    n = result.frame[schema.key].nunique() if schema.key in result.frame else len(result.frame)
    # (「72.06%，按表中保留一位小数约为72.1%」: as the document would type it too, when it types fewer places)
    typed = f"，按表中保留{'一二三'[spec.places - 1]}位小数约为{fmt(round_half_up(result.value, spec.places), spec.places)}%" \
        if 0 < spec.places < places else ""  # fmt: skip
    lead = (f"{_scope_head(result)}{_conditions(plan)}{spec.label}为{fmt(round(result.value, places), places)}%"
            f"（{part.label}合计{fmt(done)}{part.unit} ÷ {whole.label}合计{fmt(total)}{whole.unit}，"
            f"由{n}项相加后相除得出{typed}）：")  # fmt: skip
    return "\n".join([lead, _lines(result, brief=True)])


def _converted(result: ResultSet, group: str, value, unit: str) -> str:
    """「（折合自表中15400米）」 of a group whose rows state their figure in another unit of the same measure."""
    frame = result.frame
    if "measure_unit" not in frame or "total" not in frame or group not in frame:
        return ""
    rows = frame[(frame[group] == value) & (frame["measure_unit"] != unit) & (frame["measure_unit"] != "")]
    said = "、".join(f"{fmt(r.total)}{r.measure_unit}" for r in rows.itertuples() if is_number(r.total))
    return f"（折合自表中{said}）" if said else ""


def _done_total(result: ResultSet, unit: str) -> str:
    """「，已完成合计9台」 when every row also states what it has done."""
    done = result.frame.get("quantity_done")
    if done is None or done.isna().any() or "quantity" not in result.frame:
        return ""
    return f"，截至报告期已完成合计{fmt(round(float(done.sum()), 4))}{unit}"


def _mean(result: ResultSet) -> str:
    plan = result.plan
    unit = _unit(result)
    if result.groups is not None:
        lines = [f"{_measure_label(result)}平均值（按{GROUP_LABELS.get(plan.group_by, '组')}）："]
        lines += [f"- {_group_name(result, r[plan.group_by])}：{fmt(round(r['_value'], 2))}{unit}"
                  for _, r in result.groups.iterrows()]  # fmt: skip
        return "\n".join(lines + [_lines(result)])
    if result.value is None:
        return f"所查的{len(result.frame)}行中没有可计算平均值的{_measure_label(result)}数值。"
    n = len(result.frame)
    value = f"{fmt(round(result.value or 0, 2))}{unit}"
    if n == 1:  # 「新安县上半年PM10平均多少」: one row's own figure, no mean of one
        return "\n".join(
            [f"{_scope_head(result)}{_conditions(plan)}{_measure_label(result)}为{value}：", _lines(result)]
        )
    lead = f"{_scope_head(result)}{n}个{_conditions(plan)}{_measure_label(result)}的算术平均为{value}："
    return "\n".join([lead, _lines(result)])


def _rank(result: ResultSet) -> str:
    plan = result.plan
    assert plan.ranking is not None
    top_word = _rank_word(result)
    if result.groups is not None:
        label = _group_label(result, plan.group_by, "")
        what = "数量" if plan.aggregate == "count" else _measure_label(result)
        unit = _count_unit(result) if plan.aggregate == "count" else _unit(result)
        if len(result.groups) > 1 and result.groups["_value"].nunique() == 1:
            value = fmt(result.groups["_value"].iloc[0], _places(result))
            names = "、".join(_group_name(result, g) for g in result.groups[plan.group_by])
            return "\n".join([f"{_scope_head(result)}{names}的{what}均为{value}{unit}，相同（并列）。", _lines(result)])
        if plan.focus:  # 「海丰县得分排第几」: the groups' sums, in order
            order = _order_word(result)
            placed = _positions(result, result.groups[plan.group_by], result.groups["_value"], order)
            listing = "；".join(f"{_group_name(result, r[plan.group_by])} {fmt(r['_value'], _places(result))}{unit}"
                                for _, r in result.groups.iterrows())  # fmt: skip
            return "\n".join([*placed, f"按{what}{order}：{listing}。", _lines(result)])
        if plan.ranking.direction == "both":
            groups = result.groups
            ends = _ends_said(result, [_group_name(result, g) for g in groups[plan.group_by]], groups["_value"], unit)
            return "\n".join([f"{_scope_head(result)}{_conditions(plan)}{what}{ends}", _lines(result)])
        names = [
            f"{_group_name(result, r[plan.group_by])}（{fmt(r['_value'], _places(result))}{unit}）"
            for _, r in result.groups.iterrows()
        ]
        head = (
            f"{_scope_head(result)}{_conditions(plan)}{what}{top_word}的{label.lstrip('项个')}是：{'、'.join(names)}。"
        )
        if len(names) == 1:  # 「…最高的是哪个县？比年度目标高出多少？」: the top one against its own target
            head += _top_against_target(
                result, result.frame[result.frame[plan.group_by] == result.groups[plan.group_by].iloc[0]]
            )
        if result.runner_up is not None:  # 「海丰和陆丰总得分哪个高」: the other one, and by how much
            other = result.runner_up.iloc[0]
            gap = abs(float(result.groups["_value"].iloc[0]) - float(other["_value"]))
            side = "高" if plan.ranking.direction == "max" else "低"
            by = difference_unit(unit)
            head += (f"{_group_name(result, other[plan.group_by])}为{fmt(other['_value'], _places(result))}{unit}，"
                     f"{_group_name(result, result.groups[plan.group_by].iloc[0])}{side}{fmt(gap, _places(result))}{by}"
                     "（由两数相减得出）。")  # fmt: skip
        # the whole the top ones are of, on a line of its own (it names no one region)
        whole = result.counted is not None and len(result.groups) < len(set(result.scope[plan.group_by]))
        total = f"（{_conditions(plan)}共{fmt(result.counted)}{unit}。）" if whole else ""
        return "\n".join(p for p in (head, total, _lines(result)) if p)
    frame = result.frame
    if frame.empty:
        return nothing_found(result)
    if plan.order_by:
        return _date_rank(result)
    unit = _unit(result)
    column = _measure_column(result)
    entity = result.schema.entity
    # 「哪个断面总磷最高」: rows named by the column asked for too (a stacked sheet's 断面), not only by their own name
    # (总磷); a name that says it already (「全市 7月」 of a 月份 asked) as it is
    by = plan.group_by if plan.group_by in frame and plan.group_by not in ("region", entity, result.schema.key) else ""
    things = list(dict.fromkeys(_named_with(_entity_name(result, r), str(getattr(r, by)) if by else "")
                                for r in frame.itertuples()))  # fmt: skip
    value = fmt(pd.to_numeric(frame[column]).iloc[0], _places(result)) if column in frame else ""
    k = plan.ranking.k
    if k >= len(frame.drop_duplicates(result.schema.key)) and k > 1 and not plan.ranking.nth:
        order = _order_word(result)
        head = f"{_scope_head(result)}{_conditions(plan)}按{_measure_label(result)}{order}排列：{'、'.join(things)}。"
        rows = frame.drop_duplicates(result.schema.key)
        placed = _positions(result, rows["region"], rows[column], order) if plan.focus and column in rows else []
        return "\n".join([*placed, head, _lines(result)])
    if plan.ranking.direction == "both" and column in frame:
        rows = frame.drop_duplicates(result.schema.key)
        ends = _ends_said(result, [_entity_name(result, r) for r in rows.itertuples()], rows[column], unit)
        return "\n".join([f"{_scope_head(result)}{_conditions(plan)}{_measure_label(result)}{ends}", _lines(result)])
    which = f"前{k}" if k > 1 and not plan.ranking.nth else top_word
    head = f"{_scope_head(result)}{_conditions(plan)}{_measure_label(result)}{which}的{_entity_label(result, entity)}是：{'、'.join(things)}"
    head += f"（{value}{unit}）。" if (k == 1 or plan.ranking.nth) and len(things) == 1 and value else "。"
    if len(things) == 1:
        head += _top_against_target(result, frame.drop_duplicates(result.schema.key))
    lines = [head, _lines(result)]
    context = _context(result, column, unit)
    if context:
        lines.append(context)
    return "\n".join(lines)


def _named_with(name: str, value: str) -> str:
    return f"{value} {name}" if value and value not in name else name


def _top_against_target(result: ResultSet, rows: pd.DataFrame) -> str:
    """「比年度目标高5微克/立方米（由两数相减得出）。」 when a ranking question also asks the target, and the one
    row ranked first has the target the sheet judges its figure by; else ""."""
    gap = result.schema.gap_measure(result.plan.measure) if "target" in result.plan.asked else None
    if gap is None or len(rows) != 1:
        return ""
    value, target = (result.schema.measures[m] for m in gap.gap_of)
    row = rows.iloc[0]
    if not (is_number(row.get(value.column)) and is_number(row.get(target.column))):
        return ""
    figures, unit = (float(row[value.column]), float(row[target.column])), value.unit or target.unit
    side = "高" if figures[0] > figures[1] else "低"
    gap_unit = difference_unit(unit)
    return (f"其{target.label}为{fmt(figures[1], _places(result))}{unit}，比目标{side}"
            f"{fmt(abs(figures[0] - figures[1]), _places(result))}{gap_unit}（由两数相减得出）。")  # fmt: skip


def _ends_said(result: ResultSet, names: list[str], values: pd.Series, unit: str) -> str:
    """「最高的是古镇站（25μg/m³）；最低的是长江旅游区站（18μg/m³）。」 of 「最高和最低的分别是」."""
    values = pd.to_numeric(values, errors="coerce").reset_index(drop=True)
    high, low = (_rank_word(result, direction) for direction in ("max", "min"))
    said = []
    for word, end in ((high, values.max()), (low, values.min())):
        named = "、".join(dict.fromkeys(n for n, v in zip(names, values, strict=True) if v == end))
        said.append(f"{word}的是{named}（{fmt(end, _places(result))}{unit}）")
    apart = ""
    if result.plan.compare == "ends" and values.notna().any():  # 「…差多少」: the two ends apart
        gap = round(float(values.max() - values.min()), 6)
        apart = f"，两者相差{fmt(gap, _places(result))}{difference_unit(unit)}（由两数相减得出）"
    return "；".join(said) + apart + "。"


def _positions(result: ResultSet, names: pd.Series, values: pd.Series, order: str) -> list[str]:
    """「恩平市排第2（共7个，按执行率从高到低）」 for each place a position question points at; a place with
    several rows (years, fund levels) has no one position, and a shared one is said to be shared."""
    values = pd.to_numeric(values, errors="coerce")
    names, values = names[values.notna()], values[values.notna()]
    ranks = values.rank(ascending=result.plan.ranking.direction == "min", method="min")
    said = []
    for place in result.plan.focus:
        own = ranks[names == place]
        if len(own) > 1:
            said.append(f"{place}在所查表中有{len(own)}行（不同年份、级别或站点），请指明是哪一项再排位。")
        elif len(own):
            rank = own.iloc[0]
            shared = [n for n in names[(ranks == rank) & (names != place)]]
            tie = f"，与{'、'.join(shared)}并列" if shared else ""
            if re.search(r"(排名|名次)$", _measure_label(result)):  # the sheet's own 排名, not a figure ranked
                said.append(f"{place}排第{int(rank)}（{tie.lstrip('，')}{'；' if tie else ''}共{len(values)}个，"
                            f"按表中「{_measure_label(result)}」）。")  # fmt: skip
                continue
            said.append(f"{place}排第{int(rank)}（{fmt(values[own.index[0]])}{_unit(result)}{tie}；共{len(values)}个，"
                        f"按{_measure_label(result)}{order}）。")  # fmt: skip
    return said


SHARE_NAMED = 3  # rows a share names one by one; more are said by their condition and counted


def _compare(result: ResultSet) -> str:
    plan, frame = result.plan, result.frame
    if frame.empty:
        return nothing_found(result)
    if plan.compare == "years":
        return _compare_years(result)
    column = _measure_column(result) or _default_column(result)
    if plan.compare == "share" and result.whole is not None:
        unit, parts = _unit(result), frame[~frame["total_row"].astype(bool)]
        names = "、".join(_row_name(result, r) for r in parts.itertuples())
        said = _conditions(plan).removesuffix("的")
        if len(parts) > SHARE_NAMED and said:  # 「中央资金占几成」: the rows by what picked them, counted
            names = f"{said}的{len(parts)}{_measure_word(_group_label(result, result.schema.entity, '项'))}"
        whole = result.schema.measures.get(plan.total)  # 「占下达总额的比例」: another column's 合计
        of = f"{re.sub(r'·(合计|小计|总计)$', '', whole.label)}合计" if whole is not None else "合计"
        of = of.removesuffix("合计") if result.own_whole else of  # (its own 总投资)
        of = f"各地同类{of}（{result.whole_rows}项相加）" if result.whole_rows else of  # (no 合计 row: added up)
        added = f"（{len(parts)}项相加）" if len(parts) > 1 else ""  # (「汉川市的两个项目」: their sum)
        head = (f"{names}{_measure_label(result)}{fmt(result.part)}{unit}{added}，占{of}{fmt(result.whole)}{unit}的"
                f"{fmt(result.value)}%（由两数相除得出）。")  # fmt: skip
        return "\n".join([head, _lines(result)])
    if plan.compare == "rows" and not column:
        return _detail(result)
    if plan.compare == "rows":
        unit = _unit(result)
        values = [(r, pd.to_numeric(getattr(r, column), errors="coerce")) for r in frame.itertuples()]
        # a task's sub-items repeat its rate: one row per task and value
        values = list({(getattr(r, "task_key", r.Index), v): (r, v) for r, v in values if v == v}.values())
        if len(values) == 2 and result.value is not None:
            lower = "lower" in plan.asked  # 「谁更低」: the lower one first
            (a, va), (b, vb) = sorted(values, key=lambda x: x[1] if lower else -x[1])
            gap = result.value  # the executor's difference, which a fact of their region states
            unit_word = difference_unit(unit)
            head = (f"{_row_name(result, a)}为{fmt(va)}{unit}，{_row_name(result, b)}为{fmt(vb)}{unit}，"
                    f"{_row_name(result, a)}{'低' if lower else '高'}{fmt(gap)}{unit_word}（由两行相减得出）。")  # fmt: skip
            if SIGNED_LABEL.search(_measure_label(result)) and (va < 0) == (vb < 0) and va != vb:
                head += f"{_row_name(result, b)}降幅更大。" if va < 0 else f"{_row_name(result, a)}升幅更大。"
            return "\n".join([head, _lines(result)])
        return _lines(result)
    if result.schema.generic:  # its rows' lines say the gap (a gap column) or the figures as stated
        return _gap_head(result) + _lines(result)
    return "\n".join(_row_with_gap(result, r) for r in frame.itertuples()) + "\n" + _lines(result, brief=True)


def _gap_head(result: ResultSet) -> str:
    """「罗定市：PM10·1-9月 36微克/立方米，PM10·2025年目标 37微克/立方米，已达到目标，比目标低1微克/立方米…」 first,
    when a generic table's gap to target is asked of one or two rows."""
    spec = result.schema.measures.get(result.plan.measure)
    if spec is None or not spec.gap_of or len(result.frame) > 2:  # more rows: their lines say it
        return ""
    return "".join(f"{r.entity}：{_gap_said(result.schema, r, spec)}。\n" for r in result.frame.itertuples())


def _yesno(result: ResultSet) -> str:
    plan, frame = result.plan, result.frame
    if frame.empty:
        return nothing_found(result)
    bounds = [f.label for f in plan.filters if f.op in BOUND_OPS and f.label]
    named = any(f.op == "in" and f.field not in UNSELECTING for f in plan.filters)
    if bounds and named and not plan.entity_conditions:  # 「花园湖项目执行率到70%了没有」: the rows named meet it
        return f"有，满足「{'、'.join(bounds)}」：\n{_lines(result)}"
    schema = result.schema
    # 「有没有被否掉的环评项目」: rows kept by a cell of a column that names no row (审批意见 「不予批复」)
    naming = (schema.entity, schema.naming_column)
    rows_named = any(f.field in naming for f in plan.filters)  # (「洋澜湖水质提升是中央资金吗」: that row's 是 or 否)
    celled = schema.generic and ("reached" not in plan.asked or "exists" in plan.asked) and not rows_named and any(
        f.op == "in" and f.field in schema.labels and f.field not in naming
        and not {str(v) for v in f.value} <= {"是", "否"} for f in plan.filters)  # fmt: skip
    wanted = next((f.value for f in plan.filters if f.field == "verdict" or f.field.startswith("verdict_")), "")
    # 「断面里面有没达标的吗」 of a 是否达标 column: such rows exist (a verdict's rows are counted below: 「是，…共N个」)
    exists = "exists" in plan.asked and not rows_named and not wanted
    if plan.entity_conditions or bounds or celled or exists:
        return "有。" + _list(result)  # 「有没有执行率不到50%的区县」: the rows the conditions kept exist
    verdicts = set(frame["verdict"]) if "verdict" in frame else set()
    figures = {m.column for m in result.schema.measures.values()}
    # (a generic sheet's own column; not a task's progress text, whose 「完成治理136家」 is no verdict)
    named = [c for c in plan.asked if c in frame and c in result.schema.labels and c not in figures] \
        if result.schema.generic else []  # fmt: skip
    if named:  # 「综合评价达标了吗」: the status column asked, not the table's first one
        verdicts = {stated_verdict(str(v)) for v in frame[named[0]]}
    # (a 「是否完成」 column's own: 已完成 / 未完成, as it asks)
    words = result.schema.verdict_words() or VERDICT_WORDS.get(plan.table, {})
    # 「白鹭洲子站PM10达标了吗」 of a 「PM10·是否达标」 column: its 是, in its words (not the row's verdict over both) —
    # of rows the question names, not 「…为否的有哪些」
    answered = [f for f in plan.filters if f.op == "in" and f.label and f.value and set(f.value) <= {"是", "否"}]
    rows_named = any(f.field not in (*UNSELECTING, *(a.field for a in answered)) for f in plan.filters)
    said = answered[0].label if answered and rows_named else ""
    if wanted and len(frame):  # 「有子站PM10没达标吗」: yes, and how many
        key = result.schema.key if result.schema.key in frame else None
        n = frame[key].nunique() if key else len(frame)
        lead = f"是，{_conditions(plan)}共{n}{'项' if plan.table in ('tasks', 'indicators') else '个'}。"
    elif wanted:
        lead = "否。"
    elif said:
        lead = f"是，{said}。"
    elif verdicts in ({"met"}, {"behind"}):
        # (「是不是滞后了」 asks the lag: 是 when it lags)
        yes = (verdicts == {"met"}) != ("behind" in plan.asked)
        verdict = words.get("met", "达标") if verdicts == {"met"} else words.get("behind", "未达标")
        lead = f"{'是' if yes else '否'}，{_all_of(verdict, len(frame))}。"
    elif "behind" in verdicts:
        lead = f"部分{words.get('behind', '未达标')}："
    else:
        # (only when a verdict is asked: 「是约束性指标吗」 asks none)
        lead = (
            (_yes_no_cells(result) or _indicator_reached(result)) if "reached" in plan.asked else _amount_said(result)
        )
    if plan.table == "tasks" and len(frame["task_key"].unique()) == 1:
        return lead + "\n" + _task_detail(result) if lead else _task_detail(result)
    return "\n".join(p for p in (lead, _judged_gap(result), _lines(result)) if p)


def _amount_said(result: ResultSet) -> str:
    """「青神县燃煤锅炉淘汰补助有没有中央资金」 of one row of a sheet: whether it states a figure in the column asked."""
    plan, frame = result.plan, result.frame
    spec = result.schema.measures.get(plan.measure)
    if not result.schema.generic or spec is None or spec.column not in frame or len(frame) != 1:
        return ""
    cell = frame[spec.column].iloc[0]
    value = pd.to_numeric(cell, errors="coerce")
    if value == 0:  # 「钱开始花了没有」 of 已支出 0
        return f"否，{spec.label}为0{spec.unit}。"
    if pd.isna(value):
        written = f"为「{str(cell).strip()}」" if isinstance(cell, str) and str(cell).strip() \
            else "该栏为空"  # fmt: skip
        return f"否，{spec.label}没有数额（表中{written}）。"
    return f"是，{spec.label}{fmt(value, spec.places)}{spec.unit}。"


def _indicator_reached(result: ResultSet) -> str:
    """「优良天数比率2023年达到目标了没」 of one indicator whose current value and target the row states (the target's
    year still to come): whether the value is already within the target."""
    frame = result.frame
    if result.plan.table != "indicators" or len(frame) != 1:
        return ""
    r = next(frame.itertuples())
    value, target, comparator = r.current_value, r.target_value, r.target_comparator
    if not is_number(value):  # the latest year before the target's that the row states (「2023年88.9%」)
        stated = json.loads(r.values_by_year) if isinstance(r.values_by_year, str) and r.values_by_year else {}
        before = [y for y in stated if not is_number(r.target_year) or int(y) < int(r.target_year)]
        said = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*%?\s*", str(stated[max(before)])) if before else None
        value = float(said.group(1)) if said else None
    if not (is_number(value) and is_number(target)) or comparator not in ("≥", "≤", ">", "<"):
        return ""
    reached = value >= target if comparator in ("≥", ">") else value <= target
    return "是，已达到目标。" if reached else "否，尚未达到目标。"


def _yes_no_cells(result: ResultSet) -> str:
    """「高新区呢？达标没？」 of a sheet judged only by one 「是否达到序时进度」 column: its 是 or 否, said in its words."""
    frame, schema = result.frame, result.schema
    columns = [(c, asked) for c, label in schema.labels.items() if c in frame
               and (asked := YES_NO_HEADER.fullmatch(label)) and set(frame[c].astype(str)) <= {"是", "否"}]  # fmt: skip
    if len(columns) != 1 or result.plan.filter_on(columns[0][0]):  # (「…为否的有哪些」: the rows, no verdict)
        return ""
    column, asked = columns[0]
    cells = set(frame[column].astype(str))
    if cells == {"是"}:
        return f"是，已{asked.group(2)}。"
    return f"否，未{asked.group(2)}。" if cells == {"否"} else ""


def _all_of(verdict: str, rows: int) -> str:
    """「3项读数均达到考核目标」 of each of several rows (「三项指标都达标了吗」)."""
    if rows <= 1:
        return verdict
    subject = re.match(r"读数|执行率", verdict)
    return f"{rows}项{subject.group(0)}均{verdict[subject.end() :]}" if subject else f"{rows}项均{verdict}"


def _judged_gap(result: ResultSet) -> str:
    """「张溪站PM2.5算不算完成目标」: the measure asked against its target, with the gap (「与目标持平」), of
    one or two rows of a generic table."""
    schema, measure = result.schema, result.plan.measure
    spec = schema.gap_measure(measure)
    if not schema.generic or spec is None or len(result.frame) > JUDGED_ROWS:
        return ""
    return "\n".join(f"{r.entity}：{_gap_said(schema, r, spec)}。" for r in result.frame.itertuples())


def _detail(result: ResultSet) -> str:
    frame = result.frame
    if frame.empty:
        return nothing_found(result)
    if result.plan.table == "tasks":
        keys = list(dict.fromkeys(frame["task_key"]))
        return "\n\n".join(_task_detail(result, frame[frame["task_key"] == k]) for k in keys[:3])
    if result.plan.table == "indicators":
        return _indicator_detail(result)
    judged = _judged_gap(result)  # 「前山站PM10呢」: the reading against its target first
    if len(frame) == 1:
        return "\n".join(p for p in (judged, _row_line(result, next(frame.itertuples())) + "。") if p)
    return "\n".join(p for p in (judged, _lines(result)) if p)


def _complement(result: ResultSet) -> str:
    plan = result.plan
    assert result.groups is not None
    missing = [_group_name(result, g) for g in result.groups[plan.group_by]]
    scope = result.scope if result.scope is not None else result.frame
    total = scope[plan.group_by].nunique()
    what = _conditions(plan) or "此类"
    titles = "、".join(dict.fromkeys(scope["doc_title"])) if "doc_title" in scope else ""
    where = f"《{titles}》中共" if titles else "共"
    noun = GROUP_LABELS.get(plan.group_by, "")
    having = list(dict.fromkeys(result.frame[plan.group_by]))
    counted = f"{total}{noun}" if noun.startswith("项") else f"{total}个{noun}"  # 「37项任务」「9个区县」
    if plan.every:  # the filters were negated: the groups missing are those every row of which has it
        what = what.removesuffix("的")
        if not missing:
            return f"{where}{counted}，没有哪个{noun}的记录全部{what}。"
        lines = [f"{where}{counted}，其中记录全部{what}的是：{'、'.join(missing)}。"]
        return "\n".join(
            [*lines, *([f"- 其余有其他记录的：{'、'.join(_group_name(result, g) for g in having)}"] if having else [])]
        )
    if not missing:
        return f"{where}{counted}，都有{what.removesuffix('的')}的记录。"
    lines = [f"{where}{counted}，其中没有{what}记录的是：{'、'.join(missing)}。"]
    if having:
        lines.append(f"- 有此类记录的：{'、'.join(_group_name(result, g) for g in having)}")
    return "\n".join(lines)


# -- rows -----------------------------------------------------------------------------------------------


def _lines(result: ResultSet, brief: bool = False) -> str:
    frame = result.frame
    if result.plan.table == "tasks":
        frame = frame.drop_duplicates("task_key")
        rows = [_task_line(result, r, brief) for r in frame.head(MAX_LISTED).itertuples()]
    else:
        rows = [_row_line(result, r, brief) for r in frame.head(MAX_LISTED).itertuples()]
    more = len(frame) - MAX_LISTED
    return "\n".join(f"- {line}" for line in rows) + (f"\n- （另有{more}行未列出）" if more > 0 else "")


def _row_line(result: ResultSet, r, brief: bool = False) -> str:
    table = result.plan.table
    if table == "stations":
        return _station_line(r)
    if table == "funds":
        return _fund_line(r)
    if table == "indicators":
        return _indicator_line(r, brief, _years_asked(result.plan))
    if table == "tasks":
        return _task_line(result, r, brief)
    return _generic_line(result, r)


def _station_line(r) -> str:
    excess = f"，超出目标{fmt(r.excess)}{r.unit}" if r.excess > 0 else ""
    status = "达标" if r.excess <= 0 else "未达标"
    stated = f"；文件结论：{r.stated_result}" if r.stated_result else ""
    conflict = f"；注意：{r.conflict}" if getattr(r, "conflict", "") else ""
    return (f"{r.region} {_station(r)} {r.pollutant}：{fmt(r.value)}{r.unit}，目标≤{fmt(r.target)}{r.unit}，"
            f"{status}{excess}{stated}（{_when(r.year, r.period)}）{conflict}")  # fmt: skip


def _fund_line(r) -> str:
    detail = []
    basis = f"，{r.rate_basis}" if "暂未支出" in (r.rate_basis or "") else ""
    if is_number(r.allocated):
        detail.append(f"下达{fmt(r.allocated)}万元")
    if is_number(r.amount):
        detail.append(f"资金{fmt(r.amount)}万元")
    if getattr(r, "targets_text", ""):
        due = "，已到期" if r.target_due else ""
        detail.append(f"目标：{r.targets_text}（按{r.target_deadline}前的{fmt(r.target)}%判断{due}）")
    elif is_number(r.target):
        due = "已到期" if r.target_due else "未到期"
        detail.append(f"目标{fmt(r.target)}%（{r.target_deadline}前，{due}）")
    status = str(getattr(r, "status_raw", "") or "").strip()
    if status and status != "nan":  # 「进度滞后」: what the document says of this fund
        detail.append(f"状态：{status}")
    if getattr(r, "conflict", ""):
        detail.append(f"注意：{r.conflict}")
    tail = f"；{'；'.join(detail)}" if detail else ""
    rate = getattr(r, "rate_text", "") or fmt(r.rate)  # as the document writes it: 「25.0%」
    return f"{r.region} {int(r.fund_year)}年{r.level}环保专项资金执行率：{rate}%{basis}{tail}"


NUMBERED = re.compile(r"^\s*[（(]\d+[）)]")  # 「（2）完成红树林营造修复…」
SECTION = re.compile(r"^\s*([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、])")  # 「（二）…」


def _task_line(result: ResultSet, r, brief: bool = False) -> str:
    frame = result.frame
    subs = frame[frame["task_key"] == r.task_key] if "task_key" in frame else frame
    statuses = "；".join(dict.fromkeys(f"{s.sub_item}{s.status_raw}" for s in subs.itertuples() if s.status_raw))
    key = "【重点考核】" if r.key_assessment else ""
    head = f"{r.region}（{_when(r.year, r.period)}，{r.locator.split('（')[0] if r.sub_item else r.locator}）"
    name = _task_name(r)
    # every sub-item's own content (「（1）完成14台…；（2）完成5台…」), not only the first one's
    content = "；".join(
        dict.fromkeys(_first_sentence(c).rstrip("；;") for c in subs["content"] if isinstance(c, str) and c)
    )
    if content and content not in name:
        name += f"（{content}）"  # 「港口码头大气污染防治（…防风抑尘…）」: what the project is to do
    elif (r.requirement or r.deadline_text) and (
        NUMBERED.match(r.requirement or r.deadline_text)
        or _shared_name(frame, r)
        or SECTION.match(r.task)
        or (len(name) <= SHORT_TASK_NAME and r.requirement)  # 「城镇污水处理设施建设」: a kind; its 具体措施 says which
    ):  # 「9、打好农业农村污染治理攻坚战」 is the heading of several rows: the row's own requirement says which
        own = NUMBERED.sub("", r.requirement or r.deadline_text)
        name += f"（{_first_sentence(own)}）"  # what tells the rows of one task apart
    figure = _task_figure(result, r)
    if brief:
        return f"{head}{key}{name}{figure}"
    gist = _progress_gist(subs)
    if gist and all(s.status_raw in gist for s in subs.itertuples() if s.status_raw):
        return f"{head}{key}{name}{figure}：{gist}"  # the progress opens with each status: not said twice
    status_text = f"：{statuses}" if statuses else ""
    gist_text = f"。{gist}" if gist and gist not in statuses else ""
    return f"{head}{key}{name}{figure}{status_text}{gist_text}"


SHORT_TASK_NAME = 12  # a task named in this few characters is a kind of task (「工业污染深度治理」), not what is done


def _task_name(r, whole: str = "") -> str:
    """A progress report's row by its 重点任务 and its own content (「龙归镇污水处理厂提标改造：出水标准由一级B
    提升至一级A」); a plan's section headings (「（二）打好碧水保卫战」) are not names. `r`: a row (tuple or Series)."""
    task = whole or _first_sentence(r.task)
    category = _flat(str(getattr(r, "category", "") or ""))
    report = re.search(r"\d{1,2}-\d{1,2}月|上半年|下半年", str(getattr(r, "period", "") or ""))
    if report and category and category not in task and not NUMBERED.match(category) and not SECTION.match(category):
        return f"{category}：{task}"
    return task


def _shared_name(frame: pd.DataFrame, r) -> bool:
    """Another row of the answer has this row's task name but a requirement of its own."""
    same = frame[(frame["task"] == r.task) & (frame["task_key"] != r.task_key)] if "task" in frame else frame.iloc[:0]
    return not same.empty


def _task_figure(result: ResultSet, r) -> str:
    """The figure a line is about, and the fields the question asks for (时限, 牵头单位, 分值)."""
    plan = result.plan
    column = _measure_column(result)
    parts = []
    if column == "quantity" and is_number(getattr(r, "quantity", None)):
        done = getattr(r, "quantity_done", None)
        unit = getattr(r, "measure_unit", "") or plan.quantity_unit
        # (「15.4公里（折合自表中15400米）」: a row in another unit of the measure)
        said = f"（折合自表中{fmt(r.total)}{unit}）" if unit != plan.quantity_unit and is_number(r.total) else ""
        parts.append(
            f"{fmt(r.quantity)}{plan.quantity_unit}{said}"
            + (f"，已完成{fmt(done)}{plan.quantity_unit}" if is_number(done) and not said else "")
        )
    elif column and column in result.frame and is_number(getattr(r, column, None)):
        parts.append(f"{_measure_label(result)}{fmt(getattr(r, column))}{_unit(result)}")
    if "points" in plan.asked and is_number(r.task_points) and column != "task_points":
        parts.append(f"{fmt(r.task_points)}分")
    dated = any(plan.filter_on(f) for f in ("due_months", "due_ym", "due_month"))
    if ("deadline" in plan.asked or dated) and (r.deadline_text or r.deadline):
        parts.append(f"时限：{_flat(r.deadline_text) or _date_cn(r.deadline)}")
    if "lead" in plan.asked and r.lead_units:
        parts.append(f"牵头单位：{r.lead_units}")
    # 「哪个部门牵头？落到哪几个县市？」: the 区县 a row's 责任单位 names too
    if "lead" in plan.asked and plan.group_by == "region" and r.responsible_units not in ("", r.lead_units):
        parts.append(f"责任单位：{r.responsible_units}")
    return f"（{'；'.join(parts)}）" if parts else ""


def _years_asked(plan: QueryPlan) -> tuple[str, ...]:
    """The years an indicator question filters on (「2015年PM2.5…」)."""
    found = next((f.value for f in plan.filters if f.field in ("years_stated", "target_years")), ())
    return (found,) if isinstance(found, str) else tuple(found)


def _indicator_line(r, brief: bool = False, years: tuple[str, ...] = ()) -> str:
    parts = []
    by_year = json.loads(r.values_by_year) if isinstance(r.values_by_year, str) and r.values_by_year else {}
    parts += [f"{y}年{_flat(v)}{_unit_after(v, r.unit)}" for y, v in by_year.items() if y in years and v]
    if r.current_text:
        parts.append(f"现状值{_flat(r.current_text)}{_unit_after(r.current_text, r.unit)}")
    target = r.standard_text or r.target_text
    if target:
        parts.append(f"目标{_flat(target)}{_unit_after(target, r.unit)}")
    if r.attribute:
        parts.append(r.attribute)
    status = r.stated_status or r.computed_status or ""
    if status:
        parts.append(status)
    if not brief and r.responsible:
        parts.append(f"责任部门：{r.responsible}")
    return f"{r.full_name}（{r.locator}）：{'，'.join(parts)}" if parts else f"{r.full_name}（{r.locator}）"


# a change: a rise is said with its sign (not a column of falls or rises, 「同比下降率」「增幅」, which says which)
SIGNED_LABEL = re.compile(r"^(?!.*(下降|降幅|降低|上升|增幅|增长率|减少)).*(同比|变化|增减|较上年)")


def _generic_line(result: ResultSet, r) -> str:
    """「3月：PM2.5 30微克/立方米；PM10 47微克/立方米 …」: the measure asked first, then the rest as
    the document states them (a computed column only when it is what was asked, and said so)."""
    schema = result.schema
    first = _measure_column(result) or schema.default_measure
    gap = schema.measures[first].gap_of if first in schema.measures else ()
    rest = [m for m in schema.measures if m != first and m not in gap and not schema.measures[m].derived]
    upper = schema.measures[first].label.split("·")[0] + "·" if first in schema.measures else "\0"
    # 「乾县PM2.5同比咋样」: PM2.5's other columns (its 浓度) right after the one asked
    order = [*([first] if first else []), *sorted(rest, key=lambda m: not schema.measures[m].label.startswith(upper))]
    parts = []
    for name in order:
        spec = schema.measures[name]
        value = getattr(r, spec.column, None)
        bound = result.plan.reach or result.plan.short_of
        if spec.gap_of and name == first:
            parts.append(_gap_said(schema, r, spec))
        elif spec.derived and bound and is_number(value) and value == 0:
            # 「离75%差多少」 of a row already above it: reached, not 「还差0个百分点」
            parts.append(f"{re.split('距|达到', spec.label)[0]}已达到{bound:g}%，无差额（计算得出）")
        elif is_number(value):
            unit = spec.unit or (str(getattr(r, spec.unit_column, "") or "") if spec.unit_column else "")
            signed = bool(SIGNED_LABEL.search(spec.label))
            sign = "+" if signed and value > 0 else ""  # 「同比变化 +2.5%」 as written
            # the change asked, in words (「+4.8%（上升）」)
            # (a water class a rank higher is worse: 「+1（变差）」)
            up, down = ("变差", "变好") if "类别" in spec.label else ("上升", "下降")
            way = (
                (f"（{up}）" if value > 0 else f"（{down}）" if value < 0 else "（持平）")
                if signed and (name == first or "direction" in result.plan.asked)  # 「同比是升了还是降了」
                else ""
            )
            said = (
                f"{sign}{fmt(value, spec.places)}{unit}{way}" if not (signed and value == 0) else "持平"
            )  # (as written)
            parts.append(
                f"{spec.label} {said}"
                + (
                    "（由两列相减得出）"
                    if spec.derived and not (result.plan.reach or result.plan.short_of)
                    else "（计算得出）"
                    if spec.derived
                    else ""
                )
            )
    texts = [f"{schema.labels[c]}：{_class_said(schema.labels[c], getattr(r, c))}" for c in schema.labels
             if c not in schema.measures and c != "entity" and str(getattr(r, c, "")).strip()]  # fmt: skip
    noted = getattr(r, "noted", "")  # a note under the table naming the row (「清溪…因设备更新停运」)
    texts += [f"表注：{noted}"] if isinstance(noted, str) and noted else []
    return f"{r.entity}（{r.locator}）：" + "；".join(parts + texts)


def _class_said(label: str, cell) -> str:
    """A water class as it is said: 「Ⅱ」 of a 水质目标 or a month's column is 「Ⅱ类」 (not a 优先级 column's 「Ⅰ」)."""
    text = str(cell).strip()
    classed = re.search(r"水质|类别|目标|累计|\d月", str(label))
    return f"{text}类" if classed and water_class_rank(text) and not text.endswith("类") else text


def _gap_said(schema: TableSchema, r, spec: MeasureSpec) -> str:
    """「优良天数比例·1-9月 92.3%，优良天数比例·目标 93.5%，未达到目标，还差1.2个百分点」: a gap column said with
    its two figures (a concentration over its target 「超出」; a target met 「已达到目标，比目标低/高…」)."""
    value, target = (schema.measures[m] for m in spec.gap_of)
    said = [
        f"{m.label} {fmt(getattr(r, m.column), m.places)}{m.unit}"
        for m in (value, target)
        if is_number(getattr(r, m.column, None))
    ]  # (a 小计 row states no 序时要求 of its own)
    gap = getattr(r, spec.column, None)
    if not is_number(gap):
        return "，".join(said)
    if gap == 0:
        return "，".join(said) + "，与目标持平"
    by = f"{fmt(abs(gap), spec.places)}{spec.unit}（由两数相减得出）"
    if gap > 0:
        return "，".join(said) + f"，未达到目标，{'超出' if value.lower_is_better else '还差'}{by}"
    return "，".join(said) + f"，已达到目标，比目标{'低' if value.lower_is_better else '高'}{by}"


def _row_with_gap(result: ResultSet, r) -> str:
    table = result.plan.table
    if table == "stations":
        if r.excess == 0:
            return f"{_station_line(r)}。读数与目标相等。"
        side = "高出" if r.excess > 0 else "低于"
        return f"{_station_line(r)}。读数比目标{side}{fmt(abs(r.excess))}{r.unit}（由两数相减得出）。"
    if table == "funds" and is_number(r.gap):
        side = "还差" if r.gap > 0 else "超出"
        return f"{_fund_line(r)}。执行率距目标{side}{fmt(abs(r.gap))}个百分点。"
    if table == "indicators" and is_number(r.current_value):
        # against the 指标值 when asked so (「比指标值高出多少」), else the target
        standard = "standard" in result.plan.asked and is_number(r.standard_value)
        bound, named = (r.standard_value, "指标值") if standard else (r.target_value, "目标")
        if is_number(bound):
            gap = round(bound - r.current_value, 4) if standard else r.gap
            unit = difference_unit(r.unit)
            side = "低" if gap > 0 else "高"
            return (f"{r.full_name}（{r.locator}）：现状值{fmt(r.current_value)}比{named}{fmt(bound)}"
                    f"{side}{fmt(abs(gap))}{unit}。")  # fmt: skip
    if table == "tasks" and is_number(r.remaining):
        return (f"{_task_line(result, r, brief=True)}：目标{fmt(r.total)}{r.measure_unit}，已完成{fmt(r.done)}"
                f"{r.measure_unit}，还差{fmt(r.remaining)}{r.measure_unit}。")  # fmt: skip
    if table == "indicators":
        return _indicator_detail(result)
    if table == "tasks":
        return _task_detail(result)
    return _row_line(result, r)


def _compare_years(result: ResultSet) -> str:
    lines = []
    for r in result.frame.itertuples():
        # (`TARGET_YEAR`, `BASE_YEAR`: the row's own target or base year, 「目标比2040年提高多少」)
        years = [str(own_year(r, y) or "") for y in result.plan.years]
        by_year = json.loads(r.values_by_year) if isinstance(r.values_by_year, str) and r.values_by_year else {}
        if r.current_text and is_number(r.current_year):
            by_year.setdefault(str(int(r.current_year)), r.current_text)
        if r.target_text and is_number(r.target_year):
            by_year.setdefault(str(int(r.target_year)), r.target_text)
        shown = "；".join(f"{y}年：{v}{_unit_after(v, r.unit)}" for y, v in by_year.items() if v)
        numbers = {y: _number_in(by_year.get(y, "")) for y in years}
        numbers = {y: v for y, v in numbers.items() if v is not None}
        line = f"{r.full_name}（{r.locator}）：{shown}"
        if len(numbers) >= 2:
            (y1, v1), (y2, v2) = sorted(list(numbers.items())[:2])  # the earlier year first: 「下降2」 from it
            gap = round(abs(v2 - v1), 4)
            unit = difference_unit(r.unit)
            if gap == 0:
                line += f"。{y1}年与{y2}年均为{fmt(v1)}，持平（没有变化）"
            else:
                way = "上升" if v2 > v1 else "下降"
                line += f"。{y2}年{fmt(v2)}比{y1}年{fmt(v1)}{way}{fmt(gap)}{unit}（由两数相减得出）"
        lines.append(line + "。")
    return "\n".join(lines)


def _item_asked(rows: pd.DataFrame, match: str) -> pd.DataFrame:
    """Of a task's items written as rows of their own (「（1）设置界标」「（2）清理违法建筑」), the one the
    question's words describe clearly best (「违法建筑清理由哪个单位负责」); all of them otherwise."""
    if len(rows) < 2 or not match or len(rows[["task", "requirement"]].drop_duplicates()) < len(rows):
        return rows
    asked = set(bigrams(match))
    scores = [len(asked & set(bigrams(f"{r.task}{r.requirement}"))) for r in rows.itertuples()]
    best = max(scores)
    if best and sorted(scores)[-2] < best / 2:
        return rows.iloc[[scores.index(best)]]
    return rows


def _rate_as_typed(r) -> str:
    """A task's stated rate as its table types it (「85.0」), else as few decimals as it needs."""
    typed = getattr(r, "rate_text", "")
    return typed if isinstance(typed, str) and typed else fmt(r.rate_stated)


def _task_detail(result: ResultSet, chosen: pd.DataFrame | None = None) -> str:
    chosen = _item_asked(result.frame if chosen is None else chosen, result.plan.match)
    first = chosen.iloc[0]
    plan = result.plan
    task = _flat(first["task"])
    named = _task_name(first, whole=task)
    lines = [f"{first['region']}（{first['doc_title']}，{first['locator'].split('（')[0]}）：{named}"]
    contents = list(dict.fromkeys(_flat(c) for c in chosen["content"] if c and c != first["task"]))
    if contents:
        lines.append(f"- 考核内容：{'；'.join(contents)}")
    requirements = list(
        dict.fromkeys(_flat(r).rstrip("；;。") for r in chosen["requirement"] if r and r != first["task"])
    )
    if requirements:
        lines.append(f"- 要求：{'；'.join(requirements)}。")
    deadlines = [d for d in dict.fromkeys(chosen["deadline"]) if isinstance(d, str) and d]
    if first["deadline_text"]:
        lines.append(f"- 完成时限：{_flat(first['deadline_text'])}")
    elif deadlines:
        lines.append(f"- 完成时限：{'、'.join(_date_cn(d) for d in deadlines)}")
    if first["milestones"]:
        stages = json.loads(first["milestones"])
        lines.append("- 形象进度：" + "；".join(f"{k}{v}" for k, v in stages.items()))
    statuses = list(dict.fromkeys(f"{s.sub_item}{s.status_raw}" for s in chosen.itertuples() if s.status_raw))
    progress = list(dict.fromkeys(_flat(p) for p in chosen["progress"] if p))
    if progress:
        lines.append(f"- 进展：{'；'.join(progress)}")
    rates = [f"{r.sub_item}{_rate_as_typed(r)}%" for r in chosen.itertuples() if is_number(r.rate_stated)]
    if rates and not all(rate.split("）")[-1] in "；".join(progress) for rate in rates):  # a 完成率 column
        lines.append(f"- 完成率：{'；'.join(dict.fromkeys(rates))}")
    if statuses and not all(s.split("）")[-1] in "；".join(progress) for s in statuses):
        lines.append(f"- 状态：{'；'.join(statuses)}")
    checked = set()
    for r in chosen.itertuples():
        if (r.done, r.total, r.rate_stated) in checked:
            continue
        checked.add((r.done, r.total, r.rate_stated))
        if plan.compare and is_number(r.done) and is_number(r.total) and r.total > r.done:
            unit = r.measure_unit
            lines.append(f"- 还差{fmt(r.total - r.done)}{unit}（目标{fmt(r.total)}{unit}，已完成{fmt(r.done)}{unit}）")
        if is_number(r.rate_computed) and not is_number(r.rate_stated) and "rate" in plan.asked:
            lines.append(f"- 完成率{r.sub_item}：{r.rate_computed:.1f}%（已完成{fmt(r.done)}{r.measure_unit}，目标"
                         f"{fmt(r.total)}{r.measure_unit}，由两数相除得出，文件未写完成率）")  # fmt: skip
        if is_number(r.rate_stated) and is_number(r.rate_computed):
            check = f"，与文件不一致：{r.check}" if r.check else "，与文件一致"
            lines.append(f"- 核算{r.sub_item}：{fmt(r.done)}/{fmt(r.total)}{r.measure_unit}，完成率{r.rate_computed:.1f}%"
                         f"（文件写{_rate_as_typed(r)}%{check}）")  # fmt: skip
    if first["lead_units"]:
        responsible = f"；责任单位：{first['responsible_units']}" if first["responsible_units"] else ""
        lines.append(f"- 牵头单位：{first['lead_units']}{responsible}")
    elif first["responsible_units"]:
        lines.append(f"- 责任单位：{first['responsible_units']}")
    if is_number(first["task_points"]):
        lines.append(f"- 分值：{fmt(first['task_points'])}分")
    if is_number(first.get("score")):
        lines.append(f"- 得分：{fmt(first['score'])}分")
    return "\n".join(lines)


def _indicator_detail(result: ResultSet) -> str:
    frame = result.frame
    plan = result.plan
    lines = []
    first = frame.iloc[0]
    if len(frame) == 1 and first["target_text"] and not first["standard_text"] and not first["current_text"]:
        year = f"{fmt(first['target_year'])}年" if is_number(first["target_year"]) else ""
        lines.append(f"{first['region']}{year}{first['full_name']}目标：{_flat(first['target_text'])}"
                     f"{_unit_after(first['target_text'], first['unit'])}。")  # fmt: skip
    for r in frame.itertuples():
        parts = []
        by_year = json.loads(r.values_by_year) if isinstance(r.values_by_year, str) and r.values_by_year else {}
        if by_year:
            parts.append("；".join(f"{y}年：{v}{_unit_after(v, r.unit)}" for y, v in by_year.items() if v))
        if r.current_text:
            parts.append(
                f"现状值（{fmt(r.current_year)}年）：{_flat(r.current_text)}{_unit_after(r.current_text, r.unit)}"
            )
        if r.standard_text:
            parts.append(f"指标值：{r.standard_text}{_unit_after(r.standard_text, r.unit)}")
        if r.target_text and (not is_number(r.target_year) or str(int(r.target_year)) not in by_year):
            parts.append(f"{fmt(r.target_year)}年目标：{_flat(r.target_text)}{_unit_after(r.target_text, r.unit)}")
        if r.attribute:
            parts.append(f"指标属性：{r.attribute}")
        if r.stated_status or r.computed_status:
            stated = f"文件写{r.stated_status}" if r.stated_status else ""
            computed = f"按数值核算{r.computed_status}" if r.computed_status else ""
            parts.append("达标情况：" + "，".join(p for p in (stated, computed) if p))
        if plan.compare == "target" and is_number(r.gap):
            unit = difference_unit(r.unit)
            base = f"现状值{fmt(r.current_value)}" if is_number(r.current_value) else \
                f"{fmt(r.baseline_year)}年基准值{fmt(r.baseline_value)}"  # fmt: skip
            parts.append(f"{base}比目标{fmt(r.target_value)}{'低' if r.gap > 0 else '高'}{fmt(abs(r.gap))}{unit}")
        required = re.search(r"考核要求下降\s*(\d+(?:\.\d+)?)\s*%", r.current_note or "")
        if required and is_number(r.current_value) and r.current_value < 0:
            extra = round(-r.current_value - float(required.group(1)), 4)
            parts.append(f"实际下降{fmt(-r.current_value)}%，比考核要求的{required.group(1)}%"
                         f"{'多' if extra >= 0 else '少'}{fmt(abs(extra))}个百分点")  # fmt: skip
        if r.check:
            parts.append(f"注意：{r.check}")
        if getattr(r, "conflict", ""):
            parts.append(f"注意：{r.conflict}")
        if r.note:
            parts.append(f"说明：{r.note}")
        if r.responsible:
            parts.append(f"{'牵头单位' if r.table.startswith('附件') else '责任部门'}：{r.responsible}")
        lines.append(f"{r.full_name}（{r.doc_title}，{r.locator}）：" + "；".join(parts) + "。")
    return "\n".join(lines)


# -- helpers -----------------------------------------------------------------------------------------------


QUALIFIERS = ("pollutant", "station", "level", "attribute")


def _conditions(plan: QueryPlan, exclude_verdict: bool = False) -> str:
    """The plan's conditions in words: qualifiers first, then the conditions (「PM10读数未达到考核目标的」)."""
    qualifiers = [f.label for f in plan.filters if f.field in QUALIFIERS and f.label]
    words = []
    for f in plan.filters:
        if f.field in (
            "region",
            "doc_id",
            "table",
            "year",
            "fund_year",
            "period",
            "years_stated",
            "target_years",
            *QUALIFIERS,
        ):
            continue
        if f.field == "verdict":
            said = VERDICT_WORDS.get(plan.table, {}).get(f.value, f.label) if f.op == "eq" else f.label
            if not exclude_verdict:
                words.append(said)
            continue
        if f.label:
            words.append(f.label)
    said = ["".join(_condition_word(plan, f) for f in c) for c in plan.entity_conditions]
    months = [c[0].value for c in plan.entity_conditions if len(c) == 2 and str(c[0].value).endswith("月")]
    if len(months) > 2 and len(months) == len(said) and len({tuple(c[1:]) for c in plan.entity_conditions}) == 1:
        # 「1月达标且2月达标且…」: every month's
        words.append(f"{months[0]}至{months[-1]}每个月都{_condition_word(plan, plan.entity_conditions[0][1])}")
    elif said:  # 「省级以上执行率低于50%、且市级执行率不低于60%」
        words.append("且".join(said))
    named = plan.match.split("|")
    if plan.match and plan.match_all and len(named) > LISTED_NAMES:  # the rows an answer before listed, by name
        words.insert(0, f"所问{len(named)}项中")
    elif plan.match and plan.match_all:
        words.insert(0, f"涉及「{'、'.join(named)}」")
    if plan.exclude:
        words.insert(0, f"除「{plan.exclude}」外")
    text = "".join(qualifiers) + "、".join(words)
    return f"{text}的" if text else ""


def _condition_word(plan: QueryPlan, f) -> str:
    return VERDICT_WORDS.get(plan.table, {}).get(f.value, f.label) if f.field == "verdict" else f.label


def _scope_head(result: ResultSet) -> str:
    """「据《…》（2023年1-6月），」 once, when every row comes from one document."""
    frame = result.scope if result.scope is not None and not result.scope.empty else result.frame
    if frame.empty or "doc_title" not in frame:
        return ""
    titles = list(dict.fromkeys(frame["doc_title"]))
    where = [f.label for f in result.plan.filters if f.field == "region" and f.label]
    place = f"{where[0]}：" if where else ""
    if len(titles) != 1:
        return place
    return f"据《{titles[0]}》，{place}"


def _group_label(result: ResultSet, group: str, default: str) -> str:
    """What the groups are called: 「区县」, 「子站」; a generic table's rows by its entity column's
    header (「月份」, 「行业」)."""
    if group in ("entity", result.schema.key) and result.schema.generic:  # a sheet's rows: 「个断面」「个项目」
        return result.schema.entity_label or default
    if result.schema.generic and group in result.schema.labels and group != "region":  # 「站点」, 「行业」
        label = result.schema.labels[group]  # 「县（市、区）」 as it is; 「金额（万元）」 without its unit
        return (
            label if re.fullmatch(r".[（(][^）)]*、[^）)]*[)）]", label) else re.sub(r"[（(].*$", "", label)
        ) or default
    if group == "region" and result.schema.generic:  # 「镇街」 where the sheet's place column says so
        said = (re.sub(r"^(所在|所属)", "", label) for label in result.schema.labels.values())
        return next((w for w in said if w in COUNTY_NOUNS), GROUP_LABELS["region"])
    return GROUP_LABELS.get(group, default)


ORGANISATION = re.compile(r"(单位|企业|公司|医院|工厂|厂家|机构)$")


def _measure_word(label: str) -> str:
    """「项任务」「个区县」 as they are; a header's 「项目名称」 counts 「个项目」."""
    if label[:1] in ("个", "种", "级") or (label[:1] == "项" and not label.startswith("项目")):
        return label
    noun = re.sub(r"(名称|名)$", "", label) or label
    return f"{'家' if ORGANISATION.search(noun) else '个'}{noun}"  # 「3家单位」「5家企业」


def _group_name(result: ResultSet, value) -> str:
    if result.plan.group_by == "task_key":
        rows = result.scope if result.scope is not None and "task_key" in result.scope else result.frame
        row = rows[rows["task_key"] == value]  # a group with none of the rows found is of the scope (「没有…的」)
        if not row.empty:
            r = row.iloc[0]
            return _placed(r["region"], _first_sentence(r["task"]))
    return str(value)


def _entity_name(result: ResultSet, r) -> str:
    table = result.plan.table
    if table == "stations":
        return f"{r.region}{_station(r)}（{r.pollutant}）"
    if table == "funds":
        return f"{r.region}（{int(r.fund_year)}年{r.level}）"
    if table == "tasks":
        return _placed(r.region, _first_sentence(r.task))
    if table == "indicators":
        return r.full_name
    name = str(getattr(r, "entity", "") or getattr(r, result.schema.entity, ""))
    # a 合计 row is its city's (「九江市合计」), not a place of its own
    whole = getattr(r, "total_row", False) and re.fullmatch(r"(合计|总计|汇总)", name)
    return _placed(str(getattr(r, "region", "") or ""), name) if whole else name


def _station(r) -> str:
    return station_name(r.station, getattr(r, "station_full", ""))


def _placed(region: str, name: str) -> str:
    """「化州市工业园区污水处理厂建设」 names its place already: not 化州市化州市…; a row of several places names them
    after it (「泄漏检测与修复（兰考县、通许县）」), not run into a list of names."""
    if "、" in region or re.search(r"各(县|区|市)", region):
        return f"{name}（{region}）"
    return name if region and name.startswith(region) else f"{region}{name}"


def _entity_label(result: ResultSet, entity: str) -> str:
    return {"station": "子站", "region": "区县", "task_key": "任务", "full_name": "指标"}.get(entity, "")


def _row_name(result: ResultSet, r) -> str:
    table = result.plan.table
    if table == "stations":
        return f"{r.region}{_station(r)}{r.pollutant}"
    if table == "funds":
        return f"{r.region}{int(r.fund_year)}年{r.level}执行率"
    return _entity_name(result, r)


def _measure_column(result: ResultSet) -> str:
    plan = result.plan
    if plan.quantity_unit:
        return "quantity"
    spec = result.schema.measures.get(plan.measure or result.schema.default_measure)
    return spec.column if spec else ""


def _default_column(result: ResultSet) -> str:
    spec = result.schema.measures.get(result.schema.default_measure)
    return spec.column if spec else ""


def _measure_label(result: ResultSet) -> str:
    plan = result.plan
    if plan.quantity_unit:
        return "数量"
    spec = result.schema.measures.get(plan.measure or result.schema.default_measure)
    # 「本次下达资金·合计」 summed is said 「本次下达资金合计…」, not 「…·合计合计」
    return re.sub(r"·(合计|小计|总计)$", "", spec.label) if spec else ""


def _unit(result: ResultSet) -> str:
    plan = result.plan
    if plan.quantity_unit:
        return plan.quantity_unit
    spec = result.schema.measures.get(plan.measure or result.schema.default_measure)
    if spec is None:
        return ""
    if spec.unit:
        return spec.unit
    if spec.unit_column and spec.unit_column in result.frame and not result.frame.empty:
        return str(result.frame[spec.unit_column].iloc[0])
    return ""


def _places(result: ResultSet) -> int:
    """The decimals the measure's values are typed with (「39.0%」), for printing them so."""
    if result.plan.aggregate == "count":
        return 0
    spec = result.schema.measures.get(result.plan.measure or result.schema.default_measure)
    return spec.places if spec else 0


def _count_unit(result: ResultSet) -> str:
    return {"task_key": "项", "station": "个", "region": "个", "full_name": "项"}.get(result.plan.count_of, "项")


NAMED_ROWS = 12  # a list of this many rows or fewer is named in its first line
LEVEL_UNIT = re.compile(r"^$|%|/|立方米|m³")
_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", *(str(k) for k in range(11, 21)))


def _by_place(result: ResultSet) -> bool:
    """Whether the ranking is by the sheet's own 排名 / 名次 column."""
    spec = result.schema.measures.get(result.plan.measure)
    return spec is not None and bool(re.search(r"(排名|名次)$", spec.label))


def _order_word(result: ResultSet) -> str:
    assert result.plan.ranking is not None
    high = result.plan.ranking.direction == "max"
    if _by_place(result):
        return "从后到前" if high else "从前到后"
    return "从高到低" if high else "从低到高"


def _date_rank(result: ResultSet) -> str:
    """「沭阳恒通…的有效期至最早（2053-06-09）」: the rows of the earliest or latest date of a column."""
    plan, frame = result.plan, result.frame
    assert plan.ranking is not None
    label = result.schema.labels.get(plan.order_by, plan.order_by).rpartition("·")[2]
    label += "的截止日" if plan.order_end and not re.search(r"至|到期|截止|届满", label) else ""  # (a span's end)
    word = "最早" if plan.ranking.direction == "min" else "最晚"
    names = _row_names(result, frame) if result.schema.naming_column in frame else []
    if len(names) != len(frame):
        names = [_entity_name(result, r) for r in frame.itertuples()]
    dated = "、".join(f"{name}（{date}）" for name, date in zip(names, frame[plan.order_by], strict=True))
    return "\n".join([f"{_scope_head(result)}{_conditions(plan)}{label}{word}的是：{dated}。", _lines(result)])


def _rank_word(result: ResultSet, direction: str = "") -> str:
    plan = result.plan
    assert plan.ranking is not None
    high = (direction or plan.ranking.direction) == "max"
    most = "最" if not plan.ranking.nth else f"第{_ORDINALS[plan.ranking.k - 1]}"  # 「排第二」: 第二高
    spec = result.schema.measures.get(plan.measure)
    if spec is not None and spec.gap_of:
        return most + ("大" if high else "小")
    if _by_place(result):  # a sheet's own 排名: 1 is 最前, the largest 最后
        return most + ("后" if high else "前")
    # a count or an amount (万元, 天, 辆) is 多/少; a share, a concentration (微克/立方米, μg/m³) or an index 高/低
    if plan.aggregate == "count" or not LEVEL_UNIT.search(_unit(result)):
        return most + ("多" if high else "少")
    return most + ("高" if high else "低")


def _context(result: ResultSet, column: str, unit: str) -> str:
    """The values the top ones were chosen from (「同类任务的完成率：…」), when few."""
    scope = result.scope
    if scope is None or column not in scope or not len(result.frame) < len(scope) <= context_rows(result.plan):
        return ""
    key = result.schema.key if result.schema.key in scope else "row_id"
    rows = scope.drop_duplicates(key)
    rows = rows[pd.to_numeric(rows[column], errors="coerce").notna()]
    if len(rows) <= 1:
        return ""
    ordered = rows.assign(rank_value=pd.to_numeric(rows[column])).sort_values("rank_value")
    spec = next((m for m in result.schema.measures.values() if m.column == column), None)
    places = spec.places if spec is not None else 0  # 「39.00%」 as typed
    return (
        "参与比较的各项："
        + "；".join(f"{_entity_name(result, r)} {fmt(r.rank_value, places)}{unit}" for r in ordered.itertuples())
        + "。"
    )


def _progress_gist(subs: pd.DataFrame) -> str:
    """What the progress says, each sub-item's in turn when they say different things (shorter each)."""
    said: list[tuple[str, str]] = []
    for sub in subs.itertuples():
        text = re.sub(r"^【[^】]*】", "", _flat(sub.progress)).rstrip("。")
        if text and all(text != t for _, t in said):
            said.append((str(sub.sub_item or ""), text))
    room = GIST_CHARS // max(1, len(said))
    labelled = len(said) > 1
    return "；".join(f"{item if labelled else ''}{text[:room]}{'…' if len(text) > room else ''}"
                    for item, text in said)  # fmt: skip


def _when(year, period) -> str:
    """「2023年1-6月」; a period that names its year already stands alone (「2020年」)."""
    year_text = f"{int(year)}年" if is_number(year) else ""
    if period and year_text and str(period).startswith(year_text):
        return str(period)
    return f"{year_text}{period or ''}" or "—"


def _first_sentence(text: str) -> str:
    return re.split(r"(?<=。)", _flat(text))[0].rstrip("。")


def _flat(text) -> str:
    return re.sub(r"\s*\n\s*", "", text or "").strip() if isinstance(text, str) else ""


def _date_cn(iso) -> str:
    if not isinstance(iso, str) or not iso:
        return ""
    year, month, day = (int(p) for p in iso.split("-"))
    return f"{year}年{month}月{day}日"


def _unit_after(text, unit: str) -> str:
    """Append the unit to a bare number (「95.5」 → 「95.5%」, 「〔2600〕」 → 「〔2600〕吨」), not to words or text with a
    unit."""
    flat = _flat(str(text))
    bare = r"[<>≤≥＜＞]?\s*[\u4e00-\u9fff]{0,4}\s*[<>≤≥]?\s*-?\d+(\.\d+)?"
    return unit if unit and re.fullmatch(rf"{bare}|[〔\[［]\s*-?\d+(\.\d+)?\s*[〕\]］]", flat) else ""


def _number_in(text: str) -> float | None:
    match = re.search(r"-?\d+(\.\d+)?", text or "")
    return float(match.group(0)) if match else None


def _dedupe_lines(text: str) -> str:
    """No line twice, and no sentence twice in a row within a line (「进度滞后。进度滞后。」)."""
    seen, lines = set(), []
    for line in text.split("\n"):
        line = re.sub(r"([^。；]+[。；])\1+", r"\1", line)
        if line.strip() and line in seen:
            continue
        seen.add(line)
        lines.append(line)
    return "\n".join(lines).strip()
