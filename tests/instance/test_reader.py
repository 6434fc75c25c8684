"""The instance reader: every field of `ektp-instance/1`, file queues, and broken inputs.

The happy paths compare against records written out by hand from the fixture
files in tests/data/reader/; the broken-input table mutates one field of the
full fixture at a time and asserts the field path and the message.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from scheduler.errors import InputError
from scheduler.instance.model import (
    Cohort,
    Delivery,
    District,
    Link,
    Outage,
    Printer,
    ServiceClass,
)
from scheduler.instance.reader import parse_instance, read_instance
from tests.support.mutations import Mutation, append, both, drop, put, rename
from tests.support.paths import READER_DATA, ROOT

FULL = READER_DATA / "full.json"


def full() -> dict[str, Any]:
    """A fresh copy of the every-field fixture, to mutate."""
    return json.loads(FULL.read_text())


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data))
    return path


def write_text(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


# --- happy paths -----------------------------------------------------------------


def test_every_field_read_as_written() -> None:
    inst = read_instance(FULL)

    assert inst.name == "reader-full"
    assert inst.description.startswith("Every field")
    assert inst.source == str(FULL)
    assert inst.start == date(2017, 5, 22)
    assert inst.days == 14
    assert inst.end == date(2017, 6, 4)
    assert inst.holidays == frozenset({date(2017, 6, 1)})
    assert inst.classes == (
        ServiceClass("regular", 1, None),
        ServiceClass("first_voter", 3, date(2017, 6, 27)),
    )
    assert inst.districts == (
        District(
            id="1405",
            name="Pelalawan",
            province="Riau",
            blanks=8000,
            workdays=frozenset({0, 1, 2, 3, 4, 5}),
            holidays=frozenset({date(2017, 5, 25)}),
            operators=1,
            lat=0.2,
            lon=102.1,
        ),
        # Everything defaulted; `operators: null` means no limit.
        District(id="1408", blanks=0, workdays=frozenset({0, 1, 2, 3, 4}), operators=None),
    )
    assert inst.printers == (
        Printer("PLW-1", "1405", 300, min_batch=50),
        Printer("SIAK-1", "1408", 200, min_batch=0),
    )
    assert inst.outages == (
        Outage(date(2017, 5, 18), date(2017, 7, 31), capacity=0, printer="PLW-1"),
        Outage(date(2017, 5, 24), date(2017, 5, 24), capacity=0, district="1408"),
    )
    assert inst.deliveries == (Delivery("1405", date(2017, 6, 5), 5000),)
    # One bidirectional link in the file: two directed links, same figures, same index.
    assert inst.links == (
        Link("1405", "1408", lead_days=1, daily_limit=400, cost=2, box=100, trip_cost=50, index=0),
        Link("1408", "1405", lead_days=1, daily_limit=400, cost=2, box=100, trip_cost=50, index=0),
    )
    # Sorted by ready date; the tie on 2017-05-30 keeps file order (1408 first,
    # against district and class order); the cohort ready 2017-06-05 (after the last
    # day, 2017-06-04) and the empty one are gone; the one without a class is 'regular'.
    # Each keeps its position in the file's list, which names its applicants.
    assert inst.cohorts == (
        Cohort("1405", "regular", date(2016, 9, 1), 1200, index=2),
        Cohort("1408", "first_voter", date(2017, 5, 30), 7, index=0),
        Cohort("1405", "regular", date(2017, 5, 30), 10, index=1),
    )
    assert inst.applicant_ids is None
    assert inst.applicant_count == 1217


def test_minimal_instance_gets_the_defaults() -> None:
    data = {
        "format": "ektp-instance/1",
        "name": "minimal",
        "horizon": {"start": "2017-05-22", "days": 1},
        "districts": [{"id": "A"}, {"id": "B"}],
        "printers": [],
        "links": [{"from": "A", "to": "B"}],
        "queue": {"cohorts": []},
    }
    inst = parse_instance(data, "minimal.json")
    assert inst.source == "minimal.json"
    assert inst.description == ""
    assert inst.holidays == frozenset()
    assert inst.classes == (ServiceClass("regular", 1, None),)
    assert inst.districts == (District("A"), District("B"))
    assert inst.districts[0].workdays == frozenset(range(5))  # Mon..Fri
    # Not bidirectional: one directed link, no limit, cost 0, box 1, no trip cost.
    assert inst.links == (Link("A", "B", 0, None, 0, 1, 0, 0),)
    assert inst.outages == () and inst.deliveries == () and inst.cohorts == ()
    assert inst.side_constraints_used() == []


def test_gzip_instance_reads_like_plain_json(tmp_path: Path) -> None:
    packed = tmp_path / "full.json.gz"
    packed.write_bytes(gzip.compress(FULL.read_bytes()))
    inst = read_instance(packed)
    plain = read_instance(FULL)
    assert inst.source == str(packed)
    assert (inst.districts, inst.links, inst.cohorts) == (
        plain.districts,
        plain.links,
        plain.cohorts,
    )


# The rows of tests/data/reader/applicants.csv, in first-come order per queue:
# queue (35.10, regular): 2016-09-01 [1200…]; 2017-05-23 [3201…01, 3201…02] (ids in
# string order; the second row has an empty class, i.e. 'regular'); 2017-05-30
# [0123…] (leading zero kept); queue (35.27, first_voter): 2017-05-23 [3201…09].
# 3201000000000005 is ready 2017-06-05, after the last day 2017-06-04: dropped.
FILE_COHORTS = (
    Cohort("35.10", "regular", date(2016, 9, 1), 1),
    Cohort("35.10", "regular", date(2017, 5, 23), 2),
    Cohort("35.10", "regular", date(2017, 5, 30), 1),
    Cohort("35.27", "first_voter", date(2017, 5, 23), 1),
)
FILE_IDS = (
    ("1200000000000000",),
    ("3201000000000001", "3201000000000002"),
    ("0123456789012345",),
    ("3201000000000009",),
)


def test_csv_queue_file_is_grouped_first_come() -> None:
    inst = read_instance(READER_DATA / "file_queue.json")  # applicants.csv found next to it
    assert inst.districts[0].id == "35.10"  # a code, not the float 35.1
    assert inst.cohorts == FILE_COHORTS
    assert inst.applicant_ids == FILE_IDS


def test_parquet_queue_file_reads_like_csv(tmp_path: Path) -> None:
    frame = pd.read_csv(READER_DATA / "applicants.csv", dtype=str, keep_default_na=False)
    frame.to_parquet(tmp_path / "applicants.parquet", index=False)
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "applicants.parquet"}
    inst = read_instance(write_json(tmp_path / "inst.json", data))
    assert inst.cohorts == FILE_COHORTS
    assert inst.applicant_ids == FILE_IDS


def test_parquet_date_and_integer_columns(tmp_path: Path) -> None:
    """Parquet may store `ready` as dates and ids as integers; both are understood."""
    frame = pd.DataFrame(
        {
            "applicant_id": pd.Series([12, 7], dtype="int64"),
            "district": ["35.27", "35.27"],
            "ready": [date(2017, 5, 23), date(2017, 5, 23)],
        }
    )
    frame.to_parquet(tmp_path / "q.parquet", index=False)
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "q.parquet"}
    inst = parse_instance(data, "inst.json", tmp_path)
    assert inst.cohorts == (Cohort("35.27", "regular", date(2017, 5, 23), 2),)
    assert inst.applicant_ids == (("12", "7"),)  # text order: "12" < "7"


def test_non_numeric_ids_sort_as_text(tmp_path: Path) -> None:
    """Ids of unequal length or with letters: plain string order, SPEC's tie rule."""
    (tmp_path / "q.csv").write_text(
        "applicant_id,district,ready\n9,35.10,2017-05-22\nA-7,35.10,2017-05-22\n"
        "10,35.10,2017-05-22\nA-10,35.10,2017-05-22\n"
    )
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "q.csv"}
    inst = parse_instance(data, "inst.json", tmp_path)
    assert inst.cohorts == (Cohort("35.10", "regular", date(2017, 5, 22), 4),)
    assert inst.applicant_ids == (("10", "9", "A-10", "A-7"),)


def test_header_only_queue_file_is_an_empty_queue(tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_text("applicant_id,district,ready\n")
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "q.csv"}
    inst = parse_instance(data, "inst.json", tmp_path)
    assert inst.cohorts == () and inst.applicant_ids == ()


# --- broken instances ------------------------------------------------------------

BROKEN: list[tuple[str, Mutation, str, str]] = [
    # (case, mutation of full.json, field path, message fragment)
    ("format", put("format", "ektp-instance/2"), "format", "must be 'ektp-instance/1'"),
    ("name missing", drop("name"), "name", "required field is missing"),
    ("name not text", put("name", 7), "name", "must be a string, got 7"),
    ("description", put("description", ["x"]), "description", "must be a string, got a list"),
    ("top-level typo", rename("printers", "printer"), "printer", "did you mean 'printers'"),
    ("days 0", put("horizon.days", 0), "horizon.days", "whole number >= 1, got 0"),
    ("days huge", put("horizon.days", 10**13), "horizon.days", "must be at most"),
    ("days past 9999", put("horizon.start", "9999-12-30"), "horizon.days", "would end after"),
    ("start month 13", put("horizon.start", "2017-13-01"), "horizon.start",
     "not an ISO date (YYYY-MM-DD): '2017-13-01'"),
    ("start compact", put("horizon.start", "20170522"), "horizon.start", "not an ISO date"),
    ("horizon typo", put("horizon.day", 3), "horizon.day", "did you mean 'days'"),
    ("holiday twice", put("holidays", ["2017-06-01", "2017-06-01"]), "holidays[1]",
     "2017-06-01 is listed twice"),
    ("classes empty", put("classes", []), "classes", "must not be empty"),
    ("weight 0", put("classes.1.weight", 0), "classes[1].weight", "whole number >= 1, got 0"),
    ("class id twice", put("classes.1.id", "regular"), "classes[1].id",
     "'regular' is already used by classes[0]"),
    ("deadline", put("classes.1.deadline", "2017-06-31"), "classes[1].deadline",
     "not an ISO date"),
    ("no districts", put("districts", []), "districts", "at least one district"),
    ("districts not list", put("districts", {"id": "1405"}), "districts",
     "must be a list, got an object"),
    ("district not object", put("districts.1", "1408"), "districts[1]",
     "must be an object, got '1408'"),
    ("district id twice", put("districts.1.id", "1405"), "districts[1].id",
     "'1405' is already used by districts[0]"),
    ("district id number", put("districts.0.id", 1405), "districts[0].id",
     "must be a non-empty string id, got 1405"),
    ("blanks negative", put("districts.0.blanks", -1), "districts[0].blanks",
     "whole number >= 0, got -1"),
    ("blanks bool", put("districts.0.blanks", True), "districts[0].blanks",
     "whole number >= 0, got true"),
    ("blanks 3.0", put("districts.0.blanks", 3.0), "districts[0].blanks",
     "whole number >= 0, got 3.0"),
    ("blanks text", put("districts.0.blanks", "8000"), "districts[0].blanks",
     "whole number >= 0, got '8000'"),
    ("workday name", put("districts.0.workdays", ["Mon", "Monday"]), "districts[0].workdays[1]",
     "must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun, got 'Monday'"),
    ("workday twice", put("districts.0.workdays", ["Mon", "Tue", "Mon"]),
     "districts[0].workdays[2]", "'Mon' is listed twice"),
    ("district holiday", put("districts.0.holidays", ["soon"]), "districts[0].holidays[0]",
     "not an ISO date"),
    ("operators negative", put("districts.0.operators", -2), "districts[0].operators",
     "whole number >= 0, got -2"),
    ("operators float", put("districts.0.operators", 1.5), "districts[0].operators",
     "got 1.5"),
    ("lat range", put("districts.0.lat", 95), "districts[0].lat",
     "number from -90 to 90, got 95"),
    ("lon bool", put("districts.0.lon", False), "districts[0].lon", "got false"),
    ("capacity negative", put("printers.0.capacity", -5), "printers[0].capacity",
     "must be a whole number >= 0, got -5"),
    ("capacity typo", rename("printers.0.capacity", "capcity"), "printers[0].capcity",
     "unknown field; did you mean 'capacity'?"),
    ("capacity missing", drop("printers.1.capacity"), "printers[1].capacity",
     "required field is missing"),
    ("printer district", put("printers.1.district", "9999"), "printers[1].district",
     "unknown district '9999'"),
    ("printer id twice", put("printers.1.id", "PLW-1"), "printers[1].id",
     "'PLW-1' is already used by printers[0]"),
    ("min_batch null", put("printers.0.min_batch", None), "printers[0].min_batch",
     "whole number >= 0, got null"),
    ("outage both", put("outages.0.district", "1405"), "outages[0]",
     "needs exactly one of 'printer' or 'district', got both"),
    ("outage neither", drop("outages.1.district"), "outages[1]", "got neither"),
    ("outage order", put("outages.1.end", "2017-05-20"), "outages[1]",
     "end 2017-05-20 is before start 2017-05-24"),
    ("outage printer", put("outages.0.printer", "PLW-9"), "outages[0].printer",
     "unknown printer 'PLW-9'"),
    ("outage capacity", put("outages.1.capacity", -1), "outages[1].capacity",
     "whole number >= 0"),
    ("delivery blanks", drop("deliveries.0.blanks"), "deliveries[0].blanks",
     "required field is missing"),
    ("delivery date", put("deliveries.0.date", "2017/06/05"), "deliveries[0].date",
     "not an ISO date"),
    ("link to", put("links.0.to", "9999"), "links[0].to", "unknown district '9999'"),
    ("link loop", put("links.0.to", "1405"), "links[0].to", "same district as from"),
    ("link lead", put("links.0.lead_days", -1), "links[0].lead_days", "whole number >= 0"),
    ("link limit null", put("links.0.daily_limit", None), "links[0].daily_limit", "got null"),
    ("link box 0", put("links.0.box", 0), "links[0].box", "whole number >= 1, got 0"),
    ("link trip_cost", put("links.0.trip_cost", 2.5), "links[0].trip_cost", "got 2.5"),
    ("link bidirectional", put("links.0.bidirectional", "yes"), "links[0].bidirectional",
     "must be true or false, got 'yes'"),
    ("link twice", append("links", {"from": "1408", "to": "1405"}), "links[1]",
     "link 1408 -> 1405 is already given by links[0]"),
    ("queue both", put("queue.file", "q.csv"), "queue",
     "needs exactly one of 'cohorts' or 'file', got both"),
    ("queue neither", drop("queue.cohorts"), "queue", "got neither"),
    ("cohort class", put("queue.cohorts.0.class", "vip"), "queue.cohorts[0].class",
     "unknown class 'vip'"),
    ("cohort ready", put("queue.cohorts.2.ready", "2017-13-01"), "queue.cohorts[2].ready",
     "not an ISO date (YYYY-MM-DD): '2017-13-01'"),
    ("cohort count", put("queue.cohorts.2.count", -3), "queue.cohorts[2].count",
     "whole number >= 0, got -3"),
    ("cohort district", put("queue.cohorts.1.district", "1406"), "queue.cohorts[1].district",
     "unknown district '1406'"),
    ("no default class", both(put("classes", [{"id": "first_voter", "weight": 3}]),
                              put("queue.cohorts", [{"district": "1405", "ready": "2017-05-22",
                                                     "count": 1}])),
     "queue.cohorts[0].class", "the default class 'regular' is not in classes"),
    ("cohort typo", rename("queue.cohorts.0.count", "cnt"), "queue.cohorts[0].cnt",
     "unknown field; did you mean 'count'?"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("mutation", "where", "fragment"),
    [pytest.param(m, w, f, id=case) for case, m, w, f in BROKEN],
)
def test_broken_instance(mutation: Mutation, where: str, fragment: str) -> None:
    data = full()
    mutation(data)
    with pytest.raises(InputError) as caught:
        parse_instance(data, "full.json", READER_DATA)
    err = caught.value
    assert err.where == where
    assert fragment in err.what
    assert str(err) == f"full.json: {where}: {err.what}"
    assert "\n" not in str(err)


def test_broken_table_is_large_and_its_base_valid() -> None:
    assert len(BROKEN) >= 30
    # The base of the table must itself be valid, or every case passes vacuously.
    parse_instance(full(), "full.json", READER_DATA)


def test_message_reads_as_one_line() -> None:
    data = full()
    data["printers"][1]["capacity"] = -5
    with pytest.raises(InputError) as caught:
        parse_instance(data, "pelalawan.json")
    assert str(caught.value) == (
        "pelalawan.json: printers[1].capacity: must be a whole number >= 0, got -5"
    )


def test_top_level_must_be_an_object() -> None:
    with pytest.raises(InputError, match=r"^x\.json: must be an object, got a list$"):
        parse_instance([], "x.json")


def test_json_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "format": "ektp-instance/1",\n  "name": ,\n}\n')
    with pytest.raises(InputError) as caught:
        read_instance(bad)
    assert caught.value.where == "line 3 column 11"
    assert caught.value.what.startswith("invalid JSON: Expecting value")
    assert "\n" not in str(caught.value)


def test_json_key_given_twice_is_an_error(tmp_path: Path) -> None:
    text = FULL.read_text().replace('"capacity": 300,', '"capacity": 300, "capacity": 30,')
    with pytest.raises(InputError) as caught:
        read_instance(write_text(tmp_path / "dup.json", text))
    assert caught.value.where == "printers[0].capacity"
    assert "given twice" in caught.value.what


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b'{"format": NaN}', "NaN is not a JSON number"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b"\x1f\x8b\x08garbage", "broken gzip file"),
    ],
)
def test_unreadable_instance_files(tmp_path: Path, content: bytes, what: str) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=what):
        read_instance(path)


def test_missing_instance_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_instance(tmp_path / "nope.json")


# --- broken queue files ----------------------------------------------------------

HEADER = "applicant_id,district,ready,class\n"
GOOD = "3201000000000001,35.10,2017-05-23,regular\n"

BROKEN_CSV: list[tuple[str, str, str, str]] = [
    # (case, file content, where after 'queue.file q.csv', message fragment)
    ("missing column", "applicant_id,district\n1,35.10\n", "", "missing column 'ready'"),
    ("column typo", "applicant_id,district,ready,clas\n", "", "did you mean 'class'?"),
    ("empty file", "", "", "the file is empty"),
    ("ragged row", HEADER + "1,35.10,2017-05-23,regular,extra\n", "", "cannot read it"),
    ("empty id", HEADER + GOOD + ",35.10,2017-05-23,regular\n", " row 1 (line 3)",
     "applicant_id: empty"),
    ("unknown district", HEADER + GOOD + "2,35.99,2017-05-23,\n", " row 1 (line 3)",
     "district: unknown district '35.99'"),
    ("empty district", HEADER + GOOD + "2,,2017-05-23,\n", " row 1 (line 3)",
     "district: empty"),
    ("district 35.1", HEADER + "2,35.1,2017-05-23,\n", " row 0 (line 2)",
     "unknown district '35.1'"),
    ("bad date", HEADER + GOOD + GOOD.replace("01,", "02,") + "3,35.10,x,\n",
     " row 2 (line 4)", "ready: not an ISO date (YYYY-MM-DD): 'x'"),
    ("month 13", HEADER + "2,35.10,2017-13-01,\n", " row 0 (line 2)", "'2017-13-01'"),
    ("unknown class", HEADER + "2,35.10,2017-05-23,vip\n", " row 0 (line 2)",
     "class: unknown class 'vip'"),
    ("duplicate id", HEADER + GOOD + "2,35.27,2017-05-23,\n" + GOOD, " row 2 (line 4)",
     "applicant_id: '3201**********01' is already used by row 0 (line 2)"),
    ("duplicate text id", HEADER + "A,35.10,2017-05-23,\nB,35.10,2017-05-23,\n"
     "A,35.10,2099-01-01,\n", " row 2 (line 4)", "'A' is already used by row 0 (line 2)"),
    ("blank lines skipped", HEADER + GOOD + "\n\n2,35.10,,\n", " row 1 (line 5)",
     "ready: empty"),
    ("earliest row wins", HEADER + "2,35.10,bad,\n3,35.99,2017-05-23,\n",
     " row 0 (line 2)", "ready: not an ISO date"),
    # A quoted newline is valid CSV but no id (issue 13: it would split a print list's row).
    ("quoted newline", HEADER + '"a\nb",35.10,2017-05-23,\n3,35.99,2017-05-23,\n',
     " row 0 (line 2)", "applicant_id contains a control character"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "where", "fragment"),
    [pytest.param(c, w, f, id=case) for case, c, w, f in BROKEN_CSV],
)
def test_broken_queue_file(tmp_path: Path, content: str, where: str, fragment: str) -> None:
    (tmp_path / "q.csv").write_text(content)
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "q.csv"}
    with pytest.raises(InputError) as caught:
        parse_instance(data, "inst.json", tmp_path)
    err = caught.value
    assert err.where == "queue.file q.csv" + where
    assert fragment in err.what
    assert str(err).startswith(f"inst.json: queue.file q.csv{where}: ")
    assert "\n" not in str(err)


def test_queue_without_class_column_needs_the_default_class(tmp_path: Path) -> None:
    (tmp_path / "q.csv").write_text("applicant_id,district,ready\n1,35.10,2017-05-23\n")
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["classes"] = [{"id": "first_voter", "weight": 2}]
    data["queue"] = {"file": "q.csv"}
    with pytest.raises(InputError) as caught:
        parse_instance(data, "inst.json", tmp_path)
    assert caught.value.where == "queue.file q.csv row 0 (line 2)"
    assert "default class 'regular' is not in classes" in caught.value.what


def test_queue_file_not_found_or_wrong_kind(tmp_path: Path) -> None:
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "missing.csv"}
    with pytest.raises(InputError, match=r"^inst\.json: queue\.file missing\.csv: file not found"):
        parse_instance(data, "inst.json", tmp_path)
    data["queue"] = {"file": "q.txt"}
    with pytest.raises(InputError, match=r"^inst\.json: queue\.file: must end in \.csv"):
        parse_instance(data, "inst.json", tmp_path)


def test_parquet_float_district_column_is_refused(tmp_path: Path) -> None:
    frame = pd.DataFrame({"applicant_id": ["1"], "district": [35.27], "ready": ["2017-05-23"]})
    frame.to_parquet(tmp_path / "q.parquet", index=False)
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "q.parquet"}
    with pytest.raises(InputError) as caught:
        parse_instance(data, "inst.json", tmp_path)
    assert caught.value.where == "queue.file q.parquet"
    assert "column 'district' must hold text, got float64" in caught.value.what


def test_parquet_rows_are_named_without_lines(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"applicant_id": ["1", "2"], "district": ["35.10", "35.10"], "ready": ["2017-05-23", "x"]}
    )
    frame.to_parquet(tmp_path / "q.parquet", index=False)
    data = json.loads((READER_DATA / "file_queue.json").read_text())
    data["queue"] = {"file": "q.parquet"}
    with pytest.raises(InputError) as caught:
        parse_instance(data, "inst.json", tmp_path)
    assert str(caught.value) == (
        "inst.json: queue.file q.parquet row 1: ready: not an ISO date (YYYY-MM-DD): 'x'"
    )


def test_reading_a_queue_file_does_not_import_pandas() -> None:
    """pandas alone takes 0.2 s to import; the CLI reads queue files without it."""
    script = (
        "import sys; from pathlib import Path; "
        "from scheduler.instance.reader import read_instance; "
        f"inst = read_instance(Path({str(READER_DATA / 'file_queue.json')!r})); "
        "assert len(inst.cohorts) == 4, inst.cohorts; "
        "assert 'pandas' not in sys.modules, 'pandas was imported'"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)
