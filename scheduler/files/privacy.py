"""Applicant ids can be national ID numbers (NIK): messages and logs show them masked.

Print lists and assignment files carry full ids because the printer needs them;
anything a person reads on a screen or in a log gets `masked(id)` instead.
"""

from __future__ import annotations

VISIBLE_HEAD = 4  # a NIK's first digits are the province and regency code: not personal
VISIBLE_TAIL = 2


def masked(applicant_id: str) -> str:
    """The id with its middle hidden, e.g. '3527********0142' -> '3527**********42'.

    Short ids (at most head + tail characters) are shown whole: they are not NIKs.
    """
    if len(applicant_id) <= VISIBLE_HEAD + VISIBLE_TAIL:
        return applicant_id
    hidden = len(applicant_id) - VISIBLE_HEAD - VISIBLE_TAIL
    return applicant_id[:VISIBLE_HEAD] + "*" * hidden + applicant_id[-VISIBLE_TAIL:]
