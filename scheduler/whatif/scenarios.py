"""Reading a scenarios file and applying each scenario's changes to the instance.

A scenarios file is a JSON list of objects `{"name": ..., "cost_rupiah": ...,
"changes": {...}}`. `changes` uses the events machinery of a re-plan
(scheduler/replan/events.py), in the instance's own field names: records
appended to `outages`, `deliveries`, `printers`, `links`, `cohorts`, and
`repairs` (a printer's or district's outages covering a date end the day
before it; one starting on the date is dropped). One more kind only a what-if
needs: `closed_links`, `{"from": A, "to": B}`, removes the link A→B (one
direction of a bidirectional link; the other stays). And two for `whatif
--runs`, which draws from the outage model (outage_changes.py): `reliable`,
`{"printer": P}` or `{"district": D}`, removes the model of P (of D's
printers), and `outage_model` records, in the instance's format, replace the
model of the printers they cover. A repair ends known outages only: without
these, a repaired printer keeps failing at its model's rate.

Every scenario is applied and read by the instance reader before anything is
solved, so a scenario naming nothing that exists stops the run with one line
naming the scenario and the field.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scheduler.errors import InputError
from scheduler.instance.fields import describe, unknown_field
from scheduler.instance.json_file import load_json
from scheduler.instance.model import Instance
from scheduler.instance.reader import parse_instance
from scheduler.replan.events import (
    EVENT_KEYS,
    apply_events,
    events_error,
    list_sizes,
    parse_events,
)
from scheduler.whatif.outage_changes import (
    OUTAGE_CHANGE_KEYS,
    change_outage_model,
    outage_error,
)

BASELINE = "baseline"
SCENARIO_KEYS = frozenset({"name", "cost_rupiah", "changes"})
CHANGE_KEYS = EVENT_KEYS | {"closed_links"} | OUTAGE_CHANGE_KEYS
LINK_KEYS = frozenset({"from", "to"})


@dataclass(frozen=True)
class Scenario:
    """A named instance to solve; `cost_rupiah` is None for the baseline or when not given."""

    name: str
    cost_rupiah: int | None
    instance: Instance


def read_scenarios(instance_path: str | Path, scenarios_path: str | Path) -> list[Scenario]:
    """The baseline (the instance unchanged) and every scenario of the file, in file order."""
    # One read: the raw document (scenarios change it) and the validated baseline from it.
    raw = load_json(instance_path)
    baseline = parse_instance(raw, str(instance_path), Path(instance_path).parent)
    data: dict[str, Any] = dict(raw) if isinstance(raw, dict) else {}
    source = str(scenarios_path)
    records = load_json(scenarios_path)
    if not isinstance(records, list) or not records:
        raise InputError(source, "", f"expected a non-empty list of scenarios, "
                         f"got {describe(records)}")
    scenarios = [Scenario(BASELINE, None, baseline)]
    for i, record in enumerate(records):
        scenario = _scenario(source, i, record, data, Path(instance_path).parent)
        if scenario.name in {s.name for s in scenarios}:
            raise InputError(source, f"[{i}].name", f"{scenario.name!r} is used twice "
                             f"(or is the baseline's name)")
        scenarios.append(scenario)
    return scenarios


def _scenario(source: str, i: int, record: object, data: dict[str, Any],
              base_dir: Path) -> Scenario:
    if not isinstance(record, dict):
        raise InputError(source, f"[{i}]", f"expected an object, got {describe(record)}")
    for key in record:
        if key not in SCENARIO_KEYS:
            raise InputError(source, f"[{i}].{key}", unknown_field(key, SCENARIO_KEYS))
    name = record.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(source, f"[{i}].name", f"must be a non-empty text, got {describe(name)}")
    cost = record.get("cost_rupiah")
    if cost is not None and (isinstance(cost, bool) or not isinstance(cost, int) or cost < 0):
        raise InputError(source, f"[{i}].cost_rupiah",
                         f"must be a whole number >= 0, got {describe(cost)}")
    where = f'scenario "{name}": changes'
    changes = record.get("changes", {})
    if not isinstance(changes, dict):
        raise InputError(source, where, f"expected an object, got {describe(changes)}")
    for key in changes:
        if key not in CHANGE_KEYS:
            raise InputError(source, f"{where}.{key}", unknown_field(key, CHANGE_KEYS))
    try:
        events = parse_events({k: v for k, v in changes.items() if k in EVENT_KEYS}, source)
        changed = apply_events(data, events)
        changed = _closed_links(changed, changes.get("closed_links", []), source)
        changed, kept_models = change_outage_model(changed, changes, source)
    except InputError as error:
        raise InputError(source, f"{where}.{error.where}", error.what) from None
    try:
        instance = parse_instance(changed, source, base_dir)
    except InputError as error:
        moved = (outage_error(error, kept_models, source)
                 or events_error(error, events, list_sizes(data)))
        if moved is error:  # not one of the scenario's records: an effect of the changes
            raise InputError(source, where, f"{error.where}: {error.what}") from None
        raise InputError(source, f"{where}.{moved.where}", moved.what) from None
    return Scenario(name, cost, instance)


def _closed_links(data: dict[str, Any], closed: object, source: str) -> dict[str, Any]:
    """The instance dict with each named directed link removed (a copy)."""
    if not isinstance(closed, list):
        raise InputError(source, "closed_links", f"must be a list, got {describe(closed)}")
    links = list(data.get("links", []))
    for i, record in enumerate(closed):
        where = f"closed_links[{i}]"
        if not isinstance(record, dict):
            raise InputError(source, where, f"expected an object, got {describe(record)}")
        for key in record:
            if key not in LINK_KEYS:
                raise InputError(source, f"{where}.{key}", unknown_field(key, LINK_KEYS))
        a, b = record.get("from"), record.get("to")
        links = _without(links, a, b, source, where)
    return {**data, "links": links}


def _without(links: list[Any], a: object, b: object, source: str,
             where: str) -> list[Any]:
    """Links without a→b; a bidirectional link a–b keeps its other direction."""
    for j, link in enumerate(links):
        if not isinstance(link, dict):
            continue
        ends = (link.get("from"), link.get("to"))
        both = bool(link.get("bidirectional", False))
        if ends == (a, b):
            kept = [{**link, "from": b, "to": a, "bidirectional": False}] if both else []
        elif both and ends == (b, a):
            kept = [{**link, "bidirectional": False}]
        else:
            continue
        return [*links[:j], *kept, *links[j + 1:]]
    raise InputError(source, where, f"no link from {describe(a)} to {describe(b)}")
