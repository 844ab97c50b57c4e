"""The short names a site's long name is asked by (`structured.vocabulary._site_names`; made-up names)."""

from __future__ import annotations

from structured.vocabulary import _site_names


def test_a_section_by_its_own_name():
    """「舞水竹坪铺断面（芷江侗族自治县，省控）」: without its brackets, without its river, and its stem."""
    shorts = {short for _, short in _site_names(["舞水竹坪铺断面（芷江侗族自治县，省控）"])}
    assert shorts == {"舞水竹坪铺断面", "竹坪铺断面", "竹坪铺"}


def test_no_short_name_of_a_project_or_a_sea_point():
    """A project named after its river (「赤水河（仁怀段）茅台镇…工程」) is no 「赤水河」; 「南水海域点位」 is no 「海域点位」."""
    assert _site_names(["赤水河（仁怀段）茅台镇集镇污水管网完善工程", "南水海域点位"]) == []
