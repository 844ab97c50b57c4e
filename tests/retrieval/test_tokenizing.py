"""Normalising and tokenizing: full-width, traditional characters, domain words kept whole."""

from __future__ import annotations

import pytest

from corpus.lexicon import Lexicon, Term, place_terms
from retrieval.glossary import DOMAIN_WORDS, TERM_FOLDS
from retrieval.tokenizing import ChineseTokenizer, normalize_text


class TestNormalizeText:
    def test_full_width_and_case(self):
        assert normalize_text("ＰＭ２．５年均浓度３３") == "pm2.5年均浓度33"

    def test_traditional_becomes_simplified(self):
        assert normalize_text("蓬江區空氣質量達標") == "蓬江区空气质量达标"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    """A data version's words: a district with its short name, and a station."""
    return Lexicon([*place_terms("蓬江区", "county", "江门市"), Term("圭峰西", "station", "圭峰西")])


class TestChineseTokenizer:
    @pytest.mark.parametrize(
        "word", ["一企一策", "千吨万人", "渗滤液", "黑臭水体", "专项资金", "执行率", "pm2.5", "农村生活污水"]
    )
    def test_domain_words_are_not_split(self, word):
        assert normalize_text(word) in ChineseTokenizer(fold_terms=False, search_mode=False).run(f"关于{word}的要求")

    def test_the_lexicons_words_are_not_split(self, lexicon):
        tokenizer = ChineseTokenizer.for_lexicon(lexicon)
        assert "圭峰西" in ChineseTokenizer(fold_terms=False, search_mode=False, words=tokenizer.words).run(
            "新会圭峰西站"
        )

    def test_aliases_fold_to_one_term(self, lexicon):
        tokens = ChineseTokenizer.for_lexicon(lexicon).run("蓬江东湖站二氧化氮和細顆粒物濃度")
        assert "蓬江区" in tokens and "no2" in tokens and "pm2.5" in tokens

    def test_question_words_and_punctuation_are_dropped(self):
        assert "请问" not in ChineseTokenizer().run("请问，海门市的目标是多少？")
        assert "目标" in ChineseTokenizer().run("请问，海门市的目标是多少？")

    def test_greeting_has_no_domain_terms(self):
        assert set(ChineseTokenizer().run("你好")) <= {"你好"}


def test_every_fold_key_is_a_domain_word():
    assert set(TERM_FOLDS) <= set(DOMAIN_WORDS)
