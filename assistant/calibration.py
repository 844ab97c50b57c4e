"""Calibrating retrieval on the current data version: what `policy-assistant calibrate` runs.

The weights of the word, character and dense channels, the dense score range and the refusal
floors depend on the embedding model and the corpus; an ingest measures them on the
configured dev sets (`Settings.calibration_sets`), and this re-measures them on any sets a
user gives (eval-format JSONL: questions with `citation_contains` are in-corpus, questions whose
route is `refusal` are off-topic). The result goes into the current index's manifest under the
model's id; a running server picks it up when it next loads the index (restart it).

>>> calibrate_current(Settings(), [Path("evals/datasets/retrieval_dev.jsonl")]).floors["hybrid"]  # doctest: +SKIP
0.08
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from assistant.datadir import DataDir, retrieval_config
from assistant.settings import Settings
from corpus.errors import PolicyAssistantError
from retrieval.calibration import Calibration
from retrieval.indexer import store_calibration
from retrieval.retriever import HybridRetriever

logger = logging.getLogger(__name__)


class CalibrationError(PolicyAssistantError):
    """The dev sets cannot calibrate this index (missing files, no gold passage in the corpus)."""


def calibrate_current(settings: Settings, paths: Sequence[Path] = ()) -> Calibration:
    """Calibrate the current version's retrieval on `paths` (default: the settings' sets) and store it."""
    paths = list(paths) or list(settings.calibration_sets)
    missing = [str(p) for p in paths if not Path(p).is_file()]
    if missing:
        raise CalibrationError(f"找不到校准用的数据集：{'、'.join(missing)}")
    snapshot = DataDir(settings.data_dir).require_current()
    retriever = HybridRetriever.from_snapshot(snapshot, retrieval_config(settings))
    try:
        calibration = retriever.calibrate(paths)
    except ValueError as exc:
        raise CalibrationError(f"无法校准：{exc}（数据集中的「引文应包含」要能在已导入的文件中找到）") from exc
    store_calibration(Path(snapshot.retrieval_dir), retriever.model_id, calibration.to_dict())
    return calibration
