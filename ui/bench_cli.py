"""CLI start-up benchmark: wall time, CPU time and peak memory of `policy-assistant` commands.

    POLICY_DATA_DIR=… python -m ui.bench_cli [--repeat 5] [--compare-tree DIR]

Each command runs `--repeat` times under `/usr/bin/time -v` after one untimed run (so the OS file
cache is warm, as for a user's second call). Figures are medians: wall-clock seconds, CPU seconds
(user + system: what the command costs on an idle machine; wall time on a busy shared machine is
longer) and peak resident memory. A separate in-process run of each command lists the heavy libraries
it imports (torch, gradio, chromadb, …): a command should import only what it needs.

`--compare-tree DIR` also runs the same commands from another checkout of the code (for example
`git archive main | tar -x -C DIR`), interleaved with this one, so a before/after comparison sees the
same machine load. The data directory must hold an ingested version (`policy-assistant ingest`).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

TIME = "/usr/bin/time"
HEAVY = ("torch", "sentence_transformers", "transformers", "gradio", "chromadb", "langchain_core", "langsmith",
         "uvicorn", "fastapi", "sqlalchemy", "scipy", "jieba.posseg", "evals")  # fmt: skip
COMMANDS: dict[str, list[str]] = {
    "--help": ["--help"],
    "ask --help": ["ask", "--help"],
    "ask（表格题）": ["ask", "海门市2020年PM2.5目标是多少？"],
    "ask（检索题）": ["ask", "江门十三五规划对黑臭水体有什么要求？"],
    "tables": ["tables"],
    "tables stations": ["tables", "stations", "--region", "鹤山"],
}


@dataclass(frozen=True)
class Run:
    wall_s: float
    cpu_s: float
    rss_mb: float
    exit_code: int


def timed_run(args: list[str], tree: Path | None) -> Run:
    """One `policy-assistant ARGS` under /usr/bin/time -v (from `tree` when given)."""
    env = os.environ.copy()
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [TIME, "-v", sys.executable, "-m", "ui.cli", *args]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tree, check=False)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", done.stderr)
    user = re.search(r"User time \(seconds\): ([\d.]+)", done.stderr)
    system = re.search(r"System time \(seconds\): ([\d.]+)", done.stderr)
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if not (wall and user and system and rss):
        raise RuntimeError(f"/usr/bin/time gave no figures for {args}:\n{done.stderr[-2000:]}")
    hours, minutes, seconds = int(wall.group(1) or 0), int(wall.group(2)), float(wall.group(3))
    return Run(
        wall_s=hours * 3600 + minutes * 60 + seconds,
        cpu_s=float(user.group(1)) + float(system.group(1)),
        rss_mb=int(rss.group(1)) / 1024,
        exit_code=done.returncode,
    )


def imported_heavy(args: list[str], tree: Path | None) -> list[str]:
    """The heavy libraries a run of the command imports (checked in a separate process)."""
    probe = (
        "import sys\nfrom ui.cli import cli\n"
        "try:\n    cli(sys.argv[1:], prog_name='policy-assistant', standalone_mode=False)\nexcept SystemExit:\n    pass\n"
        f"print('\\nHEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    env = os.environ.copy()
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, cwd=tree, check=False
    )
    found = re.search(r"^HEAVY=(.*)$", done.stdout, re.MULTILINE)
    return [m for m in (found.group(1) if found else "?").split(",") if m]


def median_run(runs: list[Run]) -> Run:
    return Run(
        wall_s=statistics.median(r.wall_s for r in runs),
        cpu_s=statistics.median(r.cpu_s for r in runs),
        rss_mb=statistics.median(r.rss_mb for r in runs),
        exit_code=max(r.exit_code for r in runs),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command (median reported)")
    parser.add_argument("--only", help="only commands whose label contains this text")
    parser.add_argument("--compare-tree", type=Path, help="another checkout to measure alongside (e.g. main)")
    options = parser.parse_args(argv)
    if not Path(TIME).exists():
        print(f"{TIME} is missing (Debian package `time`)", file=sys.stderr)
        return 1
    trees: dict[str, Path | None] = {"此版本": None}
    if options.compare_tree:
        trees = {"对照": options.compare_tree.resolve(), **trees}
    load = os.getloadavg()
    print(f"POLICY_DATA_DIR={os.environ.get('POLICY_DATA_DIR', './data')}  repeat={options.repeat}  "
          f"load average {load[0]:.1f}/{load[1]:.1f} on {os.cpu_count()} CPUs  (medians)")  # fmt: skip
    print("| 命令 | 代码 | 墙钟 s | CPU s | 峰值内存 MB | 退出码 | 导入的重型库 |")
    print("|---|---|---|---|---|---|---|")
    for label, args in COMMANDS.items():
        if options.only and options.only not in label:
            continue
        runs: dict[str, list[Run]] = {name: [] for name in trees}
        for tree in trees.values():
            timed_run(args, tree)  # warm the OS file cache
        for _ in range(options.repeat):  # interleaved: both see the same load
            for name, tree in trees.items():
                runs[name].append(timed_run(args, tree))
        for name, tree in trees.items():
            m = median_run(runs[name])
            heavy = ", ".join(imported_heavy(args, tree)) or "—"
            print(f"| {label} | {name} | {m.wall_s:.2f} | {m.cpu_s:.2f} | {m.rss_mb:.0f} | {m.exit_code} | {heavy} |",
                  flush=True)  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
