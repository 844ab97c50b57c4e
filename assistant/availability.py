"""Calls to a dependency that may be slow or down (the Chroma server, the LLM), kept from taking the server with them.

A `Gate` lets a few calls through at a time (a bounded semaphore: the rest wait at most `wait` seconds), and
after a call fails it pauses: for `pause` seconds every call is refused at once instead of waiting on a dead
or hung dependency, then one call probes it again. So a hung Chroma holds at most `slots` worker threads, for
at most its timeout; the other threads keep answering health checks and table questions, and the first
successful probe after the dependency returns closes the gate again — no restart.

>>> gate = Gate("向量库", slots=2, wait=0.5, pause=10.0, failures=(ConnectionError,))
>>> gate.call(lambda: "ok"), gate.state()
('ok', 'ok')
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from corpus.errors import PolicyAssistantError

logger = logging.getLogger(__name__)
T = TypeVar("T")


class ServiceUnavailable(PolicyAssistantError):
    """A dependency is down, hung or busy (HTTP 503 with `Retry-After`); what does not need it still works."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after

    @property
    def retry_after_seconds(self) -> int:
        return max(1, math.ceil(self.retry_after))


class Gate:
    """At most `slots` concurrent calls to the dependency `name`, and a pause of `pause` seconds after one fails.

    Only exceptions of the types in `failures` count as the dependency failing (and become `ServiceUnavailable`,
    worded with `advice` appended); others pass through unchanged and leave the gate as it was.
    """

    def __init__(
        self,
        name: str,
        slots: int,
        wait: float,
        pause: float,
        failures: tuple[type[BaseException], ...] = (Exception,),
        advice: str = "",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if slots < 1:
            raise ValueError(f"slots must be at least 1, got {slots}")
        self.name = name
        self.wait = wait
        self.pause = pause
        self.failures = failures
        self.advice = advice
        self._clock = clock
        self._slots = threading.BoundedSemaphore(slots)
        self._lock = threading.Lock()
        self._paused_until: float | None = None  # set while the dependency is taken to be down
        self._probing = False
        self.last_error = ""

    def call(self, fn: Callable[..., T], *args, **kwargs) -> T:
        probe = self._admit()
        try:
            if not self._slots.acquire(timeout=self.wait):
                raise ServiceUnavailable(f"{self.name}繁忙，请稍后再试", retry_after=max(self.wait, 1.0))
            try:
                result = fn(*args, **kwargs)
            except self.failures as exc:
                self._failed(exc)
                raise ServiceUnavailable(self._down_message(self.pause), retry_after=self.pause) from exc
            finally:
                self._slots.release()
        finally:
            if probe:
                with self._lock:
                    self._probing = False
        self._succeeded()
        return result

    def fail(self, exc: BaseException) -> None:
        """Record a failure found outside `call` (a dependency that could not even be reached at start)."""
        self._failed(exc)

    def state(self) -> str:
        """'ok', or 'unavailable' while paused after a failure."""
        with self._lock:
            return "unavailable" if self._paused_until is not None else "ok"

    def _admit(self) -> bool:
        """Let a call through, as the one probe when a pause has run out; refuse it while paused."""
        with self._lock:
            if self._paused_until is None:
                return False
            remaining = self._paused_until - self._clock()
            if remaining > 0 or self._probing:
                wait = max(remaining, 1.0)
                raise ServiceUnavailable(self._down_message(wait), retry_after=wait)
            self._probing = True
            return True

    def _failed(self, exc: BaseException) -> None:
        with self._lock:
            first = self._paused_until is None
            self._paused_until = self._clock() + self.pause
            self.last_error = f"{type(exc).__name__}: {exc}"[:300]
        if first:
            logger.warning("%s failed, refusing calls for %.0fs: %s", self.name, self.pause, self.last_error)

    def _succeeded(self) -> None:
        with self._lock:
            if self._paused_until is None:
                return
            self._paused_until = None
            self.last_error = ""
        logger.warning("%s is back", self.name)

    def _down_message(self, seconds: float) -> str:
        return f"{self.name}暂时无法使用，请约 {math.ceil(seconds)} 秒后再试{self.advice}"
