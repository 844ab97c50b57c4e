"""A city's inspection and register sheets (铜陵市, 2039, all figures and names made up here; expected answers are read
off the rows below):

- a 督察 rectification sheet of no place column whose 「整改进展」 tells the progress and whose 「是否完成」 gives the verdict;
- a 名录 of units with √ marks under 水环境 / 大气环境 (asked of both, or of none), a 「自动监控是否联网」 column and a 合计 row that counts;
- a plan's indicator sheet whose rows are grouped under section rows 「（大气环境）」「（水环境）」;
- a task sheet whose city-wide row names its 区县's figures in its progress text, beside a sheet counting its tasks by
  status.
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from assistant.table_answers import ROW_CONFIDENT
from corpus import load_document
from structured import build_tables
from structured.indicators import _section_heading
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

INSPECTION = [
    ["铜陵市2039年中央生态环境保护督察反馈问题整改情况表"],
    ["序号", "问题类别", "督察反馈问题", "责任单位", "整改措施", "整改进展", "是否完成"],
    [1, "大气污染", "顺安河沿岸砂石堆场扬尘污染问题", "义安区人民政府", "清理堆场并全面覆盖", "已清理堆场3处，剩余1处正在清理", "否"],
    [2, "大气污染", "城区餐饮油烟扰民问题", "铜官区人民政府", "安装油烟净化设施", "已安装净化设施并通过验收", "是"],
    [3, "水污染", "白荡湖周边畜禽养殖污染问题", "枞阳县人民政府", "关停搬迁养殖场", "已关停养殖场12家，剩余2家正在搬迁", "否"],
    [4, "固体废物", "尾矿库渗滤液收集问题", "市生态环境局", "建设渗滤液收集池", "收集池已建成投用", "是"],
]  # fmt: skip
REGISTER = [
    ["铜陵市2039年重点排污单位名录"],
    ["序号", "单位名称", "所在县（区）", "水环境", "大气环境", "自动监控是否联网"],
    [1, "铜陵冶炼厂", "铜官区", None, "√", "是"],
    [2, "义安化工公司", "义安区", "√", "√", "否"],
    [3, "枞阳水泥公司", "枞阳县", None, "√", "是"],
    [4, "郊区污水处理厂", "郊区", "√", None, "否"],
    [5, "铜官纸业公司", "铜官区", "√", None, "是"],
    ["合计", None, None, None, None, "联网3家"],
]
TASKS = [
    ["铜陵市2039年生态环境保护重点任务进展情况表（1-9月）"],
    ["序号", "重点任务", "具体措施", "牵头单位", "完成时限", "进展情况", "完成状态"],
    [1, "清洁取暖和散煤治理", "完成散煤清洁替代5000户", "市发展改革委", "2039年10月底",
     "截至9月底，累计完成改造4200户。其中：义安区2400户、枞阳县1800户。", "按进度推进"],
    [2, "建筑工地扬尘管控", "规模以上工地视频监控全覆盖", "市住房和城乡建设局", "2039年6月底", "已全部安装视频监控并联网。",
     "已完成"],
    [3, "城镇污水处理设施建设", "建成城北污水处理厂", "市住房和城乡建设局", "2039年9月底", "主体工程已完工，设备安装调试中。",
     "进度滞后"],
    [4, "餐饮油烟治理", "完成餐饮油烟净化设施安装300家", "市城市管理局", "2039年6月底", "已完成安装300家。", "已完成"],
    [5, "秸秆禁烧", "秸秆焚烧火点零发生", "市农业农村局", "2039年6月底", "未发现秸秆焚烧火点。", "已完成"],
]  # fmt: skip
SUMMARY = [
    ["重点任务完成情况统计（截至9月底）"],
    ["完成状态", "任务数（项）", "占比（%）"],
    ["已完成", 3, 60.0],
    ["按进度推进", 1, 20.0],
    ["进度滞后", 1, 20.0],
    ["合计", 5, 100.0],
]
INDICATORS = [
    ["铜陵市“十七五”生态环境保护规划主要指标"],
    ["序号", "指标名称", "单位", "2040年基期值", "2045年目标值", "属性"],
    ["（大气环境）", None, None, None, None, None],
    [1, "城市细颗粒物（PM2.5）平均浓度", "微克/立方米", 25, 22, "约束性"],
    [2, "城市空气质量优良天数比率", "%", 88, 90, "约束性"],
    ["（水环境）", None, None, None, None, None],
    [3, "地表水达到或好于Ⅲ类水体比例", "%", 80, 85, "约束性"],
    [4, "城市集中式饮用水水源达标率", "%", 100, 100, "预期性"],
    ["（应对气候变化）", None, None, None, None, None],
    [5, "单位地区生产总值二氧化碳排放降低", "%", None, 18, "约束性"],
    [6, "非化石能源占能源消费总量比重", "%", 12, 15, "预期性"],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tongling")
    inspection = folder / "铜陵市2039年中央生态环境保护督察反馈问题整改情况表.xlsx"
    workbook(inspection, {"整改情况": INSPECTION}, merged={"整改情况": ("A1:G1",)})
    register = folder / "铜陵市2039年重点排污单位名录.xlsx"
    workbook(register, {"名录": REGISTER}, merged={"名录": ("A1:F1", "A8:E8")})
    plan = folder / "铜陵市“十七五”生态环境保护规划.xlsx"
    workbook(plan, {"主要指标": INDICATORS}, merged={"主要指标": ("A1:F1", "A3:F3", "A6:F6", "A9:F9")})
    tasks = folder / "铜陵市2039年生态环境保护重点任务进展情况表（1-9月）.xlsx"
    workbook(
        tasks, {"重点任务": TASKS, "完成情况统计": SUMMARY}, merged={"重点任务": ("A1:G1",), "完成情况统计": ("A1:C1",)}
    )
    return [inspection, register, plan, tasks]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- a verdict column beside a progress column ----------------------------------------------------------------


def test_the_verdict_column_judges_not_the_progress_told(ask):
    # 是否完成 否: 顺安河 堆场, 白荡湖 养殖 (油烟 and 尾矿库: 是, though none of the four says 已完成)
    text = answer_text(ask("督察反馈的问题还有哪些没整改完？"))
    assert "顺安河" in text and "白荡湖" in text
    assert "油烟" not in text and "尾矿库" not in text


def test_one_problem_asked_by_its_words_is_answered_in_the_columns_words(ask):
    head = first_line(ask("枞阳白荡湖那个督察问题整改完了没"))
    assert "未完成" in head


# -- a register of units ----------------------------------------------------------------------------------------


def test_units_not_connected_are_listed_by_name(ask):
    head = first_line(ask("哪几家自动监控还没联网？"))
    assert "义安化工公司" in head and "郊区污水处理厂" in head
    assert not any(u in head for u in ("铜陵冶炼厂", "枞阳水泥公司", "铜官纸业公司", "合计"))  # (合计: 「联网3家」)


def test_units_marked_in_both_columns(ask):
    # √ under both 水环境 and 大气环境: 义安化工公司 only
    head = first_line(ask("哪些单位同时纳入水环境和大气环境？"))
    assert "义安化工公司" in head
    assert not any(u in head for u in ("铜陵冶炼厂", "枞阳水泥公司", "郊区污水处理厂", "铜官纸业公司"))


def test_units_not_marked_in_a_column(ask):
    # no √ under 大气环境: 郊区污水处理厂, 铜官纸业公司
    head = first_line(ask("没有纳入大气环境的单位有哪些？"))
    assert "郊区污水处理厂" in head and "铜官纸业公司" in head
    assert not any(u in head for u in ("铜陵冶炼厂", "义安化工公司", "枞阳水泥公司"))


def test_one_column_marked_and_another_not(ask):
    # √ under 水环境 and none under 大气环境: 郊区污水处理厂, 铜官纸业公司 (义安化工公司 has both)
    head = first_line(ask("纳入水环境但没有纳入大气环境的单位有哪些？"))
    assert "郊区污水处理厂" in head and "铜官纸业公司" in head
    assert not any(u in head for u in ("铜陵冶炼厂", "义安化工公司", "枞阳水泥公司"))


def test_either_of_two_marks_is_not_read_as_both(ask):
    # all five units have a √ under one of the two; 「同时」 would be 义安化工公司 alone
    found = ask("纳入水环境或者大气环境的单位有哪些？")
    if found is not None and not isinstance(found, Missing):
        head = first_line(found)
        assert all(u in head for u in ("铜陵冶炼厂", "义安化工公司", "枞阳水泥公司", "郊区污水处理厂", "铜官纸业公司"))


def test_a_register_is_a_table(files):
    tables = build_tables([load_document(files[1])])
    assert len(tables.generic) == 1, "the register of words and marks is a generic table"
    frame = tables.frames[next(iter(tables.generic))]
    cells = " ".join(map(str, frame.to_numpy().ravel()))
    assert "义安化工公司" in cells and "郊区污水处理厂" in cells


def test_events_counted_are_not_read_off_a_register(ask):
    found = ask("义安区今年发生了几起突发环境事件？")
    assert found is None or isinstance(found, Missing) or found.confidence < ROW_CONFIDENT


# -- section rows of an indicator sheet ---------------------------------------------------------------------------


def test_section_rows_are_no_indicators(ask):
    assert "共6项" in first_line(ask("十七五规划一共有几个指标？"))


def test_a_section_row_gives_its_rows_their_domain(ask):
    text = answer_text(ask("水环境方面有哪些指标？"))
    assert "地表水" in text and "饮用水" in text
    assert "细颗粒物" not in text and "二氧化碳" not in text


def test_an_attribute_asked_of_a_row_named_in_other_words(ask):
    # 非化石能源占能源消费总量比重 is 预期性, so the answer to 「是约束性的吗」 is no
    text = answer_text(ask("非化石能源占比这个指标是约束性的吗"))
    assert "预期性" in text and "非化石能源" in text


def test_per_gdp_is_the_row_written_with_the_regions_product(ask):
    text = answer_text(ask("单位GDP二氧化碳排放降低的目标是多少？"))
    assert "18" in text and "非化石" not in text


# -- a task sheet beside the inspection sheet -------------------------------------------------------------------


def test_tasks_done_are_the_task_sheets_not_the_inspection_sheets_yes_column(ask):
    # 完成状态 已完成: 扬尘管控, 油烟治理, 秸秆禁烧 (the 督察 sheet's 是否完成 has two 是: 油烟扰民, 尾矿库)
    text = answer_text(ask("已经完成的任务有几项？"))
    assert "3项" in text.splitlines()[0] and "尾矿库" not in text


def test_a_county_named_only_in_a_city_rows_progress_finds_that_row(ask):
    # 枞阳县 has no task row of its own; the city's 散煤 row says 「其中：…枞阳县1800户」
    text = answer_text(ask("枞阳县散煤清洁取暖改造到9月底完成了多少户？"))
    assert "1800户" in text


def test_the_tasks_lagging_are_listed_not_the_count_by_status(ask):
    # 完成状态 进度滞后: 城镇污水处理设施建设 only; the summary sheet's 「进度滞后 1项」 names no task
    text = answer_text(ask("重点任务里进度滞后的是哪几项？"))
    assert "城镇污水处理设施建设" in text and "占比" not in text


def test_a_quoted_name_no_row_writes_is_not_answered_from_the_rows(ask):
    # no row of any sheet writes 「无废城市」: the rows of a sheet are not its answer
    found = ask("哪几个县区已经拿到“无废城市”命名了？")
    assert found is None or isinstance(found, Missing) or found.confidence < ROW_CONFIDENT


def test_a_quoted_word_the_rows_write_is_answered_by_them(ask):
    # 属性 预期性: 城市集中式饮用水水源达标率, 非化石能源占能源消费总量比重
    text = answer_text(ask("属性为“预期性”的指标有哪些？"))
    assert "饮用水" in text and "非化石能源" in text and "细颗粒物" not in text


def test_a_county_named_only_in_a_city_rows_text_is_not_counted_as_its_rows(ask):
    # the city's 散煤 row names 枞阳县's 1800户; it is no task of 枞阳县 to count
    found = ask("枞阳县有几项重点任务？")
    assert found is None or isinstance(found, Missing) or "共1项" not in answer_text(found)


def test_a_section_row_is_merged_or_written_as_a_heading():
    assert _section_heading(["（水环境）", "", "", ""]) == "水环境"
    assert _section_heading(["二、大气环境", "", "", ""]) == "大气环境"
    assert _section_heading(["应对气候变化"] * 5) == "应对气候变化"
    # a parent indicator whose figures are its 「其中」 rows' is an indicator, not a section
    assert _section_heading(["主要污染物重点工程减排量", "", "", ""]) == ""


# -- a 督察 sheet with a 区县 column, read as a task sheet -------------------------------------------------------

COUNTY_INSPECTION = [
    ["铜陵市2039年省级生态环境保护督察反馈问题整改情况表"],
    ["序号", "县（区）", "问题描述", "整改措施", "整改进展", "是否完成整改"],
    [1, "义安区", "钟鸣镇采石场生态修复滞后问题", "完成采石场复绿", "已复绿12公顷，剩余3公顷正在施工", "否"],
    [2, "铜官区", "城区建筑工地扬尘问题", "落实六个百分之百", "已全部落实并通过验收", "是"],
    [3, "枞阳县", "菜子湖周边养殖尾水直排问题", "建设尾水处理设施", "已建成尾水处理设施4处，剩余1处在建", "否"],
]  # fmt: skip


@pytest.fixture(scope="module")
def ask_county(tmp_path_factory, table_asker):
    path = tmp_path_factory.mktemp("tongling-county") / "铜陵市2039年省级生态环境保护督察反馈问题整改情况表.xlsx"
    workbook(path, {"整改情况": COUNTY_INSPECTION}, merged={"整改情况": ("A1:F1",)})
    return table_asker([load_document(path)])


def test_a_county_inspection_sheet_names_its_problems_and_judges_by_its_yes_no_column(ask_county):
    # 是否完成整改 否: 义安区 采石场, 枞阳县 菜子湖 (铜官区 扬尘: 是)
    text = answer_text(ask_county("哪些问题还没有完成整改？"))
    assert "采石场" in text and "菜子湖" in text and "扬尘" not in text
    assert "已完成" in first_line(ask_county("铜官区整改完了吗？"))


def test_whether_an_indicator_already_reached_its_later_target(ask):
    # PM2.5 基期值 25 against its 2045 target 22 (lower is better); 优良天数比率 88 against 90
    assert first_line(ask("城市细颗粒物平均浓度达到目标了没？")).startswith("否")
    assert first_line(ask("饮用水水源达标率达到目标了没？")).startswith("是")  # 100 against 100


def test_the_rows_of_a_section_named_in_passing_by_the_plans_table(ask):
    # （水环境）: 地表水 约束性, 饮用水水源 预期性
    text = answer_text(ask("十七五规划指标表水环境那几项里面，哪些是预期性的？"))
    assert "饮用水水源" in text and "地表水" not in text
