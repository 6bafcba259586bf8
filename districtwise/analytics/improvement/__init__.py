"""Improvement networks, the pure part: measure periods, measure sheets pasted or uploaded
as CSV, the measures computed from the district's data, and the roll-ups of network
learning (no Django here)."""
