"""NIKs are masked wherever a person reads them on a screen or in a log."""

from scheduler.files.privacy import masked


def test_a_nik_keeps_its_region_code_and_last_two_digits() -> None:
    assert masked("3527014507890142") == "3527**********42"


def test_short_ids_are_not_niks_and_stay_whole() -> None:
    assert masked("A17") == "A17"
    assert masked("123456") == "123456"
    assert masked("1234567") == "1234*67"
