"""The unknown-place guard: questions about places no document covers get no hits."""

from __future__ import annotations

import pytest

from corpus.lexicon import Lexicon, place_terms
from retrieval.guard import UnknownPlaceGuard

LEXICON = Lexicon([*place_terms("海门市", "county", "南通市"), *place_terms("蓬江区", "county", "江门市")])


@pytest.fixture(scope="module")
def guard() -> UnknownPlaceGuard:
    return UnknownPlaceGuard.from_lexicon(LEXICON)


def test_other_city_is_reported(guard):
    assert guard.run("广州市2020年PM2.5目标是多少") == ["广州市"]
    assert guard.run("深圳黑臭水体整治") == ["深圳市"]


def test_places_of_the_documents_pass(guard):
    assert guard.run("海门市2020年PM2.5目标是多少") == []
    assert guard.run("蓬江东湖站的浓度") == []
    assert guard.run("海門市的目標") == []  # traditional spelling


def test_common_words_are_not_places(guard):
    assert guard.run("城市建成区和工业园区的污水") == []
    assert guard.run("潭江南北两岸的综合整治") == []  # 「南北」 is not a place
    assert guard.run("示范县创建有哪些要求") == []  # 「示范县」 holds 「范县」
    assert guard.run("你好") == []


@pytest.mark.parametrize("question", ["白银回收企业的废水怎么管", "来宾登记制度"])
def test_a_short_name_that_is_an_everyday_word_is_not_a_place(guard, question):
    """白银 (silver) and 来宾 (guest) name cities too; jieba's dictionary does not tag them ns."""
    assert guard.run(question) == []


def test_a_full_name_is_always_a_place(guard):
    assert guard.run("白银市的空气质量目标") == ["白银市"]


def test_saved_with_the_index_and_loaded(guard, tmp_path):
    guard.save(tmp_path)
    loaded = UnknownPlaceGuard.load(tmp_path)
    assert loaded.known == guard.known and "蓬江" in loaded.known
    assert loaded.run("广州市的目标") == ["广州市"]
