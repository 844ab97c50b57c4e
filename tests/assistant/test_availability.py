"""The gate in front of a dependency: a few calls at a time, a pause after a failure, one probe, recovery."""

from __future__ import annotations

import threading

import pytest

from assistant.availability import Gate, ServiceUnavailable


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


def gate(clock, **kwargs) -> Gate:
    options = {"slots": 2, "wait": 0.05, "pause": 10.0, "failures": (ConnectionError,), "clock": clock, **kwargs}
    return Gate("向量库", **options)


def down():
    raise ConnectionError("refused")


def test_a_failure_pauses_the_gate_then_one_probe_reopens_it(clock):
    g = gate(clock)
    with pytest.raises(ServiceUnavailable, match="向量库暂时无法使用，请约 10 秒后再试") as failure:
        g.call(down)
    assert failure.value.retry_after_seconds == 10 and g.state() == "unavailable"
    calls = []
    clock.now = 9.0
    with pytest.raises(ServiceUnavailable, match="约 1 秒"):  # refused at once, without calling
        g.call(calls.append, 1)
    assert calls == []
    clock.now = 10.5
    assert g.call(lambda: "back") == "back" and g.state() == "ok"


def test_a_failed_probe_pauses_again(clock):
    g = gate(clock)
    with pytest.raises(ServiceUnavailable):
        g.call(down)
    clock.now = 11.0
    with pytest.raises(ServiceUnavailable):
        g.call(down)
    clock.now = 12.0
    with pytest.raises(ServiceUnavailable, match="约 9 秒"):
        g.call(lambda: "not yet")


def test_only_one_probe_at_a_time(clock):
    g = gate(clock)
    g.fail(ConnectionError("unreachable at start"))
    clock.now = 11.0
    probing, release = threading.Event(), threading.Event()

    def slow_probe():
        probing.set()
        release.wait(5)
        return "ok"

    worker = threading.Thread(target=lambda: g.call(slow_probe))
    worker.start()
    assert probing.wait(5)
    with pytest.raises(ServiceUnavailable):  # the hung probe holds no one else
        g.call(lambda: "second")
    release.set()
    worker.join(5)
    assert g.state() == "ok" and g.call(lambda: 1) == 1


def test_busy_slots_refuse_after_the_wait_without_pausing(clock):
    g = gate(clock, slots=1)
    started, release = threading.Event(), threading.Event()
    worker = threading.Thread(target=lambda: g.call(lambda: (started.set(), release.wait(5))))
    worker.start()
    assert started.wait(5)
    with pytest.raises(ServiceUnavailable, match="繁忙"):
        g.call(lambda: "waits 0.05 s")
    release.set()
    worker.join(5)
    assert g.state() == "ok" and g.call(lambda: 2) == 2


def test_other_errors_pass_through_and_do_not_pause(clock):
    g = gate(clock)
    with pytest.raises(ValueError):
        g.call(lambda: int("x"))
    assert g.state() == "ok"
