"""The `policy-assistant` command line."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table as RichTable

from assistant.ingest import Ingestor, IngestReport
from assistant.settings import Settings
from corpus.errors import PolicyAssistantError

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
    console.print(f"数据目录：{settings.data_dir.resolve()}")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
