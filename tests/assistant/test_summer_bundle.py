"""A city's summer bundle (丽水市, 2036, all figures made up here; expected answers are read off the rows below):

- a workbook: one month's ranking of the 区县 under a title and a bracketed remark (「（按综合指数由小到大排序）」),
  the months so far with a 「综合指数排名」 column not in rank order, station readings of two pollutants each
  judged by its own 评价 beside a 「比目标」 gap, under section rows 「一、国控站点」「二、省控站点」, an enforcement
  sheet with a 「城区小计」 of two rows and a 「县小计」, and a funds sheet whose second row holds 「单位：万元」 and
  「截至…」 apart;
- a Word project list under a bracketed 「（进展截至…）」 line, its 合计 row spaced out (「合　计」), its progress
  cells in words (「主体工程完成65%」 is under way, not done).
"""

from __future__ import annotations

import pytest

from corpus import load_document
from structured import build_tables
from tests.support.answers import answer_text, first_line
from tests.support.documents import docx_file, workbook

JULY = [
    ["2036年7月丽水市各县（市、区）环境空气质量综合指数排名"],
    ["（按综合指数由小到大排序，综合指数越小空气质量相对越好）"],
    ["排名", "县（市、区）", "综合指数", "主要污染物浓度（微克/立方米）", None, None, "首要污染物"],
    [None, None, None, "PM2.5", "PM10", "O3", None],
    [1, "云和县", 2.61, 15, 30, 120, "O3"],
    [2, "庆元县", 2.70, 16, 32, 125, "O3"],
    [3, "景宁畲族自治县", 2.85, 17, 35, 131, "O3"],
    [4, "遂昌县", 2.93, 18, 36, 128, "O3"],
    [5, "龙泉市", 3.05, 19, 38, 134, "O3"],
    [6, "松阳县", 3.12, 20, 40, 140, "O3"],
    [7, "青田县", 3.30, 22, 44, 138, "PM10"],
    [8, "缙云县", 3.41, 23, 47, 142, "O3"],
    [9, "莲都区", 3.58, 25, 50, 145, "PM10"],
]
JULY_MERGES = ("A1:G1", "A2:G2", "A3:A4", "B3:B4", "C3:C4", "D3:F3", "G3:G4")
SO_FAR = [
    ["2036年1-7月丽水市各县（市、区）环境空气质量综合指数"],
    ["县（市、区）", "综合指数", "综合指数排名", "PM2.5（微克/立方米）", "PM2.5年度目标", "优良天数比例（%）",
     "优良天数比例年度目标（%）"],
    ["莲都区", 3.95, 9, 28, 27, 92.1, 93.0],
    ["青田县", 3.62, 6, 25, 26, 94.0, 95.0],
    ["缙云县", 3.70, 8, 26, 25, 93.2, 93.0],
    ["遂昌县", 3.21, 3, 21, 22, 96.5, 95.0],
    ["松阳县", 3.66, 7, 24, 23, 94.8, 95.5],
    ["云和县", 3.02, 1, 19, 20, 97.7, 96.0],
    ["庆元县", 3.10, 2, 20, 20, 97.2, 96.0],
    ["景宁畲族自治县", 3.35, 5, 22, 22, 95.9, 95.0],
    ["龙泉市", 3.28, 4, 21, 22, 96.0, 95.0],
]  # fmt: skip
STATIONS = [
    ["2036年1—7月丽水市国控、省控空气质量自动监测站点考核情况"],
    ["序号", "站点名称", "所在县（市、区）", "站点类型", "PM2.5（微克/立方米）", None, None, None,
     "PM10（微克/立方米）", None, None, None],
    [None, None, None, None, "1-7月浓度", "年度目标", "比目标", "评价", "1-7月浓度", "年度目标", "比目标", "评价"],
    ["一、国控站点"],
    [1, "万象山站", "莲都区", "国控", 27, 26, "+1", "未达标", 49, 50, "-1", "达标"],
    [2, "城北站", "莲都区", "国控", 25, 26, "-1", "达标", 52, 50, "+2", "未达标"],
    ["二、省控站点"],
    [3, "鹤城站", "青田县", "省控", 24, 23, "+1", "未达标", 47, 45, "+2", "未达标"],
    [4, "五云站", "缙云县", "省控", 22, 24, "-2", "达标", 43, 46, "-3", "达标"],
    [5, "妙高站", "遂昌县", "省控", 19, 20, "-1", "达标", 41, 40, "+1", "未达标"],
    ["注：浓度不高于年度目标的评价为“达标”；“比目标”为1-7月浓度减年度目标。"],
]  # fmt: skip
STATIONS_MERGES = ("A1:L1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:H2", "I2:L2", "A4:L4", "A7:L7", "A13:L13")
ENFORCEMENT = [
    ["2036年1-7月全市生态环境行政执法情况统计表"],
    ["区域", "检查企业（家次）", "立案（件）", "罚没款（万元）", "移送涉嫌环境犯罪（件）"],
    ["莲都区", 320, 12, 88.5, 1],
    ["丽水经开区", 150, 6, 40.2, 0],
    ["城区小计", 470, 18, 128.7, 1],
    ["青田县", 210, 8, 52.3, 0],
    ["缙云县", 190, 9, 101.0, 2],
    ["龙泉市", 160, 5, 35.4, 0],
    ["县小计", 560, 22, 188.7, 2],
    ["全市合计", 1030, 40, 317.4, 3],
]
FUNDS = [
    ["2036年中央和省级生态环境专项资金下达及支出进度表"],
    ["单位：万元", None, None, None, None, None, "截至2036年7月31日", None, None],
    ["县（市、区）", "已下达资金", None, None, "已支出", None, "序时进度要求（%）", "较序时进度（百分点）", "备注"],
    [None, "中央", "省级", "小计", "金额", "执行率（%）", None, None, None],
    ["莲都区", 500, 320, 820, 600, 73.17, 58.3, 14.87, None],
    ["青田县", 400, 280, 680, 300, 44.12, 58.3, -14.18, "低于60%"],
    ["缙云县", 350, 150, 500, 410, 82.0, 58.3, 23.7, None],
    ["龙泉市", 300, 350, 650, 390, 60.0, 58.3, 1.7, None],
    ["合计", 1550, 1100, 2650, 1700, 64.15, 58.3, 5.85, None],
]
FUNDS_MERGES = ("A1:I1", "A2:C2", "G2:I2", "A3:A4", "B3:D3", "E3:F3", "G3:G4", "H3:H4", "I3:I4")
WATER = [
    ["2036年1-7月丽水市地表水考核断面水质状况"],
    ["序号", "断面名称", "所在县（市、区）", "水质目标", "1-7月水质类别", "是否达标"],
    [1, "开潭", "莲都区", "Ⅱ", "Ⅱ", "达标"],
    [2, "大港头", "莲都区", "Ⅱ", "Ⅲ", "不达标"],
    [3, "圩仁", "青田县", "Ⅱ", "Ⅱ", "达标"],
]
PROJECT_FUNDS = [
    ["2036年丽水市生态环境领域中央及省级资金项目执行情况"],
    ["序号", "县（市、区）", "项目名称", "下达资金（万元）", "累计支出（万元）", "执行率"],
    ["合计", None, None, 2800, 1310, "46.8%"],
    ["一、中央水污染防治资金"],
    [1, "莲都区", "瓯江截污纳管工程", 1200, 480, "40.0%"],
    [2, "青田县", "温溪污水处理厂提标", 800, 560, "70.0%"],
    ["二、中央大气污染防治资金"],
    [3, "缙云县", "工业园区VOCs监控", 500, 150, "30.0%"],
    ["三、省级生态环境专项资金"],
    [4, "龙泉市", "农村生活污水运维", 300, 120, "40.0%"],
]
PROJECT_FUNDS_MERGES = ("A1:F1", "A3:C3", "A4:F4", "A7:F7", "A9:F9")
PLAN = [
    ["表2　丽水市“十六五”生态环境保护规划主要指标"],
    ["类别", "序号", "指标", "单位", "基础值", None, "2040年目标值", "指标属性"],
    [None, None, None, None, "2030年", "2035年（预计）", None, None],
    ["生态保护", 1, "森林覆盖率", "%", 81.2, 81.5, 82.0, "约束性"],
    ["环境质量", 2, "PM2.5年均浓度", "微克/立方米", 24, 21, 18, "约束性"],
]
PLAN_MERGES = ("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:F2", "G2:G3", "H2:H3")
PROJECTS_HEADER = [
    "序号",
    "县（市、区）",
    "企业名称",
    "改造内容",
    "计划总投资（万元）",
    "完成投资（万元）",
    "计划完成时间",
    "进展情况",
]
PROJECTS = [
    ["1", "莲都区", "丽水市华瑞钢铁有限公司", "烧结机烟气脱硝", "12000", "8000", "2036年9月", "主体工程完工，正在调试"],
    ["2", "青田县", "青田县鼎盛不锈钢有限公司", "除尘设施升级", "5000", "5000", "2036年5月", "已完成"],
    ["3", "缙云县", "缙云县恒达焦化有限公司", "干熄焦改造", "18000", "11700", "2036年8月", "主体工程完成65%"],
    ["4", "龙泉市", "龙泉市青瓷窑炉有限公司", "窑炉煤改气", "2600", "0", "２０３６年８月", "尚未开工"],
    ["5", "遂昌县", "遂昌县金峰冶炼有限公司", "烟气超低排放改造", "3900", "3900", "2036年6月", "已完成"],
    ["合\u3000计", "合\u3000计", "合\u3000计", "合\u3000计", "41500", "28600", "", ""],
]  # fmt: skip

PROGRESS_HEADER = ["序号", "县（市、区）", "重点任务", "目标要求", "进展情况", "推进评价"]
PROGRESS = [
    ["1", "莲都区", "建筑工地扬尘管控", "扬尘防治措施落实率达到95%以上", "抽查落实率91.0%", "进度偏慢"],
    ["2", "莲都区", "城区污水管网建设", "新建污水管网6公里", "新建管网1.2公里，中央水污染防治资金已下达", "明显滞后"],
    ["3", "青田县", "涉VOCs企业治理", "完成20家企业深度治理", "完成11家", "进度偏慢"],
    ["4", "青田县", "农村黑臭水体治理", "完成3条黑臭水体治理", "完成2条", "按序时推进"],
    ["5", "缙云县", "填埋场渗滤液处理", "存量渗滤液全部清零", "处理率30.5%", "明显滞后"],
    ["6", "龙泉市", "秸秆露天焚烧管控", "火点数同比下降20%以上", "火点数同比上升12.0%", "明显滞后"],
    ["7", "龙泉市", "入河排污口整治", "完成入河排污口整治销号", "销号率52.0%", "进度偏慢"],
    ["8", "遂昌县", "餐饮油烟治理", "完成30家餐饮单位油烟净化", "30家已全部完成", "已完成"],
    ["9", "遂昌县", "工业固废规范化管理", "完成12家单位评估", "完成8家", "按进度完成"],
]  # fmt: skip


def _progress_docx(path) -> None:
    docx_file(path, ("丽水市2036年1-7月生态环境保护重点任务推进情况表",), PROGRESS_HEADER, PROGRESS,
              merged=((1, 2, (1,)), (3, 4, (1,)), (6, 7, (1,))))  # fmt: skip


def _projects_docx(path) -> None:
    lines = ("附件2", "2036年丽水市重点行业超低排放改造项目清单", "（进展截至２０３６年７月３１日）")
    docx_file(path, lines, PROJECTS_HEADER, PROJECTS)


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lishui")
    sheets = folder / "丽水市2036年1-7月环境空气质量及执法资金统计.xlsx"
    workbook(sheets, {"7月": JULY, "1-7月累计": SO_FAR, "站点考核": STATIONS, "执法": ENFORCEMENT, "专项资金": FUNDS,
                      "断面": WATER, "项目资金": PROJECT_FUNDS, "规划指标": PLAN},
             merged={"7月": JULY_MERGES, "站点考核": STATIONS_MERGES, "专项资金": FUNDS_MERGES, "项目资金": PROJECT_FUNDS_MERGES, "规划指标": PLAN_MERGES})  # fmt: skip
    projects = folder / "2036年丽水市重点行业超低排放改造项目清单.docx"
    _projects_docx(projects)
    progress = folder / "丽水市2036年1-7月生态环境保护重点任务推进情况表.docx"
    _progress_docx(progress)
    return [sheets, projects, progress]


@pytest.fixture(scope="module")
def ask(files, table_asker):
    return table_asker([load_document(p) for p in files])


# -- a sheet's title and what stands beside it --------------------------------------------------------------


def test_a_month_named_by_the_title_above_a_bracketed_remark_is_that_sheets(ask):
    line = first_line(ask("丽水7月份哪个县综合指数最差？指数多少？"))
    assert "莲都区" in line and "3.58" in line and "3.95" not in line  # the 7月 sheet, not 1-7月


def test_a_months_reading_over_a_bound(ask):
    text = answer_text(ask("丽水7月份O3浓度超过140微克的县有哪些？"))
    assert "缙云县" in text and "莲都区" in text and "松阳县" not in text  # 142, 145; 140 is not over


def test_a_bracketed_line_under_the_title_is_no_caption(ask):
    text = answer_text(ask("丽水超低排放改造项目清单里已经完工的有哪几家企业？"))
    assert "《2036年丽水市重点行业超低排放改造项目清单（进展截至" in text  # the title, with the date under it


# -- verdicts ------------------------------------------------------------------------------------------------


def test_a_share_done_is_under_way_not_done(ask):
    text = answer_text(ask("丽水超低排放改造项目清单里已经完工的有哪几家企业？"))
    assert "鼎盛" in text and "金峰" in text
    assert "恒达" not in text and "华瑞" not in text  # 「主体工程完成65%」, 「主体工程完工，正在调试」


def test_each_pollutant_judged_by_its_own_verdict_beside_a_gap_column(ask):
    text = answer_text(ask("丽水有没有哪个站点PM2.5达标了、PM10却没达标的？"))
    assert "城北站" in text and "妙高站" in text
    assert "万象山站" not in text and "鹤城站" not in text


def test_two_kinds_said_as_one_list_are_either(ask):
    text = answer_text(ask("丽水的国控、省控站点里，PM2.5没完成年度目标的是哪几个站？"))
    assert "万象山站" in text and "鹤城站" in text
    assert not any(s in text for s in ("城北站", "五云站", "妙高站"))


# -- rankings, totals and counts -----------------------------------------------------------------------------


def test_a_place_in_the_sheets_own_ranking(ask):
    answer = ask("丽水1-7月综合指数排第3名的是哪个县？")
    assert "遂昌县" in first_line(answer) and "3.21" in answer_text(answer)  # 排名 3, not the third highest (松阳县)


def test_a_group_subtotal_is_no_place(ask):
    line = first_line(ask("丽水今年1-7月哪个区县罚没款最多？罚了多少？"))
    assert "缙云县" in line and "101" in line and "128.7" not in line and "城区" not in line


def test_rows_with_some_of_a_count(ask):
    text = answer_text(ask("丽水有移送涉嫌环境犯罪案件的是哪些区县？"))
    assert "莲都区" in text and "缙云县" in text and "青田县" not in text and "龙泉市" not in text


def test_a_spaced_out_total_row_is_not_ranked(ask):
    line = first_line(ask("丽水超低排放改造清单里哪个项目计划总投资最大？投资多少？"))
    assert "恒达" in line and "18000" in line and "41500" not in line


def test_a_unit_and_a_date_beside_the_title_are_no_header(ask):
    text = answer_text(ask("丽水省级下达资金超过300万元的区县有哪些？"))
    assert "莲都区" in text and "龙泉市" in text and "青田县" not in text and "缙云县" not in text


def test_a_rate_behind_the_schedule_its_sheet_states(ask):
    text = answer_text(ask("丽水哪些区县专项资金执行率没跟上序时进度？"))
    assert "青田县" in text and not any(p in text for p in ("莲都区", "缙云县", "龙泉市"))  # 44.12 < 58.3


def test_places_with_a_task_of_each_of_two_labels(ask):
    text = answer_text(ask("有没有哪个县区既有进度偏慢的、又有明显滞后的任务？"))
    assert "莲都区" in text and "龙泉市" in text and "青田县" not in text and "缙云县" not in text


def test_the_rows_noun_after_a_number_of_them_names_the_sheet(ask):
    text = answer_text(ask("莲都区那两个断面今年达标没有？"))
    assert "开潭" in text and "大港头" in text and "扬尘" not in text  # the sections, not 莲都区's tasks


def test_a_pollutant_and_a_measure_both_short_of_their_targets(ask):
    text = answer_text(ask("1-7月PM2.5和优良天数比例两项都没达标的是哪些县？"))
    assert "莲都区" in text and "松阳县" in text and "青田县" not in text and "缙云县" not in text


def test_a_cell_a_sheet_filters_by_is_not_a_tasks_words(ask):
    text = answer_text(ask("用中央水污染防治资金的项目里，执行率不到50%的有哪些"))
    assert "瓯江截污纳管工程" in text
    assert not any(p in text for p in ("温溪", "VOCs监控", "农村生活污水运维", "城区污水管网建设"))


def test_section_rows_under_a_total_are_a_class_not_rows(ask):
    text = answer_text(ask("丽水项目资金里中央水污染防治资金的项目有哪些？"))
    assert "瓯江截污纳管工程" in text and "温溪污水处理厂提标" in text
    assert "工业园区VOCs监控" not in text and "农村生活污水运维" not in text and "一、" not in text


def test_the_county_sheet_before_the_station_sheet_for_a_county_asked_in_the_city(ask):
    line = first_line(ask("丽水1-7月PM2.5哪个县最高？"))
    assert "莲都区" in line and "28" in line and "万象山" not in line  # the 区县's own figure, not a station's


def test_done_outright_apart_from_done_by_the_schedule(ask):
    text = answer_text(ask("丽水重点任务里已经全部完成的有几项？"))
    assert "餐饮油烟治理" in text and "工业固废规范化管理" not in text  # 已完成, not 按进度完成


def test_a_years_column_under_a_group_is_that_years_figure(ask):
    history = [{"role": "user", "content": "十六五规划里森林覆盖率2040年的目标定的多少？"},
               {"role": "assistant", "content": "森林覆盖率2040年目标值为82.0%，属约束性指标。"}]  # fmt: skip
    text = answer_text(ask("2035年预计值是多少？", history))
    assert "81.5" in text and "81.5预计" not in text  # 「2035年（预计）」 under 基础值; 「（预计）」 is no unit


def test_a_fund_level_said_inside_a_sheets_name_still_filters(ask):
    text = answer_text(ask("丽水的中央生态环境专项资金项目里，执行率不到50%的有哪些？"))
    assert "瓯江截污纳管工程" in text and "工业园区VOCs监控" in text
    assert "农村生活污水运维" not in text and "温溪" not in text  # 省级, 40%; 中央 but 70%


def test_a_section_heading_merged_across_a_project_sheet_is_no_task(tmp_path):
    path = tmp_path / "丽水市2036年生态环境资金项目统计表.xlsx"
    header = ["序号", "县（市、区）", "项目名称", "下达资金", "已支付金额", "支付率（%）", "项目实施进展", "责任单位"]
    rows = [["丽水市2036年生态环境领域中央及省级资金项目执行情况统计表"], header,
            ["合计", None, None, "1700", "900", "52.9", None, None], ["一、中央水污染防治资金"],
            ["1", "莲都区", "瓯江截污纳管工程", "1200", "600", "50.0", "管网完成约60%", "莲都区住建局"],
            ["二、省级生态环境专项资金"],
            ["2", "龙泉市", "农村生活污水运维", "500", "300", "60.0", "完成8个村", "龙泉市农业农村局"]]  # fmt: skip
    workbook(path, {"资金项目": rows}, merged={"资金项目": ("A1:H1", "A3:C3", "A4:H4", "A6:H6")})
    tasks = build_tables([load_document(path)]).frames["tasks"]
    assert set(tasks["task"]) <= {"瓯江截污纳管工程", "农村生活污水运维"} and len(tasks) == 2


def test_a_follow_up_keeps_the_span_asked_before(ask):
    history = [{"role": "user", "content": "丽水1-7月综合指数倒数第一是哪个县？"},
               {"role": "assistant", "content": "莲都区，1-7月综合指数3.95，排名第9位。"}]  # fmt: skip
    text = answer_text(ask("排第一的是哪个？指数多少？", history))
    assert "云和县" in text and "3.02" in text and "2.61" not in text  # 1-7月累计, not the 7月 sheet


def test_a_company_by_its_own_name(ask):
    history = [{"role": "user", "content": "丽水鼎盛不锈钢的超低排放改造项目计划总投资多少？"},
               {"role": "assistant", "content": "青田县鼎盛不锈钢有限公司项目计划总投资5000万元。"}]  # fmt: skip
    text = answer_text(ask("恒达焦化的呢？完成投资多少？", history))
    assert "18000" in text and "11700" in text and "5000" not in text  # 缙云县恒达焦化有限公司


def test_rows_due_in_a_month_by_their_date_column(ask):
    text = answer_text(ask("丽水清单里计划8月份完成的项目是哪几个？"))
    assert "恒达" in text and "青瓷窑炉" in text  # 「2036年8月」 and 「２０３６年８月」 as typed
    assert not any(n in text for n in ("华瑞", "鼎盛", "金峰"))


def test_a_period_in_brackets_under_a_word_title_stays_with_it(tmp_path, table_asker):
    path = docx_file(tmp_path / "丽水市空气质量排名.docx", ("丽水市各县（市、区）环境空气质量排名", "（2036年7月）"),
                     ["排名", "县（市、区）", "PM2.5（微克/立方米）"],
                     [["1", "云和县", "15"], ["2", "缙云县", "23"], ["3", "莲都区", "25"]])  # fmt: skip
    ask = table_asker([load_document(path)])
    assert "莲都区" in first_line(ask("丽水7月份PM2.5哪个县最高？"))


def test_other_sheets_of_a_city(tmp_path, table_asker):
    path = tmp_path / "丽水市2036年统计.xlsx"
    ratio = [["2036年1月至7月丽水市各县（市、区）优良天数"], ["县（市、区）", "优良天数（天）", "比例（%）", "目标（%）"],
             ["莲都区", 190, 89.6, 93.0], ["青田县", 200, 94.3, 93.0], ["缙云县", 185, 87.3, 92.0]]  # fmt: skip
    workbook(path, {"优良天数": ratio})
    ask = table_asker([load_document(path)])
    text = answer_text(ask("丽水1-7月优良天数比例没达到目标的县有哪些？"))
    assert "莲都区" in text and "缙云县" in text and "青田县" not in text  # 「比例」 is the rate, not a gap


def test_two_labels_listed_with_同时_are_either(ask):
    text = answer_text(ask("进度偏慢和明显滞后的任务有哪些？同时列出所在区县"))
    assert all(t in text for t in ("建筑工地扬尘管控", "城区污水管网建设", "涉VOCs企业治理", "秸秆露天焚烧管控"))


def test_a_pollutants_first_is_its_own_ranking_not_the_index_rank(ask):
    line = first_line(ask("丽水1-7月PM2.5排第一的是哪个县？"))
    assert "莲都区" in line and "云和县" not in line  # PM2.5 28 highest; 云和县 is 综合指数排名 1


def test_the_rows_own_noun_ranks_rows_not_their_subtotals(tmp_path, table_asker):
    path = tmp_path / "丽水市2036年资金项目.xlsx"
    rows = [["2036年丽水市生态环境资金项目执行情况"], ["序号", "县（市、区）", "项目名称", "下达资金（万元）", "已支付（万元）"],
            ["合计", "合计", "合计", 2600, 1200], ["一、中央资金"], ["1", "莲都区", "瓯江截污纳管工程", 1200, 600],
            ["2", "青田县", "温溪污水厂提标", 800, 300], ["小计", "小计", "小计", 2000, 900], ["二、省级资金"],
            ["3", "龙泉市", "农村污水运维", 600, 300], ["小计", "小计", "小计", 600, 300]]  # fmt: skip
    workbook(path, {"资金": rows}, merged={"资金": ("A1:E1", "A4:E4", "A8:E8")})
    ask = table_asker([load_document(path)])
    line = first_line(ask("丽水单个项目下达资金最多的是哪个？多少钱？"))
    assert "瓯江截污纳管工程" in line and "1200" in line and "2000" not in line


def test_a_verdict_asked_by_county_goes_to_the_sheet_that_judges(tmp_path, table_asker):
    path = tmp_path / "丽水市2036年1-7月空气质量.xlsx"
    counties = [["2036年1-7月各县（市、区）空气质量"], ["县（市、区）", "综合指数", "优良天数比例（%）"],
                ["莲都区", 3.9, 92.1], ["青田县", 3.6, 94.0], ["缙云县", 3.7, 93.2]]  # fmt: skip
    stations = [["2036年1-7月各县（市、区）监测子站优良天数比例"], ["县（市、区）", "监测子站", "优良天数比例（%）", "目标（%）"],
                ["莲都区", "万象山站", 92.1, 93.0], ["青田县", "鹤城站", 94.0, 93.0], ["缙云县", "五云站", 93.2, 93.5]]  # fmt: skip
    workbook(path, {"县区": counties, "子站": stations})
    ask = table_asker([load_document(path)])
    text = answer_text(ask("优良天数比例低于目标的是哪些县区？"))
    assert "莲都区" in text and "缙云县" in text and "青田县" not in text
