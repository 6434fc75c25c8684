"""Regenerate the pictures in docs/img/ (README's "What you get"), from the repository root:

    python docs/screenshots.py

They show what an office gets, in Indonesian: the plan report of Sampang (one district)
and of Jawa Timur (38 districts) in headless Chromium at 1200 px (a desk) and 390 px (a
phone), the top of the page; and the first page of Pelalawan's work order for 8 August
2017 as a PDF, rendered by poppler's pdftoppm. The inputs are the shipped instances and
plans; every PNG is reduced to a palette with Pillow to stay small (≤ ~300 KB).
Needs /usr/bin/chromium (or EKTP_CHROMIUM), pdftoppm and Pillow.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "docs" / "img"
REPORTS = {  # picture name -> (instance, plan)
    "report-sampang": ("instances/sampang-2018.json", "solutions/sampang-2018.json"),
    "report-jawa-timur": ("instances/province/jawa-timur.json",
                          "solutions/province/jawa-timur.json"),
}
WIDTHS = {"1200": (1200, 1500), "390": (390, 1400)}  # px: the window (the page's top)
WORK_ORDER = ("instances/pelalawan-2017.json", "2017-08-08", "14.05")
COLOURS = 128  # a palette this size keeps charts and text clean


def ektp(*arguments: str, cwd: Path, env: dict[str, str] | None = None) -> None:
    """Run the command line in Indonesian; stop at the first failure."""
    subprocess.run([sys.executable, "-m", "scheduler", "--lang", "id", *arguments],
                   cwd=cwd, env={**os.environ, **(env or {})}, check=True)


def screenshot(page: Path, png: Path, width: int, height: int, profile: Path) -> None:
    chromium = os.environ.get("EKTP_CHROMIUM", "/usr/bin/chromium")
    subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={profile}", "--hide-scrollbars", "--force-device-scale-factor=1",
         f"--window-size={width},{height}", f"--screenshot={png}", page.as_uri()],
        check=True, capture_output=True, timeout=180)


def small_png(source: Path, target: Path) -> None:
    """The picture with a palette of COLOURS, optimised: a page's few colours lose nothing."""
    with Image.open(source) as image:
        reduced = image.convert("RGB").quantize(COLOURS, method=Image.Quantize.MEDIANCUT)
        reduced.save(target, optimize=True)
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size // 1024} KB")


def reports(work: Path) -> None:
    for name, (instance, plan) in REPORTS.items():
        page = work / f"{name}.html"
        ektp("report", str(ROOT / instance), str(ROOT / plan), "-o", str(page), cwd=work)
        for label, (width, height) in WIDTHS.items():
            raw = work / f"{name}-{label}.png"
            screenshot(page, raw, width, height, work / "profile")
            small_png(raw, IMAGES / f"{name}-{label}.png")


def work_order(work: Path) -> None:
    instance, day, district = WORK_ORDER
    ledger = {"EKTP_DB": f"sqlite:///{work / 'office.db'}"}
    ektp("office", "init", "--instance", str(ROOT / instance), cwd=work, env=ledger)
    ektp("office", "plan", cwd=work, env=ledger)
    ektp("office", "today", "--date", day, "--district", district, "-o", "kerja.pdf",
         cwd=work, env=ledger)
    subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "90", "-png", "-singlefile",
                    "kerja.pdf", "kerja"], cwd=work, check=True)
    small_png(work / "kerja.png", IMAGES / "work-order-pelalawan.png")


def main() -> None:
    IMAGES.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        reports(work)
        work_order(work)


if __name__ == "__main__":
    main()
