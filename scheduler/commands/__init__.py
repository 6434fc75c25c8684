"""The subcommands of `ektp-sched`, one module per command or closely related group.

`scheduler/cli.py` registers them on its click group; `common.py` holds what they share.
"""
