"""Reading an `ektp-instance/1` file into a frozen, validated `Instance`.

This is the only module that turns JSON into instance records (SPEC "Instance
file" and side constraints 6–8). It checks every field once — type, range,
unique ids, every reference resolving, dates, outage windows, one queue source —
and reports the first problem as `InputError(file, field path, what)`, so that
everything downstream can trust the records.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path

from scheduler.errors import InputError
from scheduler.instance.fields import (
    JsonObject,
    Record,
    date_value,
    describe,
    one_line,
    unique_ids,
)
from scheduler.instance.model import (
    DEFAULT_WORKDAYS,
    WEEKDAYS,
    Cohort,
    Delivery,
    DeliveryDelay,
    District,
    Duration,
    EpisodeModel,
    Instance,
    Link,
    Outage,
    OutageModel,
    Printer,
    ServiceClass,
)

FORMAT = "ektp-instance/1"
DEFAULT_CLASS = "regular"

# The keys each record may have. A key outside its set is an error (a typo such
# as `capcity` must not be silently ignored); a feature adding a field adds it here.
INSTANCE_KEYS = frozenset(
    {
        "format", "name", "description", "horizon", "holidays", "classes", "districts",
        "printers", "outages", "deliveries", "links", "queue", "outage_model", "delivery_delay",
    }
)  # fmt: skip
HORIZON_KEYS = frozenset({"start", "days"})
CLASS_KEYS = frozenset({"id", "weight", "deadline"})
DISTRICT_KEYS = frozenset(
    {"id", "name", "province", "blanks", "workdays", "holidays", "operators", "lat", "lon"}
)
PRINTER_KEYS = frozenset({"id", "district", "capacity", "min_batch"})
OUTAGE_KEYS = frozenset({"printer", "district", "start", "end", "capacity"})
DELIVERY_KEYS = frozenset({"district", "date", "blanks"})
LINK_KEYS = frozenset(
    {"from", "to", "lead_days", "daily_limit", "cost", "box", "trip_cost", "bidirectional"}
)
QUEUE_KEYS = frozenset({"cohorts", "file"})
OUTAGE_MODEL_KEYS = frozenset({"printer", "district", "failures", "degraded"})
FAILURE_KEYS = frozenset({"mean_days_between", "days"})
DEGRADED_KEYS = FAILURE_KEYS | {"capacity"}
DURATION_KEYS = frozenset({"mean", "spread"})
DELIVERY_DELAY_KEYS = frozenset({"district", "probability", "days_late"})
COHORT_KEYS = frozenset({"district", "class", "ready", "count", "label", "first"})

_GZIP_MAGIC = b"\x1f\x8b"


class _NonFinite(ValueError):
    """`NaN` / `Infinity`: Python's json accepts them, JSON does not."""


def read_instance(path: str | Path) -> Instance:
    """Read a `.json` or gzip-compressed `.json.gz` instance file.

    Errors name the path as given; a queue file is looked up next to it.
    """
    path = Path(path)
    source = str(path)
    return parse_instance(load_json(path), source, path.parent)


def load_json(path: str | Path) -> object:
    """A JSON file (gzip read transparently) with one-line InputErrors naming the path.

    Every input file in the instance's field names (instances, events, scenarios)
    is read here, so they share one set of checks and messages.
    """
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(source, "", "file not found") from None
    except OSError as exc:
        raise InputError(source, "", f"cannot read the file: {exc.strerror}") from None
    if raw[:2] == _GZIP_MAGIC:
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputError(source, "", f"broken gzip file: {one_line(str(exc))}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(source, "", f"not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        return json.loads(
            text, object_pairs_hook=JsonObject.from_pairs, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(source, where, f"invalid JSON: {exc.msg}") from None
    except _NonFinite as exc:
        raise InputError(source, "", f"invalid JSON: {exc} is not a JSON number") from None
    except RecursionError:
        raise InputError(source, "", "invalid JSON: nested too deeply") from None


def _refuse_constant(name: str) -> object:
    raise _NonFinite(name)


def parse_instance(
    data: object, source: str = "<instance>", base_dir: Path | None = None
) -> Instance:
    """Validate parsed JSON and build the Instance.

    `source` names the file in messages; `base_dir` is where a relative
    `queue.file` is found (None: the current directory).
    """
    if isinstance(data, Mapping) and data.get("format", FORMAT) != FORMAT:
        # Checked before unknown keys: a solution file given by mistake says so first.
        got = describe(data.get("format"))
        raise InputError(source, "format", f"must be {FORMAT!r}, got {got}")
    top = Record(data, source, "", INSTANCE_KEYS)
    top.text("format")
    name = top.text("name")
    description = top.text("description", default="")
    horizon = top.record("horizon", HORIZON_KEYS)
    start = horizon.day("start")
    days = horizon.whole("days", minimum=1)
    if days - 1 > (date.max - start).days:
        raise horizon.error("days", f"the horizon would end after {date.max}")
    last_day = start + timedelta(days=days - 1)

    holidays = _date_set(top, "holidays")
    classes = _classes(top)
    districts = _districts(top)
    district_ids = {d.id: d for d in districts}
    printers = _printers(top, district_ids)
    outages = _outages(top, {p.id: p for p in printers}, district_ids)
    deliveries = tuple(
        Delivery(
            district=r.reference("district", district_ids, "district"),
            date=r.day("date"),
            blanks=r.whole("blanks"),
        )
        for r in top.records("deliveries", DELIVERY_KEYS)
    )
    links = _links(top, district_ids)
    outage_model = _outage_model(top, printers, district_ids)
    delivery_delays = _delivery_delays(top, districts)
    # The queue last: a queue file may be large, so it is read only for a sound instance.
    cohorts, applicant_ids = _queue(
        top, districts, classes, last_day, base_dir if base_dir is not None else Path()
    )
    return Instance(
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
        delivery_delays=delivery_delays,
    )


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
        ServiceClass(r.ident(), r.whole("weight", minimum=1, default=1), r.optional_day("deadline"))
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
        on_printer, on_district = r.has("printer"), r.has("district")
        if on_printer == on_district:
            got = "both" if on_printer else "neither"
            raise r.error(None, f"needs exactly one of 'printer' or 'district', got {got}")
        start, end = r.day("start"), r.day("end")
        if end < start:
            raise r.error(None, f"end {end} is before start {start}")
        outages.append(
            Outage(
                start=start,
                end=end,
                capacity=r.whole("capacity", default=0),
                printer=r.reference("printer", printers, "printer") if on_printer else None,
                district=r.reference("district", districts, "district") if on_district else None,
            )
        )
    return tuple(outages)


def _outage_model(
    top: Record, printers: tuple[Printer, ...], districts: Mapping[str, District]
) -> tuple[OutageModel, ...]:
    """One record per printer covered, in file order; a district entry covers its printers.

    A printer may be covered once only: two models for one printer would be
    ambiguous (drawn together? one replacing the other?).
    """
    by_id = {p.id: p for p in printers}
    covered_by: dict[str, str] = {}
    models: list[OutageModel] = []
    for r in top.records("outage_model", OUTAGE_MODEL_KEYS):
        on_printer, on_district = r.has("printer"), r.has("district")
        if on_printer == on_district:
            got = "both" if on_printer else "neither"
            raise r.error(None, f"needs exactly one of 'printer' or 'district', got {got}")
        if on_printer:
            key = "printer"
            covered = [by_id[r.reference("printer", by_id, "printer")]]
        else:
            key = "district"
            district = r.reference("district", districts, "district")
            covered = [p for p in printers if p.district == district]
        if not r.has("failures") and not r.has("degraded"):
            raise r.error(None, "needs 'failures', 'degraded' or both")
        failures = _episodes(r.record("failures", FAILURE_KEYS)) if r.has("failures") else None
        degraded = None
        if r.has("degraded"):
            episodes = r.record("degraded", DEGRADED_KEYS)
            degraded = _episodes(episodes, capacity=episodes.whole("capacity"))
            for printer in covered:
                if degraded.capacity >= printer.capacity:
                    raise episodes.error("capacity", f"must be below printer {printer.id!r}'s "
                                         f"capacity {printer.capacity}, got {degraded.capacity}")
        for printer in covered:
            if printer.id in covered_by:
                raise r.error(key, f"printer {printer.id!r} is already covered by "
                              f"{covered_by[printer.id]}")
            covered_by[printer.id] = r.path
            models.append(OutageModel(printer.id, failures, degraded))
    return tuple(models)


def _episodes(rec: Record, capacity: int = 0) -> EpisodeModel:
    """`mean_days_between` >= 1: an episode starts on a normal day with probability 1/it."""
    return EpisodeModel(rec.number("mean_days_between", 1), _duration(rec, "days"), capacity)


def _duration(rec: Record, key: str) -> Duration:
    """Whole days >= 1 with a mean >= 1 and a spread >= 0 (0 when the mean is 1)."""
    days = rec.record(key, DURATION_KEYS)
    mean, spread = days.number("mean", 1), days.number("spread", 0)
    if mean == 1 and spread > 0:
        raise days.error("spread", f"must be 0 when the mean is 1 (days are whole and at "
                         f"least 1, so a mean of 1 has no spread), got {describe(spread)}")
    return Duration(mean, spread)


def _delivery_delays(top: Record, districts: tuple[District, ...]) -> tuple[DeliveryDelay, ...]:
    """One record per district covered; an entry without `district` covers every district."""
    known = {d.id: d for d in districts}
    covered_by: dict[str, str] = {}
    delays: list[DeliveryDelay] = []
    for r in top.records("delivery_delay", DELIVERY_DELAY_KEYS):
        if r.has("district"):
            covered = [r.reference("district", known, "district")]
        else:
            covered = [d.id for d in districts]
        probability = r.number("probability", 0, 1)
        days_late = _duration(r, "days_late")
        for district in covered:
            if district in covered_by:
                where = "district" if r.has("district") else None
                raise r.error(where, f"district {district!r} is already covered by "
                              f"{covered_by[district]}")
            covered_by[district] = r.path
            delays.append(DeliveryDelay(district, probability, days_late))
    return tuple(delays)


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


def _queue(
    top: Record,
    districts: tuple[District, ...],
    classes: tuple[ServiceClass, ...],
    last_day: date,
    base_dir: Path,
) -> tuple[tuple[Cohort, ...], tuple[tuple[str, ...], ...] | None]:
    queue = top.record("queue", QUEUE_KEYS)
    if queue.has("cohorts") == queue.has("file"):
        got = "both" if queue.has("file") else "neither"
        raise queue.error(None, f"needs exactly one of 'cohorts' or 'file', got {got}")
    if queue.has("file"):
        shown = queue.text("file")
        if not shown:
            raise queue.error("file", "must be a file name, got ''")
        # pandas and pyarrow load only for file queues: inline cohorts start faster.
        from scheduler.instance.queue_file import read_queue_file

        return read_queue_file(
            base_dir / shown,
            source=top.source,
            shown=shown,
            district_ids=[d.id for d in districts],
            class_ids=[c.id for c in classes],
            default_class=DEFAULT_CLASS,
            last_day=last_day,
        )
    district_ids = {d.id: d for d in districts}
    class_ids = {c.id: c for c in classes}
    cohorts: list[Cohort] = []
    named: dict[int, list[tuple[int, int, str]]] = {}  # label -> (first, end, path)
    for index, r in enumerate(queue.records("cohorts", COHORT_KEYS, required=True)):
        district = r.reference("district", district_ids, "district")
        if r.has("class"):
            service_class = r.reference("class", class_ids, "class")
        elif DEFAULT_CLASS in class_ids:
            service_class = DEFAULT_CLASS
        else:
            raise r.error(
                "class", f"none given, and the default class {DEFAULT_CLASS!r} is not in classes"
            )
        ready, count = r.day("ready"), r.whole("count")
        label, first = r.whole("label", default=index), r.whole("first", default=0)
        named.setdefault(label, []).append((first, first + count, r.path))
        if count > 0 and ready <= last_day:  # later applicants are outside the instance
            cohorts.append(Cohort(district, service_class, ready, count, label, first))
    _distinct_cohort_ids(queue, named)
    # First-come within each queue; sorted() is stable, so equal dates keep file order.
    return tuple(sorted(cohorts, key=lambda c: c.ready)), None


def _distinct_cohort_ids(queue: Record, named: dict[int, list[tuple[int, int, str]]]) -> None:
    """No two cohort records name the same applicant `cohort-<label>-<position>`."""
    for label, ranges in named.items():
        ranges.sort()
        for (_, end, before), (first, _, path) in pairwise(ranges):
            if first < end:
                raise InputError(queue.source, path, f"applicant ids cohort-{label}-{first}.. "
                                 f"are also those of {before} (label and first overlap)")
