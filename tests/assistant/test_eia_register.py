"""A city's register of environmental-impact approvals and its station sheet, both as Markdown the way a bureau's
clerk writes them (宣城市; every project, station and figure made up here, and the expected answers read off the
rows below):

- a 「# …建设项目环境影响评价文件审批情况汇总」 heading, then 「填报单位：… 统计时段：…」, then the table, a 合计 row
  and a note whose items stand on lines of their own, one naming a project;
- a station sheet titled by a plain line, then 「数据来源：… 统计时段：…」, a 全市平均 row and a note naming a station.
"""

from __future__ import annotations

import pytest

from corpus import load_document
from corpus.assembler import DocumentAssembler
from tests.support.answers import answer_text, first_line

REGISTER = """# 宣城市2059年第二季度建设项目环境影响评价文件审批情况汇总

填报单位：宣城市生态环境局行政审批科　　统计时段：2059年4月1日—6月30日

| 序号 | 批复文号 | 项目名称 | 建设单位 | 建设地点 | 总投资（万元） | 环保投资（万元） | 批复日期 | 审批结论 |
|---|---|---|---|---|---|---|---|---|
| 1 | 宣环审〔2059〕11号 | 年产5万吨竹纤维板项目 | 宣城绿竹新材料有限公司 | 宣州区 | 40000 | 1600 | 2059-04-18 | 批准 |
| 2 | 宣环审〔2059〕12号 | 光伏组件封装基地项目 | 宣城晶阳光电有限公司 | 广德市 | 90000 | 2700 | 2059-05-09 | 批准 |
| 3 | 宣环审〔2059〕13号 | 废旧轮胎热解项目 | 宣城再生能源有限公司 | 宁国市 | 12000 | 900 | 2059-05-30 | 不予批准 |
| 4 | 宣环审〔2059〕14号 | 泾县宣纸文化园扩建工程 | 泾县宣纸文化发展有限公司 | 泾县 | 8000 | 400 | 2059-06-21 | 批准 |
| 合计 | — | 共4个项目 | — | — | 150000 | 5600 | — | — |

注：1.审批结论以批复文件为准；
2.不予批准项目不得开工建设；
3.废旧轮胎热解项目因选址位于生态保护红线内不予批准；
4.投资额以环评文件申报为准。
"""
STATIONS = """宣城市2059年1-6月环境空气质量自动监测子站考核情况表

数据来源：宣城市生态环境监测中心　统计时段：2059年1月1日—6月30日

| 区域 | 站点名称 | PM2.5（微克/立方米） | PM10（微克/立方米） | 有效监测天数（天） |
|---|---|---|---|---|
| 宣州区 | 鳌峰空气质量自动监测子站 | 30 | 55 | 181 |
| 宣州区 | 敬亭山空气质量自动监测子站 | 27 | 50 | 181 |
| 广德市 | 广德空气质量自动监测子站 | 36 | 62 | 181 |
| 宁国市 | 宁国空气质量自动监测子站 | 28 | 49 | 160 |
| 全市 | 全市平均 | 30 | 54 | — |

注：1.全市数据为各子站算术平均值；
2.宁国空气质量自动监测子站3月2日至3月22日因站房搬迁停运，有效监测天数为160天；
3.鳌峰空气质量自动监测子站、敬亭山空气质量自动监测子站位于宣州城区。
"""


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xuancheng")
    register = folder / "宣城市2059年第二季度建设项目环境影响评价文件审批情况汇总.md"
    register.write_text(REGISTER, encoding="utf-8")
    stations = folder / "宣城市2059年1-6月环境空气质量自动监测子站考核情况表.md"
    stations.write_text(STATIONS, encoding="utf-8")
    return [load_document(register), load_document(stations)]


@pytest.fixture(scope="module")
def ask(documents, table_asker):
    return table_asker(documents)


def test_a_table_is_titled_by_its_heading_or_line_not_by_who_filled_it_in(documents):
    register, stations = documents
    assert register.tables[0].caption == "宣城市2059年第二季度建设项目环境影响评价文件审批情况汇总"
    assert stations.tables[0].caption == "宣城市2059年1-6月环境空气质量自动监测子站考核情况表"


def test_a_notes_items_on_lines_of_their_own_stay_with_it(documents):
    notes = " ".join(documents[0].tables[0].notes)
    assert "3.废旧轮胎热解项目因选址位于生态保护红线内" in notes and "4.投资额以环评文件申报为准" in notes


def test_a_notes_numbered_items_are_text_not_headings():
    doc = DocumentAssembler()
    for line in ("注：1.考核目标值为年度考核目标；", "2.浓度低于目标值的为达标；", "3.投资额以申报为准。"):
        doc.add_line(line)
    texts = " ".join(b.text for b in doc.finish().blocks)
    assert "2.浓度低于目标值的为达标" in texts and "3.投资额以申报为准" in texts


def test_environmental_impact_said_short_names_the_register(ask):
    """「环评」 is 环境影响评价: 批准 rows are 竹纤维板, 光伏, 宣纸 (3; not 不予批准); the 合计 row's 总投资 is 150000;
    光伏's 批复文号 is 宣环审〔2059〕12号."""
    assert "3" in first_line(ask("二季度环评真正批准了的项目有几个？"))
    assert "150000" in answer_text(ask("环评台账上这些项目总投资加起来是多少？"))
    assert "宣环审〔2059〕12号" in answer_text(ask("光伏组件封装基地的环评批复文号是多少？"))


def test_a_rows_share_of_its_own_other_column(ask):
    """「它环保投资占总投资多大比例」 of 竹纤维板: 1600 / 40000 = 4%, not of the 合计's 150000."""
    history = [{"role": "user", "content": "竹纤维板那个项目环评什么时候批的？"},
               {"role": "assistant", "content": "年产5万吨竹纤维板项目于2059-04-18批准。"}]  # fmt: skip
    line = first_line(ask("它环保投资多少？占总投资多大比例？", history))
    assert "1600" in line and "40000" in line and "4%" in line.replace("4.0%", "4%") and "150000" not in line


def test_a_station_beside_the_city_mean_row(ask):
    """「广德那个子站的PM2.5比全市平均高出多少」: 36 against 30, 6 higher."""
    text = answer_text(ask("广德那个子站的PM2.5比全市平均高出多少？"))
    assert "36" in text and "30" in text and "6微克" in text


def test_a_note_naming_a_row_is_said_with_it(ask):
    """宁国 has the fewest days (160); the note says why (站房搬迁), and the row's citation quotes it."""
    answer = ask("哪个站有效监测天数最少？")
    text = answer_text(answer)
    assert "宁国" in text and "160" in text and "站房搬迁" in text
    assert any("站房搬迁" in row.quote for row in answer.result.rows)


def test_rows_against_the_city_mean_row(ask):
    """「PM10高于全市平均水平的站点」: 鳌峰 55, 广德 62 over the 全市平均 row's 54 (not 敬亭山 50, 宁国 49);
    「广德…PM10跟全市比怎么样」: 62 against 54."""
    text = answer_text(ask("PM10高于全市平均水平的站点有哪些？"))
    assert "鳌峰" in text and "广德" in text and "敬亭山" not in text and "宁国" not in text
    text = answer_text(ask("广德那个子站的PM10跟全市比怎么样？"))
    assert "62" in text and "54" in text and "8微克" in text


def test_a_note_naming_several_rows_is_no_one_rows(ask):
    """The note on 鳌峰 and 敬亭山 together says nothing of one of them: it is not quoted with 鳌峰's row."""
    text = answer_text(ask("鳌峰子站的PM10是多少？"))
    assert "55" in text and "宣州城区" not in text
