"""The benchmark runner: many instances solved, validated and measured, one row each."""
