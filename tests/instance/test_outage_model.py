"""The instance's outage model (`outage_model`, `delivery_delay`): read, refused, ignored.

The fields describe what may go wrong at random; only `simulate` draws from them
(tests/simulate/test_draw.py). Here: the reader turns them into one record per printer
or district covered and refuses bad ones with one line naming the field; `solve`,
`validate` and `replan` work on an instance that has them as if it had not (and the
validator does not even import them: tests/validator/test_validate.py).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.errors import InputError
from scheduler.instance.model import DeliveryDelay, Duration, EpisodeModel, OutageModel
from scheduler.instance.reader import parse_instance, read_instance
from tests.support import mutations
from tests.support.paths import TINY

FAILURES = {"mean_days_between": 30, "days": {"mean": 5, "spread": 2}}
DEGRADED = {"mean_days_between": 20, "days": {"mean": 3, "spread": 1}, "capacity": 100}
LATE = {"mean": 7, "spread": 3}


def base() -> dict[str, Any]:
    """Two offices: A with printers A-1 (300 a day) and A-2 (200), B with B-1 (100).

    A deep copy each time: the table's cases mutate it.
    """
    return copy.deepcopy({
        "format": "ektp-instance/1",
        "name": "outage-model",
        "horizon": {"start": "2024-01-01", "days": 30},
        "districts": [{"id": "A", "blanks": 10}, {"id": "B"}],
        "printers": [{"id": "A-1", "district": "A", "capacity": 300},
                     {"id": "A-2", "district": "A", "capacity": 200},
                     {"id": "B-1", "district": "B", "capacity": 100}],
        "deliveries": [{"district": "A", "date": "2024-01-10", "blanks": 50}],
        "queue": {"cohorts": [{"district": "A", "ready": "2024-01-01", "count": 3}]},
        "outage_model": [{"district": "A", "failures": FAILURES, "degraded": DEGRADED},
                         {"printer": "B-1", "failures": {"mean_days_between": 1e6,
                                                         "days": {"mean": 1, "spread": 0}}}],
        "delivery_delay": [{"district": "B", "probability": 0.5, "days_late": LATE},
                           {"district": "A", "probability": 0.2, "days_late": LATE}],
    })


def test_fields_become_one_record_per_printer_and_district() -> None:
    inst = parse_instance(base(), "x.json")
    failures = EpisodeModel(30.0, Duration(5.0, 2.0), capacity=0)
    degraded = EpisodeModel(20.0, Duration(3.0, 1.0), capacity=100)
    assert inst.outage_model == (
        OutageModel("A-1", failures, degraded),  # the district entry, one per printer
        OutageModel("A-2", failures, degraded),
        OutageModel("B-1", EpisodeModel(1e6, Duration(1.0, 0.0)), None),
    )
    assert inst.delivery_delays == (
        DeliveryDelay("B", 0.5, Duration(7.0, 3.0)),
        DeliveryDelay("A", 0.2, Duration(7.0, 3.0)),
    )


def test_without_the_fields_nothing_is_random_and_degraded_alone_is_enough() -> None:
    data = base()
    del data["outage_model"], data["delivery_delay"]
    inst = parse_instance(data, "x.json")
    assert inst.outage_model == () and inst.delivery_delays == ()
    data["outage_model"] = [{"printer": "A-2", "degraded": DEGRADED}]
    # An entry without `district` covers every district, in the instance's order.
    data["delivery_delay"] = [{"probability": 0, "days_late": {"mean": 1, "spread": 0}}]
    inst = parse_instance(data, "x.json")
    assert inst.outage_model == (
        OutageModel("A-2", None, EpisodeModel(20.0, Duration(3.0, 1.0), 100)),)
    assert [d.district for d in inst.delivery_delays] == ["A", "B"]


def put(path: str, value: object) -> dict[str, Any]:
    """base() with the field at 'a.0.b' (list positions as numbers) set to value."""
    data = base()
    mutations.put(path, value)(data)
    return data


def drop(path: str) -> dict[str, Any]:
    """base() without the field at 'a.0.b'."""
    data = base()
    mutations.drop(path)(data)
    return data


BROKEN: list[tuple[str, dict[str, Any], str, str]] = [
    ("not a list", put("outage_model", {"printer": "A-1"}), "outage_model",
     "must be a list, got an object"),
    ("entry neither", put("outage_model.1", {"failures": FAILURES}), "outage_model[1]",
     "needs exactly one of 'printer' or 'district', got neither"),
    ("entry both", put("outage_model.1.district", "B"), "outage_model[1]",
     "needs exactly one of 'printer' or 'district', got both"),
    ("unknown printer", put("outage_model.1.printer", "B-9"), "outage_model[1].printer",
     "unknown printer 'B-9'"),
    ("unknown district", put("outage_model.0.district", "C"), "outage_model[0].district",
     "unknown district 'C'"),
    ("nothing random", put("outage_model.1", {"printer": "B-1"}), "outage_model[1]",
     "needs 'failures', 'degraded' or both"),
    ("rate below a day", put("outage_model.0.failures.mean_days_between", 0.5),
     "outage_model[0].failures.mean_days_between", "must be a number >= 1, got 0.5"),
    ("rate as text", put("outage_model.0.degraded.mean_days_between", "20"),
     "outage_model[0].degraded.mean_days_between", "must be a number >= 1, got '20'"),
    ("rate bool", put("outage_model.0.failures.mean_days_between", True),
     "outage_model[0].failures.mean_days_between", "must be a number >= 1, got true"),
    ("rate huge", put("outage_model.0.failures.mean_days_between", 1e13),
     "outage_model[0].failures.mean_days_between", "must be a number at most 1000000000000"),
    ("rate missing", drop("outage_model.0.failures.mean_days_between"),
     "outage_model[0].failures.mean_days_between", "required field is missing"),
    ("repair mean 0", put("outage_model.0.failures.days", {"mean": 0, "spread": 0}),
     "outage_model[0].failures.days.mean", "must be a number >= 1, got 0"),
    ("repair spread negative", put("outage_model.0.failures.days", {"mean": 5, "spread": -1}),
     "outage_model[0].failures.days.spread", "must be a number >= 0, got -1"),
    ("repair spread missing", put("outage_model.0.failures.days", {"mean": 5}),
     "outage_model[0].failures.days.spread", "required field is missing"),
    ("spread with mean 1", put("outage_model.0.failures.days", {"mean": 1, "spread": 2}),
     "outage_model[0].failures.days.spread", "must be 0 when the mean is 1"),
    ("repair not an object", put("outage_model.0.failures.days", 5),
     "outage_model[0].failures.days", "must be an object, got 5"),
    ("capacity missing", drop("outage_model.0.degraded.capacity"),
     "outage_model[0].degraded.capacity", "required field is missing"),
    ("capacity negative", put("outage_model.0.degraded.capacity", -1),
     "outage_model[0].degraded.capacity", "must be a whole number >= 0, got -1"),
    # A-1 prints 300 but A-2 only 200: the district's every printer must be degraded.
    ("capacity at a printer's", put("outage_model.0.degraded.capacity", 200),
     "outage_model[0].degraded.capacity", "must be below printer 'A-2''s capacity 200, got 200"),
    ("capacity on failures", put("outage_model.0.failures.capacity", 0),
     "outage_model[0].failures.capacity", "unknown field (allowed: days, mean_days_between)"),
    ("printer twice", put("outage_model.1.printer", "A-2"), "outage_model[1].printer",
     "printer 'A-2' is already covered by outage_model[0]"),
    ("typo", put("outage_model.0.failures.mean_days_betwen", 3),
     "outage_model[0].failures.mean_days_betwen", "did you mean 'mean_days_between'?"),
    ("top-level typo", put("outage_models", []), "outage_models",
     "did you mean 'outage_model'?"),
    ("probability above 1", put("delivery_delay.0.probability", 1.5),
     "delivery_delay[0].probability", "must be a number from 0 to 1, got 1.5"),
    ("probability missing", drop("delivery_delay.0.probability"),
     "delivery_delay[0].probability", "required field is missing"),
    ("late by half a day", put("delivery_delay.0.days_late", {"mean": 0.5, "spread": 0}),
     "delivery_delay[0].days_late.mean", "must be a number >= 1, got 0.5"),
    ("delay unknown district", put("delivery_delay.0.district", "C"),
     "delivery_delay[0].district", "unknown district 'C'"),
    ("district delayed twice", put("delivery_delay.1.district", "B"),
     "delivery_delay[1].district", "district 'B' is already covered by delivery_delay[0]"),
    ("every district after one", drop("delivery_delay.1.district"), "delivery_delay[1]",
     "district 'B' is already covered by delivery_delay[0]"),
]


@pytest.mark.parametrize(("data", "where", "what"), [case[1:] for case in BROKEN],
                         ids=[case[0] for case in BROKEN])
def test_bad_fields_are_one_line_errors_naming_the_field(data: dict[str, Any], where: str,
                                                         what: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_instance(data, "x.json")
    assert caught.value.where == where
    assert what in caught.value.what
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(f"x.json: {where}: ")


def test_a_bad_field_stops_solve_with_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(put("outage_model.0.failures.days.mean", -5)))
    result = runner.invoke(cli, ["solve", str(path), "-o", str(tmp_path / "plan.json")])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].endswith(
        "bad.json: outage_model[0].failures.days.mean: must be a number >= 1, got -5")
    assert not (tmp_path / "plan.json").exists()


def tiny_with_model(tmp_path: Path) -> Path:
    """reroute-tiny (optimum 0, 5, 4 worked in tests/commands/test_cli.py) with an outage model."""
    data = json.loads(TINY.read_text())
    data["outage_model"] = [{"district": "A", "failures": FAILURES},
                            {"printer": "B1", "degraded": {**DEGRADED, "capacity": 1}}]
    data["delivery_delay"] = [{"probability": 0.5, "days_late": LATE}]
    path = tmp_path / "tiny-model.json"
    path.write_text(json.dumps(data))
    return path


def test_solve_and_validate_ignore_the_model(runner: CliRunner, tmp_path: Path) -> None:
    """The deterministic problem is unchanged: reroute-tiny's hand-worked optimum (0, 5, 4)."""
    instance, plan = tiny_with_model(tmp_path), tmp_path / "plan.json"
    result = runner.invoke(cli, ["solve", str(instance), "-o", str(plan), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert json.loads(plan.read_text())["objective"] == {
        "deadline_misses": 0, "waiting_days": 5, "transfer_cost": 4}
    check = runner.invoke(cli, ["validate", str(instance), str(plan)])
    assert check.exit_code == 0, check.output


def test_replan_keeps_the_model(runner: CliRunner, tmp_path: Path) -> None:
    instance, plan = tiny_with_model(tmp_path), tmp_path / "plan.json"
    assert runner.invoke(cli, ["solve", str(instance), "-o", str(plan),
                               "--workers", "1"]).exit_code == 0
    new_instance = tmp_path / "new-instance.json"
    result = runner.invoke(cli, ["replan", str(instance), str(plan), "--as-of", "2024-01-02",
                                 "-o", str(tmp_path / "new.json"), "--instance-out",
                                 str(new_instance), "--workers", "1"])
    assert result.exit_code == 0, result.output
    old, new = read_instance(instance), read_instance(new_instance)
    assert new.outage_model == old.outage_model and len(new.outage_model) == 2
    assert new.delivery_delays == old.delivery_delays and len(new.delivery_delays) == 2
