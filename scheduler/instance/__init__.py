"""Reading instances into frozen data, and the day-indexed facts derived from them."""
