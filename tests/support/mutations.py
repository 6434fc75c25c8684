"""Changes to one field of an instance dictionary, named by its path: 'printers.0.capacity'.

The broken-input tables (tests/instance/) mutate a valid document one field at a time
and assert the one-line error that names that field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Mutation = Callable[[dict[str, Any]], object]


def put(path: str, value: object) -> Mutation:
    """Set a field given as 'a.0.b' (list positions as numbers)."""

    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return mutate


def drop(path: str) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        del node[last]

    return mutate


def rename(path: str, new: str) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        node: Any = d
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        node[new] = node.pop(last)

    return mutate


def append(path: str, item: object) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        node: Any = d
        for part in path.split("."):
            node = node[int(part)] if isinstance(node, list) else node[part]
        node.append(item)

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(d: dict[str, Any]) -> None:
        for m in mutations:
            m(d)

    return mutate

