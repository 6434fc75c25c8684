"""What the test modules share: paths, an exhaustive search, Hypothesis strategies, helpers."""
