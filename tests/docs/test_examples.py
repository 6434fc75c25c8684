"""The docs' examples run, so that what README.md and docs/ show cannot drift from the code.

Every bash block is run in a scratch copy of the project, one copy per doc (its
blocks in order, so a later block may use a file an earlier one wrote), and each
output line a doc shows must be printed (tests/docs/examples.py has the
convention). Tables marked as a file's rows are compared with the file written.
Paths the docs name must exist, and README must stay short, start with the two
set-up commands and show every command.
"""

from __future__ import annotations

import contextlib
import csv
import doctest
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from scheduler.cli import COMMANDS, cli
from tests.docs.examples import Example, Step, missing_lines, read_examples, table_mismatch

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = [example for doc in DOCS for example in read_examples(doc)]
README_MAX_LINES = 150
# README's first block: the two commands a newcomer pastes (checked, not run).
SETUP = next(e for e in EXAMPLES if e.doc.name == "README.md")


class Sandboxes:
    """One scratch copy of the project per doc, and how far each doc's examples have run."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.done: dict[Path, set[int]] = {}
        if SHARED.is_dir():
            (base / "shared").symlink_to(SHARED, target_is_directory=True)

    def folder(self, doc: Path) -> Path:
        folder = self.base / doc.stem
        if not folder.exists():
            folder.mkdir()
            for name in ("instances", "solutions"):
                shutil.copytree(ROOT / name, folder / name)
        return folder

    def run(self, example: Example) -> None:
        """Run `example` after every earlier bash example of its doc, each once.

        Run alone (`-k`), an example still finds the files the earlier ones write; an
        earlier one that fails has failed its own test already and is not repeated.
        """
        done = self.done.setdefault(example.doc, set())
        for earlier in EXAMPLES:
            if (earlier.doc == example.doc and earlier.line < example.line
                    and earlier.line not in done and earlier.kind == "bash"
                    and not _skipped(earlier)):
                done.add(earlier.line)
                with contextlib.suppress(AssertionError):
                    check_example(earlier, self.folder(earlier.doc))
        done.add(example.line)
        check_example(example, self.folder(example.doc))


@pytest.fixture(scope="session")
def sandboxes(tmp_path_factory: pytest.TempPathFactory) -> Sandboxes:
    return Sandboxes(tmp_path_factory.mktemp("docs"))


def _skipped(example: Example) -> str | None:
    if example.skip:
        return example.skip
    if example is SETUP:
        return "README's set-up commands install into a new virtual environment"
    needs_shared = any("../shared" in step.command for step in example.steps)
    return "needs ../shared" if needs_shared and not SHARED.is_dir() else None


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_example(example: Example, sandboxes: Sandboxes) -> None:
    reason = _skipped(example)
    if reason:
        pytest.skip(reason)
    sandboxes.run(example)


def check_example(example: Example, folder: Path) -> None:
    """Run one example in `folder` and fail with what differs from the doc."""
    with _inside(folder):
        if example.kind == "bash":
            for step in example.steps:
                _check_step(example, step)
        elif example.kind == "python":
            _check_doctest(example, folder)
        else:
            _check_table(example, folder)


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def _check_step(example: Example, step: Step) -> None:
    output, code = _run(step.command)
    where = f"{example.doc.name}:{step.line}: {step.command}"
    assert code == step.exit_code, f"{where}\nexit {code}, the doc says {step.exit_code}:\n{output}"
    missing = missing_lines(step.expected, output)
    assert not missing, f"{where}\nnot printed (in this order): {missing}\noutput:\n{output}"


def _run(command: str) -> tuple[str, int]:
    """A command's output (stdout and stderr) and exit code: ektp-sched in-process."""
    words = shlex.split(command, comments=True)
    if words[0] == "ektp-sched":
        result = CliRunner().invoke(cli, words[1:], prog_name="ektp-sched")
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        return result.output, result.exit_code
    path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PATH": path})
    return done.stdout + done.stderr, done.returncode


def _check_doctest(example: Example, folder: Path) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(example.text, {}, example.name, str(example.doc), example.line)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    report: list[str] = []
    runner.run(test, out=report.append)
    assert runner.failures == 0, "".join(report)


def _check_table(example: Example, folder: Path) -> None:
    path = folder / example.file
    assert path.exists(), f"{example.name}: {example.file} was not written by an earlier example"
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        sheet = book[example.sheet] if example.sheet else book.worksheets[0]
        rows = [[_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    else:
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
    problem = table_mismatch(example.rows, rows)
    assert problem is None, f"{example.name}: the table is not {example.file}: {problem}"


def _text(value: object) -> str:
    return "" if value is None else str(value)


# Paths in backticks or links that name a file of the project (tests/ is being reorganised
# and is left out; ../shared is outside the project).
PROJECT_PATH = re.compile(r"^(?:scheduler|instances|solutions|benchmarks|docs)/[\w./-]*$")
DOTTED_MODULE = re.compile(r"^scheduler(?:\.\w+)+$")


def _named_paths(doc: Path) -> Iterator[tuple[str, Path]]:
    text = doc.read_text(encoding="utf-8")
    for token in re.findall(r"`([^`\s]+)`", text):
        token = token.rstrip(".,:;")
        if PROJECT_PATH.match(token):
            yield token, ROOT / token
        elif DOTTED_MODULE.match(token):
            module = ROOT / token.replace(".", "/")
            yield token, module if module.is_dir() else module.with_suffix(".py")
    for target, _ in _links(doc):
        yield target, (doc.parent / target).resolve()


def _links(doc: Path) -> list[tuple[str, str]]:
    """(file, anchor) of each markdown link to a file of the project ("" for this doc)."""
    found = []
    for target, anchor in re.findall(r"\]\(([^)\s#]*)(?:#([^)\s]*))?\)",
                                     doc.read_text(encoding="utf-8")):
        if re.match(r"^[a-z]+:", target):
            continue
        if not target or (doc.parent / target).resolve().is_relative_to(ROOT):
            found.append((target, anchor))
    return found


def _anchors(doc: Path) -> set[str]:
    """GitHub's anchors of a doc's headings: lower case, punctuation dropped, spaces as -."""
    anchors, in_code = set(), False
    for line in doc.read_text(encoding="utf-8").splitlines():
        in_code ^= line.startswith("```")
        if not in_code and re.match(r"^#+ ", line):
            heading = line.lstrip("#").strip().lower()
            anchors.add(re.sub(r"[^\w\- ]", "", heading).replace(" ", "-"))
    return anchors


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_paths_named_exist(doc: Path) -> None:
    missing = sorted({name for name, path in _named_paths(doc) if not path.exists()})
    assert not missing, f"{doc.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=[doc.name for doc in DOCS])
def test_links_reach_their_headings(doc: Path) -> None:
    broken = []
    for target, anchor in _links(doc):
        linked = (doc.parent / target).resolve() if target else doc
        if anchor and linked.suffix == ".md" and anchor not in _anchors(linked):
            broken.append(f"{target}#{anchor}")
    assert not broken, f"{doc.name} links to headings that do not exist: {broken}"


def test_readme_is_short_and_starts_with_the_two_commands() -> None:
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES
    install, tests = (step.command for step in SETUP.steps)
    assert SETUP.line == 3 and not SETUP.skip
    assert "pip install -e ." in install and "ektp-sched solve instances/" in install
    assert 'pip install -e ".[test]"' in tests and tests.endswith("&& python -m pytest")
    # .ci/run runs README's test command: the two must stay in step.
    assert "\npython -m pytest\n" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_runs_an_example_of_every_command() -> None:
    shown = {step.command.split()[1] for e in EXAMPLES
             if e.doc.name == "README.md" and e.kind == "bash" and not _skipped(e)
             for step in e.steps if step.command.startswith("ektp-sched ")}
    assert set(COMMANDS) <= shown, f"README shows no example of {sorted(set(COMMANDS) - shown)}"
