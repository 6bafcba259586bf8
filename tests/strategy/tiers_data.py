"""A hand-built equity audit of the cast's three schools and tier rules whose placements
were worked out by hand (see each school's comment)."""

from __future__ import annotations

from tests.equity.conftest import store_run

RULES = {
    "assessment": "STATE_MATH",
    "indicators": [
        # chronic absence 0 % → no need, 40 % → most need
        {"indicator": "chronic_absence", "weight": "40", "direction": "higher_needs_more",
         "scaling": "linear", "floor": "0", "ceiling": "40"},
        # proficiency 60 % → no need, 20 % → most need
        {"indicator": "proficiency", "weight": "40", "direction": "lower_needs_more",
         "scaling": "linear", "floor": "20", "ceiling": "60"},
        # the cast's district has no staff file: always missing
        {"indicator": "staff_turnover", "weight": "20", "direction": "higher_needs_more",
         "scaling": "linear", "floor": "0", "ceiling": "40"},
    ],
    "tiers": [
        {"level": 1, "name": "Universal", "score_from": "0", "score_to": "40",
         "supports": "Network professional learning"},
        {"level": 2, "name": "Targeted", "score_from": "40", "score_to": "70",
         "supports": "A coach two days a week\nAttendance team"},
        {"level": 3, "name": "Intensive", "score_from": "70", "score_to": "100",
         "supports": "A full-time coach"},
    ],
}  # fmt: skip

# school → (chronic absent of 100, proficient of 100 in 2026). With turnover missing, the
# other two weigh 50 % each:
#   north_1: absence 40 % → 100, proficiency 20 % → 100: score 100, tier 3
#   north_2: absence 20 % → 50,  proficiency 40 % → 50:  score 50,  tier 2
#   south_1: absence 4 %  → 10,  proficiency 60 % → 0:   score 5,   tier 1
FIGURES = {"north_1": (40, 20), "north_2": (20, 40), "south_1": (4, 60)}
EXPECTED = {"north_1": (3, "100.00"), "north_2": (2, "50.00"), "south_1": (1, "5.00")}


def row(year, code, metric, num, den, group_type="all", group="all", **more) -> dict:
    value = num / den if den else None
    return {
        "school_year": year,
        "unit_type": "school",
        "unit_id": code,
        "dimension": "attendance",
        "metric": metric,
        "group_type": group_type,
        "group": group,
        "numerator": float(num),
        "denominator": float(den),
        "value": value,
        "comparison_value": None,
        "ratio": None,
        "status": "ok",
    } | more


def audit_rows(cast) -> list[dict]:
    rows = []
    for name, (absent, proficient) in FIGURES.items():
        code = getattr(cast, name).code
        rows += [
            row(2026, code, "chronic_absenteeism", absent, 100),
            row(2026, code, "proficiency:STATE_MATH", proficient, 100),
            row(2025, code, "proficiency:STATE_MATH", proficient + 10, 100),
        ]
    return rows


def store_tier_audit(cast, extra: list[dict] | None = None):
    """The cast's district with the hand-built audit as its current one."""
    return store_run(cast.district, audit_rows(cast) + (extra or []))
