"""A city's files of 2053 laid out the ways a register, a bulletin and a fund sheet come (安顺市; every task, figure,
date and the 屯堡新区 made up here, and the expected answers read off the rows below):

- a .docx task table whose 状态 is 已完成 / 序时推进 / 滞后 / 未开工, with its 完成时限 a month's end;
- an .xlsx register of hazardous-waste licences (a kind no table of the corpus is): 核准经营规模（吨/年） under
  核准经营情况, and 发证日期 / 有效期至 under 许可证有效期;
- a .docx water bulletin whose classes are 目标 / 本期 / 上年同期 under 水质类别, with a 全市 row that counts
  (「优良5个」) where the stations' rows give a class;
- an .xlsx fund sheet by project, 下达资金 split into 中央 / 省级 / 合计 (「—」 for no money), beside an .xlsx
  register of EIA approvals with its own 环保投资（万元） and 批复日期;
- a .docx plan whose indicators are the city's (no 区县), with a PM2.5 现状值 and 目标值;
- an .xlsx station sheet with a 全市 row and each station's PM2.5 同比.
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import docx_file, workbook

TASK_HEADER = ["序号", "区县", "任务", "完成时限", "牵头单位", "进展情况", "状态"]
TASKS = [
    ["1", "西秀区", "城区15家汽修企业喷漆房治理", "2053年9月底", "西秀区交通运输局", "已全部完成。", "已完成"],
    ["2", "西秀区", "虹山湖沿线雨污混接点整改", "2053年10月底", "西秀区住房和城乡建设局", "已整改20个。", "滞后"],
    ["3", "平坝区", "2台20蒸吨燃煤锅炉清洁能源替代", "2053年10月底", "平坝区发展和改革局", "已拆除并投运。", "已完成"],
    ["4", "普定县", "夜郎湖库区网箱清理", "2053年10月底", "普定县农业农村局", "用地尚未落实，尚未开工。", "未开工"],
    ["5", "普定县", "县城污水处理厂提标改造", "2053年12月底", "普定县住房和城乡建设局", "土建完成70%。", "序时推进"],
    ["6", "镇宁县", "受污染耕地安全利用0.8万亩", "2053年11月底", "镇宁县农业农村局",
     "已落实0.3万亩，完成率37.5%。", "滞后"],
    ["7", "屯堡新区", "屯堡新区污水处理厂配套管网建设", "2053年12月底", "市住房城乡建设局",
     "已建成6.3公里，共15公里，完成率42%。", "滞后"],
    ["8", "关岭县", "原关岭化工厂地块风险管控", "2053年12月底", "关岭县生态环境分局", "方案未评审，未开工。", "未开工"],
]  # fmt: skip
REGISTER = [
    ["安顺市危险废物经营许可证颁发情况一览表"],
    ["序号", "单位名称", "所在区县", "许可证编号", "核准经营情况", None, "许可证有效期", None],
    [None, None, None, None, "核准类别", "核准经营规模（吨/年）", "发证日期", "有效期至"],
    [1, "普定黔清资源再生有限公司", "普定县", "GZAS0421-1", "HW17", 30000, "2049-05-10", "2054-05-09"],
    [2, "普定恒泰废矿物油回收有限公司", "普定县", "GZAS0422-2", "HW08", 6000, "2048-03-01", "2053-02-28"],
    [3, "普定康宁医疗废物处置有限公司", "普定县", "GZAS0423-1", "HW01", 4500, "2051-08-20", "2056-08-19"],
    [4, "西秀绿源环保科技有限公司", "西秀区", "GZAS0401-3", "HW08、HW09", 12000, "2047-11-15", "2052-11-14"],
]  # fmt: skip
REGISTER_MERGED = ("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:H2")
WATER_HEADER = ["序号", "区县", "断面名称", "水质类别·目标", "水质类别·本期", "水质类别·上年同期", "氨氮（mg/L）",
                "达标情况"]  # fmt: skip
WATER = [
    ["1", "西秀区", "虹山湖出口", "Ⅲ", "Ⅲ", "Ⅳ", "0.62", "达标"],
    ["2", "西秀区", "邢江河大坝", "Ⅲ", "Ⅳ", "Ⅲ", "1.10", "不达标"],
    ["3", "平坝区", "羊昌河平坝段", "Ⅱ", "Ⅱ", "Ⅱ", "0.21", "达标"],
    ["4", "普定县", "夜郎湖坝前", "Ⅱ", "Ⅰ", "Ⅱ", "0.12", "达标"],
    ["5", "镇宁县", "打帮河桂家湖", "Ⅲ", "Ⅲ", "Ⅱ", "0.48", "达标"],
    ["6", "关岭县", "北盘江坝陵河口", "Ⅱ", "Ⅱ", "Ⅱ", "0.19", "达标"],
    ["7", "全市", "6个断面", "—", "优良5个", "优良5个", "0.45", "达标5个"],
]
FUNDS = [
    ["安顺市2053年生态环境保护专项资金下达及执行情况表"],
    ["序号", "区县", "项目名称", "下达资金（万元）", None, None, "已支付（万元）", "执行率（%）"],
    [None, None, None, "中央", "省级", "合计", None, None],
    [1, "西秀区", "虹山湖湖滨生态缓冲带建设", 600, 120, 720, 540, 75.0],
    [2, "西秀区", "城区扬尘在线监测", "—", 80, 80, 64, 80.0],
    [3, "镇宁县", "燃煤锅炉淘汰补助", 0, "—", 0, 0, 0],
]  # fmt: skip
FUNDS_MERGED = ("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:F2", "G2:G3", "H2:H3")
EIA = [
    ["安顺市2053年建设项目环评审批情况一览表"],
    ["序号", "项目名称", "建设单位", "所在区县", "环保投资（万元）", "批复日期"],
    [1, "西秀区锂电材料项目", "安顺锂能科技有限公司", "西秀区", 900, "2053-09-30"],
    [2, "竹编工艺品基地项目", "西秀竹艺有限公司", "西秀区", 35, "2053-10-12"],
    [3, "普定县饲料加工项目", "普定丰禾饲料有限公司", "普定县", 60, "2053-10-31"],
    [4, "普定县冷链物流中心", "普定物流有限公司", "普定县", 80, "2053-11-01"],
    [5, "镇宁县水泥窑协同处置项目", "镇宁建材有限公司", "镇宁县", 700, "2053-06-18"],
]
PLAN_HEADER = ["序号", "指标", "单位", "2052年现状值", "2057年目标值", "属性"]
PLAN = [
    ["1", "细颗粒物（PM2.5）年均浓度", "微克/立方米", "31.6", "28", "约束性"],
    ["2", "空气质量优良天数比例", "%", "95.2", "96", "约束性"],
]
STATIONS = [
    ["安顺市2053年1-10月环境空气质量站点统计"],
    ["序号", "站点名称", "所属区县", "PM2.5浓度（微克/立方米）", "PM2.5同比（%）", "优良天数比例（%）"],
    [1, "市监测站", "西秀区", 27, -3.6, 95.1],
    [2, "平坝站", "平坝区", 30, 2.1, 93.0],
    [3, "普定站", "普定县", 25, -6.0, 96.4],
    ["", "全市", "—", 27.3, -2.5, 94.8],
]

COUNTS = [
    ["安顺市2053年重点排污单位数量统计表"],
    ["序号", "区县", "重点排污单位数（家）", "其中：水环境重点排污单位（家）"],
    [1, "西秀区", 14, 6],
    [2, "平坝区", 9, 3],
    [3, "关岭县", 7, 2],
]
PERMITS = [
    ["安顺市2053年排污许可证发放情况表"],
    ["序号", "持证单位", "所在区县", "有效期限"],
    [1, "关岭恒远水泥有限公司", "关岭县", "2050.01.01-2055.12.31"],
    [2, "关岭鑫源化工有限公司", "关岭县", "2052.03.01-2054.02.28"],
    [3, "关岭绿洲纸业有限公司", "关岭县", "2051.06.15-2056.06.14"],
]

SOURCES = [
    ["安顺市2053年10月集中式饮用水水源地水质月报"],
    ["序号", "水源地名称", "所在区县", "目标水质", "本月水质", "上年同期水质"],
    [1, "夜郎湖水源地", "普定县", "Ⅱ类", "Ⅲ类", "Ⅱ类"],
    [2, "虹山水库水源地", "西秀区", "Ⅲ类", "Ⅲ类", "Ⅳ类"],
    [3, "桂家湖水源地", "镇宁县", "Ⅲ类", "Ⅲ类", "Ⅲ类"],
]


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anshun")
    tasks = docx_file(folder / "2053年安顺市污染防治攻坚重点任务推进情况表（截至9月底）.docx",
                      ("2053年安顺市污染防治攻坚重点任务推进情况表",), TASK_HEADER, TASKS)  # fmt: skip
    register = folder / "安顺市危险废物经营许可证颁发情况一览表.xlsx"
    workbook(register, {"持证单位": REGISTER}, merged={"持证单位": REGISTER_MERGED})
    water = docx_file(folder / "安顺市2053年1-10月地表水监测断面水质状况通报.docx",
                      ("安顺市2053年1-10月地表水监测断面水质状况通报",), WATER_HEADER, WATER)  # fmt: skip
    funds = folder / "安顺市2053年生态环境保护专项资金下达及执行情况表.xlsx"
    workbook(funds, {"资金": FUNDS}, merged={"资金": FUNDS_MERGED})
    eia = folder / "安顺市2053年建设项目环评审批情况一览表.xlsx"
    workbook(eia, {"环评审批": EIA}, merged={"环评审批": ("A1:F1",)})
    plan = docx_file(folder / "安顺市生态环境保护规划（2053—2057年）.docx",
                     ("安顺市生态环境保护规划（2053—2057年）", "表1 主要指标"), PLAN_HEADER, PLAN)  # fmt: skip
    stations = folder / "安顺市2053年1-10月环境空气质量站点统计.xlsx"
    workbook(stations, {"站点": STATIONS}, merged={"站点": ("A1:F1",)})
    counts = folder / "安顺市2053年重点排污单位数量统计表.xlsx"
    workbook(counts, {"统计": COUNTS}, merged={"统计": ("A1:D1",)})
    permits = folder / "安顺市2053年排污许可证发放情况表.xlsx"
    workbook(permits, {"发放": PERMITS}, merged={"发放": ("A1:D1",)})
    sources = folder / "安顺市2053年10月集中式饮用水水源地水质月报.xlsx"
    workbook(sources, {"月报": SOURCES}, merged={"月报": ("A1:F1",)})
    return [tasks, register, water, funds, eia, plan, stations, counts, permits, sources]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


def test_a_deadline_said_as_a_months_end_and_not_on_schedule(ask):
    """「完成时限是10月底的任务，哪些没按进度走」: the lagging and the unstarted ones due in October (2, 4), not the one
    done (3), nor a lagging one due later (6)."""
    text = answer_text(ask("完成时限是10月底的任务，哪些没按进度走？"))
    assert "虹山湖沿线雨污混接点整改" in text and "夜郎湖库区网箱清理" in text
    assert "燃煤锅炉清洁能源替代" not in text and "受污染耕地安全利用" not in text
    assert "是否都" not in text  # no 「都完成了吗」 line over rows picked by their status


def test_not_started_is_its_own_status_not_on_track(ask):
    text = answer_text(ask("哪些任务未开工？"))
    assert "夜郎湖库区网箱清理" in text and "原关岭化工厂地块风险管控" in text
    assert "县城污水处理厂提标改造" not in text


def test_a_follow_up_asking_the_unstarted_after_the_lagging(ask):
    history = [{"role": "user", "content": "哪些重点任务滞后了？"}, {"role": "assistant", "content": "滞后的有3项。"}]
    text = answer_text(ask("那未开工的呢？", history))
    assert "夜郎湖库区网箱清理" in text and "原关岭化工厂地块风险管控" in text and "序时推进" not in text


def test_the_size_of_a_change_asked_of_the_whole_city(ask):
    """「全市PM2.5同比降了多少」: the 全市 row's 同比 (-2.5), not the stations whose 同比 fell."""
    answer = ask("全市PM2.5同比降了多少")
    assert "-2.5" in first_line(answer) and "普定站" not in answer_text(answer)


def test_how_far_a_plans_figure_is_from_its_target(ask):
    """「现状多少，目标多少？要降多少」: 31.6 to 28 is 3.6."""
    text = answer_text(ask("规划里PM2.5浓度现状多少，2057年目标多少？要降多少"))
    assert "31.6" in text and "28" in text and "3.6" in text


def test_a_project_named_with_words_between_in_the_fund_sheet(ask):
    """「虹山湖生态缓冲带那个项目钱付了多少」: the fund row of 「虹山湖湖滨生态缓冲带建设」 (已支付 540)."""
    text = answer_text(ask("西秀区虹山湖生态缓冲带那个项目钱付了多少？"))
    assert "540" in text


def test_a_count_of_holders_and_their_capacity_per_year_added_up(ask):
    """「普定县有几家危废持证单位？核准规模加起来多少」: 3家, 30000 + 6000 + 4500 = 40500 吨/年."""
    head = first_line(ask("普定县有几家危废持证单位？核准规模加起来多少"))
    assert "3家" in head and "40500" in head


def test_the_earliest_expiry_of_a_date_column_named_by_its_verb(ask):
    """「最早到期」 of 普定县 reads 有效期至 (恒泰's 2053-02-28), not 发证日期 (恒泰's too, but 2048-03-01); 「最晚发证」
    reads 发证日期 (康宁's 2051-08-20), not 有效期至."""
    head = first_line(ask("普定县哪家单位的许可证最早到期？"))
    assert "普定恒泰废矿物油回收有限公司" in head and "2053-02-28" in head
    head = first_line(ask("普定县哪家单位最晚发证？"))
    assert "普定康宁医疗废物处置有限公司" in head and "2051-08-20" in head


def test_a_follow_up_pointing_at_the_rows_counted_two_questions_before(ask):
    history = [
        {"role": "user", "content": "普定县有几家危废经营许可证持证单位？"},
        {"role": "assistant", "content": "普定县共3家。"},
        {"role": "user", "content": "规模合计多少？"},
        {"role": "assistant", "content": "合计40500吨/年。"},
    ]
    head = first_line(ask("这几家里哪家许可证最早到期？", history))
    assert "普定恒泰废矿物油回收有限公司" in head and "西秀绿源" not in head


def test_classes_worse_than_last_years_of_two_columns(ask):
    """「跟去年同期比，水质类别变差的断面」: 本期 worse than 上年同期 (邢江河大坝 Ⅲ→Ⅳ, 打帮河桂家湖 Ⅱ→Ⅲ), whatever
    the 全市 row counts."""
    text = answer_text(ask("跟去年同期比，水质类别变差的断面有哪些？"))
    assert "邢江河大坝" in text and "打帮河桂家湖" in text
    assert "虹山湖出口" not in text and "夜郎湖坝前" not in text


def test_a_class_of_this_period_counted(ask):
    head = first_line(ask("这期水质为Ⅱ类的断面有几个？"))
    assert "2个" in head and "羊昌河平坝段" in head and "夜郎湖坝前" not in head


def test_the_whole_citys_row_of_these_sections(ask):
    assert "0.45" in first_line(ask("全市这些断面氨氮平均浓度是多少"))


def test_the_fund_sheet_whose_title_says_the_fund_before_a_registers_own_figure(ask):
    """「西秀区今年环保专项资金总共下了多少」: the fund sheet's 下达资金·合计 (720 + 80 = 800), not the EIA register's
    环保投资 (900 + 35)."""
    head = first_line(ask("西秀区今年环保专项资金总共下了多少？"))
    assert "800" in head and "935" not in head


def test_whether_a_project_has_money_of_a_level_it_does_not(ask):
    head = first_line(ask("西秀区城区扬尘在线监测有没有中央资金？"))
    assert head.startswith("否")
    assert first_line(ask("西秀区城区扬尘在线监测有没有省级资金？")).startswith("是")


def test_rows_whose_date_of_the_verb_said_is_in_a_month(ask):
    """「10月份批复的」: 批复日期 in October (10-12 and 10-31), not 09-30 nor 11-01."""
    text = answer_text(ask("10月份批复的环评项目有哪些？"))
    assert "竹编工艺品基地项目" in text and "普定县饲料加工项目" in text
    assert "西秀区锂电材料项目" not in text and "普定县冷链物流中心" not in text


def test_a_zone_said_without_its_city_and_a_thing_of_its_own_in_a_follow_up(ask):
    """「那屯堡新区那个配套管网呢」 after a question on another 区's task: 屯堡新区's 配套管网 (6.3 of 15)."""
    history = [{"role": "user", "content": "镇宁县受污染耕地安全利用进展怎么样？"},
               {"role": "assistant", "content": "已落实0.3万亩。"}]  # fmt: skip
    text = answer_text(ask("那屯堡新区那个配套管网呢？", history))
    assert "6.3" in text and "受污染耕地" not in text


def test_projects_counted_by_the_noun_that_ends_the_words_and_again_in_a_follow_up(ask):
    """「几个建设项目环评」 counts the projects (西秀区 2), not another column; 「普定县呢」 counts its 2 again."""
    assert "2个项目" in first_line(ask("西秀区今年批了几个建设项目环评？"))
    history = [
        {"role": "user", "content": "西秀区今年批了几个建设项目环评？"},
        {"role": "assistant", "content": "共2个。"},
    ]
    head = first_line(ask("普定县呢？", history))
    assert "2个项目" in head and "普定县饲料加工项目" in head


def test_places_ranked_of_a_plan_whose_indicators_are_the_citys(ask):
    """「优良天数比例哪个区县最低」: the plan's indicators are of no 区县, so no table answers (a sentence may)."""
    answer = ask("空气优良天数比例哪个区县最低？")
    assert isinstance(answer, Missing) or "最低的指标" not in answer.text


def test_an_amount_asked_of_a_places_rows_is_their_sum(ask):
    """「西秀区的专项资金已经支付了多少」: its two projects' 已支付 added up (540 + 64 = 604), each row listed."""
    text = answer_text(ask("西秀区的专项资金已经支付了多少？"))
    assert "604" in text.splitlines()[0] and "540" in text and "64" in text


def test_units_counted_by_a_column_of_them_not_by_rows(ask):
    """「有几家重点排污单位」 of a sheet that counts them by 区县: its 家 column (西秀区 14; the city 14 + 9 + 7 = 30)."""
    assert "14家" in first_line(ask("西秀区有几家重点排污单位？"))
    assert "30家" in first_line(ask("全市重点排污单位有多少家？"))


def test_not_started_left_out_by_a_clause(ask):
    """「除了未开工的，还有哪些任务没完成」: the lagging ones (2, 6, 7), not the two unstarted."""
    text = answer_text(ask("除了未开工的，还有哪些任务没完成？"))
    assert "虹山湖沿线雨污混接点整改" in text and "受污染耕地安全利用" in text
    assert "夜郎湖库区网箱清理" not in text and "原关岭化工厂地块风险管控" not in text


def test_each_county_asked_of_a_plans_indicator_is_still_its_row(ask):
    """「各区县PM2.5目标是多少」 asks no ranking: the plan's row (28) answers, the city's for each."""
    assert "28" in answer_text(ask("安顺市各区县PM2.5目标是多少？"))


def test_a_follow_up_asking_another_figure_keeps_the_project(ask):
    history = [{"role": "user", "content": "西秀区城区扬尘在线监测下达了多少资金？"},
               {"role": "assistant", "content": "下达80万元。"}]  # fmt: skip
    text = answer_text(ask("那已经支付了多少？", history))
    assert "64" in text and "虹山湖" not in text


def test_a_zero_in_the_column_asked_is_said_as_zero(ask):
    head = first_line(ask("镇宁县燃煤锅炉淘汰补助有没有中央资金？"))
    assert head.startswith("否") and "为0" in head


def test_a_validity_span_expires_on_its_last_date(ask):
    """「有效期限 2052.03.01-2054.02.28」 expires first, though 2050.01.01 opens earlier."""
    head = first_line(ask("关岭县哪家单位的排污许可证最早到期？"))
    assert "关岭鑫源化工有限公司" in head and "恒远水泥" not in head


def test_a_date_ranked_of_a_sheet_without_that_date_is_no_list_of_its_rows(ask):
    """「哪个项目最先开工」: no sheet dates a start of work; the fund sheet's projects are no answer."""
    answer = ask("哪个资金项目最先开工？")
    assert isinstance(answer, Missing) or "城区扬尘在线监测" not in answer.text


def test_the_latest_deadline_of_a_task_table(ask):
    """「哪项任务最晚完成」: the three due at the end of December (5, 7, 8), not one due earlier."""
    head = first_line(ask("哪项任务最晚完成？"))
    assert "县城污水处理厂提标改造" in head and "配套管网建设" in head and "风险管控" in head
    assert "喷漆房" not in head


def test_tasks_due_in_a_month_said_with_its_verb(ask):
    """「10月份到期的任务」: the three due at the end of October (2, 3, 4), not a register's dates of that month."""
    head = first_line(ask("10月份到期的任务有哪些？"))
    assert "3项" in head and "虹山湖沿线雨污混接点整改" in head and "夜郎湖库区网箱清理" in head
    assert "喷漆房" not in head


def test_the_size_of_a_change_in_points(ask):
    """「优良天数比例同比下降了几个百分点」 asks the 全市 row's change, not which stations fell."""
    answer = ask("全市PM2.5同比下降了几个百分点？")
    assert "-2.5" in first_line(answer) and "普定站" not in answer_text(answer)


def test_classes_against_last_year_under_headers_of_their_own(ask):
    """「本月水质」 beside 「上年同期水质」 (no upper header): 夜郎湖 (Ⅱ→Ⅲ) got worse, 虹山水库 better."""
    text = answer_text(ask("跟去年同期比，水质变差的水源地有哪些？"))
    assert "夜郎湖水源地" in text and "虹山水库水源地" not in text and "桂家湖水源地" not in text


def test_latest_when_asks_a_deadline_not_a_ranking(ask):
    """「最晚什么时候完成」 asks the task's own deadline (2053年11月底), not the task due last."""
    text = answer_text(ask("镇宁县受污染耕地安全利用最晚什么时候完成？"))
    assert "2053年11月底" in text and "时限最晚" not in text


def test_this_section_after_a_question_on_one_is_that_one(ask):
    history = [{"role": "user", "content": "邢江河大坝本期水质是什么？"}, {"role": "assistant", "content": "Ⅳ类。"}]
    text = answer_text(ask("这个断面氨氮多少？", history))
    assert "1.10" in text and "虹山湖出口" not in text


def test_a_month_asked_as_an_expiry_of_a_sheet_dating_none(ask):
    """「10月份到期的环评项目」: the register dates approvals, not expiries — no list of its October approvals."""
    answer = ask("10月份到期的环评项目有哪些？")
    assert isinstance(answer, Missing) or "竹编工艺品基地项目" not in answer.text


def test_the_last_month_is_a_span_not_a_ranking(ask):
    answer = ask("最近一个月完成了哪些任务？")
    assert isinstance(answer, Missing) or "时限最晚" not in answer.text


def test_money_not_yet_paid_is_not_the_paid_sum(ask):
    answer = ask("西秀区还有多少钱没支付？")
    assert isinstance(answer, Missing) or "已支付合计604" not in answer.text


def test_places_over_a_count_are_counted_not_the_column_summed(ask):
    """「重点排污单位超过8家的区县有几个」: 西秀区 (14) and 平坝区 (9), not 14 + 9 + 7."""
    head = first_line(ask("重点排污单位超过8家的区县有几个？"))
    assert "2个" in head and "30" not in head


def test_not_started_and_lagging_are_either(ask):
    text = answer_text(ask("未开工和进度滞后的任务有哪些？"))
    assert all(t in text for t in ("虹山湖沿线雨污混接点整改", "夜郎湖库区网箱清理", "受污染耕地安全利用",
                                   "配套管网建设", "原关岭化工厂地块风险管控"))  # fmt: skip
    assert "县城污水处理厂提标改造" not in text


def test_a_change_asked_in_percent_words(ask):
    assert "-2.5" in first_line(ask("全市PM2.5同比下降了百分之几？"))


def test_a_year_of_expiry_of_a_validity_span_is_its_end(ask):
    """「2056年到期」: 绿洲 (…-2056.06.14); 「2052年到期」: none (鑫源 starts in 2052, ends in 2054)."""
    assert "关岭绿洲纸业有限公司" in answer_text(ask("哪些排污许可证2056年到期？"))
    answer = ask("哪些排污许可证2052年到期？")
    assert isinstance(answer, Missing) or "关岭鑫源化工有限公司" not in answer.text
