"""The written protocol of a benchmark run: the machine and the settings the figures hold for.

Seconds and megabytes mean little without the machine, the library versions and
the solver settings that produced them, so they are written at the top of the
markdown results. On Dask the cluster's workers, threads and hosts are added:
the instances ran there, not on the machine that wrote the file.
"""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class BenchSettings:
    """How the run was made (what a reader needs to repeat it)."""

    paths: tuple[str, ...]
    time_limit: float | None
    seed: int
    workers: int
    jobs: int
    dask_address: str | None = None
    cluster: dict[str, Any] = field(default_factory=dict)


def _first_line_value(path: str, key: str) -> str | None:
    """The value of `key: value` in a /proc file (None where there is no such file)."""
    try:
        for line in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
            if line.split(":")[0].strip() == key:
                return line.split(":", 1)[1].strip()
    except OSError:
        return None
    return None


def _memory() -> str:
    kib = _first_line_value("/proc/meminfo", "MemTotal")
    return "unknown" if kib is None else f"{int(kib.split()[0]) / 1024 ** 2:.1f} GiB"


def _package(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def protocol_lines(settings: BenchSettings, *, seconds: float, instances: int,
                   failed: int, now: datetime | None = None) -> list[tuple[str, str]]:
    """(what, value) pairs: machine, versions, settings, and the run's totals."""
    when = (now or datetime.now().astimezone()).isoformat(timespec="seconds")
    cpu = _first_line_value("/proc/cpuinfo", "model name") or platform.processor() or "unknown"
    lines = [
        ("date", when),
        ("machine", f"{os.cpu_count() or 1} CPU(s), {cpu}; memory {_memory()}; "
                    f"{platform.system()} {platform.release()}"),
        ("software", f"Python {platform.python_version()}, OR-Tools {_package('ortools')}, "
                     f"ektp-sched {_package('ektp-sched')}"),
        ("instances", f"{instances} from {' '.join(settings.paths)}"),
        ("time limit", "none" if settings.time_limit is None
         else f"{settings.time_limit:g} s per instance"),
        ("seed", str(settings.seed)),
        ("CP-SAT workers", f"{settings.workers} per solve"),
    ]
    if settings.dask_address is None:
        lines.append(("jobs", f"{settings.jobs} local process(es), a fresh one per instance"))
    else:
        cluster = settings.cluster
        hosts = ", ".join(cluster.get("hosts", [])) or "unknown"
        lines.append(("dask", f"{settings.dask_address}: {cluster.get('workers', '?')} "
                              f"worker(s), {cluster.get('threads', '?')} thread(s) on {hosts} "
                              f"(Dask {_package('distributed')})"))
    lines.append(("result", f"{failed} of {instances} failed; {seconds:.2f} s wall"))
    return lines


@dataclass(frozen=True)
class BenchShape:
    """How many instances run at once and how many CP-SAT workers each solve gets."""

    jobs: int
    workers: int
    cores: int
    oversubscribed: bool  # local jobs x workers above the cores: solves compete for them


def bench_shape(instances: int, jobs: int | None, workers: int | None,
                dask_address: str | None) -> BenchShape:
    """Jobs as given, else one per core the workers leave (at most one per instance);
    workers as given, else the cores a job gets (1 on Dask: the cluster's threads share)."""
    cores = os.cpu_count() or 1
    chosen_jobs = jobs or max(1, min(instances, cores // (workers or 1)))
    chosen_workers = workers or (1 if dask_address else max(1, cores // chosen_jobs))
    oversubscribed = dask_address is None and chosen_jobs * chosen_workers > cores
    return BenchShape(chosen_jobs, chosen_workers, cores, oversubscribed)
