"""Real local servers for tests: uvicorn in a thread on a free port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager

import httpx
import uvicorn


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running(app, ready_path: str = "/"):
    """Serve `app` on 127.0.0.1 until the block ends; yield its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + ready_path, timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        raise RuntimeError(f"server on {base} did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def openai_stub(content: str | Callable[[dict], str] = "", delay: float = 0.0, status: int = 200):
    """An OpenAI-compatible chat endpoint that answers `content` (or `content(request body)`) after `delay` seconds."""
    from fastapi import FastAPI
    from fastapi.responses import JSONResponse

    app = FastAPI()
    app.state.requests = []

    @app.get("/")
    def root() -> dict:
        return {"ok": True}

    @app.post("/v1/chat/completions")
    async def complete(body: dict):
        app.state.requests.append(body)
        if delay:
            import asyncio

            await asyncio.sleep(delay)
        if status != 200:
            return JSONResponse(status_code=status, content={"error": {"message": "stub failure"}})
        return {
            "id": "chatcmpl-stub",
            "object": "chat.completion",
            "created": 0,
            "model": body.get("model", "stub"),
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": content(body) if callable(content) else content},
                    "finish_reason": "stop",
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    return app


@contextmanager
def chroma_server(path, port: int | None = None):
    """`chroma run --path PATH` on 127.0.0.1 until the block ends; yield (port, process).

    The process is the server itself (chromadb runs its Rust server in the Python process), so a test can
    SIGSTOP or kill it. Up once its heartbeat answers, within 60 s.
    """
    import subprocess
    import sys
    from pathlib import Path

    port = port or free_port()
    chroma = Path(sys.executable).parent / "chroma"
    log = (Path(path).parent / f"chroma-{port}.log").open("a")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).raise_for_status()
                break
            except httpx.HTTPError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"chroma server did not start (see {log.name})") from None
                time.sleep(0.3)
        yield port, process
    finally:
        if process.poll() is None:
            process.kill()  # SIGKILL also ends a SIGSTOPped process
            process.wait(timeout=20)
        log.close()
