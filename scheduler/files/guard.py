"""No command writes over its own inputs, or twice to one file: checked before any work.

`solve i.json -o i.json`, a print list written over the queue file it was made
from, `replan ... -o x.json --instance-out x.json`: each would destroy an input
or one output with another. Every command names its inputs and outputs here
first; an output that is an input (the same path once resolved, or the same
file by device and inode, so links and `..` do not hide it) or another output
is refused in one line, nothing written. Files a command derives (a re-plan's
queue file, its record of who was printed) must not exist yet at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from scheduler.errors import InputError
from scheduler.files.atomic import output_problem
from scheduler.i18n import say

Named = Mapping[str, str | Path | None]  # what a file is to a person (an option) -> its path


def check_files(inputs: Named, outputs: Named, derived: Named | None = None, *,
                new_folder: Path | None = None) -> None:
    """Refuse (InputError) an output that is an input, another output, or no place for a
    file; and a derived file that already exists. `new_folder` is a folder the command
    makes itself (bench's --solutions): outputs in it need not find it there yet."""
    seen: list[tuple[str, str, _Identity]] = [
        (name, str(path), _identity(path)) for name, path in inputs.items() if path is not None]
    for name, path in [*outputs.items(), *(derived or {}).items()]:
        if path is None:
            continue
        problem = output_problem(path)
        if problem is not None and not _in_new_folder(path, new_folder):
            raise InputError(str(path), "", f"{name}: {problem}")
        if derived is not None and name in derived and os.path.lexists(path):
            raise InputError(str(path), "", say(
                "{name}: the file exists already and this command never replaces it; move it "
                "away or choose another name", name=name))
        identity = _identity(path)
        for other, other_path, other_identity in seen:
            if identity.same(other_identity):
                raise InputError(str(path), "", say(
                    "{name} would overwrite {other} ({path}); choose another file name",
                    name=name, other=other, path=other_path))
        seen.append((name, str(path), identity))


def _in_new_folder(path: str | Path, folder: Path | None) -> bool:
    return folder is not None and not folder.exists() and Path(path).parent == folder


def inputs_of(files: Iterable[object]) -> dict[str, str]:
    """An instance's files (`Instance.inputs`) as named inputs: 'the instance file', ..."""
    named: dict[str, str] = {}
    for f in files:
        role, path = getattr(f, "role", "input"), getattr(f, "path", "")
        named[f"the {role} file"] = path
    return named


class _Identity:
    """A file's resolved path and, when it exists, its (device, inode)."""

    def __init__(self, resolved: Path, node: tuple[int, int] | None) -> None:
        self.resolved = resolved
        self.node = node

    def same(self, other: _Identity) -> bool:
        if self.node is not None and self.node == other.node:
            return True
        return self.resolved == other.resolved


def _identity(path: str | Path) -> _Identity:
    resolved = Path(path).resolve()
    try:
        st = os.stat(path)
        return _Identity(resolved, (st.st_dev, st.st_ino))
    except OSError:
        return _Identity(resolved, None)
