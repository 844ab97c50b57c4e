"""A fund sheet grouped by fund level, each project's place on its own row and a 「…资金小计」 row under each level
with its place cell blank (池州市; every project and figure made up here, the expected answers read off the rows).
A level's 小计 is no row of the place written on the row above it."""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

FUNDS = [
    ["池州市2060年生态环境专项资金执行情况表"],
    ["单位：万元　　截至2060年9月30日"],
    ["序号", "资金级别", "项目名称", "实施地区", "下达资金", "已支出", "执行率"],
    [1, "中央", "秋浦河流域水环境综合治理", "贵池区", 1500, 1200, "80.0%"],
    [2, None, "升金湖湿地保护修复", "东至县", 1000, 400, "40.0%"],
    [None, "中央资金小计", None, None, 2500, 1600, "64.0%"],
    [3, "省级", "青阳县农村环境综合整治", "青阳县", 600, 540, "90.0%"],
    [4, None, "石台县饮用水水源地保护", "石台县", 200, 70, "35.0%"],
    [None, "省级资金小计", None, None, 800, 610, "76.3%"],
    [None, "合计", None, None, 3300, 2210, "67.0%"],
]  # fmt: skip


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    path = tmp_path_factory.mktemp("chizhou") / "池州市2060年生态环境专项资金执行情况表.xlsx"
    workbook(path, {"专项资金": FUNDS}, merged={"专项资金": ("A1:G1", "A2:G2")})
    return table_asker([load_document(path)])


def test_the_project_above_a_levels_subtotal_keeps_its_place(ask):
    """执行率不到50%: 升金湖 (东至县, 40%) and 石台 (35%), each right above a 小计 row; 石台县's money is its own row's."""
    text = answer_text(ask("专项资金执行率不到50%的项目有哪些？"))
    assert "升金湖湿地保护修复" in text and "石台县饮用水水源地保护" in text and "秋浦河" not in text
    assert "35.0%" in answer_text(ask("专项资金执行率最低的是哪个项目？"))
    assert "200" in answer_text(ask("石台县拿到了多少专项资金？")) and "800" not in first_line(
        ask("石台县拿到了多少专项资金？")
    )


def test_a_rate_below_the_whole_is_below_the_total_rows_rate(ask):
    """「执行率低于全市平均的项目」: the 合计 row's 67.0% (not the rows' mean): 升金湖 40%, 石台 35%; not 秋浦河 80%."""
    text = answer_text(ask("执行率低于全市平均的项目有哪些？"))
    assert "升金湖湿地保护修复" in text and "石台县饮用水水源地保护" in text and "秋浦河" not in text
    assert "67.0%" in text


BY_PLACE = [
    ["池州市2060年生态环境专项资金分配表（单位：万元）"],
    ["序号", "地区", "项目名称", "下达资金", "已支出", "执行率"],
    [1, "贵池区", "秋浦河生态缓冲带", 500, 300, "60.0%"],
    [2, None, "城区餐饮油烟监控", 100, 80, "80.0%"],
    [None, None, "小计", 600, 380, "63.3%"],
    [3, "青阳县", "九华河污水管网", 200, 50, "25.0%"],
    [None, None, "小计", 200, 50, "25.0%"],
    [None, "合计", None, 800, 430, "53.8%"],
]  # fmt: skip


def test_a_plain_subtotal_under_a_places_one_project_is_that_places(table_asker, tmp_path):
    """A plain 「小计」 under 青阳县's one project is its; the city's whole is still the 合计 row (800)."""
    path = tmp_path / "池州市2060年生态环境专项资金分配表.xlsx"
    workbook(path, {"分配": BY_PLACE}, merged={"分配": ("A1:F1",)})
    ask = table_asker([load_document(path)])
    assert "800" in answer_text(ask("今年生态环境专项资金全市一共下达了多少？"))
    assert "25.0%" in answer_text(ask("青阳县的专项资金执行率是多少？"))
