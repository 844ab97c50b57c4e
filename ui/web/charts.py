"""Dashboard charts as Vega-Lite specifications, drawn by the Vega renderer Gradio ships.

Every chart takes the rows the dashboard's filters selected, so a chart never shows what the table
does not. Bars are horizontal: the labels (a region, a station, a task) are long Chinese text that
slanted axis labels made unreadable; the full text is in the tooltip. Colours follow the status:
completed green, on track light green, basically on track amber, lagging red, not met dark red.
A chart with no rows is not drawn; `Chart.empty` says why, naming the filter that emptied it. A drawn
chart comes with a caption that counts its bars by status, in text (a canvas cannot be read aloud or searched).
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd
from gradio.components.plot import PlotData

from corpus.glossary import STATUS_LABELS
from ui.tableview import cell

STATUS_COLOURS = {
    "completed": "#2e7d32",
    "on_track": "#81c784",
    "basically_on_track": "#f9a825",
    "lagging": "#e53935",
    "not_started": "#ef9a9a",
    "not_met": "#8e0000",
    "unknown": "#9e9e9e",
}
FONT = "Noto Sans CJK SC, Noto Sans SC, Microsoft YaHei, sans-serif"
BAR_PX = 22  # height of one bar's band; a chart grows with its rows instead of squeezing labels
WIDTH_PX = 560  # the plotting area of a half-width chart at 1366 px (Vega's "container" width is 0 while hidden)
LABEL_CHARS = 18  # characters of a label shown on the axis (the tooltip has all of it)


@dataclass(frozen=True)
class Chart:
    """A drawn chart with its caption, or the sentence that says why there is none."""

    plot: PlotData | None
    empty: str = ""
    caption: str = ""


def _status_scale(keys: list[str]) -> dict:
    present = [k for k in STATUS_COLOURS if k in set(keys)]
    return {"domain": [STATUS_LABELS[k] for k in present], "range": [STATUS_COLOURS[k] for k in present]}


def _spec(rows: list[dict], layers: list[dict], x_title: str, x_max: float | None = None) -> dict:
    """Horizontal bars: one band per 标签 (the chart's title says what they are), 数值 along the x axis."""
    labels = len({r["标签"] for r in rows})
    x_scale = {"domain": [0, x_max]} if x_max else {}
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "data": {"values": rows},
        "width": WIDTH_PX - 240,  # the rest is the axis labels
        "height": max(80, labels * BAR_PX),
        "encoding": {
            "y": {
                "field": "标签",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 220, "labelFontSize": 12},
            },
            "x": {
                "field": "数值",
                "type": "quantitative",
                "title": x_title,
                "scale": x_scale,
                "axis": {"labelFontSize": 12, "grid": True},
            },
        },  # fmt: skip
        "layer": layers,
        "usermeta": {"embedOptions": {"actions": False}},  # no menu: its entries are English, one opens a website
        "config": {
            "font": FONT,
            "axis": {"labelFont": FONT, "titleFont": FONT, "titleFontWeight": "normal", "titleFontSize": 12},
            "legend": {"labelFont": FONT, "titleFont": FONT, "orient": "bottom", "labelFontSize": 12},
            "view": {"stroke": None},
        },
    }


def _bars(colour_title: str, scale: dict, tooltip: list[dict]) -> dict:
    return {
        "mark": {"type": "bar", "cornerRadiusEnd": 2},
        "encoding": {
            "color": {"field": "状态", "type": "nominal", "title": colour_title, "scale": scale},
            "tooltip": tooltip,
        },
    }


def _targets(tooltip: list[dict]) -> dict:
    """A black tick at each row's target, on the same axis as the bars."""
    return {
        "mark": {"type": "tick", "color": "#222", "thickness": 2, "size": BAR_PX - 6},
        "encoding": {"x": {"field": "目标", "type": "quantitative"}, "tooltip": tooltip},
    }


def _drawn(spec: dict, what: str, counts: bool = False) -> Chart:
    """The chart, captioned with its bars by status (for a chart of counts, their sum): 「图中子项共 5 项：进度滞后 5」."""
    totals: dict[str, int] = {}
    for row in spec["data"]["values"]:
        totals[row["状态"]] = totals.get(row["状态"], 0) + (row["数值"] if counts else 1)
    parts = [f"{label} {totals[label]}" for label in (STATUS_LABELS[k] for k in STATUS_COLOURS) if label in totals]
    caption = f"图中{what}共 {sum(totals.values())} 项：" + "，".join(parts)
    return Chart(PlotData(type="altair", plot=json.dumps(spec, ensure_ascii=False)), caption=caption)


def _short(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def _unique(labels: list[str]) -> list[str]:
    """Labels told apart (Vega draws equal labels as one band): a repeated one gets 「（2）」, 「（3）」…"""
    seen: dict[str, int] = {}
    unique = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        unique.append(label if seen[label] == 1 else f"{label}（{seen[label]}）")
    return unique


def _why_empty(what: str, filters: str, reason: str = "") -> str:
    if reason:
        return f"无数据：{reason}"
    return f"无数据：在「{filters}」下没有{what}" if filters else f"无数据：没有{what}"


def station_readings(frame: pd.DataFrame, filters: str, reason: str = "") -> Chart:
    """Each station's reading per pollutant, the target as a tick, coloured by its status."""
    if frame.empty:
        return Chart(None, _why_empty("站点读数", filters, reason))
    rows = [
        {
            "标签": f"{r['region']} {r['station']} {r['pollutant']}",
            "数值": r["value"], "目标": r["target"], "状态": STATUS_LABELS.get(r["_status"], "未说明"),
            "核算": cell(r.get("computed_result")), "文件结论": cell(r.get("stated_result")),
        }
        for r in frame.to_dict(orient="records") if pd.notna(r["value"])
    ]  # fmt: skip
    if not rows:
        return Chart(None, _why_empty("有读数的站点", filters, reason))
    tip = [{"field": f} for f in ("标签", "数值", "目标", "状态", "核算", "文件结论")]
    layers = [_bars("状态", _status_scale(list(frame["_status"])), tip), _targets(tip)]
    return _drawn(_spec(rows, layers, "读数（微克/立方米），竖线为目标"), "读数")


def fund_rates(frame: pd.DataFrame, filters: str, reason: str = "") -> Chart:
    """One bar per region and fund (never stacked: rates do not add up), the target as a tick."""
    if frame.empty:
        return Chart(None, _why_empty("专项资金", filters, reason))
    rows = [
        {
            "标签": f"{r['region']} {cell(r['fund_year'])}年{r['level']}", "数值": r["rate"],
            "目标": r["target"] if pd.notna(r["target"]) else None, "状态": STATUS_LABELS.get(r["_status"], "未说明"),
            "目标期限": cell(r.get("target_deadline")),
        }
        for r in frame.to_dict(orient="records") if pd.notna(r["rate"])
    ]  # fmt: skip
    if not rows:
        return Chart(None, _why_empty("有执行率的专项资金", filters, reason))
    for row, label in zip(rows, _unique([r["标签"] for r in rows]), strict=True):
        row["标签"] = label
    tip = [{"field": f} for f in ("标签", "数值", "目标", "目标期限", "状态")]
    layers = [_bars("状态", _status_scale(list(frame["_status"])), tip), _targets(tip)]
    return _drawn(_spec(rows, layers, "执行率（%），竖线为目标", x_max=100), "执行率")


def task_rates(frame: pd.DataFrame, filters: str, reason: str = "") -> Chart:
    """Completion rates the documents state: one bar per task and rate (sub-items often repeat it)."""
    if not frame.empty:  # sub-items of one task repeat its rate: one bar per task and rate
        frame = frame[frame["rate_stated"].notna()].drop_duplicates(["task_key", "rate_stated"])
    if frame.empty:
        return Chart(None, _why_empty("写明完成率的任务", filters, reason))
    labels = _unique([f"{r['region']} {_short(r['task'])}" for r in frame.to_dict(orient="records")])
    rows = [
        {
            "标签": label,
            "数值": r["rate_stated"], "状态": STATUS_LABELS.get(r["_status"], "未说明"),
            "任务": " ".join(str(r["task"]).split()), "要求": cell(r.get("requirement")),
        }
        for label, r in zip(labels, frame.to_dict(orient="records"), strict=True)
    ]  # fmt: skip
    tip = [{"field": "任务"}, {"field": "要求"}, {"field": "数值", "title": "完成率"}, {"field": "状态"}]
    layers = [_bars("状态", _status_scale(list(frame["_status"])), tip)]
    return _drawn(_spec(rows, layers, "完成率（%，文件所列）", x_max=100), "任务")


def status_counts(frame: pd.DataFrame, filters: str, reason: str = "") -> Chart:
    """Sub-items per region by status, stacked (counts do add up); rows whose status is unstated left out."""
    frame = frame[frame["_status"] != "unknown"] if not frame.empty else frame
    if frame.empty:
        return Chart(None, _why_empty("写明进度状态的任务", filters, reason))
    counts = frame.groupby(["region", "_status"]).size().reset_index(name="子项数")
    order = {k: i for i, k in enumerate(STATUS_COLOURS)}
    counts = counts.sort_values(["region", "_status"], key=lambda s: s.map(order) if s.name == "_status" else s)
    rows = [
        {
            "标签": r["region"],
            "数值": int(r["子项数"]),
            "状态": STATUS_LABELS[r["_status"]],
            "顺序": order[r["_status"]],
        }
        for r in counts.to_dict(orient="records")
    ]
    tip = [{"field": "标签", "title": "区域"}, {"field": "状态"}, {"field": "数值", "title": "子项数"}]
    layer = _bars("状态", _status_scale(list(counts["_status"])), tip)
    layer["encoding"]["order"] = {"field": "顺序", "type": "quantitative"}
    chart = _spec(rows, [layer], "子项数")
    chart["encoding"]["x"]["axis"] |= {"format": "d", "tickMinStep": 1}  # counts: whole numbers only
    return _drawn(chart, "子项", counts=True)
