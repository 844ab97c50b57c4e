"""The four tables built from the seed documents; every expected value is read off the documents."""

from __future__ import annotations

import pytest

from structured.progress import quantity_for, read_numbers

TASKS_2020 = "jm-2020h1-key-tasks"
TASKS_2023 = "jm-2023h1-lagging-tasks"
HAIMEN = "hm-2020-work-plan"


def test_no_table_was_skipped(corpus_tables):
    assert corpus_tables.warnings == []


def test_2020_has_35_tasks_each_with_its_region(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    tasks_2020 = tasks[tasks["doc_id"] == TASKS_2020]
    assert tasks_2020["task_key"].nunique() == 35
    by_task = tasks_2020.drop_duplicates("task_key").set_index("task_no")["region"]
    expected = ["蓬江区", "江海区", "新会区", "台山市", "开平市", "鹤山市", "恩平市"]
    for n in range(1, 36):
        assert by_task[str(n)] == expected[(n - 1) // 5]


def test_sub_items_have_their_own_status_and_deadline(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    task_34 = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "34")].set_index("sub_item")
    assert task_34.loc["（1）", "status_raw"] == "未完成任务要求"
    assert task_34.loc["（1）", "status"] == "not_met"
    assert task_34.loc["（2）", "status"] == "on_track"
    task_1 = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "1")].set_index("sub_item")
    assert task_1.loc["（1）", "deadline"] == "2020-06-30"
    assert task_1.loc["（2）", "deadline"] == "2020-09-30"


def test_2023_regions_carry_down_and_key_flags(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    tasks_2023 = tasks[tasks["doc_id"] == TASKS_2023].drop_duplicates("task_key")
    assert len(tasks_2023) == 25
    assert "" not in set(tasks_2023["region"])
    sewage = tasks_2023[tasks_2023["task"].str.contains("恩平市新增67个自然村")]
    assert list(sewage["region"]) == ["恩平市"] and list(sewage["status_raw"]) == ["进度滞后"]
    assert tasks_2023[tasks_2023["task"].str.contains("8座加油站") & (tasks_2023["region"] == "蓬江区")][
        "key_assessment"
    ].item()
    # 001 carries seven 【重点考核】 marks; a mark before 「（1）…（2）…」 marks every sub-item
    key = tasks_2023[tasks_2023["key_assessment"].astype(bool)]
    assert len(key) == 7 and set(key["region"]) == {"蓬江区", "江海区", "新会区", "开平市", "恩平市"}
    stations = tasks[(tasks["doc_id"] == TASKS_2023) & tasks["task"].str.contains("江海富民")]
    assert len(stations) == 2 and stations["key_assessment"].astype(bool).all()
    deadlines = tasks[(tasks["doc_id"] == TASKS_2023) & tasks["task"].str.contains("8座加油站")]["deadline"]
    assert "2023-12-10" in set(deadlines)


def test_a_sub_items_status_is_its_documents_lead_phrase(corpus_tables):
    # 000 序号23: 「按进度推进。（1）…已完成主体工程建设，正在进行设备安装。」 is on track, not completed
    tasks = corpus_tables.frames["tasks"]
    task_23 = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "23")].set_index("sub_item")
    assert task_23.loc["（1）", "status_raw"] == "按进度推进"
    assert set(task_23["status"]) == {"on_track"}


def test_points_split_per_sub_item(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    task_29 = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "29")]
    assert list(task_29["points"]) == [1.5, 1.5]
    assert set(task_29["task_points"]) == {3.0}


def test_stations_20_readings(corpus_tables):
    stations = corpus_tables.frames["stations"]
    assert len(stations) == 20
    assert len(stations[["region", "station"]].drop_duplicates()) == 10
    pm10 = stations[stations["pollutant"] == "PM10"]
    assert len(pm10) == 10 and (pm10["value"] > pm10["target"]).all()


def test_no2_results(corpus_tables):
    no2 = corpus_tables.frames["stations"]
    no2 = no2[no2["pollutant"] == "NO2"].set_index("station")
    assert (no2.loc["花果山", "value"], no2.loc["花果山", "target"]) == (24, 22)
    assert no2.loc["花果山", "status"] == "not_met"
    assert (no2.loc["北街", "value"], no2.loc["北街", "target"]) == (24, 23)
    assert no2.loc["北街", "status"] == "basically_on_track"
    others = no2.drop(index=["花果山", "北街"])
    assert len(others) == 8 and (others["status"] == "completed").all()
    assert (others["value"] <= others["target"]).all()
    assert no2["consistent"].all()  # every stated level agrees with its numbers


def test_station_names_are_stripped_of_regions(corpus_tables):
    stations = set(corpus_tables.frames["stations"]["station"])
    assert stations == {"东湖", "北街", "西区", "富民", "中沙", "圭峰西", "银湖", "为民", "花果山", "南山"}


def test_funds(corpus_tables):
    funds = corpus_tables.frames["funds"]
    jianghai_2022 = funds[(funds["region"] == "江海区") & (funds["fund_year"] == 2022)]
    assert list(jianghai_2022["rate"]) == [85.49]
    taishan_central = funds[(funds["region"] == "台山市") & (funds["fund_year"] == 2023) & (funds["level"] == "中央")]
    assert list(taishan_central["rate"]) == [0.55]
    enping = funds[(funds["region"] == "恩平市") & (funds["fund_year"] == 2023)].set_index("level")
    assert enping.loc["省级以上", "rate"] == 63 and enping.loc["市级", "rate"] == 100
    assert enping.loc["省级以上", "allocated"] == 633.9
    # 2022 funds were due at 100% by the end of June 2023
    assert jianghai_2022["target"].item() == 100 and not jianghai_2022["meets_target"].item()


def test_not_spent_funds_count_as_zero_with_their_reason(corpus_tables):
    funds = corpus_tables.frames["funds"]
    kaiping = funds[(funds["region"] == "开平市") & (funds["fund_year"] == 2023)].set_index("level")
    assert kaiping.loc["省级以上", "rate"] == 0 and "暂未支出" in kaiping.loc["省级以上", "rate_basis"]
    assert kaiping.loc["省级以上", "allocated"] == 1205.1


def test_rural_sewage_rate_agrees_with_counts(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    xinhui = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "15")].iloc[0]
    assert (xinhui["done"], xinhui["total"], xinhui["rate_stated"]) == (45, 328, 13.7)
    assert xinhui["rate_computed"] == pytest.approx(13.72, abs=0.01)
    assert xinhui["rate_consistent"]


def test_rate_that_disagrees_with_counts_is_flagged(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    boilers = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "11") & (tasks["sub_item"] == "（1）")].iloc[
        0
    ]
    assert (boilers["done"], boilers["total"], boilers["rate_stated"]) == (5, 19, 26)
    assert boilers["rate_consistent"] is False or boilers["rate_consistent"] == False  # noqa: E712
    assert "26%" in boilers["check"] and "5/19" in boilers["check"]


def test_a_count_without_a_rate_pairs_with_the_tasks_own_count(corpus_tables):
    # 001 恩平: 「新增67个自然村…」, progress 「新增10个自然村完成生活污水治理。10个纳入省民生实事示范自然村…」
    tasks = corpus_tables.frames["tasks"]
    villages = tasks[(tasks["region"] == "恩平市") & tasks["task"].str.contains("新增67个自然村")].iloc[0]
    assert (villages["done"], villages["total"], villages["measure_unit"]) == (10, 67, "个")


def test_quantity_for_tells_counts_apart_by_their_own_words():
    # 000 新会区 序号12: both counts name 挥发性有机物重点…企业; 县级/监管 and 新增 tell them apart
    text = "完成8家县级挥发性有机物重点监管企业和43家新增挥发性有机物重点企业“一企一策”综合整治工作。"
    assert quantity_for("县级挥发性有机物重点监管企业一共多少家", text, "家") == 8
    assert quantity_for("新增挥发性有机物重点企业最多的是", text, "家") == 43
    assert quantity_for("治理率目标", "治理率（自然村覆盖率）达到45%。新增334个自然村", "%") == 45
    assert quantity_for("锅炉有多少台", text, "台") is None


def test_read_numbers_leaves_two_matching_counts_alone():
    # both counts read as 「…自然村…」 work: which one is done cannot be told, so neither is
    numbers = read_numbers("新增10个自然村完成治理；新增12个自然村完成治理。", ["新增67个自然村完成治理。"])
    assert numbers.done is None and numbers.total is None


def test_read_numbers_pairs_the_one_count_said_done_with_the_tasks_one_total():
    # worded differently (「安装」 against 「推动…安装」), but the only 已-count and the only total in 家
    numbers = read_numbers("正在推进，已安装246家。", ["", "", "", "推动300家餐饮单位安装油烟在线监控设施"])
    assert (numbers.done, numbers.total, numbers.unit) == (246, 300, "家")
    # two totals in 家: which one is meant cannot be told
    both = read_numbers("已整治12家。", ["", "完成20家工业企业整治和15家餐饮企业整治"])
    assert both.done is None and both.total is None


def test_read_numbers_counts_sets_of_equipment():
    # 「套」 counts equipment as 「台」 does: 22 of 60
    numbers = read_numbers("已安装22套，设备采购延迟", ["", "", "安装扬尘在线监测设备60套", "建筑工地扬尘在线监测"])
    assert (numbers.done, numbers.total, numbers.unit) == (22, 60, "套")


def test_read_numbers_takes_the_count_said_done_not_the_last_count():
    # 「7个镇…尚在招标」 is what is left: 7/11 would flag the document's 36.4% (4/11) as wrong
    numbers = read_numbers("已完成4个镇污水管网建设，7个镇污水管网尚在招标，完成率36.4%", ["完成11个镇污水管网建设"])
    assert (numbers.done, numbers.total, numbers.check) == (4, 11, "")


def test_investment_progress(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    river = tasks[(tasks["doc_id"] == TASKS_2020) & (tasks["task_no"] == "14")].iloc[0]
    assert (river["done"], river["total"], river["rate_stated"]) == (10670.78, 45254, 23.58)
    assert river["rate_consistent"]


def test_haimen_annex1_tasks_have_lead_units(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    annex1 = tasks[(tasks["doc_id"] == HAIMEN) & (tasks["table"] == "附件1")]
    assert sorted(int(n) for n in annex1["task_no"].unique()) == [n for n in range(1, 91) if n != 6]
    row_45 = annex1[annex1["task_no"] == "45"].iloc[0]
    assert row_45["locator"] == "附件1 序号45"
    assert row_45["lead_units"] == "水利局、河长办、生态环境局"
    assert row_45["responsible_units"] == "海门港新区"
    # a task name merged over rows 11-17 is carried down
    assert annex1[annex1["task_no"] == "13"]["task"].item().startswith("1、深度治理工业大气污染")


def test_haimen_annex2_points_sum_over_every_project(corpus_tables):
    # 附件2 lists several projects under one 序号, each with its own 分值: they add up to 61
    tasks = corpus_tables.frames["tasks"]
    annex2 = tasks[(tasks["doc_id"] == HAIMEN) & (tasks["table"] == "附件2")].drop_duplicates("task_key")
    assert annex2["task_points"].sum() == 61


def test_haimen_annex2_milestones_and_points(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    annex2 = tasks[(tasks["doc_id"] == HAIMEN) & (tasks["table"] == "附件2")]
    forest = annex2[annex2["task"] == "沿江生态防护林建设工程"].iloc[0]
    assert forest["task_points"] == 2 and forest["lead_units"] == "自然资源局"
    assert "完成建设沿江生态防护林100亩" in forest["milestones"]
    assert forest["deadline"] == "2020-12-31"


def test_indicator_table_003(corpus_tables):
    indicators = corpus_tables.frames["indicators"]
    table1 = indicators[indicators["doc_id"] == "jm-13th-five-year-plan"]
    assert len(table1) == 19
    pm25 = table1[table1["seq"] == "2"].iloc[0]
    assert pm25["name"] == "PM2.5年均浓度" and pm25["unit"] == "μg/m3"
    assert (pm25["baseline_value"], pm25["target_comparator"], pm25["target_value"]) == (34, "<", 35)
    assert pm25["attribute"] == "约束性"
    cod = table1[table1["seq"] == "11"].iloc[0]
    assert cod["baseline_value"] == 9.96 and "万吨" in cod["note"]


def test_indicator_table_004(corpus_tables):
    indicators = corpus_tables.frames["indicators"]
    table = indicators[indicators["doc_id"] == "jm-2020-eco-civilization-programme"]
    assert sorted({int(s) for s in table["seq"]}) == list(range(1, 38))
    not_counted = table[table["current_text"] == "未统计"]
    assert len(not_counted) == 5 and not_counted["current_value"].isna().all()
    sewage = table[table["name"] == "城镇污水处理率"].iloc[0]
    assert (sewage["standard_scope"], sewage["standard_comparator"], sewage["standard_value"]) == ("市", "≥", 95)
    assert sewage["unit"] == "%" and sewage["current_value"] == 95.5 and sewage["computed_status"] == "达标"
    green = table[table["name"] == "城镇新建绿色建筑比例"].iloc[0]
    assert (green["current_value"], green["computed_status"], green["stated_status"]) == (30, "未达标", "未达标")
    pm25_drop = table[table["name"] == "PM2.5浓度下降幅度"].iloc[0]
    assert pm25_drop["parent"] == "环境空气质量" and pm25_drop["seq"] == "7"


def test_haimen_targets_become_indicators(corpus_tables):
    indicators = corpus_tables.frames["indicators"]
    haimen = indicators[indicators["doc_id"] == HAIMEN].set_index("name")
    assert haimen.loc["PM2.5年均浓度", "target_value"] == 33
    assert haimen.loc["PM2.5年均浓度", "unit"] == "微克/立方米"
    assert haimen.loc["PM2.5年均浓度", "target_comparator"] == "≤"
    assert haimen.loc["空气质量优良天数比率", "target_value"] == 83.3
    assert haimen.loc["城市生活污水集中收集率", "target_comparator"] == "≥"
    assert haimen.loc["总磷排放总量", "target_value"] == 8.58


def test_tables_round_trip_through_disk(corpus_tables, tmp_path):
    from structured import StructuredTables

    corpus_tables.save(tmp_path)
    loaded = StructuredTables.load(tmp_path)
    assert loaded.counts() == corpus_tables.counts()
    assert loaded.frames["funds"]["rate"].tolist() == corpus_tables.frames["funds"]["rate"].tolist()


def test_a_rate_of_the_whole_task_is_not_flagged_against_a_milestone():
    # the sub-item's requirement is the half-year milestone (17.5公里); the stated 40% is of the
    # whole task's 35公里 — 14/35 is 40%, so nothing is inconsistent
    numbers = read_numbers(
        "进度滞后。截至6月底，已建成城镇污水管网14公里，完成率40%。",
        ["", "2024年6月底前，完成新建管网17.5公里。", "", "新建城镇污水管网35公里。"],
    )
    assert (numbers.done, numbers.total, numbers.consistent) == (14, 35, True)
    # a rate that fits neither total stays flagged, against the sub-item's own total
    wrong = read_numbers(
        "截至6月底，已建成城镇污水管网14公里，完成率60%。",
        ["", "2024年6月底前，完成新建管网17.5公里。", "", "新建城镇污水管网35公里。"],
    )
    assert wrong.total == 17.5 and wrong.consistent is False and "文件写60%" in wrong.check


def test_a_second_document_with_another_figure_is_flagged(corpus_documents):
    """The same station, pollutant and half-year in two documents with different readings: both
    rows say so and the ingest report lists it; a document that agrees raises nothing."""
    from dataclasses import replace

    from structured import build_tables

    seed = corpus_documents["jm-2023h1-lagging-tasks"]
    grid = [["区域", "主要任务", "工作内容及要求", "工作进展情况"],
            ["蓬江区", "强化空气质量自动监测子站周边污染源管控。", "蓬江区东湖空气质量自动监测子站PM10浓度达到或优于39微克/立方米。",
             "1-6月，蓬江区东湖空气质量自动监测子站PM10浓度为41微克/立方米，未达任务要求。"]]  # fmt: skip
    copy = replace(seed, info=replace(seed.info, doc_id="user-copy", title="另一份进度表"),
                   tables=[replace(seed.tables[0], rows=grid, caption="2023年1-6月")])  # fmt: skip
    tables = build_tables([seed, copy])
    stations = tables.frames["stations"]
    rows = stations[(stations["station"] == "东湖") & (stations["pollutant"] == "PM10")]
    assert set(rows["value"]) == {43, 41}  # 《2023年…进度滞后情况表》 writes 43
    assert all("不一致" in c for c in rows["conflict"])
    assert any("东湖" in w and "不一致" in w for w in tables.warnings)
    assert all(c == "" for c in stations[stations["station"] != "东湖"]["conflict"])
    assert all(isinstance(y, int) for y in stations["year"])  # never 2023.0


def test_counts_in_wan_are_counts_and_one_count_done_meets_its_total():
    # 「已完成1.9万户」 names no work; the requirement's one total in 户 is its total; the column's rate beside it
    numbers = read_numbers("已完成1.9万户，剩余部分正在入户施工；完成率73%", ["", "完成农村清洁取暖改造2.6万户"])
    assert (numbers.done, numbers.total, numbers.unit, numbers.rate_stated) == (19000, 26000, "户", 73)
    done = read_numbers("截至9月底，累计完成改造1.05万户，完成率83.3%", ["完成剩余1.26万户散煤清洁取暖改造"])
    assert (done.done, done.total) == (10500, 12600)
    assert read_numbers("已下达资金2.5万元", ["安排资金3万元"]).unit != "户"  # 万元 is a unit, not ten thousand 元
