"""Layouts where a region is written once over its rows (not merged), rows carry a ★ mark, a station
sheet states three pollutants each against its target, and an indicator table names its 牵头单位 —
a made-up 湖州 set of files; every expected figure below is read off the rows written here."""

from __future__ import annotations

import docx
import openpyxl
import pytest

from corpus import load_document
from tests.support.documents import add_docx_table

# 地区 (written on the first row of its group only), 项目, 级次, 下达, 已支出, 执行率, 备注
FUNDS = [
    ("吴兴区", "太湖溇港整治", "省级", 800, 480, 60.0, ""),
    ("", "餐饮油烟在线监控", "市级", 100, 20, 20.0, ""),
    ("", "小计", "", 900, 500, 55.56, ""),
    ("南浔区", "古镇污水管网改造", "中央", 1200, 0, 0.0, "项目未开工"),
    ("", "VOCs监管能力建设", "市级", 100, 70, 70.0, ""),
    ("", "小计", "", 1300, 70, 5.38, ""),
    ("德清县", "矿山生态修复", "省级", 600, 210, 35.0, "施工进度滞后"),
    ("", "受污染耕地安全利用", "市级", 200, 90, 45.0, ""),
    ("", "入河排污口整治", "市级", 200, 60, 30.0, ""),
    ("", "小计", "", 1000, 360, 36.0, ""),
]
# 责任地区 (merged over its tasks), 任务 (★: 市级重点考核), 推进情况
TASKS = [
    ("吴兴区", "★工业VOCs综合整治：完成20家企业治理", "按进度推进。已完成12家"),
    ("吴兴区", "机动车维修行业整治：完成40家汽修企业整治", "未按进度推进。已完成10家"),
    ("德清县", "★农村生活污水治理：新增治理自然村30个", "未按进度推进。已新增9个"),
    ("德清县", "入河排污口整治：完成50个排污口整治", "未按进度推进。已完成20个"),
    ("德清县", "★扬尘在线监控：完成30个工地安装", "已完成。已安装30个"),
    ("安吉县", "★竹制品企业废气整治：完成15家", "基本按进度推进。已完成8家"),
]
# 站点, PM2.5, 目标, PM10, 目标, NO2, 目标
STATIONS = [
    ("吴兴区", "仁皇山站", 27, 28, 50, 52, 25, 26),
    ("吴兴区", "城西站", 29, 28, 49, 52, 24, 26),
    ("南浔区", "南浔站", 26, 28, 55, 52, 20, 24),
    ("德清县", "武康站", 25, 27, 48, 50, 27, 26),
    ("安吉县", "递铺站", 22, 26, 40, 48, 18, 22),
]
# 序号, 指标, 单位, 现状, 目标, 属性, 牵头单位
INDICATORS = [
    ("1", "PM2.5年均浓度", "微克/立方米", "28", "≤27", "约束性", "市生态环境局"),
    ("2", "城市建成区黑臭水体消除比例", "%", "100", "100", "约束性", "市住房城乡建设局"),
    ("3", "受污染耕地安全利用率", "%", "92", "≥93", "约束性", "市农业农村局"),
    ("4", "地表水省控断面优良比例", "%", "95.5", "≥96", "预期性", "市生态环境局"),
]


def _funds(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "专项资金"
    sheet.append(["湖州市2025年生态环境专项资金执行情况表"])
    sheet.append(["统计截至：2025年6月30日　　　　金额单位：万元"])
    sheet.append(["序号", "地区", "项目名称", "资金级次", "下达金额", "已支出", "执行率（%）", "备注"])
    number = 0
    for region, name, level, allocated, spent, rate, remark in FUNDS:
        number += name != "小计"
        sheet.append([number if name != "小计" else None, region or None, name, level or None, allocated, spent,
                      rate, remark or None])  # fmt: skip
    sheet.append(["全市合计", None, None, None, 3200, 930, 29.06, None])
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=8)
    notes = book.create_sheet("填报说明")
    notes.append(["本表由各区县财政局、生态环境分局联合填报。"])
    notes.append(["执行率=已支出÷下达金额×100%。"])
    book.save(path)


def _tasks(path):
    word = docx.Document()
    word.add_paragraph("湖州市2025年上半年污染防治攻坚重点任务推进情况表")
    rows = [[str(i), region, task, progress] for i, (region, task, progress) in enumerate(TASKS, start=1)]
    spans = {}  # the 责任地区 cell merged over its tasks, as Word offices write it
    for i, (region, *_) in enumerate(TASKS, start=1):
        spans[region] = (spans.get(region, (i, i))[0], i)
    merged = tuple((top, bottom, (1,)) for top, bottom in spans.values() if bottom > top)
    add_docx_table(word, ["序号", "责任地区", "攻坚任务", "1-6月推进情况"], rows, merged)
    word.add_paragraph("注：标★的为市级重点考核任务。")
    word.save(path)


def _stations(path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["表1　2025年1-6月各考核站点主要污染物浓度与考核目标对照表"])
    sheet.append(["所在区域", "站点名称", "PM2.5（微克/立方米）", None, "PM10（微克/立方米）", None,
                  "NO2（微克/立方米）", None])  # fmt: skip
    sheet.append([None, None, "1-6月均值", "考核目标", "1-6月均值", "考核目标", "1-6月均值", "考核目标"])
    for row in STATIONS:
        sheet.append(list(row))
    sheet.merge_cells("A1:H1")
    for first in (3, 5, 7):
        sheet.merge_cells(start_row=2, start_column=first, end_row=2, end_column=first + 1)
    for column in (1, 2):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    book.save(path)


def _indicators(path):
    word = docx.Document()
    word.add_paragraph("湖州市2025年深入打好污染防治攻坚战工作方案")
    word.add_paragraph("一、工作目标")
    word.add_paragraph("到2025年底，全市生态环境质量持续改善。")
    word.add_paragraph("附件1  2025年主要目标指标表")
    header = ["序号", "指标名称", "单位", "2024年现状值", "2025年目标值", "指标属性", "牵头单位"]
    add_docx_table(word, header, [list(row) for row in INDICATORS])
    word.save(path)


NOTICE = """湖州市生态环境局关于2025年上半年信访投诉办理情况的通报

一、受理情况
　　上半年，全市共受理生态环境信访投诉860件。

表1　2025年1-6月各地区信访投诉受理情况（单位：件）
----------------------------------------------------------
地区        大气    噪声    合计    已办结  办结率（%）
----------------------------------------------------------
吴兴区      120     160     280     276     98.6
南浔区      90      70      160     160     100.0
德清县      150     120     270     258     95.6
安吉县      80      70      150     150     100.0
----------------------------------------------------------
全市        440     420     860     844     98.1
----------------------------------------------------------

二、下一步工作
　　下半年，将组织开展噪声污染专项整治“夜静湖城”行动。
"""


def _notice(path):
    path.write_bytes(NOTICE.replace("\n", "\r\n").encode("gb18030"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("huzhou")
    makers = {"湖州市2025年生态环境专项资金执行情况表.xlsx": _funds,
              "湖州市2025年上半年污染防治攻坚重点任务推进情况表.docx": _tasks,
              "湖州市2025年1-6月空气质量考核站点监测情况.xlsx": _stations,
              "湖州市2025年深入打好污染防治攻坚战工作方案.docx": _indicators,
              "2025年上半年信访投诉办理情况通报.txt": _notice}  # fmt: skip
    for name, make in makers.items():
        make(folder / name)
    return {name: load_document(folder / name) for name in makers}


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(list(documents.values()))


def test_a_notes_sheet_is_text_not_a_table(documents):
    funds = documents["湖州市2025年生态环境专项资金执行情况表.xlsx"]
    assert len(funds.tables) == 1
    assert "联合填报" in " ".join(b.text for b in funds.blocks)


def test_a_region_written_once_owns_the_rows_under_it_and_their_subtotal(ask):
    answer = ask("专项资金执行率低于40%的县区有哪些？")  # the 小计 rows: 南浔 5.38, 德清 36; 吴兴 55.56 is not
    assert "南浔区" in answer.text and "5.38%" in answer.text and "德清县" in answer.text and "36%" in answer.text
    assert "吴兴区" not in answer.text.split("\n")[0]


def test_the_highest_region_is_read_off_its_subtotal(ask):
    answer = ask("各区县里专项资金执行率最高的是哪个？")
    assert "吴兴区" in answer.text and "55.56" in answer.text


def test_why_a_regions_rate_is_low_lists_its_rows_with_their_remarks(ask):
    answer = ask("南浔区的专项资金执行率为什么这么低？")
    assert "古镇污水管网改造" in answer.text and "项目未开工" in answer.text and "5.38" in answer.text


def test_a_unit_stated_beside_the_date_above_the_header_is_the_amounts_unit(ask):
    assert "1200万元" in ask("南浔区古镇污水管网改造下达了多少资金？").text


def test_a_starred_mark_picks_its_rows(ask):
    answer = ask("标★的任务中，哪些没有按进度推进？")  # ★ and 未按进度推进: 德清 农村生活污水 only
    assert "农村生活污水治理" in answer.text
    assert "机动车维修" not in answer.text and "入河排污口" not in answer.text and "扬尘" not in answer.text


def test_how_many_tasks_counts_with_its_measure_word(ask):
    answer = ask("德清县有几项攻坚任务没按进度推进？分别是什么？")
    assert "共2项" in answer.text and "农村生活污水" in answer.text and "入河排污口" in answer.text


def test_which_places_asks_for_places_not_rows_saying_place(ask):
    answer = ask("上半年攻坚任务里有“未按进度推进”的是哪几个地区？")
    assert "吴兴区" in answer.text and "德清县" in answer.text and "安吉县" not in answer.text.split("\n")[0]


def test_a_count_of_things_goes_to_the_table_that_counts_them(ask):
    answer = ask("德清县入河排污口整治完成了多少个？离全年目标还差几个？")  # the task's 50 − 20, not the fund's project
    assert "还差30个" in answer.text


def test_all_three_pollutants_met_is_the_rows_whole_verdict(ask):
    answer = ask("PM2.5、PM10、NO2三项都达到考核目标的站点有几个？是哪些？")
    # 仁皇山 27≤28 50≤52 25≤26 and 递铺 22≤26 40≤48 18≤22; 城西 (PM2.5), 南浔 (PM10), 武康 (NO2) are behind on one
    assert "共2个" in answer.text and "仁皇山站" in answer.text and "递铺站" in answer.text
    assert "城西站" not in answer.text and "南浔站" not in answer.text and "武康站" not in answer.text


def test_these_stations_are_the_ones_the_answer_before_listed(ask):
    history = [{"role": "user", "content": "1-6月PM2.5没达到考核目标的站点有哪些？"},
               {"role": "assistant", "content": "PM2.5未达到考核目标的站点有1个：城西站。"}]  # fmt: skip
    answer = ask("这几个站超了多少？", history)
    assert "城西站" in answer.text and "仁皇山站" not in answer.text


def test_not_led_by_a_department_is_every_other_row(ask):
    answer = ask("指标表中，牵头单位不是市生态环境局的有哪些指标？")
    assert "黑臭水体" in answer.text and "受污染耕地" in answer.text
    assert "PM2.5年均浓度" not in answer.text and "省控断面" not in answer.text


def test_the_indicators_target_beats_a_project_of_the_same_words(ask):
    answer = ask("受污染耕地安全利用率今年的目标是多少？比2024年现状要提高几个百分点？")
    assert "93" in answer.text and "92" in answer.text and "1个百分点" in answer.text


def test_a_table_typed_with_spaces_is_asked_like_any_other(ask):
    answer = ask("上半年哪个地区的噪声投诉最多？有多少件？")
    assert "吴兴区" in answer.text and "160" in answer.text
    total = ask("全市上半年一共受理了多少件信访投诉？办结率是多少？")
    assert "860" in total.text and "98.1" in total.text


def test_the_year_said_picks_the_work_plan_of_that_year(documents, corpus_documents, table_asker):
    # the corpus has 江门's 2020 工作方案 with its own indicator table; 2025年 is 湖州's: 3 约束性 of 4
    ask = table_asker([*corpus_documents.values(), *documents.values()])
    answer = ask("2025年工作方案附件的指标表里，约束性指标一共多少项？")
    assert "共3项" in answer.text and "湖州" in answer.text


def test_a_regions_share_of_the_whole_is_its_subtotal_over_the_total_row(ask):
    answer = ask("南浔区下达金额占全市的多大比例？")  # 1300 of 3200
    assert "1300" in answer.text and "3200" in answer.text and "40.63%" in answer.text


def test_a_share_asked_after_a_total_takes_the_measure_asked_before(ask):
    history = [{"role": "user", "content": "上半年全市噪声投诉一共多少件？"},
               {"role": "assistant", "content": "上半年全市噪声投诉420件。"}]  # fmt: skip
    answer = ask("德清县占了其中多大比例？", history)  # 120 of 420
    assert "120" in answer.text and "420" in answer.text and "28.57%" in answer.text


def test_a_share_is_not_asked_of_a_rate_nor_by_rank(ask):
    assert "占合计" not in ask("南浔区执行率占全市多大比例？").text  # a rate is no part of a 合计
    ranked = ask("哪个区县下达金额占比最高？")
    assert "占合计" not in ranked.text and "南浔区" in ranked.text  # 1300, the largest 小计


def test_not_led_by_with_you_is_still_every_other_row(ask):
    answer = ask("不是由市生态环境局牵头的指标有哪些？")
    assert "黑臭水体" in answer.text and "PM2.5年均浓度" not in answer.text


@pytest.fixture(scope="module")
def starred(tmp_path_factory, table_asker):
    """A fund list whose key projects carry ★, and whose 统计范围 column says 全市 of ordinary rows."""
    path = tmp_path_factory.mktemp("starred") / "湖州市2025年重点项目资金表.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["湖州市2025年重点项目资金表"])
    sheet.append(["填表单位：湖州市生态环境局"])
    sheet.append(["序号", "项目名称", "统计范围", "下达资金（万元）", "执行率（%）"])
    for row in ([1, "★太湖溇港整治", "全市", 800, 60], [2, "餐饮油烟在线监控", "全市", 100, 20],
                [3, "★矿山生态修复", "德清县", 600, 35]):  # fmt: skip
        sheet.append(row)
    sheet.merge_cells("A1:E1")
    sheet.merge_cells("A2:E2")
    book.save(path)
    return table_asker([load_document(path)])


def test_a_mark_picks_rows_of_any_table(starred):
    answer = starred("标★的项目有哪些？")
    assert "太湖溇港整治" in answer.text and "矿山生态修复" in answer.text and "餐饮油烟" not in answer.text


def test_a_cell_saying_quan_shi_is_no_total_row_and_who_filled_it_in_no_unit(starred):
    answer = starred("一共有几个项目？")
    assert "3" in answer.text.split("\n")[0]
    assert "生态环境局" not in starred("太湖溇港整治下达了多少资金？").text.split("：", 1)[-1].split("；")[0]
