"""The supervisor's morning: print lists per printer and day, and card look-ups."""
