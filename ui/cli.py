"""The `policy-assistant` command line."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from assistant.datadir import DataDir
from assistant.ingest import Ingestor, IngestReport
from assistant.settings import Settings
from corpus.errors import PolicyAssistantError
from corpus.glossary import canonical_region
from structured import TABLE_COLUMNS, TABLE_TITLES, StructuredTables, TableQueries, records

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
@click.pass_obj
def ingest(settings: Settings, paths: tuple[Path, ...]) -> None:
    """导入文件：读取内置语料、已上传文件和 PATHS，重建表格与索引。"""
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err_console,
            transient=True,
        ) as bar:
            tasks: dict[str, int] = {}

            def progress(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            report = Ingestor(settings).run(paths, progress=progress)
    except PolicyAssistantError as exc:
        _fail(str(exc))
    _print_ingest_report(report, settings)


def _print_ingest_report(report: IngestReport, settings: Settings) -> None:
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
    try:
        snapshot = DataDir(settings.data_dir).require_current()
        queries = TableQueries(StructuredTables.load(snapshot.tables_dir))
    except PolicyAssistantError as exc:
        _fail(str(exc))
    if name is None:
        summary = {n: {"rows": len(f), "columns": list(f.columns)} for n, f in queries.frames.items()}
        if as_json:
            click.echo(json.dumps({"tables": summary}, ensure_ascii=False))
            return
        view = RichTable(title="解析出的表格")
        for column in ("表名", "含义", "行数"):
            view.add_column(column)
        for n, info in summary.items():
            view.add_row(n, TABLE_TITLES[n], str(info["rows"]))
        console.print(view)
        return
    frame = queries.table(name, region=canonical_region(region) or region if region else None, status=status, year=year)
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


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
