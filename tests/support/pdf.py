"""PDFs looked at as a person would: every page rendered to PNG by poppler's `pdftoppm`,
each page checked for ink, one page kept under artifacts/ for a person to look at.

CI installs poppler-utils (.ci/run); without `pdftoppm` these tests fail, never skip,
so a missing tool cannot pass for a PDF that prints.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
from PIL import Image

from tests.support.paths import ROOT

ARTIFACTS = ROOT / "artifacts"
DPI = 40  # enough to see ink and layout, cheap for many pages
DARK = 128  # a pixel darker than this is ink


def render_pages(pdf: Path, folder: Path) -> list[Path]:
    """Every page of `pdf` as a PNG in `folder`, in page order."""
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) is needed: .ci/run installs it"
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(folder / "page")],
                   check=True, capture_output=True, timeout=300)
    return sorted(folder.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def dark_pixels(png: Path) -> int:
    """How many pixels of the page are ink."""
    return int((np.asarray(Image.open(png).convert("L")) < DARK).sum())


def pdf_text(pdf: Path) -> str:
    """The PDF's text as poppler extracts it (`pdftotext`): what was drawn as text."""
    done = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, timeout=300)
    return done.stdout.decode("utf-8")


def keep_artifact(pdf: Path, name: str) -> Path:
    """The first page of `pdf` at a readable resolution, kept as artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    target = ARTIFACTS / name
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(target.with_suffix(""))], check=True, capture_output=True,
                   timeout=60)
    return target
