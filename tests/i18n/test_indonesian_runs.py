"""An Indonesian run of each command shows none of the catalog's English (issue 15.1).

Every command runs once with `--lang id` on the shipped instances (module fixture);
its screen, and the pages and workbooks it writes for people, must contain no
English phrase that the catalog translates (tests/i18n/english_left.py). Machine-
readable outputs are checked the other way: the solution, CSV headers and exit codes
are the same as in English.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from scheduler.cli import cli
from tests.i18n.english_left import english_in, page_text, pdf_text, workbook_text
from tests.support.chromium import CHROMIUM
from tests.support.paths import INSTANCES, ROOT, SOLUTIONS, TINY_FOLDER

PELALAWAN, PELALAWAN_PLAN = INSTANCES / "pelalawan-2017.json", SOLUTIONS / "pelalawan-2017.json"
SAMPANG, SAMPANG_PLAN = INSTANCES / "sampang-2018.json", SOLUTIONS / "sampang-2018.json"
SCENARIOS = INSTANCES / "scenarios" / "sampang-2018.json"
GRAPH = ROOT.parent / "shared" / "data"
OUTAGE = {"outages": [{"printer": "SPG-1", "start": "2018-05-21", "end": "2018-05-25",
                       "capacity": 0}]}

# name -> (arguments after `--lang id`, expected exit code, files a person reads)
RUNS: dict[str, tuple[list[str], int, list[str]]] = {
    "solve": (["solve", str(PELALAWAN), "-o", "plan.json", "--assignments", "cards.csv"], 0, []),
    "validate": (["validate", str(PELALAWAN), str(PELALAWAN_PLAN)], 0, []),
    "validate-invalid": (["validate", str(PELALAWAN), "broken.json"], 1, []),
    "network": (["network", str(PELALAWAN), str(PELALAWAN_PLAN)], 0, []),
    "print-list": (["print-list", str(PELALAWAN), str(PELALAWAN_PLAN), "--date", "2017-05-22",
                    "-o", "lists.xlsx"], 0, ["lists.xlsx"]),
    "print-list-pdf": (["print-list", str(PELALAWAN), str(PELALAWAN_PLAN), "--date",
                        "2017-08-08", "-o", "lists.pdf"], 0, ["lists.pdf"]),
    "lookup": (["lookup", str(PELALAWAN), str(PELALAWAN_PLAN), "cohort-0-0", "cohort-8-1800",
                "3527010101010042"], 0, []),
    "report": (["report", str(SAMPANG), str(SAMPANG_PLAN), "-o", "report.html"], 0,
               ["report.html"]),
    "replan": (["replan", str(SAMPANG), str(SAMPANG_PLAN), "--as-of", "2018-05-21",
                "--events", "outage.json", "-o", "new-plan.json", "--instance-out", "new.json"],
               0, []),
    "explain": (["explain", str(TINY_FOLDER / "reroute-tiny.json"), "--top", "1"], 0, []),
    "whatif": (["whatif", str(SAMPANG), str(SCENARIOS), "-o", "whatif.csv"], 0, []),
    "whatif-runs": (["whatif", str(SAMPANG), str(SCENARIOS), "--runs", "2", "--report",
                     "whatif.html"], 0, ["whatif.html"]),
    "simulate": (["simulate", str(SAMPANG), "--runs", "3", "--policy", "all", "-o", "runs.csv",
                  "--report", "sim.html"], 0, ["sim.html"]),
    "bench": (["bench", str(TINY_FOLDER), "-o", "results.csv"], 0, []),
    "bad-input": (["solve", "missing.json", "-o", "x.json"], 2, []),
    "office-init": (["office", "init", "--instance", str(PELALAWAN)], 0, []),
    "office-plan": (["office", "plan", "--time-limit", "60"], 0, []),
    "office-today": (["office", "today", "--date", "2017-05-23", "--district", "14.05", "-o",
                      "kerja.xlsx"], 0, ["kerja.xlsx"]),
    "office-today-pdf": (["office", "today", "--date", "2017-05-23", "--district", "14.05",
                          "-o", "kerja.pdf"], 0, ["kerja.pdf"]),
    "office-done": (["office", "done", "--date", "2017-05-23", "--as-planned"], 0, []),
    "office-replan": (["office", "replan", "--as-of", "2017-05-24"], 0, []),
    "office-lookup": (["office", "lookup", "cohort-8-1800", "cohort-0-0", "1234"], 0, []),
    "office-changes": (["office", "changes", "--since", "1"], 0, []),
    "office-history": (["office", "history"], 0, []),
    "office-check": (["office", "check"], 0, []),
    "office-error": (["office", "today", "--date", "2017-05-23", "--district", "99.99"], 2, []),
}
if CHROMIUM.exists():  # the report's PDF is the page printed by Chromium
    RUNS["report-pdf"] = (["report", str(SAMPANG), str(SAMPANG_PLAN), "-o", "report.pdf"], 0,
                          ["report.pdf"])
if GRAPH.is_dir():
    RUNS["generate"] = (["generate", "region", "--province", "Riau", "--graph", str(GRAPH),
                         "--seed", "1", "-o", "riau.json"], 0, [])


# The instances' own descriptions are data an office wrote (in English here), not messages.
DESCRIPTIONS = [json.loads(path.read_text(encoding="utf-8")).get("description", "")
                for path in (PELALAWAN, SAMPANG)]


# An engine's proof stays English (it is written into the plan too, docs/i18n.md).
PROOF = re.compile(r"\(terbukti optimal: .*\)$", re.MULTILINE)


def without_data(text: str) -> str:
    for description in DESCRIPTIONS:
        text = text.replace(description, "")
    return PROOF.sub("", text)


_READERS = {".xlsx": workbook_text, ".html": page_text, ".pdf": pdf_text}


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, tuple[int, str]]]:
    """Every run's exit code and what a person reads of it (screen, pages, workbooks)."""
    folder = tmp_path_factory.mktemp("indonesian")
    (folder / "outage.json").write_text(json.dumps(OUTAGE), encoding="utf-8")
    (folder / "broken.json").write_text(PELALAWAN_PLAN.read_text(encoding="utf-8").replace(
        '"count": ', '"count": 1', 1), encoding="utf-8")
    before = Path.cwd()
    os.chdir(folder)
    runner = CliRunner(env={"EKTP_LANG": None, "EKTP_DB": f"sqlite:///{folder / 'office.db'}"})
    try:
        found = {}
        for name, (arguments, _code, files) in RUNS.items():
            result = runner.invoke(cli, ["--lang", "id", *arguments])
            shown = result.output + "".join(
                _READERS[Path(f).suffix](folder / f) for f in files if result.exit_code == 0)
            found[name] = (result.exit_code, without_data(shown))
        yield found
    finally:
        os.chdir(before)


# The independent validator's violation lines stay English (it imports nothing but the
# instance records, errors and the standard library); the command's verdict is translated.
VALIDATOR_LINES = {"validate-invalid"}


@pytest.mark.parametrize("name", RUNS)
def test_an_indonesian_run_shows_no_english_of_the_catalog(ran, name: str) -> None:
    code, shown = ran[name]
    if name in VALIDATOR_LINES:
        shown = shown.splitlines()[-1]
    assert (code, english_in(shown)) == (RUNS[name][1], []), shown


def test_indonesian_runs_read_indonesian(ran) -> None:
    """Spot checks that the words are the offices' (not merely not English)."""
    assert "hari tunggu 1.165.373" in ran["solve"][1]
    assert "sah: " in ran["validate"][1]
    assert "kapasitas" in ran["network"][1]
    assert "sisa blangko akhir hari: " in ran["print-list"][1]
    assert "Halaman 1 dari " in ran["print-list-pdf"][1]  # every page's footer
    assert "Lembar kerja PLW-1 · 14.05 Pelalawan" in ran["office-today-pdf"][1]
    assert "pemohon lewat tenggat (Pemilih pemula paling lambat 26-06-2018)" in ran["report"][1]
    assert "siap diambil" in ran["lookup"][1]
    assert ran["bad-input"][1].startswith("kesalahan: ")


def test_machine_readable_outputs_stay_the_same(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The plan, the CSV columns and the exit codes do not depend on the language."""
    runner = CliRunner(env={"EKTP_LANG": None})
    with monkeypatch.context() as patch:
        patch.chdir(tmp_path)
        for lang in ("en", "id"):
            solved = runner.invoke(cli, ["--lang", lang, "solve", str(PELALAWAN), "-o",
                                         f"plan-{lang}.json", "--assignments",
                                         f"cards-{lang}.csv"])
            listed = runner.invoke(cli, ["--lang", lang, "print-list", str(PELALAWAN),
                                         str(PELALAWAN_PLAN), "--date", "2017-05-22", "-o",
                                         f"lists-{lang}.csv"])
            assert (solved.exit_code, listed.exit_code) == (0, 0)
        plans = [json.loads(Path(f"plan-{lang}.json").read_text(encoding="utf-8"))
                 for lang in ("en", "id")]
        for plan in plans:
            plan.pop("solver")  # seconds and machine
        assert plans[0] == plans[1]
        for stem in ("cards", "lists"):
            headers = []
            for lang in ("en", "id"):
                with open(f"{stem}-{lang}.csv", encoding="utf-8") as rows:
                    headers.append(next(csv.reader(rows)))
            assert headers[0] == headers[1]
