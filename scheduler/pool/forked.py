"""Short independent computations side by side in forked processes, on this machine only.

For work that takes seconds and has no reason to cross machines (a report's
second solve, `explain`'s re-solves): a fork shares the parent's imports and
data, so a task starts at once, and only its arguments and result travel
through a pipe. One job per core this process may run on, never more.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def cores() -> int:
    """Cores this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else os.cpu_count() or 1


def forked_pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` forked processes (at most one per core)."""
    return ProcessPoolExecutor(max(1, min(jobs, cores())),
                               mp_context=multiprocessing.get_context("fork"))
