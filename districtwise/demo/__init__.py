"""Synthetic demo districts: deterministic generation of the CSV contract files."""
