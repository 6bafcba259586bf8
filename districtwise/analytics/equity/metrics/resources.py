"""Staff and finance sums per unit and year (ibis; tiny tables next to the students').

Teachers are staff rows with ``role = teacher``. A school's are those with its school_id, a
network's those of its schools, the district's every teacher row (a teacher with a blank
school_id, at the central office, counts for the district only). Spending is
school_finance.amount summed the same way.
"""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from districtwise.analytics.equity.spec import GROUP_TYPES
from districtwise.analytics.tables import Tables

UNKNOWN = "unknown"
RACES = GROUP_TYPES["race_ethnicity"]


def _per_unit(t: Tables, rows: ir.Table, district_id: str) -> ir.Table:
    """rows (school_id, school_year, …) once per unit it belongs to (unit_type, unit_id)."""
    schools = t.schools.select(s_school_id="school_id", network_id="network_id")
    rows = rows.left_join(schools, rows.school_id == schools.s_school_id).drop("s_school_id")
    return ibis.union(
        rows.filter(rows.school_id.notnull()).mutate(
            unit_type=ibis.literal("school"), unit_id=rows.school_id
        ),
        rows.filter(rows.network_id.notnull()).mutate(
            unit_type=ibis.literal("network"), unit_id=rows.network_id
        ),
        rows.mutate(unit_type=ibis.literal("district"), unit_id=ibis.literal(district_id)),
    )


def staff_sums(t: Tables, *, district_id: str, years: list[int] | None) -> ir.Table:
    """Per (school_year, unit_type, unit_id): teacher FTE, novice FTE (years_experience < 2),
    out-of-field FTE (certified_in_assignment N) and teacher FTE per race/ethnicity."""
    s = t.staff
    s = s.filter(s.role == "teacher")
    if years is not None:
        s = s.filter(s.school_year.isin(years))
    race = s.race_ethnicity.fill_null(UNKNOWN)
    s = s.select(
        "school_id",
        "school_year",
        fte=s.fte,
        novice=(s.years_experience < 2).ifelse(s.fte, 0.0),
        out_of_field=(s.certified_in_assignment == "N").ifelse(s.fte, 0.0),
        **{f"fte_{r}": (race == r).ifelse(s.fte, 0.0) for r in RACES},
    )
    units = _per_unit(t, s, district_id)
    sums = ["fte", "novice", "out_of_field", *(f"fte_{r}" for r in RACES)]
    return units.group_by(["school_year", "unit_type", "unit_id"]).aggregate(
        **{name: units[name].sum() for name in sums}
    )


def finance_sums(t: Tables, *, district_id: str, years: list[int] | None) -> ir.Table:
    """Per (school_year, unit_type, unit_id): dollars spent (sum of amount)."""
    f = t.school_finance
    if years is not None:
        f = f.filter(f.school_year.isin(years))
    f = f.select("school_id", "school_year", "amount")
    units = _per_unit(t, f, district_id)
    # Summed as decimals (exact), then given as float64 like every figure of the result.
    sums = units.group_by(["school_year", "unit_type", "unit_id"]).aggregate(
        amount=units.amount.sum()
    )
    return sums.mutate(amount=sums.amount.cast("float64"))
