"""`report -o X.pdf`: the page printed by headless Chromium, looked at page by page.

Each page is rendered to PNG by poppler's `pdftoppm` (CI installs poppler-utils and
Chromium; there these tests must run) and must carry ink; the first page is kept as
artifacts/report-page-1.png for a person to look at.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image

from scheduler.cli import cli
from tests.support.chromium import needs_chromium
from tests.support.paths import ROOT, SAMPANG, shipped_plan

ARTIFACT = ROOT / "artifacts" / "report-page-1.png"
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftoppm") is None and not os.environ.get("EKTP_REQUIRE_CHROMIUM"),
    reason="no pdftoppm (poppler-utils; CI installs it)")


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return int(next(line.split()[-1] for line in info.stdout.splitlines()
                    if line.startswith("Pages:")))


def render(pdf: Path, folder: Path) -> list[Path]:
    """Every page as a PNG at 40 dpi, in page order."""
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "page")],
                   check=True, capture_output=True, timeout=120)
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def ink(png: Path) -> int:
    """Pixels darker than mid-grey: text, lines and chart areas."""
    return int((np.asarray(Image.open(png).convert("L")) < 128).sum())


@needs_chromium
@needs_poppler
def test_the_report_prints_to_pdf(runner: CliRunner, tmp_path: Path) -> None:
    pdf = tmp_path / "report.pdf"
    result = runner.invoke(cli, ["report", str(SAMPANG), str(shipped_plan(SAMPANG)),
                                 "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes()[:5] == b"%PDF-"
    pages = render(pdf, tmp_path)
    # One district: the first line, figures and the table of blanks, then four charts,
    # help and the districts: a few A4 pages, every one of them printed on.
    assert len(pages) == page_count(pdf)
    assert 2 <= len(pages) <= 6
    with Image.open(pages[0]) as first:
        assert first.size == (331, 468)  # A4 at 40 dpi
    assert all(ink(page) > 500 for page in pages)
    assert [p.name for p in tmp_path.iterdir() if p.suffix != ".png"] == ["report.pdf"]
    ARTIFACT.parent.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(ARTIFACT.with_suffix(""))], check=True, timeout=60)
    assert ink(ARTIFACT) > 2000


def test_no_chromium_is_one_line_and_nothing_written(runner: CliRunner, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EKTP_CHROMIUM", str(tmp_path / "no-such-browser"))
    pdf = tmp_path / "report.pdf"
    result = runner.invoke(cli, ["report", str(SAMPANG), str(shipped_plan(SAMPANG)),
                                 "-o", str(pdf)])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "Chromium" in result.output
    assert list(tmp_path.iterdir()) == []
