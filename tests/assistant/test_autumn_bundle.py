"""A city's autumn bundle (衢州市, 2035, all figures made up here; expected answers are read off the rows below):

- a workbook: a funds sheet whose 「完成进度」 is 已支出 ÷ 下达 (its 执行率), the 区县's own readings against their targets (beside the stations a progress table names), a
  sheet of months with a column per 区县 under one 「PM2.5月均浓度（单位：μg/m³）」 header, and one month's
  station readings headed 「PM2.5（10月）」;
- a Word progress table in 「序时进度」 words (按序时推进 / 基本按序时推进 / 滞后序时进度), one task's count done
  in the progress text and its total in the requirement;
- a water report as GB18030 text whose table has a second header row of periods led by tabs
  (「水质类别」 over 「10月」「1-10月」), judged against one 目标类别.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import add_docx_table, workbook

COUNTIES = [
    ["2035年1-10月衢州市各县（市、区）环境空气质量主要指标"],
    ["序号", "县（市、区）", "PM2.5（μg/m³）", None, "PM10（μg/m³）", None, "PM2.5同比变化（%）", "是否达标"],
    [None, None, "实测值", "目标值", "实测值", "目标值", None, None],
    [1, "柯城区", 29, 28, 45, 46, 3.6, "未达标"],
    [2, "衢江区", 25, 27, 48, 45, -10.7, "未达标"],
    [3, "龙游县", 24, 26, 41, 43, -4.0, "达标"],
    [4, "江山市", 22, 24, 39, 42, -8.3, "达标"],
    [5, "常山县", 27, 27, 44, 46, 0.0, "达标"],
    [6, "开化县", 18, 21, 33, 36, -5.3, "达标"],
]
COUNTIES_MERGES = ("A1:H1", "A2:A3", "B2:B3", "C2:D2", "E2:F2", "G2:G3", "H2:H3")
MONTHS = [
    ["2035年1-10月各县（市、区）PM2.5月均浓度"],
    ["月份", "PM2.5月均浓度（单位：μg/m³）", None, None, None, None, None],
    [None, "柯城区", "衢江区", "龙游县", "江山市", "常山县", "开化县"],
    ["1月", 41, 38, 36, 33, 39, 27],
    ["2月", 37, 33, 31, 29, 35, 24],
    ["3月", 30, 27, 26, 24, 29, 19],
    ["4月", 26, 22, 21, 19, 24, 15],
    ["5月", 22, 19, 18, 17, 21, 13],
    ["6月", 20, 17, 16, 15, 19, 12],
    ["7月", 19, 16, 15, 14, 18, 11],
    ["8月", 21, 18, 17, 16, 20, 13],
    ["9月", 25, 21, 20, 18, 23, 15],
    ["10月", 33, 28, 26, 24, 30, 20],
]
MONTHS_MERGES = ("A1:G1", "A2:A3", "B2:G2")
OCTOBER = [
    ["2035年10月各考核站点颗粒物浓度（当月）"],
    ["序号", "县（市、区）", "站点名称", "PM2.5（10月）", "PM10（10月）"],
    [1, "柯城区", "府山站", 31, 52],
    [2, "衢江区", "衢江站", 27, 49],
    [3, "龙游县", "龙游站", 35, 58],
    [4, "江山市", "江山站", 22, 40],
]
FUNDS = [
    ["衢州市2035年生态环境专项资金项目执行情况表"],
    ["序号", "县（区）", "项目名称", "资金级别", "下达金额（万元）", "已支出金额（万元）", "完成进度"],
    ["1", "柯城区", "衢江沿岸截污纳管工程", "中央", 1000, 720, "72.0%"],
    ["2", "柯城区", "府山片区油烟治理", "市级", 200, 90, "45.0%"],
    ["3", "衢江区", "农村生活污水提标", "中央", 800, 280, "35.0%"],
    ["4", "龙游县", "灵山港生态修复", "市级", 300, 240, "80.0%"],
    ["5", "江山市", "工业园区VOCs监控", "中央", 500, 350, "70.0%"],
]
PROGRESS_HEADER = ["序号", "区域", "重点任务", "目标要求", "推进情况"]
PROGRESS = [
    ["1", "柯城区", "建筑工地扬尘在线监控联网", "2035年9月底前，40个建筑工地完成扬尘在线监控设施安装并联网。",
     "滞后序时进度。已联网26个，其余工地正在安装调试。"],
    ["2", "柯城区", "考核站点细颗粒物浓度控制", "府山空气质量自动监测子站PM2.5浓度达到或优于27微克/立方米。",
     "滞后序时进度。1-10月，府山空气质量自动监测子站PM2.5浓度为30微克/立方米，高于目标值3微克/立方米。"],
    ["3", "衢江区", "农村生活污水处理设施标准化运维", "2035年完成120座设施标准化运维。",
     "按序时推进。截至10月底，完成98座，完成率81.7%。"],
    ["4", "龙游县", "涉VOCs企业深度治理", "2035年10月底前完成15家企业深度治理。", "已完成。15家企业已全部完成深度治理。"],
    ["5", "江山市", "危险废物规范化环境管理评估", "2035年完成60家单位评估。", "基本按序时推进。已完成评估45家。"],
]  # fmt: skip
WATER = (
    "衢州市2035年10月地表水环境质量月报\n\n"
    "一、总体情况\n"
    "　　10月，全市5个市控以上断面中，达到目标要求的2个。\n\n"
    "二、各断面水质状况\n"
    "表1　2035年10月衢州市地表水断面水质状况\n"
    "序号\t所在地\t河流\t断面名称\t目标类别\t水质类别\t\t超标项目（超标倍数）\t\n"
    "\t\t\t\t\t10月\t1-10月\t10月\t1-10月\n"
    "1\t柯城区\t衢江\t沙湾\tⅡ\tⅡ\tⅡ\t—\t—\n"
    "2\t衢江区\t衢江\t樟树潭\tⅢ\tⅣ\tⅢ\t总磷（0.12）\t—\n"
    "3\t龙游县\t灵山港\t塔石\tⅢ\tⅣ\tⅣ\t总磷（0.30）\t总磷（0.18）\n"
    "4\t江山市\t江山港\t清湖\tⅡ\tⅢ\tⅡ\t氨氮（0.05）\t—\n"
    "5\t常山县\t常山港\t招贤\tⅢ\tⅢ\tⅢ\t—\t—\n"
    "注：水质类别不劣于目标类别即为达标。\n\n"
    "三、下阶段工作\n"
    "　　龙游县要加快灵山港沿线排口整治。\n"
)


def _progress_docx(path) -> None:
    import docx

    word = docx.Document()
    word.add_paragraph("衢州市2035年1-10月生态环境保护重点任务推进情况表")
    add_docx_table(word, PROGRESS_HEADER, PROGRESS, merged=((1, 2, (1,)),))
    word.save(path)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("quzhou")
    sheets = folder / "衢州市2035年1-10月环境质量监测数据.xlsx"
    workbook(sheets, {"分县区": COUNTIES, "PM2.5逐月": MONTHS, "10月当月": OCTOBER, "资金执行": FUNDS},
             merged={"分县区": COUNTIES_MERGES, "PM2.5逐月": MONTHS_MERGES})  # fmt: skip
    progress = folder / "衢州市2035年1-10月生态环境保护重点任务推进情况表.docx"
    _progress_docx(progress)
    water = folder / "衢州市2035年10月地表水环境质量月报.txt"
    water.write_bytes(WATER.replace("\n", "\r\n").encode("gb18030"))
    return [sheets, progress, water]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- a sheet with a column per place -------------------------------------------------------------------------


def test_a_places_month_is_read_off_its_column(ask):
    text = answer_text(ask("龙游县3月份的PM2.5月均浓度是多少？"))
    assert "26" in text and "μg/m³" in text and "单位" not in text


def test_two_months_of_a_place_compared(ask):
    line = first_line(ask("衢江区1月份的PM2.5比6月份高多少？"))
    assert "38" in line and "17" in line and "高21" in line  # 衢江区's column: 1月 38, 6月 17


def test_a_question_naming_no_measure_of_the_sheet_is_not_read_off_its_place_columns(ask):
    answer = ask("柯城区、衢江区两地一共立案查处了多少宗案件？")
    assert not hasattr(answer, "text") or "PM2.5月均浓度" not in answer.text


# -- the 区县's own readings before their stations' -----------------------------------------------------------


def test_a_countys_reading_is_the_countys_row_not_its_stations(ask):
    text = answer_text(ask("柯城区1-10月PM2.5浓度是多少？达标了吗？"))
    assert "29" in text and "府山" not in text  # the county's 29 against 28, not 府山子站's 30


def test_counties_over_their_target(ask):
    line = first_line(ask("哪几个县的PM10超过了目标值？"))
    assert "衢江区" in line and "柯城区" not in line and "龙游县" not in line  # 48 > 45 only


def test_the_best_three_of_a_reading_lower_is_better(ask):
    line = first_line(ask("PM2.5浓度最好的三个县是哪几个？"))
    assert all(c in line for c in ("开化县", "江山市", "龙游县")) and "衢江区" not in line  # 18, 22, 24


def test_fell_most_is_the_lowest_change(ask):
    answer = ask("和去年同期比，PM2.5降得最多的是哪个县？降了多少？")
    assert "衢江区" in first_line(answer) and "10.7" in answer_text(answer)


# -- one month's sheet -----------------------------------------------------------------------------------------


def test_a_month_the_sheet_is_of_is_no_missing_month(ask):
    answer = ask("10月份当月PM2.5浓度最高的是哪个站？")
    assert "龙游站" in first_line(answer) and "35" in answer_text(answer)
    assert "3510月" not in answer_text(answer).replace(" ", "")  # 「（10月）」 is the month, not a unit


# -- 序时进度 ------------------------------------------------------------------------------------------------------


def test_lagging_behind_the_schedule_is_lagging(ask):
    line = first_line(ask("哪些区县有任务滞后序时进度？"))
    assert "柯城区" in line and not any(c in line for c in ("衢江区", "龙游县", "江山市"))


def test_all_done_tasks(ask):
    line = first_line(ask("推进情况表里已经全部完成的任务有哪几项？"))
    assert "涉VOCs企业深度治理" in line and "扬尘" not in line and "运维" not in line


def test_what_remains_of_a_count_done_against_the_requirements_total(ask):
    assert "14" in answer_text(ask("柯城区扬尘在线监控联网还差几个工地？"))  # 40 required, 26 联网


# -- a text table with a second header row of periods -----------------------------------------------------------


def test_sections_not_met_over_the_ten_months(ask):
    text = answer_text(ask("1-10月累计水质没有达到目标的断面是哪个？"))
    assert "塔石" in text and not any(s in text for s in ("樟树潭", "清湖", "沙湾", "招贤"))


def test_sections_worse_than_their_target_in_the_month(ask):
    line = first_line(ask("10月当月水质类别劣于目标类别的断面有哪些？"))
    assert all(s in line for s in ("樟树潭", "塔石", "清湖")) and "沙湾" not in line and "招贤" not in line


def test_a_second_header_row_led_by_tabs_is_the_tables():
    from corpus.plaintext import parse_plain_text

    parsed = parse_plain_text(WATER)
    assert len(parsed.tables) == 1
    assert len(parsed.tables[0].rows) == 7  # two header rows and five sections; the note is apart


# -- a computed figure as the sheet shows it ---------------------------------------------------------------------


def test_a_formulas_ratio_is_the_figure_the_sheet_shows(tmp_path):
    import openpyxl

    path = tmp_path / "资金执行情况表.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["县（区）", "下达金额（万元）", "已支出金额（万元）", "完成进度"])
    sheet.append(["柯城区", 2022.6, 949.78, 949.78 / 2022.6])  # a formula's value: 46.958…%
    sheet.append(["衢江区", 500, 230, 0.4696])  # typed: 46.96%
    for row in (2, 3):
        sheet.cell(row, 4).number_format = "0.0%"
    book.save(path)
    text = " ".join(" ".join(map(str, r)) for t in load_document(path).tables for r in t.rows)
    assert "47.0%" in text and "46.958" not in text and "46.96%" in text


# -- a funds sheet's 完成进度 ---------------------------------------------------------------------------------------


def test_the_spent_share_headed_完成进度_is_the_execution_rate(ask):
    line = first_line(ask("中央资金项目里，执行率低于60%的有哪些？"))
    assert "农村生活污水提标" in line and "截污纳管" not in line and "VOCs监控" not in line  # 35.0% only


# -- review guards ------------------------------------------------------------------------------------------------


def test_a_count_done_is_paired_with_the_total_of_the_text_naming_the_same_work():
    from structured.progress import read_numbers

    # the task names 安装 and 300家; a wider text's 1000家 is another step's count
    found = read_numbers(
        "正在推进，已安装246家。", ["对全市1000家餐饮单位开展排查", "推动300家餐饮单位安装油烟在线监控设施"]
    )
    assert (found.done, found.total) == (246.0, 300.0)
    found = read_numbers("已联网19家，其余正在调试。", ["32家企业完成在线监控设施安装并联网。", "重点企业在线监控联网"])
    assert (found.done, found.total) == (19.0, 32.0)  # the task names 联网 but no count: its requirement's 32家


def test_a_word_table_whose_cells_end_in_a_tab_stays_one_table():
    from corpus.plaintext import parse_plain_text

    parsed = parse_plain_text("\t序号\t\n\t区域\t\n\t任务\t\n\n\t1\t\n\t柯城区\t\n\t扬尘管控\t\n")
    assert len(parsed.tables) == 1 and len(parsed.tables[0].rows) == 2
