"""A city whose parts are 镇街, not 区县 (东莞市, all figures made up here; expected answers are read off the
rows below), with sheets of layouts the bundled corpus does not have:

- stations with each pollutant's reading and target under a two-row header, and a 全市 row;
- the city's months, then a 「1-4月」 total and last year's 「2026年1-4月」 below them;
- water sections by class, whose 「主要超标指标」 is mostly 「—」 (no indicator table);
- enforcement by 镇街 with a 直属 team's row (not a 镇街) and a 合计 row;
- a GB18030 notice ranking the 镇街, its table introduced by a sentence ending 「结果如下：」.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.documents import workbook

STATION_HEADER = [
    ["序号", "镇街", "站点名称", "PM2.5（μg/m³）", None, "PM10（μg/m³）", None],
    ["序号", "镇街", "站点名称", "1-9月实测", "2027年目标", "1-9月实测", "2027年目标"],
]
STATIONS = [(1, "莞城街道", "莞城站", 24, 24, 40, 42),  # PM2.5 equal to its target: met
            (2, "南城街道", "南城站", 21, 23, 45, 42),
            (3, "虎门镇", "虎门站", 27, 25, 48, 45),  # both over
            (4, "长安镇", "长安站", 19, 22, 36, 40),
            (5, "厚街镇", "厚街站", 26, 24, 41, 43),
            ("", "全市", "—", 23, 24, 42, 43)]  # fmt: skip
MONTH_HEADER = [
    ["月份", "污染物浓度（μg/m³）", None, "空气质量优良情况"],
    ["月份", "PM2.5", "O3-8h-90per", "优良天数（天）"],
]
MONTHS = [("1月", 35, 120, 25), ("2月", 30, 130, 24), ("3月", 26, 150, 27), ("4月", 22, 170, 26),
          ("1-4月", 28, 165, 102), ("2026年1-4月", 31, 160, 98)]  # fmt: skip
WATER_HEADER = ["序号", "断面名称", "所在镇街", "水质目标（类）", "1-9月水质类别（类）", "主要超标指标", "是否达标"]
WATER = [(1, "旗岭断面", "厚街镇", "Ⅲ", "Ⅱ", "—", "达标"), (2, "樟村断面", "南城街道", "Ⅳ", "Ⅴ", "氨氮", "不达标"),
         (3, "虎门大桥断面", "虎门镇", "Ⅲ", "Ⅲ", "—", "达标"), (4, "沙角断面", "虎门镇", "Ⅱ", "劣Ⅴ", "总磷", "不达标"),
         (5, "长安新区断面", "长安镇", "Ⅳ", "Ⅳ", "—", "达标")]  # fmt: skip
ENFORCEMENT_HEADER = ["序号", "镇街", "检查企业（家）", "立案数（件）", "罚款金额（万元）"]
ENFORCEMENT = [(1, "莞城街道", 120, 8, 12.5), (2, "南城街道", 150, 11, 18.2), (3, "虎门镇", 210, 15, 25.6),
               (4, "长安镇", 180, 9, 16.0), (5, "厚街镇", 160, 12, 21.3),
               (6, "市环境监察支队（直属）", 300, 20, 48.0), ("", "合计", 1120, 75, 141.6)]  # fmt: skip
RANKING = [(1, "长安镇", 3.01), (2, "莞城街道", 3.22), (3, "南城街道", 3.35), (4, "厚街镇", 3.48), (5, "虎门镇", 3.66)]
LEAD_IN = "按环境空气质量综合指数由小到大进行排名，综合指数越小空气质量越好。结果如下："


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dongguan")
    sheets = folder / "东莞市2027年1-9月环境质量及执法统计.xlsx"
    workbook(
        sheets,
        {"镇街空气": [["东莞市2027年1-9月各镇街空气质量监测子站浓度及目标完成情况"], *STATION_HEADER, *STATIONS],
         "全市逐月": [["东莞市2027年1-4月全市环境空气质量逐月统计"], *MONTH_HEADER, *MONTHS],
         "水质断面": [["东莞市2027年1-9月地表水考核断面水质状况"], WATER_HEADER, *WATER],
         "执法统计": [["东莞市2027年1-9月各镇街环境执法检查情况"], ENFORCEMENT_HEADER, *ENFORCEMENT]},
        merged={"镇街空气": ("A2:A3", "B2:B3", "C2:C3", "D2:E2", "F2:G2"), "全市逐月": ("A2:A3", "B2:C2")},
    )  # fmt: skip
    notice = folder / "东莞市2027年1-9月各镇街空气质量排名通报.txt"
    lines = ["东莞市2027年1-9月各镇街空气质量排名通报", "", "    一、排名情况", f"    {LEAD_IN}", "    排名  镇街  综合指数",
             *(f"    {n}  {town}  {index}" for n, town, index in RANKING),
             "    二、工作要求", "    排名后两位的镇街要制定整改方案。"]  # fmt: skip
    notice.write_bytes("\r\n".join(lines).encode("gb18030"))
    return [load_document(sheets), load_document(notice)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def _head(answer) -> str:
    return answer.text.split("\n")[0]


def test_which_month_reads_the_months_not_their_totals(ask):
    head = _head(ask("哪个月优良天数最多？"))
    assert "3月" in head and "27" in head
    assert "102" not in head and "98" not in head  # the 1-4月 and 2026年1-4月 rows are no month's


def test_a_month_asked_with_a_verb_holding_xianzai_is_no_realtime_question(ask):
    head = _head(ask("全市臭氧最高出现在几月份？"))  # 「出现在」 says no 现在, 「最高出现」 no 高出
    assert "4月" in head and "170" in head and "最高" in head  # a concentration is 最高, not 最多


def test_the_whole_city_of_a_sheet_with_a_total_row_is_that_row(ask):
    head = _head(ask("全市一共检查了多少家企业？"))
    assert "1120" in head  # the 合计 row, with the 直属 team's 300


def test_a_field_a_ranking_has_no_column_for_is_not_read_off_it(ask):
    for question in ("通报对排名后两位的镇街有什么要求？", "排名后两位的镇街要交什么材料？截止到什么时候？"):
        answer = ask(question)  # the text says it; the ranking has no 要求 or 时限 column
        assert not hasattr(answer, "text") or "厚街镇" not in answer.text


def test_both_ends_of_a_ranking(ask):
    head = _head(ask("PM2.5最高和最低的站分别是哪个？"))
    assert "虎门站" in head and "27" in head and "长安站" in head and "19" in head
    assert head.index("虎门站") < head.index("长安站")


def test_two_pollutants_both_missed_by_each_ones_own_target(ask):
    answer = ask("PM2.5和PM10两项都没达标的站有哪些？")
    assert "虎门站" in answer.text
    assert "南城站" not in answer.text and "厚街站" not in answer.text  # one of the two only


def test_a_reading_equal_to_its_target_is_said_so(ask):
    answer = ask("莞城站PM2.5算不算达标？")
    assert answer.text.startswith("是")
    assert "持平" in answer.text


def test_a_water_sheet_is_no_indicator_table(ask):
    head = _head(ask("水质没达到目标的断面有哪些？"))
    assert "樟村断面" in head and "沙角断面" in head
    assert "旗岭断面" not in head and "长安新区断面" not in head


def test_the_towns_not_a_direct_teams_row(ask):
    head = _head(ask("罚款金额最多的是哪个镇街？"))
    assert "虎门镇" in head and "25.6" in head and "直属" not in head
    head = _head(ask("罚款金额排前三的镇街是哪几个？"))
    assert "虎门镇" in head and "厚街镇" in head and "南城街道" in head
    assert "直属" not in head and "镇街" in head  # the sheet's own word for its places, not 区县


def test_a_figure_no_sheet_holds_is_not_ranked_by_another(ask):
    answer = ask("噪声投诉哪个镇街最多？")
    assert not hasattr(answer, "text") or "虎门镇" not in answer.text


def test_the_last_k_of_a_notices_ranking(ask, documents):
    assert not documents[1].tables[0].caption.endswith("：")  # the sentence leading into it is no caption
    for question in ("通报里排在后两名的是哪些镇街？", "这份通报排倒数两位的镇街是哪些？"):
        head = _head(ask(question))
        assert "厚街镇" in head and "虎门镇" in head and "长安镇" not in head


def test_a_towns_place_in_the_ranking_after_the_first(ask):
    history = [
        {"role": "user", "content": "通报里排第一的是哪个镇街？"},
        {"role": "assistant", "content": "长安镇排名第一。"},
    ]
    head = _head(ask("那南城街道排第几？", history))
    assert "南城街道排第3" in head and "共5个" in head


INDICATOR_HEADER = ["序号", "指标名称", "单位", "2026年现状值", "2027年目标值", "属性"]
PLANS = {  # city: its plan's indicators; 东莞 has three 约束性, 佛山 two
    "东莞市": [(1, "PM2.5年均浓度", "微克/立方米", 24, 23, "约束性"), (2, "空气质量优良天数比例", "%", 90.1, 91, "约束性"),
               (3, "地表水国考断面优良比例", "%", 80, 85, "约束性"), (4, "森林覆盖率", "%", 37.2, 37.5, "预期性")],
    "佛山市": [(1, "PM2.5年均浓度", "微克/立方米", 25, 24, "约束性"), (2, "空气质量优良天数比例", "%", 88.5, 90, "约束性"),
               (3, "森林覆盖率", "%", 32.1, 32.4, "预期性")],
}  # fmt: skip


def test_a_count_over_two_cities_documents_of_one_kind_is_per_city(tmp_path, table_asker):
    documents = []
    for city, rows in PLANS.items():
        path = tmp_path / f"{city}2027年生态环境保护工作方案.xlsx"
        workbook(path, {"附件": [[f"{city}2027年生态环境保护主要指标"], INDICATOR_HEADER, *rows]})
        documents.append(load_document(path))
    text = table_asker(documents)("工作方案附件里属性是约束性的指标一共有几项？").text
    assert "东莞市" in text and "佛山市" in text
    assert "3项" in text and "2项" in text and "5项" not in text  # each city's own count, never the two added


def test_when_a_month_is_highest_asks_no_deadline(ask):
    head = _head(ask("全市PM2.5什么时候最高？"))  # 「什么时候」 of a reading, not a 完成时限 the sheet lacks
    assert "1月" in head and "35" in head
