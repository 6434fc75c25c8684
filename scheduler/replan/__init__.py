"""Re-planning from a date: what was done, new facts, the rebased instance, a close new plan."""
