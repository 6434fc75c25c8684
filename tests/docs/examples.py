"""The examples of README.md and docs/*.md, read from their markdown.

The convention a doc follows so that its examples are run (tests/docs/test_examples.py):

- A fenced ```bash block is run line by line in a scratch copy of the project
  (instances/ and solutions/ copied, ../shared beside it when it exists). A line
  ending in a backslash continues on the next. `ektp-sched ...` runs through
  click's CliRunner; any other line (`echo ... > events.json`, `head -3 cards.csv`)
  runs in bash.
- The `# ...` lines right after a command, up to a blank line, are output it must
  print, in that order, each somewhere in one line of the output. `…` (or `...`)
  stands for anything; runs of spaces count as one; a time such as `12.34 s`
  matches any time. `# (exit N)` says the command exits with N (otherwise it must
  exit 0). `#` lines after a blank line are comments.
- A ```python block with `>>>` lines is a doctest, run in the same scratch copy.
- `<!-- example: skip (why) -->` on the line before a block: not run.
- `<!-- example: table FILE -->` (or `<!-- example: table FILE sheet NAME -->`) on the
  line before a markdown table: the table is rows of FILE (a CSV, or a sheet of an
  .xlsx) written by an earlier example of the same doc. A row whose cells are all
  `…` (or empty but the first `…`) skips any number of rows; a header row of empty
  cells is no row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^```(\w*)\s*$")
MARKER = re.compile(r"^<!--\s*example:\s*(skip|table)\b(.*?)-->\s*$")
ELLIPSIS = re.compile(r"…|\.\.\.")
TIME = re.compile(r"\d+\.\d+ s\b")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
EXIT = re.compile(r"^\(exit (\d+)\)$")


@dataclass
class Step:
    """One shell command of a bash example and the output lines the doc shows for it."""

    command: str
    line: int
    expected: list[str] = field(default_factory=list)
    exit_code: int = 0


@dataclass
class Example:
    """One runnable thing of a doc: a bash block, a doctest block or a table of a file."""

    doc: Path
    line: int  # 1-based line of the opening fence, or of the table marker
    kind: str  # "bash", "python" or "table"
    skip: str | None = None
    steps: list[Step] = field(default_factory=list)
    text: str = ""  # a doctest's source
    file: str = ""  # a table's file and sheet
    sheet: str | None = None
    rows: list[list[str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return f"{self.doc.name}:{self.line}"


def read_examples(doc: Path) -> list[Example]:
    """Every bash block, doctest block and marked table of `doc`, in order."""
    lines = doc.read_text(encoding="utf-8").splitlines()
    examples: list[Example] = []
    marker: tuple[str, str] | None = None
    index = 0
    while index < len(lines):
        text = lines[index]
        found = MARKER.match(text.strip())
        fence = FENCE.match(text)
        if found:
            marker = (found.group(1), found.group(2).strip())
        elif fence:
            end = _closing_fence(lines, index)
            body = lines[index + 1:end]
            example = _block(doc, index + 1, fence.group(1), body, marker)
            if example is not None:
                examples.append(example)
            marker, index = None, end
        elif marker is not None and marker[0] == "table" and text.startswith("|"):
            end = index
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            examples.append(_table(doc, index, marker[1], lines[index:end]))
            marker, index = None, end - 1
        elif text.strip():
            marker = None
        index += 1
    return examples


def _closing_fence(lines: list[str], start: int) -> int:
    for end in range(start + 1, len(lines)):
        if lines[end].startswith("```"):
            return end
    raise ValueError(f"unclosed code block at line {start + 1}")


def _block(doc: Path, line: int, language: str, body: list[str],
           marker: tuple[str, str] | None) -> Example | None:
    skip = None
    if marker is not None:
        if marker[0] != "skip":
            raise ValueError(f"{doc.name}:{line}: a table marker before a code block")
        skip = marker[1].strip("() ") or "marked skip"
    if language == "bash":
        return Example(doc, line, "bash", skip, steps=bash_steps(body, line + 1))
    if language == "python" and any(text.lstrip().startswith(">>>") for text in body):
        return Example(doc, line, "python", skip, text="\n".join(body) + "\n")
    return None


def bash_steps(body: list[str], first_line: int) -> list[Step]:
    """The commands of a bash block with the output lines shown after each."""
    steps: list[Step] = []
    after_command = False
    pending = ""
    for offset, text in enumerate(body):
        stripped = text.strip()
        if pending:
            pending += " " + stripped.rstrip("\\").strip()
            if not stripped.endswith("\\"):
                steps[-1].command, pending = pending, ""
            continue
        if not stripped:
            after_command = False
        elif stripped.startswith("#"):
            if after_command:
                _expect(steps[-1], stripped[1:].strip())
        else:
            steps.append(Step(stripped.rstrip("\\").strip(), first_line + offset))
            after_command = True
            if stripped.endswith("\\"):
                pending = steps[-1].command
    return steps


def _expect(step: Step, shown: str) -> None:
    code = EXIT.match(shown)
    if code:
        step.exit_code = int(code.group(1))
    elif shown:
        step.expected.append(shown)


def _table(doc: Path, index: int, spec: str, lines: list[str]) -> Example:
    words = spec.split()
    if not words or (len(words) > 1 and (len(words) != 3 or words[1] != "sheet")):
        raise ValueError(f"{doc.name}:{index}: table marker must be 'table FILE [sheet NAME]'")
    rows = [_cells(text) for position, text in enumerate(lines) if position != 1]
    if rows and not any(rows[0]):
        rows = rows[1:]
    return Example(doc, index, "table", file=words[0],
                   sheet=words[2] if len(words) == 3 else None, rows=rows)


def _cells(text: str) -> list[str]:
    inner = text.strip().removeprefix("|").removesuffix("|")
    return [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", inner)]


def normalised(text: str) -> str:
    """A line as compared: no colour codes, times as `# s`, runs of spaces as one."""
    text = TIME.sub("# s", ANSI.sub("", text))
    return " ".join(text.split())


def missing_lines(expected: list[str], output: str) -> list[str]:
    """The shown lines not found in `output`, each after the previous one found."""
    lines = [normalised(text) for text in output.splitlines()]
    position = 0
    missing = []
    for shown in expected:
        pattern = re.compile(".*?".join(re.escape(part.strip()) if part.strip() else ""
                                        for part in ELLIPSIS.split(normalised(shown))))
        hit = next((at for at in range(position, len(lines)) if pattern.search(lines[at])),
                   None)
        if hit is None:
            missing.append(shown)
        else:
            position = hit + 1
    return missing


def is_gap(row: list[str]) -> bool:
    """A table row standing for rows left out."""
    return bool(row) and ELLIPSIS.fullmatch(row[0]) is not None and all(
        not cell or ELLIPSIS.fullmatch(cell) for cell in row[1:])


def table_mismatch(shown: list[list[str]], actual: list[list[str]]) -> str | None:
    """Why the shown rows are not the file's rows (with gaps), or None when they are."""
    segments: list[list[list[str]]] = [[]]
    for row in shown:
        if is_gap(row):
            segments.append([])
        else:
            segments[-1].append(row)
    position = 0
    for number, segment in enumerate(segments):
        if number == 0:
            wrong = _first_difference(segment, actual)
            if wrong is not None:
                have = actual[wrong] if wrong < len(actual) else "nothing"
                return f"row {wrong + 1} is {have}, the doc shows {segment[wrong]}"
            start = 0
        else:
            found = (at for at in range(position, len(actual) + 1)
                     if _first_difference(segment, actual[at:]) is None)
            start = next(found, -1)
            if start < 0:
                return f"no rows {segment[:1]}... in the file after row {position}"
        position = start + len(segment)
    if segments[-1] and position != len(actual):
        return f"the file has {len(actual) - position} row(s) after the last one shown"
    return None


def _first_difference(segment: list[list[str]], actual: list[list[str]]) -> int | None:
    """The index of the first shown row that is not the file's row there."""
    for index, want in enumerate(segment):
        if index >= len(actual):
            return index
        have = actual[index] + [""] * max(0, len(want) - len(actual[index]))
        if have[:len(want)] != want or any(have[len(want):]):
            return index
    return None
