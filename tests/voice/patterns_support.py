"""What the patterns tests share: needs built by hand at chosen times."""

from __future__ import annotations

import datetime as dt

from tests import factories as f
from tests.access_matrix import person

PRINCIPALS = {
    "north_1": "principal_north_1",
    "north_2": "principal_north_2",
    "south_1": "principal_south_1",
}


def need(cast, school: str, *, days_ago: float = 1, now=None, **fields):
    """A need of ``school`` (north_1, north_2, south_1) raised ``days_ago`` days before
    ``now``, by the school's principal, routed to the cast's department unless told."""
    from django.utils import timezone

    raised_at = (now or timezone.now()) - dt.timedelta(days=days_ago)
    fields.setdefault("department", cast.department)
    return f.NeedFactory(
        district=cast.district,
        school=getattr(cast, school),
        raised_by=person(cast, PRINCIPALS[school]),
        raised_at=raised_at,
        due_at=raised_at + dt.timedelta(days=7),
        **fields,
    )
