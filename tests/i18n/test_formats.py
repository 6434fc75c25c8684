"""Numbers, dates and plurals as each language writes them."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.i18n import long_date, ngettext, number, percent, short_date, use_language

DAY = dt.date(2017, 8, 8)  # a Tuesday


@pytest.mark.parametrize(("language", "expected"), [
    ("id", ("1.165.373", "3,50", "12,34%", "Selasa, 8 Agustus 2017", "08-08-2017")),
    ("en", ("1,165,373", "3.50", "12.34%", "Tuesday, August 8, 2017", "2017-08-08")),
])
def test_numbers_and_dates(language: str, expected: tuple[str, ...]) -> None:
    with use_language(language):
        assert (number(1165373), number(3.5, 2), percent(0.1234), long_date(DAY),
                short_date(DAY)) == expected


def test_months_and_days_are_named_in_indonesian() -> None:
    with use_language("id"):
        assert long_date(dt.date(2018, 2, 4)) == "Minggu, 4 Februari 2018"
        assert short_date(dt.date(2018, 12, 31)) == "31-12-2018"


def test_plurals_follow_each_language() -> None:
    def short(n: int) -> str:
        return ngettext("short {count} blank, needed by {day}",
                        "short {count} blanks, needed by {day}", n).format(
                            count=number(n), day=short_date(DAY))

    assert [short(1), short(1165373)] == ["short 1 blank, needed by 2017-08-08",
                                          "short 1,165,373 blanks, needed by 2017-08-08"]
    with use_language("id"):
        assert [short(1), short(1165373)] == [
            "kurang 1 blangko, dibutuhkan paling lambat 08-08-2017",
            "kurang 1.165.373 blangko, dibutuhkan paling lambat 08-08-2017"]
