"""Normalising and tokenizing: full-width, traditional characters, domain words kept whole."""

from __future__ import annotations

import pytest

from retrieval.glossary import DOMAIN_WORDS, TERM_FOLDS
from retrieval.tokenizing import ChineseTokenizer, normalize_text, place_names


class TestNormalizeText:
    def test_full_width_and_case(self):
        assert normalize_text("ＰＭ２．５年均浓度３３") == "pm2.5年均浓度33"

    def test_traditional_becomes_simplified(self):
        assert normalize_text("蓬江區空氣質量達標") == "蓬江区空气质量达标"


class TestChineseTokenizer:
    @pytest.mark.parametrize(
        "word", ["一企一策", "千吨万人", "渗滤液", "圭峰西", "黑臭水体", "专项资金", "执行率", "pm2.5", "农村生活污水"]
    )
    def test_domain_words_are_not_split(self, word):
        assert normalize_text(word) in ChineseTokenizer(fold_terms=False, search_mode=False).run(f"关于{word}的要求")

    def test_aliases_fold_to_one_term(self):
        tokens = ChineseTokenizer().run("蓬江东湖站二氧化氮和細顆粒物濃度")
        assert "蓬江区" in tokens and "no2" in tokens and "pm2.5" in tokens

    def test_question_words_and_punctuation_are_dropped(self):
        assert ChineseTokenizer().run("请问，海门市的目标是多少？") == ["海门市", "门市", "海门市", "目标"]

    def test_greeting_has_no_domain_terms(self):
        assert set(ChineseTokenizer().run("你好")) <= {"你好"}


class TestPlaceNames:
    @pytest.mark.parametrize(
        ("question", "expected"),
        [
            ("广州市2020年PM2.5目标是多少", ["广州市"]),
            ("深圳黑臭水体整治", ["深圳"]),
            ("恩平市有哪些任务进度滞后", ["恩平市"]),
        ],
    )
    def test_places_in_questions(self, question, expected):
        assert place_names(question) == expected

    def test_generic_area_words_are_not_places(self):
        assert place_names("城市建成区和工业园区的污水") == []


def test_every_fold_key_is_a_domain_word():
    assert set(TERM_FOLDS) <= set(DOMAIN_WORDS)
