"""Outputs carry data, never code, and never land on a device, a folder or nowhere (issue 13).

The hostile instance is reroute-tiny (4 applicants of district A, one printer at A
and one at B) with every name an attacker controls turned into something a
spreadsheet would run or a terminal library would parse: the plan is the same
(misses 0, waiting 5, transfer 4), only the names change.
"""

from __future__ import annotations

import csv
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from scheduler.files.cells import neutral, write_csv_rows
from tests.support.paths import PELALAWAN, ROOT, TINY

FORMULA = '=HYPERLINK("http://x","y")'
MARKUP = "[bold red]B[/bold red]"


def hostile_instance(folder: Path, district_a: str = FORMULA, district_b: str = MARKUP,
                     name: str = "[/]") -> Path:
    """reroute-tiny with attacker-controlled ids: district A is `district_a`, B `district_b`,
    the class `+cmd`, the printers `@A1` and `-B1`, the instance `name`."""
    doc = json.loads(TINY.read_text(encoding="utf-8"))
    doc["name"] = name
    renames = {"A": district_a, "B": district_b}
    for district in doc["districts"]:
        district["id"] = renames[district["id"]]
        district["name"] = "$\\undefinedmacro$ " + district["id"]
    doc["classes"][0]["id"] = "+cmd"
    for printer, new in zip(doc["printers"], ("@A1", "-B1"), strict=True):
        printer["id"] = new
        printer["district"] = renames[printer["district"]]
    for link in doc["links"]:
        link["from"], link["to"] = renames[link["from"]], renames[link["to"]]
    for cohort in doc["queue"]["cohorts"]:
        cohort["district"] = renames[cohort["district"]]
        cohort["class"] = "+cmd"
    path = folder / "hostile.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def one_line_error(output: str) -> bool:
    lines = output.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in output


# --- formulas ----------------------------------------------------------------------------


def test_neutral_prefixes_what_a_spreadsheet_would_run() -> None:
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutral(text) == "'" + text
    assert neutral("14.05") == "14.05" and neutral(42) == 42 and neutral("a=b") == "a=b"


def test_the_excel_print_list_holds_only_inert_strings(tmp_path: Path) -> None:
    instance = hostile_instance(tmp_path)
    plan, lists = tmp_path / "plan.json", tmp_path / "lists.xlsx"
    assert run("solve", str(instance), "-o", str(plan))[0] == 0
    code, output = run("print-list", str(instance), str(plan), "-o", str(lists))
    assert code == 0, output
    texts = [cell for sheet in openpyxl.load_workbook(lists) for row in sheet.iter_rows()
             for cell in row if isinstance(cell.value, str)]
    assert texts and all(cell.data_type == "s" for cell in texts)
    values = {cell.value for cell in texts}
    assert "'" + FORMULA in values and "'+cmd" in values and "'@A1" in values
    assert not any(v.startswith(("=", "+", "-", "@")) for v in values)


def test_csv_outputs_are_neutral_and_rows_unsplittable(tmp_path: Path) -> None:
    instance = hostile_instance(tmp_path)
    plan, cards, lists = tmp_path / "plan.json", tmp_path / "cards.csv", tmp_path / "lists.csv"
    assert run("solve", str(instance), "-o", str(plan), "--assignments", str(cards))[0] == 0
    assert run("print-list", str(instance), str(plan), "-o", str(lists))[0] == 0
    for path in (cards, lists):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        cells = [c for row in rows[1:] for c in row]
        assert not any(c.startswith(("=", "+", "-", "@")) for c in cells), path
        assert "'+cmd" in cells, path
    # 4 applicants, 4 rows of cards: the hostile names split nothing.
    with cards.open(encoding="utf-8", newline="") as handle:
        assert len(list(csv.reader(handle))) == 1 + 4


def test_a_carriage_return_inside_a_field_is_quoted(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_csv_rows(path, ["id", "n"], [["a\rb", 1], ["c\nd", 2]])
    with path.open(encoding="utf-8", newline="") as handle:
        assert list(csv.reader(handle)) == [["id", "n"], ["a\rb", "1"], ["c\nd", "2"]]


# --- markup and mathtext -----------------------------------------------------------------


def test_names_are_printed_as_written_not_parsed(tmp_path: Path) -> None:
    instance = hostile_instance(tmp_path)
    code, output = run("solve", str(instance), "-o", str(tmp_path / "plan.json"))
    assert code == 0, output
    assert output.startswith("[/]: OPTIMAL")
    assert MARKUP in output  # shown as typed: not a bold "B" that looks like district B


def test_dollar_names_are_text_in_every_chart(tmp_path: Path) -> None:
    instance = hostile_instance(tmp_path)
    plan = tmp_path / "plan.json"
    assert run("solve", str(instance), "-o", str(plan))[0] == 0
    code, output = run("report", str(instance), str(plan), "-o", str(tmp_path / "r.html"))
    assert code == 0, output
    for suffix in ("png", "svg", "pdf"):
        target = tmp_path / f"map.{suffix}"
        code, output = run("network", str(instance), str(plan), "-o", str(target))
        assert code == 0, output
    assert (tmp_path / "map.svg").read_bytes().lstrip().startswith(b"<?xml")
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")
    assert (tmp_path / "map.pdf").read_bytes().startswith(b"%PDF")


def test_a_map_in_an_unknown_format_is_refused_before_any_work(tmp_path: Path) -> None:
    code, output = run("network", str(TINY), "-o", str(tmp_path / "map.txt"))
    assert code == 2 and one_line_error(output) and not (tmp_path / "map.txt").exists()


# --- where outputs may go ----------------------------------------------------------------


@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout", "folder", "", "no/such/x.json"])
def test_outputs_go_to_regular_files_only(tmp_path: Path, target: str) -> None:
    (tmp_path / "folder").mkdir()
    path = target if target.startswith("/") or target == "" else str(tmp_path / target)
    before = os.stat("/dev/null")
    code, output = run("solve", str(TINY), "-o", path)
    assert code == 2 and one_line_error(output), output
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert os.stat("/dev/null").st_ino == before.st_ino
    assert not (tmp_path / "no").exists()


def test_a_symlink_to_a_file_is_followed_and_stays(tmp_path: Path) -> None:
    real, link = tmp_path / "real.json", tmp_path / "link.json"
    real.write_text("{}")
    link.symlink_to(real)
    assert run("solve", str(TINY), "-o", str(link))[0] == 0
    assert link.is_symlink() and json.loads(real.read_text())["format"] == "ektp-solution/1"


def test_a_file_size_limit_is_one_line_not_a_killed_process(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    script = (f"ulimit -f 1; {sys.executable} -m scheduler solve "
              f"{PELALAWAN} -o {plan} --no-blanks-short")
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert done.returncode == 2, done.stderr
    assert one_line_error(done.stderr) and "too large" in done.stderr
    assert not plan.exists() and not list(tmp_path.glob(".*ektp-tmp"))


def test_an_unexpected_error_is_one_line_with_the_way_to_see_more(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("something inside broke")

    monkeypatch.setattr("scheduler.plan.make.solve_instance", broken)
    code, output = run("solve", str(TINY), "-o", str(tmp_path / "plan.json"))
    assert code == 1 and one_line_error(output)
    assert "internal error: ValueError: something inside broke" in output and "--debug" in output
    assert not (tmp_path / "plan.json").exists()


def test_the_work_order_is_inert_and_its_ticks_still_read_back(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch
                                                               ) -> None:
    instance = hostile_instance(tmp_path, district_a="-A")  # an id that starts like a formula
    monkeypatch.chdir(tmp_path)
    assert run("office", "init", "--instance", str(instance))[0] == 0
    assert run("office", "plan")[0] == 0
    order = tmp_path / "today.xlsx"
    code, output = run("office", "today", "--date", "2024-01-01", "-o", str(order))
    assert code == 0, output
    workbook = openpyxl.load_workbook(order)
    texts = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row
             if isinstance(cell.value, str)]
    assert texts and all(cell.data_type == "s" for cell in texts)
    assert not any(cell.value.startswith(("=", "+", "-", "@")) for cell in texts)
    code, output = run("office", "done", "--date", "2024-01-01", str(order))
    assert code == 0, output  # the ids read back as the ledger knows them
