"""Places and words learned from the documents, not listed by hand."""

from __future__ import annotations

from corpus.gazetteer import canonical_place, gazetteer, short_name
from corpus.lexicon import Lexicon, Term, document_terms, documents_lexicon
from corpus.model import Document, DocumentInfo, Table, TextBlock
from corpus.text import normalize_text


def test_divisions_and_their_parents():
    g = gazetteer()
    assert (g.level_of("蓬江区"), g.parent_of("蓬江区")) == ("county", "江门市")
    assert g.parent_of("东城区") == "北京市"  # a municipality's districts belong to it
    assert g.parent_of("鼓楼区", near={"南京市"}) == "南京市"  # namesakes told apart by the other places
    assert short_name("端州区") == "端州" and short_name("城区") == ""
    assert canonical_place("四会", near={"肇庆市"}) == "四会市"
    assert g.parent_of("凤翔区") == "宝鸡市" and g.parent_of("无为市") == "芜湖市"  # 凤翔县, 无为县 until 2021, 2019
    assert not g.is_place("平原区")  # 平原县's name is a common word: no 区 is made of it


def _document(title: str, region: str, text: list[str], table: list[list[str]] | None = None) -> Document:
    info = DocumentInfo(doc_id="d1", title=title, region=region, year=2024)
    tables = [Table(index=1, caption="", rows=table)] if table else []
    return Document(info=info, blocks=[TextBlock(t) for t in text], tables=tables)


def test_a_new_documents_places_are_learned_with_their_city():
    document = _document(
        "2024年肇庆市各县（市、区）重点任务进度情况表",
        "",
        ["高要区白土镇污水处理厂完成主体工程。", "示范县建设按计划推进。"],
        [["区域", "主要任务"], ["四会市", "加快建设"], ["端州区", "整治"]],
    )
    lexicon = Lexicon(document_terms([document]))
    places = {t.value: (t.level, t.parent) for t in lexicon.of_kind("place")}
    assert places["肇庆市"][0] == "city"
    assert places["四会市"] == ("county", "肇庆市") and places["端州区"] == ("county", "肇庆市")
    assert places["高要区"] == ("county", "肇庆市")
    assert places["白土镇"] == ("town", "高要区")
    assert "范县" not in places  # inside 「示范县」, and its city is not one of the documents'


def test_the_town_inside_a_county_name_is_no_town():
    """「…开展的天镇县…」: 「天镇」 is the start of the county 天镇县, and 「的天镇」 no town."""
    text = ["前三季度开展的天镇县县城集中供热管网延伸改造已完成8公里。", "新荣区新荣镇区污水管网完成改造。"]
    lexicon = Lexicon(document_terms([_document("大同市2048年工作总结", "大同市", text)]))
    places = {t.value: (t.level, t.parent) for t in lexicon.of_kind("place")}
    assert not any(name.endswith("天镇") for name in places)
    assert places["新荣镇"] == ("town", "新荣区")


def test_names_short_names_and_pinyin_find_the_place():
    lexicon = Lexicon(document_terms([_document("肇庆市2024年工作方案", "肇庆市", ["端州区加强扬尘管控。"])]))
    for text in ("端州区的扬尘", "端州的扬尘", "duanzhou dust"):
        assert [m.term.value for m in lexicon.find(normalize_text(text), ("place",))] == ["端州区"]


def test_a_longer_term_hides_the_one_inside_it():
    lexicon = Lexicon([Term("富民", "station", "富民"), Term("富民南路", "station", "富民南路")])
    assert [m.term.value for m in lexicon.find("富民南路子站")] == ["富民南路"]


def test_lexicon_round_trips_through_disk(tmp_path, corpus_lexicon):
    path = tmp_path / "lexicon.json"
    corpus_lexicon.save(path)
    loaded = Lexicon.load(path)
    assert len(loaded) == len(corpus_lexicon)
    assert loaded.parent_of("恩平市") == "江门市" and "花果山" in loaded.values("station")
    assert {"蓬江区", "海门市"} <= set(loaded.places()) and "广州市" not in loaded.places()


def test_a_citys_bare_name_is_the_city_not_its_namesake_county():
    document = _document(
        "衡阳市2037年重点任务推进情况通报",
        "衡阳市",
        [],
        [["县（市、区）", "主要任务"], ["衡阳县", "整治"], ["衡山县", "整治"]],
    )
    lexicon = Lexicon(document_terms([document]))
    assert [m.term.value for m in lexicon.find("衡阳森林覆盖率", ("place",))] == ["衡阳市"]
    assert [m.term.value for m in lexicon.find("衡阳县森林覆盖率", ("place",))] == ["衡阳县"]


def test_a_citys_zones_are_said_without_the_city_where_no_other_zone_is_called_so():
    document = _document("镇江市2036年重点任务推进情况通报", "镇江市", [], [["辖市区", "主要任务"], ["丹阳市", "整治"]])
    # (zones the gazetteer does not list are learned from a table's place column, with the city beside them)
    zones = [Term(name, "place", name, "镇江市", "county", "tasks", "region") for name in ("镇江新区", "镇江高新区")]
    lexicon = documents_lexicon([document], zones)
    assert [m.term.value for m in lexicon.find("新区和丹阳谁高", ("place",))] == ["镇江新区", "丹阳市"]
    assert [m.term.value for m in lexicon.find("高新区执行率", ("place",))] == ["镇江高新区"]


def test_a_row_name_said_with_its_kind_hides_no_other_sheets_row_of_the_same_name():
    stations = Term("蔡子池子站", "entity", "蔡子池子站", table="g1", field="c3")
    ranking = Term("蔡子池", "entity", "蔡子池", table="g2", field="c2")
    section = Term("联合桥", "entity", "联合桥", table="g3", field="c2")
    station = Term("联合", "entity", "联合", table="g2", field="c2")
    lexicon = Lexicon([stations, ranking, section, station])
    assert {m.term.value for m in lexicon.find("蔡子池子站综合指数")} == {"蔡子池子站", "蔡子池"}
    assert [m.term.value for m in lexicon.find("联合桥断面水质")] == ["联合桥"]
