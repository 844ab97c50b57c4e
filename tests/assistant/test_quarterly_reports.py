"""A quarter's reports as another province's bureau would send them (娄底市, 2032, all figures made up here;
expected answers are read off the rows below):

- a Word table whose first row is its title merged across it, over a two-row header that puts 「1-9月进展」 and
  「推进评价」 under 「推进情况」, graded 已完成 / 序时推进 / 滞后序时 / 未启动;
- a workbook of the 区县's funds with a 「是否达到序时进度」 column (「—」 in its 合计 row), and of stations
  whose 「达标情况」 names the pollutants they miss;
- a plain-text work plan with a summary of the grades (「推进评价 任务数 占比」) and a project list typed with
  spaces: header, ruler, rows, 「合计（4个项目）」, in 万元;
- an indicator sheet with 「2020年（基准值）」, 「2031年」 and 「2032年1-9月」 columns.
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

TITLE = "娄底市2032年1-9月污染防治攻坚战重点任务推进情况表"
HEADER_TOP = ["序号", "区县（市）", "任务类别", "年度目标任务", "推进情况", "推进情况", "分值（分）"]
HEADER_LOW = ["序号", "区县（市）", "任务类别", "年度目标任务", "1-9月进展", "推进评价", "分值（分）"]
TASKS = [
    ["1", "娄星区", "入河排污口整治", "完成20个入河排污口整治。", "20个入河排污口已全部完成整治。", "已完成", "3"],
    ["2", "娄星区", "餐饮油烟治理", "安装率达到95%。", "安装率88.6%，低于序时要求。", "滞后序时", "2"],
    ["3", "双峰县", "入河排污口整治", "完成16个入河排污口整治。", "已完成整治12个，完成率75%。", "序时推进", "3"],
    ["4", "双峰县", "化工园区风险防控", "完成有毒有害气体预警体系建设。", "尚未启动建设，资金未落实。", "未启动", "2"],
    ["5", "新化县", "入河排污口整治", "完成25个入河排污口整治。", "25个入河排污口已全部完成整治。", "已完成", "3"],
    ["6", "新化县", "砂石码头扬尘整治", "完成12处码头整治。", "已完成5处，其余尚未开工。", "滞后序时", "2"],
    ["7", "涟源市", "入河排污口整治", "完成14个入河排污口整治。", "尚未开展实质性整治。", "未启动", "3"],
]  # fmt: skip
FUNDS = [
    ["2032年生态环境专项资金执行情况统计表（截至9月30日）"],
    ["序号", "区县（市）", "省级及以上资金", None, None, "市级资金", None, None, "是否达到序时进度"],
    [
        None,
        None,
        "下达金额（万元）",
        "已支出（万元）",
        "执行率（%）",
        "下达金额（万元）",
        "已支出（万元）",
        "执行率（%）",
        None,
    ],
    [1, "娄星区", 420.0, 287.35, 68.4, 150.0, 121.5, 81.0, "是"],
    [2, "双峰县", 860.0, 476.12, 55.4, 210.0, 168.73, 80.3, "否"],
    [3, "新化县", 745.0, 523.18, 70.2, 180.0, 126.0, 70.0, "是"],
    [4, "涟源市", 610.0, 246.27, 40.4, 120.0, 66.91, 55.8, "否"],
    ["合计", None, 2635.0, 1532.92, 58.2, 660.0, 483.14, 73.2, "—"],
]
FUNDS_MERGES = ("A1:I1", "A2:A3", "B2:B3", "C2:E2", "F2:H2", "I2:I3")
STATIONS = [
    ["2032年1-9月各区县（市）环境空气自动监测站点浓度统计表"],
    ["区县（市）", "站点名称", "PM2.5", None, "PM10", None, "达标情况"],
    [None, None, "1-9月均值", "年度目标", "1-9月均值", "年度目标", None],
    ["娄星区", "湘中站", 38, 37, 61, 62, "PM2.5未达标"],
    ["双峰县", "洪山站", 39, 36, 66, 60, "PM2.5、PM10未达标"],
    ["新化县", "资江站", 30, 33, 48, 55, "达标"],
    ["涟源市", "白马站", 34, 35, 64, 58, "PM10未达标"],
]
STATIONS_MERGES = ("A1:G1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3")
PLAN = [
    ["娄底市“十五五”生态环境保护规划主要指标评估表"],
    ["序号", "指标名称", "单位", "2020年（基准值）", "2031年", "2032年1-9月", "2032年目标值", "指标属性", "评估结论"],
    [1, "农村生活污水治理率", "%", 21.0, 33.5, 37.2, 40, "预期性", "滞后"],
    [2, "森林覆盖率", "%", 49.1, 50.2, 50.6, 50.5, "约束性", "达到"],
]
PROJECTS = """娄底市2032年深入打好污染防治攻坚战工作要点

一、推进评价
前三季度重点任务推进评价汇总如下：

推进评价    任务数（项）   占比
已完成      2              28.6%
序时推进    1              14.3%
滞后序时    2              28.6%
未启动      2              28.6%

二、重点项目
各区县市按清单推进重点项目建设。

附件

2032年污染防治攻坚战重点项目清单
单位：万元
序号  项目名称                              所在地   总投资   2032年计划投资  完成时限
------------------------------------------------------------------------------------
1     娄星区涟水河入河排污口规范化整治      娄星区   2800     2800            2032年11月
2     双峰县城区污水处理厂提标改造工程      双峰县   12400    5100            2033年6月
3     新化县资江沿线砂石码头扬尘整治        新化县   3200     3200            2032年12月
4     涟源市锡矿山历史遗留废渣治理工程      涟源市   18600    7200            2033年12月
------------------------------------------------------------------------------------
      合计（4个项目）                                37000    18300
"""


def _progress_docx(path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("附件1")
    table = word.add_table(rows=3 + len(TASKS), cols=len(HEADER_TOP))
    for row, texts in zip(table.rows, [[TITLE] * 7, HEADER_TOP, HEADER_LOW, *TASKS], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    table.cell(0, 0).merge(table.cell(0, 6)).text = TITLE  # the title, merged across the table
    for c in (0, 1, 2, 3, 6):  # merged down over the header's two rows
        table.cell(1, c).merge(table.cell(2, c)).text = HEADER_TOP[c]
    table.cell(1, 4).merge(table.cell(1, 5)).text = "推进情况"
    word.save(path)


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("loudi")
    progress = folder / "附件1_2032年1-9月污染防治攻坚战重点任务推进情况表.docx"
    _progress_docx(progress)
    sheets = folder / "2032年1-9月空气质量及专项资金统计.xlsx"
    workbook(sheets, {"专项资金": FUNDS, "空气站点": STATIONS},
             merged={"专项资金": FUNDS_MERGES, "空气站点": STATIONS_MERGES})  # fmt: skip
    plan = folder / "娄底市十五五生态环境保护规划主要指标评估表.xlsx"
    workbook(plan, {"主要指标": PLAN})
    points = folder / "娄底市2032年深入打好污染防治攻坚战工作要点.txt"
    points.write_bytes(PROJECTS.replace("\n", "\r\n").encode("gb18030"))
    return [load_document(p) for p in (progress, sheets, plan, points)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def test_a_title_row_merged_across_a_word_table_is_its_caption(documents):
    table = documents[0].tables[0]
    assert table.caption == TITLE
    assert TITLE not in [cell for row in table.rows for cell in row]


def test_the_grade_under_the_progress_header_picks_the_tasks(ask):
    head = first_line(ask("前三季度推进评价是“滞后序时”的任务，都落在哪些区县？"))
    assert "娄星区" in head and "新化县" in head and "双峰县" not in head and "涟源市" not in head


def test_tasks_not_started_are_counted_with_their_places(ask):
    text = answer_text(ask("到现在还有几项任务压根没启动？分别是哪里的"))
    assert "共2项" in text and "双峰县" in text and "涟源市" in text and "娄星区" not in text


def test_done_said_with_the_works_own_verb(ask):
    head = first_line(ask("入河排污口已经全部整治完的是哪几个区县"))
    assert "娄星区" in head and "新化县" in head and "双峰县" not in head and "涟源市" not in head


def test_a_yes_no_column_with_a_blank_total_row_picks_rows(ask):
    head = first_line(ask("资金支出达到序时进度的是哪几个区县"))
    assert "娄星区" in head and "新化县" in head and "双峰县" not in head and "涟源市" not in head


def test_past_a_percent_said_with_guo(ask):
    text = answer_text(ask("涟源市市级资金执行率过75%了吗"))
    assert "55.8%" in text and text.startswith(("否", "没有"))


def test_above_a_hundred_million_of_a_column_in_ten_thousands(ask):
    head = first_line(ask("重点项目清单里总投资过亿的有哪几个？"))
    assert "双峰县城区污水处理厂" in head and "涟源市锡矿山" in head  # 12400, 18600万元
    assert "娄星区涟水河" not in head and "新化县资江" not in head and "10000亿" not in head


def test_the_total_row_of_a_typed_list_is_nobodys(ask):
    text = answer_text(ask("重点项目今年计划投资合计多少"))
    assert "18300" in text and "涟源市" not in text


def test_the_value_so_far_is_the_period_column(ask):
    text = answer_text(ask("农村生活污水治理率离今年的目标还差几个百分点？"))
    assert "2.8个百分点" in text  # 40 − 37.2 of 2032年1-9月, not of 2020年 or 2031年


def test_a_pollutant_named_ranks_its_column_over_every_station(ask):
    head = first_line(ask("PM2.5浓度最低的是哪个站点，多少？"))
    assert "资江站" in head and "30" in head  # though 达标情况 names PM2.5 only where it is missed


def test_a_field_no_row_holds_is_said_missing(ask):
    answer = ask("锡矿山历史遗留废渣治理工程是哪家施工单位在做？")
    assert answer is not None and not isinstance(answer, Missing) and answer.mismatch == "「施工单位」"
