"""Plans run over the seed documents' tables: one frame in, facts and citations from that frame."""

from __future__ import annotations

import pytest

from structured.plan import Filter, QueryPlan, Ranking


def test_a_plan_checks_its_words():
    with pytest.raises(ValueError):
        Filter("rate", "between", 1)
    with pytest.raises(ValueError):
        QueryPlan("funds", shape="table")
    with pytest.raises(ValueError):
        Ranking("max", 0)


def test_facts_and_citations_come_from_the_rows_kept(executor):
    plan = QueryPlan("funds", filters=(Filter("fund_year", "in", (2022,)), Filter("rate", "lt", 60)), shape="list")
    result = executor.run(plan)
    assert set(result.frame["region"]) == {"蓬江区", "新会区", "开平市"}  # 001: 9.25, 42.8, 21.35
    assert [(f.region, f.value) for f in result.facts] == list(
        zip(result.frame["region"], result.frame["rate"], strict=True)
    )
    assert [r.locator for r in result.rows] == list(result.frame["locator"])


def test_a_column_compared_with_another(executor):
    plan = QueryPlan(
        "stations", filters=(Filter("pollutant", "eq", "NO2"), Filter("value", "lt", "target", column=True))
    )
    stations = set(executor.run(plan).frame["station"])
    # 001: NO2 strictly below target at 东湖 22<23, 西区 25<26, 富民 25<27, 中沙 …; 为民 20=20 and 南山 26=26 are level
    assert "为民" not in stations and "南山" not in stations and "东湖" in stations


def test_count_groups_and_ranking_keeps_ties(executor):
    plan = QueryPlan("stations", filters=(Filter("verdict", "eq", "behind"), Filter("pollutant", "eq", "PM10")),
                     group_by="region", aggregate="count", count_of="station", ranking=Ranking("max"), shape="rank")  # fmt: skip
    result = executor.run(plan)
    # 001: PM10 over target at three 蓬江 stations; two each in 江海, 新会 and 鹤山; one in 开平
    assert result.groups.to_dict("records") == [{"region": "蓬江区", "_value": 3, "_n": 3}]


def test_top_k_of_rows(executor):
    plan = QueryPlan("stations", filters=(Filter("pollutant", "eq", "PM10"),), measure="excess",
                     ranking=Ranking("max", 2), shape="rank")  # fmt: skip
    result = executor.run(plan)
    # 001: 中沙 50 against 39 (11 over), 南山 46 against 39 (7 over)
    assert list(result.frame["station"]) == ["中沙", "南山"]


def test_sum_counts_each_task_once(executor):
    plan = QueryPlan("tasks", filters=(Filter("doc_id", "in", ("jm-2020h1-key-tasks",)),), measure="points",
                     group_by="region", aggregate="sum", shape="sum")  # fmt: skip
    groups = executor.run(plan).groups
    assert (
        dict(zip(groups["region"], groups["_value"], strict=True)) == {r: 15 for r in groups["region"]}
        and len(groups) == 7
    )


def test_regions_without_such_rows(executor):
    plan = QueryPlan("tasks", filters=(Filter("doc_id", "in", ("jm-2023h1-lagging-tasks",)),
                                       Filter("key_assessment", "eq", True)),
                     group_by="region", complement=True, shape="list")  # fmt: skip
    # 001 marks 【重点考核】 in 蓬江, 江海, 新会, 开平 and 恩平 only
    assert set(executor.run(plan).groups["region"]) == {"台山市", "鹤山市"}


def test_rows_picked_by_their_words(executor):
    plan = QueryPlan("tasks", match="楼冈污水处理厂", shape="detail")
    result = executor.run(plan)
    assert set(result.frame["region"]) == {"开平市"} and result.confidence >= 0.9
    assert "完成工程量10%" in result.frame["progress"].iloc[0]


def test_each_name_of_a_pair_finds_its_row(executor):
    plan = QueryPlan("indicators", filters=(Filter("doc_id", "in", ("hm-2020-work-plan",)),),
                     match="化学需氧量|氨氮排放总量", shape="detail")  # fmt: skip
    targets = set(executor.run(plan).frame["target_text"])
    assert {"较2015年削减12.01%", "较2015年削减12.04%"} <= targets  # 002 附件1 序号9


def test_groups_meeting_two_conditions_on_different_rows(executor):
    # 001: 2022 rate above 80% and a 2023 省级以上 rate of 0%: 江海 (85.49, 0) and 鹤山 (89.6, 0)
    plan = QueryPlan(
        "funds",
        entity_conditions=((Filter("fund_year", "eq", 2022), Filter("rate", "gt", 80)),
                           (Filter("fund_year", "eq", 2023), Filter("level", "eq", "省级以上"), Filter("rate", "eq", 0))),
        group_by="region", shape="list",
    )  # fmt: skip
    assert set(executor.run(plan).frame["region"]) == {"江海区", "鹤山市"}


def test_a_count_in_words_matches_the_same_count_in_digits():
    """「五期工程」 asked of a row that writes 「5期」 (and 「两座」 of 「2座」) matches it fully."""
    import pandas as pd

    from structured.rowmatch import RowIndex

    frame = pd.DataFrame({"task": ["荷塘镇污水处理厂5期工程建设", "新建2座垃圾转运站", "荷塘镇污水管网改造"]})
    index = RowIndex({"tasks": (frame, ("task",))})
    assert index.coverage("荷塘镇污水处理厂五期工程", "tasks", frame.index)[0] == 1.0
    assert index.coverage("两座垃圾转运站", "tasks", frame.index)[1] == 1.0
