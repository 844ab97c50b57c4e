"""A progress table graded in a column of its own, and sheets a bureau of another province would send
(铜仁市 in 2031, all figures made up here; expected answers are read off the rows below):

- a Word table whose two-row header puts 「进展情况」 and 「评价」 under 「推进情况（截至10月底）」, grades tasks
  已完成 / 序时推进 / 进度偏慢 / 明显滞后, states a task's counts as 「年度任务40个行政村，已完成12个」 or
  「排污口80个，已整治30个，整治率37.5%」, and ends in a 「说明：…」 row merged across the table;
- a workbook whose air sheet says 「单位：微克/立方米（优良天数比例为%）」 and whose fund sheet groups its
  allocations under 「资金下达」 beside 「已支出」;
- a plan's indicators with a 2020 base year.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from structured.progress import read_numbers
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

GRADES_NOTE = "说明：评价分“已完成”“序时推进”“进度偏慢”“明显滞后”四档，完成量低于序时进度50%的为“明显滞后”。"
HEADER_TOP = [
    "类别",
    "序号",
    "重点任务",
    "年度目标要求",
    "责任区县",
    "推进情况（截至10月底）",
    "推进情况（截至10月底）",
]
HEADER_LOW = ["类别", "序号", "重点任务", "年度目标要求", "责任区县", "进展情况", "评价"]
TASKS = [
    ["水污染防治", "1", "农村生活污水治理", "完成年度行政村治理任务。", "碧江区", "年度任务40个行政村，已完成12个。", "明显滞后"],
    ["水污染防治", "1", "农村生活污水治理", "完成年度行政村治理任务。", "万山区", "年度任务30个行政村，已完成24个。", "序时推进"],
    ["水污染防治", "1", "农村生活污水治理", "完成年度行政村治理任务。", "江口县", "年度任务25个行政村，已完成25个。", "已完成"],
    ["水污染防治", "2", "入河排污口整治", "完成排查出的排污口整治。", "碧江区", "排污口80个，已整治30个，整治率37.5%。", "明显滞后"],
    ["水污染防治", "2", "入河排污口整治", "完成排查出的排污口整治。", "石阡县", "排污口50个，已整治41个，整治率82.0%。", "序时推进"],
    ["大气污染防治", "3", "燃煤锅炉淘汰", "10蒸吨以下燃煤锅炉清零。", "思南县", "年度任务8台，已淘汰5台。", "进度偏慢"],
    ["大气污染防治", "3", "燃煤锅炉淘汰", "10蒸吨以下燃煤锅炉清零。", "万山区", "年度任务6台，已淘汰6台。", "已完成"],
]  # fmt: skip
AIR = [
    ["2031年1-10月铜仁市各区县空气质量监测站点情况"],
    ["统计时段：2031年1月1日—10月31日", None, None, None, None, "单位：微克/立方米（优良天数比例为%）"],
    ["区县", "站点名称", "PM2.5", None, "PM10", None, "优良天数比例"],
    [None, None, "1-10月", "年度目标", "1-10月", "年度目标", None],
    ["碧江区", "锦江站", 31, 30, 58, 60, 69.5],
    ["万山区", "丹都站", 28, 30, 71, 60, 72.4],
    ["江口县", "梵净站", 24, 26, 49, 55, 66.8],
    ["思南县", "乌江站", 27, 28, 55, 56, 75.1],
]
AIR_MERGES = ("A1:G1", "A2:E2", "F2:G2", "A3:A4", "B3:B4", "C3:D3", "E3:F3", "G3:G4")
FUNDS = [
    ["2031年度生态环境保护专项资金下达及支出情况（截至10月31日）"],
    ["单位：万元"],
    ["序号", "区县", "资金下达", None, None, "已支出", "执行率"],
    [None, None, "中央", "省级", "小计", None, None],
    [1, "碧江区", 800, 200, 1000, 410.5, 41.05],
    [2, "万山区", 500, 300, 800, 640, 80.0],
    [3, "江口县", 600, 150, 750, 300, 40.0],
    [4, "石阡县", 400, 100, 500, 455, 91.0],
    [5, "思南县", 300, 200, 500, 190, 38.0],
]
FUNDS_MERGES = ("A1:G1", "A2:G2", "A3:A4", "B3:B4", "C3:E3", "F3:F4", "G3:G4")
PLAN = [
    ["铜仁市“十五五”生态环境保护规划主要指标"],
    ["序号", "指标", "单位", "2020年（基准年）", "2030年目标", "指标属性"],
    [1, "森林覆盖率", "%", 60.2, 63.5, "约束性"],
    [2, "城市生活污水集中收集率", "%", 58.4, 70, "预期性"],
    [3, "细颗粒物浓度", "微克/立方米", 33, 28, "约束性"],
]


def _progress_docx(path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("附件1")
    word.add_paragraph("铜仁市2031年生态环境重点任务推进情况调度表")
    table = word.add_table(rows=3 + len(TASKS), cols=len(HEADER_TOP))
    for row, texts in zip(table.rows, [HEADER_TOP, HEADER_LOW, *TASKS, [GRADES_NOTE] * 7], strict=True):
        for cell, text in zip(row.cells, texts, strict=True):
            cell.text = text
    for c in range(5):  # merged down over the header's two rows
        table.cell(0, c).merge(table.cell(1, c)).text = HEADER_TOP[c]
    table.cell(0, 5).merge(table.cell(0, 6)).text = HEADER_TOP[5]
    last = len(table.rows) - 1
    table.cell(last, 0).merge(table.cell(last, 6)).text = GRADES_NOTE
    word.save(path)


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("tongren")
    progress = folder / "铜仁市2031年生态环境重点任务推进情况调度表.docx"
    _progress_docx(progress)
    sheet = folder / "铜仁市2031年1-10月空气质量和专项资金统计.xlsx"
    workbook(sheet, {"空气质量": AIR, "专项资金": FUNDS}, merged={"空气质量": AIR_MERGES, "专项资金": FUNDS_MERGES})
    plan = folder / "铜仁市“十五五”生态环境保护规划主要指标.xlsx"
    workbook(plan, {"主要指标": PLAN})
    return table_asker([load_document(p) for p in (progress, sheet, plan)])


def test_the_grade_column_under_a_progress_header_is_the_status(ask):
    head = first_line(ask("被评为明显滞后的任务是哪些区县的？"))
    assert "碧江区" in head and not any(p in head for p in ("万山区", "江口县", "石阡县", "思南县"))
    text = answer_text(ask("调度表里评价为进度偏慢的一共有几项？"))
    assert "共1项" in text and "思南县" in text and "评价分" not in text  # the boilers only; the 说明 row is no task


def test_done_said_in_plain_words_is_the_completed_grade(ask):
    head = first_line(ask("万山那边哪几项重点任务已经干完了？"))
    assert "燃煤锅炉" in head and "农村生活污水" not in head  # 已完成; 序时推进


def test_a_yearly_tasks_two_counts_rank_it(ask):
    text = answer_text(ask("农村生活污水治理这一项，哪个区县完成的比例最低？"))
    assert "碧江区" in text and "30%" in text  # 12/40; 万山区 80%, 江口县 100%
    assert "万山区" not in first_line(ask("农村生活污水治理这一项，哪个区县完成的比例最低？"))


def test_a_rate_named_by_its_own_verb_bounds_the_tasks(ask):
    head = first_line(ask("入河排污口整治率还不到一半的是哪个地方？"))
    assert "碧江区" in head and "石阡县" not in head  # 37.5%; 82.0%


@pytest.mark.parametrize(
    ("progress", "done", "total", "stated"),
    [
        ("年度任务40个行政村，已完成12个。", 12, 40, None),
        ("排污口80个，已整治30个，整治率37.5%。", 30, 80, 37.5),
        ("年度任务8台，已淘汰5台，其余3台正在替代。", 5, 8, None),
        ("重点监管单位60家，已完成评估45家", 45, 60, None),
    ],
)
def test_a_count_then_how_many_of_it_are_done(progress, done, total, stated):
    numbers = read_numbers(progress, [])
    assert (numbers.done, numbers.total, numbers.rate_stated) == (done, total, stated)


def test_the_one_column_the_sheets_unit_is_not(ask):
    text = answer_text(ask("优良天数比例不到70%的站点有哪些？"))
    head = text.splitlines()[0]
    assert "锦江站" in head and "梵净站" in head and "丹都站" not in head and "乌江站" not in head
    assert "69.5%" in text and "69.5微克" not in text


def test_two_stations_named_are_compared_with_each_other(ask):
    text = answer_text(ask("丹都站跟梵净站的PM10相差多少？"))
    assert "高22微克/立方米" in text  # 71 − 49, not either one's distance to its target
    assert not text.startswith("问题没有指明地区")


def test_the_word_of_one_column_names_it_over_a_word_of_several(ask):
    text = answer_text(ask("碧江和江口已经支出的资金差多少？"))
    assert "110.5" in text  # 已支出 410.5 − 300, not 资金下达·中央 800 − 600


def test_a_rate_beside_amounts_is_a_percent(ask):
    text = answer_text(ask("专项资金执行率哪个区县最高？"))
    assert "石阡县" in text and "91%" in text and "91万元" not in text  # the sheet says 「单位：万元」


@pytest.mark.parametrize("progress", ["检查企业150家，已立案查处12家。", "监测点位30个，已累计超标3个。"])
def test_counts_of_other_things_than_work_done_are_no_rate(progress):
    assert read_numbers(progress, []).rate_computed is None


def test_a_rate_the_counts_do_not_make_is_flagged():
    numbers = read_numbers("排污口8个，已整治5个，整治率90%。", [])
    assert numbers.rate_stated == 90 and numbers.rate_computed == 62.5 and numbers.check


def test_the_last_three_said_with_daoshu_qian(ask):
    head = first_line(ask("专项资金执行率排倒数前三的是哪几个区县？"))
    assert all(p in head for p in ("思南县", "江口县", "碧江区")) and "石阡县" not in head


def test_a_follow_up_comparing_with_the_year_the_question_before_asked(ask):
    history = [{"role": "user", "content": "规划里森林覆盖率2030年的目标是多少？"},
               {"role": "assistant", "content": "森林覆盖率2030年目标为63.5%。"}]  # fmt: skip
    assert "3.3" in answer_text(ask("比2020年的基准值提高了多少个百分点？", history))  # 63.5 − 60.2


def test_a_follow_up_among_the_indicators_the_answer_listed(ask):
    history = [{"role": "user", "content": "规划里以%计的指标有哪几项？"},
               {"role": "assistant", "content": "共2项：森林覆盖率、城市生活污水集中收集率。"}]  # fmt: skip
    text = answer_text(ask("这里面属于约束性的是哪几个？", history))
    assert "森林覆盖率" in text and "污水" not in text and "细颗粒物" not in text  # 约束性, but not listed


ZUNYI_PLAN = [
    ["遵义市生态文明建设规划指标体系"],
    ["序号", "指标", "单位", "2020年（基准年）", "2030年目标", "指标属性"],
    [1, "受污染耕地安全利用率", "%", 91, 93, "约束性"],
    [2, "公众对生态环境质量满意程度", "%", 85, 90, "预期性"],
]


def test_kind_words_name_no_one_plan_when_two_cities_have_one(tmp_path, table_asker):
    """「规划指标里…」: words of a kind that one plan's title strings together and another's holds apart."""
    tongren, zunyi = (
        tmp_path / "铜仁市“十五五”生态环境保护规划主要指标.xlsx",
        tmp_path / "遵义市生态文明建设规划指标体系.xlsx",
    )
    workbook(tongren, {"主要指标": PLAN})
    workbook(zunyi, {"指标体系": ZUNYI_PLAN})
    ask = table_asker([load_document(p) for p in (tongren, zunyi)])
    text = answer_text(ask("规划指标里哪些是预期性的？"))
    assert "城市生活污水集中收集率" in text and "公众对生态环境质量满意程度" in text
    assert "公众" not in answer_text(ask("“十五五”规划指标里哪些是预期性的？"))


def test_a_name_no_row_writes_leaves_the_row_unsure(ask):
    """「锦江河的…」 of a row on 农村生活污水 that shares only 河 with it: the text may name the river; the row is unsure."""
    from assistant.table_answers import ROW_CONFIDENT

    assert ask("碧江区锦江河的排污口整治要求是什么？").confidence < ROW_CONFIDENT
    assert ask("碧江区入河排污口整治要求是什么？").confidence >= ROW_CONFIDENT
