"""A city's sheets of figures in columns of their own (新乡市 in 2028, all figures made up here; expected answers are
computed by hand from the rows below):

- a progress table whose tasks state 年度目标, 1-9月完成 and 单位 in columns, and the 完成率 typed with one decimal;
- assessment stations one row per station and pollutant (a 「指标」 column of pollutants, a numeric 「考核目标」), with a
  评价 column whose middle level is 基本达标: above the target, not above last year's 同期;
- funds by 区县 with 省级以上 and 市级 下达 / 已支出 side by side;
- plan indicators whose 「指标值」 spans 2020年 | 2028年目标 | 2028年1-9月;
- a sheet of months with a short figure label (「立案查处（件）」);
- 长垣市, a 县 made a county-level city after the gazetteer's list was drawn up (长垣县 until 2019).

A second city's fund sheet (鹤壁市) makes a follow-up's city matter.
"""

from __future__ import annotations

import docx
import pytest

from corpus import load_document
from corpus.tables import TableFormatError, label_table
from tests.support.documents import add_docx_table, workbook

PROGRESS_HEADER = [
    "序号",
    "县（市、区）",
    "重点任务",
    "单位",
    "年度目标",
    "1-9月完成",
    "完成率",
    "进度状态",
    "进展说明",
]
PROGRESS = [("1", "红旗区", "城镇污水管网建设", "公里", "20", "18", "90.0%", "按进度推进", "东区管网已完工"),
            ("2", "红旗区", "黑臭水体整治", "条", "4", "2", "50.0%", "滞后", "管线迁改影响工期"),
            ("3", "卫滨区", "城镇污水管网建设", "公里", "10", "10", "100.0%", "已完成", "全部完工"),
            ("4", "卫滨区", "国三柴油货车淘汰", "辆", "200", "120", "60.0%", "基本按进度推进", "正在组织淘汰"),
            ("5", "长垣市", "国三柴油货车淘汰", "辆", "150", "165", "110.0%", "已完成", "超额完成"),
            ("6", "长垣市", "入河排污口整治", "个", "40", "22", "55.0%", "滞后", "溯源推进缓慢"),
            ("7", "辉县市", "入河排污口整治", "个", "30", "27", "90.0%", "按进度推进", "支流排污口正在整治")]  # fmt: skip
STATION_HEADER = ["序号", "县（市、区）", "考核站点", "指标", "考核目标（微克/立方米）", "1-9月浓度（微克/立方米）",
                  "2027年同期（微克/立方米）", "评价"]  # fmt: skip
STATIONS = [("1", "红旗区", "市环保局站", "PM10", "70", "74", "76", "基本达标"),  # above target, below 同期
            ("2", "红旗区", "市环保局站", "NO2", "35", "33", "36", "达标"),
            ("3", "卫滨区", "市监测站", "PM10", "70", "78", "75", "未达标"),
            ("4", "卫滨区", "市监测站", "NO2", "35", "36", "34", "未达标"),
            ("5", "长垣市", "长垣站", "PM10", "68", "66", "70", "达标"),
            ("6", "长垣市", "长垣站", "NO2", "30", "31", "33", "基本达标")]  # fmt: skip
FUND_HEADER = ["序号", "县（市、区）", "省级以上下达（万元）", "省级以上已支出（万元）", "省级以上执行率",
               "市级下达（万元）", "市级已支出（万元）", "市级执行率"]  # fmt: skip
FUNDS = [("1", "红旗区", "800.00", "600.00", "75.00%", "300.00", "270.00", "90.00%"),
         ("2", "卫滨区", "1000.00", "450.00", "45.00%", "200.00", "150.00", "75.00%"),
         ("3", "长垣市", "500.00", "410.00", "82.00%", "250.00", "125.00", "50.00%")]  # fmt: skip
OTHER_FUNDS = [("1", "淇滨区", "600.00", "180.00", "30.00%", "100.00", "90.00", "90.00%"),
               ("2", "山城区", "400.00", "360.00", "90.00%", "100.00", "60.00", "60.00%")]  # fmt: skip
INDICATORS = [["序号", "类别", "指标", "单位", "指标值", "指标值", "指标值", "指标属性"],
              ["序号", "类别", "指标", "单位", "2020年", "2028年目标", "2028年1-9月", "指标属性"],
              ["1", "环境治理", "挥发性有机物重点工程减排量", "吨", "—", "900", "760", "约束性"],
              ["2", "环境治理", "空气质量优良天数比率", "%", "70.1", "75.0", "73.2", "约束性"]]  # fmt: skip
MONTHS = [("1月", "120", "20", "35.50"), ("2月", "105", "15", "20.00"), ("3月", "140", "31", "61.20"),
          ("4月", "133", "28", "44.00"), ("5月", "150", "33", "58.80"), ("6月", "128", "26", "40.10"),
          ("合计", "776", "153", "259.60")]  # fmt: skip


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xinxiang")
    progress = folder / "2028年1-9月新乡市各县（市、区）重点任务进展情况表.docx"
    word = docx.Document()
    word.add_paragraph("2028年新乡市各县（市、区）污染防治攻坚重点任务进展情况表（1-9月）")
    add_docx_table(word, PROGRESS_HEADER, PROGRESS)
    word.save(progress)
    report = folder / "新乡市2028年1-9月空气质量考核站点及专项资金执行情况.xlsx"
    workbook(report, {"考核站点": [["2028年1-9月各县（市、区）空气质量考核站点监测情况"], STATION_HEADER, *STATIONS],
                      "专项资金": [["2028年1-9月新乡市各县（市、区）生态环境专项资金执行情况"], FUND_HEADER, *FUNDS]})  # fmt: skip
    plan = folder / "新乡市十四五规划指标及执法统计.xlsx"
    workbook(plan, {"规划指标": [["新乡市“十四五”生态环境保护规划主要指标完成情况"], *INDICATORS],
                    "执法统计": [["2028年1-6月新乡市生态环境行政执法情况月度统计"],
                                 ["月份", "检查企业（家次）", "立案查处（件）", "罚没金额（万元）"], *MONTHS]},
             merged={"规划指标": ("E2:G2", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "H2:H3")})  # fmt: skip
    other = folder / "鹤壁市2028年1-9月生态环境专项资金执行情况.xlsx"
    workbook(other, {"专项资金": [["2028年1-9月鹤壁市各县（区）生态环境专项资金执行情况"], FUND_HEADER, *OTHER_FUNDS]})
    return [load_document(p) for p in (progress, report, plan, other)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def test_a_sheet_of_readings_with_a_pollutant_column_is_no_task_table(documents):
    stations = next(t for t in documents[1].tables if t.sheet == "考核站点")
    with pytest.raises(TableFormatError):
        label_table(documents[1], stations)


def test_above_target_compares_the_figures_whatever_the_verdict_calls_it(ask):
    text = ask("PM10浓度超过考核目标的站点有哪些？").text
    assert "市环保局站" in text and "市监测站" in text  # 74 > 70 (基本达标), 78 > 70
    assert "长垣站" not in text  # 66 ≤ 68


def test_basically_met_is_the_middle_level_not_met(ask):
    text = ask("NO2基本达标的是哪个站？").text
    assert "长垣站" in text
    assert "市环保局站" not in text and "市监测站" not in text


def test_a_renamed_county_level_city_is_a_place_of_its_rows(ask):
    text = ask("长垣市长垣站NO2浓度是多少？").text
    assert "31" in text and "市监测站" not in text


def test_what_is_left_of_a_task_counted_in_columns(ask):
    text = ask("长垣市入河排污口还剩几个没整治？").text
    assert "18" in text  # 40 − 22


def test_a_rate_is_printed_as_the_table_types_it(ask):
    text = ask("长垣市入河排污口整治完成率是多少？").text
    assert "55.0%" in text


def test_finished_tasks_are_only_the_finished_ones(ask):
    text = ask("已经完成的重点任务有几项？").text
    assert "城镇污水管网建设" in text and "国三柴油货车淘汰" in text
    assert "黑臭水体整治" not in text and "入河排污口整治" not in text


def test_the_bottom_two_by_rate(ask):
    text = ask("完成率垫底的两项任务是哪些？").text
    assert "黑臭水体整治" in text and "入河排污口整治" in text  # 50.0%, 55.0%
    assert "辉县市" not in text and "卫滨区" not in text


def test_who_did_better_ranks_by_the_rate(ask):
    text = ask("国三柴油货车淘汰，卫滨区和长垣市谁完成得好些？").text
    first = text.split("\n")[0]
    assert "长垣市" in first and "110.0%" in first
    assert "60.0" in text


def test_what_is_left_of_one_level_of_funds(ask):
    assert "550" in ask("卫滨区省级以上资金还有多少没支出？").text  # 1000.00 − 450.00
    assert "125" in ask("长垣市市级资金还有多少没支出？").text  # 250.00 − 125.00


def test_a_follow_up_keeps_the_city_the_answer_before_was_about(ask):
    history = [{"role": "user", "content": "省级以上资金执行率最高的是哪个区县？"},
               {"role": "assistant", "content": "长垣市，省级以上资金执行率82.00%。"}]  # fmt: skip
    text = ask("那最低的呢？", history).text
    assert "卫滨区" in text and "45.00%" in text
    assert "淇滨区" not in text.split("\n")[0]  # 鹤壁市's 30.00% is another city's


def test_a_period_under_the_indicator_value_is_the_value_reached(documents, ask):
    plan = next(t for t in documents[2].tables if t.sheet == "规划指标")
    roles = {c.header: c.role for c in label_table(documents[2], plan).columns}
    assert roles["指标值·2028年1-9月"] == "current" and roles["指标值·2028年目标"] == "target"
    text = ask("VOCs重点工程减排量离2028年目标还差多少吨？").text
    assert "140" in text  # 900 − 760


def test_a_short_figure_label_is_asked_by_its_half(ask):
    text = ask("立案超过30件的是哪几个月？").text
    assert "3月" in text and "5月" in text  # 31, 33
    assert "4月" not in text and "1月" not in text


def test_two_sums_asked_in_one_question(ask):
    text = ask("入河排污口整治全市加起来年度目标多少个、已经完成多少个？").text.split("\n")[0]
    assert "70" in text and "49" in text  # 40 + 30, 22 + 27


def test_a_task_table_with_one_column_of_figures_stays_a_task_table(tmp_path):
    path = tmp_path / "新乡市2028年考核任务分解表.xlsx"
    header = ["序号", "重点任务", "考核目标", "工作要求", "完成时限", "牵头单位"]
    rows = [("1", "柴油货车淘汰", "500", "淘汰国三及以下柴油货车", "2028年9月底前", "市公安局"),
            ("2", "加油站油气回收", "38", "完成油气回收在线监控安装", "2028年6月底前", "市商务局")]  # fmt: skip
    workbook(path, {"分解表": [["新乡市2028年考核任务分解表"], header, *rows]})
    document = load_document(path)
    assert label_table(document, document.tables[0]).kind == "tasks"


def test_a_period_under_a_target_stays_a_target(tmp_path):
    path = tmp_path / "新乡市2028年指标.xlsx"
    rows = [["序号", "指标", "单位", "目标值", "目标值", "完成值", "属性"],
            ["序号", "指标", "单位", "1-9月", "全年", "1-9月", "属性"],
            ["1", "空气质量优良天数比率", "%", "74.0", "75.0", "73.2", "约束性"]]  # fmt: skip
    workbook(path, {"指标": [["新乡市2028年主要指标完成情况"], *rows]},
             merged={"指标": ("A2:A3", "B2:B3", "C2:C3", "D2:E2", "G2:G3")})  # fmt: skip
    document = load_document(path)
    roles = {c.header: c.role for c in label_table(document, document.tables[0]).columns}
    assert roles["目标值·1-9月"] == "target" and roles["完成值·1-9月"] == "current"


def test_who_did_better_on_a_concentration_is_the_lower(ask):
    best = ask("PM10浓度，红旗区和卫滨区谁做得更好？").text.split("\n")[0].split("是：")[-1]
    assert "市环保局站" in best and "74" in best  # against 卫滨区's 78
    assert "市监测站" not in best


def test_units_in_the_headers_of_a_progress_table(tmp_path, table_asker):
    path = tmp_path / "新乡市2028年1-9月重点任务进展情况表.docx"
    word = docx.Document()
    word.add_paragraph("2028年新乡市重点任务进展情况表（1-9月）")
    header = ["序号", "县（市、区）", "重点任务", "年度目标（公里）", "1-9月完成（公里）", "完成率（%）", "进度状态"]
    add_docx_table(word, header, [("1", "红旗区", "城镇污水管网建设", "20", "18", "90.0", "按进度推进"),
                                  ("2", "卫滨区", "城镇污水管网建设", "10", "4", "40.0", "滞后")])  # fmt: skip
    word.save(path)
    text = table_asker([load_document(path)])("卫滨区城镇污水管网建设还差多少公里？").text
    assert "6公里" in text  # 10 − 4
    assert "40.0%" in text


@pytest.fixture(scope="module")
def ask_merged(tmp_path_factory, table_asker):
    """A progress table under a two-row header (「1-9月进展」 over 累计完成量 | 完成率（%） | 进度评价) and a station sheet
    whose station cells are merged down over its pollutants (blank below the first)."""
    folder = tmp_path_factory.mktemp("xinxiang-merged")
    progress = folder / "新乡市2028年污染防治攻坚战重点任务推进情况表（1-9月）.docx"
    word = docx.Document()
    word.add_paragraph("新乡市2028年污染防治攻坚战重点任务推进情况表（1-9月）")
    header = ["县（市、区）", "序号", "重点任务", "计量单位", "2028年目标任务量", "1-9月进展", "1-9月进展", "1-9月进展"]
    sub = ["县（市、区）", "序号", "重点任务", "计量单位", "2028年目标任务量", "累计完成量", "完成率（%）", "进度评价"]
    add_docx_table(word, header, [sub, ("红旗区", "1", "新建改造城镇污水管网", "公里", "12.5", "10.2", "81.6", "按序时进度"),
                                  ("卫滨区", "2", "淘汰国三柴油货车", "辆", "260", "194", "74.6", "进度滞后")])  # fmt: skip
    word.save(progress)
    stations = folder / "新乡市2028年1-9月空气质量考核站点浓度.xlsx"
    header = ["序号", "县（市、区）", "站点名称", "污染物", "考核目标", "2028年1-9月浓度", "2027年同期浓度", "评价结果"]
    rows = [("1", "红旗区", "平原路子站", "PM2.5", "40", "38", "41", "达标"), ("", "", "", "PM10", "65", "70", "66", "不达标"),
            ("2", "卫滨区", "人民路子站", "PM2.5", "41", "43", "45", "不达标"), ("", "", "", "PM10", "68", "66", "70", "达标")]  # fmt: skip
    workbook(stations, {"表1": [["表1 2028年1-9月空气质量考核站点浓度及评价情况"], header, *rows]})
    return table_asker([load_document(progress), load_document(stations)])


def test_figures_under_a_two_row_progress_header(ask_merged):
    text = ask_merged("红旗区城镇污水管网新建改造到9月底完成了多少公里？").text
    assert "10.2" in text and "81.6%" in text
    assert "66" in ask_merged("卫滨区淘汰国三柴油货车离全年目标还差多少辆？").text  # 260 − 194


def test_a_station_merged_down_over_its_pollutants(ask_merged):
    text = ask_merged("平原路子站PM10浓度是多少？").text
    assert "70" in text and "人民路子站" not in text
    assert "6" in ask_merged("红旗区平原路子站的PM10比考核目标高出多少？").text.split("\n")[0]  # 70 − 65


def test_which_of_two_stations_is_higher_ranks_the_reading(ask_merged):
    first = ask_merged("平原路子站和人民路子站相比，谁的PM2.5浓度更高？").text.split("\n")[0]
    assert "人民路子站" in first.split("是：")[-1] and "43" in first  # 43 against 38 (targets 41, 40)
