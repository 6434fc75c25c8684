"""A real Dask cluster on loopback for the tests, and a port nobody listens on."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def local_cluster() -> Iterator[str]:
    """Two single-thread worker processes; the scheduler gives up on a task at its first
    lost worker (allowed_failures 0), so the pool's own retry is what a test sees."""
    from distributed import LocalCluster

    # no dashboard; the scheduler's small HTTP server on a free port, not 8787 (which a
    # test run beside this one may hold)
    options = {"allowed_failures": 0, "dashboard_address": "127.0.0.1:0"}
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, scheduler_kwargs=options) as cluster:
        yield cluster.scheduler_address


def unused_port() -> int:
    """A loopback port that was free a moment ago (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
