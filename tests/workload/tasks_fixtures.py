"""Small hand-built pieces for the task-audit tests: a starter list and the POST of the
audit page."""

from __future__ import annotations

from decimal import Decimal

from tests import factories as f


def starter_list(cast):
    """Three starter tasks of the cast's district: 5 h a week, 80 h a year, 3 h a week."""
    common = {"school": None, "district": cast.district}
    return [
        f.PrincipalTaskFactory(
            **common, name="Lunch supervision", category="operations", position=1,
            hours=Decimal("5"), hours_per_week=Decimal("5"),
        ),
        f.PrincipalTaskFactory(
            **common, name="Budget preparation", category="budget", position=2,
            hours=Decimal("80"), hours_unit="year", hours_per_week=Decimal("2"),
        ),
        f.PrincipalTaskFactory(
            **common, name="Classroom walkthroughs", category="instructional", position=3,
            hours=Decimal("3"), hours_per_week=Decimal("3"),
        ),
    ]  # fmt: skip


def row(**values) -> dict:
    """A row of the audit page, ticked, weekly, asked by the school, unless said."""
    base = {"keep": "on", "name": "", "category": "", "hours": "", "hours_unit": "week"}
    return base | {"requested_by": "school", "frequency": "weekly"} | values


def audit_post(rows: list[dict]) -> dict:
    """The formset POST of the audit page (prefix ``task``)."""
    data = {
        "task-TOTAL_FORMS": str(len(rows)),
        "task-INITIAL_FORMS": "0",
        "task-MIN_NUM_FORMS": "0",
        "task-MAX_NUM_FORMS": "1000",
    }
    for i, values in enumerate(rows):
        for key, value in values.items():
            if key == "keep" and not value:
                continue
            data[f"task-{i}-{key}"] = "" if value is None else str(value)
    return data
