"""Query expansion: the thesaurus and the domain list add the plans' words below the user's own."""

from __future__ import annotations

import numpy as np

from corpus.glossary import COLLOQUIAL_TERMS
from retrieval.expansion import DOMAIN_WEIGHT, THESAURUS_WEIGHT, QueryExpander, _groups, synonyms_of
from retrieval.indexes.bm25_index import BM25Index, CharIndex, WeightedQuery
from retrieval.tokenizing import ChineseTokenizer


def test_the_thesaurus_ships_in_its_package_and_groups_synonyms():
    assert len(_groups()) > 5_000
    assert "整顿" in synonyms_of("整治") and "整治" in synonyms_of("整顿")  # 词林: Hc03D01= 整顿 整饬 整治 …


def test_colloquial_phrases_bring_the_plans_terms():
    expansion = QueryExpander(known=lambda term: True).run("臭水沟治好以后怎么办", ["臭水沟", "治好"])
    assert expansion.domain == {"黑臭水体": DOMAIN_WEIGHT}
    assert set(COLLOQUIAL_TERMS["臭水沟"]) <= set(expansion.domain)


def test_synonyms_the_corpus_never_uses_are_not_added():
    expansion = QueryExpander(known=lambda term: term == "整改").run("整治要求", ["整治", "要求"])
    assert expansion.thesaurus == {"整改": THESAURUS_WEIGHT}


def test_added_words_weigh_less_than_the_users_own():
    assert 0 < THESAURUS_WEIGHT < DOMAIN_WEIGHT < 1
    texts = ["加快黑臭水体整治，消除黑臭。", "臭水沟旁边的道路整治。"]
    index = BM25Index.build(texts, ChineseTokenizer())
    own = WeightedQuery(("臭水沟",), {})
    expanded = WeightedQuery(("臭水沟",), {"黑臭水体": DOMAIN_WEIGHT})
    assert index.scores(own)[0] == 0 < index.scores(expanded)[0] < index.scores(expanded)[1]


def test_the_character_channel_matches_words_jieba_cuts_differently():
    """「污水厂」 and 「污水处理厂」 share no jieba word of their own, but share 污水 and 水 / 厂."""
    texts = ["荷塘镇污水处理厂三期工程已完成项目立项。", "推进农村垃圾分类收集。"]
    scores = CharIndex.build(texts).scores("污水厂扩建到哪一步了")
    assert scores[0] > 0 and scores[1] == 0
    assert np.argmax(scores) == 0
