"""Eval cases written in Excel load into the same Case objects a .jsonl set gives."""

from __future__ import annotations

import openpyxl
import pytest

from evals.runner import Case, DatasetError, load_dataset

HEADER = ["编号", "题型", "问题", "对话历史", "路由", "应包含", "应包含其一", "不应包含", "引文应包含", "备注"]


def _workbook(path, rows, header=HEADER, title="用例"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return sheet


def test_a_sheet_loads_into_cases(tmp_path):
    path = tmp_path / "用例.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    sheet.append([None, None, "哪些区县PM10未达标？", None, "structured", "蓬江区；江海区\n鹤山市", "未达|超标；滞后",
                  "台山市", "东湖空气质量自动监测子站", "张三写"])  # fmt: skip
    sheet.append([])  # an empty row is skipped
    sheet.append(
        ["f1", "追问", "那NO2呢？", "用户：蓬江东湖子站PM10达标了吗？\n助手：未达标，\n43微克/立方米。", "表格", 24]
    )
    sheet.append([None, None, "江海区2022年度执行率？", None, " Structured ", 0.8549, None, None, None])
    sheet["F5"].number_format = "0.00%"  # typed as 85.49% in Excel, stored as 0.8549
    sheet.append([None, None, "广州市PM2.5目标是多少？", None, "拒答", "未在已收录文件中找到"])
    workbook.save(path)

    assert load_dataset(path) == [
        Case("x001", "structured", "哪些区县PM10未达标？", expect={
            "route": "structured",
            "answer_contains": ["蓬江区", "江海区", "鹤山市"],
            "answer_excludes": ["台山市"],
            "citation_contains": ["东湖空气质量自动监测子站"],
            "answer_contains_any": [["未达", "超标"], ["滞后"]],
        }),
        Case("f1", "followup", "那NO2呢？", history=[
            {"role": "user", "content": "蓬江东湖子站PM10达标了吗？"},
            {"role": "assistant", "content": "未达标，\n43微克/立方米。"},
        ], expect={"route": "structured", "answer_contains": ["24"]}),
        Case("x003", "structured", "江海区2022年度执行率？", expect={"route": "structured", "answer_contains": ["85.49%"]}),
        Case("x004", "refusal", "广州市PM2.5目标是多少？", expect={"route": "refusal", "answer_contains": ["未在已收录文件中找到"]}),
    ]  # fmt: skip


def test_only_the_question_column_is_required_and_the_kind_follows_the_row(tmp_path):
    path = tmp_path / "简单.xlsx"
    _workbook(path, [["你好"], ["那PM10呢？", "用户：东湖子站NO2？\n助手：22。"], ["如何治理扬尘？"]],
              header=["问题", "对话历史"])  # fmt: skip
    cases = load_dataset(path)
    assert [(c.id, c.kind, c.expect) for c in cases] == [("x001", "", {}), ("x002", "followup", {}), ("x003", "", {})]


def test_the_first_sheet_with_a_question_column_is_read(tmp_path):
    path = tmp_path / "两页.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "说明"
    workbook.active.append(["本表由评测人员填写"])
    cases = workbook.create_sheet("用例")
    cases.append(["问题", "路由"])
    cases.append(["你好", "拒答"])
    workbook.save(path)
    assert load_dataset(path) == [Case("x001", "refusal", "你好", expect={"route": "refusal"})]


@pytest.mark.parametrize(
    ("header", "rows", "message"),
    [
        (["题目", "路由"], [["你好", "拒答"]], "用例.xlsx 工作表「用例」第 1 行（表头）缺少「问题」列"),
        (HEADER, [[None, None, "你好", None, "拒答"], [None, None, "江海区执行率？", None, "表"]],
         "用例.xlsx 工作表「用例」第 3 行：路由「表」无法识别"),
        (HEADER, [[None, "表格", "江海区执行率？"]], "第 2 行：题型「表格」无法识别"),
        (HEADER, [["a1", None, None, None, "拒答"]], "第 2 行：「问题」为空"),
        (HEADER, [["a1", None, "你好"], ["a1", None, "再见"]], "第 3 行：编号「a1」与第 2 行重复"),
        (HEADER, [[None, None, "那NO2呢？", "东湖子站PM10？"]], "第 2 行：「对话历史」第 1 行应以「用户：」或「助手：」开头"),
        (["问题", "应包括"], [["你好", "x"]], "第 1 行（表头）：「应包括」不是已知的列"),
        (["问题", "路由", "路由"], [["你好", "拒答", "拒答"]], "「路由」列出现了两次"),
    ],
)  # fmt: skip
def test_a_malformed_sheet_names_its_row_in_chinese(tmp_path, header, rows, message):
    path = tmp_path / "用例.xlsx"
    _workbook(path, rows, header=header)
    with pytest.raises(DatasetError, match=message):
        load_dataset(path)


def test_a_file_that_is_not_a_workbook_is_a_chinese_error(tmp_path):
    path = tmp_path / "坏.xlsx"
    path.write_text("问题\n你好\n", encoding="utf-8")
    with pytest.raises(DatasetError, match="无法读取 Excel 文件 坏.xlsx"):
        load_dataset(path)
