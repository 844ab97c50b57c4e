"""A sheet of readings beside their targets, of a kind the bundled corpus does not have (台州市,
made up here): 「离目标差得最多」 ranks how far each row is from its own target — not the reading,
not the target — and 「还差多少」 of one row says the gap, or that the target is met.

Expected answers are read off the rows below: PM2.5 (lower is better) 椒江区 26/25 short by 1,
黄岩区 30/32 met by 2, 路桥区 28/25 short by 3, 温岭市 24/24 equal; 优良天数比例 (higher is better)
椒江区 91.2/92.0 short by 0.8, 黄岩区 93.5/92.5 met, 路桥区 89.5/90.0 short by 0.5, 温岭市 90.0/92.4
short by 2.4. The highest reading (黄岩区), the highest target (黄岩区) and the lowest 优良 (路桥区)
are never the largest gaps. A second sheet of stations: PM10 洪家子站 52/50, 环保大楼子站 47/50,
路桥中学子站 58/53, 太平子站 55/54 — three over their targets, 路桥中学子站 by the most (5).
"""

from __future__ import annotations

import pytest

from corpus import load_document
from tests.support.documents import workbook

ROWS = [("椒江区", 26, 25, 91.2, 92.0), ("黄岩区", 30, 32, 93.5, 92.5), ("路桥区", 28, 25, 89.5, 90.0),
        ("温岭市", 24, 24, 90.0, 92.4)]  # fmt: skip
STATIONS = [("洪家子站", "椒江区", 52, 50), ("环保大楼子站", "黄岩区", 47, 50), ("路桥中学子站", "路桥区", 58, 53),
            ("太平子站", "温岭市", 55, 54)]  # fmt: skip
HEADER = [
    "区县",
    "PM2.5浓度（微克/立方米）",
    "PM2.5考核目标（微克/立方米）",
    "优良天数比例（%）",
    "优良天数比例目标（%）",
]


@pytest.fixture(scope="module")
def document(tmp_path_factory):
    path = tmp_path_factory.mktemp("taizhou") / "台州市2025年1-9月各区县环境空气质量考核情况.xlsx"
    workbook(path, {"空气质量": [["台州市2025年1-9月各区县环境空气质量考核情况"], HEADER, *map(list, ROWS)],
                    "考核站点": [["站点名称", "所在区县", "PM10浓度（微克/立方米）", "PM10考核目标（微克/立方米）"],
                                 *map(list, STATIONS)]})  # fmt: skip
    return load_document(path)


@pytest.fixture(scope="module")
def ask(document, table_asker):
    return table_asker([document])


def _first_sentence(answer) -> str:
    return answer.text.split("\n")[0]


def test_the_largest_gap_to_target_not_the_highest_reading(ask):
    head = _first_sentence(ask("哪个区县PM2.5离目标差距最大？"))
    assert "路桥区" in head and "3" in head
    assert "黄岩区" not in head


def test_a_higher_is_better_measure_is_short_by_target_minus_reading(ask):
    head = _first_sentence(ask("优良天数比例离目标差得最多的是哪个区县？"))
    assert "温岭市" in head and "2.4" in head
    assert "路桥区" not in head


def test_a_follow_up_ranks_the_gap_of_the_measure_asked_before(ask):
    history = [{"role": "user", "content": "哪些区县优良天数比例没达到目标？"},
               {"role": "assistant", "content": "椒江区、路桥区、温岭市的优良天数比例未达到目标。"}]  # fmt: skip
    head = _first_sentence(ask("这几个里面离目标差得最多的是哪个？", history))
    assert "温岭市" in head and "2.4" in head


def test_one_row_short_met_or_equal(ask):
    short = ask("椒江区优良天数比例距离目标还差多少？")
    assert "还差0.8" in short.text.replace(" ", "")
    over = ask("路桥区PM2.5超了多少？")
    assert "超出3微克/立方米" in over.text
    met = ask("黄岩区PM2.5离目标差多少？")
    assert "已达到目标" in met.text and "低2微克/立方米" in met.text
    equal = ask("温岭市PM2.5离目标还差多少？")
    assert "与目标持平" in equal.text


def test_the_gap_is_read_from_the_rows_used(ask):
    answer = ask("哪个区县PM2.5离目标差距最大？")
    assert list(answer.result.frame["entity"]) == ["路桥区"]
    assert "28" in answer.text and "25" in answer.text  # the two figures the gap is computed from


def test_the_stations_listed_before_are_read_in_their_own_sheet(document, corpus_documents, table_asker):
    # the seed documents have a stations table of their own (江门); the rows named before are 台州's
    ask = table_asker([*corpus_documents.values(), document])
    history = [{"role": "user", "content": "1-9月PM10没达到考核目标的站点有哪些？"},
               {"role": "assistant", "content": "PM10未达到考核目标的站点有3个：洪家子站、路桥中学子站、太平子站。"}]  # fmt: skip
    head = _first_sentence(ask("这几个站分别超了多少？哪个超得最多？", history))
    assert "路桥中学子站" in head and "5" in head
    assert "中沙" not in head
