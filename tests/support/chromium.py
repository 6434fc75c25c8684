"""Rendering a page in headless Chromium for the tests of the HTML pages.

CI installs Debian's chromium and sets EKTP_REQUIRE_CHROMIUM, so there a
missing browser fails the test instead of skipping it.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")

needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("EKTP_REQUIRE_CHROMIUM"),
    reason="no /usr/bin/chromium (CI installs it and sets EKTP_REQUIRE_CHROMIUM)")


def screenshot(page: Path, png: Path, profile: Path, width: int = 1200,
               height: int = 2400) -> str:
    """Screenshot `page` at width×height; returns Chromium's stderr (console messages included)."""
    assert CHROMIUM.exists(), "EKTP_REQUIRE_CHROMIUM is set but /usr/bin/chromium is missing"
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
         "--hide-scrollbars", f"--screenshot={png}", f"--window-size={width},{height}",
         page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


def console_errors(stderr: str) -> list[str]:
    """Console messages and uncaught errors: the pages have no script, so any is a defect."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def distinct_colours(png: Path) -> int:
    """How many distinct colours a sample of the screenshot's pixels has (a blank page: 1–2)."""
    import matplotlib.image

    image = matplotlib.image.imread(str(png))
    assert image.shape[:2] == (2400, 1200)
    pixels = image.reshape(-1, image.shape[2])
    return len({tuple(p) for p in pixels[::97]})
