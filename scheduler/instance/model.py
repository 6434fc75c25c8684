"""Frozen, validated records of an `ektp-instance/1` file.

The reader (`reader.py`) builds these once and checks every field; everything
downstream (engines, validator, reports) reads them and never mutates them.
Links are stored *directed*: a `bidirectional` link in the file becomes two.
The queue is kept as cohorts (home district, class, ready date, count) in
first-come order; a per-applicant file queue also keeps its ids, in the same
order, so applicants can be named in assignments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DEFAULT_WORKDAYS: frozenset[int] = frozenset(range(5))


@dataclass(frozen=True)
class ServiceClass:
    """An applicant class: objective weight and optional deadline (SPEC `classes`); `label`
    is what people call it ("Pemilih pemula"), shown instead of the id where they read."""

    id: str
    weight: int = 1
    deadline: date | None = None
    label: str = ""

    @property
    def shown(self) -> str:
        """The label, or the id when the instance gives none."""
        return self.label or self.id


@dataclass(frozen=True)
class District:
    """A kabupaten/kota office: opening calendar, blank stock, optional operators (6)."""

    id: str
    name: str = ""
    province: str = ""
    blanks: int = 0
    workdays: frozenset[int] = DEFAULT_WORKDAYS  # 0 = Monday … 6 = Sunday
    holidays: frozenset[date] = frozenset()
    operators: int | None = None
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Printer:
    """A card printer of a district; `min_batch` is side constraint 7."""

    id: str
    district: str
    capacity: int
    min_batch: int = 0


@dataclass(frozen=True)
class Outage:
    """A capacity cap on one printer or on every printer of a district, ends inclusive."""

    start: date
    end: date
    capacity: int = 0
    printer: str | None = None
    district: str | None = None


@dataclass(frozen=True)
class Delivery:
    """Blanks arriving at a district, usable from `date` on."""

    district: str
    date: date
    blanks: int


@dataclass(frozen=True)
class Duration:
    """A random number of days, at least 1, with mean `mean` and standard deviation ≈ `spread`.

    Drawn by `scheduler/simulate/draw.py`: 1 + a gamma variate of mean `mean - 1`
    and standard deviation `spread`, rounded up or down at random (up with the
    fraction as probability), so whole-day lengths average exactly `mean`.
    """

    mean: float
    spread: float = 0.0


@dataclass(frozen=True)
class EpisodeModel:
    """Random episodes of one kind on a printer (`simulate` only; plans ignore it).

    On each day the printer runs normally, an episode starts with probability
    1 / `mean_days_between`; it lasts `days` calendar days, at `capacity` cards a
    day (0: broken).
    """

    mean_days_between: float
    days: Duration
    capacity: int = 0


@dataclass(frozen=True)
class OutageModel:
    """What can go wrong with one printer: failures (capacity 0) and degraded episodes.

    A file entry naming a district gives one record per printer of the district,
    each drawn independently.
    """

    printer: str
    failures: EpisodeModel | None = None
    degraded: EpisodeModel | None = None


@dataclass(frozen=True)
class DeliveryDelay:
    """Each delivery to `district` inside the horizon is late with `probability`, by `days_late`."""

    district: str
    probability: float
    days_late: Duration


@dataclass(frozen=True)
class Link:
    """A *directed* edge `source -> target` of the district graph.

    `daily_limit` None means no cap; `box` and `trip_cost` are side constraint 8.
    `index` is the position of the link in the file (for error messages).
    `carries_blanks` False closes the link to blanks (cards still travel): not a
    file field, set only by `scheduler.instance.levers` to solve with blank lending closed.
    """

    source: str
    target: str
    lead_days: int = 0
    daily_limit: int | None = None
    cost: int = 0
    box: int = 1
    trip_cost: int = 0
    index: int = 0
    carries_blanks: bool = True


@dataclass(frozen=True)
class Cohort:
    """`count` applicants of one queue (home district, class) ready on `ready`.

    `index` is the cohort's position in the file's `queue.cohorts` (-1 for a
    queue file), or its optional `label` field: applicants of inline cohorts are
    named `cohort-<index>-<first + i>` for i = 0 … count-1, which a person can find
    in the instance file whatever order the reader keeps. `first` (the optional
    field of that name, default 0) lets a re-plan write what is left of a cohort
    under the same label with the ids its applicants always had.
    """

    district: str
    service_class: str
    ready: date
    count: int
    index: int = -1
    first: int = 0


@dataclass(frozen=True)
class InputFile:
    """A file an instance was read from: its role ("instance", "queue"), path and SHA-256.

    A plan records them (its `inputs`), so a command that reads the plan later can
    tell when either file changed since (an edited queue would give other people
    the plan's cards).
    """

    role: str
    path: str
    sha256: str

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]


@dataclass(frozen=True)
class Instance:
    """A whole validated instance. Cohorts are in first-come order within each queue.

    `applicant_ids`, when the queue came from a file, holds one tuple per cohort
    with the ids of its applicants in first-come order; for inline cohorts it is
    None and applicants are named by cohort index and position.
    Applicants ready after the horizon's last day are not in `cohorts`.
    `outage_model` (one record per printer covered) and `delivery_delays` (one per
    district covered) describe what may go wrong at random; only `simulate` draws
    from them: the engines, the validator and the plan ignore them.
    """

    name: str
    start: date
    days: int
    classes: tuple[ServiceClass, ...]
    districts: tuple[District, ...]
    printers: tuple[Printer, ...]
    outages: tuple[Outage, ...] = ()
    deliveries: tuple[Delivery, ...] = ()
    links: tuple[Link, ...] = ()
    cohorts: tuple[Cohort, ...] = ()
    holidays: frozenset[date] = frozenset()
    description: str = ""
    applicant_ids: tuple[tuple[str, ...], ...] | None = field(default=None, repr=False)
    source: str = ""
    outage_model: tuple[OutageModel, ...] = ()
    delivery_delays: tuple[DeliveryDelay, ...] = ()
    inputs: tuple[InputFile, ...] = field(default=(), repr=False, compare=False)

    @property
    def end(self) -> date:
        """The horizon's last day."""
        return self.start + timedelta(days=self.days - 1)

    def day_index(self, when: date) -> int:
        """Day index of a date (negative before `start`)."""
        return (when - self.start).days

    def date_of(self, t: int) -> date:
        """Date of day index t."""
        return self.start + timedelta(days=t)

    def is_open(self, district: District, t: int) -> bool:
        """Whether a district prints and sends blanks on day t."""
        when = self.date_of(t)
        return (
            when.weekday() in district.workdays
            and when not in self.holidays
            and when not in district.holidays
        )

    def class_label(self, class_id: str) -> str:
        """A class as people call it: its label, else its id (also for an unknown id)."""
        return next((c.shown for c in self.classes if c.id == class_id), class_id)

    def district_name(self, district_id: str) -> str:
        """A district's name alone, where its code is noise to the reader (else the code)."""
        return next((d.name for d in self.districts if d.id == district_id and d.name),
                    district_id)

    def district_label(self, district_id: str) -> str:
        """A district as people know it: "Pelalawan (14.05)", or the code without a name."""
        name = next((d.name for d in self.districts if d.id == district_id), "")
        return f"{name} ({district_id})" if name else district_id

    @property
    def applicant_count(self) -> int:
        return sum(c.count for c in self.cohorts)

    def side_constraints_used(self) -> list[str]:
        """Side constraints 6–8 that can bind; empty for a pure network.

        A field set to a value that cannot restrict anything (operators at least
        the district's printer count, min_batch ≤ 1, box 1, trip_cost 0) leaves
        the instance a pure network, as SPEC says an unused field changes nothing.
        """
        used: list[str] = []
        printers_per_district: dict[str, int] = {}
        for p in self.printers:
            printers_per_district[p.district] = printers_per_district.get(p.district, 0) + 1
        if any(
            d.operators is not None and d.operators < printers_per_district.get(d.id, 0)
            for d in self.districts
        ):
            used.append("operators")
        if any(p.min_batch > 1 for p in self.printers):
            used.append("min_batch")
        if any(lk.box > 1 for lk in self.links):
            used.append("box")
        if any(lk.trip_cost > 0 for lk in self.links):
            used.append("trip_cost")
        return used
