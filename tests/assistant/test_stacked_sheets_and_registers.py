"""Layouts a bureau receives that earlier rules read as separate or blind tables (吕梁市, 2089; every place's figure,
river, person and company made up here, the expected answers read off the rows below):

- a workbook with a sheet a quarter, each titled 「吕梁市2089年第X季度…」: one table with a 季度 column, so 「二季度孝义市」
  reads the second sheet's row, 「文水县一季度和三季度」 two sheets', and each row cites its own sheet;
- a Word report with a table under each 断面's numbered heading (「（二）文峪河北峪口断面（文水县，省控）」): one table
  with a 断面 column, each 断面 asked by its short name (「北峪口断面」); a limit's own sign (「≥5」 of 溶解氧 beside 「≤1.0」
  of 氨氮) says which way its row is judged;
- a river-patrol register: two 是否 columns at once (「发现了问题但还没整改」), a month of its own date (「5月份…几次」),
  a sum in the unit asked (「累计巡了多少公里」), a bound in hours (「超过3个小时」), 「距离最长」 of 巡河长度, a deadline
  asked of a row (「要求什么时候前整改好」: no 已整改 filter);
- a penalty register whose 是/否 columns are headed 「移送公安机关（是/否）」「罚款已缴纳（是/否）」;
- a task sheet whose progress says 「完成56%」「占计划的60%」 (the task's rate) and 「完成时限卡在8月份」.
"""

from __future__ import annotations

import pytest

from tests.support.answers import answer_text, first_line
from tests.support.documents import add_docx_table, markdown_documents, workbook

QUARTERS = {  # sheet → rows: 县市区, PM2.5浓度, PM2.5年度目标, 优良天数比例
    "第一季度": [["离石区", "48", "40", "75.0"], ["文水县", "44", "42", "78.2"], ["交城县", "39", "41", "81.5"],
             ["孝义市", "51", "45", "70.3"], ["汾阳市", "42", "43", "80.0"]],
    "第二季度": [["离石区", "35", "40", "88.0"], ["文水县", "43", "42", "85.6"], ["交城县", "30", "41", "92.3"],
             ["孝义市", "47", "45", "83.1"], ["汾阳市", "33", "43", "90.1"]],
    "第三季度": [["离石区", "28", "40", "95.6"], ["文水县", "31", "42", "94.0"], ["交城县", "25", "41", "100"],
             ["孝义市", "46", "45", "89.0"], ["汾阳市", "27", "43", "100"]],
}  # fmt: skip
QUARTER_HEADER = ["县市区", "PM2.5浓度（微克/立方米）", "PM2.5年度目标（微克/立方米）", "优良天数比例（%）"]
SECTIONS = {  # heading → rows: 监测项目, 上半年均值, 目标限值, 单项类别
    "（一）汾河南庄断面（交城县，国控）": [["溶解氧", "7.8", "≥5", "I类"], ["氨氮", "0.42", "≤1.0", "II类"],
                              ["总磷", "0.08", "≤0.2", "II类"]],
    "（二）文峪河北峪口断面（文水县，省控）": [["溶解氧", "6.9", "≥5", "II类"], ["氨氮", "1.35", "≤1.0", "IV类"],
                                ["总磷", "0.21", "≤0.2", "IV类"]],
    "（三）三川河寨东断面（离石区，省控）": [["溶解氧", "8.1", "≥5", "I类"], ["氨氮", "0.30", "≤1.0", "II类"],
                               ["总磷", "0.05", "≤0.2", "II类"]],
}  # fmt: skip
SECTION_HEADER = ["监测项目", "上半年均值（mg/L）", "目标类别标准限值", "单项水质类别"]
PATROLS = """# 吕梁市2089年第二季度河湖长巡河记录台账

| 序号 | 巡河日期 | 区县 | 河湖名称 | 河湖长姓名 | 巡河长度（公里） | 巡河时长（小时） | 是否发现问题 | 是否已整改 | 整改时限 |
|---|---|---|---|---|---|---|---|---|---|
| 1 | 2089-04-06 | 离石区 | 东川河 | 王景川 | 6.5 | 2.0 | 是 | 是 | 2089-04-15 |
| 2 | 2089-04-18 | 交城县 | 磁窑河 | 李慕白 | 9.0 | 3.5 | 是 | 否 | 2089-05-31 |
| 3 | 2089-05-03 | 文水县 | 文峪河 | 赵青禾 | 12.5 | 4.0 | 否 | — | — |
| 4 | 2089-05-16 | 离石区 | 北川河 | 王景川 | 8.0 | 2.5 | 是 | 否 | 2089-06-30 |
| 5 | 2089-05-27 | 孝义市 | 孝河 | 孙若水 | 5.5 | 1.5 | 否 | — | — |
| 6 | 2089-06-09 | 汾阳市 | 汾河 | 周明远 | 10.0 | 3.0 | 是 | 是 | 2089-06-20 |
"""
PENALTIES = """# 吕梁市2089年环境行政处罚案件台账

| 序号 | 当事人 | 所在县市区 | 罚款金额（万元） | 移送公安机关（是/否） | 罚款已缴纳（是/否） |
|---|---|---|---|---|---|
| 1 | 吕梁鑫源焦化有限公司 | 孝义市 | 45.0 | 是 | 否 |
| 2 | 交城永泰化工厂 | 交城县 | 12.0 | 否 | 是 |
| 3 | 文水宏达洗煤厂 | 文水县 | 8.5 | 否 | 否 |
| 4 | 离石兴旺建材有限公司 | 离石区 | 20.0 | 是 | 是 |
"""
BURNING = """# 吕梁市2089年秸秆露天焚烧处罚登记表

| 序号 | 县市区 | 乡镇 | 发现日期 | 焚烧面积(亩) | 罚款金额(元) | 办理状态 |
|---|---|---|---|---|---|---|
| 1 | 文水县 | 开栅镇 | 9月14日 | 3 | 3000 | 已结案 |
| 2 | 文水县 | 西城镇 | 10月2日 | 5 | 4500 | 办理中 |
| 3 | 交城县 | 夏家营镇 | 9月27日 | 2 | 2000 | 已结案 |
| 4 | 交城县 | 洪相乡 | 10月9日 | 4 | 3500 | 已结案 |
| 5 | 汾阳市 | 杏花村镇 | 10月12日 | 1.5 | 1500 | 办理中 |
"""
INSPECTION = """# 吕梁市2089年第二季度大气污染防治督查问题清单

| 序号 | 县（市、区） | 问题描述 | 整改时限 | 整改情况 |
|---|---|---|---|---|
| 1 | 文水县 | 洗煤厂煤堆未苫盖 | 2089-07-10 | 已整改 |
| 2 | 文水县 | 渣土车未密闭运输 | 2089-07-20 | 整改中 |
| 3 | 孝义市 | 铸造厂除尘设施未运行 | 2089-09-30 | 未整改 |
"""
TASKS = """# 吕梁市2089年生态环境保护重点任务推进情况表

| 序号 | 县区 | 任务名称 | 完成时限 | 进展情况 | 推进状态 |
|---|---|---|---|---|---|
| 1 | 离石区 | 城区集中供热管网改造 | 2089年8月31日 | 新建管网32公里，已完成18公里，完成56% | 序时推进 |
| 2 | 交城县 | 焦化企业深度治理 | 2089年10月31日 | 完成补充治理设施建设，占计划的60% | 序时推进 |
| 3 | 文水县 | 农村黑臭水体整治 | 2089年8月15日 | 整治完成12条，完成100% | 已完成 |
| 4 | 孝义市 | 工业园区污水处理厂提标 | 2089年12月31日 | 设备采购招标中，完成35% | 进度滞后 |
"""


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    import docx

    from corpus import load_document

    folder = tmp_path_factory.mktemp("lvliang")
    sheets = {sheet: [[f"吕梁市2089年{sheet}各县市区空气质量统计表"], QUARTER_HEADER,
                      *([row[0], *map(float, row[1:])] for row in rows), ["注：数据为自动监测站初步统计结果。"]]
              for sheet, rows in QUARTERS.items()}  # fmt: skip
    workbook(folder / "吕梁市2089年各县市区空气质量季度统计表.xlsx", sheets)
    word = docx.Document()
    word.add_heading("吕梁市2089年上半年地表水监测断面水质报告", 1)
    word.add_paragraph("上半年全市3个监测断面中，2个达到水质目标。")
    word.add_heading("二、各断面监测结果", 2)
    for heading, rows in SECTIONS.items():
        word.add_heading(heading, 3)
        add_docx_table(word, SECTION_HEADER, rows)
    word.save(folder / "吕梁市2089年上半年地表水监测断面水质报告.docx")
    texts = {
        "吕梁市2089年第二季度河湖长巡河记录台账": PATROLS,
        "吕梁市2089年环境行政处罚案件台账": PENALTIES,
        "吕梁市2089年秸秆露天焚烧处罚登记表": BURNING,
        "吕梁市2089年第二季度大气污染防治督查问题清单": INSPECTION,
        "吕梁市2089年生态环境保护重点任务推进情况表": TASKS,
    }
    documents = [load_document(folder / "吕梁市2089年各县市区空气质量季度统计表.xlsx"),
                 load_document(folder / "吕梁市2089年上半年地表水监测断面水质报告.docx"),
                 *markdown_documents(folder, texts)]  # fmt: skip
    return table_asker(documents)


# -- a sheet a quarter ------------------------------------------------------------------------------------------


def test_a_quarter_reads_its_own_sheet(ask):
    """孝义市 in the second quarter: 47 (51 in the first, 46 in the third); the row cites its sheet."""
    text = answer_text(ask("二季度孝义市PM2.5是多少？"))
    assert "47" in text.splitlines()[0] and "51" not in text and "46微克" not in text
    assert "工作表「第二季度」" in text


def test_a_bound_is_checked_in_the_quarter_asked(ask):
    """Over the year's target in the third quarter: 孝义市 only (46 > 45); 文水县 was over in the second (43 > 42)."""
    line = first_line(ask("三季度PM2.5超过年度目标的县有哪些？"))
    assert "孝义市" in line and "文水县" not in line and "离石区" not in line


def test_a_ranking_within_one_quarter(ask):
    """Lowest PM2.5 in the first quarter: 交城县, 39 (its 25 of the third quarter is another sheet's)."""
    line = first_line(ask("一季度哪个县PM2.5最低？"))
    assert "交城县" in line and "39" in line and "25" not in line


def test_two_quarters_named(ask):
    """文水县: 44 in the first quarter, 31 in the third — not the second's 43."""
    text = answer_text(ask("文水县一季度和三季度的PM2.5各是多少？"))
    assert "44" in text and "31" in text and "43微克" not in text


def test_a_share_equal_to_a_figure_asked_at_the_end(ask):
    """优良天数比例 100% in the third quarter: 交城县, 汾阳市 (none at 100 in the other quarters)."""
    line = first_line(ask("三季度哪些县优良天数比例是100%？"))
    assert "交城县" in line and "汾阳市" in line and "离石区" not in line


# -- a table under each 断面's heading -------------------------------------------------------------------------


def test_a_section_asked_by_its_short_name(ask):
    """北峪口断面's 氨氮: 1.35 (南庄 0.42, 寨东 0.30)."""
    text = answer_text(ask("北峪口断面的氨氮是多少？"))
    assert "1.35" in text and "0.42" not in text and "0.30" not in text


def test_the_sections_are_ranked_as_one_table(ask):
    """总磷 highest: 文峪河北峪口断面, 0.21."""
    line = first_line(ask("哪个断面总磷最高？"))
    assert "北峪口" in line and "0.21" in line


def test_a_limits_sign_says_which_way(ask):
    """北峪口: 氨氮 1.35 over ≤1.0 and 总磷 0.21 over ≤0.2 fail; 溶解氧 6.9 against ≥5 meets it (the limit judges the
    reading, not the 单项水质类别 beside it); only 北峪口 misses its target."""
    line = first_line(ask("北峪口断面哪些监测项目没达标？"))
    assert "氨氮" in line and "总磷" in line and "溶解氧" not in line
    line = first_line(ask("上半年哪些断面没有达到水质目标？"))
    assert "北峪口" in line and "南庄" not in line and "寨东" not in line


# -- a river-patrol register ------------------------------------------------------------------------------------


def test_two_whether_columns_at_once(ask):
    """A problem found and not yet put right: 磁窑河, 北川河 (东川河 and 汾河 were put right)."""
    line = first_line(ask("巡河发现了问题但到现在还没整改的有哪些河？"))
    assert "磁窑河" in line and "北川河" in line and "东川河" not in line and "汾河" not in line


def test_times_counted_in_a_month_of_the_rows_date(ask):
    """Patrols in May: 05-03, 05-16, 05-27 — 3."""
    assert "3次" in first_line(ask("5月份一共巡了几次河？"))


def test_a_count_of_times_for_each_place(ask):
    """「每个县巡了几次」 counts for each: 离石区 2 (东川河, 北川河); not a frequency."""
    text = answer_text(ask("每个县巡河巡了几次？"))
    assert "共6次" in text.splitlines()[0] and any("离石区" in line and "2次" in line for line in text.splitlines())


def test_a_sum_in_the_unit_asked(ask):
    """王景川: 6.5 + 8.0 = 14.5公里."""
    assert "14.5" in first_line(ask("王景川二季度累计巡了多少公里？"))


def test_a_bound_in_hours(ask):
    """Over 3 hours: 磁窑河 3.5, 文峪河 4.0; not 汾河 at exactly 3.0."""
    line = first_line(ask("巡河时间超过3个小时的是哪几次？"))
    assert "磁窑河" in line and "文峪河" in line and "汾河" not in line.replace("文峪河", "")


def test_the_longest_patrol_by_its_distance(ask):
    """Longest: 文峪河, 12.5公里, 赵青禾."""
    line = first_line(ask("单次巡河距离最长的是哪一次？"))
    assert "文峪河" in line and "12.5" in line


def test_a_rows_deadline_asked_filters_nothing(ask):
    """磁窑河's problem is due 2089-05-31 (not put right yet: no 已整改 filter empties it)."""
    assert "2089-05-31" in answer_text(ask("磁窑河发现的问题要求什么时候前整改好？"))


# -- a burning register: its title's word is no column, its dates have no year ---------------------------------


def test_a_titles_word_names_no_column(ask):
    """罚款 in all: 3000 + 4500 + 2000 + 3500 + 1500 = 14500元 (「焚烧」 of 焚烧面积 is the register's own word)."""
    assert "14500" in first_line(ask("秸秆焚烧罚款合计多少？"))


def test_a_status_cell_said_with_its_adverb(ask):
    """「已经结案」 of 已结案: 开栅镇, 夏家营镇, 洪相乡 — 3."""
    text = answer_text(ask("秸秆焚烧处罚案件已经结案的有几起？"))
    assert "共3" in text.splitlines()[0] and "开栅镇" in text and "西城镇" not in text


def test_a_month_of_dates_without_a_year(ask):
    """Found in October: 西城镇 (10月2日), 洪相乡 (10月9日), 杏花村镇 (10月12日)."""
    text = answer_text(ask("10月份发现的秸秆焚烧处罚案件有哪些？"))
    assert all(town in text for town in ("西城镇", "洪相乡", "杏花村镇")) and "开栅镇" not in text


def test_the_rows_counted_as_said(ask):
    """交城县's two: 2000元 and 3500元 (「两起」 names no row)."""
    text = answer_text(ask("交城县两起秸秆焚烧处罚分别罚了多少？"))
    assert "2000" in text and "3500" in text and "4500" not in text


# -- 是/否 columns headed 「…（是/否）」 --------------------------------------------------------------------------


def test_a_whether_column_headed_with_its_answers(ask):
    """移送公安机关 是: 鑫源焦化, 兴旺建材; not 永泰化工, 宏达洗煤厂; 「…移送公安没有？」 asks either way: 是."""
    text = answer_text(ask("今年的处罚案子里有哪些移送公安了？"))
    assert "鑫源焦化" in text and "兴旺建材" in text and "永泰化工" not in text and "宏达洗煤" not in text
    line = first_line(ask("鑫源焦化那个案子移送公安没有？"))
    assert line.startswith(("是", "有")) and "未移送" not in line


def test_fines_not_paid_counted_and_said_plainly(ask):
    """罚款已缴纳 否: 鑫源焦化, 宏达洗煤厂 — 2; 「这笔罚款交了没有」 of 宏达洗煤厂: 否, 未缴纳."""
    assert "2" in first_line(ask("罚款到现在还没交的有几家？"))
    history = [
        {"role": "user", "content": "文水宏达洗煤厂罚了多少？"},
        {"role": "assistant", "content": "罚款8.5万元。"},
    ]
    line = first_line(ask("那这笔罚款交了没有？", history))
    assert line.startswith("否") and "未缴纳" in line


# -- a task sheet ----------------------------------------------------------------------------------------------


def test_tasks_due_in_a_month_said_with_its_deadline(ask):
    """Due in August: 城区集中供热管网改造 (8月31日), 农村黑臭水体整治 (8月15日)."""
    line = first_line(ask("完成时限卡在今年8月份的任务有哪几个？"))
    assert "集中供热" in line and "黑臭水体" in line and "焦化" not in line and "提标" not in line


def test_a_places_tasks_it_undertakes(ask):
    """文水县承担的: 农村黑臭水体整治, 已完成."""
    text = answer_text(ask("文水县承担的重点任务是什么，完成了没有？"))
    assert "黑臭水体" in text and "已完成" in text and "集中供热" not in text


def test_an_inspections_putting_right_read_as_statuses(ask):
    """A 督查 list's 整改情况: 整改中 1 (渣土车); 未整改 is no progress (铸造厂), 已整改 done (煤堆)."""
    text = answer_text(ask("督查问题中正在整改中的有几个"))
    assert "1" in text.splitlines()[0] and "渣土车" in text and "煤堆" not in text


def test_a_follow_up_names_another_quarter(ask):
    """After 二季度孝义市: 「那三季度呢」 is 46 (the third sheet), not 47 again."""
    history = [
        {"role": "user", "content": "二季度孝义市PM2.5是多少？"},
        {"role": "assistant", "content": "47微克/立方米。"},
    ]
    line = first_line(ask("那三季度呢？", history))
    assert "46" in line and "47" not in line


def test_a_share_bound_said_after_done(ask):
    """「完成不到50%」: 提标 (35%) only."""
    line = first_line(ask("哪些任务完成不到50%？"))
    assert "提标" in line and "集中供热" not in line and "焦化" not in line


def test_a_share_said_without_a_rates_word(ask):
    """Under 70%: 集中供热 (完成56%), 焦化 (占计划的60%), 提标 (完成35%); not 黑臭水体 (100%)."""
    line = first_line(ask("推进情况里写的完成百分比不到70%的有哪些任务？"))
    assert "集中供热" in line and "焦化" in line and "提标" in line and "黑臭水体" not in line
