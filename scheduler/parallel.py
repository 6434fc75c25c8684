"""Running one picklable function over many items: local processes or a Dask cluster.

Independent jobs (a benchmark's instances, a simulation's runs) take the same
route: `TaskPool(jobs=J)` runs them in J local processes (forkserver; with
`fresh_process` each item gets a new process, so a peak-memory reading is that
item's alone), `TaskPool(dask_address=ADDR)` sends each item to a Dask
distributed scheduler as one task. Results come back as `(index, result)` in
completion order; callers that want input order put them back by index.

On Dask a worker that dies (crash, killed, machine lost) takes its tasks with
it. The scheduler itself reschedules them until a task has been on more than
its `distributed.scheduler.allowed-failures` dying workers (default 3), then
gives up with `KilledWorker`; the pool then submits that item once more, and
only a second `KilledWorker` is final (`on_lost`, or an error). The address is
checked on entering the pool: an unreachable scheduler is an InputError within
`CONNECT_SECONDS`, before any work starts.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, as_completed
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scheduler.errors import InputError

if TYPE_CHECKING:
    from distributed import Client

CONNECT_SECONDS = 5.0  # how long to try reaching a Dask scheduler before giving up
ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


class TaskLost(RuntimeError):
    """An item's task was lost with its worker twice (and no `on_lost` was given)."""


class TaskPool(Generic[ItemT, ResultT]):
    """Local processes or a Dask client, opened on `with` and closed after it.

    `slots` is how many items run at once: `jobs` locally, the cluster's
    threads on Dask (read when entering).
    """

    def __init__(self, *, jobs: int = 1, dask_address: str | None = None,
                 fresh_process: bool = False,
                 connect_seconds: float | None = None) -> None:
        self.jobs = max(1, jobs)
        self.dask_address = dask_address
        self.fresh_process = fresh_process
        self.connect_seconds = CONNECT_SECONDS if connect_seconds is None else connect_seconds
        self.slots = self.jobs
        self._client: Client | None = None
        self._executor: Executor | None = None

    def __enter__(self) -> TaskPool[ItemT, ResultT]:
        if self.dask_address is not None:
            self._client = _connect(self.dask_address, self.connect_seconds)
            self.slots = max(1, sum(self._client.nthreads().values()))
        elif self.jobs > 1 or self.fresh_process:
            context = multiprocessing.get_context("forkserver")
            self._executor = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=context,
                max_tasks_per_child=1 if self.fresh_process else None)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        if self._client is not None:
            self._client.close()

    def cluster(self) -> dict[str, Any]:
        """Workers, threads and hosts of the Dask cluster (empty when running locally)."""
        if self._client is None:
            return {}
        workers = self._client.scheduler_info(n_workers=-1)["workers"].values()
        return {"workers": len(workers), "threads": sum(w["nthreads"] for w in workers),
                "hosts": sorted({w["host"] for w in workers})}

    def run(self, function: Callable[[ItemT], ResultT], items: Sequence[ItemT], *,
            on_lost: Callable[[ItemT, str], ResultT] | None = None,
            ) -> Iterator[tuple[int, ResultT]]:
        """`(index, function(items[index]))` for every item, as each one finishes.

        An exception raised by `function` is raised here. `on_lost(item, message)`
        gives the result of an item lost with its Dask worker twice (without it,
        TaskLost is raised).
        """
        if self._client is not None:
            yield from _run_dask(self._client, function, items, on_lost)
        elif self._executor is not None:
            futures = {self._executor.submit(function, item): i for i, item in enumerate(items)}
            for future in as_completed(futures):
                yield futures[future], future.result()
        else:
            for i, item in enumerate(items):
                yield i, function(item)


def _connect(address: str, seconds: float) -> Client:
    """A Dask client for `address`, or a one-line InputError when it is not there in time."""
    from distributed import Client

    try:
        return Client(address, timeout=seconds, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(address, "", f"cannot reach the Dask scheduler ({reason})") from None


def _run_dask(client: Client, function: Callable[[ItemT], ResultT], items: Sequence[ItemT],
              on_lost: Callable[[ItemT, str], ResultT] | None,
              ) -> Iterator[tuple[int, ResultT]]:
    """Submit every item, resubmit one lost with its worker once, yield as they finish."""
    from distributed import as_completed as dask_completed
    from distributed.scheduler import KilledWorker

    index_of = {}
    for i, item in enumerate(items):
        index_of[client.submit(function, item, pure=False)] = i
    retried: set[int] = set()
    finished = dask_completed(list(index_of), loop=client.loop)
    for future in finished:
        i = index_of.pop(future)
        if future.status == "error":
            error = future.exception()
            if not isinstance(error, KilledWorker):
                future.result()  # raises the task's own exception
            if i not in retried:
                retried.add(i)
                again = client.submit(function, items[i], pure=False)
                index_of[again] = i
                finished.add(again)
                continue
            message = (f"lost with its Dask worker twice (last on "
                       f"{error.last_worker.address}, the scheduler allowing "
                       f"{error.allowed_failures} lost worker(s) a task)")
            if on_lost is None:
                raise TaskLost(message)
            yield i, on_lost(items[i], message)
            continue
        yield i, future.result()
