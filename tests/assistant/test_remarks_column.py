"""A task list whose progress column holds only a status and whose 备注 holds the figures (a made-up 肇庆 list)."""

from __future__ import annotations

import docx
import pytest

from corpus import load_document

# 任务名称, 进展情况, 备注
TASKS = [
    ("淘汰国三及以下排放标准柴油货车800辆", "进度滞后", "已淘汰200辆"),
    ("完成12座加油站油气回收在线监控安装", "按进度推进", "已安装9座"),
]


@pytest.fixture(scope="module")
def ask(tmp_path_factory, table_asker):
    path = tmp_path_factory.mktemp("remarks") / "肇庆市2025年重点任务清单进展情况表.docx"
    word = docx.Document()
    word.add_paragraph("肇庆市2025年重点任务清单进展情况表")
    table = word.add_table(rows=len(TASKS) + 1, cols=5)
    for cell, text in zip(table.rows[0].cells, ["序号", "任务名称", "牵头单位", "进展情况", "备注"], strict=True):
        cell.text = text
    for i, (task, progress, remark) in enumerate(TASKS, start=1):
        for cell, text in zip(table.rows[i].cells, [str(i), task, "市公安局", progress, remark], strict=True):
            cell.text = text
    word.save(path)
    return table_asker([load_document(path)])


def test_the_figures_of_a_remarks_column_give_the_rate(ask):
    answer = ask("淘汰国三柴油货车那项现在完成了百分之多少？")  # 200 of 800
    assert "25.0%" in answer.text and "200辆" in answer.text


def test_what_is_left_from_a_remarks_column(ask):
    assert "还差3座" in ask("加油站油气回收在线监控还剩几座没装？").text  # 12 − 9
