"""Running one picklable function over many items: local processes or a Dask cluster.

Independent jobs (a benchmark's instances, a simulation's runs) take the same
route: `TaskPool(jobs=J)` runs them in J local processes
(scheduler/pool/workers.py; with `fresh_process` each item gets a new
process, so a peak-memory reading is that item's alone; one job without it runs
in this process), `TaskPool(dask_address=ADDR)` sends each item to a Dask
distributed scheduler as one task. Results come back as `(index, result)` in
completion order; callers that want input order put them back by index.

A worker that dies takes only its own item with it, and the item is retried
once; a second loss is final: `on_lost(item, message)` gives its result, or
TaskLost is raised. Locally the item runs once more in a fresh process, and
the message says how the worker ended both times (`worker process died
(signal SIGKILL) twice`); the other workers run on. On Dask (crash, killed,
machine lost) the scheduler itself reschedules a lost task until it has been
on more than its `distributed.scheduler.allowed-failures` dying workers
(default 3), then gives up with `KilledWorker`; the pool then submits that item
once more, and only a second `KilledWorker` is final. The address is checked on
entering the pool: an unreachable scheduler is an InputError within
`CONNECT_SECONDS`, before any work starts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from scheduler.errors import InputError
from scheduler.pool.dask_probe import probe_scheduler
from scheduler.pool.workers import Died, WorkerProcesses

if TYPE_CHECKING:
    from distributed import Client

CONNECT_SECONDS = 5.0  # how long to try reaching a Dask scheduler before giving up
ItemT = TypeVar("ItemT")
ResultT = TypeVar("ResultT")


class TaskLost(RuntimeError):
    """An item's task was lost with its worker twice (and no `on_lost` was given)."""


LostHandler = Callable[[ItemT, str], ResultT]


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
        self._workers: WorkerProcesses[ItemT, ResultT] | None = None

    def __enter__(self) -> TaskPool[ItemT, ResultT]:
        if self.dask_address is not None:
            self._client = _connect(self.dask_address, self.connect_seconds)
            self.slots = max(1, sum(self._client.nthreads().values()))
        elif self.jobs > 1 or self.fresh_process:
            self._workers = WorkerProcesses(self.jobs, fresh_process=self.fresh_process)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if self._workers is not None:
            self._workers.stop_all()
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
            on_lost: LostHandler[ItemT, ResultT] | None = None,
            ) -> Iterator[tuple[int, ResultT]]:
        """`(index, function(items[index]))` for every item, as each one finishes.

        An exception raised by `function` is raised here. `on_lost(item, message)`
        gives the result of an item lost with its worker twice (without it,
        TaskLost is raised).
        """
        if self._client is not None:
            yield from _run_dask(self._client, function, items, on_lost)
        elif self._workers is not None:
            for i, outcome in self._workers.run(function, items):
                if isinstance(outcome, Died):
                    yield i, _lost(on_lost, items[i], outcome.message)
                else:
                    yield i, outcome
        else:
            for i, item in enumerate(items):
                yield i, function(item)


    def run_in_order(self, function: Callable[[ItemT], ResultT], items: Sequence[ItemT], *,
                     on_lost: LostHandler[ItemT, ResultT] | None = None,
                     on_done: Callable[[int, ResultT, int], None] | None = None,
                     ) -> list[ResultT]:
        """Every result, in the items' order; `on_done(index, result, finished)` as each
        one finishes (`finished` counts from 1), for progress and streamed output."""
        results: dict[int, ResultT] = {}
        for finished, (i, result) in enumerate(self.run(function, items, on_lost=on_lost),
                                               start=1):
            results[i] = result
            if on_done is not None:
                on_done(i, result, finished)
        return [results[i] for i in range(len(items))]


def _lost(on_lost: LostHandler[ItemT, ResultT] | None, item: ItemT, message: str) -> ResultT:
    """The result `on_lost` gives a finally lost item, or TaskLost without it."""
    if on_lost is None:
        raise TaskLost(message)
    return on_lost(item, message)


def _connect(address: str, seconds: float) -> Client:
    """A Dask client for `address`, or a one-line InputError when it is not there in time."""
    from distributed import Client

    probe_scheduler(address, seconds)
    try:
        return Client(address, timeout=seconds, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as error:
        reason = " ".join(str(error).split()) or type(error).__name__
        raise InputError(address, "", f"cannot reach the Dask scheduler ({reason})") from None


def _run_dask(client: Client, function: Callable[[ItemT], ResultT], items: Sequence[ItemT],
              on_lost: LostHandler[ItemT, ResultT] | None,
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
            yield i, _lost(on_lost, items[i], message)
            continue
        yield i, future.result()
