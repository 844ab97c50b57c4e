"""Rates and statuses read off a progress cell in the words bureaus write (made-up cells)."""

from __future__ import annotations

import pytest

from corpus.glossary import column_status
from structured.progress import read_numbers


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("按要求6月底前需完成60%，目前完成进度45%", 45),  # the aim set, then the share done
        ("计划年底完成80%，目前已完成50%", 50),
        ("新建管网32公里，已完成18公里，完成56%", 56),
        ("完成补播改良1.2万亩，占计划的60%", 60),
        ("事故应急池建设完成60%", 60),  # 应急 / 主要 / 重要 / 目标 set no aim
        ("主要设备安装完成70%", 70),
        ("重要节点工程已完成80%", 80),
        ("年度目标任务已完成60%", 60),
    ],
)
def test_the_share_done(text, rate):
    assert read_numbers(text, []).rate_stated == rate


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("已整改", "completed"),
        ("整改完成", "completed"),
        ("整改中", "on_track"),
        ("部分整改", "on_track"),
        ("未整改", "not_started"),
        ("逾期未整改", "lagging"),
        ("未整改到位", "lagging"),
        ("逾期完成", "completed"),
    ],
)
def test_an_inspections_putting_right(cell, status):
    assert column_status(cell) == status
