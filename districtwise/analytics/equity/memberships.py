"""Which network and poverty quartile each school belongs to, per year: what suppression
needs to protect the sums that tie schools to networks and quartiles."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from districtwise.analytics.equity.metrics.families import assign_quartiles

# A metric over every enrolled student: its school rows carry the enrolment (group all) and
# the students economically disadvantaged Y, which is what the quartiles are made of.
BASE_METRIC = "identification:disability"


def school_memberships(table: pa.Table, school_networks: dict[str, str | None]) -> pa.Table:
    """Columns school_year, school_id, network_id, poverty_quartile (Q1-Q4) from the
    unsuppressed tidy table and the schools' networks."""
    rows = table.filter(
        pc.and_(pc.equal(table["unit_type"], "school"), pc.equal(table["metric"], BASE_METRIC))
    ).select(["school_year", "unit_id", "group_type", "group", "denominator"])
    by_key: dict[tuple[int, str], dict[str, float]] = {}
    for row in rows.to_pylist():
        key = (row["school_year"], row["unit_id"])
        slot = by_key.setdefault(key, {"all": 0.0, "ed": 0.0})
        if row["group_type"] == "all":
            slot["all"] = row["denominator"] or 0.0
        elif row["group_type"] == "economically_disadvantaged" and row["group"] == "Y":
            slot["ed"] = row["denominator"] or 0.0
    out: dict[str, list] = {
        "school_year": [],
        "school_id": [],
        "network_id": [],
        "poverty_quartile": [],
    }
    for year in sorted({y for y, _ in by_key}):
        schools = sorted(s for y, s in by_key if y == year)
        enrol = np.array([by_key[(year, s)]["all"] for s in schools], dtype=float)
        disadvantaged = np.array([by_key[(year, s)]["ed"] for s in schools], dtype=float)
        quartiles = assign_quartiles(disadvantaged, enrol, np.array(schools, dtype=str))
        for school, quartile in zip(schools, quartiles, strict=True):
            out["school_year"].append(year)
            out["school_id"].append(school)
            out["network_id"].append(school_networks.get(school))
            out["poverty_quartile"].append(f"Q{quartile}")
    return pa.table(
        out,
        schema=pa.schema(
            [
                ("school_year", pa.int16()),
                ("school_id", pa.string()),
                ("network_id", pa.string()),
                ("poverty_quartile", pa.string()),
            ]
        ),
    )
