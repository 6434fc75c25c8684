"""Applicant ids on a screen: a NIK masked (scheduler/files/privacy.py), an inline cohort's
`cohort-<index>-<position>` shown whole (it is no personal number)."""

from __future__ import annotations

import re

from scheduler.files.privacy import masked

COHORT_ID = re.compile(r"cohort-(0|[1-9][0-9]*)-(0|[1-9][0-9]*)")


def shown_id(applicant_id: str, show_ids: bool = False) -> str:
    """An id as a screen or a log line shows it: masked unless asked for."""
    if show_ids or COHORT_ID.fullmatch(applicant_id):
        return applicant_id
    return masked(applicant_id)
