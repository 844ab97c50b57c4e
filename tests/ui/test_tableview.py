"""Tables as staff read them: text cells, Chinese columns, one status per row, filters for table and charts."""

from __future__ import annotations

import pandas as pd
import pytest

from ui import tableview
from ui.tableview import Filters, cell, status_key, view


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "—"), (float("nan"), "—"), (pd.NA, "—"), ("", "—"), ("  ", "—"), (True, "是"), (False, "否"),
     (26.0, "26"), (26.32, "26.32"), (7, "7"), ("进度滞后", "进度滞后")],
)  # fmt: skip
def test_cells_are_text_a_person_reads(value, text):
    assert cell(value) == text


@pytest.mark.parametrize("name", ["tasks", "stations", "funds", "indicators"])
def test_no_raw_values_in_any_view(corpus_tables, name):
    shown = view(name, Filters().apply(name, corpus_tables.frames[name]))
    assert len(shown) == len(corpus_tables.frames[name])
    texts = {str(v) for v in shown.to_numpy().ravel()}
    assert not texts & {"nan", "None", "NaN", "False", "True", "<NA>", ""}
    assert not any(key in texts for key in ("lagging", "not_met", "completed", "on_track"))


def test_first_read_columns_come_first_and_fit_1366_pixels():
    assert [c.label for c in tableview.VIEWS["tasks"][:7]] == ["区域", "任务", "要求", "进展", "状态", "完成率", "核查"]
    indicator_labels = [c.label for c in tableview.VIEWS["indicators"][:6]]
    assert {"现状", "目标", "达标情况"} <= set(indicator_labels)
    for name, count in tableview.FIRST_READ.items():
        assert sum(tableview.widths(name)[:count]) <= 1300, name


def test_sub_items_show_their_own_requirement(corpus_tables):
    # 鹤山市 2023 第20行: one task, four sub-items, each with its own deadline and requirement
    tasks = corpus_tables.frames["tasks"]
    rows = tasks[tasks["locator"].str.startswith("表 第20行（鹤山市）")]
    shown = view("tasks", rows)
    assert shown["任务"].nunique() == 4 and shown["任务"].iloc[1].startswith("（2）")
    assert "2023年9月底前" in shown["要求"].iloc[1] and "2023年9月底前" not in shown["要求"].iloc[0]
    assert shown["要求"].nunique() == 4


def test_status_filter_applies_to_funds_by_their_own_words(corpus_tables):
    funds = corpus_tables.frames["funds"]
    lagging = Filters(status="lagging").apply("funds", funds)
    assert len(lagging) == (funds["status_raw"] == "未按进度完成").sum() > 0
    assert set(view("funds", lagging)["状态"]) == {"进度滞后"}


def test_key_only_keeps_marked_rows_and_empties_tables_without_marks(corpus_tables):
    stations = Filters(key_only=True).apply("stations", corpus_tables.frames["stations"])
    assert len(stations) == corpus_tables.frames["stations"]["key_assessment"].sum() > 0
    assert Filters(key_only=True).apply("funds", corpus_tables.frames["funds"]).empty


def test_filters_say_what_they_select():
    assert Filters().describe() == ""
    assert Filters(year=2023, region="恩平市", status="lagging", key_only=True).describe() == (
        "年份＝2023、区域＝恩平市、状态＝进度滞后、只看【重点考核】"
    )


@pytest.mark.parametrize(
    ("typed", "key"),
    [("lagging", "lagging"), ("进度滞后", "lagging"), ("未按进度完成", "lagging"), ("未达要求", "not_met"),
     ("达标", "completed"), ("基本按进度完成", "basically_on_track"), ("未说明", "unknown"), ("很好", None)],
)  # fmt: skip
def test_status_as_typed(typed, key):
    assert status_key(typed) == key
