"""Stations a progress table names as 国控站点 (no 子站): read as stations, named as the document names them.

A made-up 宿迁市 table: one row per station and pollutant, the target in 工作内容 (「…国控站点PM2.5浓度不高于
33微克/立方米」), the reading in 进展 (「1-6月，…国控站点PM2.5浓度为35微克/立方米，高于目标值2微克/立方米」)."""

from __future__ import annotations

import docx
import pytest

from corpus import load_document

# region, station, pollutant, reading, target, the document's status
READINGS = [
    ("宿城区", "学院", "PM2.5", 35, 33, "未按进度完成"),
    ("宿城区", "学院", "NO2", 22, 24, "按进度完成"),
    ("宿豫区", "宿豫", "PM2.5", 31, 32, "按进度完成"),
    ("宿豫区", "宿豫", "NO2", 25, 23, "进度滞后"),
    ("沭阳县", "沭城", "PM2.5", 33, 33, "按进度完成"),  # on its target: met
]


def _progress_docx(path):
    word = docx.Document()
    word.add_paragraph("2025年宿迁市深入打好污染防治攻坚战重点任务推进情况表（1-6月）")
    table = word.add_table(rows=len(READINGS) + 1, cols=4)
    for cell, text in zip(table.rows[0].cells, ["序号", "区域", "工作内容及要求", "工作进展情况"], strict=True):
        cell.text = text
    for i, (region, station, pollutant, value, target, status) in enumerate(READINGS, start=1):
        cells = table.rows[i].cells
        cells[0].text, cells[1].text = str(i), region
        cells[2].text = f"{region}{station}国控站点{pollutant}浓度不高于{target}微克/立方米。"
        side = f"高于目标值{value - target}微克/立方米" if value > target else "达到目标要求"
        cells[3].text = f"{status}。1-6月，{region}{station}国控站点{pollutant}浓度为{value}微克/立方米，{side}。"
    word.save(path)


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    path = tmp_path_factory.mktemp("suqian") / "2025年宿迁市深入打好污染防治攻坚战重点任务推进情况表（1-6月）.docx"
    _progress_docx(path)
    return table_asker([load_document(path)])


def test_readings_at_national_stations_are_station_readings(ask):
    answer = ask("NO2浓度超过考核目标的国控站点有哪些？")
    assert answer.result.plan.table == "stations"
    assert {f.region for f in answer.result.facts} == {"宿豫区"}
    assert "宿豫国控站点" in answer.text and "子站" not in answer.text.split("\n", 1)[1]


def test_a_reading_on_its_target_meets_it(ask):
    answer = ask("哪些区县国控站点PM2.5没达到目标？")
    assert {f.region for f in answer.result.facts} == {"宿城区"}  # 沭阳县 33 against 33 meets it
