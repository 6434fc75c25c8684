"""The plan report in each language, down to the words and numbers inside its charts.

Sampang's shipped plan: backlog up to ~64,000 (a tick at 60,000), a horizon from
2 April to 30 June 2018 (month ticks), 5,923 first-time voters due home by 26 June,
103 of whom miss it. The charts' texts are SVG text (svg.fonttype none), so the
page holds them as a reader's screen shows them.
"""

from __future__ import annotations

import re

import pytest

from scheduler import read_instance, read_solution
from scheduler.i18n import use_language
from scheduler.report.html import build_report
from tests.support.paths import INSTANCES, SOLUTIONS

TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")
LEAD = re.compile(r'id="holds-back">(.*?)</p>')


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    planned = read_solution(read_instance(INSTANCES / "sampang-2018.json"),
                            SOLUTIONS / "sampang-2018.json")
    made = {}
    for language in ("en", "id"):
        with use_language(language):
            made[language] = build_report(planned.calendar, planned.result, planned.figures, [])
    return made


@pytest.mark.parametrize(("language", "ticks", "panel", "lead"), [
    ("en", {"60,000", "May", "Jun"}, "class Pemilih pemula: 5,923 due home by 2018-06-26",
     "103 applicant(s) miss their deadline (Pemilih pemula by 2018-06-26). "),
    ("id", {"60.000", "1 Mei", "1 Jun"},
     "golongan Pemilih pemula: 5.923 harus tiba paling lambat 26-06-2018",
     "103 pemohon lewat tenggat (Pemilih pemula paling lambat 26-06-2018). "),
])
def test_the_page_and_its_charts_speak_the_language(pages: dict[str, str], language: str,
                                                    ticks: set[str], panel: str,
                                                    lead: str) -> None:
    page = pages[language]
    texts = set(TEXT.findall(page))
    lead_found = LEAD.search(page)
    assert lead_found is not None
    assert (f'<html lang="{language}">' in page, ticks <= texts, panel in texts,
            lead_found.group(1).startswith(lead)) == (True, True, True, True)
