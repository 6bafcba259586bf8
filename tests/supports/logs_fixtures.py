"""Small hand-built objects of the delivery-log tests, at the cast's school north_1: the
school year 2025-26, a PLC support, three teachers on the roster, a log and a group."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from districtwise.organization.models import Person, SchoolYear
from districtwise.supports.models import DeliveryLog, Support, TeacherAssignment, TeacherGroup
from tests import factories as f

YEAR_START = dt.date(2025, 8, 18)
A_MONDAY = dt.date(2025, 10, 6)


@dataclass
class North1:
    plc: Support
    observation: Support
    ada: Person
    ben: Person
    cy: Person  # hired mid-year: on the roster from 2026-01-12
    log: DeliveryLog
    group: TeacherGroup
    ada_row: TeacherAssignment


def school_year(district) -> SchoolYear:
    year, _ = SchoolYear.objects.get_or_create(
        district=district,
        year=2026,
        defaults={"starts_on": YEAR_START, "ends_on": dt.date(2026, 6, 12), "is_current": True},
    )
    return year


def _teacher(cast, given: str, staff_id: str, starts: dt.date, years: int = 5):
    found = Person.objects.filter(district=cast.district, staff_id=staff_id).first()
    if found:
        return found, TeacherAssignment.objects.get(teacher=found, school=cast.north_1)
    row = f.TeacherAssignmentFactory(
        school=cast.north_1,
        teacher__given_name=given,
        teacher__family_name="Teacher",
        teacher__staff_id=staff_id,
        starts_on=starts,
        years_experience=years,
    )
    return row.teacher, row


def north_1(cast) -> North1:
    """The log-test objects of north_1, built once per database state."""
    school_year(cast.district)
    plc = Support.objects.filter(district=cast.district, code="logs-plc").first() or (
        f.SupportFactory(
            district=cast.district, code="logs-plc", name="PLC", owner_department=cast.department
        )
    )
    observation = Support.objects.filter(district=cast.district, code="logs-obs").first() or (
        f.SupportFactory(
            district=cast.district,
            code="logs-obs",
            name="Observation",
            kind="observation",
            owner_department=cast.department,
        )
    )
    ada, ada_row = _teacher(cast, "Ada", "LT-ADA", YEAR_START)
    ben, _ = _teacher(cast, "Ben", "LT-BEN", YEAR_START, years=1)
    cy, _ = _teacher(cast, "Cy", "LT-CY", dt.date(2026, 1, 12), years=0)
    log = DeliveryLog.objects.filter(school=cast.north_1, support=plc).first()
    if log is None:
        log = f.DeliveryLogFactory(school=cast.north_1, support=plc, delivered_on=A_MONDAY)
        log.attendees.create(teacher=ada)
    group = TeacherGroup.objects.filter(school=cast.north_1, name="Grade 3 team").first()
    if group is None:
        group = TeacherGroup.objects.create(
            district=cast.district, school=cast.north_1, support=plc, name="Grade 3 team"
        )
        group.members.set([ada, ben])
    return North1(plc, observation, ada, ben, cy, log, group, ada_row)
