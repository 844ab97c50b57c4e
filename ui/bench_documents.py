"""How long adding a one-page .docx to a running server takes, by stage.

Starts the API (uvicorn, 127.0.0.1, a free port) on a data directory with the bundled corpus,
then `--runs` times: POST /api/documents with a one-page Word file (a new one each run, so
nothing is reused from the run before), ask a question about it, DELETE it. Prints each run's
wall time as the client sees it and the server's seconds per stage, then medians.

    HF_HUB_OFFLINE=1 python -m ui.bench_documents --runs 3
"""

from __future__ import annotations

import argparse
import socket
import statistics
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

TOKEN = "bench-token"


def one_page_docx(folder: Path, n: int) -> Path:
    import docx

    path = folder / f"示例县203{n}年大气污染防治工作要点.docx"
    word = docx.Document()
    word.add_paragraph(f"示例县203{n}年大气污染防治工作要点")
    word.add_paragraph("一、工作目标")
    word.add_paragraph(f"到203{n}年底，全县PM2.5年均浓度控制在{20 + n}微克/立方米以内，优良天数比例达到95%。")
    word.add_paragraph("二、重点任务")
    for task in range(1, 9):
        word.add_paragraph(
            f"{task}. 完成第{task}批工地扬尘在线监测设施安装，推进{task + 2}个乡镇空气质量自动监测站建设。"
        )
    word.save(path)
    return path


@contextmanager
def serving(app):
    """`app` on 127.0.0.1 at a free port until the block ends; yields its base URL."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        if server.started:
            break
        time.sleep(0.1)
    try:
        yield base
    finally:
        server.should_exit = True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--data-dir", type=Path, help="an ingested data dir to use (default: a new one)")
    args = parser.parse_args()

    from assistant.documents import DocumentService
    from assistant.pipeline import PolicyAssistant
    from assistant.settings import Settings
    from ui.app import create_app

    with tempfile.TemporaryDirectory(prefix="bench-documents-") as tmp:
        folder = Path(tmp)
        data_dir = args.data_dir or folder / "data"
        settings = Settings(data_dir=data_dir, api_token=TOKEN, chroma_host=None, _env_file=None)
        if DocumentService(settings).list() == []:
            started = time.perf_counter()
            DocumentService(settings).ingest()
            print(f"first ingest of the bundled corpus: {time.perf_counter() - started:.1f} s")
        assistant = PolicyAssistant(settings)
        app = create_app(settings, assistant=assistant, with_web=False)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        adds, deletes, stages = [], [], []
        with serving(app) as base, httpx.Client(base_url=base, timeout=600) as http:
            for n in range(args.runs):
                path = one_page_docx(folder, n)
                started = time.perf_counter()
                body = http.post("/api/documents", files=[("files", (path.name, path.read_bytes()))], headers=auth)
                adds.append(time.perf_counter() - started)
                body.raise_for_status()
                report = body.json()
                stages.append(report["stages"])
                doc_id = next(d["doc_id"] for d in report["documents"] if d["status"] == "新增")
                answer = http.post("/api/ask", json={"question": f"示例县203{n}年PM2.5年均浓度目标是多少？"}).json()
                found = f"{20 + n}微克" in answer["answer"]
                started = time.perf_counter()
                http.delete(f"/api/documents/{doc_id}", headers=auth).raise_for_status()
                deletes.append(time.perf_counter() - started)
                shown = "，".join(f"{k} {v:.2f}" for k, v in report["stages"].items())
                print(
                    f"run {n + 1}: add {adds[-1]:.2f} s（{shown}）；answered from it: {found}；delete {deletes[-1]:.2f} s"
                )
        names = list(dict.fromkeys(k for s in stages for k in s))
        print(f"median add {statistics.median(adds):.2f} s, median delete {statistics.median(deletes):.2f} s")
        print(
            "median by stage: "
            + "，".join(f"{k} {statistics.median(s.get(k, 0) for s in stages):.2f} s" for k in names)
        )


if __name__ == "__main__":
    main()
