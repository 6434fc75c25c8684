"""Rebuild the instance ladder from the commands recorded in instances/INDEX.csv.

Every row of the manifest names the seeded command that made its instance
(`ektp-sched generate ...` or `python -m scheduler.generate.<module> ...`);
`python -m scheduler.generate.ladder` runs each distinct command once, in this
process, from the folder it is started in: the project root, since the
commands' paths (`../shared/data`, `instances/...`) are relative to it.
tests/test_ladder.py runs them in a scratch folder and compares every file
byte for byte with the shipped one.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import shlex
from pathlib import Path

from scheduler.errors import InputError

GENERATOR_MODULES = "scheduler.generate."


def read_commands(index: Path) -> list[str]:
    """The manifest's distinct commands, in row order."""
    with index.open(encoding="utf-8", newline="") as handle:
        return list(dict.fromkeys(row["command"] for row in csv.DictReader(handle)))


def run_command(command: str, source: str = "INDEX.csv") -> None:
    """Run one recorded generator command (nothing else is accepted)."""
    words = shlex.split(command)
    _make_output_folders(words)
    if words[:2] == ["ektp-sched", "generate"]:
        from scheduler.cli import cli

        cli.main(words[1:], prog_name="ektp-sched", standalone_mode=False)
    elif words[:2] == ["python", "-m"] and len(words) > 2 \
            and words[2].startswith(GENERATOR_MODULES):
        importlib.import_module(words[2]).main(words[3:])
    else:
        raise InputError(source, "command", f"not a generator command: {command!r}")


def _make_output_folders(words: list[str]) -> None:
    """The ladder's own folders: an output's folder is made before its command runs
    (a command alone refuses a folder that does not exist)."""
    for option, value in zip(words, words[1:], strict=False):
        if option in ("-o", "--output"):
            Path(value).parent.mkdir(parents=True, exist_ok=True)
        elif option == "--out":
            Path(value).mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--index", type=Path, default=Path("instances/INDEX.csv"))
    args = parser.parse_args(argv)
    for command in read_commands(args.index):
        print(f"$ {command}", flush=True)
        run_command(command, str(args.index))


if __name__ == "__main__":
    main()
