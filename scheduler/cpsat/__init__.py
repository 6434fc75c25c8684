"""cpsat engine."""
