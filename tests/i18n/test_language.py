"""Which language a command speaks: --lang, else EKTP_LANG, else the locale, else English;
the choice lasts for one command (or one request) only."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest

from scheduler.cli import cli
from scheduler.i18n import _, accepted_language, choose_language, current_language, use_language


@pytest.mark.parametrize(("option", "environ", "chosen"), [
    ("id", {"EKTP_LANG": "en", "LANG": "en_US.UTF-8"}, "id"),
    ("EN", {"EKTP_LANG": "id"}, "en"),
    (None, {"EKTP_LANG": "id_ID.UTF-8", "LANG": "en_US"}, "id"),
    (None, {"LC_ALL": "id_ID.UTF-8", "LANG": "en_US"}, "id"),
    (None, {"LC_ALL": "C", "LANG": "id_ID.UTF-8"}, "en"),  # LC_ALL set decides
    (None, {"LC_MESSAGES": "id_ID", "LANG": "C"}, "id"),
    (None, {"LC_ALL": "", "LANG": "id-ID"}, "id"),  # an empty variable is not set
    (None, {"LANG": "fr_FR.UTF-8"}, "en"),
    (None, {"LANG": "C"}, "en"),
    (None, {}, "en"),
])
def test_choose_language(option: str | None, environ: dict[str, str], chosen: str) -> None:
    assert choose_language(option, environ) == chosen


def test_a_language_asked_for_by_name_must_be_one_of_ours() -> None:
    with pytest.raises(ValueError, match="EKTP_LANG: 'fr' is not a language"):
        choose_language(None, {"EKTP_LANG": "fr"})


def test_use_language_lasts_for_the_block() -> None:
    assert current_language() == "en"
    with use_language("id_ID"):
        assert current_language() == "id"
        assert _("no space left on the disk") == "ruang disk penuh"
    assert current_language() == "en"
    assert _("no space left on the disk") == "no space left on the disk"


@click.command("say-language")
def say_language() -> None:
    click.echo(f"{current_language()} {_('no space left on the disk')}")


@pytest.fixture
def group_with_say_language() -> Iterator[click.Group]:
    """The real group, with a command that says which language it runs in."""
    cli.add_command(say_language)
    try:
        yield cli
    finally:
        cli.commands.pop("say-language", None)


@pytest.mark.parametrize(("arguments", "environ", "said"), [
    (["--lang", "id"], {}, "id ruang disk penuh"),
    ([], {"EKTP_LANG": "id"}, "id ruang disk penuh"),
    ([], {"EKTP_LANG": None, "LC_ALL": None, "LC_MESSAGES": None, "LANG": "id_ID.UTF-8"},
     "id ruang disk penuh"),
    ([], {"EKTP_LANG": None, "LC_ALL": "C"}, "en no space left on the disk"),
])
def test_the_group_sets_the_language_for_one_command(runner, group_with_say_language,
                                                     arguments, environ, said) -> None:
    result = runner.invoke(group_with_say_language, [*arguments, "say-language"], env=environ)
    assert (result.exit_code, result.output.strip()) == (0, said)
    assert current_language() == "en"


def test_a_language_we_do_not_have_is_one_line_exit_2(runner) -> None:
    result = runner.invoke(cli, ["validate", "--help"], env={"EKTP_LANG": "fr"},
                           prog_name="ektp-sched")
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        "error: EKTP_LANG: 'fr' is not a language of this tool (one of id, en) "
        "(see `ektp-sched --help`)"]


@pytest.mark.parametrize(("header", "chosen", "or_else"), [
    ("en-US,en;q=0.9,id;q=0.8", "en", "en"),
    ("id-ID,id;q=0.9,en-US;q=0.8", "id", "id"),
    ("fr-FR,en;q=0.5,id;q=0.7", "id", "id"),  # French is not ours; Indonesian comes next
    ("en;q=0, id;q=0.1", "id", "id"),  # q=0: not acceptable
    ("fr, de;q=0.5", "id", "en"),  # none of ours: the default
    ("en;q=abc", "id", "en"),  # a broken weight counts as 0
    ("", "id", "en"),
    (None, "id", "en"),
])
def test_a_web_request_gets_the_language_its_browser_prefers(header, chosen, or_else) -> None:
    assert accepted_language(header) == chosen  # the offices' default: Indonesian
    assert accepted_language(header, default="en") == or_else
