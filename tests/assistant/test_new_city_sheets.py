"""A new city's fund table, registers, task sheet and 区县 sheets, asked the way staff speak (萍乡市, 2087; every
project, company, case and figure made up here, the expected answers read off the rows below):

- a Word fund table whose title is a heading above a lead-in sentence and 「单位：万元」 (the title names it, not the
  unit line); 「拿到的钱」 of its 省级 / 市级 columns is their 合计; 「安排金额超过…」 bounds the 合计 too; 「一分省里的钱都
  没有，全靠市级资金」;
- a register's two dates: the days from 受理 to 审批 ranked (「拖得最久」「审批最快」); 「不在工业园区里」 of its 是否位于
  工业园区 column, no place of that name;
- a penalty register's 执行情况 cells said by their act (「罚款还没交到位」「这笔罚款交了吗」); 「罚款金额单位：万元」
  above it is the 罚款 column's unit;
- a task sheet whose 完成进度 is a bare 「45%」; 「不算还没开工的」 leaves those rows out; 「完成时限又在10月底之前」; the
  tasks a 区 has most, counted (「任务条数最多」); a 区's department (「湘东区农业农村局」) is not another city's 农业农村局;
- a sheet of each 区县's issues with no 合计 row: the city's total and the rate its two sums make, the remainder of a
  区县, and 「它」 of the 区县 the answer before named;
- a station sheet: two pollutants both over target (「两项同时超标」), 「没守住目标的点位」;
- a noise register counted by 区县 (「哪个县区噪声投诉最多」) and by months (「3月到5月」);
- a plan's indicator whose unit is a count in brackets (「淘汰老旧柴油货车（辆）」) answers who is responsible.
"""

from __future__ import annotations

import pytest

from tests.support.answers import answer_text, assistant_over, first_line
from tests.support.documents import add_docx_table, markdown_documents

FUND_TITLE = "萍乡市2087年第一批生态环境专项资金安排表"
FUND_HEADER = ["序号", "县区", "项目名称", "省级资金", "市级资金", "合计"]
FUND_ROWS = [
    ["1", "安源区", "萍水河排口整治", "300.00", "100.00", "400.00"],
    ["2", "安源区", "城区油烟监控", "—", "80.00", "80.00"],
    ["3", "湘东区", "工业园污水提标", "400.00", "—", "400.00"],
    ["4", "湘东区", "秸秆综合利用", "—", "60.00", "60.00"],
    ["5", "莲花县", "玉壶山生态修复", "350.00", "—", "350.00"],
    ["合计", "—", "—", "1050.00", "240.00", "1290.00"],
]
APPROVALS = """# 萍乡市2087年建设项目环评审批登记表

| 序号 | 项目名称 | 所在县区 | 受理日期 | 审批日期 | 是否位于工业园区 | 环评文件类型 |
|---|---|---|---|---|---|---|
| 1 | 安源陶瓷新材料项目 | 安源区 | 2087-01-10 | 2087-02-09 | 是 | 报告书 |
| 2 | 湘东物流仓储项目 | 湘东区 | 2087-02-01 | 2087-02-11 | 否 | 报告表 |
| 3 | 莲花生活垃圾焚烧项目 | 莲花县 | 2087-03-01 | 2087-05-30 | 否 | 报告书 |
| 4 | 上栗烟花原料项目 | 上栗县 | 2087-04-02 | 2087-04-22 | 是 | 报告表 |
"""
PENALTIES = """# 萍乡市2087年环境行政处罚案件登记表

填报单位：萍乡市生态环境局执法支队　　罚款金额单位：万元

| 案件编号 | 县区 | 当事人 | 罚款 | 执行情况 |
|---|---|---|---|---|
| 萍环罚〔2087〕1号 | 安源区 | 萍乡赣西焦化有限公司 | 25 | 已缴纳 |
| 萍环罚〔2087〕2号 | 湘东区 | 湘东红星瓷厂 | 12 | 分期缴纳（已缴6） |
| 萍环罚〔2087〕3号 | 莲花县 | 莲花永兴矿业有限公司 | 32 | 未缴纳，已申请法院强制执行 |
| 萍环罚〔2087〕4号 | 上栗县 | 上栗顺达化工厂 | 8 | 已缴纳 |
| 萍环罚〔2087〕5号 | 芦溪县 | 芦溪宏达精细化工有限公司 | — | 涉嫌犯罪，已移送公安机关 |
"""
TASKS = """# 萍乡市2087年污染防治攻坚重点任务推进情况表（1-9月）

| 序号 | 县区 | 任务名称 | 牵头单位 | 完成时限 | 完成进度 | 推进状态 |
|---|---|---|---|---|---|---|
| 1 | 安源区 | 城区餐饮油烟监控联网 | 安源区城管局 | 2087年9月底前 | 100% | 已完成 |
| 2 | 安源区 | 萍水河黑臭水体整治 | 安源区住建局 | 2087年12月底前 | 45% | 进度滞后 |
| 3 | 湘东区 | 陶瓷企业VOCs深度治理 | 湘东区生态环境分局 | 2087年10月底前 | 30% | 进度滞后 |
| 4 | 湘东区 | 畜禽粪污资源化利用 | 湘东区农业农村局 | 2087年11月底前 | 60% | 按进度推进 |
| 5 | 湘东区 | 农村生活污水治理 | 湘东区农业农村局 | 2087年12月底前 | 0% | 未启动 |
| 6 | 莲花县 | 乡镇污水处理厂提标 | 莲花县住建局 | 2087年10月15日 | 55% | 进度滞后 |
| 7 | 上栗县 | 花炮企业扬尘治理 | 上栗县应急管理局 | 2087年12月底前 | 70% | 按进度推进 |
"""
OTHER_TASKS = """# 吉县2087年农业面源污染治理任务表

| 序号 | 县区 | 任务名称 | 牵头单位 | 完成时限 | 进展情况 | 推进状态 |
|---|---|---|---|---|---|---|
| 1 | 吉县 | 果园化肥减量 | 农业农村局 | 2087年12月底前 | 已完成60% | 按进度推进 |
"""
ISSUES = """# 萍乡市2087年上半年生态环境问题整改情况表

| 县区 | 排查问题数 | 已整改 | 整改率 |
|---|---|---|---|
| 安源区 | 40 | 32 | 80.0% |
| 湘东区 | 30 | 21 | 70.0% |
| 莲花县 | 25 | 12 | 48.0% |
| 上栗县 | 20 | 18 | 90.0% |
"""
STATIONS = """# 萍乡市2087年1-9月环境空气质量站点监测统计表

| 序号 | 站点名称 | 所属县区 | PM2.5实测值（微克/立方米） | PM2.5目标值（微克/立方米） | PM10实测值（微克/立方米） | PM10目标值（微克/立方米） |
|---|---|---|---|---|---|---|
| 1 | 八一街站 | 安源区 | 38 | 36 | 67 | 65 |
| 2 | 湘东站 | 湘东区 | 36 | 36 | 66 | 65 |
| 3 | 莲花站 | 莲花县 | 33 | 35 | 58 | 60 |
| 4 | 上栗站 | 上栗县 | 37 | 35 | 60 | 60 |
"""
NOISE = """# 萍乡市2087年噪声投诉处理台账

| 编号 | 受理日期 | 县区 | 投诉对象 | 噪声类型 | 是否办结 |
|---|---|---|---|---|---|
| PX-001 | 2087-01-08 | 安源区 | 跃进路某KTV | 社会生活噪声 | 是 |
| PX-002 | 2087-02-20 | 安源区 | 建设路夜间施工工地 | 建筑施工噪声 | 是 |
| PX-003 | 2087-03-05 | 安源区 | 八一广场广场舞 | 社会生活噪声 | 是 |
| PX-004 | 2087-04-16 | 湘东区 | 湘东石材加工点 | 工业噪声 | 否 |
| PX-005 | 2087-05-30 | 莲花县 | 莲花汽修店 | 社会生活噪声 | 是 |
| PX-006 | 2087-06-12 | 安源区 | 跃进路某KTV | 社会生活噪声 | 否 |
"""
PLAN = """# 萍乡市2087年大气污染防治工作方案

表1 主要指标

| 指标 | 2086年现状 | 2087年目标 | 责任单位 |
|---|---|---|---|
| PM2.5年均浓度（微克/立方米） | 36 | 34 | 市生态环境局 |
| 重污染天数（天） | 4 | 2 | 市生态环境局 |
| 淘汰老旧柴油货车（辆） | — | 600 | 市公安局 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    import docx

    from corpus import load_document

    folder = tmp_path_factory.mktemp("pingxiang")
    word = docx.Document()
    word.add_heading(FUND_TITLE, 1)
    word.add_paragraph("经项目评审和公示，现将2087年第一批生态环境专项资金安排如下。资金须于2087年12月15日前拨付到位。")
    word.add_paragraph("单位：万元")
    add_docx_table(word, FUND_HEADER, FUND_ROWS)
    word.save(folder / f"{FUND_TITLE}.docx")
    texts = {
        "萍乡市2087年建设项目环评审批登记表": APPROVALS,
        "萍乡市2087年环境行政处罚案件登记表": PENALTIES,
        "萍乡市2087年污染防治攻坚重点任务推进情况表（1-9月）": TASKS,
        "吉县2087年农业面源污染治理任务表": OTHER_TASKS,
        "萍乡市2087年上半年生态环境问题整改情况表": ISSUES,
        "萍乡市2087年1-9月环境空气质量站点监测统计表": STATIONS,
        "萍乡市2087年噪声投诉处理台账": NOISE,
        "萍乡市2087年大气污染防治工作方案": PLAN,
    }
    documents = [load_document(folder / f"{FUND_TITLE}.docx"), *markdown_documents(folder, texts)]
    return table_asker(documents)


# -- a Word fund table ----------------------------------------------------------------------------------------


def test_the_money_a_place_got_is_its_total(ask):
    """合计 by 区县: 安源区 400 + 80 = 480, 湘东区 400 + 60 = 460, 莲花县 350 — the least is 莲花县 (by 省级资金 alone it
    would be 安源区, 300); the sheet is named by its heading, not by 「单位：万元」."""
    line = first_line(ask("哪个县区这批拿到的钱最少？"))
    assert "莲花县" in line and "350" in line and "安源区" not in line
    assert FUND_TITLE in line and "单位：万元" not in line


def test_an_amount_bound_is_of_the_total(ask):
    """合计 above 350: 萍水河排口整治 and 工业园污水提标 (400 each); not 玉壶山生态修复 at exactly 350."""
    line = first_line(ask("单个项目安排金额超过350万元的有哪些？"))
    assert "萍水河排口整治" in line and "工业园污水提标" in line and "玉壶山" not in line


def test_no_money_of_one_level_and_some_of_the_other(ask):
    """No 省级资金 and some 市级资金: 城区油烟监控, 秸秆综合利用 — not 萍水河排口整治 (both), 工业园污水提标 (省级 only)."""
    line = first_line(ask("哪些项目一分省里的钱都没有，全靠市级资金？"))
    assert "城区油烟监控" in line and "秸秆综合利用" in line
    assert "萍水河" not in line and "工业园污水提标" not in line


# -- registers ------------------------------------------------------------------------------------------------


def test_the_days_between_two_dates_of_a_row(ask):
    """受理 to 审批: 30, 10, 90 and 20 days — longest 莲花生活垃圾焚烧项目 (03-01 → 05-30, 90), quickest 湘东物流仓储项目
    (02-01 → 02-11, 10)."""
    line = first_line(ask("从受理到批下来，哪个项目拖得最久？用了多少天？"))
    assert "莲花生活垃圾焚烧项目" in line and "90" in line
    line = first_line(ask("哪个项目审批最快？"))
    assert "湘东物流仓储项目" in line and "10" in line and "莲花" not in line


def test_not_in_a_park_is_its_yes_no_column(ask):
    """是否位于工业园区 否 and 报告书: 莲花生活垃圾焚烧项目 only (湘东物流 is 否 but 报告表; 安源陶瓷 报告书 but 是)."""
    line = first_line(ask("不在工业园区里、又是编报告书的项目是哪个？"))
    assert "莲花生活垃圾焚烧项目" in line and "安源陶瓷" not in line and "湘东物流" not in line


def test_a_fine_not_paid_in_full_by_its_cell(ask):
    """执行情况 not 已缴纳: 红星瓷厂 (分期缴纳) and 永兴矿业 (未缴纳), not 赣西焦化 or 顺达化工 (已缴纳)."""
    line = first_line(ask("哪些案子的罚款还没有全部交到位？"))
    assert "萍环罚〔2087〕2号" in line and "萍环罚〔2087〕3号" in line
    assert "萍环罚〔2087〕1号" not in line and "萍环罚〔2087〕4号" not in line


def test_whether_one_fine_was_paid(ask):
    """永兴矿业's 执行情况 is 「未缴纳，已申请法院强制执行」: 否, as the cell says; 罚款 is in 万元 (the line above the
    table says so), the heaviest 32."""
    text = answer_text(ask("莲花永兴矿业有限公司的罚款交了吗？"))
    assert text.startswith("否") and "强制执行" in text.splitlines()[0]
    line = first_line(ask("今年以来哪家企业被罚得最重？"))
    assert "永兴矿业" in line and "32万元" in line


def test_an_amount_left_blank_is_no_sum_of_zero(ask):
    """芦溪县's one case has 罚款 「—」 (移送公安机关): its row, not 「0万元」."""
    text = answer_text(ask("芦溪县那家化工企业罚了多少钱？"))
    assert "移送公安机关" in text and "0万元" not in text


def test_an_act_asked_either_way_or_of_an_amount_is_no_filter(ask):
    """「交没交」 asks either way: 顺达化工厂 has paid (已缴纳), so not 「否」; 「交了多少罚款」 asks its amount, 12万元."""
    text = answer_text(ask("上栗顺达化工厂交没交罚款？"))
    assert not text.startswith("否") and "已缴纳" in text
    assert "12" in answer_text(ask("湘东红星瓷厂交了多少罚款？"))


# -- a task sheet ---------------------------------------------------------------------------------------------


def test_a_bare_percent_is_the_rate(ask):
    """完成进度 below 50%: 萍水河黑臭水体整治 (45%), 陶瓷企业VOCs深度治理 (30%), 农村生活污水治理 (0%); not 乡镇污水
    处理厂提标 (55%)."""
    line = first_line(ask("完成进度还不到一半的任务都有哪些？"))
    assert "萍水河" in line and "陶瓷企业" in line and "乡镇污水处理厂" not in line


def test_rows_not_begun_left_out_of_a_ranking(ask):
    """Slowest but 农村生活污水治理 (未启动, 0%): 陶瓷企业VOCs深度治理, 30% (吉县's one task, 已完成60%, is its
    city's part of the answer)."""
    text = answer_text(ask("不算还没开工的，进度最慢的是哪项任务？"))
    pingxiang = text.split("【萍乡市】")[-1].split("【")[0]
    assert "陶瓷企业VOCs深度治理" in pingxiang.splitlines()[1] and "农村生活污水" not in pingxiang


def test_lagging_and_due_by_a_month_end(ask):
    """进度滞后 and due by the end of October: 陶瓷企业VOCs深度治理 (10月底前), 乡镇污水处理厂提标 (10月15日); not 萍水河
    (12月底前)."""
    text = answer_text(ask("既落后于进度、完成时限又在10月底之前的任务是哪些？"))
    assert "陶瓷企业VOCs深度治理" in text and "乡镇污水处理厂提标" in text and "萍水河" not in text


def test_the_place_with_most_tasks_counted(ask):
    """Tasks by 区县: 湘东区 3, 安源区 2, 莲花县 1, 上栗县 1 (with no city named, 吉县's one task is its city's part)."""
    text = answer_text(ask("哪个区今年扛的重点任务条数最多？"))
    assert "湘东区（3项）" in text and "安源区（" not in text


def test_a_departments_place_is_its_rows_place(ask):
    """湘东区农业农村局 leads 畜禽粪污资源化利用 and 农村生活污水治理 — not 吉县's 果园化肥减量, whose lead is a bare
    农业农村局."""
    text = answer_text(ask("湘东区农业农村局牵头了哪些任务？"))
    assert "畜禽粪污" in text and "农村生活污水治理" in text and "果园" not in text


# -- a sheet of 区县, a station sheet, a noise register, a plan ------------------------------------------------


def test_a_city_figure_of_its_counties_sheet(ask):
    """No 合计 row: 排查问题数 40 + 30 + 25 + 20 = 115; 整改率 (32 + 21 + 12 + 18) ÷ 115 = 83 ÷ 115 = 72.17%, typed with
    one decimal 72.2%; 莲花县 has 25 − 12 = 13 left."""
    line = first_line(ask("萍乡上半年一共排查了多少个生态环境问题？"))
    assert "115" in line
    line = first_line(ask("萍乡上半年生态环境问题整改率是多少？"))
    assert "72.17%" in line and "72.2%" in line
    assert "13" in answer_text(ask("莲花县还有多少问题没整改？"))


def test_it_is_the_place_the_answer_named(ask):
    """「它」 after an answer naming 莲花县 (the lowest 整改率, 48.0%): 莲花县's 25, not each 区县's."""
    history = [
        {"role": "user", "content": "萍乡哪个县区问题整改率最低？"},
        {"role": "assistant", "content": "整改率最低的县区是：莲花县（48.0%）。\n- 莲花县：排查问题数 25；已整改 12"},
    ]
    text = answer_text(ask("它排查出的问题有多少个？", history))
    assert "25" in text and "安源区" not in text and "湘东区" not in text


def test_two_pollutants_both_over_and_one_not_kept(ask):
    """PM2.5 and PM10 both over target: 八一街站 (38 > 36, 67 > 65) only — 湘东站's PM2.5 is at its target (36); PM10
    over target in 1-9月: 八一街站, 湘东站 (66 > 65), not 上栗站 (60 = 60)."""
    line = first_line(ask("PM2.5和PM10两项同时超标的站点是哪个？"))
    assert "八一街站" in line and "湘东站" not in line
    line = first_line(ask("前三季度PM10没守住目标的点位有哪些？"))
    assert "八一街站" in line and "湘东站" in line and "上栗站" not in line and "莲花站" not in line


def test_the_two_ends_of_a_figure_apart(ask):
    """PM2.5 highest 八一街站 38, lowest 莲花站 33: 5 apart (not their gaps to target, +2 and −2)."""
    line = first_line(ask("萍乡PM2.5最高和最低的站点差多少？"))
    assert "八一街站" in line and "莲花站" in line and "相差5" in line


def test_complaints_counted_by_place_and_by_months(ask):
    """安源区 has 4 complaints (the most); 受理 in March–May: PX-003, PX-004, PX-005 (3), not PX-002 (02-20) or
    PX-006 (06-12)."""
    line = first_line(ask("哪个县区噪声投诉最多？"))
    assert "安源区" in line and "4" in line
    line = first_line(ask("3月到5月受理了几件噪声投诉？"))
    assert "3" in line and "八一广场" in line and "湘东石材" in line and "莲花汽修" in line


def test_an_indicator_with_a_count_unit_answers_who(ask):
    """淘汰老旧柴油货车（辆）: 市公安局, 600."""
    text = answer_text(ask("淘汰老旧柴油货车由哪个单位负责？"))
    assert "市公安局" in text and "600" in text


# -- a report with a table a month, and a 督办清单 --------------------------------------------------------------

MONTH_HEADER = ["站点名称", "所在县区", "PM2.5（微克/立方米）", "PM10（微克/立方米）"]
MONTHS = {  # month → rows of the report's table under 「（一）2087年7月各站点监测结果」 …
    7: [["八一街站", "安源区", "30", "55"], ["湘东站", "湘东区", "34", "61"], ["莲花站", "莲花县", "27", "48"]],
    8: [["八一街站", "安源区", "28", "52"], ["湘东站", "湘东区", "25", "50"], ["莲花站", "莲花县", "31", "57"]],
}
SUPERVISION = """# 萍乡市2087年大气污染防治重点任务督办清单

| 序号 | 县区 | 督办事项 | 责任单位 | 完成时限 | 进展情况 | 销号状态 |
|---|---|---|---|---|---|---|
| 1 | 安源区 | 城区工地扬尘在线监控全覆盖 | 安源区住建局 | 2087-05-31 | 已安装监控设备80套 | 已销号 |
| 2 | 安源区 | 萍水河沿岸散煤清零 | 安源区发改局 | 2087年10月底前 | 已清零28个村，剩余3个 | 未销号 |
| 3 | 湘东区 | 陶瓷窑炉煤改气 | 湘东区工信局 | 2087-09-30 | 已完成改造40座 | 申请销号 |
| 4 | 莲花县 | 砖瓦窑企业退出 | 莲花县工信局 | 2087-12-31 | 已退出5家，计划退出8家 | 未销号 |
"""


PERMITS = """# 萍乡市2087年排污许可证到期清单

| 序号 | 单位名称 | 所在县区 | 管理类别 | 有效期限 |
|---|---|---|---|---|
| 1 | 萍乡安源酿造有限公司 | 安源区 | 重点管理 | 2082年03月15日至2087年03月14日 |
| 2 | 萍乡赣西陶瓷有限公司 | 安源区 | 简化管理 | 2082.05.18-2087.05.17 |
| 3 | 湘东电瓷厂 | 湘东区 | 重点管理 | 2082年10月08日至2087年10月07日 |
| 4 | 湘东华瑞化工有限公司 | 湘东区 | 重点管理 | 2083年01月15日至2088年01月14日 |
| 5 | 莲花永兴矿业有限公司 | 莲花县 | 简化管理 | 2082年12月25日至2087年12月24日 |
"""


@pytest.fixture(scope="module")
def ask_reports(tmp_path_factory, table_asker):
    import docx

    from corpus import load_document

    folder = tmp_path_factory.mktemp("pingxiang-reports")
    word = docx.Document()
    word.add_heading("萍乡市2087年第三季度空气自动监测站点月度监测报告", 1)
    word.add_paragraph("二、各月站点监测结果")
    for number, (month, rows) in zip("一二", MONTHS.items(), strict=True):
        word.add_paragraph(f"（{number}）2087年{month}月各站点监测结果")
        add_docx_table(word, MONTH_HEADER, rows)
    word.save(folder / "萍乡市2087年第三季度空气自动监测站点月报.docx")
    documents = [load_document(folder / "萍乡市2087年第三季度空气自动监测站点月报.docx"),
                 *markdown_documents(folder, {"萍乡市2087年大气污染防治重点任务督办清单": SUPERVISION,
                                              "萍乡市2087年排污许可证到期清单": PERMITS})]  # fmt: skip
    return table_asker(documents)


def test_a_months_table_is_of_its_month(ask_reports):
    """The table under 「（二）2087年8月…」 is August's: 莲花站 31 the highest (July's highest is 湘东站, 34); 湘东站 in
    July read 34."""
    line = first_line(ask_reports("8月PM2.5最高的是哪个站点？"))
    assert "莲花站" in line and "31" in line and "8月" in line
    text = answer_text(ask_reports("7月湘东站PM2.5多少？"))
    assert "34" in text and "25微克" not in text


def test_two_months_of_a_report_compared(ask_reports):
    """湘东站 8月 25 against 7月 34: down 9 (both tables' rows, each of its month)."""
    text = answer_text(ask_reports("湘东站8月PM2.5比7月降了多少？"))
    assert "34" in text and "25" in text and "9" in text.splitlines()[0]


def test_a_supervision_lists_items_and_their_closing(ask_reports):
    """督办事项 are the tasks: not closed (未销号, 申请销号) — 萍水河沿岸散煤清零, 陶瓷窑炉煤改气, 砖瓦窑企业退出 (3), not
    the closed 城区工地扬尘在线监控全覆盖; 安源区 has one left open."""
    text = answer_text(ask_reports("除了已销号的，剩下还有几项？"))
    assert "3项" in text.splitlines()[0] and "散煤清零" in text and "扬尘在线监控" not in text
    text = answer_text(ask_reports("安源区还有没销号的事吗？"))
    assert "萍水河沿岸散煤清零" in text and "扬尘在线监控" not in text


def test_permits_expiring_in_a_span_of_the_lists_year(ask_reports):
    """Last dates in 2087's first half: 安源酿造 (03-14), 赣西陶瓷 (05-17) — not 华瑞化工 (2088-01-14); in the fourth
    quarter: 湘东电瓷厂 (10-07), 永兴矿业 (12-24)."""
    text = answer_text(ask_reports("上半年到期的许可证有几家？"))
    assert "共2" in text.splitlines()[0] and "安源酿造" in text and "华瑞化工" not in text
    text = answer_text(ask_reports("第四季度到期的排污许可证有哪些？"))
    assert "湘东电瓷厂" in text and "永兴矿业" in text and "安源酿造" not in text and "华瑞化工" not in text


def test_a_register_counted_for_each_place(ask_reports):
    """Permits by 县区: 安源区 2, 湘东区 2, 莲花县 1."""
    text = answer_text(ask_reports("各县到期的许可证分别有几家？"))
    assert "安源区：2家" in text and "湘东区：2家" in text and "莲花县：1家" in text


def test_a_share_said_reached(ask):
    """完成进度已经100%: 城区餐饮油烟监控联网 only (the next, 花炮企业扬尘治理, is at 70%)."""
    line = first_line(ask("完成进度已经100%的任务是哪个？"))
    assert "城区餐饮油烟监控联网" in line and "花炮" not in line and "萍水河" not in line


def test_an_end_left_out_of_a_range(ask):
    """完成进度 from 45% to 60%, 60% left out: 萍水河黑臭水体整治 (45%), 乡镇污水处理厂提标 (55%); not 畜禽粪污 (60%)."""
    line = first_line(ask("完成进度在45%到60%之间（不含60%）的任务有哪些？"))
    assert "萍水河" in line and "乡镇污水处理厂" in line and "畜禽粪污" not in line


# -- the whole assistant: what the text under a table or a notice states ----------------------------------------

NOTICE = """# 关于萍乡市2087年1-9月环境空气质量情况的通报

各县区人民政府：

一、总体情况

1-9月，全市PM2.5平均浓度为35微克/立方米，安源区、湘东区高于年度目标。

二、有关要求

（一）鉴于湘东区连续三个月排名末位，市生态环境局将约谈湘东区人民政府分管负责同志。

（二）各县区要于2087年10月25日前报送整改方案。

（三）全市要加快淘汰国四及以下柴油货车500辆，建成机动车尾气遥感监测点3个。
"""
NOISE_NOTED = NOISE + "\n说明：未办结投诉须在受理之日起60日内办结。\n"


@pytest.fixture(scope="module")
def assistant_here(tmp_path_factory):
    """The whole assistant over the noise register (with its 说明 line) and a notice."""
    folder = tmp_path_factory.mktemp("pingxiang-all")
    files = {"萍乡市2087年噪声投诉处理台账.md": NOISE_NOTED, "关于萍乡市2087年1-9月环境空气质量情况的通报.md": NOTICE}
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return assistant_over([folder / name for name in files], folder / "data")


def test_a_time_limit_is_the_texts(assistant_here):
    """「要在多少天内办结」 asks the rule the 说明 under the register states (60日), not the open complaints."""
    answer = assistant_here.ask("未办结的噪声投诉要在多少天内办结？")
    assert answer.route == "retrieval" and "60日" in answer.answer


def test_what_a_notice_does_to_a_place(assistant_here):
    """「约谈」 is a word of its own (not 要约 and 谈): the notice's 约谈湘东区 sentence answers."""
    answer = assistant_here.ask("这次空气质量通报要约谈哪个地方？")
    assert answer.route == "retrieval" and "约谈湘东区" in answer.answer


def test_a_statistic_no_sentence_states_is_refused(assistant_here):
    """「机动车保有量」: the notice speaks of 机动车 (遥感监测点) but states no 保有量 — refused, not a sentence on 机动车."""
    answer = assistant_here.ask("萍乡全市机动车保有量有多少？")
    assert answer.route == "refusal" and "未在已收录文件中找到" in answer.answer
