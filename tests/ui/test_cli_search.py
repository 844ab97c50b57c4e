"""`policy-assistant search`: the JSON shape of DESIGN.md §4, readable output, clear errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from ui.cli import cli

HIT_KEYS = {"chunk_id", "doc_id", "title", "section", "text", "score"}


def _run(settings, *args):
    env = {"POLICY_DATA_DIR": str(settings.data_dir), "POLICY_CHROMA_HOST": None, "POLICY_EMBEDDING_MODEL": None}
    return CliRunner().invoke(cli, ["search", *args], env=env)


@pytest.mark.slow
def test_json_shape(ingested_settings):
    result = _run(ingested_settings, "海门市2020年PM2.5目标是多少", "--json", "--top-k", "3")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"query", "hits"} and data["query"] == "海门市2020年PM2.5目标是多少"
    assert 0 < len(data["hits"]) <= 3
    assert all(set(hit) == HIT_KEYS for hit in data["hits"])
    assert isinstance(data["hits"][0]["score"], float)
    assert any("33微克/立方米" in hit["text"] for hit in data["hits"])


@pytest.mark.slow
def test_filters_and_modes(ingested_settings):
    result = _run(ingested_settings, "专项资金执行率", "--json", "--region", "恩平", "--mode", "bm25", "--year", "2023")
    hits = json.loads(result.output)["hits"]
    assert hits and all(hit["doc_id"] == "jm-2023h1-lagging-tasks" and "恩平市" in hit["text"] for hit in hits)
    result = _run(ingested_settings, "黑臭水体", "--json", "--doc", "hm-2020-work-plan", "--kind", "工作计划")
    assert {hit["doc_id"] for hit in json.loads(result.output)["hits"]} == {"hm-2020-work-plan"}


@pytest.mark.slow
def test_unrelated_question_has_no_hits(ingested_settings):
    assert json.loads(_run(ingested_settings, "你好", "--json").output) == {"query": "你好", "hits": []}
    readable = _run(ingested_settings, "广州市2020年PM2.5目标是多少")
    assert readable.exit_code == 0 and "未找到" in readable.output


@pytest.mark.slow
def test_readable_output(ingested_settings):
    result = _run(ingested_settings, "旗杆石填埋场渗滤液", "--top-k", "2")
    assert result.exit_code == 0 and "得分" in result.output and "旗杆石" in result.output


def test_no_index_yet_says_to_ingest(settings):
    result = _run(settings, "海门市2020年PM2.5目标是多少", "--json")
    assert result.exit_code == 1
    assert "policy-assistant ingest" in result.output and result.output.startswith("错误")


@pytest.mark.parametrize("args", [["   "], ["海门", "--kind", "小说"]])
def test_bad_input_exits_2(settings, args):
    assert _run(settings, *args).exit_code == 2
