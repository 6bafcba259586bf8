"""The demo district's allocation scenarios: two drafts for the cabinet to compare, both
sharing what the schools spent in the latest school year (school_finance.csv), one with the
spec's weights and one in which poverty weighs twice as much. They are computed once the
demo's data is imported and audited; adopting one is left to the person trying the demo."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from districtwise.core.audit import audit_created
from districtwise.strategy.models import AllocationScenario

SPEC_WEIGHTS = {"economically_disadvantaged": "0.25", "english_learner": "0.5", "disability": "0.9"}
POVERTY_FIRST = SPEC_WEIGHTS | {"economically_disadvantaged": "0.5", "homeless": "0.25"}


def school_spending(files_dir: Path, school_year: int) -> Decimal:
    """What the schools spent in ``school_year``: the sum of school_finance.csv's amounts."""
    path = files_dir / "school_finance.csv"
    with path.open(newline="", encoding="utf-8") as rows:
        return sum(
            (
                Decimal(r["amount"])
                for r in csv.DictReader(rows)
                if int(r["school_year"]) == school_year
            ),
            Decimal(0),
        )


def allocation_build(*, district, files_dir: Path, school_year: int) -> list[AllocationScenario]:
    """Write the demo's two draft scenarios for ``school_year`` (call inside the demo
    build's transaction)."""
    pool = school_spending(files_dir, school_year).quantize(Decimal("0.01"))
    made = []
    for name, weights, notes in (
        (
            "Same total, spec weights",
            SPEC_WEIGHTS,
            "What the schools spent, shared by the equity audit's weighted pupil.",
        ),
        (
            "Same total, poverty weighs more",
            POVERTY_FIRST,
            "As the first, with twice the weight for poverty and a weight for homelessness.",
        ),
    ):
        scenario = AllocationScenario.objects.create(
            district=district,
            name=name,
            school_year=school_year,
            unit=AllocationScenario.Unit.DOLLARS,
            pool=pool,
            weights=weights,
            notes=notes,
        )
        audit_created(actor=None, district=district, obj=scenario)
        made.append(scenario)
    return made
