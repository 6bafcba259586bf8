"""Schools' networks and poverty quartiles, read back from the tidy table."""

from __future__ import annotations

import pyarrow as pa

from districtwise.analytics.equity.memberships import BASE_METRIC, school_memberships


def tidy(rows: list[tuple[str, str, str, float]]) -> pa.Table:
    return pa.table(
        {
            "school_year": pa.array([2026] * len(rows), pa.int16()),
            "unit_type": ["school"] * len(rows),
            "unit_id": [r[0] for r in rows],
            "metric": [BASE_METRIC] * len(rows),
            "group_type": [r[1] for r in rows],
            "group": [r[2] for r in rows],
            "denominator": [r[3] for r in rows],
        }
    )


def test_quartiles_follow_the_spec_formula_worked_by_hand():
    # Shares of economically disadvantaged Y: A 10/100, B 30/100, C 30/100, D 90/100.
    # Sorted by share then id: A, B, C, D; E = 400. A: c=0, e=100 -> floor(4*50/400)+1 = 1.
    # B: c=100 -> floor(4*150/400)+1 = 2. C: c=200 -> floor(4*250/400)+1 = 3. D: c=300 ->
    # floor(4*350/400)+1 = 4.
    rows = []
    for school, ed in [("D", 90), ("B", 30), ("A", 10), ("C", 30)]:
        rows += [(school, "all", "all", 100.0), (school, "economically_disadvantaged", "Y", ed)]
    result = school_memberships(tidy(rows), {"A": "N1", "B": "N1", "C": "N2", "D": None})
    got = {r["school_id"]: (r["network_id"], r["poverty_quartile"]) for r in result.to_pylist()}
    assert got == {"A": ("N1", "Q1"), "B": ("N1", "Q2"), "C": ("N2", "Q3"), "D": (None, "Q4")}
