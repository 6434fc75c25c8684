"""Local worker processes watched one by one, so a dying worker costs only its own item.

Why not ProcessPoolExecutor: when one of its processes dies (killed for memory,
a segfault in a native library) it marks the whole pool broken, kills the other
workers and fails every pending item with BrokenProcessPool, without saying
which item died or how. Here every worker process has its own pipe and runs one
item at a time, so a death is pinned to the item it was running and read as its
exit code or signal, while the other workers run on undisturbed. A lost item is
run once more in a fresh process; a second death is final, and the caller gets
`Died` for that item instead of a result.

Workers come from a `forkserver`, never from forking this process: a forked or
`spawn`ed child would report this (possibly large) process's peak memory as its
own, since Linux carries the peak across fork and exec.
"""

from __future__ import annotations

import multiprocessing
import pickle
import signal
import traceback
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")
ATTEMPTS = 2  # an item whose worker dies runs at most this many times
EXIT_SECONDS = 10.0  # how long a worker told to stop may take before it is killed


@dataclass(frozen=True)
class Died:
    """An item whose worker process died on every attempt; `causes` says how, in order."""

    causes: tuple[str, ...]

    @property
    def message(self) -> str:
        """One line, e.g. `worker process died (signal SIGKILL) twice`."""
        if len(set(self.causes)) == 1:
            return f"worker process died ({self.causes[0]}) twice"
        return f"worker process died twice ({', then '.join(self.causes)})"


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, chained under it when re-raised."""

    def __str__(self) -> str:
        return str(self.args[0])


def death_cause(exit_code: int | None) -> str:
    """`exit code 1`, or `signal SIGKILL` for a process a signal ended (negative code)."""
    if exit_code is None:
        return "exit code unknown"
    if exit_code >= 0:
        return f"exit code {exit_code}"
    try:
        return f"signal {signal.Signals(-exit_code).name}"
    except ValueError:
        return f"signal {-exit_code}"


def _portable(error: Exception) -> tuple[Exception, str]:
    """The error and its formatted traceback, the error replaced when it cannot be pickled."""
    text = "".join(traceback.format_exception(error))
    try:
        pickle.dumps(error)
    except Exception:  # noqa: BLE001 - any pickling failure: send its description instead
        error = RuntimeError(f"{type(error).__name__}: {error}")
    return error, text


def _serve(connection: Connection, function: Callable[[Any], Any]) -> None:
    """A worker's loop: run each item received and send back (True, result) or
    (False, (error, traceback)); stop when the other end closes."""
    while True:
        try:
            item = connection.recv()
        except EOFError:
            return
        try:
            reply: tuple[bool, Any] = (True, function(item))
        except Exception as error:  # noqa: BLE001 - raised again by the caller
            reply = (False, _portable(error))
        try:
            connection.send(reply)
        except (pickle.PicklingError, TypeError, AttributeError) as error:
            connection.send((False, _portable(error)))  # a result that cannot be pickled


@dataclass
class _Worker:
    process: BaseProcess
    connection: Connection
    index: int = -1  # the item it runs


class WorkerProcesses(Generic[ItemT, ResultT]):
    """Up to `jobs` worker processes for one run; with `fresh_process`, one item each."""

    def __init__(self, jobs: int, *, fresh_process: bool = False) -> None:
        self.jobs = max(1, jobs)
        self.fresh_process = fresh_process
        self._context = multiprocessing.get_context("forkserver")
        self._workers: list[_Worker] = []

    def run(self, function: Callable[[ItemT], ResultT], items: Sequence[ItemT]
            ) -> Iterator[tuple[int, ResultT | Died]]:
        """`(index, result)` for every item as it finishes; `(index, Died)` for one whose
        worker died twice. An exception raised by `function` is raised here."""
        todo = deque(range(len(items)))
        causes: dict[int, list[str]] = {}
        idle: list[_Worker] = []
        busy: dict[Connection, _Worker] = {}
        try:
            while todo or busy:
                while todo and len(busy) < self.jobs:
                    worker = idle.pop() if idle else self._start(function)
                    worker.index = todo.popleft()
                    try:
                        worker.connection.send(items[worker.index])
                    except OSError:  # it died idle: not the item's fault, so not counted
                        todo.appendleft(worker.index)
                        self._stop(worker)
                        continue
                    busy[worker.connection] = worker
                for connection in wait(list(busy)):
                    assert isinstance(connection, Connection)
                    worker = busy.pop(connection)
                    try:
                        ok, payload = connection.recv()
                    except (EOFError, OSError):
                        causes.setdefault(worker.index, []).append(self._stop(worker))
                        if len(causes[worker.index]) < ATTEMPTS:
                            todo.appendleft(worker.index)
                        else:
                            yield worker.index, Died(tuple(causes[worker.index]))
                        continue
                    if self.fresh_process:
                        self._stop(worker)
                    else:
                        idle.append(worker)
                    if not ok:
                        error, text = payload
                        raise error from RemoteTraceback(text)
                    yield worker.index, payload
        finally:
            self.stop_all()

    def stop_all(self) -> None:
        """End every worker still alive on leaving a run: idle ones, or busy ones whose
        results nobody will read (the caller stopped early or an item raised)."""
        for worker in list(self._workers):
            worker.process.terminate()
            self._stop(worker)

    def _start(self, function: Callable[[ItemT], ResultT]) -> _Worker:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, function))
        process.start()
        theirs.close()  # only the worker holds its end: its death reads as end of file here
        worker = _Worker(process, mine)
        self._workers.append(worker)
        return worker

    def _stop(self, worker: _Worker) -> str:
        """Close its pipe (an idle worker then exits), wait for it, kill it if it will not
        end; how it ended."""
        worker.connection.close()
        worker.process.join(EXIT_SECONDS)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        self._workers.remove(worker)
        return death_cause(worker.process.exitcode)
