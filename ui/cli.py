"""The `policy-assistant` command line.

Each command imports what it needs when it runs: `--help` loads click and nothing else, `ask` and
`tables` never load Gradio, torch or the web server, and the vector store opens only when a question
needs the documents' text. New commands follow the same rule (imports inside the function).
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ui.cli_messages import ChineseGroup
from ui.cli_messages import install as use_chinese_messages

if TYPE_CHECKING:
    from assistant.ingest import IngestReport
    from assistant.settings import Settings

use_chinese_messages()

SEARCH_MODES = ("hybrid", "bm25", "char", "dense")  # retrieval.SEARCH_MODES (a test keeps them equal)
TABLE_NAMES = ("tasks", "stations", "funds", "indicators")  # structured.TABLE_COLUMNS
TERMINAL_CELL_CHARS = 80
SHORT_COLUMN_PX = 120  # columns this narrow on the page (区域, 状态, 完成率 …) are not wrapped in the terminal
CHAT_EXIT = ("/退出", "/exit", "/quit")
CHAT_RESET = ("/新对话", "/new")
CHAT_HELP = "命令：/新对话（或 /new）清空上文；/退出（或 /exit、/quit、Ctrl-D）结束；/帮助（或 /help）显示本说明。"
CHAT_KEPT_MESSAGES = 10


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr)


def _fail(message: str, code: int = 1) -> None:
    _console(stderr=True).print(f"[red]错误：[/red]{_markup_escape(message)}", highlight=False, soft_wrap=True)
    sys.exit(code)


@click.group(cls=ChineseGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="打印调试日志")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """政策文件问答助手：对已收录的生态环境政策文件提问、查表、检索和评测。"""
    from assistant.settings import Settings

    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = Settings()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[文件或目录]...")
@click.option(
    "--rebuild",
    is_flag=True,
    help="不信任任何缓存：丢弃全部缓存，从内置语料和已上传文件完全重建（修复损坏的数据目录）",
)
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...], rebuild: bool) -> None:
    """导入文件：读取内置语料、已上传文件和 PATHS，重建表格与索引。"""
    from assistant.documents import DocumentService

    report = _with_progress(lambda progress: DocumentService(settings).ingest(paths, progress, rebuild=rebuild))
    _print_ingest_report(report, settings)


def _with_progress(run):
    """Run a document change with a progress bar per stage; a project error ends the command in Chinese."""
    from corpus.errors import PolicyAssistantError

    try:
        with _progress(transient=True) as bar:
            tasks: dict[str, int] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            return run(progress)
    except ValueError as exc:  # a metadata value the user typed
        _fail(str(exc), code=2)
    except PolicyAssistantError as exc:
        _fail(str(exc))


@cli.group()
def documents() -> None:
    """管理文件：列出、添加、替换、修改信息、删除（与网页和 API 相同的检查与限制）。"""


@documents.command(name="list")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出")
@click.pass_obj
def documents_list(settings: Settings, as_json: bool) -> None:
    """列出已收录的文件及其信息（标题、发文机关、地区、年份、类型）。"""
    from rich.table import Table as RichTable

    from assistant.documents import DocumentService
    from corpus.errors import PolicyAssistantError

    try:
        entries = DocumentService(settings).list()
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps({"documents": [e.to_dict() for e in entries]}, ensure_ascii=False))
        return
    view = RichTable(title=f"已收录的文件（{len(entries)} 份）")
    view.add_column("文档编号", no_wrap=True)  # copied into `documents delete/edit`: never broken across lines
    for column in ("标题", "发文机关", "地区", "年份", "类型", "来源", "手动修改"):
        view.add_column(column, overflow="fold")
    for e in entries:
        region = e.region if not e.city or e.city == e.region else f"{e.city}{e.region}"
        origin = "内置" if e.origin == "bundled" else e.source_file
        view.add_row(e.doc_id, e.title, e.issuer, region, str(e.year or ""), e.kind_name, origin, "、".join(e.edited))
    _console().print(view)


@documents.command(name="add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="文件或目录...")
@click.pass_obj
def documents_add(settings: Settings, paths: tuple[Path, ...]) -> None:
    """添加文件（内容相同的文件不会重复添加；与已上传文件同名则替换它）。"""
    from assistant.documents import DocumentService, expand_paths

    report = _with_progress(lambda progress: DocumentService(settings).add(expand_paths(paths), progress))
    _print_ingest_report(report, settings)


@documents.command(name="replace")
@click.argument("doc_id", metavar="文档编号")
@click.argument("path", type=click.Path(path_type=Path), metavar="文件")
@click.pass_obj
def documents_replace(settings: Settings, doc_id: str, path: Path) -> None:
    """用新文件替换一份已上传的文件（文档编号和手动修改的信息不变）。"""
    from assistant.documents import DocumentService

    report = _with_progress(lambda progress: DocumentService(settings).replace(doc_id, path, progress))
    _print_ingest_report(report, settings)


@documents.command(name="edit")
@click.argument("doc_id", metavar="文档编号")
@click.option("--title", help="标题")
@click.option("--issuer", help="发文机关")
@click.option("--region", help="地区：城市或区县，如 肇庆市 / 高要区")
@click.option("--year", help="年份，如 2024")
@click.option("--period", help="时期，如 1-6月、2021-2025年")
@click.option("--kind", help="类型：progress_table / work_plan / … 或 任务进度表、工作要点、统计数据 等")
@click.pass_obj
def documents_edit(settings: Settings, doc_id: str, **fields: str | None) -> None:
    """修改文件信息；修改会保存下来，重新导入后依然有效。"""
    from assistant.documents import DocumentService

    changes = {name: value for name, value in fields.items() if value is not None}
    if not changes:
        _fail("请至少给出一项要修改的信息，如 --title / --region / --year", code=2)
    report = _with_progress(lambda progress: DocumentService(settings).edit(doc_id, changes, progress))
    _print_ingest_report(report, settings)


@documents.command(name="delete")
@click.argument("doc_id", metavar="文档编号")
@click.pass_obj
def documents_delete(settings: Settings, doc_id: str) -> None:
    """删除一份已上传的文件：它的原文片段、表格行和词条一并删除。"""
    from assistant.documents import DocumentService

    report = _with_progress(lambda progress: DocumentService(settings).delete(doc_id, progress))
    _print_ingest_report(report, settings)


def _print_ingest_report(report: IngestReport, settings: Settings) -> None:
    from rich.table import Table as RichTable

    console = _console()
    if not report.changed:
        console.print(f"没有变化：数据版本仍是 {report.version}。", highlight=False)
    table = RichTable(title=f"导入完成：版本 {report.version}（{report.seconds:.1f} 秒）")
    for column in ("文档编号", "标题", "状态", "文字段落", "表格", "表格行数"):
        table.add_column(column)
    for doc in report.documents:
        table.add_row(
            doc.doc_id,
            doc.title,
            doc.status,
            str(doc.blocks),
            str(doc.tables),
            " + ".join(str(n) for n in doc.table_rows) or "—",
        )
    console.print(table)
    for doc in report.documents:
        for warning in doc.warnings:
            console.print(f"[yellow]注意[/yellow] {doc.doc_id}: {warning}")
    for warning in report.details.get("table_warnings", []):
        console.print(f"[yellow]表格未能解析[/yellow] {warning}")
    counts = report.details.get("tables", {})
    if counts:
        console.print("解析出的表格：" + "，".join(f"{n} {c} 行" for n, c in counts.items()))
    static = report.details.get("retrieval", {}).get("corpus_static")
    if static:
        console.print(f"语料向量模型：{static['why']}", highlight=False)
    stages = report.details.get("stages", {})
    if stages:
        console.print("各阶段用时：" + "，".join(f"{n} {s:.1f} 秒" for n, s in stages.items()), highlight=False)
    console.print(f"数据目录：{settings.data_dir.resolve()}")


@cli.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出表格：{table, rows}，每行一个对象（内部字段名）")
@click.option("--region", help="区县，如 鹤山 / 鹤山市")
@click.option(
    "--status",
    help="状态：lagging / not_met / not_started / basically_on_track / on_track / completed，或 进度滞后、未达要求 等",
)
@click.option("--year", type=int, help="年份")
@click.option("--key-only", is_flag=True, help="只看【重点考核】的行")
@click.option(
    "--csv", "csv_path", type=click.Path(path_type=Path), help="把筛选后的表（全部列、中文表头）写入 CSV 文件"
)
@click.option(
    "--xlsx", "xlsx_path", type=click.Path(path_type=Path), help="把筛选后的表（全部列、中文表头）写入 Excel 文件"
)
@click.pass_obj
def tables(
    settings: Settings,
    name: str | None,
    as_json: bool,
    region: str | None,
    status: str | None,
    year: int | None,
    key_only: bool,
    csv_path: Path | None,
    xlsx_path: Path | None,
) -> None:
    """查看解析出的表格：tasks（任务）/ stations（空气质量站点）/ funds（专项资金）/ indicators（指标），
    以及新文件中其他表格（g1、g2 …，名称见不带参数的 tables）。"""
    from assistant.pipeline import PolicyAssistant
    from corpus.errors import PolicyAssistantError
    from ui import tableview

    if name is not None and name not in TABLE_NAMES and not re.fullmatch(r"g\d+", name):  # (refused before loading)
        _fail(f"'{name}' 不在可选值 {'、'.join(TABLE_NAMES)} 或 g1、g2 …（新文件的其他表格）之中", code=2)
    if name is None and (csv_path or xlsx_path):
        _fail("导出需要指定表名，例如：policy-assistant tables tasks --xlsx 任务.xlsx", code=2)
    status_key = tableview.status_key(status) if status else None
    if status and status_key is None:
        _fail(f"无法识别的状态「{status}」，可用：{tableview.status_choices()}", code=2)
    assistant = PolicyAssistant(settings)
    try:
        if name is None:
            _print_table_summary(assistant.table_summary(), as_json)
            return
        known = assistant.table_summary()
        if name not in known:
            _fail(f"没有名为「{name}」的表格，可用：{'、'.join(known)}", code=2)
        if name not in TABLE_NAMES:  # a table of a kind the project does not know: its own headers
            if status or key_only:
                _fail(f"--status 与 --key-only 只适用于 {' / '.join(TABLE_NAMES)}", code=2)
            _print_generic(name, known[name]["title"], assistant.table_headers(name),
                           assistant.table_rows(name, region=region, year=year), as_json, (csv_path, xlsx_path))  # fmt: skip
            return
        filters = tableview.Filters(year=year, region=region, status=status_key, key_only=key_only)
        frame = filters.apply(name, assistant.table_rows(name, region=region, year=year))
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        from structured import records

        click.echo(json.dumps({"table": name, "rows": records(frame.drop(columns="_status"))}, ensure_ascii=False))
        return
    full = tableview.view(name, frame)
    written = [_export_table(path, name, full) for path in (csv_path, xlsx_path) if path]
    if written:
        _console().print(
            f"已写入 {len(frame)} 行：" + "、".join(str(p) for p in written), highlight=False, soft_wrap=True
        )
        return
    _print_table(name, frame, filters)


def _print_generic(name: str, title: str, headers: dict[str, str], frame, as_json: bool, paths: tuple) -> None:
    """A generic table's rows under its own headers (JSON: every field, as the contract's `tables NAME --json`)."""
    from structured import records

    if as_json:
        click.echo(json.dumps({"table": name, "rows": records(frame)}, ensure_ascii=False))
        return
    shown = frame[[c for c in headers if c in frame]].rename(columns=headers).fillna("")
    written = [_export_table(path, name, shown) for path in paths if path]
    if written:
        _console().print(f"已写入 {len(shown)} 行：" + "、".join(str(p) for p in written), highlight=False)
        return
    from rich.table import Table as RichTable

    view = RichTable(title=f"{title}（{len(shown)} 行）")
    for column in shown.columns:
        view.add_column(str(column), overflow="fold")
    for row in shown.astype(str).itertuples(index=False):
        view.add_row(*row)
    _console().print(view)


def _print_table_summary(summary: dict[str, dict], as_json: bool) -> None:
    if as_json:
        tables_info = {n: {k: v for k, v in info.items() if k != "title"} for n, info in summary.items()}
        click.echo(json.dumps({"tables": tables_info}, ensure_ascii=False))
        return
    from rich.table import Table as RichTable

    view = RichTable(title="解析出的表格")
    for column in ("表名", "含义", "行数"):
        view.add_column(column)
    for n, info in summary.items():
        view.add_row(n, info["title"], str(info["rows"]))
    _console().print(view)
    _console().print("查看一张表：policy-assistant tables tasks --region 恩平 --status 进度滞后", highlight=False)


def _print_table(name: str, frame, filters) -> None:
    """The columns read first, wrapped to the terminal (readable at 100 columns), status in colour."""
    from rich import box
    from rich.table import Table as RichTable

    from ui.tableview import TABLE_NAMES as TITLES
    from ui.tableview import VIEWS, view

    brief = view(name, frame, brief=True)
    widths = {c.label: c.width for c in VIEWS[name]}
    scope = f"，{filters.describe()}" if filters.describe() else ""
    table = RichTable(
        title=f"{TITLES[name]}（{name}）：{len(frame)} 行{scope}",
        caption=f"长文本只显示前 {TERMINAL_CELL_CHARS} 字；完整内容：--xlsx 文件.xlsx、--csv 文件.csv 或 --json",
        box=box.SIMPLE_HEAD, show_lines=True, expand=True,
    )  # fmt: skip
    for label in brief.columns:  # short columns keep their width, long text shares the rest
        if widths[label] <= SHORT_COLUMN_PX:
            table.add_column(label, no_wrap=True)
        else:
            table.add_column(label, overflow="fold", ratio=widths[label] // 40)
    colours = {"进度滞后": "red", "未达要求": "bold red", "基本按进度": "yellow", "按进度推进": "green",
               "已完成/达到要求": "bold green"}  # fmt: skip
    for row in brief.itertuples(index=False):
        cells = []
        for label, value in zip(brief.columns, row, strict=True):
            text = value if len(value) <= TERMINAL_CELL_CHARS else value[: TERMINAL_CELL_CHARS - 1] + "…"
            colour = colours.get(value) if label == "状态" else None
            cells.append(f"[{colour}]{_markup_escape(text)}[/{colour}]" if colour else _markup_escape(text))
        table.add_row(*cells)
    _console().print(table)
    if frame.empty:
        _console().print(f"没有符合条件的行{scope}。", highlight=False)


def _markup_escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _export_table(path: Path, name: str, full) -> Path:
    from ui import exports
    from ui.tableview import TABLE_NAMES as TITLES

    suffix = path.suffix.lower()
    if suffix == ".csv":
        full.to_csv(path, index=False, encoding="utf-8-sig")  # with a BOM, so Excel reads the Chinese right
    elif suffix == ".xlsx":
        path.write_bytes(exports.workbook({TITLES.get(name, name): full}))
    else:
        _fail(f"导出文件「{path.name}」应以 .csv 或 .xlsx 结尾", code=2)
    return path


@cli.command()
@click.argument("query", metavar="查询")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检索到的片段：{query, hits}，每条含原文、出处和分数")
@click.option(
    "--top-k",
    "top_k",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    help="最多返回几条（上限 POLICY_MAX_TOP_K）",
)
@click.option("--mode", type=click.Choice(SEARCH_MODES), default="hybrid", show_default=True, help="检索方式")
@click.option("--doc", "doc_id", help="只搜这一份文件（文档编号，如 hm-2020-work-plan）")
@click.option("--region", help="地区：文件所属城市或表格行的区县，如 蓬江 / 蓬江区 / 海门市")
@click.option("--year", type=int, help="文件年份，如 2020")
@click.option("--kind", help="文件类型：progress_table / work_plan / five_year_plan / work_programme，或 任务进度表 等")
@click.pass_obj
def search(
    settings: Settings,
    query: str,
    as_json: bool,
    top_k: int,
    mode: str,
    doc_id: str | None,
    region: str | None,
    year: int | None,
    kind: str | None,
) -> None:
    """检索文件原文片段（BM25 + 向量混合检索），不生成回答。"""
    from assistant.pipeline import PolicyAssistant, QuestionError
    from corpus.errors import PolicyAssistantError

    if not query.strip():
        _fail("查询内容不能为空", code=2)
    assistant = PolicyAssistant(settings)
    try:
        filters = assistant.search_filters(doc_id=doc_id, region=region, year=year, kind=kind)
    except ValueError as exc:
        _fail(str(exc), code=2)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    try:
        hits = assistant.search(query, top_k=top_k, filters=filters, mode=mode)
    except QuestionError as exc:
        _fail(str(exc), code=2)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps({"query": query, "hits": [hit.to_dict() for hit in hits]}, ensure_ascii=False))
        return
    from rich.panel import Panel

    console = _console()
    if not hits:
        console.print(f"未找到与「{query}」相关的内容（没有结果达到相关度下限）。", highlight=False)
        return
    for rank, hit in enumerate(hits, start=1):
        chunk = hit.chunk
        where = " > ".join(part for part in (chunk.title, chunk.section) if part)
        source = "，".join(part for part in (chunk.doc_id, chunk.locator) if part)
        console.print(
            Panel(
                _markup_escape(chunk.text),
                title=f"{rank}. 得分 {hit.score:.3f}",
                title_align="left",
                subtitle=_markup_escape(f"{where}（{source}）"),
                subtitle_align="left",
            ),
            highlight=False,
        )


@cli.command()
@click.argument("question", metavar="问题")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="以 JSON 输出回答：answer、route、citations、facts 等字段（格式见 docs/DESIGN.md §4）",
)
@click.option(
    "--history", "history_file", type=click.Path(path_type=Path), help="此前对话的 JSON 文件：[{role, content}, …]"
)
@click.pass_obj
def ask(settings: Settings, question: str, as_json: bool, history_file: Path | None) -> None:
    """提问：回答附带来源；文件中找不到依据时明确说明。"""
    from assistant.pipeline import PolicyAssistant, QuestionError
    from corpus.errors import PolicyAssistantError

    history = _read_history(history_file) if history_file else []
    assistant = PolicyAssistant(settings, one_shot=True)
    try:
        question = assistant.check_question(question)
        history = assistant.check_history(history)
    except QuestionError as exc:
        _fail(str(exc), code=2)
    try:
        answer = assistant.ask(question, history)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False))
        return
    _print_answer(answer)


def _print_answer(answer) -> None:
    console = _console()
    console.print(answer.answer, highlight=False, soft_wrap=True, markup=False)
    route = {"structured": "表格计算", "retrieval": "原文检索", "mixed": "表格计算＋原文", "refusal": "未找到依据"}
    console.print(
        f"\n[dim]路由：{route.get(answer.route, answer.route)}　回答方式：{_markup_escape(answer.backend)}"
        f"　用时：{answer.timings_ms['total']:.0f} 毫秒[/dim]"
    )
    for n, citation in enumerate(answer.citations, start=1):
        quote = citation.quote if len(citation.quote) <= 160 else citation.quote[:160] + "…"
        where = _markup_escape(f"《{citation.title}》{citation.section}")
        console.print(f"[bold]来源{n}[/bold] {where}\n  「{_markup_escape(quote)}」", highlight=False)


def _read_history(path: Path) -> list[dict]:
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(f"无法读取对话历史文件 {path}：{exc}", code=2)
    valid = isinstance(history, list) and all(
        isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str)
        for m in history
    )
    if not valid:
        _fail(f'对话历史文件 {path} 应为 JSON 列表：[{{"role": "user"|"assistant", "content": "…"}}, …]', code=2)
    return history


@cli.command()
@click.option(
    "--history",
    "history_file",
    type=click.Path(path_type=Path),
    help="从这个 JSON 对话文件接着问：[{role, content}, …]",
)
@click.pass_obj
def chat(settings: Settings, history_file: Path | None) -> None:
    """交互式问答：一问一答，追问（「那鹤山市呢？」）沿用上文；输入 /新对话 清空上文，/退出 或 Ctrl-D 结束。"""
    from assistant.pipeline import PolicyAssistant, QuestionError
    from corpus.errors import PolicyAssistantError

    with contextlib.suppress(ImportError):  # not on every platform
        import readline  # noqa: F401  (arrow keys and the previous questions at the prompt)
    history = _read_history(history_file) if history_file else []
    assistant = PolicyAssistant(settings, one_shot=True)
    console = _console()
    console.print(
        "政策文件问答助手：输入问题后回车。追问沿用上文；/新对话 清空上文；/退出 或 Ctrl-D 结束。", highlight=False
    )
    while True:
        try:
            question = input("\n问> ").strip()
        except (EOFError, KeyboardInterrupt):
            console.print("\n再见。")
            return
        if not question:
            continue
        if question in CHAT_EXIT:
            console.print("再见。")
            return
        if question in CHAT_RESET:
            history = []
            console.print("已开始新对话（上文已清空）。")
            continue
        if question.startswith("/"):  # 「/help」「/帮助」 or a command that does not exist: never a question
            known = question in ("/帮助", "/help")
            console.print(
                CHAT_HELP if known else f"没有命令「{_markup_escape(question)}」。{CHAT_HELP}", highlight=False
            )
            continue
        try:
            answer = assistant.ask(question, history)
        except QuestionError as exc:
            console.print(f"[red]错误：[/red]{_markup_escape(str(exc))}（可按 ↑ 找回刚才的问题修改）", highlight=False)
            continue
        except PolicyAssistantError as exc:
            console.print(f"[red]错误：[/red]{_markup_escape(str(exc))}", highlight=False)
            continue
        _print_answer(answer)
        history += [{"role": "user", "content": question}, {"role": "assistant", "content": answer.answer}]
        history = history[-CHAT_KEPT_MESSAGES:]  # a follow-up reads only the last question


@cli.command(name="eval")
@click.argument("dataset", type=click.Path(path_type=Path), metavar="数据集")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    required=True,
    help="结果目录：results.jsonl、metrics.json、report.md（给了 --baseline 时另有 diff.json）",
)
@click.option("--min-pass", type=click.FloatRange(0, 1), help="通过率低于此值时以退出码 1 结束")
@click.option("--compare", is_flag=True, help="同时比较 BM25 / 向量 / 混合检索；配置了大模型时再比较抽取式与大模型")
@click.option("--kinds", help="只跑这些题型，逗号分隔：structured,retrieval,refusal,followup")
@click.option("--ids", help="只跑这些用例 id，逗号分隔")
@click.option(
    "--baseline",
    "baseline_dir",
    type=click.Path(path_type=Path),
    help="上一次评测的结果目录（其 --out）：逐题列出新通过、新失败、路由与回答的变化和指标差值",
)
@click.pass_obj
def evaluate(
    settings: Settings,
    dataset: Path,
    out_dir: Path,
    min_pass: float | None,
    compare: bool,
    kinds: str | None,
    ids: str | None,
    baseline_dir: Path | None,
) -> None:
    """评测：对数据集（.jsonl 或 Excel .xlsx）逐题提问，写出结果、指标和可读的报告。"""
    from assistant.pipeline import PolicyAssistant
    from corpus.errors import PolicyAssistantError
    from evals.baseline import BaselineError, compare_runs, load_baseline
    from evals.runner import load_dataset, run_evaluation, write_outputs

    try:
        # read before the run, which may write into the same directory, and fail before a minute is spent
        baseline = load_baseline(baseline_dir) if baseline_dir is not None else None
    except BaselineError as exc:
        _fail(str(exc), code=2)
    try:
        cases = load_dataset(dataset)
        if kinds:
            cases = [c for c in cases if c.kind in kinds.split(",")]
        if ids:
            cases = [c for c in cases if c.id in ids.split(",")]
        assistant = PolicyAssistant(settings)
        assistant.warm_up()
        with _progress(transient=False) as bar:
            task = bar.add_task("评测中", total=len(cases))
            report = run_evaluation(assistant, cases, compare=compare, progress=lambda n: bar.advance(task, n))
    except PolicyAssistantError as exc:
        _fail(str(exc))
    diff = compare_runs(baseline, report.results, report.metrics) if baseline is not None else None
    write_outputs(out_dir, dataset, report.results, report.metrics, diff=diff)
    metrics = report.metrics
    console = _console()
    console.print(
        f"通过 {metrics['passed']}/{metrics['cases']}（{metrics['pass_rate'] * 100 if metrics['pass_rate'] is not None else 0:.1f}%），"
        f"路由正确率 {(metrics['route_accuracy'] or 0) * 100:.1f}%，"
        f"内容正确率 {(metrics['content_accuracy'] or 0) * 100:.1f}%。报告：{out_dir / 'report.md'}",
        highlight=False,
    )
    if diff is not None:
        console.print(
            f"相对基线 {baseline_dir}：新通过 {len(diff.newly_passing)} 个，新失败 {len(diff.newly_failing)} 个，"
            f"路由变化 {len(diff.route_changed)} 个，回答变化 {len(diff.answer_changed)} 个。"
            f"详见 {out_dir / 'diff.json'}",
            highlight=False,
        )
    if min_pass is not None and (metrics["pass_rate"] or 0) < min_pass:
        _fail(f"通过率 {(metrics['pass_rate'] or 0):.3f} 低于要求的 {min_pass}")


@cli.group()
def feedback() -> None:
    """网页上的 👍/👎 评价：导出为评测用例，供评测人员补全。"""


@feedback.command(name="export")
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), required=True,
    help="写到这个文件：.jsonl（评测数据集格式，DESIGN §5）或 .xlsx（评测用 Excel 表）",
)  # fmt: skip
@click.pass_obj
def feedback_export(settings: Settings, out_path: Path) -> None:
    """把评过分的问题写成评测用例：👍 的回答记下其路由，👎 的留空，评价和意见附在用例旁。"""
    from assistant.conversations import ConversationStore
    from assistant.feedback import eval_cases, write_cases
    from corpus.errors import PolicyAssistantError

    try:
        store = ConversationStore.for_data_dir(settings.data_dir, settings.database_url)
        cases = eval_cases(store.rated_turns())
        write_cases(out_path, cases)
    except PolicyAssistantError as exc:
        _fail(str(exc), code=2)
    up = sum(1 for c in cases if c["review"]["rating"] == "👍")
    _console().print(
        f"已导出 {len(cases)} 个用例（👍 {up} 个，👎 {len(cases) - up} 个）到 {out_path}；"
        "请补全每个用例的「应包含」等期望后再用于评测。",
        highlight=False,
        soft_wrap=True,
    )


@cli.command()
@click.option(
    "--dev",
    "dev_sets",
    multiple=True,
    type=click.Path(path_type=Path),
    help="评测格式的 JSONL：带「引文应包含」的题为语料内问题，路由为 refusal 的为无关问题（可重复；默认取设置）",
)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出校准结果")
@click.pass_obj
def calibrate(settings: Settings, dev_sets: tuple[Path, ...], as_json: bool) -> None:
    """校准检索：为当前索引的向量模型测定各通道权重、分数范围与拒答下限，写入索引清单。"""
    from assistant.calibration import calibrate_current
    from corpus.errors import PolicyAssistantError

    try:
        calibration = calibrate_current(settings, dev_sets)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(calibration.to_dict(), ensure_ascii=False))
        return
    console, d = _console(), calibration.details
    console.print(f"模型 {d.get('model')}：权重 " + "，".join(f"{k} {v:.2f}" for k, v in calibration.weights.items()))
    console.print(f"向量分数范围 {calibration.dense_range[0]:.3f}–{calibration.dense_range[1]:.3f}；下限 "
                  + "，".join(f"{k} {v:.3f}" for k, v in calibration.floors.items())
                  + f"；证据下限 {calibration.evidence:.2f}", highlight=False)  # fmt: skip
    console.print(f"语料内问题 {d['in_corpus']} 个（拒答 {d['in_corpus_refused']}），无关问题 {d['off_topic']} 个"
                  f"（拒答 {d['off_topic_refused']}）；MRR@10 {d['mrr@10']:.3f}，hit@5 {d['hit@5']:.3f}。"
                  "已写入当前索引；正在运行的服务需重启后生效。", highlight=False)  # fmt: skip


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("bench.json"), show_default=True)
@click.option("--sizes", default="1000,10000,50000", show_default=True, help="规模测试的块数，逗号分隔；空则跳过")
@click.pass_obj
def bench(settings: Settings, out: Path, sizes: str) -> None:
    """基准测试：各路由回答耗时、导入耗时、各检索通道指标、1千/1万/5万块的构建与检索，写入 bench.json。"""
    from corpus.errors import PolicyAssistantError
    from evals.bench import run_bench

    counts = [int(n) for n in sizes.split(",") if n.strip()]
    try:
        report = run_bench(
            settings, counts, progress=lambda message: _console(stderr=True).print(message, highlight=False)
        )
    except PolicyAssistantError as exc:
        _fail(str(exc))
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    _console().print(f"已写入 {out}", highlight=False)


@cli.command()
@click.option("--host", help="监听地址（默认取 POLICY_HOST）")
@click.option("--port", type=int, help="端口（默认取 POLICY_PORT）")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """启动网页与 API 服务（首次启动时自动导入内置语料）。"""
    import uvicorn
    from filelock import Timeout

    from assistant.datadir import REPAIR_COMMAND, DataDir, retrieval_config
    from assistant.pipeline import PolicyAssistant
    from corpus.errors import PolicyAssistantError
    from ui.app import create_app

    settings = settings.model_copy(update={k: v for k, v in (("host", host), ("port", port)) if v})
    console = _console()
    data_dir = DataDir(settings.data_dir)
    if settings.chroma_mode == "embedded":  # one writer per embedded store: this server, held until it exits
        try:
            data_dir.server_lock().acquire()
        except Timeout:
            _fail(
                f"数据目录 {settings.data_dir} 已被另一个正在运行的服务（policy-assistant serve）占用：同一数据目录只能运行一个服务。"
                "请使用那个服务，或先停止它；也可以设置另一个 POLICY_DATA_DIR，或用 POLICY_CHROMA_HOST 让多个服务共用 Chroma 服务器"
            )
    try:
        if data_dir.current() is None:
            from assistant.documents import DocumentService

            console.print("首次启动：正在导入内置语料……")
            _print_ingest_report(DocumentService(settings).ingest(), settings)
        for problem in data_dir.cache_problems(retrieval_config(settings)):
            console.print(f"[yellow]注意[/yellow]：{problem}，不影响回答，下次导入时会自动丢弃重建（也可运行 "
                          f"`{REPAIR_COMMAND}`）。", highlight=False, soft_wrap=True)  # fmt: skip
        # loaded here, not in the server's start-up, so a damaged data directory is one sentence, not a traceback
        assistant = PolicyAssistant(settings)
        assistant.warm_up()  # verifies every file of the version against its checksums first
        app = create_app(settings, assistant=assistant)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if assistant.health()["retrieval"] != "ok":
        where = f"{settings.chroma_host}:{settings.chroma_port}" if settings.chroma_host else "内嵌存储"
        _console(stderr=True).print(
            f"[yellow]注意：[/yellow]向量库 Chroma（{where}）现在无法使用：表格类问题照常回答，原文检索暂时返回 503；"
            "Chroma 恢复后自动重连，无需重启服务。",
            highlight=False,
            soft_wrap=True,
        )
    console.print(f"服务地址：http://{settings.host}:{settings.port}/ （API 文档：/docs）")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


def _progress(transient: bool):
    """A progress bar on stderr: description, bar, done/total, elapsed time."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=_console(stderr=True),
        transient=transient,
    )


def main() -> None:
    cli(prog_name="policy-assistant")


if __name__ == "__main__":
    main()
