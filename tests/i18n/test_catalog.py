"""The catalogue check: every message a person reads has an Indonesian translation,
none fuzzy or empty, none stale, each with the same placeholders as its English."""

from __future__ import annotations

import ast

from scheduler.i18n import translations
from tests.i18n.catalog_check import code_messages, indonesian, placeholders
from tests.support.paths import ROOT


def test_every_message_in_the_code_has_an_indonesian_translation() -> None:
    catalog = indonesian()
    missing = sorted(f"{where}: {key!r}" for (key, context), where in code_messages().items()
                     if catalog.get(key if isinstance(key, str) else key[0], context) is None)
    assert missing == []


def test_no_translation_is_fuzzy_empty_or_stale() -> None:
    in_code = {(key if isinstance(key, str) else key[0], context)
               for key, context in code_messages()}
    fuzzy, empty, stale = [], [], []
    for message in indonesian():
        if not message.id:
            continue
        single = message.id if isinstance(message.id, str) else message.id[0]
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy:
            fuzzy.append(single)
        if not all(forms):
            empty.append(single)
        if (single, message.context) not in in_code:
            stale.append(single)
    assert (fuzzy, empty, stale, list(indonesian().obsolete)) == ([], [], [], [])


def test_placeholders_are_the_same_in_both_languages() -> None:
    """The same `{fields}`, format specs included (a translation may not drop a figure)."""
    differ = []
    for message in indonesian():
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[-1]
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        differ += [(english, form) for form in forms
                   if placeholders(form) != placeholders(english)]
    assert differ == []


def test_indonesian_has_one_plural_form() -> None:
    assert indonesian().num_plurals == 1
    assert indonesian().plural_expr == "0"


def test_english_is_the_identity() -> None:
    assert translations("en").gettext("blanks short") == "blanks short"


MESSAGE_CALLS = {"_", "say", "ngettext", "pgettext", "N_"}


def test_no_message_is_marked_inside_an_f_string() -> None:
    """Babel's extractor does not look inside f-strings: a `_("...")` there would never
    reach the catalog (and stay English). Such a message is computed before the f-string."""
    hidden = []
    for path in sorted((ROOT / "scheduler").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                hidden += [f"{path.relative_to(ROOT)}:{call.lineno}"
                           for call in ast.walk(node)
                           if isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                           and call.func.id in MESSAGE_CALLS
                           and any(isinstance(a, ast.Constant) for a in call.args)]
    assert hidden == []
