"""A prefecture's sheets whose figures, stages and units come the ways a bureau's own registers write them (楚雄州;
every task, project, outfall and figure made up here, and the expected answers read off the rows below):

- an .xlsx task sheet whose header is 年度目标·任务量 | 计量单位 | 1-9月进展·完成量 | 完成率 | 进度评价, the evaluation
  达序 / 基本达序 / 滞后 / 已完成, and one task's length in 米 where the others write 公里;
- an .xlsx project sheet with a 进展情况 column of sentences beside a 状态 column of stages (前期 / 在建 / 已建成);
- an .xlsx ledger of outfalls with 排查日期, 排污口类型, 日均排水量 and an 整治进展 of stages (已完成 / 整治中 / 未启动).
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.answers import answer_text, first_line
from tests.support.documents import workbook

TASKS = [
    ["楚雄州2062年生态环境保护重点任务推进情况表（1-9月）"],
    ["序号", "县市", "重点任务", "年度目标", None, "1-9月进展", None, "进度评价", "牵头单位"],
    [None, None, None, "任务量", "计量单位", "完成量", "完成率（%）", None, None],
    [1, "楚雄市", "老旧城区污水管网改造", 10.5, "公里", 8.2, 78.1, "达序", "楚雄市住房城乡建设局"],
    [2, "楚雄市", "餐饮油烟在线监控安装", 120, "家", 70, 58.3, "滞后", "楚雄市城市管理局"],
    [3, "双柏县", "老旧城区污水管网改造", 6200, "米", 4000, 64.5, "基本达序", "双柏县住房城乡建设局"],
    [4, "南华县", "老旧城区污水管网改造", 4.3, "公里", 4.3, 100, "已完成", "南华县住房城乡建设局"],
    [5, "元谋县", "农村黑臭水体治理", 12, "条", 9, 75, "达序", "元谋县农业农村局"],
]  # fmt: skip
TASKS_MERGED = ("A1:I1", "A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2", "H2:H3", "I2:I3")
PROJECTS = [
    ["楚雄州2062年城镇污水处理提质增效项目进展情况表"],
    ["序号", "项目名称", "所在县市", "设计规模（万吨/日）", "总投资（万元）", "截至9月底进展情况", "计划完工时间", "状态"],
    [1, "楚雄市东瓜污水处理厂扩建工程", "楚雄市", 4.0, 32000, "主体完工，设备安装中。", "2062年12月", "在建"],
    [2, "双柏县城污水处理厂提标改造", "双柏县", 1.0, 8600, "完成可研批复，施工招标中。", "2063年6月", "前期"],
    [3, "南华县城北污水处理厂新建工程", "南华县", 2.0, 20000, "已通水运行。", "2062年8月", "已建成"],
    [4, "元谋县工业园区污水处理厂", "元谋县", 1.5, 21500, "土建完成60%。", "2062年11月", "在建"],
]  # fmt: skip
OUTFALLS = [
    ["楚雄州2062年入河排污口排查整治台账"],
    ["序号", "排污口名称", "所在县市", "受纳水体", "排污口类型", "排查日期", "日均排水量（吨/日）", "整治进展"],
    [1, "楚雄市东瓜段工业排口", "楚雄市", "龙川江", "工业", "2062-03-10", 1500, "已完成"],
    [2, "楚雄市青龙河生活排口", "楚雄市", "青龙河", "生活污水", "2062-03-12", 300, "整治中"],
    [3, "双柏县城污水处理厂排口", "双柏县", "绿汁江", "城镇污水处理厂", "2062-04-02", 9000, "已完成"],
    [4, "南华县沙桥工业排口", "南华县", "龙川江", "工业", "2062-04-15", 820, "整治中"],
    [5, "元谋县工业园区排口", "元谋县", "龙川江", "工业", "2062-05-06", 2100, "未启动"],
]


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    folder = tmp_path_factory.mktemp("chuxiong")
    tasks = folder / "楚雄州2062年生态环境保护重点任务推进情况表（1-9月）.xlsx"
    workbook(tasks, {"1-9月": TASKS}, merged={"1-9月": TASKS_MERGED})
    projects = folder / "楚雄州2062年城镇污水处理提质增效项目进展情况表.xlsx"
    workbook(projects, {"项目": PROJECTS}, merged={"项目": ("A1:H1",)})
    outfalls = folder / "楚雄州2062年入河排污口排查整治台账.xlsx"
    workbook(outfalls, {"排污口": OUTFALLS}, merged={"排污口": ("A1:H1",)})
    return table_asker([load_document(p) for p in (tasks, projects, outfalls)])


def test_a_tasks_target_figure_is_no_name_and_lengths_in_metres_add_up_in_kilometres(ask):
    """「老旧城区污水管网改造全州一共多少公里」: 10.5 + 6.2 (6200米) + 4.3 = 21 公里; the task is named, not 「10.5」."""
    text = answer_text(ask("老旧城区污水管网改造，全州全年任务加起来一共多少公里？"))
    assert "21公里" in text.replace("21.0公里", "21公里") and "6200米" in text


def test_the_sheets_own_evaluation_words_and_a_rate_short_of_the_schedule(ask):
    """达序 is on schedule; 「完成率还没赶上75%」: 楚雄 油烟 58.3, 双柏 管网 64.5 — not 元谋 at 75."""
    text = answer_text(ask("完成率还没赶上75%的任务有哪些？"))
    assert "餐饮油烟在线监控安装" in text and "双柏" in text and "农村黑臭水体治理" not in text


def test_stages_beside_sentences_say_whether_a_project_is_done_or_begun(ask):
    """前期 is not begun (双柏); due this year and not built: 东瓜 (12月, 在建), 元谋 (11月, 在建) — not 城北 (已建成)."""
    assert "双柏县城污水处理厂提标改造" in answer_text(ask("哪些污水项目还停留在前期、没有开工？"))
    text = answer_text(ask("计划今年内完工的污水项目里，哪些现在还没建成？"))
    assert "东瓜污水处理厂扩建工程" in text and "元谋县工业园区污水处理厂" in text
    assert "城北污水处理厂新建工程" not in text and "提标改造" not in text


def test_amounts_said_the_way_people_say_them(ask):
    """「超过2个亿」: 东瓜 32000, 元谋 21500 万元 (城北's 20000 is no more); 「多少万吨每天」: 4 + 1 + 2 + 1.5 = 8.5."""
    text = answer_text(ask("污水项目里，总投资超过2个亿的有哪些？"))
    assert "东瓜" in text and "元谋" in text and "城北" not in text
    assert "8.5" in first_line(ask("这批污水项目的设计规模加起来是多少万吨每天？"))


def test_an_outfalls_date_by_its_verb_its_kind_added_up_and_the_ones_not_done(ask):
    """双柏's plant outfall was checked on 2062-04-02; 工业 outfalls discharge 1500 + 820 + 2100 = 4420 吨/日; of the
    three on 龙川江, 南华's (整治中) and 元谋's (未启动) are not done, 东瓜段's is."""
    assert "2062-04-02" in answer_text(ask("双柏县城污水处理厂那个排口是哪天排查的？"))
    assert "4420" in first_line(ask("工业类的排污口，日均排水量合起来有多少吨？"))
    history = [{"role": "user", "content": "排到龙川江的入河排污口有几个？"},
               {"role": "assistant", "content": "受纳水体为龙川江的排污口共3个：楚雄市东瓜段工业排口、南华县沙桥工业排口、"
                                                "元谋县工业园区排口。"}]  # fmt: skip
    text = answer_text(ask("这里面还没整治完的是哪几个？", history))
    assert "南华县沙桥工业排口" in text and "元谋县工业园区排口" in text and "东瓜段" not in text
