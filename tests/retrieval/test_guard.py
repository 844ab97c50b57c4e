"""The unknown-place guard: questions about places no document covers get no hits."""

from __future__ import annotations

from corpus.lexicon import Lexicon, place_terms
from retrieval.guard import UnknownPlaceGuard

LEXICON = Lexicon([*place_terms("海门市", "county", "南通市"), *place_terms("蓬江区", "county", "江门市")])


def test_other_city_is_reported():
    assert UnknownPlaceGuard(LEXICON).run("广州市2020年PM2.5目标是多少") == ["广州市"]
    assert UnknownPlaceGuard(LEXICON).run("深圳黑臭水体整治") == ["深圳市"]


def test_places_of_the_documents_pass():
    guard = UnknownPlaceGuard(LEXICON)
    assert guard.run("海门市2020年PM2.5目标是多少") == []
    assert guard.run("蓬江东湖站的浓度") == []
    assert guard.run("海門市的目標") == []  # traditional spelling


def test_common_words_are_not_places():
    guard = UnknownPlaceGuard(LEXICON)
    assert guard.run("城市建成区和工业园区的污水") == []
    assert guard.run("潭江南北两岸的综合整治") == []  # 「南北」 is not a place
    assert guard.run("示范县创建有哪些要求") == []  # 「示范县」 holds 「范县」
    assert guard.run("你好") == []
