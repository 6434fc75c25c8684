"""What-if scenarios: the instance with named changes, solved side by side with the baseline."""
