"""Reading an `ektp-instance/1` file into a frozen, validated `Instance`.

With its helpers — json_file.py (the file), uncertainty.py (`outage_model`,
`delivery_delay`), queue.py and queue_file.py (the queue) — this is the only
code that turns JSON into instance records (SPEC "Instance file" and side
constraints 6–8). It checks every field once — type, range, unique ids, every
reference resolving, dates, outage windows, one queue source — and reports the
first problem as `InputError(file, field path, what)`, so that everything
downstream can trust the records.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from scheduler.errors import InputError
from scheduler.instance.fields import Record, date_value, describe, unique_ids

# Every JSON input file (instances, events, scenarios) is read by json_file.load_json.
from scheduler.instance.json_file import load_json_with_digest
from scheduler.instance.magnitudes import check_magnitudes
from scheduler.instance.model import (
    DEFAULT_WORKDAYS,
    WEEKDAYS,
    Delivery,
    District,
    InputFile,
    Instance,
    Link,
    Outage,
    Printer,
    ServiceClass,
)
from scheduler.instance.queue import DEFAULT_CLASS, queue_inputs, read_queue
from scheduler.instance.uncertainty import delivery_delays, outage_models

FORMAT = "ektp-instance/1"

# The keys each record may have. A key outside its set is an error (a typo such
# as `capcity` must not be silently ignored); a feature adding a field adds it here.
INSTANCE_KEYS = frozenset(
    {
        "format", "name", "description", "horizon", "holidays", "classes", "districts",
        "printers", "outages", "deliveries", "links", "queue", "outage_model", "delivery_delay",
    }
)  # fmt: skip
HORIZON_KEYS = frozenset({"start", "days"})
CLASS_KEYS = frozenset({"id", "weight", "deadline", "label"})
DISTRICT_KEYS = frozenset(
    {"id", "name", "province", "blanks", "workdays", "holidays", "operators", "lat", "lon"}
)
PRINTER_KEYS = frozenset({"id", "district", "capacity", "min_batch"})
OUTAGE_KEYS = frozenset({"printer", "district", "start", "end", "capacity"})
DELIVERY_KEYS = frozenset({"district", "date", "blanks"})
LINK_KEYS = frozenset(
    {"from", "to", "lead_days", "daily_limit", "cost", "box", "trip_cost", "bidirectional"}
)


def read_instance(path: str | Path) -> Instance:
    """Read a `.json` or gzip-compressed `.json.gz` instance file.

    Errors name the path as given; a queue file is looked up next to it.
    """
    path = Path(path)
    source = str(path)
    data, digest = load_json_with_digest(path)
    instance = parse_instance(data, source, path.parent)
    # The instance file first, then the queue file the parse found (`InputFile`).
    return replace(instance, inputs=(InputFile("instance", source, digest), *instance.inputs))


def parse_instance(
    data: object, source: str = "<instance>", base_dir: Path | None = None
) -> Instance:
    """Validate parsed JSON and build the Instance.

    `source` names the file in messages; `base_dir` is where a relative
    `queue.file` is found (None: the current directory).
    """
    _check_format(data, source)
    top = Record(data, source, "", INSTANCE_KEYS)
    top.text("format")
    name = top.text("name")
    description = top.prose("description", default="")
    start, days = _horizon(top)
    holidays = _date_set(top, "holidays")
    classes = _classes(top)
    districts = _districts(top)
    district_ids = {d.id: d for d in districts}
    printers = _printers(top, district_ids)
    outages = _outages(top, {p.id: p for p in printers}, district_ids)
    deliveries = _deliveries(top, district_ids)
    links = _links(top, district_ids)
    outage_model = outage_models(top, printers, district_ids)
    delays = delivery_delays(top, districts)
    # The queue last: a queue file may be large, so it is read only for a sound instance.
    last_day = start + timedelta(days=days - 1)
    folder = base_dir if base_dir is not None else Path()
    cohorts, applicant_ids = read_queue(top, districts, classes, last_day, folder)
    instance = Instance(
        name=name,
        description=description,
        start=start,
        days=days,
        holidays=holidays,
        classes=classes,
        districts=districts,
        printers=printers,
        outages=outages,
        deliveries=deliveries,
        links=links,
        cohorts=cohorts,
        applicant_ids=applicant_ids,
        source=source,
        outage_model=outage_model,
        delivery_delays=delays,
        inputs=queue_inputs(top, folder),
    )
    check_magnitudes(instance)
    return instance


def _check_format(data: object, source: str) -> None:
    """Checked before unknown keys: a solution file given by mistake says so first."""
    if isinstance(data, Mapping) and data.get("format", FORMAT) != FORMAT:
        got = describe(data.get("format"))
        raise InputError(source, "format", f"must be {FORMAT!r}, got {got}")


def _horizon(top: Record) -> tuple[date, int]:
    """The first day and the number of days; the last day must be a date Python has."""
    horizon = top.record("horizon", HORIZON_KEYS)
    start = horizon.day("start")
    days = horizon.whole("days", minimum=1)
    if days - 1 > (date.max - start).days:
        raise horizon.error("days", f"the horizon would end after {date.max}")
    return start, days


def _date_set(rec: Record, key: str) -> frozenset[date]:
    """A list of distinct ISO dates (a date listed twice is most likely a typo)."""
    seen: set[date] = set()
    for where, value in rec.items(key):
        day = date_value(value, rec.source, where)
        if day in seen:
            raise InputError(rec.source, where, f"{day} is listed twice")
        seen.add(day)
    return frozenset(seen)


def _classes(top: Record) -> tuple[ServiceClass, ...]:
    if not top.has("classes"):
        return (ServiceClass(DEFAULT_CLASS, 1),)
    recs = top.records("classes", CLASS_KEYS)
    if not recs:
        what = f"must not be empty (leave it out for one class {DEFAULT_CLASS!r})"
        raise top.error("classes", what)
    unique_ids(recs)
    return tuple(
        ServiceClass(r.ident(), r.whole("weight", minimum=1, default=1), r.optional_day("deadline"),
                     label=r.text("label", default=""))
        for r in recs
    )


def _districts(top: Record) -> tuple[District, ...]:
    recs = top.records("districts", DISTRICT_KEYS, required=True)
    if not recs:
        raise top.error("districts", "must list at least one district")
    unique_ids(recs)
    return tuple(
        District(
            id=r.ident(),
            name=r.text("name", default=""),
            province=r.text("province", default=""),
            blanks=r.whole("blanks", default=0),
            workdays=_workdays(r),
            holidays=_date_set(r, "holidays"),
            operators=r.optional_whole("operators", null_is_absent=True),
            lat=r.optional_number("lat", -90, 90),
            lon=r.optional_number("lon", -180, 180),
        )
        for r in recs
    )


def _workdays(rec: Record) -> frozenset[int]:
    if not rec.has("workdays"):
        return DEFAULT_WORKDAYS
    days: set[int] = set()
    for where, value in rec.items("workdays"):
        if not isinstance(value, str) or value not in WEEKDAYS:
            allowed = ", ".join(WEEKDAYS)
            raise InputError(rec.source, where, f"must be one of {allowed}, got {describe(value)}")
        day = WEEKDAYS.index(value)
        if day in days:
            raise InputError(rec.source, where, f"{value!r} is listed twice")
        days.add(day)
    return frozenset(days)


def _printers(top: Record, districts: Mapping[str, District]) -> tuple[Printer, ...]:
    recs = top.records("printers", PRINTER_KEYS, required=True)
    unique_ids(recs)
    return tuple(
        Printer(
            id=r.ident(),
            district=r.reference("district", districts, "district"),
            capacity=r.whole("capacity"),
            min_batch=r.whole("min_batch", default=0),
        )
        for r in recs
    )


def _outages(
    top: Record, printers: Mapping[str, Printer], districts: Mapping[str, District]
) -> tuple[Outage, ...]:
    outages: list[Outage] = []
    for r in top.records("outages", OUTAGE_KEYS):
        on_printer = r.one_of("printer", "district")
        start, end = r.day("start"), r.day("end")
        if end < start:
            raise r.error(None, f"end {end} is before start {start}")
        outages.append(
            Outage(
                start=start,
                end=end,
                capacity=r.whole("capacity", default=0),
                printer=r.reference("printer", printers, "printer") if on_printer else None,
                district=None if on_printer else r.reference("district", districts, "district"),
            )
        )
    return tuple(outages)


def _deliveries(top: Record, districts: Mapping[str, District]) -> tuple[Delivery, ...]:
    return tuple(
        Delivery(
            district=r.reference("district", districts, "district"),
            date=r.day("date"),
            blanks=r.whole("blanks"),
        )
        for r in top.records("deliveries", DELIVERY_KEYS)
    )


def _links(top: Record, districts: Mapping[str, District]) -> tuple[Link, ...]:
    """Directed links; a bidirectional one gives two with the same figures.

    A directed pair may be given once only: SPEC's route rule and daily limit
    speak of *the* link h->k, so a second one would be ambiguous.
    """
    links: list[Link] = []
    given: dict[tuple[str, str], str] = {}
    for index, r in enumerate(top.records("links", LINK_KEYS)):
        source = r.reference("from", districts, "district")
        target = r.reference("to", districts, "district")
        if source == target:
            raise r.error("to", f"same district as from ({source!r}); a link joins two districts")
        lead_days = r.whole("lead_days", default=0)
        daily_limit = r.optional_whole("daily_limit")
        cost = r.whole("cost", default=0)
        box = r.whole("box", minimum=1, default=1)
        trip_cost = r.whole("trip_cost", default=0)
        pairs = [(source, target)]
        if r.flag("bidirectional", default=False):
            pairs.append((target, source))
        for a, b in pairs:
            if (a, b) in given:
                raise r.error(None, f"link {a} -> {b} is already given by {given[a, b]}")
            given[a, b] = r.path
            links.append(Link(a, b, lead_days, daily_limit, cost, box, trip_cost, index))
    return tuple(links)
