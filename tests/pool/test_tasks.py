"""The task runner: local processes, a real Dask LocalCluster, a lost worker, no scheduler.

Results arrive as (index, result) in completion order, so every check sorts them
by index. Tasks that kill their worker count their attempts in a file: a worker
lost once costs exactly one more attempt, a second loss is final, and the other
items run exactly once (a neighbour's death is never counted against them).
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from scheduler.errors import InputError
from scheduler.pool.tasks import TaskLost, TaskPool
from tests.support.dask_local import unused_port


def square(n: int) -> int:
    return n * n


def pid_of(_: int) -> int:
    return os.getpid()


def refuse_odd(n: int) -> int:
    if n % 2:
        raise ValueError(f"{n} is odd")
    return n


def die_until(attempts: Path, survive_from: int, n: int) -> int:
    """Append a line per attempt; kill this worker process until attempt `survive_from`."""
    with attempts.open("a", encoding="utf-8") as handle:
        handle.write(f"{n}\n")
    if len(attempts.read_text(encoding="utf-8").splitlines()) < survive_from:
        os._exit(1)
    return n + 100


def crash_as_told(folder: Path, plans: dict[int, str], n: int) -> int:
    """Record an attempt of item n in folder/n; attempt k does what letter k of
    plans[n] says (`x`: exit code 3, `k`: SIGKILL, `e`: raise), beyond it return n + 100."""
    record = folder / str(n)
    with record.open("a", encoding="utf-8") as handle:
        handle.write("attempt\n")
    attempt = len(record.read_text(encoding="utf-8").splitlines())
    plan = plans.get(n, "")
    what = plan[attempt - 1] if attempt <= len(plan) else ""
    if what == "x":
        os._exit(3)
    if what == "k":
        os.kill(os.getpid(), signal.SIGKILL)
    if what == "e":
        raise ValueError(f"{n} refused")
    return n + 100


def _attempts(folder: Path, items: list[int]) -> dict[int, int]:
    return {n: len((folder / str(n)).read_text(encoding="utf-8").splitlines()) for n in items}


def _by_index(pairs: Iterator[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted(pairs)


@pytest.mark.parametrize("jobs", [1, 2])
def test_local_results_come_with_their_index(jobs: int) -> None:
    with TaskPool[int, int](jobs=jobs) as pool:
        assert pool.slots == jobs
        assert _by_index(pool.run(square, [3, 1, 4, 1, 5])) == [(0, 9), (1, 1), (2, 16),
                                                                (3, 1), (4, 25)]


def test_fresh_process_gives_each_item_its_own_process() -> None:
    with TaskPool[int, int](jobs=1, fresh_process=True) as pool:
        pids = [pid for _, pid in pool.run(pid_of, [0, 1, 2])]
    assert len(set(pids)) == 3 and os.getpid() not in pids


def test_a_task_error_is_raised_locally() -> None:
    with TaskPool[int, int](jobs=2) as pool, pytest.raises(ValueError, match="3 is odd"):
        list(pool.run(refuse_odd, [2, 3]))


LOCAL_POOLS = [(2, False), (2, True), (1, True)]  # (jobs, fresh_process): in processes


@pytest.mark.parametrize(("jobs", "fresh"), LOCAL_POOLS)
def test_local_worker_death_is_retried_once_and_spares_the_others(
        jobs: int, fresh: bool, tmp_path: Path) -> None:
    """Item 2's first attempt exits with code 3; its second returns 102. Every other
    item runs once: 1..5 -> 101..105, attempts 1, 2, 1, 1, 1."""
    items = [1, 2, 3, 4, 5]
    with TaskPool[int, int](jobs=jobs, fresh_process=fresh) as pool:
        results = _by_index(pool.run(partial(crash_as_told, tmp_path, {2: "x"}), items))
    assert results == [(0, 101), (1, 102), (2, 103), (3, 104), (4, 105)]
    assert _attempts(tmp_path, items) == {1: 1, 2: 2, 3: 1, 4: 1, 5: 1}


@pytest.mark.parametrize(("jobs", "fresh"), LOCAL_POOLS)
def test_local_second_death_is_final_and_the_others_complete(
        jobs: int, fresh: bool, tmp_path: Path) -> None:
    """Item 3 is SIGKILLed on both attempts: on_lost gives -3 with the one-line reason;
    1, 2, 4 give 101, 102, 104, each after a single attempt."""
    items = [1, 2, 3, 4]
    messages: list[str] = []

    def lost(n: int, message: str) -> int:
        messages.append(message)
        return -n

    with TaskPool[int, int](jobs=jobs, fresh_process=fresh) as pool:
        results = _by_index(pool.run(partial(crash_as_told, tmp_path, {3: "kk"}), items,
                                     on_lost=lost))
    assert results == [(0, 101), (1, 102), (2, -3), (3, 104)]
    assert messages == ["worker process died (signal SIGKILL) twice"]
    assert _attempts(tmp_path, items) == {1: 1, 2: 1, 3: 2, 4: 1}


def test_local_two_different_deaths_are_both_named(tmp_path: Path) -> None:
    with TaskPool[int, int](jobs=2) as pool, pytest.raises(TaskLost) as caught:
        list(pool.run(partial(crash_as_told, tmp_path, {7: "xk"}), [7]))
    assert str(caught.value) == "worker process died twice (exit code 3, then signal SIGKILL)"


def test_local_error_after_a_death_is_raised_not_retried(tmp_path: Path) -> None:
    """A death, then the task's own exception: the exception is the answer (no third try)."""
    with TaskPool[int, int](jobs=2) as pool, pytest.raises(ValueError, match="7 refused"):
        list(pool.run(partial(crash_as_told, tmp_path, {7: "xee"}), [7]))
    assert _attempts(tmp_path, [7]) == {7: 2}


def test_dask_gives_the_local_results(dask_address: str) -> None:
    with TaskPool[int, int](dask_address=dask_address) as pool:
        assert pool.slots == 2
        assert pool.cluster() == {"workers": 2, "threads": 2, "hosts": ["127.0.0.1"]}
        assert _by_index(pool.run(square, [3, 1, 4, 1, 5])) == [(0, 9), (1, 1), (2, 16),
                                                                (3, 1), (4, 25)]


def test_dask_retries_a_lost_worker_task_once(dask_address: str, tmp_path: Path) -> None:
    """Attempt 1 kills its worker; the scheduler gives up at once (allowed_failures 0);
    the pool submits it again and attempt 2 returns 7 + 100."""
    attempts = tmp_path / "attempts"
    with TaskPool[int, int](dask_address=dask_address) as pool:
        assert list(pool.run(partial(die_until, attempts, 2), [7])) == [(0, 107)]
    assert attempts.read_text(encoding="utf-8").splitlines() == ["7", "7"]


def test_dask_second_loss_is_final(dask_address: str, tmp_path: Path) -> None:
    """Every attempt kills its worker: two attempts, then on_lost gives the result."""
    attempts = tmp_path / "attempts"
    with TaskPool[int, int](dask_address=dask_address) as pool:
        [(index, result)] = pool.run(partial(die_until, attempts, 99), [7],
                                     on_lost=lambda n, message: -n if "twice" in message else 0)
    assert (index, result) == (0, -7)
    assert attempts.read_text(encoding="utf-8").splitlines() == ["7", "7"]
    with TaskPool[int, int](dask_address=dask_address) as pool, pytest.raises(TaskLost):
        list(pool.run(partial(die_until, tmp_path / "again", 99), [1]))


def test_dask_task_error_is_raised_not_retried(dask_address: str) -> None:
    with TaskPool[int, int](dask_address=dask_address) as pool, pytest.raises(ValueError,
                                                                              match="3 is odd"):
        list(pool.run(refuse_odd, [3]))


def test_unreachable_scheduler_is_one_line_input_error() -> None:
    address = f"tcp://127.0.0.1:{unused_port()}"
    with pytest.raises(InputError) as caught:
        TaskPool[int, int](dask_address=address, connect_seconds=1).__enter__()
    message = str(caught.value)
    assert message.startswith(f"{address}: cannot reach the Dask scheduler")
    assert "\n" not in message


def _serve_once(reply: bytes | None) -> tuple[str, threading.Thread]:
    """A loopback server that accepts one connection and answers `reply` (None: nothing)."""
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def serve() -> None:
        with server:
            conn, _ = server.accept()
            with conn:
                if reply is not None:
                    conn.sendall(reply)
                time.sleep(3)  # stay open and quiet, as a web server waiting for a request

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    return f"tcp://127.0.0.1:{port}", thread


@pytest.mark.parametrize(("reply", "said"), [
    (None, "says nothing a Dask scheduler says within 1 s"),
    (b"HTTP/1.1 400 Bad Request\r\n\r\n", "not as a Dask scheduler"),
    (b"\xff" * 8, "not as a Dask scheduler"),  # read as a length: 2**64 - 1 bytes
])
def test_something_else_at_the_address_is_one_line_within_the_limit(
        reply: bytes | None, said: str) -> None:
    address, _ = _serve_once(reply)
    started = time.monotonic()
    with pytest.raises(InputError) as caught:
        TaskPool[int, int](dask_address=address, connect_seconds=1).__enter__()
    assert time.monotonic() - started < 3
    assert said in str(caught.value) and "\n" not in str(caught.value)


def test_a_real_scheduler_passes_the_probe(dask_address: str) -> None:
    from scheduler.pool.dask_probe import probe_scheduler

    probe_scheduler(dask_address, 5.0)
