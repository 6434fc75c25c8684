"""`Calendar.deadline_days()`: each queue's deadline day, NO_DEADLINE where none can be met."""

from __future__ import annotations

from scheduler.instance.calendar import NO_DEADLINE, build_calendar
from scheduler.instance.reader import parse_instance


def test_deadline_days_per_queue_in_queue_order() -> None:
    # Horizon 2024-01-01 (day 0) .. 2024-01-05. Queues are numbered by first cohort:
    # voter (deadline 01-03: day 2), regular (none), late (2023-12-29: day -3, before
    # day 0) and later (01-09: day 8, after the horizon but still a deadline); the
    # reader orders cohorts by ready date, so those ready on day 0 come first.
    instance = parse_instance({
        "format": "ektp-instance/1",
        "name": "deadlines",
        "horizon": {"start": "2024-01-01", "days": 5},
        "classes": [{"id": "regular"}, {"id": "voter", "deadline": "2024-01-03"},
                    {"id": "late", "deadline": "2023-12-29"},
                    {"id": "later", "deadline": "2024-01-09"}],
        "districts": [{"id": "A"}],
        "printers": [{"id": "A1", "district": "A", "capacity": 1}],
        "queue": {"cohorts": [
            {"district": "A", "class": "voter", "ready": "2024-01-01", "count": 1},
            {"district": "A", "class": "regular", "ready": "2024-01-01", "count": 1},
            {"district": "A", "class": "late", "ready": "2024-01-01", "count": 1},
            {"district": "A", "class": "later", "ready": "2024-01-02", "count": 1},
        ]},
    })
    calendar = build_calendar(instance)

    assert [calendar.class_ids[q.service_class] for q in calendar.queues] == [
        "voter", "regular", "late", "later"]
    days = calendar.deadline_days()
    assert days.dtype.name == "int64"
    assert days.tolist() == [2, NO_DEADLINE, NO_DEADLINE, 8]
    assert NO_DEADLINE == -1
