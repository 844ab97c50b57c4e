"""Layouts of a city built here (阳江市, 2025年1-6月) that a bureau sends as they are:

- a table of lagging tasks only (.docx), grouped by 责任单位 (merged down each group), the 区县 named only inside
  the task's name, and progress that states counts (「已完成7家」) but no status words;
- a funds workbook with one sheet per fund level (the level only in the sheet's title), a 小计 row per 区县 and
  a 合计 row;
- a stations sheet with a two-row header (「PM2.5」 over 「浓度」), NO2, 综合指数 and its 排名;
- a notice (.docx) with a table of water sections: 水质目标 / 1-6月水质 / 上年同期 as classes (Ⅱ–Ⅴ);
- a sheet of months as rows and 区县 as columns, with a 全市 column and a 「1-4月」 row;
- a statistics sheet of a kind no schema knows (执法检查: 检查家次, 立案数, 罚款金额) with a 合计 row.

All figures are made up for these tests; expected answers are read off the tables below.
"""

from __future__ import annotations

import docx
import pytest

from assistant.planner import Missing
from corpus import load_document
from structured.executor import _names
from structured.progress import read_status
from tests.support.documents import add_docx_table, workbook

LAGGING_TITLE = "阳江市2025年污染防治攻坚战重点任务进度滞后情况表（1-6月）"
# 责任单位, 序号, 任务名称, 目标要求, 1-6月进展, 滞后原因 — the unit is merged down its group
LAGGING = [
    ("市生态环境局", "1", "推进阳春市涉VOCs重点企业综合整治", "6月底前完成12家企业整治。", "已完成7家，完成率58.3%。",
     "资金紧张。"),
    ("", "2", "推动阳西县加油站油气回收在线监控联网", "6月底前完成9座加油站联网。", "已完成安装4座。", "审批较慢。"),
    ("市住房城乡建设局", "3", "加快阳春市城区污水管网建设", "6月底前完成20公里。", "已完成12.6公里，完成率63.0%。",
     "征地拆迁。"),
    ("", "4", "推进阳东区生活污水处理厂提质增效工程", "6月底前完成主体工程。", "主体工程完成约65%。", "设备到货晚。"),
    ("", "5", "完善江城区生活污水配套管网", "6月底前完成5.2公里。", "已完成2.1公里，完成率40.4%。", "管线迁改。"),
    ("市农业农村局", "6", "推进阳春市农村生活污水治理", "6月底前完成40个自然村。", "已完成23个，完成率57.5%。",
     "村民协调难。"),
]  # fmt: skip

# 区县, 项目名称, 下达资金（万元）, 已支出（万元）, 支出进度, 项目状态 — per level, 小计 per 区县, a 合计 row
CENTRAL = [
    ("江城区", "江城区黑臭水体整治", 1200, 756, "63.0%", "在建"),
    ("江城区", "江城区小计", 1200, 756, "63.0%", ""),
    ("阳春市", "漠阳江流域农村污水治理", 1500, 420, "28.0%", "在建"),
    ("阳春市", "阳春市大气监测能力建设", 500, 500, "100.0%", "已完工"),
    ("阳春市", "阳春市小计", 2000, 920, "46.0%", ""),
    ("合计", "", 3200, 1676, "52.4%", ""),
]
PROVINCIAL = [
    ("阳东区", "阳东区入海排污口整治", 400, 0, "0.0%", "未开工"),
    ("阳东区", "阳东区餐饮油烟监控", 300, 90, "30.0%", "在建"),
    ("阳东区", "阳东区小计", 700, 90, "12.9%", ""),
    ("阳西县", "阳西县饮用水水源地隔离防护", 260, 0, "0.0%", "未开工"),
    ("阳西县", "阳西县小计", 260, 0, "0.0%", ""),
    ("合计", "", 960, 90, "9.4%", ""),
]

# 站点, 所属区县, PM2.5浓度, PM2.5年度目标, NO2, 综合指数, 排名 (1 = the best, the lowest index)
STATIONS = [
    ("鸳鸯湖", "江城区", 19, 18, 17, 2.49, 3),
    ("东平", "阳东区", 16, 17, 12, 2.06, 1),
    ("合山", "阳东区", 17, 18, 15, 2.28, 2),
    ("春城", "阳春市", 22, 20, 18, 2.77, 4),
]

# 序号, 断面, 所在区县, 水质目标, 1-6月水质, 上年同期
SECTIONS = [
    ("1", "漠阳江大桥", "阳春市", "Ⅲ", "Ⅱ", "Ⅲ"),
    ("2", "那龙河口", "阳东区", "Ⅱ", "Ⅱ", "Ⅱ"),
    ("3", "织篢河闸", "阳西县", "Ⅳ", "Ⅴ", "Ⅳ"),
    ("4", "东湖出口", "江城区", "Ⅲ", "Ⅳ", "Ⅳ"),
]


def _lagging_docx(path):
    word = docx.Document()
    word.add_paragraph(LAGGING_TITLE)
    header = ["责任单位", "序号", "任务名称", "目标要求", "1-6月进展", "滞后原因"]
    add_docx_table(word, header, LAGGING, merged=((1, 2, (0,)), (3, 5, (0,))))
    word.save(path)


def _funds_xlsx(path):
    header = ["区县", "项目名称", "下达资金（万元）", "已支出（万元）", "支出进度", "项目状态"]
    workbook(
        path,
        {"中央资金": [["阳江市2025年中央生态环境资金执行情况表"], header, *CENTRAL],
         "省级资金": [["阳江市2025年省级生态环境资金执行情况表"], header, *PROVINCIAL]},
    )  # fmt: skip


def _stations_xlsx(path):
    upper = ["站点名称", "所属区县", "PM2.5", None, "NO2", "综合指数", "排名"]
    lower = [None, None, "浓度", "年度目标", None, None, None]
    workbook(
        path,
        {"站点数据": [["阳江市2025年1-6月空气质量自动监测站点数据"], upper, lower, *STATIONS]},
        merged={"站点数据": ("A2:A3", "B2:B3", "C2:D2", "E2:E3", "F2:F3", "G2:G3")},
    )


def _water_docx(path):
    word = docx.Document()
    word.add_paragraph("关于2025年1-6月全市地表水环境质量状况的通报")
    word.add_paragraph("1-6月，全市4个考核断面中，2个达到水质考核目标。各断面水质情况见表1。")
    word.add_paragraph("表1　2025年1-6月阳江市地表水考核断面水质情况")
    add_docx_table(word, ["序号", "断面", "所在区县", "水质目标", "1-6月水质", "上年同期"], SECTIONS)
    word.save(path)


# 月份, 江城区, 阳东区, 阳春市, 全市 — the unit in the title
MONTHS = [("1月", 31, 33, 28, 31), ("2月", 27, 29, 25, 27), ("3月", 24, 26, 22, 24), ("4月", 20, 23, 19, 21),
          ("1-4月", 26, 28, 24, 26)]  # fmt: skip
# 县区, 检查家次, 立案数（宗）, 罚款金额（万元）
INSPECTIONS = [("江城区", 120, 8, 56.5), ("阳东区", 210, 15, 130.2), ("阳春市", 160, 11, 88.0), ("市局直接办理", 40, 3, 47.9),
               ("合计", 530, 37, 322.6)]  # fmt: skip


def _monthly_xlsx(path):
    title = "阳江市2025年1-4月各县区PM2.5月均浓度（单位：微克/立方米）"
    workbook(path, {"PM2.5逐月": [[title], ["月份", "江城区", "阳东区", "阳春市", "全市"], *MONTHS]})


def _inspections_xlsx(path):
    header = ["县区", "检查家次", "立案数（宗）", "罚款金额（万元）"]
    workbook(path, {"执法检查": [["阳江市2025年1-4月重点排污单位执法检查情况统计表"], header, *INSPECTIONS]})


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("yangjiang_lagging")
    paths = {
        "lagging": folder / f"{LAGGING_TITLE}.docx",
        "funds": folder / "阳江市2025年各级生态环境资金执行情况（截至6月30日）.xlsx",
        "stations": folder / "阳江市2025年1-6月空气质量自动监测站点数据.xlsx",
        "water": folder / "关于2025年1-6月全市地表水环境质量状况的通报.docx",
        "monthly": folder / "阳江市2025年1-4月各县区PM2.5月均浓度.xlsx",
        "inspections": folder / "阳江市2025年1-4月重点排污单位执法检查情况统计表.xlsx",
    }
    _lagging_docx(paths["lagging"])
    _funds_xlsx(paths["funds"])
    _stations_xlsx(paths["stations"])
    _water_docx(paths["water"])
    _monthly_xlsx(paths["monthly"])
    _inspections_xlsx(paths["inspections"])
    return [load_document(p) for p in paths.values()]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def _named(answer, names) -> set[str]:
    return {n for n in names if n in answer.text}


def test_a_count_of_work_done_is_no_status():
    assert read_status("已完成7家，完成率58.3%。").status == "unknown"
    assert read_status("已完成安装4座。").status == "unknown"
    assert read_status("已完成。按期投运。").status == "completed"
    assert read_status("已完成2024年度建设任务。").status == "completed"  # a year is no count
    assert read_status("已完成全部12家企业整治。").status == "completed"


def test_a_departments_short_name_names_it():
    assert _names("市住房城乡建设局", "住建局") and _names("市交通运输局", "交通局")
    assert _names("市市场监督管理局", "市场监管局")
    assert not _names("市水务局", "水利局")


def test_every_row_of_a_lagging_table_lags_and_the_unit_responsible_leads(ask):
    answer = ask("市住建局有几项任务进度滞后？")
    assert "3项" in answer.text.splitlines()[0]
    most = ask("哪个部门进度滞后的任务最多？")
    assert "市住房城乡建设局" in most.text.splitlines()[0]


def test_a_county_named_in_the_task_is_the_rows_county(ask):
    answer = ask("阳春市有几项任务没跟上进度？")
    assert "3项" in answer.text.splitlines()[0]
    by_unit = ask("市农业农村局滞后的工作在哪些区县？")
    assert _named(by_unit, ("阳春市", "阳东区", "江城区", "阳西县")) == {"阳春市"}


def test_a_level_named_only_by_a_sheets_title_picks_that_sheet(ask):
    answer = ask("省级资金里还没开工的项目有哪些？")
    assert _named(answer, ("阳东区入海排污口整治", "阳西县饮用水水源地隔离防护", "阳春市大气监测能力建设",
                           "阳东区餐饮油烟监控")) == {"阳东区入海排污口整治", "阳西县饮用水水源地隔离防护"}  # fmt: skip


def test_a_sum_of_a_whole_sheet_is_its_total_row_not_a_subtotal(ask):
    answer = ask("中央资金一共下达了多少？支出进度是多少？")
    assert "3200" in answer.text and "52.4%" in answer.text
    assert "第6行（合计）" in answer.text  # the row the document states, cited
    assert "46.0%" not in answer.text  # 阳春市's 小计
    counted = ask("中央资金一共有几个项目？")  # a count is of the projects, not the 合计 row
    assert "3个项目" in counted.text.splitlines()[0]


def test_a_pollutants_other_name_reads_its_column_not_a_generic_lower_header(ask):
    answer = ask("二氧化氮浓度高于15的站点有哪些？")
    assert _named(answer, ("鸳鸯湖", "东平", "合山", "春城")) == {"鸳鸯湖", "春城"}


def test_first_place_is_the_best_of_what_is_better_lower(ask):
    first = ask("综合指数排第一的是哪个站点？")
    assert "东平" in first.text.splitlines()[0] and "春城" not in first.text.splitlines()[0]
    last = ask("那排最后一名的呢？", [{"role": "user", "content": "综合指数排第一的是哪个站点？"},
                                {"role": "assistant", "content": "东平，综合指数2.06。"}])  # fmt: skip
    assert "春城" in last.text.splitlines()[0]


def test_water_classes_are_compared_with_their_target_and_last_year(ask):
    missed = ask("哪些断面没有达到水质目标？")
    assert _named(missed, ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")) == {"织篢河闸", "东湖出口"}
    worse = ask("哪些断面水质比去年同期变差了？")
    assert _named(worse, ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")) == {"织篢河闸"}
    better = ask("哪些断面水质比上年同期好转了？")
    assert _named(better, ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")) == {"漠阳江大桥"}


def test_a_class_asked_is_read_in_the_column_of_classes_the_question_means(ask):
    counted = ask("水质是Ⅱ类的断面有几个？")
    assert "2个断面" in counted.text.splitlines()[0]
    assert _named(counted, ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")) == {"漠阳江大桥", "那龙河口"}
    targets = ask("水质目标是Ⅲ类的断面有哪些？")
    assert _named(targets, ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")) == {"漠阳江大桥", "东湖出口"}
    last_year = ask("去年同期是Ⅳ类的断面有哪些？")
    assert _named(last_year, ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")) == {"织篢河闸", "东湖出口"}


def test_a_ranking_across_the_province_is_not_in_a_citys_tables(ask):
    answer = ask("阳江市上半年PM2.5在全省排第几名？")
    assert isinstance(answer, Missing) and "全省" in answer.what


def test_a_follow_up_keeps_the_department_asked_before(ask):
    history = [{"role": "user", "content": "市住建局有几项任务进度滞后？"},
               {"role": "assistant", "content": "市住房城乡建设局共有3项任务进度滞后。"}]  # fmt: skip
    answer = ask("其中阳东区那项进展到什么程度了？", history)
    assert "提质增效" in answer.text and "65%" in answer.text
    assert "阳春市" not in answer.text


def test_a_follow_up_naming_another_level_asks_the_same_of_its_sheet(ask):
    history = [{"role": "user", "content": "中央资金里在建的项目有几个？"},
               {"role": "assistant", "content": "中央资金在建项目2个：江城区黑臭水体整治、漠阳江流域农村污水治理。"}]  # fmt: skip
    answer = ask("省级资金呢？", history)
    assert _named(answer, ("阳东区餐饮油烟监控", "阳东区入海排污口整治", "江城区黑臭水体整治")) == {
        "阳东区餐饮油烟监控"
    }


def test_a_sheet_of_months_by_county_ranks_the_counties_of_a_month(ask):
    top = ask("3月哪个县区PM2.5最高？")
    assert "阳东区" in top.text.splitlines()[0] and "26" in top.text.splitlines()[0]
    one = ask("阳东区2月PM2.5是多少？")
    assert "29" in one.text and "33" not in one.text
    span = ask("1-4月阳春市PM2.5是多少？")  # the sheet's own 1-4月 row
    assert "24" in span.text


def test_a_sheet_of_a_new_kind_is_summed_by_its_total_row_and_ranked(ask):
    fined = ask("全市一共罚了多少钱？")
    assert "322.6" in fined.text and "第5行（合计）" in fined.text
    most = ask("罚款金额最多的是哪个县区？")
    assert "阳东区" in most.text.splitlines()[0] and "130.2" in most.text.splitlines()[0]


def test_a_rank_column_ranks_first_the_one_numbered_1(ask):
    answer = ask("哪个站点排名第一？")
    assert "东平" in answer.text.splitlines()[0]


def test_water_classes_asked_as_a_range(ask):
    sections = ("漠阳江大桥", "那龙河口", "织篢河闸", "东湖出口")
    assert _named(ask("水质达到或好于Ⅲ类的断面有哪些？"), sections) == {"漠阳江大桥", "那龙河口"}
    assert _named(ask("Ⅰ～Ⅲ类的断面有哪些？"), sections) == {"漠阳江大桥", "那龙河口"}
    assert _named(ask("水质劣于Ⅲ类的断面有哪些？"), sections) == {"织篢河闸", "东湖出口"}


def test_a_last_year_column_pairs_with_the_figure_it_repeats(tmp_path, table_asker):
    """「上年同期PM2.5」 after 「NO2」: the change of PM2.5 is PM2.5's, never NO2 minus last year's PM2.5."""
    path = tmp_path / "阳江市2025年1-6月站点浓度同比.xlsx"
    header = ["站点", "PM2.5", "NO2", "上年同期PM2.5", "上年同期NO2"]
    rows = [("鸳鸯湖", 19, 17, 21, 12), ("东平", 16, 12, 15, 14)]
    workbook(path, {"同比": [["阳江市2025年1-6月站点浓度同比"], header, *rows]})
    ask_here = table_asker([load_document(path)])
    rising = ask_here("哪些站点NO2比去年同期上升了？")
    assert _named(rising, ("鸳鸯湖", "东平")) == {"鸳鸯湖"}  # 17 > 12; 东平 12 < 14


def test_a_ranking_across_the_province_is_read_where_a_table_ranks_the_cities(tmp_path, table_asker):
    path = tmp_path / "2025年1-6月全省各地级市空气质量排名.xlsx"
    rows = [("广州市", 22, 3), ("深圳市", 17, 1), ("珠海市", 18, 2), ("阳江市", 23, 4)]
    workbook(path, {"排名": [["2025年1-6月全省各地级市空气质量排名"], ["城市", "PM2.5（微克/立方米）", "排名"], *rows]})
    answer = table_asker([load_document(path)])("阳江市上半年PM2.5在全省排第几名？")
    assert "第4" in answer.text.splitlines()[0]
