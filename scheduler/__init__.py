"""ektp-sched: exact print scheduling for e-KTP offices (SPEC: ../shared/SPEC.md)."""

__version__ = "0.1.0"
