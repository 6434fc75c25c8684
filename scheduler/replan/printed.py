"""Who was printed before a re-plan: kept beside the new plan, so a look-up can still answer.

The new instance holds only the applicants still waiting; an applicant printed
before the re-planning date is in neither it nor its plan. The re-plan writes
them (`applicant_id,printer,date`, the done file's own format) to
`<plan>.printed.csv` beside the new plan and names that file in the plan's
`solver.replan.printed`; a chain of re-plans carries the earlier ones' rows on.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.instance.calendar import Calendar
from scheduler.replan.done import ID_COLUMNS, Done

Row = tuple[str, str, str]  # applicant id, printer, ISO date


def printed_name(plan_path: str | Path) -> str:
    """`new-plan.json` -> `new-plan.printed.csv`."""
    name = Path(plan_path).name
    return name.removesuffix(".gz").removesuffix(".json") + ".printed.csv"


def done_rows(calendar: Calendar, done: Done) -> list[Row]:
    """One row per applicant the done work printed, with its printer and date."""
    instance = calendar.instance
    dates = [instance.date_of(day).isoformat() for day in range(calendar.days)]
    rows: list[Row] = []
    for (j, position), (printer, day) in sorted(done.printed_at.items()):
        cohort = instance.cohorts[j]
        if instance.applicant_ids is not None:
            applicant = instance.applicant_ids[j][position]
        else:
            applicant = f"cohort-{cohort.index}-{cohort.first + position}"
        rows.append((applicant, calendar.printer_ids[printer], dates[day]))
    return rows


def recorded_file(document: Mapping[str, Any], plan_path: str | Path) -> Path | None:
    """The printed-before file a plan names, if it names one."""
    solver = document.get("solver")
    replan = solver.get("replan") if isinstance(solver, Mapping) else None
    name = replan.get("printed") if isinstance(replan, Mapping) else None
    return Path(plan_path).parent / name if isinstance(name, str) else None


def read_printed(path: Path) -> dict[str, tuple[str, date]]:
    """applicant id -> (printer, date) from a printed-before file."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if tuple(reader.fieldnames or ()) != ID_COLUMNS:
                raise InputError(str(path), "line 1", f"columns must be {','.join(ID_COLUMNS)}")
            return {row["applicant_id"]: (row["printer"], date.fromisoformat(row["date"]))
                    for row in reader}
    except (OSError, ValueError) as exc:
        raise InputError(str(path), "", f"cannot read the printed-before record: {exc}") from None


def write_printed(path: Path, rows: list[Row]) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(ID_COLUMNS)
            writer.writerows(rows)

    write_atomic(path, write)
