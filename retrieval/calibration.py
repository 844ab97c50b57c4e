"""Per-model calibration: channel weights, the dense score range and the floors, measured on dev sets.

A multilingual transformer's cosines sit in 0.75–0.93 where corpus-static's spread over
0–0.9, so no constant weight or floor fits both. `Calibrator.run` measures them for the index's
embedding model on questions with a gold passage (in-corpus) and on questions the documents
do not answer (off-topic), and the result is stored in the index manifest under the model's id:

- `dense_range`: cosines mapped to 0…1 — the low end is the model's background cosine (the
  median over every question and chunk), the high end the 95th percentile of the questions'
  best cosines;
- `weights`: the word / character / dense mix with the best MRR@10 on the in-corpus questions;
- `floors`: per search mode, the lowest best-hit score to answer with. Every in-corpus question
  must keep its hits; within that, the floor sits above as many off-topic questions as it can;
- `evidence`: the least share of the question's own words (IDF-weighted, synonyms counting) a
  passage must contain — an off-topic question that shares one common word with a passage
  (「申请」 in 「如何申请护照」) has a fused score a floor alone cannot tell from a paraphrase.

>>> calibration = Calibration.from_dict(manifest["calibration"][manifest["model"]])  # doctest: +SKIP
>>> calibration.floors["hybrid"]  # doctest: +SKIP
0.15
"""

from __future__ import annotations

import itertools
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from retrieval.fusion import CHANNELS

logger = logging.getLogger(__name__)

MODES = ("hybrid", "bm25", "char", "dense")
MODE_CHANNELS = {"hybrid": CHANNELS, "bm25": ("word",), "char": ("char",), "dense": ("dense",)}
WEIGHT_STEP = 0.05
# Where between the highest off-topic and the lowest in-corpus score a floor goes: nearer the
# off-topic side, because losing an answerable question costs more than a wrong refusal's twin.
FLOOR_POSITION = 0.35
# When the two overlap, the floor still admits every in-corpus question, with this much room.
FLOOR_ROOM = 0.85
RANK_K = 10
# Evidence: the keyness (`BM25Index.keyness`) of the most corpus-specific question term a hit
# contains; NO_EVIDENCE when it contains none. A dense score at the top of the model's calibrated
# range is evidence by itself (「河长多久巡一次河」 shares no word with 「河（湖）长每月巡河」).
NO_EVIDENCE = -10.0
DENSE_SURE = 0.999  # the top of the calibrated range (float rounding aside)
EVIDENCE_ROOM = 0.5


@dataclass(frozen=True)
class Calibration:
    """What fusion and refusal need for one embedding model on one corpus."""

    weights: dict[str, float]
    dense_range: tuple[float, float]
    floors: dict[str, float]
    evidence: float = NO_EVIDENCE
    source: str = "default"  # "default" or "calibrated"
    details: dict = field(default_factory=dict)

    def normalize_dense(self, cosines: np.ndarray) -> np.ndarray:
        low, high = self.dense_range
        return np.clip((np.asarray(cosines, dtype=np.float32) - low) / max(high - low, 1e-6), 0.0, 1.0)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["dense_range"] = list(self.dense_range)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Calibration:
        return cls(**{**data, "dense_range": tuple(data["dense_range"])})


# Until a model is calibrated (an index built before calibration existed): corpus-static's
# figures, with the dense range of a unit-vector cosine.
DEFAULT_CALIBRATION = Calibration(
    weights={"word": 0.6, "char": 0.2, "dense": 0.2},
    dense_range=(0.0, 1.0),
    floors={"hybrid": 0.12, "bm25": 0.08, "char": 0.1, "dense": 0.3},
)


@dataclass(frozen=True)
class ScoredQuestion:
    """One question's candidates: each channel's 0…1 scores, which are gold, and its evidence."""

    scores: dict[str, np.ndarray]
    relevant: np.ndarray  # bool per candidate (all False for an off-topic question)
    evidence: np.ndarray  # per candidate
    cosines: np.ndarray  # raw dense cosine per candidate


def load_questions(paths: Sequence[Path]) -> tuple[list[tuple[str, tuple[str, ...]]], list[str]]:
    """(in-corpus questions with their gold quotes, off-topic questions) from eval-format JSONL files:
    a case with `citation_contains` is in-corpus, one whose route is `refusal` is off-topic."""
    in_corpus, off_topic = [], []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            case = json.loads(line)
            expect = case.get("expect", {})
            if expect.get("route") == "refusal" or case.get("kind") == "refusal":
                off_topic.append(case["question"])
            elif expect.get("citation_contains") and not case.get("history"):
                in_corpus.append((case["question"], tuple(expect["citation_contains"])))
    return in_corpus, off_topic


class Calibrator:
    """Chooses weights, floors and the dense range from scored in-corpus and off-topic questions."""

    def __init__(self, step: float = WEIGHT_STEP) -> None:
        if not 0 < step <= 0.5:
            raise ValueError(f"step must be in (0, 0.5], got {step}")
        self.step = step

    @staticmethod
    def dense_range(in_corpus_best: np.ndarray, background: np.ndarray) -> tuple[float, float]:
        low = float(np.median(background))
        high = float(np.percentile(in_corpus_best, 95)) if len(in_corpus_best) else 1.0
        return (round(low, 4), round(max(high, low + 0.05), 4))

    def run(self, in_corpus: list[ScoredQuestion], off_topic: list[ScoredQuestion], dense_range: tuple[float, float],
            available: Sequence[str] = CHANNELS) -> Calibration:  # fmt: skip
        if not in_corpus:
            raise ValueError("calibration needs in-corpus questions with gold passages")
        weights, quality = self._weights(in_corpus, available)
        floors = {}
        for mode, channels in MODE_CHANNELS.items():
            mode_weights = weights if mode == "hybrid" else {channels[0]: 1.0}
            if any(c not in available for c in mode_weights):
                continue
            floors[mode] = self._floor(_best(in_corpus, mode_weights), _best(off_topic, mode_weights))
        evidence = self._evidence_floor(in_corpus, off_topic, weights, floors["hybrid"])
        kept = [q for q in off_topic if _passes(q, weights, floors["hybrid"], evidence)]
        lost = [q for q in in_corpus if not _passes(q, weights, floors["hybrid"], evidence)]
        details = {
            "in_corpus": len(in_corpus),
            "in_corpus_refused": len(lost),
            "off_topic": len(off_topic),
            "off_topic_refused": len(off_topic) - len(kept),
            "lowest_in_corpus_score": round(float(_best(in_corpus, weights).min()), 4),
            "highest_off_topic_score": round(float(_best(off_topic, weights).max()), 4) if off_topic else None,
            **{k: round(v, 4) for k, v in quality.items()},
        }
        logger.info("calibrated: weights %s floors %s evidence %.3f %s", weights, floors, evidence, details)
        return Calibration(weights, dense_range, floors, evidence, "calibrated", details)

    def _weights(self, questions: list[ScoredQuestion], available: Sequence[str]) -> tuple[dict[str, float], dict]:
        steps = round(1 / self.step)
        best: tuple | None = None
        for parts in itertools.product(range(steps + 1), repeat=len(CHANNELS) - 1):
            rest = steps - sum(parts)
            if rest < 0:
                continue
            weights = {c: n * self.step for c, n in zip(CHANNELS, (*parts, rest), strict=True)}
            if any(weights[c] > 0 for c in CHANNELS if c not in available):
                continue
            mrr, hit5 = _ranking(questions, weights)
            # ties go to the mix nearest an even one: no channel is dropped on a coin flip
            key = (round(mrr, 6), round(hit5, 6), -max(weights.values()))
            if best is None or key > best[0]:
                best = (key, weights, {"mrr@10": mrr, "hit@5": hit5})
        assert best is not None
        return {c: round(w, 4) for c, w in best[1].items()}, best[2]

    @staticmethod
    def _floor(in_best: np.ndarray, off_best: np.ndarray) -> float:
        lowest_in = float(in_best.min())
        highest_off = float(off_best.max()) if len(off_best) else 0.0
        if highest_off < lowest_in:
            return round(highest_off + FLOOR_POSITION * (lowest_in - highest_off), 4)
        return round(FLOOR_ROOM * lowest_in, 4)

    @staticmethod
    def _evidence_floor(in_corpus: list[ScoredQuestion], off_topic: list[ScoredQuestion],
                        weights: dict[str, float], floor: float) -> float:  # fmt: skip
        """The least keyness of a question term the best hit must contain, unless the dense channel is
        sure of it; every in-corpus question keeps its hits, and off-topic questions the floor let
        through are refused where that allows."""
        in_evidence = [e for e, dense in map(lambda q: _top(q, weights), in_corpus) if dense < DENSE_SURE]
        off_evidence = [e for q in off_topic if _best_one(q, weights) >= floor
                        for e, dense in [_top(q, weights)] if dense < DENSE_SURE]  # fmt: skip
        if not in_evidence:
            return NO_EVIDENCE
        lowest_in = min(in_evidence)
        refusable = [e for e in off_evidence if e < lowest_in]
        if not refusable:
            return round(max(NO_EVIDENCE, lowest_in - EVIDENCE_ROOM), 4)
        highest_off = max(refusable)
        return round(highest_off + FLOOR_POSITION * (lowest_in - highest_off), 4)


def fused(question: ScoredQuestion, weights: dict[str, float]) -> np.ndarray:
    total = np.zeros(len(question.relevant), dtype=np.float32)
    for channel, weight in weights.items():
        if weight and channel in question.scores:
            total += weight * question.scores[channel]
    return total


def _best_one(question: ScoredQuestion, weights: dict[str, float]) -> float:
    scores = fused(question, weights)
    return float(scores.max()) if len(scores) else 0.0


def _best(questions: list[ScoredQuestion], weights: dict[str, float]) -> np.ndarray:
    return np.array([_best_one(q, weights) for q in questions], dtype=np.float32)


def _top(question: ScoredQuestion, weights: dict[str, float]) -> tuple[float, float]:
    """(evidence, dense score) of the question's best candidate."""
    scores = fused(question, weights)
    if not len(scores):
        return NO_EVIDENCE, 0.0
    best = int(np.argmax(scores))
    return float(question.evidence[best]), float(question.scores["dense"][best])


def passes(best_score: float, evidence: float, dense: float, floor: float, evidence_floor: float) -> bool:
    """Whether a best hit is good enough to answer with: over the floor, and holding a corpus-specific
    word of the question or sure by the dense channel."""
    return best_score >= floor and (evidence >= evidence_floor or dense >= DENSE_SURE)


def _passes(question: ScoredQuestion, weights: dict[str, float], floor: float, evidence_floor: float) -> bool:
    return passes(_best_one(question, weights), *_top(question, weights), floor, evidence_floor)


def _ranking(questions: list[ScoredQuestion], weights: dict[str, float]) -> tuple[float, float]:
    mrr = hit5 = 0.0
    for question in questions:
        scores = fused(question, weights)
        order = np.argsort(-scores, kind="stable")[:RANK_K]
        flags = question.relevant[order]
        if flags.any():
            rank = int(np.argmax(flags))
            mrr += 1 / (rank + 1)
            hit5 += rank < 5
    n = max(len(questions), 1)
    return mrr / n, hit5 / n
