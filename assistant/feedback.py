"""Rated answers as eval cases (DESIGN.md §5), for evaluators to complete.

Each 👍/👎 a user gave becomes one case: the question, the conversation before it, and what can be
said without a person — a 👍 answer's route is the expected route; a 👎 answer expects nothing yet.
The rating, the comment and the answer given travel with the case (`review` in JSON Lines, the
「备注」 columns in Excel, which the eval runner does not read), so an evaluator sees why it was
rated and writes `answer_contains` and the rest.

>>> from assistant.conversations import RatedTurn, Turn
>>> import datetime as dt
>>> turn = Turn(7, "哪些区县PM10未达标？", {"answer": "蓬江区…", "route": "structured", "citations": []}, 1, "对")
>>> eval_cases([RatedTurn(turn, [], dt.datetime(2024, 1, 1))])[0]["expect"]
{'route': 'structured'}
"""

from __future__ import annotations

import json
from pathlib import Path

from assistant.conversations import RATINGS, RatedTurn
from corpus.errors import PolicyAssistantError

KIND_OF_ROUTE = {"structured": "structured", "mixed": "structured", "retrieval": "retrieval", "refusal": "refusal"}
SHEET_HEADERS = ["编号", "题型", "问题", "对话历史", "路由", "应包含", "应包含其一", "不应包含", "引文应包含",
                 "备注：评价", "备注：意见", "备注：当时的回答", "备注：当时的来源"]  # fmt: skip
SPEAKERS = {"user": "用户", "assistant": "助手"}


def eval_cases(rated: list[RatedTurn]) -> list[dict]:
    """One eval case per rated answer, in the contract's format plus a `review` for the evaluator."""
    cases = []
    for item in rated:
        turn, answer = item.turn, item.turn.answer
        route = answer.get("route", "")
        case = {
            "id": f"fb{turn.id:04d}",
            "kind": "followup" if item.history else KIND_OF_ROUTE.get(route, "retrieval"),
            "question": turn.question,
            "expect": {"route": route} if turn.rating == 1 and route else {},
            "review": {
                "rating": RATINGS.get(turn.rating or 0, ""),
                "comment": turn.comment,
                "answer": answer.get("answer", ""),
                "route": route,
                "sources": [f"《{c.get('title', '')}》{c.get('section', '')}" for c in answer.get("citations", [])],
                "rated_at": item.rated_at.isoformat(timespec="seconds"),
            },
        }
        if item.history:
            case["history"] = item.history
        cases.append(case)
    return cases


def write_cases(path: Path, cases: list[dict]) -> Path:
    """`.jsonl` (one case a line) or `.xlsx` (the eval runner's Excel columns)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in cases), encoding="utf-8")
    elif suffix == ".xlsx":
        _write_sheet(path, cases)
    else:
        raise PolicyAssistantError(f"导出文件应为 .jsonl 或 .xlsx，收到「{path.name}」")
    return path


def _write_sheet(path: Path, cases: list[dict]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "评价用例"
    sheet.append(SHEET_HEADERS)
    for case in cases:
        review = case["review"]
        history = "\n".join(f"{SPEAKERS[m['role']]}：{m['content']}" for m in case.get("history", []))
        sheet.append([case["id"], case["kind"], case["question"], history, case["expect"].get("route", ""),
                      "", "", "", "", review["rating"], review["comment"], review["answer"],
                      "\n".join(review["sources"])])  # fmt: skip
    for entry in sheet[1]:
        entry.font = Font(bold=True)
    for row in sheet.iter_rows(min_row=2):
        for entry in row:
            entry.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHIJKLM", (8, 10, 36, 36, 12, 20, 20, 20, 24, 10, 30, 60, 40), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    workbook.save(path)
