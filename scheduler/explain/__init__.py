"""Why not better: binding constraints, shadow prices of the levers, re-solve checks."""
