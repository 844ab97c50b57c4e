"""What the page and the exports show: document text as text, the reader's highlight, charts by filter."""

from __future__ import annotations

import html
import io
import json
import re

import openpyxl
import pandas as pd
from markdown_it import MarkdownIt

from assistant.conversations import Conversation, Turn
from corpus.model import Document, DocumentInfo, Table, TextBlock
from ui import exports, markdown
from ui.tableview import Filters
from ui.web import charts, chat, reader

HOSTILE = (
    "见[通知](http://evil.example/a) 和 https://evil.example/b ，www.evil.example <img src=x onerror=alert(1)> **粗**"
)
ANSWER = {
    "question": "哪些区县PM10未达标？",
    "answer": "蓬江区 东湖子站 PM10：43微克/立方米。" + HOSTILE,
    "route": "structured",
    "facts": [{"table": "stations", "region": "蓬江区", "item": "东湖子站 PM10", "value": 43, "target": 39,
               "unit": "微克/立方米", "status": "未达标", "source": {"doc_id": "jm-2023", "locator": "表 第2行"}}],
    "citations": [{"doc_id": "jm-2023", "title": "2023年进度滞后情况表", "section": "表 第2行", "chunk_id": "c",
                   "quote": "PM10指标浓度为43微克/立方米。" + HOSTILE, "score": 1.0}],
    "backend": "extractive",
    "timings_ms": {"total": 3.0},
}  # fmt: skip


def rendered(text: str) -> str:
    """HTML as a CommonMark renderer makes it (the browser tests check the chat's own renderer)."""
    return MarkdownIt("commonmark").render(text)


def test_escaped_markdown_renders_the_text_exactly_and_links_nothing():
    html = rendered(markdown.escape(HOSTILE))
    assert "<a " not in html and "<img" not in html and "<strong>" not in html
    assert "[通知](http://evil.example/a)" in html.replace("&quot;", '"')


def test_answer_markdown_keeps_links_as_text_and_names_the_source_document():
    text = exports.answer_markdown(ANSWER)
    html = rendered(text)
    assert "<a " not in html and "<img" not in html
    assert "《2023年进度滞后情况表》表 第2行" in text.replace("\\", "")
    assert "空气质量站点" in text and "stations" not in text


def test_answer_workbook_has_answer_facts_and_sources():
    book = openpyxl.load_workbook(io.BytesIO(exports.answer_workbook(ANSWER)))
    assert book.sheetnames == ["回答", "计算数据", "来源"]
    facts = list(book["计算数据"].values)
    assert facts[0][:3] == ("表", "区域", "项目") and facts[1][0] == "空气质量站点"
    assert facts[1][-1] == "《2023年进度滞后情况表》表 第2行"
    assert list(book["来源"].values)[1][1] == "2023年进度滞后情况表"
    value = book["计算数据"]["D2"]  # 43 as a number Excel sums, not the text 「43」
    assert value.value == 43 and value.number_format == "0"


def test_a_figure_written_as_text_is_exported_as_the_number_it_shows():
    frame = pd.DataFrame({"执行率": ["9.25%", "—"], "数值": ["0.55", "2023-09-30"], "编号": ["007", "12"]})
    sheet = openpyxl.load_workbook(io.BytesIO(exports.workbook({"表": frame}))).active
    assert (sheet["A2"].value, sheet["A2"].number_format) == (0.0925, "0.00%") and sheet["A3"].value == "—"
    assert (sheet["B2"].value, sheet["B2"].number_format) == (0.55, "0.00") and sheet["B3"].value == "2023-09-30"
    assert sheet["C2"].value == "007" and sheet["C3"].value == 12


def test_facts_without_any_show_an_empty_table():
    assert exports.facts_frame({"facts": [], "citations": []}).empty


# -- the reader -------------------------------------------------------------------------------------------


def test_reader_shows_headings_tables_and_escapes_document_text():
    doc = Document(
        DocumentInfo("d", "示例<b>文件</b>", region="江门市", year=2023),
        [TextBlock("总体目标明确。" + HOSTILE, ("一、总体要求",), line=2),
         TextBlock("细化措施。", ("一、总体要求", "（一）目标"), line=3)],
        [Table(1, "表1 任务表", [["区域", "任务"], ["蓬江区", "治理扬尘<script>x</script>"]], ("二、任务",), [5, 6])],
    )  # fmt: skip
    page = reader.render(doc)
    assert "<h3>一、总体要求</h3>" in page and "<h4>（一）目标</h4>" in page and "<h3>二、任务</h3>" in page
    assert page.index("细化措施") < page.index("<table>")  # the table where the source puts it
    assert "<th>区域</th>" in page and "<td>蓬江区</td>" in page
    assert "<script>" not in page and "<b>" not in page and "<img" not in page and "<a " not in page
    assert "&lt;script&gt;" in page and "[通知](http://evil.example/a)" in page


def test_a_passage_citation_marks_its_sentences(corpus_documents):
    plan = corpus_documents["jm-13th-five-year-plan"]
    block = next(b for b in plan.blocks if "黑臭水体" in b.text and len(reader.sentences(b.text)) > 2)
    quoted = reader.sentences(block.text)[1]
    marks = reader.locate(plan, quoted)
    index = plan.blocks.index(block)
    assert marks.row is None and index in marks.blocks and 1 in marks.blocks[index]
    page = reader.render(plan, quoted)
    assert f'<mark class="cited">{html.escape(quoted).replace(chr(10), "<br>")}</mark>' in page


def test_a_table_row_citation_marks_that_row(corpus_documents):
    # the 2023 table's row for 鹤山市, cited by its 南山 station sentence
    doc = corpus_documents["jm-2023h1-lagging-tasks"]
    quote = "1-6月，鹤山南山空气质量自动监测子站NO2指标浓度为26微克/立方米，达到任务要求。"
    marks = reader.locate(doc, quote)
    assert marks.row is not None and not marks.blocks
    row = doc.tables[marks.row[0]].rows[marks.row[1]]
    assert row[0] == "鹤山市" and any("南山" in cell for cell in row)
    page = reader.render(doc, quote)
    assert page.count('<tr class="cited">') == 1 and "<mark>" in page


def test_a_quote_not_in_the_document_says_so(corpus_documents):
    page = reader.render(corpus_documents["hm-2020-work-plan"], "这句话不在任何文件里出现过。")
    assert "未能在正文中定位引文" in page and 'class="cited"' not in page


# -- charts ---------------------------------------------------------------------------------------------------


def spec(chart: charts.Chart) -> dict:
    assert chart.plot is not None, chart.empty
    return json.loads(chart.plot.plot)


def test_status_colours_mean_what_they_say(corpus_tables):
    frame = Filters().apply("tasks", corpus_tables.frames["tasks"])
    scale = spec(charts.status_counts(frame, ""))["layer"][0]["encoding"]["color"]["scale"]
    colours = dict(zip(scale["domain"], scale["range"], strict=True))
    assert colours["进度滞后"] == "#e53935" and colours["未达要求"] == "#8e0000"  # reds
    assert colours["已完成/达到要求"] == "#2e7d32"  # green
    assert colours["基本按进度"] == "#f9a825"  # amber


def test_charts_draw_only_the_filtered_rows(corpus_tables):
    filters = Filters(region="恩平市", status="lagging")
    tasks = filters.apply("tasks", corpus_tables.frames["tasks"][corpus_tables.frames["tasks"]["region"] == "恩平市"])
    drawn = charts.status_counts(tasks, filters.describe())
    assert {row["状态"] for row in spec(drawn)["data"]["values"]} == {"进度滞后"}
    # 恩平市's lagging sub-items, read from the 2023 table: 第22行 (1)(2)(3), 第23行, 第24行
    assert drawn.caption == "图中子项共 5 项：进度滞后 5"
    stations = filters.apply("stations", corpus_tables.frames["stations"].iloc[0:0])
    empty = charts.station_readings(stations, filters.describe())
    assert empty.plot is None and empty.empty == "无数据：在「区域＝恩平市、状态＝进度滞后」下没有站点读数"


def test_task_rate_bars_are_one_per_task_and_rate_with_distinct_labels(corpus_tables):
    tasks = corpus_tables.frames["tasks"]
    frame = Filters(region="鹤山市").apply("tasks", tasks[tasks["region"] == "鹤山市"])
    rows = spec(charts.task_rates(frame, ""))["data"]["values"]
    labels = [r["标签"] for r in rows]
    assert len(labels) == len(set(labels))
    funds_task = [r for r in rows if "专项资金" in r["任务"]]
    assert len(funds_task) == 1 and funds_task[0]["数值"] == 89.6  # four sub-items share the 89.6% of 第20行


def test_charts_have_no_menu_of_english_actions(corpus_tables):
    frame = Filters().apply("tasks", corpus_tables.frames["tasks"])
    assert spec(charts.status_counts(frame, ""))["usermeta"] == {"embedOptions": {"actions": False}}


def test_empty_chart_names_a_reason_when_given():
    chart = charts.fund_rates(pd.DataFrame(), "只看【重点考核】", "专项资金表没有【重点考核】标记")
    assert chart.empty == "无数据：专项资金表没有【重点考核】标记"


# -- the chat --------------------------------------------------------------------------------------------------


def test_the_web_chat_sends_only_the_last_messages_of_a_long_conversation():
    turns = [Turn(n, f"问题{n}", {"answer": f"回答{n}"}) for n in range(80)]  # 160 messages: over the 100 allowed
    history = chat.recent_history(Conversation("c", "长对话", turns))
    assert history == [
        {"role": "user", "content": "问题78"}, {"role": "assistant", "content": "回答78"},
        {"role": "user", "content": "问题79"}, {"role": "assistant", "content": "回答79"},
    ]  # fmt: skip


def test_the_dashboards_status_counts_add_up_to_its_rows():
    from ui.web import dashboard

    frame = pd.DataFrame({"_status": ["lagging", "lagging", "completed", "unknown", "unknown", "unknown"]})
    text = dashboard._summary("tasks", frame, Filters())
    counts = [int(n) for n in re.findall(r"(\d+)(?=，|$)", text.split("　", 1)[1])]
    assert "6 行" in text and sum(counts) == 6 and "文件未写状态 3" in text
