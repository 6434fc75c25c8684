"""Simulating plans day by day under random outages and late deliveries (issue 7)."""
