"""Modules of sentences: `words.X` read in the current language, numbers and dates its way.

A module that holds every sentence of a tier in one place (scheduler/office/words.py)
ends with `read_in_current_language(__name__)`: from then on each of its upper-case
string constants (or tuples of strings, or dicts of them), read as an attribute, is the
current language's translation, a `Sentence` whose `.format` writes numbers with a
grouping or decimals (`{n:,}`,
`{s:.1f}`) and dates as the language writes them. The code that uses the module
is unchanged (`words.NO_PLAN_YET`, `words.SAID_PLAN.format(...)`), a sentence added to
the module is translated where it is used, and Babel extracts the constants with
`scheduler.i18n.extract.sentences` (babel.cfg). In English every sentence reads
exactly as the constant and `str.format` write it.
"""

from __future__ import annotations

import sys
import types
from typing import Any

from scheduler.i18n.catalog import _
from scheduler.i18n.message import FORMATTER


class Sentence(str):
    """A translated template: `.format` fills it the current language's way."""

    __slots__ = ()

    def format(self, *args: object, **fields: object) -> str:
        return FORMATTER.vformat(str(self), args, fields)


class SentenceModule(types.ModuleType):
    """A module whose upper-case string constants read in the current language."""

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        return translated(value) if name.isupper() else value


def translated(value: Any) -> Any:
    """A sentence, or a tuple of them, or a dict's sentence values, in the current language;
    anything else as it is (dict keys are names, not words)."""
    if isinstance(value, str):
        return Sentence(_(value))
    if isinstance(value, tuple) and all(isinstance(item, str) for item in value):
        return tuple(Sentence(_(item)) for item in value)
    if isinstance(value, dict) and all(isinstance(item, str) for item in value.values()):
        return {key: Sentence(_(item)) for key, item in value.items()}
    return value


def read_in_current_language(module_name: str) -> None:
    """Make the named module's sentences read in the current language (call it last)."""
    sys.modules[module_name].__class__ = SentenceModule
