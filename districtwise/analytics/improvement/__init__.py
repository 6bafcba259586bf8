"""Improvement networks, the pure part: measure periods, measure sheets pasted or uploaded
as CSV, and the measures computed from the district's data (no Django here)."""
