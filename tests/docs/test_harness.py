"""The docs harness itself: it must read the convention right and catch a doc that drifted.

Worked on small made-up docs and outputs, so each check below would fail if the harness
let a wrong figure, a stale id or a reordered line through.
"""

from __future__ import annotations

from pathlib import Path

from tests.docs.examples import bash_steps, missing_lines, read_examples, table_mismatch

SUMMARY = """pelalawan-2017: OPTIMAL by flow in 0.17 s -> plan.json
  deadline misses 0   waiting days 1,165,373   transfer cost 294,014
  printed 134,640 of at most 134,640
"""


def test_shown_lines_match_with_spaces_times_and_ellipses_relaxed() -> None:
    shown = ["pelalawan-2017: OPTIMAL by flow in 12.50 s -> plan.json",
             "deadline misses 0 waiting days 1,165,373 transfer cost 294,014",
             "printed … of at most 134,640"]
    assert missing_lines(shown, SUMMARY) == []


def test_a_wrong_figure_or_a_wrong_order_is_caught() -> None:
    assert missing_lines(["waiting days 1,165,374"], SUMMARY) == ["waiting days 1,165,374"]
    reordered = ["printed 134,640 of at most 134,640", "deadline misses 0"]
    assert missing_lines(reordered, SUMMARY) == ["deadline misses 0"]


def test_bash_blocks_split_into_commands_outputs_and_exit_codes() -> None:
    body = ["# a comment before the command",
            "ektp-sched print-list a.json b.json \\",
            "    --date 2017-08-08 -o lists.xlsx",
            "# wrote 2832 card(s)",
            "",
            "# a comment after a blank line",
            "ektp-sched lookup a.json b.json nobody",
            "# error: not in the queue",
            "# (exit 2)"]
    steps = bash_steps(body, first_line=10)
    assert [(s.command, s.line, s.expected, s.exit_code) for s in steps] == [
        ("ektp-sched print-list a.json b.json --date 2017-08-08 -o lists.xlsx", 11,
         ["wrote 2832 card(s)"], 0),
        ("ektp-sched lookup a.json b.json nobody", 16, ["error: not in the queue"], 2),
    ]


def test_markers_skip_blocks_and_bind_tables_to_files(tmp_path: Path) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("\n".join([
        "<!-- example: skip (slow) -->", "```bash", "ektp-sched bench instances", "```", "",
        "```bash", "ektp-sched validate a.json b.json", "```", "",
        "<!-- example: table lists.xlsx sheet PLW-1 -->",
        "| Office | 14.05 Pelalawan |", "|---|---|", "| … | |", "| 252 | cohort-35-710 |", "",
        "```python", ">>> 1 + 1", "2", "```", "", "```json", "{}", "```"]) + "\n")
    examples = read_examples(doc)
    assert [(e.kind, e.line, e.skip) for e in examples] == [
        ("bash", 2, "slow"), ("bash", 6, None), ("table", 10, None), ("python", 16, None)]
    table = examples[2]
    assert (table.file, table.sheet) == ("lists.xlsx", "PLW-1")
    assert table.rows == [["Office", "14.05 Pelalawan"], ["…", ""], ["252", "cohort-35-710"]]


SHEET = [["Office", "14.05 Pelalawan", ""], ["position", "applicant_id", "district"],
         ["1", "cohort-118-300", "14.05"], ["2", "cohort-118-301", "14.05"],
         ["3", "cohort-35-580", "14.02"]]


def test_a_table_with_gaps_matches_its_file() -> None:
    shown = [["Office", "14.05 Pelalawan"], ["position", "applicant_id", "district"],
             ["…", "", ""], ["3", "cohort-35-580", "14.02"]]
    assert table_mismatch(shown, SHEET) is None


def test_a_stale_id_or_a_missing_tail_in_a_table_is_caught() -> None:
    stale = [["Office", "14.05 Pelalawan"], ["position", "applicant_id", "district"],
             ["1", "cohort-111-300", "14.05"]]
    assert "row 3" in str(table_mismatch(stale, SHEET))
    cut_short = [["Office", "14.05 Pelalawan"], ["…"], ["2", "cohort-118-301", "14.05"]]
    assert "1 row(s) after the last one shown" in str(table_mismatch(cut_short, SHEET))
    wrong_later = [["Office", "14.05 Pelalawan"], ["…"], ["3", "cohort-105-580", "14.02"]]
    assert "no rows" in str(table_mismatch(wrong_later, SHEET))
