"""A city's penalty register, fund sheets, emissions ledger, station sheet, task table and plan indicators, asked the
way staff speak (淮北市, 2080; every case, project, company and figure made up here, the expected answers read off the
rows below):

- a row's own date in a span of months: 「下半年立案的」 (7–12月), 「三季度」, 「6月以后作出处罚决定的」, 「今年才接入自动
  监控的」 (联网日期 in 2080);
- 是否 columns said with the thing after the verb (「移送给公安了」); a yes/no of several rows named before, some of
  which do not (「这两家的罚款都交了吗」); 「它俩」 of the two rows the answer before named;
- two figures of a row against each other: 「把总投资全安排到位了」; two readings both over their targets;
- 「分到的专项资金占全市的比重」 of a sheet's 安排 column; 「COD」 of 化学需氧量; 「钱开始花了没有」 of a fund sheet, not a
  task named alike; a city's fund sheet ranked by place with no place named;
- deadlines said plainly (「截止时间定在年底12月」「期限是今年年底」); 「那两件」 names no row; 「多久调度一次」 is no
  table's; a pollutant only a plan's indicator names (「VOCs这三年总共要削减多少吨」).
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from tests.support.answers import answer_text, first_line
from tests.support.documents import markdown_documents

PENALTIES = """# 淮北市2080年环境行政处罚案件登记台账（1-9月）

| 序号 | 处罚决定书文号 | 当事人名称 | 所属县区 | 立案日期 | 处罚决定日期 | 罚款金额（万元） | 是否移送公安机关 | 罚款是否缴纳 |
|---|---|---|---|---|---|---|---|---|
| 1 | 淮环罚〔2080〕1号 | 淮北恒昌焦化有限公司 | 相山区 | 2080-01-12 | 2080-03-05 | 40 | 否 | 是 |
| 2 | 淮环罚〔2080〕2号 | 濉溪县绿野养殖合作社 | 濉溪县 | 2080-03-20 | 2080-05-18 | 6.5 | 否 | 否 |
| 3 | 淮环罚〔2080〕3号 | 淮北晶川化工有限公司 | 烈山区 | 2080-05-08 | 2080-06-30 | 80 | 是 | 是 |
| 4 | 淮环罚〔2080〕4号 | 杜集区宏远建材厂 | 杜集区 | 2080-06-30 | 2080-07-02 | 15 | 否 | 是 |
| 5 | 淮环罚〔2080〕5号 | 淮北鑫源危废处置有限公司 | 烈山区 | 2080-07-03 | 2080-08-20 | 60 | 是 | 否 |
| 6 | 淮环罚〔2080〕6号 | 相山区顺风汽修厂 | 相山区 | 2080-08-15 | 2080-09-10 | 3 | 否 | 否 |
| 7 | 淮环罚〔2080〕7号 | 淮北东湖物业有限公司 | 相山区 | 2080-02-01 | 2080-03-01 | 0 | 否 | 否 |
"""
FUNDS = """# 淮北市2080年生态环境专项资金执行情况表

单位：万元

| 序号 | 区县 | 项目名称 | 下达金额 | 已支出 | 执行率 |
|---|---|---|---|---|---|
| 1 | 相山区 | 南湖湿地水质提升 | 900 | 630 | 70% |
| 2 | 濉溪县 | 濉河岸线生态修复 | 1200 | 600 | 50% |
| 3 | 濉溪县 | 临涣工业园VOCs综合治理 | 500 | 0 | 0% |
| 4 | 烈山区 | 采煤塌陷区治理 | 1000 | 850 | 85% |
| 合计 | — | — | 3600 | 2080 | 57.78% |
"""
PROJECTS = """# 淮北市2080年度生态环境保护项目资金安排表

单位：万元

| 序号 | 县区 | 项目名称 | 总投资 | 2080年安排 |
|---|---|---|---|---|
| 1 | 相山区 | 龙河截污管网 | 2000 | 800 |
| 2 | 相山区 | 城区空气微站 | 300 | 300 |
| 3 | 杜集区 | 朔西湖生态缓冲带 | 1500 | 1500 |
| 4 | 烈山区 | 矿区扬尘在线监控 | 600 | 200 |
| 合计 | — | — | 4400 | 2800 |
"""
EMISSIONS = """# 淮北市2080年1-9月重点企业污染物排放台账

| 序号 | 企业名称 | 所在县区 | 化学需氧量排放量（吨） | 氮氧化物排放量（吨） | 自动监控联网日期 |
|---|---|---|---|---|---|
| 1 | 淮北恒昌焦化有限公司 | 相山区 | 150.2 | 420 | 2078-05-10 |
| 2 | 淮北申皖发电有限公司 | 濉溪县 | 100.0 | 880 | 2080-02-14 |
| 3 | 淮北纸业集团有限公司 | 烈山区 | 210.5 | 95 | 2080-06-01 |
| 4 | 杜集区安泰水务有限公司 | 杜集区 | 99.9 | — | 2079-11-30 |
"""
STATIONS = """# 淮北市2080年1-9月环境空气质量站点浓度统计表

| 序号 | 站点名称 | 所属县区 | PM2.5实测值（微克/立方米） | PM2.5目标值（微克/立方米） | PM10实测值（微克/立方米） | PM10目标值（微克/立方米） |
|---|---|---|---|---|---|---|
| 1 | 相山站 | 相山区 | 40 | 38 | 75 | 70 |
| 2 | 烈山站 | 烈山区 | 38 | 38 | 72 | 68 |
| 3 | 濉溪站 | 濉溪县 | 41 | 39 | 66 | 70 |
| 4 | 杜集站 | 杜集区 | 35 | 37 | 69 | 72 |
"""
TASKS = """# 淮北市2080年污染防治攻坚重点任务推进情况表（1-9月）

| 序号 | 区县 | 任务名称 | 牵头单位 | 完成时限 | 进展情况 | 进度评价 |
|---|---|---|---|---|---|---|
| 1 | 相山区 | 南湖湿地水质提升 | 市住房城乡建设局 | 2080年12月底 | 已完成清淤 | 按进度推进 |
| 2 | 相山区 | 城区餐饮油烟整治 | 相山区城管局 | 2080年8月底 | 完成60% | 进度滞后 |
| 3 | 濉溪县 | 临涣工业园VOCs“一企一策”治理 | 临涣工业园管委会 | 2080年10月底 | 方案尚未编制 | 未启动 |
| 4 | 烈山区 | 采煤塌陷区生态修复 | 烈山区自然资源局 | 2080年12月底 | 完成40% | 进度滞后 |
| 5 | 杜集区 | 朔西湖入湖排口整治 | 杜集区水利局 | 2080年12月31日 | 已全部完成 | 已完成 |
| 6 | 濉溪县 | 濉河入河排口整治 | 濉溪县水利局 | 2080年6月底 | 已全部完成 | 已完成 |

对进度滞后的任务，市攻坚办实行“半月一调度”。
"""
PLAN = """# 淮北市生态环境保护三年行动方案（2080—2082年）

表1 主要指标

| 序号 | 指标名称 | 单位 | 基准值（2079年） | 2082年目标 | 指标属性 |
|---|---|---|---|---|---|
| 1 | 细颗粒物（PM2.5）年均浓度 | 微克/立方米 | 39 | 35 | 约束性 |
| 2 | 挥发性有机物（VOCs）排放总量削减量 | 吨 | — | 1200 | 预期性 |
| 3 | 森林覆盖率 | % | 22.1 | 23.5 | 预期性 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    texts = {
        "淮北市2080年环境行政处罚案件登记台账（1-9月）": PENALTIES,
        "淮北市2080年生态环境专项资金执行情况表": FUNDS,
        "淮北市2080年度生态环境保护项目资金安排表": PROJECTS,
        "淮北市2080年1-9月重点企业污染物排放台账": EMISSIONS,
        "淮北市2080年1-9月环境空气质量站点浓度统计表": STATIONS,
        "淮北市2080年污染防治攻坚重点任务推进情况表（1-9月）": TASKS,
        "淮北市生态环境保护三年行动方案（2080—2082年）": PLAN,
    }
    return table_asker(markdown_documents(tmp_path_factory.mktemp("huaibei"), texts))


def test_a_rows_own_date_in_a_span_of_months(ask):
    """立案 in 7–12月: 鑫源 (07-03), 顺风 (08-15), not 宏远 (06-30); 处罚决定 after June: 宏远 (07-02), 鑫源, 顺风, not
    晶川 (06-30); 三季度立案 is 7–9月, the same two as 下半年."""
    text = first_line(ask("下半年立案的处罚案件有哪些？"))
    assert "鑫源" in text and "顺风" in text and "宏远" not in text and "晶川" not in text
    text = first_line(ask("6月以后作出处罚决定的案子有几件？"))
    assert "3" in text and "宏远" in text and "鑫源" in text and "顺风" in text and "晶川" not in text
    text = first_line(ask("三季度立案的有哪些？"))
    assert "鑫源" in text and "顺风" in text and "宏远" not in text


def test_a_first_day_said_is_from_that_month_on(ask):
    """「7月1日以后立案的」: 鑫源 (07-03), 顺风 (08-15), not 宏远 (06-30)."""
    text = first_line(ask("7月1日以后立案的案子有哪些？"))
    assert "鑫源" in text and "顺风" in text and "宏远" not in text


def test_the_date_of_that_case_by_its_verb(ask):
    """「晶川化工那起案子处罚决定是哪天下的」: its row (立案 2080-05-08, 处罚决定 2080-06-30), found by the company's short
    name — no other case's."""
    text = answer_text(ask("晶川化工那起案子处罚决定是哪天下的？"))
    assert "处罚决定日期：2080-06-30" in text and "宏远" not in text and "鑫源" not in text


def test_the_whole_city_allocated_and_spent_is_no_row_condition(ask):
    """「全市一共下达了多少，花了多少」: the 合计 row, 3600 and 2080 — 全 of 全市 says no 「all allocated」 condition."""
    text = answer_text(ask("今年专项资金全市一共下达了多少，花了多少？"))
    assert "3600" in text and "2080" in text


def test_a_day_said_bounds_a_rows_own_date(ask):
    """「6月30日以后立案的」: 宏远 (06-30), 鑫源 (07-03), 顺风 (08-15) — not 晶川 (05-08); 「6月15日之前作出处罚决定的」:
    恒昌 (03-05), 绿野 (05-18) — not 晶川 (06-30)."""
    text = first_line(ask("6月30日以后立案的案子有哪些？"))
    assert "宏远" in text and "鑫源" in text and "顺风" in text and "晶川" not in text
    text = first_line(ask("6月15日之前作出处罚决定的案子有哪些？"))
    assert "恒昌" in text and "绿野" in text and "晶川" not in text


def test_figures_of_every_row_named_with_all_are_no_condition(ask):
    """「全部项目下达金额和已支出分别是多少」 lists the fund sheet's rows (南湖 630 of 900) — 全部 is every row, not 「已支出
    达到下达金额」."""
    text = answer_text(ask("全部项目下达金额和已支出分别是多少？"))
    assert (
        "南湖湿地水质提升" in text
        and "630" in text
        and "达到" not in first_line(ask("全部项目下达金额和已支出分别是多少？"))
    )


def test_all_tasks_asked_is_no_question_whether_some_exist(ask):
    """「所有任务的进度正常吗」 is a verdict on every task (two lag), not 「有。」."""
    assert not first_line(ask("所有任务的进度正常吗？")).startswith("有")


def test_a_deadline_after_a_month(ask):
    """「截止时间在10月之后的任务」: due after October — 南湖, 采煤塌陷区, 朔西湖 (December), not 临涣 (October) nor 餐饮油烟
    (August)."""
    text = first_line(ask("截止时间在10月之后的任务有哪些？"))
    assert "南湖" in text and "采煤塌陷区" in text and "临涣" not in text and "餐饮油烟" not in text


def test_a_place_before_bumen_is_no_department(ask):
    """「相山区部门牵头的任务」: 相山区's two tasks, whoever leads them (no 「相山区局」)."""
    text = answer_text(ask("相山区部门牵头的任务有哪些？"))
    assert "南湖" in text and "餐饮油烟" in text and "相山区局" not in text


def test_yes_no_of_two_rows_named_directly(ask):
    """「晶川化工和绿野养殖的罚款都交了吗」: 晶川 paid, 绿野 did not — 「否」 naming 绿野."""
    line = first_line(ask("晶川化工和绿野养殖的罚款都交了吗？"))
    assert line.startswith("否") and "绿野" in line


def test_an_amount_said_done_is_some_of_it(ask):
    """「罚了款但还没交的案件」: a fine above 0 and 罚款是否缴纳 否 — 绿野, 鑫源, 顺风; not 恒昌 (paid), nor 东湖物业 (fined
    0)."""
    text = answer_text(ask("有没有罚了款但还没交的案件？"))
    assert "绿野" in text and "鑫源" in text and "顺风" in text and "恒昌" not in text and "东湖" not in text


def test_connected_this_year_is_a_date_in_the_sheets_year(ask):
    """联网 in 2080: 申皖发电, 淮北纸业 (not 恒昌 2078, nor 安泰 2079-11)."""
    text = first_line(ask("今年才接入自动监控的企业有几家？"))
    assert "共2家" in text and "申皖" in text and "纸业" in text and "恒昌" not in text and "安泰" not in text


def test_a_whether_column_said_with_its_thing_after_the_verb(ask):
    """移送公安机关 是: 晶川, 鑫源 — listed by company, not grouped by another 是否 column."""
    text = first_line(ask("今年有哪些处罚案子移送给公安了？"))
    assert "晶川" in text and "鑫源" in text and "恒昌" not in text and "宏远" not in text


def test_a_yes_no_of_rows_named_before_some_of_which_do_not(ask):
    """晶川 paid (是), 鑫源 did not (否): 「否」, naming 鑫源 as the one unpaid."""
    history = [{"role": "user", "content": "罚款超过50万元的有哪些案件？"},
               {"role": "assistant", "content": "2起：淮北晶川化工有限公司罚款80万元；淮北鑫源危废处置有限公司罚款60万元。"}]  # fmt: skip
    line = first_line(ask("这两家的罚款都交了吗？", history))
    assert line.startswith("否") and "鑫源" in line and "未缴纳" in line and "晶川" not in line


def test_both_pronoun_is_the_two_rows_named_before(ask):
    """相山站 PM10 75 > 70 (not met), 濉溪站 66 < 70 (met): not both met."""
    history = [{"role": "user", "content": "哪两个站PM2.5最高？"},
               {"role": "assistant", "content": "濉溪站41、相山站40。"}]  # fmt: skip
    text = answer_text(ask("它俩PM10达标没有？", history))
    assert "相山站" in text and "濉溪站" in text and "75" in text and "66" in text and "烈山站" not in text


def test_two_readings_both_over_their_targets(ask):
    """PM2.5 and PM10 both above target: 相山站 (40>38, 75>70) only — not 烈山站 (PM2.5 38 = 38), nor 濉溪站 (PM10
    66 < 70)."""
    text = first_line(ask("细颗粒物和可吸入颗粒物都超目标的站点是哪几个？"))
    assert "相山站" in text and "烈山站" not in text and "濉溪站" not in text


def test_one_figure_all_of_another(ask):
    """2080年安排 = 总投资: 城区空气微站, 朔西湖生态缓冲带 (not 龙河, 800 of 2000)."""
    text = first_line(ask("哪些项目今年一次就把总投资全安排到位了？"))
    assert "城区空气微站" in text and "朔西湖" in text and "龙河" not in text and "矿区扬尘" not in text


def test_a_places_share_of_the_column_its_verb_names(ask):
    """相山区 2080年安排 800 + 300 = 1100 of 合计 2800: 39.29% (not of 总投资: 2300 of 4400)."""
    text = first_line(ask("相山区今年分到的项目资金占全市的比重是多少？"))
    assert "1100" in text and "39.29%" in text and "52.27" not in text


def test_an_emission_said_by_its_abbreviation(ask):
    """COD (化学需氧量) above 100 吨: 恒昌 150.2, 纸业 210.5 (not 申皖 at exactly 100.0, nor 安泰 99.9); NOx (氮氧化物)
    most: 申皖, 880."""
    text = first_line(ask("1到9月COD排放超过100吨的企业有哪几家？"))
    assert "恒昌" in text and "纸业" in text and "申皖" not in text and "安泰" not in text
    line = first_line(ask("NOx排放最多的是哪家企业？"))
    assert "申皖" in line and "880" in line


def test_money_spent_of_the_fund_sheet_not_the_task_named_alike(ask):
    """临涣工业园VOCs综合治理: 已支出 0 of 500 — the fund sheet's row, though a task of VOCs 治理 there is 未启动."""
    text = answer_text(ask("临涣工业园那个VOCs治理项目钱开始花了没有？"))
    assert text.startswith("否，已支出为0万元") and "下达金额 500万元" in text


def test_a_citys_fund_sheet_ranked_by_place(ask):
    """下达金额 by place: 濉溪县 1200 + 500 = 1700, over 烈山区 1000 and 相山区 900."""
    line = first_line(ask("哪个区县拿到的专项资金最多？"))
    assert "濉溪县" in line and "1700" in line


def test_is_it_lagging_is_yes_when_it_lags(ask):
    """「烈山区采煤塌陷区生态修复是不是滞后了」: 是 (进度滞后); 「朔西湖…是不是滞后了」: 否 (已完成)."""
    assert first_line(ask("烈山区采煤塌陷区生态修复是不是滞后了？")).startswith("是")
    assert first_line(ask("朔西湖入湖排口整治是不是滞后了？")).startswith("否")


def test_rows_of_a_status_asked_whether_any_exist(ask):
    """「相山区有已经完成的任务吗」: none (南湖 按进度推进, 餐饮油烟 滞后) — not a verdict on 相山区's two tasks."""
    line = first_line(ask("相山区有已经完成的任务吗？"))
    assert ("没有" in line or line.startswith("否")) and "部分" not in line


def test_a_field_said_before_bumen_is_the_department(ask):
    """「住建部门牵头的任务」: 南湖 (市住房城乡建设局, of which 住建局 is the short name), not 餐饮油烟 (城管局)."""
    text = answer_text(ask("住建部门牵头的任务有哪些？"))
    assert "南湖" in text and "餐饮油烟" not in text


def test_a_share_of_the_whole_said_as_its_total(ask):
    """「濉溪县下达的资金占全市总额多少」: (1200 + 500) ÷ 3600 = 47.22%."""
    assert "47.22%" in first_line(ask("濉溪县下达的资金占全市总额多少？"))


def test_that_station_of_a_place_all_figures_judged(ask):
    """「濉溪那个站两项都达标吗」: 濉溪站 PM2.5 41 > 39 — not both met (no task table's answer)."""
    text = answer_text(ask("濉溪那个站两项都达标吗？"))
    assert "濉溪站" in text and text.startswith("否") and "41" in text and "39" in text


def test_deadlines_said_plainly(ask):
    """Due in December: 南湖, 采煤塌陷区, 朔西湖; of them lagging: 采煤塌陷区 only (not 餐饮油烟, due in August)."""
    text = first_line(ask("哪些重点任务的截止时间定在年底12月？"))
    assert "南湖" in text and "采煤塌陷区" in text and "朔西湖" in text and "餐饮油烟" not in text
    text = first_line(ask("期限是今年年底、现在又标着进度滞后的任务有哪几项？"))
    assert "采煤塌陷区" in text and "餐饮油烟" not in text and "南湖" not in text


def test_due_in_a_span_and_the_latest_deadline(ask):
    """Due in 上半年: 濉河 (6月底), done — 「是」; the latest deadlines: December's 南湖, 采煤塌陷区, 朔西湖 (not
    餐饮油烟 in August, 临涣 in October)."""
    text = answer_text(ask("上半年到期的那几项都完成了没有？"))
    assert text.startswith("是") and "濉河" in text and "南湖" not in text
    text = first_line(ask("重点任务里完成时限最晚的是哪些？"))
    assert (
        "南湖" in text and "采煤塌陷区" in text and "朔西湖" in text and "餐饮油烟" not in text and "临涣" not in text
    )


def test_two_of_a_place_point_at_no_row(ask):
    """「相山区那两件重点任务」: both of 相山区's tasks, with their status."""
    text = answer_text(ask("相山区那两件重点任务推进得怎么样了？"))
    assert "南湖湿地" in text and "餐饮油烟" in text and "按进度推进" in text and "进度滞后" in text


def test_how_often_an_act_no_row_writes_is_done_is_no_tables(ask):
    """「半月一调度」 is said in the text under the table, no row's figure."""
    assert isinstance(ask("任务落后了，市里多久调度一次？"), Missing)


def test_a_pollutant_only_a_plans_indicator_names(ask):
    """VOCs: no sheet reads it; the plan's 削减量 indicator, 1200 吨 by 2082."""
    text = answer_text(ask("VOCs这三年总共要削减多少吨？"))
    assert "挥发性有机物" in text and "1200吨" in text and "2082" in text


@pytest.fixture(scope="module")
def assistant_here(tmp_path_factory):
    """The whole assistant (its route and its splitting of a question) over the bundled corpus and the task table."""
    from assistant.documents import DocumentService
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import CORPUS_STATIC_MODEL, Settings

    folder = tmp_path_factory.mktemp("huaibei-all")
    settings = Settings(data_dir=folder / "data", embedding_model=CORPUS_STATIC_MODEL, chroma_host=None, _env_file=None)
    (folder / "tasks.md").write_text(TASKS, encoding="utf-8")
    DocumentService(settings).ingest([folder / "tasks.md"])
    return PolicyAssistant(settings)


def test_two_counts_each_of_its_own_place(assistant_here):
    """「相山区几项滞后，烈山区几项已完成」: 相山区 1 滞后 (餐饮油烟); 烈山区 none done (采煤塌陷区 lags) — each clause of
    its own place."""
    answer = assistant_here.ask("相山区几项滞后，烈山区几项已完成？")
    lagging, completed = answer.answer.split("\n\n")[:2]
    assert "餐饮油烟" in lagging and "相山区、烈山区" not in completed and "烈山区" in completed


def test_two_counts_of_two_statuses_each_answered(assistant_here):
    """淮北's tasks: 2 已完成 (朔西湖, 濉河), 2 进度滞后 (餐饮油烟, 采煤塌陷区) — each clause counted, the second with
    the words before the first's count (「淮北市重点任务里」)."""
    answer = assistant_here.ask("淮北市重点任务里几项完成了，几项滞后？")
    completed, lagging = answer.answer.split("\n\n")[:2]
    assert answer.route == "structured"
    assert "2项" in completed and "朔西湖" in completed and "濉河" in completed and "餐饮油烟" not in completed
    assert "2项" in lagging and "餐饮油烟" in lagging and "采煤塌陷区" in lagging and "朔西湖" not in lagging


HUANGSHAN_TASKS = """# 黄山市2080年重点任务推进情况表

| 序号 | 区县 | 任务名称 | 完成时限 | 进度评价 |
|---|---|---|---|---|
| 1 | 屯溪区 | 新安江屯溪段岸线整治 | 2080年10月底 | 进度滞后 |
| 2 | 黄山区 | 太平湖入湖河道缓冲带 | 2080年11月底 | 进度滞后 |
| 3 | 歙县 | 城区扬尘在线监控 | 2080年9月底 | 已完成 |
"""


def test_a_city_said_bare_is_the_city_not_its_district_of_the_same_name(tmp_path, table_asker):
    """「黄山」 is 黄山市 — both lagging tasks (屯溪区, 黄山区); 「黄山区」 is the district's one."""
    ask = table_asker(markdown_documents(tmp_path, {"黄山市2080年重点任务推进情况表": HUANGSHAN_TASKS}))
    text = answer_text(ask("黄山重点任务滞后几项？"))
    assert "2项" in text and "新安江" in text and "太平湖" in text
    text = answer_text(ask("黄山区重点任务滞后几项？"))
    assert "太平湖" in text and "新安江" not in text


HUANGSHAN_FUNDS = """# 黄山市2080年生态环境专项资金执行情况表

单位：万元

| 序号 | 县区 | 项目名称 | 下达资金 | 已支出 | 执行率 |
|---|---|---|---|---|---|
| 1 | 屯溪区 | 横江整治 | 1200 | 1050 | 87.50% |
| 2 | 黄山区 | 太平湖缓冲带 | 800 | 400 | 50.00% |
| 3 | 歙县 | 深渡中转站 | 1000 | 300 | 30.00% |
"""


def test_the_rate_two_sums_make_when_asked_with_them(tmp_path, table_asker):
    """No 合计 row: spent 1050 + 400 + 300 = 1750 of 1200 + 800 + 1000 = 3000 allocated, a rate of 58.33%."""
    ask = table_asker(markdown_documents(tmp_path, {"黄山市2080年生态环境专项资金执行情况表": HUANGSHAN_FUNDS}))
    line = first_line(ask("黄山专项资金总共花了多少，执行率多少？"))
    assert "1750" in line and "3000" in line and "58.33%" in line
