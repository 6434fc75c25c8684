"""network engine."""
