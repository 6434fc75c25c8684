"""The nation with side constraints, province by province, on local processes or Dask.

1. The national relaxed flow (side constraints folded into capacities or
   dropped) is solved and proven: its figures are a lexicographic lower bound
   for every plan of the nation.
2. Its cross-border cards and blanks are fixed and each province becomes an
   instance of its own (split.py); each is one task on `TaskPool` (`jobs` local
   processes or the Dask cluster at `dask_address`), planned by `make_plan`
   with the chosen engine, which validates it.
3. The provinces' plans and the crossings make the national plan; its
   objective is recomputed from the counts, and `make_plan` validates it whole.

Honest about what it is: the plan is FEASIBLE unless it meets the relaxed
bound figure for figure, and the proof names the gap per figure. It can be
worse than one solve of the whole nation: the crossings are the relaxed
flow's, fixed before any province sees its side constraints, and the province
instances are stricter than the nation (split.py). The relaxed bound says by
how much at most: no plan of the nation beats it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from scheduler.engines.bounds import relative
from scheduler.engines.cpsat.variables import relaxed_calendar
from scheduler.engines.decompose.split import crossings, province_instance, provinces
from scheduler.engines.network.engine import solve_flow
from scheduler.instance.calendar import Calendar
from scheduler.instance.model import Instance
from scheduler.plan.objective import objective_from_counts
from scheduler.plan.result import (
    FIGURES,
    Bound,
    EngineResult,
    PlannedPrint,
    PlannedTransfer,
    StageReport,
    Status,
)
from scheduler.pool.tasks import TaskPool

MIN_PROVINCE_SECONDS = 1.0


@dataclass(frozen=True)
class ProvinceTask:
    """One province's instance and how to plan it (picklable: it goes to a worker)."""

    name: str
    instance: Instance
    engine: str
    time_limit: float | None
    workers: int
    seed: int


@dataclass(frozen=True)
class ProvincePlan:
    """A province's validated plan by ids (its indices mean nothing to the nation)."""

    name: str
    status: str
    seconds: float
    prints: tuple[tuple[str, str, str, int, int], ...]  # home, class, printer, day, count
    transfers: tuple[tuple[str, str, int, int], ...]  # from, to, day, count


def solve_province(task: ProvinceTask) -> ProvincePlan:
    """Plan one province with make_plan (validated there); the plan by ids."""
    from scheduler.plan.make import make_plan  # make_plan imports the engines

    planned = make_plan(task.instance, engine=task.engine, time_limit=task.time_limit,
                        workers=task.workers, seed=task.seed, blanks_short=False)
    calendar, result = planned.calendar, planned.result
    prints = tuple(
        (calendar.district_ids[calendar.queues[pp.queue].home],
         calendar.class_ids[calendar.queues[pp.queue].service_class],
         calendar.printer_ids[pp.printer], pp.day, pp.count)
        for pp in result.prints if pp.count > 0)
    transfers = tuple(
        (calendar.district_ids[int(calendar.link_source[tr.link])],
         calendar.district_ids[int(calendar.link_target[tr.link])], tr.day, tr.count)
        for tr in result.transfers if tr.count > 0)
    return ProvincePlan(task.name, str(result.status), planned.seconds, prints, transfers)


def _limits(tasks: list[tuple[str, Instance]], left: float | None, slots: int
            ) -> list[float | None]:
    """Each province's share of the time left, by its applicants, as the pool runs them."""
    if left is None:
        return [None] * len(tasks)
    sizes = [max(inst.applicant_count, 1) for _, inst in tasks]
    share = left * min(slots, len(tasks)) / sum(sizes)
    return [max(MIN_PROVINCE_SECONDS, min(left, share * size)) for size in sizes]


def solve_by_provinces(
    calendar: Calendar, *, engine: str = "auto", time_limit: float | None = None,
    workers: int = 1, seed: int = 0, jobs: int = 1, dask_address: str | None = None,
    log: Callable[[str], None] | None = None,
) -> EngineResult:
    """The national plan by decomposition (module docstring); `engine` plans each province."""
    started = time.perf_counter()
    relaxed = solve_flow(relaxed_calendar(calendar), relax_side_constraints=True)
    cross = crossings(calendar, relaxed)
    split = [(name, province_instance(calendar, name, members, cross))
             for name, members in provinces(calendar).items()]
    split.sort(key=lambda item: -item[1].applicant_count)  # the largest start first
    if log is not None:
        log(f"relaxed national flow {relaxed.objective.as_tuple()} in "
            f"{relaxed.seconds:.1f} s; {len(split)} provinces; {len(cross.prints)} crossing "
            f"prints, {len(cross.transfers)} crossing sends")
    left = None if time_limit is None else time_limit - (time.perf_counter() - started)
    pool: TaskPool[ProvinceTask, ProvincePlan] = TaskPool(jobs=jobs, dask_address=dask_address)
    with pool:
        limits = _limits(split, left, pool.slots)
        tasks = [ProvinceTask(name, inst, engine, limit, workers, seed)
                 for (name, inst), limit in zip(split, limits, strict=True)]

        def done(i: int, plan: ProvincePlan, finished: int) -> None:
            if log is not None:
                log(f"province {plan.name}: {plan.status} in {plan.seconds:.1f} s "
                    f"({finished}/{len(tasks)})")

        plans = pool.run_in_order(solve_province, tasks, on_done=done)
    return _assembled(calendar, relaxed, cross.prints, cross.transfers, plans,
                      time.perf_counter() - started)


def _assembled(calendar: Calendar, relaxed: EngineResult, cross_prints: list[PlannedPrint],
               cross_transfers: list[PlannedTransfer], plans: list[ProvincePlan],
               seconds: float) -> EngineResult:
    """The national plan: provinces' plans in the nation's indices, plus the crossings."""
    queue_of = calendar.queue_index()
    printer_of = {p: i for i, p in enumerate(calendar.printer_ids)}
    link_of = calendar.link_index_by_id()
    prints = list(cross_prints) + [
        PlannedPrint(queue_of[home, cls], printer_of[printer], day, count)
        for plan in plans for home, cls, printer, day, count in plan.prints]
    transfers = list(cross_transfers) + [
        PlannedTransfer(link_of[source, target], day, count)
        for plan in plans for source, target, day, count in plan.transfers]
    trips = sum(calendar.instance.links[link].trip_cost
                for link, _ in {(tr.link, tr.day) for tr in transfers if tr.count > 0})
    objective = objective_from_counts(calendar, prints, transfers, trips)
    values = objective.as_tuple()
    bound = relative(relaxed.bound.as_tuple(), values)
    gaps = ", ".join(
        f"{name} {value - b:,} ({(value - b) / max(b, 1):.3%})" if b is not None
        else f"{name} unbounded" for name, value, b in zip(FIGURES, values, bound, strict=True))
    statuses = sorted({plan.status for plan in plans})
    return EngineResult(
        engine="provinces",
        status=Status.OPTIMAL if bound == values else Status.FEASIBLE,
        objective=objective,
        bound=Bound(*bound),
        proof=(f"decomposed into {len(plans)} provinces (their plans {'/'.join(statuses)}) "
               "along the national relaxed flow's crossings; lower bound: that flow, proven "
               f"by its potentials; gap per figure: {gaps}"),
        prints=tuple(sorted(prints, key=lambda pp: (pp.day, pp.printer, pp.queue))),
        transfers=tuple(sorted(transfers, key=lambda tr: (tr.day, tr.link))),
        stages=tuple(StageReport(name, Status.OPTIMAL if b == value else Status.FEASIBLE,
                                 value, b, 0.0)
                     for name, value, b in zip(FIGURES, values, bound, strict=True)),
        seconds=seconds,
    )
