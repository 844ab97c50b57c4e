"""Dashboard charts. Every figure comes from the structured tables, as in the chat."""

from __future__ import annotations

import gradio as gr
import pandas as pd

from corpus.glossary import STATUS_LABELS


def station_readings(stations: pd.DataFrame, region: str | None, year: int | None) -> gr.BarPlot:
    """Each station's reading per pollutant, coloured by whether it meets its target."""
    frame = _filter(stations, region, year, "year")
    data = pd.DataFrame(
        {
            "站点": frame["region"].str[:2] + frame["station"] + "·" + frame["pollutant"],
            "读数": frame["value"],
            "目标": frame["target"],
            "结果": ["达标" if v <= t else "未达标" for v, t in zip(frame["value"], frame["target"], strict=True)],
        }
    )
    return gr.BarPlot(
        value=data, x="站点", y="读数", color="结果", color_map={"达标": "#2e7d32", "未达标": "#c62828"},
        tooltip=["站点", "读数", "目标", "结果"], x_label_angle=-45, sort=None,
    )  # fmt: skip


def fund_rates(funds: pd.DataFrame, region: str | None, year: int | None) -> gr.BarPlot:
    """One bar per region and fund (never stacked: rates do not add up)."""
    frame = _filter(funds, region, year, "fund_year")
    fund = frame["fund_year"].astype(int).astype(str) + "年" + frame["level"]
    data = pd.DataFrame({"区域·资金": frame["region"] + "·" + fund, "执行率": frame["rate"], "资金": fund})
    return gr.BarPlot(
        value=data, x="区域·资金", y="执行率", color="资金", tooltip=["区域·资金", "执行率"], y_lim=[0, 100],
        x_label_angle=-45, sort=None,
    )  # fmt: skip


def task_rates(tasks: pd.DataFrame, region: str | None, year: int | None) -> gr.BarPlot:
    frame = _filter(tasks, region, year, "year")
    frame = frame[frame["rate_stated"].notna()].drop_duplicates(["task_key", "rate_stated"])
    data = pd.DataFrame(
        {
            "任务": frame["region"] + "·" + frame["task"].str.replace("\n", "").str.slice(0, 10) + frame["sub_item"],
            "完成率": frame["rate_stated"],
            "状态": [STATUS_LABELS.get(s, s) for s in frame["status"]],
        }
    )
    return gr.BarPlot(
        value=data, x="任务", y="完成率", color="状态", tooltip=["任务", "完成率", "状态"], x_label_angle=-45
    )


def status_counts(tasks: pd.DataFrame, region: str | None, year: int | None) -> gr.BarPlot:
    frame = _filter(tasks, region, year, "year")
    frame = frame[frame["status"] != "unknown"]
    counts = frame.groupby(["region", "status"]).size().reset_index(name="子项数")
    data = pd.DataFrame(
        {"区域": counts["region"], "状态": [STATUS_LABELS[s] for s in counts["status"]], "子项数": counts["子项数"]}
    )
    return gr.BarPlot(value=data, x="区域", y="子项数", color="状态", tooltip=["区域", "状态", "子项数"])


def _filter(frame: pd.DataFrame, region: str | None, year: int | None, year_column: str) -> pd.DataFrame:
    if region:
        frame = frame[frame["region"] == region]
    if year is not None:
        frame = frame[frame[year_column] == year]
    return frame
