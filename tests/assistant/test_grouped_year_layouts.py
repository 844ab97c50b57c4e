"""Sheets that judge several measures and state last year's figure under one group header each (开封市 in
2030, all figures made up here; expected answers are read off the rows below):

- stations with 「PM2.5浓度 · 2030年目标 / 2030年1-10月 / 2029年1-10月」 and 「优良天数比例 · 2030年目标 /
  2030年1-10月」 under a two-row header, and a 「目标完成情况」 column that names which measure failed;
- funds with 中央及省级 and 市级 allocations beside their 下达合计;
- readings with 「PM2.5 · 1-10月均值 / 2029年同期 / 年度目标」 and no status column;
- a plan's indicators under 「2020年（基准年） / 2023年 / 2025年目标」.
"""

from __future__ import annotations

import pytest

from assistant.planner import WHOLE_COMPARED, Missing
from corpus import load_document
from corpus.glossary import SCORE_ASKED
from corpus.tables import role_of
from structured.generic import _label_year
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

PM, GOOD = "PM2.5浓度（微克/立方米）", "优良天数比例（%）"
AIR = [
    ["开封市2030年1-10月各县区考核站点空气质量目标完成情况"],
    ["序号", "县区", "监测站点", PM, PM, PM, GOOD, GOOD, "目标完成情况"],
    [None, None, None, "2030年目标", "2030年1-10月", "2029年1-10月", "2030年目标", "2030年1-10月", None],
    [1, "龙亭区", "龙亭站", 40, 42.1, 43.0, 75.0, 73.2, "两项均未达标"],
    [2, "鼓楼区", "鼓楼站", 41, 39.5, 41.2, 76.0, 74.8, "优良天数未达标"],
    [3, "祥符区", "祥符站", 42, 43.6, 42.9, 74.0, 75.5, "PM2.5未达标"],
    [4, "杞县", "杞县站", 43, 38.0, 44.3, 72.0, 73.1, "达标"],
    [5, "兰考县", "兰考站", 42, 40.8, 40.1, 73.0, 71.9, "优良天数未达标"],
]
AIR_MERGES = ("A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:H2", "I2:I3")
FUNDS = [
    ["开封市2030年生态环境专项资金执行情况（截至10月底）"],
    ["单位：万元"],
    ["区县", "中央及省级资金下达", "市级资金下达", "下达合计", "累计支出", "执行率（%）"],
    ["龙亭区", 1500, 600, 2100, 1302, 62.0],
    ["鼓楼区", 900, 300, 1200, 1100, 91.67],
    ["祥符区", 1800, 500, 2300, 2000, 86.96],
    ["杞县", 1600, 500, 2100, 1500, 71.43],
    ["合计", 5800, 1900, 7700, 5902, 76.65],
]
# no status column, no unit: last year's figure and the target both sit beside this year's, under each pollutant
READINGS = [
    ["开封市2030年1-10月考核站点浓度监测结果"],
    ["县区", "考核站点", "PM2.5", "PM2.5", "PM2.5", "PM10", "PM10"],
    [None, None, "1-10月均值", "2029年同期", "年度目标", "1-10月均值", "年度目标"],
    ["禹王台区", "禹王台子站", 33, 32, 31, 60, 62],
    ["尉氏县", "尉氏子站", 29, 31, 30, 66, 62],
    ["通许县", "通许子站", 30, 30, 30, 58, 60],
]
READINGS_MERGES = ("A1:G1", "A2:A3", "B2:B3", "C2:E2", "F2:G2")
PLAN = [
    ["开封市“十四五”生态环境保护规划主要指标"],
    ["序号", "指标", "单位", "2020年（基准年）", "2023年", "2025年目标", "指标属性"],
    [1, "森林覆盖率", "%", 20.5, 22.3, 23, "约束性"],
    [2, "城市生活污水集中收集率", "%", 61.2, 68.4, 70, "预期性"],
]


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("kaifeng")
    sheet = folder / "开封市2030年1-10月空气质量和专项资金情况.xlsx"
    workbook(sheet, {"空气质量": AIR, "专项资金": FUNDS}, merged={"空气质量": AIR_MERGES})
    plan = folder / "开封市“十四五”生态环境保护规划主要指标.xlsx"
    workbook(plan, {"主要指标": PLAN})
    return table_asker([load_document(p) for p in (sheet, plan)])


@pytest.fixture(scope="module")
def ask_readings(tmp_path_factory, table_asker):
    sheet = tmp_path_factory.mktemp("kaifeng_readings") / "开封市2030年1-10月考核站点浓度监测结果.xlsx"
    workbook(sheet, {"考核站点浓度": READINGS}, merged={"考核站点浓度": READINGS_MERGES})
    return table_asker([load_document(sheet)])


def test_a_reading_above_its_own_target_whatever_the_rows_status_says(ask):
    head = first_line(ask("PM2.5浓度超过年度目标的站点有哪些？"))
    assert "龙亭站" in head and "祥符站" in head
    assert not any(s in head for s in ("鼓楼站", "兰考站", "杞县站"))  # 优良天数未达标 only, or 达标


def test_each_verdict_is_of_the_measure_named_before_it(ask):
    head = first_line(ask("哪些站点PM2.5达标、但优良天数比例没达到目标？"))
    assert "鼓楼站" in head and "兰考站" in head
    assert not any(s in head for s in ("龙亭站", "祥符站", "杞县站"))


def test_last_years_figure_under_the_group_header_is_compared_with_this_years(ask):
    head = first_line(ask("和去年同期比，哪些站点的PM2.5浓度不降反升？"))
    assert "祥符站" in head and "兰考站" in head
    assert not any(s in head for s in ("龙亭站", "鼓楼站", "杞县站"))
    assert "0.7" in answer_text(ask("祥符区PM2.5比去年同期变化了多少？"))  # 43.6 − 42.9


def test_an_amount_of_two_thousand_is_no_year_and_bounds_the_allocations_total(ask):
    head = first_line(ask("下达资金超过2000万元、执行率又低于80%的区县有哪几个？"))
    assert "龙亭区" in head and "杞县" in head
    assert "祥符区" not in head and "鼓楼区" not in head  # 86.96%; 1200万元


def test_which_of_two_places_is_lower_when_they_are_compared_first(ask):
    text = answer_text(ask("杞县和兰考县比，哪个的PM2.5浓度更低一些？"))
    assert "38" in text and "40.8" in text and "2.8" in text


def test_the_last_two_of_a_ranking(ask):
    head = first_line(ask("执行率排最后两位的是哪两个区县？"))
    assert "龙亭区" in head and "杞县" in head and "祥符区" not in head


@pytest.mark.parametrize("header", ["2020年（基准年）", "2020年(基准年)", "基准年（2020年）"])
def test_a_base_year_header_is_that_years_column(header):
    assert role_of(header) == ("year", 2020)


def test_a_plans_figure_of_a_year_against_its_base_year(ask):
    text = answer_text(ask("森林覆盖率2023年比2020年提高了多少个百分点？"))
    assert "1.8" in text  # 22.3 − 20.5


def test_money_spent_asked_in_plain_words(ask):
    head = first_line(ask("专项资金花出去超过1800万元的区县有哪些？"))
    assert "祥符区" in head and not any(p in head for p in ("龙亭区", "杞县", "鼓楼区"))  # 2000; 1302, 1500, 1100


def test_a_bound_on_one_level_of_the_allocations_is_on_that_level(ask):
    head = first_line(ask("市级资金下达超过500万元的区县有哪些？"))
    assert "龙亭区" in head and not any(p in head for p in ("杞县", "祥符区", "鼓楼区"))  # 600; 500, 500, 300


def test_the_last_three_said_with_a_counter(ask):
    head = first_line(ask("执行率排最后三个的区县是哪些？"))
    assert all(p in head for p in ("龙亭区", "杞县", "祥符区")) and "鼓楼区" not in head


def test_a_place_compared_with_its_whole_city_after_its_own_figure(ask):
    history = [
        {"role": "user", "content": "杞县专项资金执行率是多少？"},
        {"role": "assistant", "content": "杞县执行率71.43%。"},
    ]
    text = answer_text(ask("比全市总体执行率低多少？", history))
    assert "71.43" in text and "76.65" in text and "5.22" in text


def test_this_station_is_the_one_the_answer_before_named(ask):
    history = [
        {"role": "user", "content": "PM2.5浓度最高的是哪个站？"},
        {"role": "assistant", "content": "祥符区祥符站，43.6微克/立方米。"},
    ]
    head = first_line(ask("这个站的优良天数比例达到目标了吗？", history))
    assert head.startswith("是")  # 75.5% against 74.0%, though the row's status says PM2.5未达标


def test_the_rest_are_the_rows_without_the_status_asked_before(ask):
    history = [{"role": "user", "content": "哪些站点达标了？"}, {"role": "assistant", "content": "杞县站。"}]
    head = first_line(ask("剩下几个站里PM2.5浓度最低的是哪个？", history))
    assert "鼓楼站" in head and "杞县站" not in head  # 39.5; 杞县站's 38.0 is the one left out


def test_how_progress_was_rated_asks_the_status_not_a_reason(understander):
    assert not understander.run("湖口县排污口整治完成了几个？进度怎么评价的？").has("reason")
    assert understander.run("站点空气质量达标是如何评定的？").has("reason")  # a rule


def test_kilometres_asked_are_a_figure_not_rows_among_which(understander):
    assert "value" in understander.run("蓬江区城镇污水管网建成多少公里？").values("ask")
    assert understander.run("管网还剩多少公里没建？").has("compare")


def test_a_target_or_a_mean_of_the_city_is_not_its_total_row():
    assert WHOLE_COMPARED.match("全市总体执行率") and WHOLE_COMPARED.match("合计")
    assert not WHOLE_COMPARED.match("全市目标") and not WHOLE_COMPARED.match("全市平均水平")


@pytest.mark.parametrize(
    ("label", "year"),
    [
        ("2030年1-10月·PM2.5", (2030, "1-10月·PM2.5")),
        ("PM2.5·2029年1-10月", (2029, "PM2.5·1-10月")),
        ("PM2.5·目标", None),
    ],
)
def test_the_year_of_a_label_above_or_under_its_group(label, year):
    assert _label_year(label) == year


def test_a_documents_name_said_without_its_filler_word(understander):
    assert understander.run("工作任务进度滞后表里蓬江区有几项？").doc_ids == ["jm-2023h1-lagging-tasks"]


def test_a_list_over_a_topic_no_row_states_is_no_list_of_every_row(ask):
    # every 区县 is a row of the sheets, but none says anything about fireworks: the text has to answer
    assert isinstance(ask("城区哪些区县全年禁止燃放烟花爆竹？"), Missing)
    assert "龙亭区" in first_line(ask("哪些区县执行率低于80%？"))


def test_how_points_are_deducted_asks_a_rule_not_a_score():
    assert SCORE_ASKED.search("发现秸秆焚烧火点，对乡镇怎么扣分？") is None
    assert SCORE_ASKED.search("龙亭区考核扣了多少分？")


def test_this_years_reading_not_last_years_is_judged_against_the_target(ask_readings):
    head = first_line(ask_readings("1-10月PM2.5均值超过年度目标的考核站点有哪些？"))
    assert "禹王台子站" in head
    assert "尉氏子站" not in head and "通许子站" not in head  # 29 and 30 against 30 (last year's 31 is over)


def test_last_years_column_under_a_pollutant_is_compared_with_this_years(ask_readings):
    head = first_line(ask_readings("跟去年同期比，PM2.5均值不降反升的是哪几个考核站点？"))
    assert "禹王台子站" in head and "尉氏子站" not in head and "通许子站" not in head  # 33 > 32; 29 < 31; 30 = 30


def test_a_pollutants_mean_under_its_group_is_better_lower(ask_readings):
    assert first_line(ask_readings("尉氏子站PM10达标了吗？")).startswith("否")  # 66 against 62
    assert first_line(ask_readings("通许子站PM10达标了吗？")).startswith("是")  # 58 against 60
