"""Load on a local server: req/s, p50/p95 latency and errors, alone and while four clients send the largest
requests the limits allow. A benchmark that prints figures, not a test.

    python scripts/load.py                      # starts `policy-assistant serve` on 127.0.0.1 (POLICY_DATA_DIR)
    python scripts/load.py --url http://127.0.0.1:7860 --runs 5

Scenarios (each run): 400 questions at concurrency 8; 100 at concurrency 32; then the same 400 at concurrency 8
while four other clients keep sending requests at the history limit (a 500-character question, and a history
of the largest earlier question and answers up to the total). The questions cycle through table, passage, mixed,
follow-up and refused ones. Only 127.0.0.1 is ever contacted; every request has a timeout.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.settings import Settings  # noqa: E402

QUESTIONS = [
    {"question": "哪些区县PM10未达标？"},
    {"question": "海门市2020年PM2.5目标是多少？"},
    {"question": "恩平市有哪些任务进度滞后？"},
    {"question": "江门十三五规划对黑臭水体有什么要求？"},
    {"question": "鹤山PM10为什么没达标，有什么措施？"},
    {"question": "台山市2023年中央资金环保专项资金执行率是多少？"},
    {"question": "那NO2呢？", "history": [{"role": "user", "content": "蓬江东湖子站PM10达标了吗？"},
                                          {"role": "assistant", "content": "未达标。"}]},
    {"question": "广州市2020年PM2.5目标是多少？"},
]  # fmt: skip
ABUSERS = 4
REQUEST_TIMEOUT = 120.0
# text that keeps the question reader busy: places, pollutants, indicators, statuses
BUSY_TEXT = "恩平市有哪些任务进度滞后，PM10和NO2的目标是多少，专项资金执行率如何？鹤山市花果山子站呢？"


@dataclass
class Result:
    name: str
    seconds: float
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    abuse_done: int = 0
    abuse_statuses: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else float("nan")

    def line(self) -> str:
        text = (
            f"{self.name:<22} {self.rate:6.1f} req/s  p50 {self.percentile(0.5):6.0f} ms  "
            f"p95 {self.percentile(0.95):6.0f} ms  errors {sum(self.errors.values())}"
        )
        if self.errors:
            text += f" {self.errors}"
        if self.abuse_statuses:
            text += f"  | abuse requests done {self.abuse_done} {self.abuse_statuses}"
        return text


def at_the_limits(settings: Settings) -> dict:
    """The largest request the limits accept: every earlier message and the total at their maximum."""
    question = (BUSY_TEXT * (settings.max_question_chars // len(BUSY_TEXT) + 1))[: settings.max_question_chars]
    history = [{"role": "user", "content": question}]
    left = settings.max_history_chars - len(question)
    while left > 0 and len(history) < settings.max_history_messages - 1:
        size = min(settings.max_history_message_chars, left)
        history.append({"role": "assistant", "content": (BUSY_TEXT * (size // len(BUSY_TEXT) + 1))[:size]})
        left -= size
    return {"question": question, "history": history}


async def one(client: httpx.AsyncClient, body: dict, result: Result) -> None:
    started = time.perf_counter()
    try:
        response = await client.post("/api/ask", json=body, timeout=REQUEST_TIMEOUT)
        key = None if response.status_code == 200 else str(response.status_code)
    except httpx.HTTPError as exc:
        key = type(exc).__name__
    if key is None:
        result.latencies.append(time.perf_counter() - started)
    else:
        result.errors[key] = result.errors.get(key, 0) + 1


async def scenario(base: str, name: str, total: int, concurrency: int, abuse: dict | None = None) -> Result:
    limits = httpx.Limits(max_connections=concurrency + ABUSERS + 2)
    async with httpx.AsyncClient(base_url=base, limits=limits) as client:
        result = Result(name, 0.0)
        done = asyncio.Event()

        async def abuser() -> None:
            while not done.is_set():
                try:
                    response = await client.post("/api/ask", json=abuse, timeout=REQUEST_TIMEOUT)
                    status = str(response.status_code)
                except httpx.HTTPError as exc:
                    status = type(exc).__name__
                result.abuse_done += 1
                result.abuse_statuses[status] = result.abuse_statuses.get(status, 0) + 1

        abusers = [asyncio.create_task(abuser()) for _ in range(ABUSERS)] if abuse else []
        if abusers:
            await asyncio.sleep(1.0)  # they are in full swing before the others start
        queue: asyncio.Queue[dict] = asyncio.Queue()
        for n in range(total):
            queue.put_nowait(QUESTIONS[n % len(QUESTIONS)])

        async def worker() -> None:
            while not queue.empty():
                await one(client, queue.get_nowait(), result)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        result.seconds = time.perf_counter() - started
        done.set()
        await asyncio.gather(*abusers)
        return result


async def run_once(base: str, abuse: dict) -> list[Result]:
    async with httpx.AsyncClient(base_url=base) as client:  # warm the caches once
        for body in QUESTIONS:
            await client.post("/api/ask", json=body, timeout=REQUEST_TIMEOUT)
    return [
        await scenario(base, "400 at concurrency 8", 400, 8),
        await scenario(base, "100 at concurrency 32", 100, 32),
        await scenario(base, "400 at c8 + 4 abusers", 400, 8, abuse),
    ]


def serve(settings: Settings) -> tuple[str, subprocess.Popen]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    command = [
        str(Path(sys.executable).parent / "policy-assistant"),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    env = {**os.environ, "POLICY_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300  # a first start ingests the corpus
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"policy-assistant serve exited: {process.stderr.read()[-2000:]}")
        try:
            if httpx.get(f"{base}/api/health", timeout=2).status_code == 200:
                return base, process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("policy-assistant serve did not answer /api/health within 300 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a server already running on 127.0.0.1 (default: start one)")
    parser.add_argument("--runs", type=int, default=3, help="runs to take the medians of (default 3)")
    args = parser.parse_args()
    settings = Settings()
    abuse = at_the_limits(settings)
    process = None
    if args.url:
        if urlparse(args.url).hostname != "127.0.0.1":
            raise SystemExit("only a server on 127.0.0.1 may be loaded")
        base = args.url.rstrip("/")
    else:
        base, process = serve(settings)
    print(f"server {base}; abuse request: question {len(abuse['question'])} chars, history "
          f"{len(abuse['history'])} messages, {sum(len(m['content']) for m in abuse['history'])} chars")  # fmt: skip
    try:
        runs = []
        for n in range(1, args.runs + 1):
            print(f"-- run {n}")
            results = asyncio.run(run_once(base, abuse))
            for result in results:
                print(result.line())
            runs.append(results)
    finally:
        if process is not None:
            process.terminate()
            process.wait(30)
    print(f"-- medians of {len(runs)} runs")
    for i, name in enumerate(r.name for r in runs[0]):
        rates = [run[i].rate for run in runs]
        p50 = [run[i].percentile(0.5) for run in runs]
        p95 = [run[i].percentile(0.95) for run in runs]
        errors = [sum(run[i].errors.values()) for run in runs]
        print(
            f"{name:<22} {statistics.median(rates):6.1f} req/s  p50 {statistics.median(p50):6.0f} ms  "
            f"p95 {statistics.median(p95):6.0f} ms  errors {sum(errors)} (runs: {', '.join(f'{r:.1f}' for r in rates)})"
        )
    alone, abused = (statistics.median(run[i].rate for run in runs) for i in (0, 2))
    print(f"abuse costs the others {alone / abused:.2f}× (goal ≤ 2×); concurrency 8 goal ≥ 30 req/s, 0 errors")


if __name__ == "__main__":
    main()
