"""`office import`: SIAK exports as they come (CSV with ;, XLSX with Excel dates, Parquet),
the mapping remembered, idempotence, updates with old values kept, one clear line for an id
in two districts (in the file, or against the ledger) and for a bad mapping."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from click.testing import CliRunner
from openpyxl import Workbook
from sqlalchemy import select

from scheduler.office.db import ledger_url, open_ledger, reading
from scheduler.office.schema import applicant_changes, applicants
from tests.office.conftest import TINY, office

MAPPING = "NIK=applicant_id,KODE_WIL=district,TGL_REKAM=ready"
NIK1, NIK2 = "3527010101010001", "3527010101010002"


def csv_file(path: Path, *rows: str) -> Path:
    path.write_text("\n".join(["NIK;KODE_WIL;TGL_REKAM;nama", *rows]) + "\n", encoding="utf-8")
    return path


def started(runner: CliRunner, url: str) -> None:
    assert office(runner, url, "init", "--instance", str(TINY))[0] == 0


def rows_of(url: str) -> dict[str, tuple[str, str, str | None]]:
    engine = open_ledger(ledger_url(url, typed=False))
    with reading(engine) as connection:
        return {r[0]: (r[1], r[2].isoformat(), r[3]) for r in connection.execute(
            select(applicants.c.id, applicants.c.district, applicants.c.ready,
                   applicants.c.extra).where(applicants.c.source.like("import%")))}


def test_same_file_twice_adds_nothing_and_a_change_keeps_the_old_value(
        ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    started(runner, ledger)
    first = csv_file(tmp_path / "a.csv", f"{NIK1};B;02-01-2024;Siti", f"{NIK2};C;03/01/2024;Budi")
    code, output = office(runner, ledger, "import", str(first), "--columns", MAPPING)
    assert code == 0 and "2 added, 0 updated (old values kept), 0 unchanged" in output
    code, output = office(runner, ledger, "import", str(first))  # the mapping is remembered
    assert code == 0 and "0 added, 0 updated (old values kept), 2 unchanged" in output
    changed = csv_file(tmp_path / "b.csv", f"{NIK1};B;02-01-2024;Siti Aminah")
    code, output = office(runner, ledger, "import", str(changed))
    assert code == 0 and "0 added, 1 updated" in output
    assert rows_of(ledger)[NIK1] == ("B", "2024-01-02", json.dumps({"nama": "Siti Aminah"}))
    engine = open_ledger(ledger_url(ledger, typed=False))
    with reading(engine) as connection:
        kept = connection.execute(select(applicant_changes.c.field, applicant_changes.c.old,
                                         applicant_changes.c.new)).all()
    assert [tuple(k) for k in kept] == [("nama", "Siti", "Siti Aminah")]


def test_the_same_id_in_two_districts_is_one_clear_line(
        sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    started(runner, sqlite_ledger)
    both = csv_file(tmp_path / "a.csv", f"{NIK1};B;02-01-2024;Siti", f"{NIK1};C;02-01-2024;Siti")
    code, output = office(runner, sqlite_ledger, "import", str(both), "--columns", MAPPING)
    assert code == 2
    assert output.strip() == (f"error: {both}: line 3: applicant 3527**********01 is in two "
                              "districts: B (line 2) and C")
    assert rows_of(sqlite_ledger) == {}
    once = csv_file(tmp_path / "b.csv", f"{NIK1};B;02-01-2024;Siti")
    assert office(runner, sqlite_ledger, "import", str(once), "--columns", MAPPING)[0] == 0
    moved = csv_file(tmp_path / "c.csv", f"{NIK1};C;02-01-2024;Siti")
    code, output = office(runner, sqlite_ledger, "import", str(moved))
    assert code == 2 and output.count("\n") == 1
    assert "applicant 3527**********01 is in two districts: B (ledger, import 1) and C" in output


def test_bad_mappings_and_cells_are_one_line_and_change_nothing(
        sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    started(runner, sqlite_ledger)
    file = csv_file(tmp_path / "a.csv", f"{NIK1};B;31-02-2024;Siti")
    cases = {
        "NIK=applicant_id,WIL=district,TGL_REKAM=ready":
            "bad column mapping: the file has no column 'WIL' (it has: NIK, KODE_WIL, "
            "TGL_REKAM, nama)",
        "NIK=applicant_id,KODE_WIL=kecamatan": "'kecamatan' is not a queue field",
        "NIK=applicant_id": "no column for 'district': map one with --columns COLUMN=district",
        MAPPING: "line 2: ready: not a date (YYYY-MM-DD, DD-MM-YYYY, DD/MM/YYYY or an Excel "
                 "date): '31-02-2024'",
    }
    for mapping, message in cases.items():
        code, output = office(runner, sqlite_ledger, "import", str(file), "--columns", mapping)
        assert code == 2 and message in output and output.count("\n") == 1, output
    assert rows_of(sqlite_ledger) == {}


def test_excel_and_parquet_exports_keep_their_other_columns(
        sqlite_ledger: str, runner: CliRunner, tmp_path: Path) -> None:
    started(runner, sqlite_ledger)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["NIK", "KODE_WIL", "TGL_REKAM", "nama", "no_registrasi"])
    sheet.append([NIK1, "B", datetime(2024, 1, 2), "Siti", 77])
    sheet.append([NIK2, "A", 45294, "Budi", 78])  # an Excel serial day: 2024-01-03
    workbook.save(tmp_path / "siak.xlsx")
    code, output = office(runner, sqlite_ledger, "import", str(tmp_path / "siak.xlsx"),
                          "--columns", MAPPING)
    assert code == 0, output
    sheet.append([3527010101010003, "C", 45294, "Dewi", 79])  # a NIK Excel made a number
    workbook.save(tmp_path / "numeric.xlsx")
    code, output = office(runner, sqlite_ledger, "import", str(tmp_path / "numeric.xlsx"))
    assert code == 2 and "row 4: applicant_id: 3527**********03 is a number too long" in output
    pq.write_table(pa.table({"applicant_id": ["R-0001"], "district": ["C"],
                             "ready": ["2024-01-04"], "nama": ["Dewi"]}), tmp_path / "q.parquet")
    code, output = office(runner, sqlite_ledger, "import", str(tmp_path / "q.parquet"),
                          "--columns", "")
    assert code == 0, output
    assert rows_of(sqlite_ledger) == {
        NIK1: ("B", "2024-01-02", json.dumps({"nama": "Siti", "no_registrasi": "77"})),
        NIK2: ("A", "2024-01-03", json.dumps({"nama": "Budi", "no_registrasi": "78"})),
        "R-0001": ("C", "2024-01-04", json.dumps({"nama": "Dewi"})),
    }
