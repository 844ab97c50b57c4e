"""A city's files of 2045 laid out as yet another bureau would (娄底市, all figures and names made up here; expected
answers are read off the rows below):

- a .docx notice: a task table with both a 「完成进度」 column of verdicts and a 「进展情况」 column of text, and a
  督办清单 whose 「考核扣分（分）」 column is what each item lost;
- a .docx fund table under a title paragraph, whose first row is a merged 「单位：万元　统计截至：…」 line, with
  「娄星区小计」 rows merged across the name columns, a 合计 row and 「其中：…资金」 rows, and two 区县 that each have a
  project of the same name;
- an .xlsx of readings: a ranking with its own 「综合指数排名」 column, a PM2.5 sheet that names its pollutant only in
  its title, a sheet of good-day rates with its own change column, and river sections by month beside their 1-6月
  综合 class and verdict;
- a .pdf plan whose indicator table goes on over a page break under 「表1 …（续）」, with its 「注：」 under it.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from assistant.extractive import SentenceSelector
from assistant.table_answers import QUARTER_MISMATCH, TableAnswer
from corpus import load_document
from retrieval.tokenizing import ChineseTokenizer
from tests.support.answers import answer_text, first_line
from tests.support.documents import add_docx_table, workbook

TASKS_HEADER = ["序号", "重点任务", "责任单位", "完成时限", "完成进度", "进展情况"]
TASKS = [
    ["1", "钢铁企业超低排放改造", "市生态环境局，冷水江市人民政府", "2045年10月底", "序时推进",
     "1家已完成评估监测，另1家完成改造工程量的80%。"],
    ["2", "重型柴油货车淘汰", "市交通运输局", "2045年12月底", "滞后", "已淘汰360辆，完成45.0%。"],
    ["3", "城区雨污分流改造", "市住房城乡建设局，娄星区人民政府", "2045年11月底", "滞后", "已完成管网改造12公里，完成48.0%。"],
    ["4", "孙水河湿地生态修复", "市自然资源和规划局，双峰县人民政府", "2045年11月底", "序时推进", "已修复湿地420亩，完成70.0%。"],
    ["5", "排污许可证质量核查", "市生态环境局", "2045年12月底", "未启动", "核查方案待市政府审定。"],
    ["6", "乡镇污水处理设施运维", "市住房城乡建设局，各县（市）人民政府", "2045年12月底", "已完成", "正常运行率92.5%。"],
]  # fmt: skip
SUPERVISED_HEADER = ["序号", "督办事项", "责任单位", "整改时限", "考核扣分（分）"]
SUPERVISED = [
    ["1", "重型柴油货车淘汰进度滞后", "市交通运输局", "2045年10月31日", "1.5"],
    ["2", "城区雨污分流改造进度滞后", "市住房城乡建设局，娄星区人民政府", "2045年10月31日", "2.5"],
    ["3", "建筑工地扬尘防控不到位", "市住房城乡建设局", "2045年9月30日", "1"],
    ["4", "排污许可证质量核查未启动", "市生态环境局", "2045年9月30日", "0.5"],
]  # fmt: skip
FUND_HEADER = ["序号", "县（市、区）", "项目名称", "资金级次", "下达金额", "已支付金额", "执行率（%）", "备注"]
FUNDS = [
    ["1", "娄星区", "涟水（娄星段）水质提升工程", "中央", "1200.00", "900.00", "75.0", ""],
    ["2", "娄星区", "城区餐饮油烟在线监控", "市级", "200.00", "200.00", "100.0", "已完工"],
    ["娄星区小计"] * 4 + ["1400.00", "1100.00", "78.6", ""],
    ["3", "冷水江市", "锑冶炼企业废气深度治理", "省级", "800.00", "240.00", "30.0", "设备未到货"],
    ["4", "冷水江市", "农村生活污水治理", "中央", "1000.00", "600.00", "60.0", ""],
    ["冷水江市小计"] * 4 + ["1800.00", "840.00", "46.7", ""],
    ["5", "涟源市", "涉VOCs企业提标改造补助", "省级", "500.00", "200.00", "40.0", ""],
    ["涟源市小计"] * 4 + ["500.00", "200.00", "40.0", ""],
    ["6", "双峰县", "孙水河湿地生态修复", "中央", "900.00", "630.00", "70.0", ""],
    ["7", "双峰县", "涉VOCs企业提标改造补助", "省级", "450.00", "180.00", "40.0", ""],
    ["双峰县小计"] * 4 + ["1350.00", "810.00", "60.0", ""],
    ["8", "新化县", "乡镇空气自动监测站运维", "市级", "100.00", "80.00", "80.0", ""],
    ["新化县小计"] * 4 + ["100.00", "80.00", "80.0", ""],
    ["合计"] * 4 + ["5150.00", "3030.00", "58.8", ""],
    ["其中：中央资金"] * 4 + ["3100.00", "2130.00", "68.7", ""],
    ["其中：省级资金"] * 4 + ["1750.00", "620.00", "35.4", ""],
]  # (no 「其中：市级资金」 row)
RANKING = [
    ["2045年1-9月娄底市各县（市、区）环境空气质量排名"],
    ["县（市、区）", "PM2.5（微克/立方米）", "优良天数比例（%）", "综合指数", "综合指数排名"],
    ["娄星区", 38, 85.1, 4.21, 5],
    ["冷水江市", 41, 82.0, 4.56, 6],
    ["涟源市", 33, 88.9, 3.72, 2],
    ["双峰县", 35, 87.5, 3.95, 4],
    ["新化县", 31, 91.2, 3.48, 1],
    ["娄底经开区", 34, 86.0, 3.80, 3],
]
PM25 = [
    ["2045年1-6月各县（市、区）细颗粒物（PM2.5）浓度"],
    ["单位：微克/立方米"],
    ["序号", "县（市、区）", "月均浓度", None, None, None, None, None, "1-6月累计", None, None, "2045年目标", "达标情况"],
    [None, None, "1月", "2月", "3月", "4月", "5月", "6月", "均值", "2044年同期", "同比变化（%）", None, None],
    [1, "娄星区", 55, 47, 40, 33, 27, 22, 37, 39, -5.1, 35, "未达标"],
    [2, "冷水江市", 60, 50, 42, 35, 29, 24, 40, 42, -4.8, 37, "未达标"],
    [3, "涟源市", 48, 41, 34, 28, 23, 20, 32, 33, -3.0, 33, "达标"],
]  # fmt: skip
PM25_MERGED = ("A1:M1", "A2:M2", "A3:A4", "B3:B4", "C3:H3", "I3:K3", "L3:L4", "M3:M4")
GOOD_DAYS = [
    ["2045年1-6月各县（市、区）空气质量优良天数比例"],
    ["序号", "县（市、区）", "优良天数比例（%）", None, None, "2045年目标（%）"],
    [None, None, "1-6月", "2044年同期", "变化（百分点）", None],
    [1, "娄星区", 86.2, 84.0, 2.2, 88],
    [2, "涟源市", 93.4, 91.6, 1.8, 92],
    [3, "双峰县", 90.1, 90.9, -0.8, 90],
]
GOOD_DAYS_MERGED = ("A1:F1", "A2:A3", "B2:B3", "C2:E2", "F2:F3")
SECTIONS = [
    ["2045年1-6月娄底市地表水考核断面水质类别"],
    ["序号", "断面名称", "水质目标", "各月水质类别", None, None, None, None, None, "1-6月综合", "是否达标"],
    [None, None, None, "1月", "2月", "3月", "4月", "5月", "6月", None, None],
    [1, "杨家滩", "Ⅲ", "Ⅲ", "Ⅳ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "达标"],
    [2, "湄江口", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅱ", "Ⅲ", "未达标"],
    [3, "石马", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "Ⅲ", "达标"],
    [4, "孙水河口", "Ⅲ", "Ⅱ", "Ⅱ", "Ⅲ", "Ⅱ", "Ⅱ", "Ⅱ", "Ⅱ", "达标"],
]
SECTIONS_MERGED = ("A1:K1", "A2:A3", "B2:B3", "C2:C3", "D2:I2", "J2:J3", "K2:K3")
INDICATOR_HEADER = ["序号", "指标名称", "单位", "2040年（基准值）", "2045年（目标值）", "指标属性"]
INDICATORS = [
    ["1", "细颗粒物（PM2.5）年均浓度", "微克/立方米", "35", "≤30", "约束性"],
    ["2", "城市空气质量优良天数比例", "%", "88.0", "≥91", "约束性"],
    ["3", "化学需氧量重点工程减排量", "吨", "—", "〔6200〕", "约束性"],
]
INDICATORS_GO_ON = [
    ["4", "地表水国省控断面水质优良比例", "%", "85.7", "≥90", "约束性"],
    ["5", "农村生活污水治理率", "%", "62.0", "≥75", "预期性"],
]


def _notice(path):
    import docx

    word = docx.Document()
    word.add_paragraph("关于2045年1-9月全市生态环境保护重点任务推进情况的通报")
    word.add_paragraph("附件1：重点任务推进情况表")
    add_docx_table(word, TASKS_HEADER, TASKS)
    word.add_paragraph("附件2：进度滞后任务督办清单")
    add_docx_table(word, SUPERVISED_HEADER, SUPERVISED)
    word.save(path)


def _funds(path):
    import docx

    word = docx.Document()
    word.add_paragraph("娄底市2045年生态环境专项资金下达及支付情况表")
    table = word.add_table(rows=2 + len(FUNDS), cols=len(FUND_HEADER))
    unit = table.cell(0, 0).merge(table.cell(0, len(FUND_HEADER) - 1))
    unit.text = "单位：万元\u3000\u3000\u3000\u3000\u3000\u3000统计截至：2045年9月30日"
    for cell, text in zip(table.rows[1].cells, FUND_HEADER, strict=True):
        cell.text = text
    for r, values in enumerate(FUNDS, start=2):
        if values[0] == values[1]:  # a 小计 / 合计 / 其中 row: its name merged across the first four columns
            table.cell(r, 0).merge(table.cell(r, 3)).text = values[0]
            for c in range(4, len(FUND_HEADER)):
                table.cell(r, c).text = values[c]
        else:
            for cell, text in zip(table.rows[r].cells, values, strict=True):
                cell.text = text
    word.add_paragraph("注：执行率＝已支付金额÷下达金额×100%。")
    word.save(path)


def _plan(path, note=("注：1.〔 〕内为五年累计数。", "2.断面水质目标以省下达任务为准。")):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK")
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("FONTNAME", (0, 0), (-1, -1), "STSong-Light")])
    widths = [30, 170, 70, 80, 80, 50]
    story = [Paragraph("娄底市“十八五”生态环境保护规划（2041—2045年）", body),
             Paragraph("第二章 主要目标", body),
             Paragraph("表1 娄底市“十八五”生态环境保护主要指标", body),
             Table([INDICATOR_HEADER, *INDICATORS], colWidths=widths, style=style), PageBreak(),
             Paragraph("表1 娄底市“十八五”生态环境保护主要指标（续）", body),
             Table([INDICATOR_HEADER, *INDICATORS_GO_ON], colWidths=widths, style=style),
             *(Paragraph(line, body) for line in note), Paragraph("第三章 重点任务", body), Paragraph("到2045年，全市城镇污水处理率达到97%。", body)]  # fmt: skip
    SimpleDocTemplate(str(path), pagesize=A4).build(story)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("loudi")
    notice = folder / "关于2045年1-9月全市生态环境保护重点任务推进情况的通报.docx"
    _notice(notice)
    funds = folder / "娄底市2045年生态环境专项资金下达及支付情况表.docx"
    _funds(funds)
    readings = folder / "2045年娄底市环境空气及地表水质量监测结果.xlsx"
    workbook(readings, {"空气质量排名": RANKING, "PM2.5浓度": PM25, "优良天数比例": GOOD_DAYS, "断面水质": SECTIONS},
             merged={"空气质量排名": ("A1:E1",), "PM2.5浓度": PM25_MERGED, "优良天数比例": GOOD_DAYS_MERGED,
                     "断面水质": SECTIONS_MERGED})  # fmt: skip
    plan = folder / "娄底市“十八五”生态环境保护规划（2041—2045年）.pdf"
    _plan(plan)
    return {"notice": notice, "funds": funds, "readings": readings, "plan": plan}


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files.values()])


# -- tasks: a column of verdicts beside the progress text ---------------------------------------------------------


def test_a_verdict_column_beside_the_progress_text_is_the_status(ask):
    text = answer_text(ask("重型柴油货车淘汰了多少辆？完成比例是多少？"))
    assert "已淘汰360辆" in text and "45.0%" in text and "滞后" in text


def test_the_task_table_answers_for_its_tasks_not_the_supervision_list(ask):
    text = answer_text(ask("市住房城乡建设局作为责任单位的重点任务有哪几项？"))
    assert "城区雨污分流改造" in text and "乡镇污水处理设施运维" in text


def test_a_supervision_lists_deductions_add_up(ask):
    assert "5.5" in first_line(ask("督办清单的考核扣分加起来一共多少分？"))


def test_a_quarters_work_asked_of_a_row_with_its_years_deadline_only_looks_to_the_text(ask):
    answer = ask("第四季度城区雨污分流改造由哪个部门牵头？要在什么时间前完成？")
    assert isinstance(answer, TableAnswer) and answer.mismatch == QUARTER_MISMATCH
    assert answer.stated_in("由市住房城乡建设局牵头，11月20日前完成剩余管网改造。")


def test_a_follow_up_about_a_task_named_like_a_project(ask):
    history = [{"role": "user", "content": "孙水河湿地生态修复进展怎么样？"},
               {"role": "assistant", "content": "已修复湿地420亩，完成70.0%，序时推进。"}]  # fmt: skip
    assert "2045年11月底" in answer_text(ask("这项任务要求什么时候完成？", history))


# -- funds under a unit row, with 小计 rows merged across the name columns ----------------------------------------------


def test_the_tables_title_is_the_paragraph_above_not_its_unit_row(ask):
    head = first_line(ask("娄底专项资金执行率低于50%的项目有哪些？"))
    assert "《娄底市2045年生态环境专项资金下达及支付情况表》" in head and "单位：万元" not in head


def test_projects_of_one_name_in_two_counties_are_two(ask):
    head = first_line(ask("娄底专项资金执行率低于50%的项目有哪些？"))
    assert "共3个项目" in head and "锑冶炼企业废气深度治理" in head
    assert "涟源市涉VOCs企业提标改造补助" in head and "双峰县涉VOCs企业提标改造补助" in head
    assert "农村生活污水治理" not in head


def test_each_countys_subtotal_is_its_whole(ask):
    head = first_line(ask("按县（市、区）小计看，资金执行率最低的是哪个？"))
    assert "涟源市" in head and "40" in head and "锑冶炼" not in head


def test_two_counties_summed_are_not_the_total_row(ask):
    text = first_line(ask("冷水江市和双峰县两地合计下达了多少专项资金？"))
    assert "3150" in text and "5150" not in text


def test_two_levels_compared_are_each_the_rate_of_its_sums(ask):
    head = first_line(ask("娄底省级资金和市级资金，哪个执行率更高？"))  # no 「其中：市级资金」 row to read
    assert head.split("是：")[1].startswith("市级")  # the higher one
    assert "93.33" in head and "35.43" in head and "57.9个百分点" in head  # 280÷300, 620÷1750


# -- readings --------------------------------------------------------------------------------------------------


def test_the_first_places_of_a_sheets_own_ranking(ask):
    head = first_line(ask("按综合指数排名，前三名是哪几个县市区？"))
    assert "新化县" in head and "涟源市" in head and "娄底经开区" in head and "冷水江市" not in head


def test_a_pollutant_named_in_the_sheets_title_and_its_span_judged_by_the_target(ask):
    text = first_line(ask("冷水江市1-6月PM2.5均值比年度目标高出多少？"))
    assert "40" in text and "37" in text and "超出3" in text and "60" not in text  # not January's 60


def test_a_change_follow_up_two_turns_on_is_of_the_figure_asked_first(ask):
    history = [{"role": "user", "content": "娄星区上半年空气质量优良天数比例是多少？"},
               {"role": "assistant", "content": "娄星区1-6月优良天数比例86.2%。"},
               {"role": "user", "content": "涟源市呢？"},
               {"role": "assistant", "content": "涟源市1-6月优良天数比例93.4%。"}]  # fmt: skip
    answer = ask("跟去年同期相比变化了多少？", history)
    # the good-day rate's sheet and 涟源市's row, not PM2.5's, and its change first
    assert "-3.0" not in answer_text(answer) and "涟源市" in first_line(answer) and "变化 +1.8" in first_line(answer)
    assert "较上年同期变化" not in answer_text(
        answer
    )  # the sheet's own 变化（百分点） column, no change computed beside it


def test_a_span_the_sheet_states_is_not_read_month_by_month(ask):
    text = answer_text(ask("1-6月份哪些断面没有达到水质目标？"))
    assert "湄江口" in text and "杨家滩" not in text  # 杨家滩 was Ⅳ in February only; its 1-6月综合 is Ⅲ


# -- a plan's table over a page break --------------------------------------------------------------------------


def test_a_table_going_on_under_a_continued_caption_is_one_table_with_its_note(files):
    tables = load_document(files["plan"]).tables
    assert len(tables) == 1 and len(tables[0].rows) == 1 + len(INDICATORS) + len(INDICATORS_GO_ON)
    assert tables[0].notes == ["注：1.〔 〕内为五年累计数。2.断面水质目标以省下达任务为准。"]  # its items; no heading


def test_a_note_that_ends_no_sentence_stops_at_the_heading_under_it(tmp_path):
    path = tmp_path / "娄底市规划.pdf"
    _plan(path, note=("注：带〔〕的为五年累计数",))
    assert load_document(path).tables[0].notes == ["注：带〔〕的为五年累计数"]


def test_a_bracketed_figure_is_said_with_what_the_note_says_it_is(ask):
    text = answer_text(ask("规划中化学需氧量重点工程减排量的目标是多少吨？"))
    assert "〔6200〕吨" in text and "五年累计数" in text


# -- running text ---------------------------------------------------------------------------------------------


def test_a_numbered_points_title_is_read_with_the_sentence_it_heads(understander):
    question = understander.run("第四季度农村清洁取暖改造由哪个部门牵头？")
    selector = SentenceSelector(100, ChineseTokenizer(), lambda term: 1)
    chunk = SimpleNamespace(title="工作总结", section="四、第四季度工作安排", context="", chunk_id="c1", source="text",
                            text="2．农村清洁取暖改造。由市住房城乡建设局牵头，11月15日前完成剩余改造任务。")  # fmt: skip
    supports = selector.run(question, [SimpleNamespace(chunk=chunk, score=1.0)])
    assert supports and "11月15日" in supports[0].sentence and "农村清洁取暖改造" in supports[0].sentence


def test_how_many_projects_is_answered_by_a_count_in_xiang(understander):
    question = understander.run("规划一共安排了多少个重点工程项目？")
    chunk = SimpleNamespace(title="规划", section="第七章")
    assert SentenceSelector._years_fit(question, "谋划实施重点工程项目52项，总投资约180亿元。", chunk)
    assert not SentenceSelector._years_fit(question, "重点工程实行项目库动态管理。", chunk)
    points = understander.run("优良天数比例要提高多少个百分点？")  # no count of things
    assert not SentenceSelector._years_fit(points, "实施重点工程项目52项。", chunk)


def test_the_total_row_alone_answers_the_whole_and_a_countys_subtotal_its_own(ask):
    text = answer_text(ask("娄底全市专项资金合计下达多少？"))
    assert "5150" in text and "3100" not in text  # not the 「其中：中央资金」 row under it
    assert "78.6" in answer_text(ask("娄星区小计执行率多少？"))


def test_a_change_in_percent_stated_beside_a_reading_leaves_the_change_in_its_unit(ask):
    text = answer_text(ask("冷水江市1-6月PM2.5均值比去年同期下降了多少？"))  # 40 against 42: 2微克/立方米, and −4.8%
    assert "2微克/立方米" in text


def test_months_asked_within_a_span_are_still_read_month_by_month(ask):
    assert "2月" in answer_text(ask("1-6月杨家滩有几个月水质为Ⅳ类？"))
    assert "1月" in answer_text(ask("冷水江市1-6月PM2.5月均浓度超过50的有几个月？"))  # 1月 60 (2月 is 50, not over)


def test_changes_of_rates_are_never_added_up(ask):
    text = answer_text(ask("优良天数比例变化一共多少个百分点？"))
    assert "+1.8" in text and "3.2" not in text  # each 区县's; 2.2 + 1.8 − 0.8 means nothing


def test_a_departments_tasks_are_those_it_is_responsible_for(ask):
    text = answer_text(ask("市生态环境局的主要任务完成得怎么样？"))
    assert "钢铁企业超低排放改造" in text and "排污许可证质量核查" in text
    assert "重型柴油货车淘汰" not in text and "城区雨污分流改造" not in text


def test_a_follow_up_two_turns_on_takes_nothing_from_a_question_that_asked_anew(ask):
    history = [{"role": "user", "content": "冷水江市PM2.5浓度是多少？"},
               {"role": "assistant", "content": "冷水江市1-9月PM2.5为41微克/立方米。"},
               {"role": "user", "content": "哪些断面没有达到水质目标？"},
               {"role": "assistant", "content": "湄江口未达到水质目标。"}]  # fmt: skip
    text = answer_text(ask("那达标的呢？", history))
    assert "杨家滩" in text and "石马" in text and "冷水江市" not in text


def test_points_in_a_row_are_no_titles_of_each_other():
    from assistant.extractive import _sentences

    assert _sentences("1．加强监测。2．完善制度。3．严格执法。") == ["1．加强监测。", "2．完善制度。", "3．严格执法。"]
    assert len(_sentences("（一）PM2.5浓度下降5%。（二）优良天数比例达到90%。")) == 2


def test_two_levels_the_sheet_states_are_its_own_rows(ask):
    answer = ask("娄底中央资金和省级资金，哪个下达金额更多？")
    assert "其中：中央资金（3100.00万元）" in first_line(answer) and "1750" in answer_text(answer)  # its own rows


def test_two_levels_compared_by_amount_are_each_the_sum_of_its_rows(ask):
    head = first_line(ask("娄底省级资金和市级资金，哪个下达金额更多？"))  # no 「其中：市级资金」 row to read
    assert "1750" in head and "300" in head  # 800 + 500 + 450; 200 + 100


def test_better_than_the_target_is_beyond_it_not_at_it(ask):
    text = first_line(ask("哪些断面1-6月的水质比考核目标还要好？"))
    assert "孙水河口" in text and "杨家滩" not in text and "石马" not in text  # Ⅱ against Ⅲ; Ⅲ against Ⅲ is only met


def test_a_change_said_of_a_figure_named_is_that_figures_sheets(ask):
    # 「同比」 names the PM2.5 sheet's 「同比变化」 too; the figure named (优良天数比例) has its own change column
    text = answer_text(ask("各县区优良天数比例同比一共提高了多少？"))
    assert "+2.2" in text and "+1.8" in text and "-0.8" in text and "PM2.5" not in text
