"""More layouts the bundled corpus does not have, in documents of a city built here (河源市).

- a progress table (.docx) with a 「1-9月推进情况」 text, a 「完成进度」 column of percents and a
  「进度评价」 column in its own short words (序时推进, 滞后, 未开展, 已完成), 序号 merged over sub-items;
- an air sheet with a title, a merged note row and a two-level header under a long merged-down
  cell (年均浓度 over PM2.5 / PM10 / NO2), beside a plan review of the same 优良天数比例;
- a sheet of 断面 with words only (水质类别, 是否达标, 超标因子);
- a funds sheet with 下达合计, 执行率 and a 合计 row;
- a mid-term review of a plan: 2020年现状, 2023年进展, 2025年目标, 属性, 评估结论.

All figures are made up for these tests; expected answers are read off the tables below.
"""

from __future__ import annotations

import docx
import pytest

from assistant.planner import Missing
from corpus import load_document
from structured import build_tables
from tests.support.documents import add_docx_table, workbook

# 序号, 县（市、区）, 重点任务, 具体内容及目标要求, 1-9月推进情况, 完成进度, 进度评价, 责任单位 — 序号 2 spans two rows
TASKS = [
    ("1", "源城区", "城区黑臭水体整治", "完成3条黑臭水体整治", "已完成2条，第3条正在清淤。", "66.7%", "序时推进", "源城区水务局"),
    ("2", "东源县", "水源保护区规范化建设", "（1）设置界标30块", "已全部设置。", "100%", "已完成", "东源县水务局"),
    ("2", "东源县", "水源保护区规范化建设", "（2）清理保护区内违法建筑4处", "清理工作尚未开展。", "0%", "未开展",
     "东源县自然资源局"),
    ("3", "和平县", "县城污水管网建设", "新建污水管网8公里", "已建成3公里，受征地影响进度偏慢。", "37.5%", "滞后", "和平县住建局"),
    ("4", "龙川县", "工业园区VOCs治理", "完成20家企业治理", "治理工程完成约45%，设备采购延后。", "45%", "滞后", "龙川县工信局"),
    ("5", "紫金县", "畜禽养殖污染整治", "完成50家养殖场整治", "已完成31家。", "62%", "滞后", "紫金县农业农村局"),
    ("6", "连平县", "危险废物规范化评估", "完成全县评估", "评估工作尚未开展。", "—", "未开展", "市生态环境局连平分局"),
]  # fmt: skip
# 区县, PM2.5, PM10, NO2, O3 第90百分位, 优良天数比例
AIR = [("源城区", 24, 42, 22, 141, 93.5), ("东源县", 20, 35, 17, 132, 96.8), ("和平县", 19, 33, 15, 128, 97.4),
       ("龙川县", 23, 41, 21, 139, 94.1), ("紫金县", 21, 36, 18, 135, 95.9)]  # fmt: skip
# 断面名称, 所在水体, 所属县, 水质类别, 目标类别, 是否达标, 超标因子
SECTIONS = [("江口", "东江", "源城区", "Ⅱ类", "Ⅱ类", "是", "—"), ("蓝口", "东江", "东源县", "Ⅲ类", "Ⅱ类", "否", "氨氮"),
            ("枫树坝", "东江", "龙川县", "Ⅱ类", "Ⅱ类", "是", "—"), ("黄田", "新丰江", "连平县", "Ⅳ类", "Ⅲ类", "否", "总磷、氨氮"),
            ("柳城", "琴江", "紫金县", "Ⅳ类", "Ⅲ类", "否", "总磷")]  # fmt: skip
# 月份, 源城区, 东源县, 全市: the city's lowest month (3月, 21) is not a county's (2月, 东源县 18)
MONTHLY = [("1月", 30, 26, 28), ("2月", 25, 18, 22), ("3月", 20, 24, 21)]
# 区县, PM2.5目标, PM2.5实际, PM2.5达标情况, 优良天数比例目标, 实际, 达标情况, 综合评价: 源城区 meets PM2.5, not overall
ASSESSED = [("源城区", "≤24", 24, "达标", "≥95.0", 93.5, "未达标", "未达标"),
            ("东源县", "≤21", 20, "达标", "≥96.0", 96.8, "达标", "达标")]  # fmt: skip
# 区县, 2024年PM2.5, 2025年PM2.5: 东源县 and 和平县 the same both years
YEAR_ON_YEAR = [("源城区", 26, 24), ("东源县", 20, 20), ("和平县", 19, 19), ("龙川县", 22, 23)]
# 区县, 中央资金下达, 下达合计, 已支出, 执行率
FUNDS = [("源城区", 800, 1300, 1040, 80.0), ("东源县", 700, 1250, 700, 56.0), ("和平县", 500, 900, 450, 50.0),
         ("龙川县", 900, 1400, 1120, 80.0)]  # fmt: skip
FUNDS_TOTAL = ("合计", 2900, 4850, 3310, 68.25)
# 序号, 指标, 2020年现状, 2023年进展, 2025年目标, 属性, 评估结论
REVIEW = [("1", "地级及以上城市空气质量优良天数比例（%）", "96.1", "95.0", "96.5", "约束性", "基本达到进度要求"),
          ("2", "化学需氧量重点工程减排量（万吨）", "—", "0.21", "0.80", "约束性", "滞后"),
          ("3", "森林覆盖率（%）", "77.1", "77.3", "≥77.5", "约束性", "达到进度要求"),
          ("4", "农村生活污水治理率（%）", "35.2", "48.6", "60", "预期性", "滞后")]  # fmt: skip


def _progress_docx(path):
    word = docx.Document()
    word.add_paragraph("河源市2025年各县（市、区）污染防治攻坚重点任务推进情况表（1-9月）")
    headers = [
        "序号",
        "县（市、区）",
        "重点任务",
        "具体内容及目标要求",
        "1-9月推进情况",
        "完成进度",
        "进度评价",
        "责任单位",
    ]
    add_docx_table(word, headers, TASKS, merged=((2, 3, (0, 1, 2)),))  # 序号, 区县, 重点任务 of task 2 over its rows
    word.save(path)


def _monitoring_xlsx(path):
    upper = ["序号", "县（市、区）", "年均浓度（微克/立方米）", None, None,
             "臭氧日最大8小时平均第90百分位浓度（微克/立方米）", "优良天数比例（%）"]  # fmt: skip
    sections = [
        "序号",
        "断面名称",
        "所在水体",
        "所属县（市、区）",
        "2025年水质类别",
        "目标水质类别",
        "是否达标",
        "超标因子",
    ]
    assessed = ["区县", "PM2.5目标", "PM2.5实际", "PM2.5达标情况", "优良天数比例目标", "优良天数比例实际",
                "优良天数比例达标情况", "综合评价"]  # fmt: skip
    workbook(
        path,
        {"空气质量年均值": [["2025年河源市各县（市、区）环境空气质量主要指标统计表"], ["统计时段：2025年1月1日—12月31日"],
                     upper, [None, None, "PM2.5", "PM10", "NO2", None, None],
                     *([k, *row] for k, row in enumerate(AIR, start=1))],
         "地表水考核断面": [["2025年河源市地表水考核断面水质状况"], sections,
                     *([k, *row] for k, row in enumerate(SECTIONS, start=1))],
         "PM2.5月均浓度": [["2025年河源市各县（市、区）PM2.5月均浓度（单位：微克/立方米）"], ["月份", "源城区", "东源县", "全市"],
                       *MONTHLY],
         "考核目标完成情况": [assessed, *ASSESSED],
         "同比变化": [["区县", "2024年PM2.5", "2025年PM2.5"], *YEAR_ON_YEAR]},
        merged={"空气质量年均值": ("A1:G1", "A2:G2", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "G3:G4")},
    )  # fmt: skip


def _funds_xlsx(path):
    header = ["县（市、区）", "中央资金下达", "下达合计", "已支出", "执行率（%）"]
    workbook(
        path,
        {"资金执行情况": [["2025年河源市生态环境专项资金下达及支出情况表（单位：万元）"], header, *FUNDS, FUNDS_TOTAL]},
    )


def _review_xlsx(path):
    header = ["序号", "指标", "2020年现状", "2023年进展", "2025年目标", "属性", "评估结论"]
    workbook(path, {"Sheet": [["表1 河源市“十四五”生态环境保护规划主要指标中期评估情况"], header, *REVIEW]})


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("heyuan")
    paths = [folder / "河源市2025年各县（市、区）污染防治攻坚重点任务推进情况表（1-9月）.docx",
             folder / "河源市2025年环境空气和地表水质量监测数据汇总.xlsx",
             folder / "2025年河源市生态环境专项资金下达及支出情况表.xlsx",
             folder / "河源市十四五生态环境保护规划中期评估摘要.xlsx"]  # fmt: skip
    for make, path in zip((_progress_docx, _monitoring_xlsx, _funds_xlsx, _review_xlsx), paths, strict=True):
        make(path)
    return [load_document(p) for p in paths]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def _named(answer, names) -> set[str]:
    return {n for n in names if n in answer.text}


def test_the_percent_column_is_the_rate_and_the_verdict_words_are_read_by_meaning(documents):
    tasks = build_tables(documents).frames["tasks"]
    by_task = {row.requirement: row for row in tasks.itertuples()}  # 具体内容及目标要求, under 重点任务
    assert by_task["完成3条黑臭水体整治"].status == "on_track"  # 序时推进
    assert by_task["（2）清理保护区内违法建筑4处"].status == "not_started"  # 未开展, not its merged row's 已完成
    assert by_task["新建污水管网8公里"].status == "lagging"
    assert by_task["完成20家企业治理"].rate_stated == 45
    assert by_task["完成20家企业治理"].task == "工业园区VOCs治理"


def test_tasks_not_yet_started(ask):
    answer = ask("河源1-9月还没开展的任务有哪些？分别在哪个县区？")
    assert answer is not None and _named(answer, {"东源县", "连平县"}) == {"东源县", "连平县"}
    assert not _named(answer, {"源城区", "和平县", "龙川县", "紫金县"})


def test_a_rate_below_a_bound_and_lagging(ask):
    answer = ask("河源1-9月完成进度不到50%、评价又是滞后的任务有哪些？")
    assert "37.5%" in answer.text and "45%" in answer.text
    assert "62%" not in answer.text and "66.7%" not in answer.text


def test_a_two_level_header_under_a_long_merged_cell_names_each_pollutant(ask):
    answer = ask("河源2025年NO2年均浓度超过20的有哪几个区县？")
    assert _named(answer, {"源城区", "龙川县"}) == {"源城区", "龙川县"}
    assert not _named(answer, {"东源县", "和平县", "紫金县"})


def test_the_districts_sheet_not_the_plans_one_city_row(ask):
    answer = ask("河源2025年优良天数比例不到95%的县区有哪些？")
    assert _named(answer, {"源城区", "龙川县"}) == {"源城区", "龙川县"}
    assert "96.1" not in answer.text  # the review's city-wide 2020 value


def test_a_sheet_of_words_with_a_verdict_column(ask):
    failing = ask("河源2025年哪些考核断面没达标？")
    assert _named(failing, {"蓝口", "黄田", "柳城"}) == {"蓝口", "黄田", "柳城"}
    assert not _named(failing, {"江口", "枫树坝"})
    ammonia = ask(
        "河源哪些考核断面的超标因子有氨氮？"
    )  # 「超标因子」 names a column, no status; 「总磷、氨氮」 lists it
    assert _named(ammonia, {"蓝口", "黄田", "柳城", "江口"}) == {"蓝口", "黄田"}
    classes = ask("黄田断面2025年水质是几类？")
    assert "Ⅳ类" in classes.text


def test_two_bounds_on_two_columns_of_a_generic_sheet(ask):
    answer = ask("河源2025年专项资金下达合计超过1000万元、执行率却不到70%的是哪些？")
    assert _named(answer, {"源城区", "东源县", "和平县", "龙川县"}) == {"东源县"}


def test_the_total_row_answers_the_whole_and_rates_are_never_summed(ask):
    answer = ask("河源2025年专项资金全市合计下达多少？执行率多少？")
    assert "4850" in answer.text and "68.25" in answer.text
    assert "相加" not in answer.text


def test_a_mid_term_reviews_latest_value_target_and_verdict(ask):
    answer = ask("河源十四五中期评估中农村生活污水治理率2023年是多少，2025年目标是多少？")
    assert "48.6" in answer.text and "60" in answer.text
    lagging = ask("河源十四五规划中期评估里，哪些约束性指标进度滞后？")
    assert "化学需氧量" in lagging.text
    assert "农村生活污水" not in lagging.text and "森林覆盖率" not in lagging.text


def test_a_place_header_is_no_unit(documents):
    schemas = build_tables(documents).schemas()
    funds = next(s for s in schemas.values() if s.generic and "专项资金" in s.title)
    assert funds.entity_label == "县（市、区）"  # the header stays whole, not 「县」 with a unit 「市、区」
    assert funds.measures[next(iter(funds.measures))].unit != "市、区"


def test_an_item_written_as_its_own_row_and_its_responsible_unit(ask):
    answer = ask("东源水源保护区内违法建筑清理由哪个单位负责？")
    assert "东源县自然资源局" in answer.text and "东源县水务局" not in answer.text


def test_the_citys_column_of_a_sheet_of_months(ask):
    answer = ask("河源全市2025年PM2.5月均浓度最低的是哪个月？")
    first = answer.text.splitlines()[0]
    assert "3月" in first and "2月" not in first


def test_a_place_in_a_columns_header_does_not_pick_the_sheet(ask):
    answer = ask("河源市2025年碳排放权交易配额分配给了哪些企业？")  # none, or the sheet saying it has no such rows
    assert answer is None or isinstance(answer, Missing)


def _turn(question: str, answer: str) -> list[dict]:
    return [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]


def test_a_follow_up_on_another_district_lists_its_tasks_by_name(ask):
    history = _turn("源城区1-9月重点任务推进得怎么样？", "源城区：城区黑臭水体整治序时推进（66.7%）。")
    answer = ask("东源县呢？", history)
    assert "水源保护区规范化建设" in answer.text and "未开展" in answer.text  # its 重点任务 and an item's verdict
    assert "源城区" not in answer.text


def test_the_same_month_of_the_whole_city(ask):
    history = _turn("源城区2025年2月PM2.5月均浓度是多少？", "源城区2025年2月PM2.5月均浓度为25微克/立方米。")
    answer = ask("同一个月河源全市平均是多少？", history)
    assert "22" in answer.text and "2月" in answer.text


def test_the_status_column_asked_not_the_sheets_first(ask):
    overall = ask("源城区2025年空气质量考核综合评价达标了吗？")
    assert overall.text.startswith("否")  # 综合评价 未达标, though its PM2.5达标情况 is 达标
    assert ask("东源县2025年空气质量考核综合评价达标了吗？").text.startswith("是")


def test_a_change_between_two_years_columns(ask):
    answer = ask("源城区2025年PM2.5比2024年下降了多少？")
    first = answer.text.splitlines()[0]
    assert "-2" in first and "26" in first and "24" in first
    flat = ask("2025年河源哪些区县PM2.5与2024年持平？")
    assert _named(flat, {"源城区", "东源县", "和平县", "龙川县"}) == {"东源县", "和平县"}


def test_a_follow_up_naming_the_year_before_reads_the_sheet_of_both_years(ask):
    history = _turn("源城区2025年PM2.5年均浓度是多少？", "源城区2025年PM2.5年均浓度为24微克/立方米。")
    answer = ask("比2024年下降了多少？", history)
    assert "26" in answer.text and "-2" in answer.text.replace("−", "-")
