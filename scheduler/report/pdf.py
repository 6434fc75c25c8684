"""The report as PDF: the same HTML page, printed by headless Chromium.

Why a browser and not a PDF library (reportlab): the report is one HTML page
with print CSS (A4, page numbers, no chart or figure split over two pages,
table heads repeated on each page). Printing that page with a real engine gives
the PDF the layout, the fonts and the vector charts (the inline SVG) of the
page on screen and on paper, with no second layout to keep in step with it.
The price is a program to install: Debian's `chromium` (CI installs it), found
on PATH or named by EKTP_CHROMIUM.

The page has no script and fetches nothing, so Chromium prints it offline,
from a temporary folder with a throwaway profile; the PDF then reaches its
file atomically, like every output.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.atomic import write_atomic
from scheduler.report import words

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
SECONDS = 120  # Chromium prints a province's page in a few seconds


def find_chromium(output: str | Path) -> str:
    """The Chromium to print with (EKTP_CHROMIUM, else the first on PATH); InputError if none."""
    named = os.environ.get("EKTP_CHROMIUM")
    found = shutil.which(named) if named else next(
        (path for path in map(shutil.which, BROWSERS) if path), None)
    if found is None:
        raise InputError(str(output), "", words.NO_CHROMIUM)
    return found


def print_pdf(page: str, path: str | Path) -> None:
    """Print the HTML `page` to the PDF file `path` (atomically)."""
    chromium = find_chromium(path)
    with tempfile.TemporaryDirectory(prefix="ektp-pdf-") as folder:
        html, pdf = Path(folder) / "report.html", Path(folder) / "report.pdf"
        html.write_text(page, encoding="utf-8")
        command = [chromium, "--headless", "--disable-gpu", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", "--disable-extensions", "--disable-dev-shm-usage",
                   f"--user-data-dir={Path(folder) / 'profile'}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf}", html.as_uri()]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.insert(1, "--no-sandbox")  # Chromium refuses to run as root otherwise
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=SECONDS,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise InputError(str(path), "", words.CHROMIUM_FAILED.format(
                reason=f"no answer in {SECONDS} s")) from None
        if done.returncode != 0 or not _is_pdf(pdf):
            reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            raise InputError(str(path), "", words.CHROMIUM_FAILED.format(reason=reason))

        def copy(tmp: Path) -> None:
            shutil.copyfile(pdf, tmp)

        write_atomic(path, copy)


def _is_pdf(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as file:
        return file.read(5) == b"%PDF-"
