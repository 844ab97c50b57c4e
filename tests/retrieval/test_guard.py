"""The unknown-place guard: questions about other cities get no hits."""

from __future__ import annotations

from retrieval.guard import UnknownPlaceGuard

CORPUS = "海门市打赢污染防治攻坚战2020年工作计划 PM2.5年均浓度达33微克/立方米 蓬江区东湖空气质量自动监测子站"


def test_other_city_is_reported():
    assert UnknownPlaceGuard(CORPUS).run("广州市2020年PM2.5目标是多少") == ["广州市"]


def test_places_of_the_corpus_pass():
    guard = UnknownPlaceGuard(CORPUS)
    assert guard.run("海门市2020年PM2.5目标是多少") == []
    assert guard.run("蓬江东湖站的浓度") == []


def test_traditional_spelling_of_a_known_place_passes():
    assert UnknownPlaceGuard(CORPUS).run("海門市的目標") == []


def test_questions_without_places_pass():
    assert UnknownPlaceGuard(CORPUS).run("你好") == []
