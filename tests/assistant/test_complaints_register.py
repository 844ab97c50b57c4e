"""A city's quarterly register of complaints beside its fund and task sheets (滁州市; every case, project and figure
made up here, and the expected answers read off the rows below):

- an .xlsx 信访投诉办理台账 whose rows are complaints: dates, a 投诉类型 of 大气 with kinds in brackets
  (大气（扬尘）, 大气（VOCs）) and 水 written alone, 办理用时（天）, 是否属实 (属实 / 部分属实 / 不属实 / 核查中),
  罚款金额（万元）, one case still open (「—」), and a 合计 row;
- an .xlsx fund sheet with fund levels and a 合计 row;
- an .xlsx task sheet, whose 季度 and status words a question about the register must not pull it to.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

COMPLAINTS = [
    ["滁州市2058年第二季度生态环境信访投诉办理台账"],
    ["受理编号", "受理日期", "来源渠道", "县（市、区）", "投诉对象", "投诉类型", "办结日期", "办理用时（天）",
     "是否属实", "罚款金额（万元）", "办理结果"],
    ["CZ-0401", "2058-04-02", "12345热线", "琅琊区", "滁州市恒远建材有限公司", "大气（扬尘）", "2058-04-12", 10,
     "属实", 2.00, "责令整改并处罚"],
    ["CZ-0402", "2058-04-09", "来信", "南谯区", "南谯区清流养殖场", "水", "2058-04-30", 21, "属实", 5.50, "立案处罚"],
    ["CZ-0403", "2058-04-20", "网络留言", "来安县", "来安县顺和化工有限公司", "大气（异味）", "2058-05-10", 20,
     "部分属实", 0, "责令整改"],
    ["CZ-0501", "2058-05-06", "12345热线", "全椒县", "全椒县金桥铸造厂", "固废", "2058-05-13", 7, "不属实", 0,
     "已反馈投诉人"],
    ["CZ-0502", "2058-05-15", "来访", "定远县", "定远县盐化工业园污水处理厂", "水", "2058-06-10", 26, "属实", 12.00,
     "立案处罚"],
    ["CZ-0503", "2058-05-28", "12345热线", "凤阳县", "凤阳县石英砂加工点", "大气", "2058-06-04", 7, "属实", 1.50,
     "责令整改"],
    ["CZ-0601", "2058-06-11", "网络留言", "天长市", "天长市鑫达电镀有限公司", "水", "—", "—", "核查中", "—",
     "正在核查"],
    ["CZ-0602", "2058-06-18", "来信", "明光市", "明光市绿源饲料厂", "大气（VOCs）", "2058-06-25", 7, "属实", 3.00,
     "责令整改"],
    ["合计", None, None, None, None, None, None, None, None, 24.00, None],
]  # fmt: skip
FUNDS = [
    ["滁州市2058年生态环境专项资金执行情况表（单位：万元）"],
    ["序号", "县（市、区）", "项目名称", "资金级别", "下达资金", "已支出", "执行率"],
    [1, "琅琊区", "城西河道清淤", "中央", 500, 300, "60.00%"],
    [2, "凤阳县", "花园湖生态修复", "中央", 800, 600, "75.00%"],
    [3, "凤阳县", "凤阳县乡镇污水管网", "省级", 200, 100, "50.00%"],
    [4, "定远县", "池河水质自动监测站", "省级", 300, 270, "90.00%"],
    [5, "天长市", "高邮湖退圩还湖", "市级", 200, 40, "20.00%"],
    ["合计", None, None, None, 2000, 1310, "65.50%"],
]  # fmt: skip
TASKS = [
    ["滁州市2058年生态环境保护重点任务推进情况表"],
    ["序号", "区域", "重点任务", "完成时限", "牵头单位", "进展情况", "状态"],
    [1, "琅琊区", "城东污水管网改造", "2058年10月底前", "滁州市住房城乡建设局", "已完成管网铺设6公里", "按进度推进"],
    [2, "定远县", "盐化园区VOCs深度治理", "2058年12月底前", "定远县生态环境分局", "完成3家企业治理", "滞后"],
    [3, "明光市", "女山湖入河排污口整治", "2058年6月底前", "明光市水利局", "全部完成", "已完成"],
]  # fmt: skip


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("chuzhou")
    complaints = folder / "滁州市2058年第二季度生态环境信访投诉办理台账.xlsx"
    workbook(complaints, {"二季度台账": COMPLAINTS}, merged={"二季度台账": ("A1:K1",)})
    funds = folder / "滁州市2058年生态环境专项资金执行情况表.xlsx"
    workbook(funds, {"执行情况": FUNDS}, merged={"执行情况": ("A1:G1",)})
    tasks = folder / "滁州市2058年生态环境保护重点任务推进情况表.xlsx"
    workbook(tasks, {"任务": TASKS}, merged={"任务": ("A1:G1",)})
    return table_asker([load_document(p) for p in (complaints, funds, tasks)])


def test_a_word_only_the_registers_title_says_names_it(ask):
    """「二季度的信访件」 names the 信访投诉办理台账 (not the tasks a quarter points at): more than 20 days is 21 and 26,
    not 来安's 20."""
    text = answer_text(ask("二季度的信访件里，处理超过20天才办结的是哪些？"))
    assert "南谯区清流养殖场" in text and "定远县盐化工业园污水处理厂" in text
    assert "来安县顺和化工有限公司" not in text and "城东污水管网改造" not in text


def test_cases_are_counted_by_jian(ask):
    """「属实的有几件」: 5 (not 来安's 部分属实); 「5月受理的信访件有多少」: 全椒, 定远, 凤阳 = 3."""
    assert "5" in first_line(ask("信访投诉核实下来属实的一共几件？"))
    assert "部分属实" not in first_line(ask("信访投诉核实下来属实的一共几件？"))
    assert "3" in first_line(ask("5月份受理的信访件有多少？"))


def test_a_case_not_closed_has_no_closing_date(ask):
    """「还没办完」 of a register with no status column: the row whose 办结日期 is 「—」 (天长)."""
    text = answer_text(ask("台账里哪起投诉还没办完？"))
    assert "天长市鑫达电镀有限公司" in text and "明光市绿源饲料厂" not in text


def test_a_medium_written_alone_and_its_kinds_in_brackets(ask):
    """「水污染方面」 is the cells 「水」 (南谯, 定远, 天长 = 3); 「大气方面的呢」 counts 大气 with its kinds in brackets:
    恒远 (扬尘), 顺和 (异味), 石英砂 (大气), 绿源 (VOCs) = 4."""
    water = "二季度水污染方面的信访投诉有几件？"
    assert "3" in first_line(ask(water))
    history = [{"role": "user", "content": water}, {"role": "assistant", "content": "水污染类投诉共3件。"}]
    air = ask("大气方面的呢？", history)
    assert "4" in first_line(air)
    assert all(name in answer_text(air) for name in ("恒远建材", "顺和化工", "石英砂加工点", "绿源饲料厂"))


def test_a_share_of_the_whole_said_with_quanbu(ask):
    """「省级资金在全部下达资金中占多大比例」: (200 + 300) / 2000 = 25%, said of the 省级 rows, not row by row."""
    line = first_line(ask("省级资金在全部下达资金中占多大比例？"))
    assert "25%" in line.replace("25.00%", "25%").replace("25.0%", "25%") and "500" in line


def test_reached_a_rate_asked_with_dao(ask):
    """「执行率到70%了没有」 of 花园湖生态修复 (75%): it has; of 凤阳县乡镇污水管网 (50%): it has not."""
    answer = ask("花园湖生态修复项目执行率到70%了没有？")
    assert first_line(answer).startswith("有") and "75.00%" in answer_text(answer)
    assert first_line(ask("凤阳县乡镇污水管网项目执行率到70%了没有？")).startswith("否")  # (50%)


def test_when_a_task_is_done_asks_its_deadline_not_the_tasks_done(ask):
    """「什么时候搞完」 of a task not yet done (城东, 按进度推进) gives its deadline."""
    assert "2058年10月底" in answer_text(ask("城东污水管网改造什么时候能搞完？"))


def test_a_river_named_by_no_row_leaves_the_row_unsure(ask):
    """「长江和支流的入河排污口整治」: the row on 女山湖's outfalls shares the rest of the words, not the river; text that names
    长江 may answer better (the row's confidence stays below what a sure row has)."""
    from assistant.table_answers import ROW_CONFIDENT

    answer = ask("长江和支流的入河排污口整治什么时候完成？")
    assert answer is None or answer.confidence < ROW_CONFIDENT
    assert ask("女山湖入河排污口整治什么时候完成？").confidence >= ROW_CONFIDENT


HAZARDOUS = [
    ["滁州市2058年危险废物产生单位检查台账"],
    ["序号", "单位名称", "县（市、区）", "是否签订处置合同", "是否安装视频监控", "现场检查日期"],
    [1, "滁州市华源电镀有限公司", "琅琊区", "是", "是", "2058-03-14"],
    [2, "来安县顺丰汽修厂", "来安县", "否", "否", "2058-04-19"],
    [3, "定远县盐化新材料有限公司", "定远县", "是", "否", "2058-05-17"],
    [4, "天长市人民医院", "天长市", "是", "是", "2058-06-25"],
]  # fmt: skip


def test_a_yes_no_column_said_with_a_shorter_verb(table_asker, tmp_path):
    """「没签处置合同」 of 「是否签订处置合同」: 顺丰 alone; 「签了…但没装视频监控」: 盐化 alone (not 顺丰, who signed none)."""
    path = tmp_path / "滁州市2058年危险废物产生单位检查台账.xlsx"
    workbook(path, {"台账": HAZARDOUS}, merged={"台账": ("A1:F1",)})
    ask = table_asker([load_document(path)])
    text = answer_text(ask("危废单位里没签处置合同的有几家？"))
    assert "来安县顺丰汽修厂" in text and "华源电镀" not in text and "盐化" not in text
    text = answer_text(ask("签了处置合同但没装视频监控的有哪些？"))
    assert "定远县盐化新材料有限公司" in text and "顺丰" not in text and "天长" not in text
