"""A prefecture's files of two years laid out the ways a bureau's tables come (文山州; every task, figure, date,
enterprise and section made up here, and the expected answers read off the rows below):

- a .docx task table of 2055 and an .xlsx task sheet of 2056 whose statuses are 已完成 / 按序时推进 / 滞后于序时 /
  未启动 (「今年」 is the newer one);
- a .docx air ranking by 县 whose targets are stated only in the note under it (「注：…考核目标为：PM2.5平均浓度不高于
  28微克/立方米，优良天数比例不低于95.0%」), with 「持平」 in a 同比 cell;
- a .docx water bulletin with 水质目标 / 本期水质 columns and a 全市 row whose place cells are blank;
- an .xlsx register of enforcement inspections (检查日期, 检查结论 超标排放 / 未发现问题) and one of discharge permits
  (管理类别, 核发日期, 有效期至, 许可排放量 of two pollutants);
- an .xlsx fund sheet with one project exactly at a 60% 执行率.
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import add_docx_table, docx_file, workbook

TASK_HEADER = ["序号", "区县", "任务", "完成时限", "牵头单位", "进展情况", "状态"]
TASKS_2055 = [
    ["1", "砚山县", "县城燃煤锅炉淘汰", "2055年10月底", "砚山县发展和改革局", "已淘汰8台。", "已完成"],
    ["2", "丘北县", "普者黑湖入湖沟渠整治", "2055年11月底", "丘北县水务局", "已整治12条。", "已完成"],
]
TASKS_2056 = [
    ["文山州2056年生态环境保护重点任务推进情况表（1-9月）"],
    ["序号", "县（市）", "任务名称", "完成时限", "牵头单位", "截至9月底进展", "推进状态"],
    [1, "文山市", "城区雨污分流管网改造", "2056年12月底", "文山市住房和城乡建设局", "已完成18公里，共40公里。", "滞后于序时"],
    [2, "文山市", "盘龙河入河排污口规范整治", "2056年11月底", "州生态环境局文山分局", "已整治26个，共30个。", "按序时推进"],
    [3, "砚山县", "工业园区污水处理厂提标改造", "2056年12月底", "砚山工业园区管委会", "尚未开工。", "未启动"],
    [4, "砚山县", "规模化养殖场粪污治理", "2056年9月底", "砚山县农业农村局", "已完成15家。", "已完成"],
    [5, "丘北县", "清水江河道生态修复", "2056年10月底", "丘北县水务局", "已完成。", "已完成"],
    [6, "丘北县", "农村生活污水治理", "2056年12月底", "丘北县住房和城乡建设局", "完成2项，共4项，完成率50%。",
     "滞后于序时"],
    [7, "广南县", "乡镇饮用水水源地规范化整治", "2056年8月底", "广南县水务局", "已完成。", "已完成"],
    ["注：推进状态分为已完成、按序时推进、滞后于序时、未启动四类。"],
]  # fmt: skip
AIR_HEADER = ["县（市）", "PM2.5浓度（微克/立方米）", "PM2.5同比变化（%）", "优良天数比例（%）", "排名"]
AIR = [
    ["文山市", "29", "-3.3", "96.1", "5"],
    ["砚山县", "28", "持平", "95.0", "4"],
    ["丘北县", "24", "-4.0", "98.2", "1"],
    ["广南县", "31", "+3.3", "94.2", "6"],
    ["富宁县", "25", "-7.4", "97.5", "2"],
    ["西畴县", "27", "+3.8", "96.8", "3"],
]
AIR_NOTE = ("注：1.排名按环境空气质量综合指数由小到大排序；2.各县（市）2056年度考核目标为：PM2.5平均浓度不高于28微克/立方米，"
            "优良天数比例不低于95.0%；3.同比变化中“+”表示上升。")  # fmt: skip
WATER_HEADER = ["序号", "县（市）", "河流", "断面名称", "水质目标", "本期水质", "氨氮（mg/L）", "达标情况"]
WATER = [
    ["1", "文山市", "盘龙河", "马塘", "Ⅲ类", "Ⅲ类", "0.80", "达标"],
    ["2", "文山市", "盘龙河", "新街", "Ⅲ类", "Ⅱ类", "0.36", "达标"],
    ["3", "砚山县", "盘龙河", "平远", "Ⅱ类", "Ⅲ类", "0.62", "不达标"],
    ["4", "丘北县", "清水江", "普者黑湖出口", "Ⅲ类", "Ⅲ类", "0.91", "达标"],
    ["5", "广南县", "西洋江", "董堡", "Ⅱ类", "Ⅱ类", "0.40", "达标"],
    ["全市（5个断面）", "", "", "", "—", "优良比例80.0%", "0.62", "达标4个"],
]
INSPECTIONS = [
    ["文山州2056年第三季度固定污染源执法检查结果公示表"],
    ["序号", "县（市）", "被检查单位名称", "检查日期", "监测因子", "实测浓度（mg/m³）", "排放限值（mg/m³）", "检查结论",
     "罚款金额（万元）"],
    [1, "文山市", "文山三七药业有限公司", "2056-07-09", "颗粒物", 42, 50, "未发现问题", None],
    [2, "砚山县", "砚山华宇水泥有限公司", "2056-08-03", "颗粒物", 36, 30, "超标排放", 20],
    [3, "丘北县", "丘北绿源纸业有限公司", "2056-08-17", "化学需氧量", 55, 60, "未发现问题", None],
    [4, "广南县", "广南鑫达冶炼有限公司", "2056-08-28", "二氧化硫", 410, 400, "超标排放", 32],
    [5, "富宁县", "富宁港城化工有限公司", "2056-09-12", "氮氧化物", 18, 20, "未发现问题", None],
    ["合计", "共检查5家次", None, None, None, None, None, "超标排放2家次", 52],
]  # fmt: skip
PERMITS = [
    ["文山州2056年第三季度排污许可证核发情况登记表"],
    ["序号", "单位名称", "所在县区", "管理类别", "核发日期", "有效期至", "许可排放量（吨/年）", None],
    [None, None, None, None, None, None, "二氧化硫", "氮氧化物"],
    [1, "文山铝业有限公司", "文山市", "重点管理", "2056-07-06", "2061-07-05", 320.5, 610.0],
    [2, "砚山电厂有限公司", "砚山县", "重点管理", "2056-09-14", "2061-09-13", 280.0, 450.2],
    [3, "丘北酒业有限公司", "丘北县", "简化管理", "2056-09-20", "2061-09-19", 2.1, 5.4],
    [4, "富宁建材有限公司", "富宁县", "重点管理", "2056-08-25", "2061-08-24", 95.0, 180.0],
]  # fmt: skip
PERMITS_MERGED = ("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3", "F2:F3", "G2:H2")
FUNDS = [
    ["文山州2056年生态环境专项资金执行情况表"],
    ["序号", "县（市）", "项目名称", "下达资金（万元）", "已拨付（万元）", "执行率（%）"],
    [1, "文山市", "盘龙河生态缓冲带建设", 500, 300, 60.0],
    [2, "砚山县", "砚山县城污水管网修复", 400, 120, 30.0],
    [3, "丘北县", "普者黑湖面源污染治理", 800, 640, 80.0],
    [4, "广南县", "广南县大气自动站建设", 150, 75, 50.0],
]
DIVIDED = [
    ["文山州2056年村庄环境整治任务分解表"],
    ["序号", "县（市）", "整治任务", "年度目标（个）", "已完成（个）"],
    [1, "文山市", "村庄生活垃圾收运体系建设", 40, 25],
    [2, "砚山县", "村庄生活垃圾收运体系建设", 30, 12],
    [3, "丘北县", "村庄生活垃圾收运体系建设", 20, 10],
    [4, "广南县", "村庄生活垃圾收运体系建设", 10, 4],
    [5, "文山市", "村庄黑臭水体清理", 6, 6],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    import docx

    folder = tmp_path_factory.mktemp("wenshan")
    tasks_2055 = docx_file(folder / "文山州2055年生态环境保护重点任务推进情况表.docx",
                           ("文山州2055年生态环境保护重点任务推进情况表",), TASK_HEADER, TASKS_2055)  # fmt: skip
    tasks_2056 = folder / "文山州2056年生态环境保护重点任务推进情况表（1-9月）.xlsx"
    workbook(tasks_2056, {"任务": TASKS_2056}, merged={"任务": ("A1:G1", "A10:G10")})
    air = folder / "文山州2056年1-9月各县（市）环境空气质量排名.docx"
    word = docx.Document()
    word.add_paragraph("文山州2056年1-9月各县（市）环境空气质量排名")
    add_docx_table(word, AIR_HEADER, AIR)
    note = word.tables[0].add_row().cells
    note[0].merge(note[-1]).text = AIR_NOTE
    word.save(air)
    water = docx_file(folder / "文山州2056年第三季度地表水环境质量状况通报.docx",
                      ("文山州2056年第三季度地表水环境质量状况通报",), WATER_HEADER, WATER)  # fmt: skip
    inspections = folder / "文山州2056年第三季度固定污染源执法检查结果公示表.xlsx"
    workbook(inspections, {"第三季度": INSPECTIONS}, merged={"第三季度": ("A1:I1",)})
    permits = folder / "文山州2056年第三季度排污许可证核发情况登记表.xlsx"
    workbook(permits, {"2056年三季度": PERMITS}, merged={"2056年三季度": PERMITS_MERGED})
    funds = folder / "文山州2056年生态环境专项资金执行情况表.xlsx"
    workbook(funds, {"资金执行情况": FUNDS}, merged={"资金执行情况": ("A1:F1",)})
    divided = folder / "文山州2056年村庄环境整治任务分解表.xlsx"
    workbook(divided, {"分解": DIVIDED}, merged={"分解": ("A1:E1",)})
    return [tasks_2055, tasks_2056, air, water, inspections, permits, funds, divided]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


def test_this_year_is_the_newest_year_a_task_table_holds(ask):
    """「今年…已经完成的一共几项」: the 2056 sheet's 3 (砚山 养殖场, 丘北 清水江, 广南 水源地), not 2055's two."""
    head = first_line(ask("今年的重点任务表里，已经全部完成的一共几项？"))
    assert "3项" in head and "2056年" in answer_text(ask("今年的重点任务表里，已经全部完成的一共几项？"))
    assert "县城燃煤锅炉淘汰" not in answer_text(ask("今年的重点任务表里，已经全部完成的一共几项？"))


def test_untouched_and_behind_schedule_said_in_other_words(ask):
    """「一点没动的」 is 未启动 (砚山 提标改造); 「落在序时后面」 is 滞后于序时 (文山 雨污分流, 丘北 农村污水), not 按序时推进."""
    text = answer_text(ask("重点任务里有没有到现在还一点没动的？是谁牵头？"))
    assert "工业园区污水处理厂提标改造" in text and "砚山工业园区管委会" in text
    text = answer_text(ask("1到9月份，哪些重点任务进度落在序时后面了？"))
    assert "城区雨污分流管网改造" in text and "农村生活污水治理" in text
    assert "盘龙河入河排污口规范整治" not in text


def test_targets_stated_in_the_note_under_a_table(ask):
    """PM2.5 over its note's target of 28: 文山市 29, 广南县 31 — not 砚山县, exactly at 28; 优良天数比例 under 95.0:
    广南县 94.2 alone (砚山县's 95.0 meets it)."""
    text = answer_text(ask("1-9月PM2.5浓度超过年度考核目标的是哪几个县？"))
    assert (
        "文山市" in text
        and "广南县" in text
        and "砚山县" not in first_line(ask("1-9月PM2.5浓度超过年度考核目标的是哪几个县？"))
    )
    head = first_line(ask("优良天数比例没达到年度考核目标的县有哪些？"))
    assert "广南县" in head and "砚山县" not in head


def test_level_in_a_change_column_is_no_change(ask):
    """砚山县's PM2.5 同比 is 「持平」: neither up nor down, and no figure the row does not write."""
    text = answer_text(ask("砚山县PM2.5浓度跟去年同期比是升了还是降了？"))
    assert "持平" in text and "上升" not in text.split("；")[0]


def test_a_whole_row_with_blank_place_cells_is_nobodys(ask):
    """The 全市（5个断面） row is no 广南县 section (its blank cells are not the row above's): 广南县's 氨氮 is 董堡's
    0.40, not the whole's 0.62."""
    text = answer_text(ask("广南县断面的氨氮浓度是多少？"))
    assert "0.40" in text and "0.62" not in text


def test_a_class_better_than_its_target_and_classes_asked_of_a_river(ask):
    """Better than target: 新街 (Ⅱ against Ⅲ) alone, not 马塘 at it; the classes of 盘龙河's three sections."""
    text = answer_text(ask("有没有哪个断面的水质比考核目标还要好？"))
    assert "新街" in text and "马塘" not in first_line(ask("有没有哪个断面的水质比考核目标还要好？"))
    text = answer_text(ask("盘龙河干流上那几个断面，三季度分别是几类水？"))
    assert all(name in text for name in ("马塘", "新街", "平远")) and "董堡" not in text


def test_inspections_counted_in_jiaci_by_their_date_and_those_over_the_limit(ask):
    """August's inspections: 砚山 (08-03), 丘北 (08-17), 广南 (08-28) — 3家次; 超标排放: 砚山华宇, 广南鑫达."""
    head = first_line(ask("8月份一共执法检查了几家次？"))
    assert "3家次" in head
    text = answer_text(ask("三季度执法检查查出来超标排放的企业有哪几家？"))
    assert "砚山华宇水泥有限公司" in text and "广南鑫达冶炼有限公司" in text and "文山三七药业" not in text


def test_permits_counted_in_zhang_and_a_permits_expiry_asked(ask):
    """重点管理: 文山铝业, 砚山电厂, 富宁建材 — 3张; issued in September: 砚山电厂, 丘北酒业 — 2张; 富宁建材's permit
    runs to 2061-08-24."""
    assert "3张" in first_line(ask("三季度发的排污许可证里，重点管理的有几张？"))
    assert "2张" in first_line(ask("9月份一共核发了几张排污许可证？"))
    assert "2061-08-24" in answer_text(ask("富宁建材那张排污许可证哪天到期？"))


def test_a_pollutant_the_register_does_not_permit_is_not_answered_by_the_row(ask):
    """「文山铝业的颗粒物许可排放量」: the register permits 二氧化硫 and 氮氧化物 only."""
    answer = ask("文山铝业的颗粒物许可排放量是多少吨？")
    assert answer is None or isinstance(answer, Missing)


def test_a_bound_said_as_the_rule_and_the_rows_short_of_it(ask):
    """「按执行率不低于60%的要求，哪些项目没达到」: 砚山 30%, 广南 50% — not 盘龙河 at exactly 60%, nor 丘北 80%."""
    text = answer_text(ask("按执行率不低于60%的要求，哪些项目没达到？"))
    assert "砚山县城污水管网修复" in text and "广南县大气自动站建设" in text
    assert "盘龙河生态缓冲带建设" not in text and "普者黑湖面源污染治理" not in text


def test_the_nth_item_of_the_answer_before(ask):
    """「第二项完成了多少」 after an answer listing 丘北县's two tasks: the second, 农村生活污水治理 (2 of 4, 50%)."""
    history = [{"role": "user", "content": "丘北县今年有哪些重点任务？"},
               {"role": "assistant", "content": "丘北县有2项：清水江河道生态修复（已完成），农村生活污水治理（滞后于序时）。"}]  # fmt: skip
    text = answer_text(ask("第二项完成了多少？", history))
    assert "农村生活污水治理" in text and "50" in text and "清水江河道生态修复" not in text
    text = answer_text(ask("第一项是谁牵头的？", history))
    assert "丘北县水务局" in text and "住房和城乡建设局" not in text


def test_this_year_is_the_newest_year_of_the_rows_found(ask):
    """「今年县城燃煤锅炉淘汰完成了没有」: only the 2055 table has that task, so its row answers, not a list of 2056's."""
    text = answer_text(ask("今年县城燃煤锅炉淘汰完成了没有？"))
    assert "县城燃煤锅炉淘汰" in text and "城区雨污分流管网改造" not in text


def test_a_name_no_task_says_lists_no_task(ask):
    """「马塘今年有哪些硬任务」: 马塘 is a water section, in no task's row — no list of every task."""
    answer = ask("马塘今年有哪些硬任务？")
    assert answer is None or isinstance(answer, Missing) or "城区雨污分流管网改造" not in answer.text


def test_a_places_share_of_the_same_rows_of_every_place_where_no_row_totals_them(ask):
    """「丘北县的村庄生活垃圾收运体系建设年度目标占全州的比重」: 20 of 40 + 30 + 20 + 10 = 100, 20% — not of a 合计 row the
    sheet does not have, nor with 文山市's 黑臭水体 6 added in."""
    head = first_line(ask("丘北县的村庄生活垃圾收运体系建设年度目标占全州的比重有多大？"))
    assert "20%" in head.replace("20.0%", "20%") and "100" in head


def test_not_over_the_target_and_not_over_the_limit_said_with_a_negation(ask):
    """「PM2.5没有超过考核目标的县」: at or under 28 — 砚山 28, 丘北 24, 富宁 25, 西畴 27 — not 文山 29 nor 广南 31;
    「没超标」 the same rows."""
    for question in ("PM2.5没有超过年度考核目标的县有哪些？", "哪些县PM2.5没超标？"):
        head = first_line(ask(question))
        assert all(place in head for place in ("砚山县", "丘北县", "富宁县", "西畴县")), question
        assert "文山市" not in head and "广南县" not in head, question


def test_a_months_inspections_said_without_fen_and_counted_in_jia(ask):
    """「8月执法检查了几家次」: 3, not the quarter's 5; 「9月份执法检查了几家」: 富宁港城 alone, 1家."""
    assert "3家次" in first_line(ask("8月执法检查了几家次？"))
    assert "1家" in first_line(ask("9月份执法检查了几家？"))


def test_the_nth_item_of_an_answer_listed_on_lines_or_with_commas_in_brackets(ask):
    """Items on bullet lines (the assistant's own list), and 「新街（Ⅱ类，目标Ⅲ类）、平远（Ⅲ类，目标Ⅱ类）」 whose
    brackets hold commas: the second is 平远 (氨氮 0.62), and a task not begun says so (砚山 提标改造, 未启动)."""
    lines = [{"role": "user", "content": "哪些任务还没启动？"},
             {"role": "assistant", "content": "共2项任务未启动：\n- 砚山县（2056年1-9月，表 序号3）工业园区污水处理厂提标改造："
                                              "未启动。\n- 广南县（2055年，表 序号9）乡村垃圾中转站建设：未启动。"}]  # fmt: skip
    text = answer_text(ask("第一项完成了多少？", lines))
    assert "工业园区污水处理厂提标改造" in text and "未启动" in text
    brackets = [{"role": "user", "content": "哪些断面水质变化了？"},
                {"role": "assistant", "content": "有2个：新街（Ⅱ类，目标Ⅲ类）、平远（Ⅲ类，目标Ⅱ类）。"}]  # fmt: skip
    text = answer_text(ask("第二个断面的氨氮是多少？", brackets))
    assert "0.62" in text and "0.36" not in text


def test_behind_said_in_other_words_and_a_bound_said_as_a_supposed_rule(ask):
    """「赶不上进度」: the two 滞后于序时 tasks; 「如果要求执行率达到70%以上，哪些还达不到」: 盘龙河 60, 砚山 30, 广南 50."""
    text = answer_text(ask("哪些任务赶不上进度？"))
    assert "城区雨污分流管网改造" in text and "盘龙河入河排污口规范整治" not in text
    text = answer_text(ask("如果要求执行率达到70%以上，哪些专项资金项目还达不到？"))
    assert all(p in text for p in ("盘龙河生态缓冲带建设", "砚山县城污水管网修复", "广南县大气自动站建设"))
    assert "普者黑湖面源污染治理" not in text


def test_a_pollutant_of_another_sheet_does_not_qualify_a_permits_row(ask):
    """「颗粒物」 is a 监测因子 of the inspection register, not a permitted emission of 文山铝业."""
    answer = ask("文山铝业有限公司的颗粒物许可排放量是多少？")
    assert answer is None or isinstance(answer, Missing) or "文山铝业" not in answer.text


def test_a_month_said_before_a_deadlines_verb_is_the_deadline_not_a_months_rows(ask):
    """「要求2056年10月就完成的任务」: 丘北 清水江 (10月底), not a 10月 reading no sheet has; 「8月执法检查了」 is a date's."""
    text = answer_text(ask("重点任务里要求2056年10月就完成的有哪些？"))
    assert "清水江河道生态修复" in text and "城区雨污分流管网改造" not in text


def test_a_follow_up_keeps_the_year_the_question_before_said(ask):
    """「那砚山县呢」 after 「丘北县今年有哪些重点任务」: 砚山's 2056 tasks (提标改造, 粪污治理), not 2055's 锅炉淘汰."""
    history = [{"role": "user", "content": "丘北县今年有哪些重点任务？"},
               {"role": "assistant", "content": "丘北县共2项：清水江河道生态修复、农村生活污水治理。"}]  # fmt: skip
    text = answer_text(ask("那砚山县呢？", history))
    assert "工业园区污水处理厂提标改造" in text and "规模化养殖场粪污治理" in text and "县城燃煤锅炉淘汰" not in text
