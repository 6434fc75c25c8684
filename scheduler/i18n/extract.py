"""A Babel extraction method for modules of sentences (babel.cfg, scheduler/i18n/sentences.py).

Every module-level upper-case name bound to a string literal (or to adjacent literals
in parentheses) is a message: `NO_PLAN_YET = "no plan yet; ..."`; so is each string of
a tuple (`HEAD = ("district", "name")`) or each value of a dict (its keys are names).
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def sentences(fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str],
              options: Mapping[str, Any]) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """(line, function, message, comments) of each sentence constant of the module."""
    tree = ast.parse(fileobj.read())
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target = node.targets[0]
        if isinstance(target, ast.Name) and target.id.isupper():
            for line, text in _literals(node.value):
                yield line, None, text, []


def _literals(value: ast.expr) -> list[tuple[int, str]]:
    """The string literals a constant holds: itself, a tuple's items or a dict's values."""
    items: list[ast.expr | None]
    if isinstance(value, ast.Tuple):
        items = list(value.elts)
    elif isinstance(value, ast.Dict):
        items = list(value.values)
    else:
        items = [value]
    return [(item.lineno, item.value) for item in items
            if isinstance(item, ast.Constant) and isinstance(item.value, str)]
