"""Names people know (issue 15.2): a class's optional `label` (docs/spec-readings.md), read
and checked by the reader, shown where people read the class, the id kept in every file;
the district's name beside or instead of its code in a look-up."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.errors import InputError
from scheduler.instance.reader import parse_instance
from tests.support.paths import INSTANCES, SOLUTIONS

SAMPANG, SAMPANG_PLAN = INSTANCES / "sampang-2018.json", SOLUTIONS / "sampang-2018.json"


def document(classes: list[dict[str, Any]]) -> dict[str, Any]:
    return {"format": "ektp-instance/1", "name": "labels",
            "horizon": {"start": "2024-01-01", "days": 2}, "classes": classes,
            "districts": [{"id": "A"}], "printers": [{"id": "A1", "district": "A", "capacity": 1}],
            "queue": {"cohorts": []}}


def test_a_label_is_read_and_shown_instead_of_the_id() -> None:
    instance = parse_instance(document([{"id": "regular"},
                                        {"id": "first_voter", "label": "Pemilih pemula"}]))
    assert [(c.id, c.label, c.shown) for c in instance.classes] == [
        ("regular", "", "regular"), ("first_voter", "Pemilih pemula", "Pemilih pemula")]
    assert [instance.class_label(i) for i in ("first_voter", "regular", "unknown")] == [
        "Pemilih pemula", "regular", "unknown"]


@pytest.mark.parametrize(("label", "what"), [
    (3, "must be a string, got"),
    ("Pemilih\u0007pemula", "contains U+0007"),
])
def test_a_label_that_is_not_text_is_refused_with_its_path(label: object, what: str) -> None:
    with pytest.raises(InputError, match=re.escape(f"classes[0].label: {what}")):
        parse_instance(document([{"id": "regular", "label": label}]))


def test_the_seed_instances_name_their_classes() -> None:
    classes = json.loads(SAMPANG.read_text(encoding="utf-8"))["classes"]
    assert [(c["id"], c["label"]) for c in classes] == [
        ("regular", "Umum"), ("first_voter", "Pemilih pemula")]


def test_sheets_and_answers_show_the_label_files_keep_the_id(tmp_path: Path) -> None:
    # On 23 April Sampang's printer prints first-time voters only (their deadline first).
    runner = CliRunner()
    for output in ("lists.xlsx", "lists.csv"):
        result = runner.invoke(cli, ["print-list", str(SAMPANG), str(SAMPANG_PLAN),
                                     "--date", "2018-04-23", "-o", str(tmp_path / output)])
        assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "lists.xlsx", read_only=True).worksheets[0]
    # Cards from row 9 (below the top lines, the column names and the day's heading);
    # the class is the fifth column (after the date, the number, the id and the district).
    shown = {row[4] for row in sheet.iter_rows(min_row=9, values_only=True)
             if len(row) > 4 and row[4]}
    with open(tmp_path / "lists.csv", encoding="utf-8") as rows:
        kept = {row["class"] for row in csv.DictReader(rows)}
    assert (shown, kept) == ({"Pemilih pemula"}, {"first_voter"})
    answer = runner.invoke(cli, ["lookup", str(SAMPANG), str(SAMPANG_PLAN), "cohort-10-5",
                                 "cohort-3-10"])
    assert answer.output.splitlines() == [  # names people know: the district's, the label
        "cohort-10-5: printer SPG-1 (Sampang) prints it on 2018-04-23, home 2018-04-23",
        "cohort-3-10: not within the plan; 9133 of queue Sampang (35.27)/Umum ahead still "
        "waiting"]
