"""`python -m scheduler` runs the same command as `ektp-sched`."""

from scheduler.cli import main

main()
