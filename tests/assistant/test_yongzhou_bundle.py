"""A city's files of 2052 laid out yet another way (永州市; every task, figure and date made up here, and the expected
answers read off the rows below):

- an .xlsx of tasks whose header sits under a caption row (「表一  进度滞后任务清单」 on the left, the office's
  signature and date on the right), with 推进状态, 完成率（%） and 序时进度（%）, and a second sheet of the tasks done
  with a 完成等次 column (提前完成 / 按期完成 / 逾期完成);
- a .docx task table whose 推进状态 column says 按期推进 or 进度滞后;
- a .docx plan whose indicators are 约束性 or 预期性;
- an .xlsx register of a kind no table of the corpus is (危险废物贮存场): a company named with its province first,
  its 贮存库容（万立方米）, a 监管分级, a 防渗设施（是/否） column and the date its licence runs to;
- an .xlsx water sheet whose 水质同比 column says 变差 / 持平 / 变好 in words (no last year's class beside it);
- a .txt notice whose figures are in sentences only (a rare fish named 长江鲟, a span of months written 「6—8月」).
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, assistant_over, first_line
from tests.support.documents import docx_file, workbook

LAGGING = [
    ["永州市2052年污染防治攻坚战重点任务推进情况表（截至9月底）"],
    ["表一  进度滞后任务清单", None, None, None, None, None, None, "市攻坚办  2052年10月9日", None, None],
    ["序号", "县（市、区）", "任务名称", "目标要求", "推进状态", "完成率（%）", "序时进度（%）", "截至9月底进展情况",
     "牵头单位", "完成时限"],
    [1, "零陵区", "潇水零陵段截污管网完善工程", "新建截污干管12公里", "严重滞后", 30.0, 75, "截至9月底，已完成3.6公里。",
     "市住房城乡建设局", "2052年12月底前"],
    [2, "冷水滩区", "珠山镇农村生活污水治理", "完成8个村", "滞后序时", 62.5, 80, "已完成5个村。", "市生态环境局",
     "2052年11月底前"],
    [3, "祁阳市", "浯溪工业园废渣规范化贮存", "建成贮存场1处", "严重滞后", 20.0, 85, "环评正在编制。",
     "市工业和信息化局", "2052年10月底前"],
    [4, "东安县", "县城第二污水处理厂建设", "建成通水", "滞后序时", 70.0, 90, "主体已封顶。", "市住房城乡建设局",
     "2052年12月底前"],
]  # fmt: skip
LAGGING_MERGED = ("A1:J1", "A2:E2", "H2:J2")
DONE = [
    ["表二  已完成任务清单（截至2052年9月30日）"],
    ["序号", "县（市、区）", "任务名称", "牵头单位", "完成时限", "实际完成时间", "完成等次"],
    [1, "零陵区", "萍洲河道垃圾清理", "市城市管理局", "2052年6月底前", "2052年5月", "提前完成"],
    [2, "冷水滩区", "湘江饮用水水源地整治", "市生态环境局", "2052年6月底前", "2052年6月", "按期完成"],
    [3, "祁阳市", "县城黑臭水体治理", "市住房城乡建设局", "2052年6月底前", "2052年8月", "逾期完成"],
    [4, "东安县", "紫溪河岸线整治", "市水利局", "2052年7月底前", "2052年6月", "提前完成"],
    [5, "道县", "铸造企业废砂利用", "市工业和信息化局", "2052年5月底前", "2052年7月", "逾期完成"],
    [6, "零陵区", "城区餐饮油烟在线监控", "市生态环境局", "2052年8月底前", "2052年8月", "按期完成"],
]  # fmt: skip
TASK_HEADER = ["序号", "责任区县", "重点任务", "完成时限", "牵头单位", "进展情况", "推进状态"]
TASKS = [
    ["1", "江华县", "县城污水处理厂提标改造", "2052年11月底前", "江华县住建局", "主体工程完成80%。", "按期推进"],
    ["2", "江华县", "涔天河库区网箱清理", "2052年9月底前", "江华县农业农村局", "已清理60%。", "进度滞后"],
    ["3", "宁远县", "九嶷河入河排污口整治", "2052年12月底前", "宁远县生态环境局", "已完成排查。", "按期推进"],
]
PLAN_HEADER = ["序号", "指标", "单位", "2051年现状值", "2055年目标值", "属性"]
PLAN = [
    ["1", "细颗粒物（PM2.5）平均浓度", "微克/立方米", "33", "30", "约束性"],
    ["2", "空气质量优良天数比例", "%", "90.1", "92", "约束性"],
    ["3", "地表水国考断面优良比例", "%", "95", "100", "约束性"],
    ["4", "森林覆盖率", "%", "65.2", "66", "预期性"],
]
REGISTER = [
    ["永州市2052年危险废物贮存场监管清单"],
    ["序号", "贮存场名称", "运营单位", "所在县（区）", "贮存库容（万立方米）", "监管分级", "防渗设施（是/否）",
     "许可有效期至"],
    [1, "石门岭贮存场", "湖南永清环保科技有限公司", "零陵区", 80, "一级", "是", "2054-03-31"],
    [2, "黄田铺贮存场", "永州市冷水滩固废处置有限公司", "冷水滩区", 50, "一级", "否", "2053-12-31"],
    [3, "白牙市贮存场", "东安县绿源环境有限公司", "东安县", 45, "二级", "否", "2054-01-01"],
    [4, "浯溪贮存场", "祁阳市环卫服务有限公司", "祁阳市", 120, "一级", "是", "2055-06-30"],
    [5, "江村贮存场", "道县江村环保有限公司", "道县", 30, "二级", "是", "2052-12-31"],
]  # fmt: skip
WATER = [
    ["永州市2052年1-9月地表水考核断面水质状况"],
    ["序号", "断面名称", "所在县（区）", "水质类别", "水质同比", "氨氮（mg/L）"],
    [1, "老埠头", "零陵区", "Ⅲ类", "变差", 0.62],
    [2, "湘江西", "冷水滩区", "Ⅱ类", "持平", 0.31],
    [3, "紫溪口", "东安县", "Ⅱ类", "变好", 0.28],
    [4, "浯溪", "祁阳市", "Ⅳ类", "变差", 1.12],
]
NOTICE = (
    "关于2052年夏季生态环境保护工作情况的通报\n\n各县（市、区）生态环境局：\n\n一、水生生物保护\n\n"
    "全面落实长江十年禁渔。在江华县建设长江鲟人工增殖放流基地，每年放流长江鲟、胭脂鱼等珍稀鱼类不少于15万尾。\n\n"
    "二、夏季臭氧污染防控\n\n6—8月全市臭氧超标天数累计11天，较上年同期减少4天。组织96家涉VOCs企业实施错峰生产。\n"
)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("yongzhou")
    sheets = folder / "永州市2052年污染防治攻坚战重点任务推进情况表（截至9月底）.xlsx"
    workbook(sheets, {"进度滞后任务": LAGGING, "已完成任务": DONE},
             merged={"进度滞后任务": LAGGING_MERGED, "已完成任务": ("A1:G1",)})  # fmt: skip
    tasks = docx_file(folder / "永州市2052年水污染防治重点任务推进情况表.docx",
                      ("永州市2052年水污染防治重点任务推进情况表",), TASK_HEADER, TASKS)  # fmt: skip
    plan = docx_file(folder / "永州市生态环境保护行动计划（2052—2055年）.docx",
                     ("永州市生态环境保护行动计划（2052—2055年）", "表1 主要指标"), PLAN_HEADER, PLAN)  # fmt: skip
    register = folder / "永州市2052年危险废物贮存场监管清单.xlsx"
    workbook(register, {"清单": REGISTER}, merged={"清单": ("A1:H1",)})
    water = folder / "永州市2052年1-9月地表水考核断面水质状况.xlsx"
    workbook(water, {"断面": WATER}, merged={"断面": ("A1:F1",)})
    notice = folder / "关于2052年夏季生态环境保护工作情况的通报.txt"
    notice.write_text(NOTICE, encoding="utf-8")
    return [sheets, tasks, plan, register, water, notice]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


def test_a_caption_row_above_the_header_leaves_the_task_names_whole(ask):
    """「表一 …清单 | 市攻坚办 2052年10月9日」 is the sheet's caption, not an upper header: 任务名称 stays the task."""
    head = first_line(ask("祁阳市哪项任务是严重滞后的？"))
    assert "浯溪工业园废渣规范化贮存" in head and "85" not in head
    assert "2052年10月9日" not in head  # the signature names no table


def test_tasks_of_two_conditions_under_a_caption_row(ask):
    text = answer_text(ask("由市住房城乡建设局牵头、目前进度滞后的任务有哪几项？"))
    head = text.split("\n")[0]
    assert "潇水零陵段截污管网完善工程" in text and "县城第二污水处理厂建设" in text
    assert "珠山镇" not in text and "浯溪" not in text
    assert head.count("市住房城乡建设局") == 1  # the department's filter said once


def test_a_label_of_a_done_column_narrows_the_done_tasks(ask):
    """「已完成的任务中，哪些是逾期完成的」: the two done late, not all six done."""
    text = answer_text(ask("已完成的任务中，哪些是逾期完成的？"))
    assert "县城黑臭水体治理" in text and "铸造企业废砂利用" in text
    assert "萍洲河道垃圾清理" not in text and "湘江饮用水水源地整治" not in text


def test_not_done_on_time_is_the_late_ones(ask):
    """「没有按期完成」 of a 完成等次 column: the two 逾期完成 (not the early nor the on-time ones), not every lagging
    task of the first sheet."""
    text = answer_text(ask("哪些任务没有按期完成？"))
    assert "县城黑臭水体治理" in text and "铸造企业废砂利用" in text
    assert "萍洲河道垃圾清理" not in text and "湘江饮用水水源地整治" not in text and "潇水零陵段" not in text


def test_a_done_label_the_glossary_also_knows_is_the_sheets_label(ask):
    head = first_line(ask("提前完成的任务有几项？"))
    assert "2项" in head


def test_a_status_of_a_column_no_glossary_word_judges_is_said_as_written(ask):
    text = answer_text(ask("江华县县城污水处理厂提标改造目前推进状态如何？"))
    assert "按期推进" in text


def test_each_ones_status_of_a_county_is_its_tasks(ask):
    text = answer_text(ask("江华县承担了哪些重点任务？各自推进状态怎样？"))
    assert "县城污水处理厂提标改造" in text and "涔天河库区网箱清理" in text and "进度滞后" in text


def test_a_count_with_the_rows_noun_after_its_classifier(ask):
    """「设了几项约束性指标」 counts the indicators (3), as 「有几项」 does."""
    assert "3项" in first_line(ask("行动计划设了几项约束性指标？"))


def test_rows_whose_date_falls_in_a_year_the_sheet_is_not_of(ask):
    """「2054年到期」 of a sheet of 2052: the rows whose 许可有效期至 is in 2054 (not 2053-12-31, nor 2055)."""
    text = answer_text(ask("哪些贮存场的许可将在2054年到期？"))
    assert "石门岭贮存场" in text and "白牙市贮存场" in text
    assert "黄田铺贮存场" not in text and "浯溪贮存场" not in text


def test_a_company_named_with_its_province_first_is_no_place_asked(ask):
    text = answer_text(ask("湖南永清环保科技有限公司的许可什么时候到期？"))
    assert "2054-03-31" in text and "未在已收录文件中找到" not in text


def test_a_bound_in_a_measures_own_unit_keeps_the_row_on_it(ask):
    """「在50万立方米及以上」: 80, 50 and 120 (50 is on the bound), not 45."""
    text = answer_text(ask("贮存库容在50万立方米及以上的贮存场有哪些？"))
    assert all(n in text for n in ("石门岭贮存场", "黄田铺贮存场", "浯溪贮存场")) and "白牙市贮存场" not in text


def test_a_yes_no_column_under_its_things_name_and_the_rows_said_before(ask):
    """「一级监管的贮存场中，哪座还没有建防渗设施」: 一级 and 防渗设施 否 — 黄田铺 (白牙市 is 二级); it names the
    贮存场, not its 县."""
    head = first_line(ask("一级监管的贮存场中，哪座还没有建防渗设施？"))
    assert "黄田铺贮存场" in head and "白牙市贮存场" not in head and "石门岭贮存场" not in head


def test_the_reports_date_said_first_is_no_cell_of_a_progress_text(ask):
    """「截至9月底，…严重滞后的一共有几项」: both 严重滞后 tasks (零陵区's progress opens with 截至9月底, 祁阳市's does
    not)."""
    head = first_line(ask("截至9月底，全市重点任务里被列为严重滞后的一共有几项？"))
    assert "2个" in head or "2项" in head


@pytest.fixture(scope="module")
def assistant(files, tmp_path_factory):
    return assistant_over(files, tmp_path_factory.mktemp("yongzhou-data") / "data")


@pytest.mark.slow
def test_the_words_as_said_are_searched_when_the_terms_find_nothing(assistant, monkeypatch):
    """「长江鲟…」: when the question's terms (which split 鲟 off) find no passage, the words as said are searched."""
    data = assistant.loaded
    search, queries = data.passages.search, []

    def terms_find_nothing(query, **options):
        queries.append(query)
        return [] if len(queries) == 1 else search(query, **options)

    monkeypatch.setattr(data.passages, "search", terms_find_nothing)
    answer = assistant.ask("长江鲟人工增殖放流基地建在哪个县？每年要放流多少尾？")
    assert "长江鲟" in queries[1] and answer.route == "retrieval" and "江华县" in answer.answer


@pytest.mark.slow
def test_months_asked_with_dao_are_the_months_a_sentence_writes_with_a_dash(assistant):
    answer = assistant.ask("今年6到8月全市臭氧超标了多少天？")
    assert answer.route == "retrieval" and "11天" in answer.answer


def test_the_whole_count_beside_the_place_with_the_most(ask):
    """「已完成的一共几项？哪个区县最多」: 零陵区 (2 of them), and all six done."""
    text = answer_text(ask("已完成的任务一共几项？哪个区县完成的最多？"))
    assert "零陵区（2项）" in text and "共6项" in text


def test_whether_some_exist_says_how_many(ask):
    """「江华县有任务进度滞后吗」: yes, and how many (涔天河库区网箱清理)."""
    head = first_line(ask("江华县有任务进度滞后吗？"))
    assert head.startswith("是") and "1项" in head


def test_a_date_in_the_sheets_own_year_said_with_daoqi(ask):
    text = answer_text(ask("哪些贮存场的许可在2052年到期？"))
    assert "江村贮存场" in text and "石门岭贮存场" not in text and "浯溪贮存场" not in text


def test_a_negated_on_track_label_is_behind(ask):
    """「没有按期推进」 of a column of 按期推进 / 进度滞后: the one lagging, not the two on track."""
    text = answer_text(ask("江华县和宁远县哪些任务没有按期推进？"))
    assert "涔天河库区网箱清理" in text and "九嶷河入河排污口整治" not in text


def test_a_negation_after_a_yes_no_columns_name(ask):
    text = answer_text(ask("防渗设施未建成的贮存场有哪些？"))
    assert "黄田铺贮存场" in text and "白牙市贮存场" in text and "石门岭贮存场" not in text


def test_a_date_over_two_columns_is_an_upper_header_not_a_caption(tmp_path):
    """「2052年6月30日」 over 累计投资 | 完成率 (and 9月30日 over two more) heads its columns; no table number says
    it is a caption."""
    from corpus.office import read_xlsx

    path = tmp_path / "投资进展.xlsx"
    rows = [[None, None, "2052年6月30日", None, "2052年9月30日", None],
            ["序号", "项目名称", "累计投资（万元）", "完成率（%）", "累计投资（万元）", "完成率（%）"],
            [1, "潇水截污工程", 1200, 30, 2100, 52.5]]  # fmt: skip
    workbook(path, {"进展": rows}, merged={"进展": ("C1:D1", "E1:F1")})
    table = read_xlsx(path).tables[0]
    assert "2052年9月30日" in table.rows[0]


def test_a_change_written_in_words_is_a_cell_not_a_direction(ask):
    """「水质类别变差的断面」 of a 水质同比 column of 变差 / 持平 / 变好: its 变差 rows (no figure to compare is needed)."""
    text = answer_text(ask("和上年同期比，水质类别变差的断面有几个？是哪些？"))
    assert "老埠头" in text and "浯溪" in text and "湘江西" not in text and "紫溪口" not in text


def test_the_issuer_and_dates_under_a_title_are_no_caption():
    from corpus.assembler import DocumentAssembler

    doc = DocumentAssembler()
    doc.add_line("永州市2052年1-9月地表水考核断面水质状况")
    doc.add_line("永州市生态环境监测中心 统计时段：2052年1月1日至9月30日 发布日期：2052年10月12日")
    doc.add_table([["序号", "断面名称"], ["1", "老埠头"]])
    assert doc.finish().tables[0].caption.startswith("永州市2052年1-9月地表水考核断面水质状况")
