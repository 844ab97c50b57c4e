"""The `policy-assistant` command line."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from filelock import Timeout
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from assistant.datadir import REPAIR_COMMAND, DataDir, retrieval_config
from assistant.pipeline import PolicyAssistant, QuestionError
from assistant.settings import Settings
from corpus.errors import PolicyAssistantError
from evals.runner import load_dataset, run_evaluation, write_outputs
from retrieval import SEARCH_MODES
from structured import TABLE_COLUMNS, TABLE_TITLES, records

if TYPE_CHECKING:
    from assistant.ingest import IngestReport

console = Console()
err_console = Console(stderr=True)


def _fail(message: str, code: int = 1) -> None:
    err_console.print(f"[red]错误：[/red]{message}", highlight=False, soft_wrap=True)
    sys.exit(code)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="打印调试日志 (debug logging)")
@click.pass_context
def cli(ctx: click.Context, verbose: bool) -> None:
    """政策文件问答助手 — answers questions about environmental-policy documents."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = Settings()


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
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
    from assistant.documents import DocumentService

    try:
        entries = DocumentService(settings).list()
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps({"documents": [e.to_dict() for e in entries]}, ensure_ascii=False))
        return
    view = RichTable(title=f"已收录的文件（{len(entries)} 份）")
    for column in ("文档编号", "标题", "发文机关", "地区", "年份", "类型", "来源", "手动修改"):
        view.add_column(column, overflow="fold")
    for e in entries:
        region = e.region if not e.city or e.city == e.region else f"{e.city}{e.region}"
        origin = "内置" if e.origin == "bundled" else e.source_file
        view.add_row(e.doc_id, e.title, e.issuer, region, str(e.year or ""), e.kind_name, origin, "、".join(e.edited))
    console.print(view)


@documents.command(name="add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def documents_add(settings: Settings, paths: tuple[Path, ...]) -> None:
    """添加文件（内容相同的文件不会重复添加；与已上传文件同名则替换它）。"""
    from assistant.documents import DocumentService, expand_paths

    report = _with_progress(lambda progress: DocumentService(settings).add(expand_paths(paths), progress))
    _print_ingest_report(report, settings)


@documents.command(name="replace")
@click.argument("doc_id")
@click.argument("path", type=click.Path(path_type=Path))
@click.pass_obj
def documents_replace(settings: Settings, doc_id: str, path: Path) -> None:
    """用新文件替换一份已上传的文件（文档编号和手动修改的信息不变）。"""
    from assistant.documents import DocumentService

    report = _with_progress(lambda progress: DocumentService(settings).replace(doc_id, path, progress))
    _print_ingest_report(report, settings)


@documents.command(name="edit")
@click.argument("doc_id")
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
@click.argument("doc_id")
@click.pass_obj
def documents_delete(settings: Settings, doc_id: str) -> None:
    """删除一份已上传的文件：它的原文片段、表格行和词条一并删除。"""
    from assistant.documents import DocumentService

    report = _with_progress(lambda progress: DocumentService(settings).delete(doc_id, progress))
    _print_ingest_report(report, settings)


def _print_ingest_report(report: IngestReport, settings: Settings) -> None:
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
            " + ".join(str(n) for n in doc.table_rows) or "-",
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


TABLE_VIEW_COLUMNS = {
    "tasks": ["locator", "region", "task", "deadline", "status_raw", "rate_stated", "check"],
    "stations": ["region", "station", "pollutant", "value", "target", "unit", "stated_result", "computed_result"],
    "funds": ["region", "fund_year", "level", "rate", "target", "target_deadline", "rate_basis"],
    "indicators": [
        "locator",
        "full_name",
        "unit",
        "current_text",
        "standard_text",
        "target_text",
        "stated_status",
        "computed_status",
    ],
}


@cli.command()
@click.argument("name", required=False, type=click.Choice(list(TABLE_COLUMNS)))
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出 (DESIGN §4)")
@click.option("--region", help="区县，如 鹤山 / 鹤山市")
@click.option(
    "--status", help="状态：completed/on_track/basically_on_track/lagging/not_met，或文件原词如 进度滞后、达标"
)
@click.option("--year", type=int, help="年份")
@click.pass_obj
def tables(
    settings: Settings, name: str | None, as_json: bool, region: str | None, status: str | None, year: int | None
) -> None:
    """查看解析出的表格：tasks / stations / funds / indicators。"""
    assistant = PolicyAssistant(settings)
    try:
        summary = assistant.table_summary()
        frame = assistant.table_rows(name, region=region, status=status, year=year) if name else None
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if name is None:
        if as_json:
            click.echo(json.dumps({"tables": {n: {k: v for k, v in info.items() if k != "title"}
                                              for n, info in summary.items()}}, ensure_ascii=False))  # fmt: skip
            return
        view = RichTable(title="解析出的表格")
        for column in ("表名", "含义", "行数"):
            view.add_column(column)
        for n, info in summary.items():
            view.add_row(n, TABLE_TITLES[n], str(info["rows"]))
        console.print(view)
        return
    assert frame is not None
    if as_json:
        click.echo(json.dumps({"table": name, "rows": records(frame)}, ensure_ascii=False))
        return
    view = RichTable(title=f"{name}（{TABLE_TITLES[name]}）：{len(frame)} 行", show_lines=False)
    columns = TABLE_VIEW_COLUMNS[name]
    for column in columns:
        view.add_column(column, overflow="fold", max_width=40)
    for row in records(frame[columns]):
        view.add_row(*("" if v is None else str(v) for v in row.values()))
    console.print(view)


@cli.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出 (DESIGN §4)")
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
    if not hits:
        console.print(f"未找到与「{query}」相关的内容（没有结果达到相关度下限）。", highlight=False)
        return
    for rank, hit in enumerate(hits, start=1):
        chunk = hit.chunk
        where = " > ".join(part for part in (chunk.title, chunk.section) if part)
        source = "，".join(part for part in (chunk.doc_id, chunk.locator) if part)
        console.print(
            Panel(
                chunk.text,
                title=f"{rank}. 得分 {hit.score:.3f}",
                title_align="left",
                subtitle=f"{where}（{source}）",
                subtitle_align="left",
            ),
            highlight=False,
        )


@cli.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出回答 (DESIGN §4)")
@click.option(
    "--history", "history_file", type=click.Path(path_type=Path), help="此前对话的 JSON 文件：[{role, content}, …]"
)
@click.pass_obj
def ask(settings: Settings, question: str, as_json: bool, history_file: Path | None) -> None:
    """提问：回答附带来源；文件中找不到依据时明确说明。"""
    history = _read_history(history_file) if history_file else []
    assistant = PolicyAssistant(settings)
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
    console.print(answer.answer, highlight=False, soft_wrap=True)
    console.print(
        f"\n[dim]路由：{answer.route}　回答方式：{answer.backend}　用时：{answer.timings_ms['total']:.0f} 毫秒[/dim]"
    )
    for n, citation in enumerate(answer.citations, start=1):
        quote = citation.quote if len(citation.quote) <= 160 else citation.quote[:160] + "…"
        console.print(f"[bold]来源{n}[/bold] 《{citation.title}》{citation.section}\n  「{quote}」", highlight=False)


def _read_history(path: Path) -> list[dict]:
    try:
        history = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        _fail(f"无法读取对话历史文件 {path}：{exc}", code=2)
    valid = isinstance(history, list) and all(
        isinstance(m, dict) and m.get("role") in ("user", "assistant") and isinstance(m.get("content"), str)
        for m in history
    )
    if not valid:
        _fail(f'对话历史文件 {path} 应为 JSON 列表：[{{"role": "user"|"assistant", "content": "…"}}, …]', code=2)
    return history


@cli.command(name="eval")
@click.argument("dataset", type=click.Path(path_type=Path))
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
    from evals.baseline import BaselineError, compare_runs, load_baseline

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

    try:
        calibration = calibrate_current(settings, dev_sets)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if as_json:
        click.echo(json.dumps(calibration.to_dict(), ensure_ascii=False))
        return
    d = calibration.details
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
    from evals.bench import run_bench

    counts = [int(n) for n in sizes.split(",") if n.strip()]
    try:
        report = run_bench(settings, counts, progress=lambda message: err_console.print(message, highlight=False))
    except PolicyAssistantError as exc:
        _fail(str(exc))
    out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    console.print(f"已写入 {out}", highlight=False)


@cli.command()
@click.option("--host", help="监听地址（默认取 POLICY_HOST）")
@click.option("--port", type=int, help="端口（默认取 POLICY_PORT）")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None) -> None:
    """启动网页与 API 服务（首次启动时自动导入内置语料）。"""
    import uvicorn

    from ui.app import create_app

    settings = settings.model_copy(update={k: v for k, v in (("host", host), ("port", port)) if v})
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
        err_console.print(
            f"[yellow]注意：[/yellow]向量库 Chroma（{where}）现在无法使用：表格类问题照常回答，原文检索暂时返回 503；"
            "Chroma 恢复后自动重连，无需重启服务。",
            highlight=False,
            soft_wrap=True,
        )
    console.print(f"服务地址：http://{settings.host}:{settings.port}/ （API 文档：/docs）")
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()


def _progress(transient: bool) -> Progress:
    """A progress bar on stderr: description, bar, done/total, elapsed time."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=transient,
    )
