"""A city's fund sheet, water report, inspection ledger, approvals register and task table, asked the way staff
speak rather than in the headers' words (鄂州市; every project, section, company and figure made up here, and the
expected answers read off the rows below):

- 「钱花掉九成以上」 bounds the sheet's one rate (执行率), 「一分钱还没花」 is 已支出 0, a place's rate is its
  projects' Σ已支出 ÷ Σ下达;
- 「总磷（0.30）」 written inside a text cell is the figure 「超标超过0.2倍」 and 「超标最厉害」 ask of;
- 「按二类水考核」 is the 水质目标 column's Ⅱ; 「立了案」「整改完」「碰到了生态保护红线」 say 是否 columns in other words;
  「被否掉的」 is the 「不予批复」 row; a company is named without the province it opens with;
- a task table's 「（1—9月）」 is the 1-9月 questions ask of; 「…这件事归哪个单位管」 is the task's, not a sheet whose
  cell 红莲湖 is inside its name; when an act no row writes (发督办函) is done is not the rows' deadlines.
"""

from __future__ import annotations

import pytest

from assistant.planner import Missing
from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import markdown_documents

FUNDS = """# 鄂州市2079年生态环境专项资金执行情况表（单位：万元）

| 序号 | 区县 | 项目名称 | 资金渠道 | 下达资金 | 已支出 | 执行率 |
|---|---|---|---|---|---|---|
| 1 | 鄂城区 | 洋澜湖水质提升 | 中央 | 800 | 720 | 90.00% |
| 2 | 鄂城区 | 城区扬尘监测 | 省级 | 200 | 0 | 0.00% |
| 3 | 华容区 | 红莲湖生态修复 | 中央 | 1000 | 895 | 89.50% |
| 4 | 华容区 | 农村污水治理 | 省级 | 400 | 380 | 95.00% |
| 5 | 梁子湖区 | 梁子湖保护 | 中央 | 600 | 150 | 25.00% |
| 6 | 梁子湖区 | 入湖排污口整治 | 市级 | 300 | 0 | 0.00% |
| 7 | 华容区 | 红莲湖退渔还湖生态补偿 | 中央 | 500 | 300 | 60.00% |
| 合计 | — | — | — | 3800 | 2445 | 64.34% |
"""
WATER = """# 鄂州市2079年9月地表水环境质量月报

| 序号 | 所在区县 | 河流（湖库） | 断面名称 | 水质目标 | 本月水质类别 | 主要污染物及超标倍数 | 是否达标 |
|---|---|---|---|---|---|---|---|
| 1 | 鄂城区 | 洋澜湖 | 湖心 | Ⅲ | Ⅳ | 总磷（0.30） | 否 |
| 2 | 鄂城区 | 长江 | 杨叶 | Ⅱ | Ⅱ | — | 是 |
| 3 | 华容区 | 红莲湖 | 湖中 | Ⅲ | Ⅲ | — | 是 |
| 4 | 梁子湖区 | 梁子湖 | 梁子岛 | Ⅱ | Ⅲ | 总磷（0.10）、高锰酸盐指数（0.05） | 否 |
| 5 | 梁子湖区 | 高桥河 | 高桥 | Ⅲ | Ⅴ | 氨氮（0.85）、总磷（0.20） | 否 |
| 6 | 华容区 | 长港 | 长港闸 | Ⅱ | Ⅲ | 化学需氧量（0.20） | 否 |
"""
LEDGER = """# 鄂州市2079年第三季度“双随机”执法检查台账

| 序号 | 区县 | 被检查单位 | 行业类别 | 是否立案 | 罚款金额（万元） | 是否整改到位 |
|---|---|---|---|---|---|---|
| 1 | 鄂城区 | 鄂州市江南铸造有限公司 | 铸造 | 是 | 12.5 | 否 |
| 2 | 鄂城区 | 湖北楚丰食品有限公司 | 食品加工 | 否 | — | 是 |
| 3 | 华容区 | 华容区恒泰化工有限公司 | 化工 | 是 | 30 | 是 |
| 4 | 梁子湖区 | 湖北湖光水产有限公司 | 水产养殖 | 是 | 5 | 否 |
| 5 | 华容区 | 鄂州市新港建材有限公司 | 建材 | 否 | — | 否 |
| 合计 | — | 共5家 | — | — | 47.5 | — |
"""
APPROVALS = """# 鄂州市2079年第三季度建设项目环评审批登记表

| 序号 | 项目名称 | 建设单位 | 总投资（万元） | 批复日期 | 是否涉及生态保护红线 | 审批意见 |
|---|---|---|---|---|---|---|
| 1 | 梁子湖旅游码头项目 | 鄂州梁湖文旅有限公司 | 6000 | 2079-08-03 | 是 | 不予批复 |
| 2 | 葛店光电产业园项目 | 鄂州葛光科技有限公司 | 80000 | 2079-07-15 | 否 | 准予批复 |
| 3 | 长港航道整治工程 | 鄂州市港航事务中心 | 15000 | 2079-09-10 | 是 | 准予批复 |
| 4 | 医疗废物处置中心扩建项目 | 鄂州洁安环保有限公司 | 9000 | 2079-09-22 | 否 | 准予批复 |
"""
TASKS = """# 鄂州市2079年重点任务推进情况表（1—9月）

| 序号 | 区县 | 任务名称 | 牵头单位 | 完成时限 | 进展情况 | 进度评价 |
|---|---|---|---|---|---|---|
| 1 | 鄂城区 | 洋澜湖截污纳管 | 鄂城区住房和城乡建设局 | 2079年10月底 | 已完成管网8公里 | 按进度推进 |
| 2 | 梁子湖区 | 梁子湖退垸还湖 | 梁子湖区自然资源和规划局 | 2079年12月底 | 完成退垸1200亩 | 进度滞后 |
| 3 | 华容区 | 红莲湖岸线整治 | 华容区水利和湖泊局 | 2079年9月底 | 已全部完成 | 已完成 |
| 4 | 华容区 | 红莲湖退渔还湖 | 华容区农业农村局 | 2079年11月底 | 已退渔800亩 | 按进度推进 |

对进度滞后的任务，市攻坚办将于10月15日前向相关区政府发出督办函。
"""
PENALTIES = """# 鄂州市生态环境局2079年行政处罚案件台账

| 序号 | 案件编号 | 当事人 | 所在区县 | 罚款金额（万元） | 处罚决定日期 | 是否已缴纳 |
|---|---|---|---|---|---|---|
| 1 | 鄂环罚〔2079〕1号 | 鄂州市华峰印染有限公司 | 鄂城区 | 25 | 2079-02-10 | 是 |
| 2 | 鄂环罚〔2079〕2号 | 湖北蓝海纸业有限公司 | 鄂城区 | 8.5 | 2079-03-15 | 否 |
| 3 | 鄂环罚〔2079〕3号 | 华容区金石建材厂 | 华容区 | 32 | 2079-05-20 | 是 |
| 4 | 鄂环罚〔2079〕4号 | 鄂州市顺达物流有限公司 | 华容区 | 12 | 2079-07-01 | 否 |
| 5 | 鄂环罚〔2079〕5号 | 湖北绿源化工有限公司 | 梁子湖区 | 20 | 2079-08-08 | 是 |
| 合计 | — | — | — | 97.5 | — | — |
"""
STATIONS = """# 鄂州市2079年1-9月空气质量站点统计

| 序号 | 区县 | 站点名称 | NO2浓度（微克/立方米） | NO2目标（微克/立方米） |
|---|---|---|---|---|
| 1 | 鄂城区 | 雷山站 | 29 | 28 |
| 2 | 华容区 | 华容站 | 24 | 26 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    texts = {
        "鄂州市2079年生态环境专项资金执行情况表": FUNDS,
        "鄂州市2079年9月地表水环境质量月报": WATER,
        "鄂州市2079年第三季度双随机执法检查台账": LEDGER,
        "鄂州市2079年第三季度建设项目环评审批登记表": APPROVALS,
        "鄂州市2079年重点任务推进情况表（1—9月）": TASKS,
        "鄂州市生态环境局2079年行政处罚案件台账": PENALTIES,
        "鄂州市2079年1-9月空气质量站点统计": STATIONS,
    }
    return table_asker(markdown_documents(tmp_path_factory.mktemp("ezhou"), texts))


def test_a_share_in_tenths_bounds_the_sheets_one_rate(ask):
    """九成以上: 洋澜湖 at exactly 90.00% and 农村污水 95%; not 红莲湖 at 89.50%."""
    text = first_line(ask("钱已经花掉九成以上的项目有哪些？"))
    assert "洋澜湖水质提升" in text and "农村污水治理" in text and "红莲湖" not in text


def test_not_a_penny_spent_is_what_was_spent_being_nothing(ask):
    """已支出 0: 城区扬尘监测 and 入湖排污口整治 (not every project with something left to spend)."""
    text = first_line(ask("哪些项目到现在一分钱还没花？"))
    assert "城区扬尘监测" in text and "入湖排污口整治" in text and "梁子湖保护" not in text


def test_a_places_rate_is_of_its_projects_together(ask):
    """鄂城区: (720 + 0) ÷ (800 + 200) = 72%; the slowest place is 梁子湖区, (150 + 0) ÷ (600 + 300) = 16.67%
    (华容区 (895 + 380 + 300) ÷ (1000 + 400 + 500) = 82.89%)."""
    assert "72%" in first_line(ask("鄂城区的专项资金执行率是多少？")).replace("72.00%", "72%")
    line = first_line(ask("哪个区的专项资金花得最慢？"))
    assert "梁子湖区" in line and "16.67%" in line


def test_a_figure_written_in_brackets_inside_a_cell(ask):
    """超标倍数 above 0.2: 湖心 0.30 and 高桥 0.85 (not 长港闸 at exactly 0.20, nor 梁子岛 0.10); the worst is 高桥,
    its 氨氮 0.85."""
    text = first_line(ask("超标超过0.2倍的断面是哪几个？"))
    assert "湖心" in text and "高桥" in text and "长港闸" not in text and "梁子岛" not in text
    text = answer_text(ask("哪个断面超标最厉害？超了多少倍？"))
    assert "高桥" in first_line(ask("哪个断面超标最厉害？超了多少倍？")) and "0.85" in text and "氨氮" in text


def test_a_water_class_in_chinese_numerals_judged_by(ask):
    """水质目标 Ⅱ and not met: 梁子岛, 长港闸 (not 杨叶, met; not 湖心, whose target is Ⅲ)."""
    text = first_line(ask("按二类水考核的断面里，这个月哪些没达到？"))
    assert "梁子岛" in text and "长港闸" in text and "杨叶" not in text and "湖心" not in text


def test_whether_columns_said_in_other_words(ask):
    """立案 and not 整改到位: 江南铸造, 湖光水产 (not 恒泰, rectified; not 新港, no case); 楚丰 had no case; 生态保护红线:
    梁子湖旅游码头, 长港航道 (not 葛店)."""
    text = first_line(ask("立了案但还没整改完的企业有哪些？"))
    assert "江南铸造" in text and "湖光水产" in text and "恒泰" not in text and "新港" not in text
    assert "未立案" in first_line(ask("楚丰食品立案了没有？"))
    text = first_line(ask("哪些项目碰到了生态保护红线？"))
    assert "梁子湖旅游码头" in text and "长港航道" in text and "葛店" not in text


def test_a_refusal_of_approval_said_plainly(ask):
    """「被否掉的」: the one 不予批复 row, 梁子湖旅游码头项目; 「批下来」 is its 批复日期."""
    line = first_line(ask("三季度有没有被否掉的环评项目？"))
    assert line.startswith("有") and "梁子湖旅游码头项目" in line and "葛店" not in line
    assert "2079-09-22" in answer_text(ask("医疗废物处置中心扩建项目是哪天批下来的？"))


def test_who_fined_most_said_with_a_verb(ask):
    """罚得最多: 恒泰化工, 30万元 (not the 合计's 47.5)."""
    line = first_line(ask("三季度双随机罚得最多的是哪家企业？"))
    assert "恒泰化工" in line and "30" in line and "47.5" not in line


def test_a_tables_dashed_months_are_the_months_asked(ask):
    """「1到9月」 of a table titled 「（1—9月）」: 梁子湖退垸还湖 lags."""
    answer = ask("1到9月重点任务里哪些进度滞后了？")
    assert not isinstance(answer, Missing) and "梁子湖退垸还湖" in answer_text(answer)
    assert "红莲湖岸线" not in answer_text(answer)


def test_a_task_named_before_this_matter_is_the_tasks(ask):
    """「红莲湖退渔还湖这件事归哪个单位管」: the task's 牵头单位 — not the fund sheet's 「红莲湖退渔还湖生态补偿」, which
    has no 牵头单位, nor the water sheet's 红莲湖."""
    assert "华容区农业农村局" in answer_text(ask("红莲湖退渔还湖这件事归哪个单位管？"))


def test_when_an_act_no_row_writes_is_done_is_not_the_rows_deadlines(ask):
    """「…什么时候发督办函」: the text's 10月15日, which no row states — not the lagging tasks' 完成时限."""
    answer = ask("进度滞后的那几项任务，市里什么时候发督办函？")
    assert isinstance(answer, Missing) and "督办函" in answer.what


def test_a_follow_up_keeps_to_the_row_of_both_cells_said_before(ask):
    """「是哪些指标超了」 after 「洋澜湖湖心断面…」: the section 湖心 (总磷 0.30), not the fund project 洋澜湖水质提升,
    which holds one of the two cells only."""
    history = [{"role": "user", "content": "洋澜湖湖心断面这个月是几类水？"},
               {"role": "assistant", "content": "湖心断面本月为Ⅳ类，水质目标为Ⅲ类，未达标。"}]  # fmt: skip
    text = answer_text(ask("是哪些指标超了？", history))
    assert "总磷" in text and "洋澜湖水质提升" not in text


def test_a_rule_of_deductions_is_no_score_a_row_got(ask):
    """「…要扣多少考核分」 asks what the text rules, not a score the tables would have to state."""
    assert isinstance(ask("各区考核得分是多少？"), Missing) and ask("各区考核得分是多少？").final  # no score stated
    answer = ask("卫星发现一个秸秆焚烧火点，要扣多少考核分？")
    assert not (isinstance(answer, Missing) and answer.final)  # (the text may say the rule)


def test_a_share_of_several_rows_says_it_added_them(ask):
    """鄂城区's two projects: 800 + 200 = 1000 of the 合计 3800, 26.32%, said as a sum of 2."""
    line = first_line(ask("鄂城区的项目下达资金在全部里占多大比例？"))
    assert "1000万元（2项相加）" in line and "3800" in line and "26.32%" in line


def test_is_there_one_not_met_negates_the_second_mei(ask):
    """「有没有没达标的」: 有没有 asks, the 没 after it negates — 梁子岛, 长港闸 among the Ⅱ-class sections (not 杨叶)."""
    line = first_line(ask("按二类水考核的断面里有没有没达标的？"))
    assert line.startswith("有") and "梁子岛" in line and "长港闸" in line and "杨叶" not in line


def test_both_levels_short_of_a_bound_said_with_dou_mei(ask):
    """「中央和市级资金执行率都没到60%」: 梁子湖区 (中央 25%, 市级 0%); 鄂城区 and 华容区 have no 市级 project."""
    line = first_line(ask("中央和市级资金执行率都没到60%的区是哪个？"))
    assert "梁子湖区" in line and "鄂城区" not in line and "华容区" not in line


def test_a_penalty_ledger_asked_in_plain_words(ask):
    """蓝海纸业 has not paid (是否已缴纳 否); unpaid: 8.5 + 12 = 20.5万元; 20万 or more and paid: 华峰 25, 金石 32,
    绿源 20 — 3; 鄂城区: 2 companies; 华容区: 2 cases, 32 + 12 = 44万元."""
    line = first_line(ask("蓝海纸业的行政处罚罚款交了没有？"))
    assert line.startswith("否") and "未缴纳" in line
    line = first_line(ask("行政处罚里没缴纳的罚款一共多少？"))
    assert "20.5万元" in line and "97.5" not in line
    line = first_line(ask("行政处罚罚款20万以上而且已经缴纳的有几件？"))
    assert "共3个" in line and "绿源" in line and "蓝海" not in line and "顺达" not in line
    assert "共2家" in first_line(ask("鄂城区被行政处罚了几家企业？"))  # (counted in 家, as asked)
    line = first_line(ask("华容区有几起行政处罚案件，罚款多少？"))
    assert "共2个" in line and "44万元" in line


def test_a_kinds_amount_and_the_citys_whole(ask):
    """省级 projects spent 0 + 380 = 380万元; 鄂州 as a whole has 3800 − 2445 = 1355万元 left (its 合计 row)."""
    assert "380万元" in first_line(ask("鄂州省级资金支出了多少？"))
    assert "1355" in answer_text(ask("鄂州专项资金还有多少没支出？"))


def test_a_tasks_progress_text_opening_with_wancheng_is_no_verdict(ask):
    """梁子湖退垸还湖 lags (进度滞后), though its progress reads 「完成退垸1200亩」."""
    assert first_line(ask("梁子湖退垸还湖完成了吗？")).startswith("否")


def test_a_question_asked_either_way_is_no_negation(ask):
    """「交没交」 asks, it does not say 没交: 蓝海纸业 has not paid, 华峰印染 has."""
    assert first_line(ask("蓝海纸业的行政处罚罚款交没交？")).startswith("否")
    assert first_line(ask("华峰印染的行政处罚罚款交没交？")).startswith("是")


def test_you_mei_asks_unless_rows_follow(ask):
    """「杨叶断面这个月有没达标」 asks (it met: Ⅱ against Ⅱ); 「有没没达标的」 would negate — see above."""
    text = answer_text(ask("杨叶断面这个月有没达标？"))
    assert "杨叶" in text and "所查范围内没有" not in text


def test_a_verb_inside_another_word_is_no_whether(ask):
    """「提交了整改报告」 is no 「交了」 of 是否已缴纳: nothing is filtered as paid."""
    answer = ask("行政处罚里哪些企业提交了整改报告？")
    filters = answer.result.plan.filters if not isinstance(answer, Missing) else ()
    assert not any(f.value == ("是",) for f in filters)


def test_a_class_said_after_the_target_in_chinese_numerals(ask):
    """水质目标为二类: 杨叶, 梁子岛, 长港闸 (not 湖心, 湖中, 高桥 of Ⅲ)."""
    line = first_line(ask("水质目标为二类的断面有哪些？"))
    assert "杨叶" in line and "梁子岛" in line and "长港闸" in line and "湖心" not in line and "高桥" not in line
    assert "共2个" in first_line(ask("哪些项目一分钱没动？"))


def test_a_mean_of_a_penalty_said_with_its_verb(ask):
    """「平均每件罚多少钱」: (25 + 8.5 + 32 + 12 + 20) ÷ 5 = 19.5万元 (the 合计 row is no case)."""
    assert "19.5万元" in first_line(ask("行政处罚案件平均每件罚多少钱？"))


def test_a_share_of_rows_counts_them_against_all_the_rows(ask):
    """进度滞后 1 of the 4 tasks: 25%; unpaid penalties 2 of 5 cases: 40%; 「总共几项，已完成几项」: 1 of 4."""
    line = first_line(ask("重点任务里进度滞后的占全部任务的几成？"))
    assert "共1项" in line and "全部共4项" in line and "25%" in line
    line = first_line(ask("行政处罚里未缴纳罚款的案件占几成？"))
    assert "共2个" in line and "全部共5个" in line and "40%" in line
    line = first_line(ask("鄂州重点任务总共多少项，已完成几项？"))
    assert "共1项" in line and "全部共4项" in line


def test_which_fund_project_is_a_project_not_a_fund_level(ask):
    """「哪个资金项目执行率最高」: 农村污水治理 (95%), a project — not the 资金渠道 level with the highest rate."""
    line = first_line(ask("哪个资金项目执行率最高？"))
    assert "农村污水治理" in line and "95" in line
    assert "农村污水治理" in first_line(ask("哪个专项资金项目执行率最高？"))  # (a qualifier before the nouns)


def test_it_and_they_are_the_rows_the_answer_before_named(ask):
    """「它是几类水」 after an answer naming 高桥 (Ⅴ类); 「它们一共下达了多少」 after two projects: 800 + 1000 = 1800万元."""
    history = [{"role": "user", "content": "哪个断面超标最厉害？"},
               {"role": "assistant", "content": "高桥断面，氨氮超标0.85倍。"}]  # fmt: skip
    assert "Ⅴ" in answer_text(ask("它本月是几类水？", history))
    history = [{"role": "user", "content": "执行率在九成上下的项目有哪些？"},
               {"role": "assistant", "content": "洋澜湖水质提升90.00%，红莲湖生态修复89.50%。"}]  # fmt: skip
    line = first_line(ask("它们一共下达了多少？", history))
    assert "1800万元" in line and "3800" not in line


def test_over_the_target_by_how_much(ask):
    """「雷山站NO2超了目标多少」: 29 against 28, 1微克/立方米 over."""
    text = first_line(ask("雷山站NO2超了目标多少？"))
    assert "29" in text and "28" in text and "超出1微克" in text


def test_is_there_one_not_done_with_you_mei_before_the_rows(ask):
    """「…里面有没没达标的吗」「有没达标的吗」: rows not met asked of — 湖心, 梁子岛, 高桥, 长港闸 (not 杨叶, 湖中)."""
    line = first_line(ask("这个月的断面里面有没达标的吗？"))
    assert line.startswith("有") and "高桥" in line and "杨叶" not in line and "湖中" not in line


def test_a_date_columns_verb_names_it_and_its_other_words_name_no_rows(tmp_path):
    """「计划完工时间」: 「完工」 still names that column; 「处罚决定日期」: 「处罚」 names no rows to list."""
    from tests.conftest import table_path

    path = tmp_path / "示例市项目与处罚.md"
    path.write_text(
        "# 示例市2079年项目进展表\n\n| 序号 | 项目名称 | 总投资（万元） | 计划完工时间 |\n|---|---|---|---|\n"
        "| 1 | 甲工程 | 800 | 2079年10月 |\n| 2 | 乙工程 | 900 | 2079年12月 |\n\n# 示例市2079年处罚台账\n\n| 序号 | 当事人 | 处罚决定日期 | 罚款金额（万元） |\n|---|---|---|---|\n"
        "| 1 | 甲公司 | 2079-03-01 | 5 |\n| 2 | 乙公司 | 2079-04-01 | 8 |\n",
        encoding="utf-8",
    )
    _, answerer = table_path([load_document(path)])
    nouns = {word for schema in answerer.planner.schemas.values() if schema.generic for word in schema.nouns}
    assert "完工" in nouns or "计划完工" in nouns
    assert "处罚" not in nouns
