"""The `indicators` table: plan indicators with their values, targets and status.

Two sources: indicator tables (指标 / 单位 / 指标值 / 现状值 / 目标值 / 属性 / 达标情况, or
year columns 2015 / 2018 / 2020), and the target sentences of a task table's 目标 rows
(「PM2.5年均浓度达33微克/立方米，空气质量优良天数比率达83.3%」), one indicator per figure.

A status is computed only where a current value and a numeric criterion both exist; a
cell stated 「未统计」 keeps no value, and is never read as zero.
"""

from __future__ import annotations

import json
import re
from functools import partial

from corpus.tables import LabelledTable
from structured.numbers import NO_VALUE_WORDS, NUMBER, Measure, compare, normalize, parse_measure

INDICATOR_COLUMNS = [
    "doc_id", "doc_title", "table", "locator", "row_text", "region", "year", "seq", "domain",
    "category", "parent", "name", "full_name", "unit", "attribute", "baseline_year", "baseline_text",
    "baseline_value", "current_year", "current_text", "current_value", "current_note", "standard_text",
    "standard_comparator", "standard_value", "standard_scope", "target_year", "target_text",
    "target_comparator", "target_value", "values_by_year", "note", "stated_status", "computed_status",
    "consistent", "check", "responsible",
]  # fmt: skip

# Indicators where less is better; without a comparator a target is a ceiling for these.
LOWER_IS_BETTER = ("浓度", "能耗", "用水量", "强度", "使用量", "劣", "丧失使用功能", "降尘量", "库存量")
HIGHER_DESPITE_WORDS = ("消除", "下降幅度", "提高幅度", "削减", "减少", "下降率")
MET, NOT_MET = "达标", "未达标"
# A current value that says there is nothing to judge yet.
NO_DATA_WORDS = ("", "未统计", "编制中", "暂无", "—", "-")


def default_comparator(name: str) -> str:
    if any(w in name for w in HIGHER_DESPITE_WORDS):
        return "≥"
    return "≤" if any(w in name for w in LOWER_IS_BETTER) else "≥"


def build_indicator_rows(labelled: LabelledTable) -> list[dict]:
    """Rows of an indicator table (003 表1, 004 指标体系表 and tables like them)."""
    notes = _star_notes(labelled.table.notes)
    year_columns = [c for c in labelled.columns if c.role == "year"]
    # the targets of several years, the first of them the target column (「2025年目标值 | 2030年目标值」)
    dated_targets = [c for c in labelled.columns if c.year and c.role in ("target", "other") and "目标" in c.header]
    # beside a target column, the latest year's figures are the current values when no column says so
    targeted = labelled.role_index("target") is not None and labelled.role_index("baseline") is None
    latest = max(year_columns, key=lambda c: c.year) if targeted and len(year_columns) >= 2 else None
    if latest is not None and (labelled.document.info.year or latest.year) < latest.year:
        latest = None  # a 2021 plan's 2025年 column is planned, not reached
    rows = []
    previous: dict | None = None
    section = ""
    for i, cells in enumerate(labelled.rows):
        heading = _section_heading(labelled.raw_rows[i])  # (as written: the names above are carried into it)
        if heading:  # 「（水环境）」 across the table: the domain of the rows below it, no indicator
            section = heading
            continue
        value = partial(labelled.cell, cells)
        parent, name = _split_name(value("name"))
        name, unit_from_name = _unit_from_name(name)
        name = re.sub(r"\s+", "", name)
        unit = _first_line(value("unit")) or unit_from_name
        if unit in ("-", "—"):
            unit = ""
        by_year = {str(c.year): cells[c.index].strip() for c in year_columns if c.index < len(cells)}
        by_year = _fill_merged_years(by_year, previous)
        if len(dated_targets) >= 2:  # 「2025年目标值 | 2030年目标值」: each year's target, not the first alone
            stated = {str(c.year): cells[c.index].strip() for c in dated_targets if c.index < len(cells)}
            by_year |= {y: v for y, v in stated.items() if v and y not in by_year}  # a year's own column first
        has_current = labelled.role_index("current") is not None  # else a plan's 基准值 is its current value
        current = _measure(value("current") if has_current else value("baseline"), unit, notes)
        current_year = _column_year(labelled, "current" if has_current else "baseline")
        if latest is not None and not current.text:  # 「2020年 | 2024年 | 2030年目标」: 2024's is the 现状
            current, current_year = _measure(by_year.get(str(latest.year), ""), unit, notes), latest.year
        standard = parse_measure(value("standard"))
        target_text = value("target") or (by_year[str(year_columns[-1].year)] if year_columns else "")
        target = parse_measure(target_text)
        baseline_year = year_columns[0].year if year_columns else None
        baseline = _measure(by_year.get(str(baseline_year), ""), unit, notes) if baseline_year else Measure("")
        stated_year = _column_year(labelled, "baseline") if has_current else None
        if stated_year and value("baseline"):  # 「2020年基准值」 beside 「2024年现状值」: the base year's own figure
            baseline_year, baseline = stated_year, _measure(value("baseline"), unit, notes)
            by_year.setdefault(str(stated_year), value("baseline").strip())
        row = {
            "doc_id": labelled.document.doc_id,
            "doc_title": labelled.document.info.title,
            "table": labelled.label,
            # a table with no 序号 column tells its rows apart by their row number
            "locator": (
                f"{labelled.label} 序号{value('seq')}"
                if value("seq")
                else f"{labelled.label} 第{labelled.row_numbers[i]}行"
            )
            + (f"（{name}）" if parent else ""),
            "row_text": labelled.row_text(i),
            "region": labelled.document.info.region,
            "year": labelled.document.info.year,
            "seq": value("seq"),
            "domain": re.sub(r"\s+", "", value("domain")) or section,
            "category": re.sub(r"\s+", "", value("category")),
            "parent": parent,
            "name": name,
            "full_name": f"{parent}—{name}" if parent else name,
            "unit": unit or current.unit or baseline.unit,
            "attribute": value("attribute"),
            "baseline_year": baseline_year,
            "baseline_text": baseline.text,
            "baseline_value": baseline.value,
            "current_year": current_year,
            "current_text": current.text,
            "current_value": current.value,
            "current_note": current.note,
            "note": _note(baseline, notes) or _bracket_note((baseline.text, target.text), labelled.table.notes),
            "standard_text": standard.text,
            "standard_comparator": standard.comparator,
            "standard_value": standard.value,
            "standard_scope": standard.scope,
            "target_year": _column_year(labelled, "target") or (year_columns[-1].year if year_columns else None),
            "target_text": target.text,
            "target_comparator": target.comparator or (default_comparator(name) if target.is_numeric else ""),
            "target_value": target.value,
            "values_by_year": json.dumps(by_year, ensure_ascii=False) if by_year else "",
            "stated_status": value("stated"),
            # 「牵头单位」 or 「责任部门」: who answers for it (the lead first, when a sheet has both)
            "responsible": "、".join(
                dict.fromkeys(
                    p.strip()
                    for p in f"{value('lead')}\n{value('responsible')}".replace("、", "\n").split("\n")
                    if p.strip()
                )
            ),
        }
        # a 2020 基准值 short of its 2025 target is the plan, not a failure: judged only against a standard
        # (指标值) or a target already due when the value was measured
        ahead = row["current_year"] and row["target_year"] and row["current_year"] < row["target_year"]
        if standard.text or not ahead:
            row.update(_status(row, current, standard if standard.text else target, name))
        else:
            row.update({"computed_status": None, "consistent": None, "check": ""})
        rows.append(row)
        previous = row
    return rows


def _section_heading(cells: list[str]) -> str:
    """A row of one label and empty cells (「（大气环境）」「二、水环境」) heads a section: its name, else ""."""
    filled = {c.strip() for c in cells if c and c.strip()}  # (a merged row repeats its one label in every cell)
    if len(filled) != 1 or not cells[0].strip() or re.fullmatch(r"[\d.]+", cells[0].strip()) or len(cells) < 3:
        return ""
    # merged across the table, or written as a heading; not a parent indicator with blank figures (「其中：」 below it)
    merged = all(c and c.strip() == cells[0].strip() for c in cells)
    if not merged and not re.fullmatch(r"[（(].+[）)]|[一二三四五六七八九十]+[、.].+", cells[0].strip()):
        return ""
    return re.sub(r"^[（(]|[）)]$|^[一二三四五六七八九十]+[、.]", "", cells[0].strip()).strip()


def _status(row: dict, current: Measure, criterion: Measure, name: str) -> dict:
    """Compare the current value with the criterion; cross-check a stated 达标情况."""
    computed = None
    required = re.search(rf"考核要求下降\s*({NUMBER})\s*%", normalize(current.note))
    if current.value is not None and required:  # 「-4.61%（考核要求下降3.6%）」
        computed = MET if current.value <= -float(required.group(1)) else NOT_MET
    elif current.value is not None and criterion.value is not None:
        comparator = criterion.comparator or default_comparator(name)
        computed = MET if compare(current.value, comparator, criterion.value) else NOT_MET
    stated = row["stated_status"]
    check = ""
    if stated in (MET, NOT_MET) and computed and stated != computed:
        check = f"文件写「{stated}」，按现状值{current.text}与{criterion.text}比较为「{computed}」"
    elif stated == MET and current.value is None and current.text in NO_DATA_WORDS:
        check = f"文件写「{stated}」，但现状值为「{current.text or '空'}」，无数据可核"
    return {"computed_status": computed, "consistent": not check if stated else None, "check": check}


def _note(baseline: Measure, notes: dict[str, str]) -> str:
    if "*" in baseline.text and notes:
        return f"{baseline.text}：{notes['meaning']}，单位为{notes['unit']}"
    return ""


# 「注：1.〔 〕内为五年累计数。」: what a bracketed figure (「〔9800〕」) is
BRACKET_NOTE = re.compile(r"〔\s*〕\s*内?(?:数字|数值)?\s*为\s*([^。；;]+?)(?=[。；;]|\s*\d\s*[.．、]|$)")


def _bracket_note(texts: tuple[str, ...], notes: list[str]) -> str:
    if not any("〔" in t for t in texts):
        return ""
    said = next((m.group(1) for n in notes if (m := BRACKET_NOTE.search(normalize(n)))), "")
    return f"〔〕内为{said}" if said else ""


def _measure(text: str, unit: str, notes: dict[str, str]) -> Measure:
    measure = parse_measure(text, unit_hint=unit)
    if "*" in measure.note and "unit" in notes:  # 「9.96*」 with 「*为2015年排放总量，单位为万吨」
        return Measure(measure.text, measure.value, measure.comparator, notes["unit"], measure.scope, notes["meaning"])
    return measure


def _star_notes(notes: list[str]) -> dict[str, str]:
    for note in notes:
        match = re.match(r"^\*\s*为\s*(?P<meaning>.+?)[，,]\s*单位为\s*(?P<unit>[^。.]+)", normalize(note))
        if match:
            return {"meaning": match.group("meaning"), "unit": match.group("unit")}
    return {}


def _fill_merged_years(by_year: dict[str, str], previous: dict | None) -> dict[str, str]:
    """A qualitative target (「控制在省下达的指标内」) merged down over later rows and
    across later year columns; a dash means no figure and is never spread."""
    if not by_year:
        return by_year
    years = list(by_year)
    filled = dict(by_year)
    above = json.loads(previous["values_by_year"]) if previous and previous.get("values_by_year") else {}
    for year in years[1:]:
        if not filled[year] and _is_qualitative(above.get(year, "")):
            filled[year] = above[year]
    for k in range(1, len(years)):
        if not filled[years[k]] and _is_qualitative(filled[years[k - 1]]):
            filled[years[k]] = filled[years[k - 1]]
    return filled


def _is_qualitative(text: str) -> bool:
    return bool(text) and text not in NO_VALUE_WORDS and not re.search(r"\d", text)


def _split_name(text: str) -> tuple[str, str]:
    """「环境空气质量\\n优良天数比例」 (a sub-indicator) → ('环境空气质量', '优良天数比例')."""
    lines = [line.strip() for line in text.split("\n")]
    if len(lines) >= 2 and lines[0] and lines[-1]:
        return lines[0], " ".join(line for line in lines[1:] if line)
    return "", " ".join(line for line in lines if line)


def _unit_from_name(name: str) -> tuple[str, str]:
    """「城市空气质量优良天数比例 (%)」 → ('城市空气质量优良天数比例', '%')."""
    match = re.search(r"\s*[（(]\s*([^（()）]{1,12}?)\s*[)）]\s*$", name)
    # (「淘汰老旧柴油货车（辆）」「重污染天数（天）」: a count's unit)
    counted = re.fullmatch(r"万?(天|辆|个|家|座|处|台|户|条|项|次|人|艘)", match.group(1).strip()) if match else None
    if match and (re.search(r"%|/|m|吨|元|公里|亩|千克|公顷|平方|立方", match.group(1)) or counted):
        return name[: match.start()].strip(), match.group(1).replace(" ", "")
    return name.strip(), ""


def _column_year(labelled: LabelledTable, role: str) -> int | None:
    return next((c.year for c in labelled.columns if c.role == role), None)


def _first_line(text: str) -> str:
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


# -- target sentences of a task table's 目标 rows ------------------------------------------------

_VERB = re.compile(
    r"(?P<base>(?:分别)?(?:比|较)\s*20\d\d\s*年)?\s*(?P<all>分别|均)?\s*"
    r"(?P<op>达到|达(?!标)|不低于|不少于|不超过|不高于|控制在|下降|削减|减少|提高到|提高|降低到|降低|超过)"
)
MEASURE_NOUNS = ("排放总量", "排放量", "用水量", "安全利用率", "利用率", "比例", "覆盖率", "保护率", "达标率")


def is_target_row(task_row: dict) -> bool:
    return "目标" in task_row["category"] and not task_row["progress"]


def target_indicator_rows(task_row: dict) -> list[dict]:
    """Indicators stated in a 目标 row of a task table, one per figure."""
    rows = []
    year = task_row["year"]
    for clause in re.split(r"[，。；,;]", normalize(task_row["requirement"])):
        clause = clause.strip()
        stated_year = re.fullmatch(r"(20\d\d)\s*年", clause)
        if stated_year:
            year = int(stated_year.group(1))
            continue
        for name, target_text, measure in _clause_targets(clause):
            rows.append(
                {
                    "doc_id": task_row["doc_id"],
                    "doc_title": task_row["doc_title"],
                    "table": task_row["table"],
                    "locator": task_row["locator"],
                    "row_text": task_row["row_text"],
                    "region": task_row["region"],
                    "year": task_row["year"],
                    "seq": task_row["task_no"],
                    "domain": "",
                    "category": task_row["category"],
                    "parent": "",
                    "name": name,
                    "full_name": name,
                    "unit": measure.unit,
                    "attribute": "",
                    "target_year": year,
                    "target_text": target_text,
                    "target_comparator": measure.comparator,
                    "target_value": measure.value,
                    "values_by_year": "",
                    "stated_status": "",
                    "computed_status": None,
                    "consistent": None,
                    "check": "",
                    "responsible": task_row["lead_units"],
                }
            )
    return rows


def _clause_targets(clause: str) -> list[tuple[str, str, Measure]]:
    clause = re.sub(r"^(力争|确保|全市|到20\d\d年)", "", clause).strip()
    eliminate = re.match(r"^(基本)?消除(?P<name>.+)$", clause)
    if eliminate:
        return [
            (eliminate.group("name"), clause[: eliminate.start("name")], Measure(clause[: eliminate.start("name")]))
        ]
    verb = _VERB.search(clause)
    if not verb or verb.start() == 0:
        return []
    subject = clause[: verb.start()].strip()
    rest = clause[verb.start() :].strip()
    values = re.findall(rf"({NUMBER})\s*(%|[^\d、，%\s]*)", clause[verb.end() :])
    names = _subjects(subject, multiple=bool(verb.group("all")) or len(values) > 1)
    if not values:
        return [(name, rest, Measure(rest)) for name in names]
    if len(values) != len(names):
        names = [subject] * len(values) if len(values) > 1 else [subject]
    targets = []
    for name, (number, unit) in zip(names, values, strict=False):
        op = verb.group("op")
        unit = unit.replace("以上", "").replace("以内", "").strip()
        if "以上" in rest or op in ("不低于", "不少于", "提高到", "超过"):
            comparator = "≥"
        elif "以内" in rest or op in ("不超过", "不高于", "控制在"):
            comparator = "≤"
        elif op in ("下降", "削减", "减少", "降低"):
            comparator = "≥"  # a reduction of at least this much
        else:
            comparator = default_comparator(name)
        base = (verb.group("base") or "").replace("分别", "")
        text = f"{base}{op}{number}{unit}".strip()
        if "以上" in rest:
            text += "以上"
        targets.append((name, text, Measure(text, float(number), comparator, unit)))
    return targets


def _subjects(subject: str, multiple: bool) -> list[str]:
    """「万元GDP用水量、万元工业增加值用水量」 → both; a shared measure noun goes to each."""
    if not multiple:
        return [subject]
    parts = [p for p in re.split(r"[、和及]", subject) if p]
    if len(parts) < 2:
        return [subject]
    shared = next((n for n in MEASURE_NOUNS if parts[-1].endswith(n) and not parts[0].endswith(n)), "")
    return [p if p.endswith(shared) else p + shared for p in parts]
