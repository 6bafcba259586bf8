"""REST endpoint of the equity audit: the tidy rows of one school year, scoped and
suppressed exactly like the pages (through ``selectors.audit_table``)."""

from __future__ import annotations

import math
from typing import Annotated, Literal

from ninja import Path, Query, Router, Schema, Status

from districtwise.analytics.equity.spec import DIMENSIONS, STATUSES, UNIT_TYPES
from districtwise.equity import selectors
from districtwise.organization.api import ERRORS, Message

router = Router(tags=["equity"])

UnitType = Literal[UNIT_TYPES]  # type: ignore[valid-type]
Dimension = Literal[DIMENSIONS]  # type: ignore[valid-type]
RowStatus = Literal[STATUSES]  # type: ignore[valid-type]


class TidyRow(Schema):
    """One figure of the audit (spec, "The tidy result"); empty figures are null, and every
    figure is null when ``status`` is ``suppressed``. Rates are fractions."""

    school_year: int
    unit_type: UnitType
    unit_id: str
    dimension: Dimension
    metric: str
    group_type: str
    group: str
    numerator: float | None
    denominator: float | None
    value: float | None
    comparison_value: float | None
    ratio: float | None
    status: RowStatus


@router.get(
    "/equity/{year}",
    response={200: list[TidyRow], 404: Message, **ERRORS},
    summary="The equity audit of one school year",
    description="One row per figure the token may see: district-wide roles see every unit, "
    "network leads their networks and schools, school staff their school, partners the "
    "schools they serve. Figures over fewer students than the district's minimum display n "
    "are suppressed unless the token's owner may see student records. The school year is "
    "named by the calendar year it ends in (2026 = 2025-26). 404 when the audit has no "
    "figures of that year the token may see.",
)
def equity_year(
    request,
    year: Annotated[int, Path(ge=1900, le=2200)],
    unit_type: UnitType | None = None,
    unit_id: Annotated[str | None, Query(max_length=40)] = None,
    dimension: Dimension | None = None,
):
    user, district = request.user, request.district
    if year not in selectors.audit_years(user=user, district=district):
        return Status(404, Message(detail="Not found"))
    table = selectors.audit_table(
        user=user,
        district=district,
        school_year=year,
        unit_type=unit_type,
        unit_id=unit_id,
        dimension=dimension,
    )
    if table.num_rows == 0 and unit_type is None and unit_id is None and dimension is None:
        return Status(404, Message(detail="Not found"))
    return [_clean(row) for row in table.to_pylist()]


def _clean(row: dict) -> dict:
    # NaN and infinity are not JSON; a missing figure is null.
    return {
        k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in row.items()
    }
