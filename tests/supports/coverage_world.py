"""A small coverage world on the suite's cast, September 2025 (1-28, four weeks), with one
weekly PLC of at least 45 minutes for every teacher:

- Ada Brook (north_1, 5 years): four PLCs, meets (4 of 4).
- Ben Carter (north_1, new: 0 years): one PLC and one of 30 minutes, partial (1 of 4).
- Cleo Dunn (north_1, new: 1 year, hired 15 September): none (0 of 2).
- Dan Ellis (south_1, 3 years): two PLCs, partial (2 of 4).
"""

from __future__ import annotations

import datetime as dt

from districtwise.supports.models import CoverageRun, LogAttendee, Support
from districtwise.supports.services.coverage import coverage_compute
from tests import factories as f

PERIOD = (dt.date(2025, 9, 1), dt.date(2025, 9, 28))


def _teacher(cast, school, given, family, years, starts=dt.date(2025, 8, 18)):
    row = f.TeacherAssignmentFactory(
        school=school,
        teacher__given_name=given,
        teacher__family_name=family,
        years_experience=years,
        starts_on=starts,
    )
    return row.teacher


def _logs(support, school, teacher, days_minutes):
    for day, minutes in days_minutes:
        log = f.DeliveryLogFactory(
            school=school, support=support, delivered_on=dt.date(2025, 9, day), minutes=minutes
        )
        LogAttendee.objects.create(log=log, teacher=teacher)


def coverage_world(cast) -> CoverageRun:
    """The world above, computed once per test database (a stored run)."""
    found = CoverageRun.objects.filter(district=cast.district, status="succeeded").first()
    if found is not None:
        return found
    plc = Support.objects.filter(district=cast.district, code="coverage-plc").first()
    plc = plc or f.SupportFactory(
        district=cast.district,
        code="coverage-plc",
        name="Weekly PLC",
        owner_department=cast.department,
        min_minutes=45,
    )
    ada = _teacher(cast, cast.north_1, "Ada", "Brook", 5)
    ben = _teacher(cast, cast.north_1, "Ben", "Carter", 0)
    _teacher(cast, cast.north_1, "Cleo", "Dunn", 1, starts=dt.date(2025, 9, 15))
    dan = _teacher(cast, cast.south_1, "Dan", "Ellis", 3)
    _logs(plc, cast.north_1, ada, [(1, 45), (8, 45), (15, 60), (22, 45)])
    _logs(plc, cast.north_1, ben, [(1, 45), (8, 30)])
    _logs(plc, cast.south_1, dan, [(2, 45), (9, 45)])
    return coverage_compute(district=cast.district, actor=cast["superintendent"], period=PERIOD)


def teacher_at_north_1(cast):
    """Ben Carter, once the world is computed."""
    from districtwise.organization.models import Person

    coverage_world(cast)
    return Person.objects.get(district=cast.district, given_name="Ben", family_name="Carter")
