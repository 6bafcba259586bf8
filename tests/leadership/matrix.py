"""Authorization-matrix rows of the leadership URLs, gathered by the matrix test.

Each part defines its matrix objects in its own block (built once per test: later calls
find them). No person of the cast works in human resources (the cast's department is
Teaching and Learning), so succession reads to the superintendent and the supervising
network lead only; tests/leadership test the human-resources reader on their own.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import (
    DISTRICT_WIDE,
    EVERYONE_SIGNED_IN,
    PEOPLE,
    Row,
    expect,
    person,
    post_only,
)

CABINET = {"superintendent", "sysadmin"}
STAFF = EVERYONE_SIGNED_IN - {"partner", "family"}


ROWS: dict[str, Row] = {
    "leadership:overview": (lambda c: reverse("leadership:overview"), expect(STAFF)),
}
# Each part appends its own rows below, in a fenced block:
# ---- assessment ----
# The matrix self-assessment: North One's leadership team, with North One's principal and
# its coach as members, open for answers. The team reads every answer; North One's other
# readers (its network lead, the district-wide roles) read the aggregates only.
ASSESSMENT_MEMBERS = {"principal_north_1", "coach_north_1"}
ASSESSMENT_READERS = DISTRICT_WIDE | {"north_lead"} | ASSESSMENT_MEMBERS
# The outsider leads a school of their own district: they start and summarise there.
ASSESSMENT_STARTERS = CABINET | {
    "outsider",
    "department_lead",
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
}
SUMMARY_READERS = DISTRICT_WIDE | {
    "outsider",
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
}


def matrix_assessment(cast):
    """North One's leadership team's open self-assessment (principal and coach)."""
    from districtwise.leadership.models import Assessment
    from tests import factories as f

    found = Assessment.objects.filter(district=cast.district, title="Matrix self-assessment")
    if found.exists():
        return found.get()
    return f.AssessmentFactory(
        district=cast.district,
        school=cast.north_1,
        title="Matrix self-assessment",
        members=[person(cast, "principal_north_1"), person(cast, "coach_north_1")],
    )


def _assessment_url(name: str):
    return lambda c: reverse(name, args=[matrix_assessment(c).pk])


def _members_only(*, members_get: int) -> dict:
    """A page for the team's members: the other readers get 403, everyone else 404."""
    table = expect(set(), forbidden=ASSESSMENT_READERS - ASSESSMENT_MEMBERS)
    table.update({p: members_get for p in ASSESSMENT_MEMBERS})
    return table


ROWS.update(
    {
        "leadership:assessments": (lambda c: reverse("leadership:assessments"), expect(STAFF)),
        "leadership:assessment_new": (
            lambda c: reverse("leadership:assessment_new"),
            expect(ASSESSMENT_STARTERS),
        ),
        "leadership:assessment_summary": (
            lambda c: reverse("leadership:assessment_summary"),
            expect(SUMMARY_READERS),
        ),
        "leadership:assessment": (
            _assessment_url("leadership:assessment"),
            expect(ASSESSMENT_READERS),
        ),
        "leadership:assessment_answer": (
            _assessment_url("leadership:assessment_answer"),
            _members_only(members_get=200),
        ),
        "leadership:assessment_close": (
            _assessment_url("leadership:assessment_close"),
            _members_only(members_get=405),
        ),
        "leadership:assessment_plan": (
            _assessment_url("leadership:assessment_plan"),
            expect(ASSESSMENT_READERS),
        ),
    }
)
# ---- end assessment ----
# ---- supervision ----
SUPERVISION_LEADS = CABINET | {"north_lead", "south_lead"}
SUPERVISED_PRINCIPALS = {"principal_north_1", "principal_north_2", "principal_south_1"}
# Who keeps principal_north_1's records: the cabinet and the North network's lead.
NORTH_1_KEEPERS = CABINET | {"north_lead"}


def north_1_visit(cast):
    """A planned visit of the north lead to North One's principal."""
    import datetime as dt

    from districtwise.leadership.models import SchoolVisit

    found, _ = SchoolVisit.objects.get_or_create(
        district=cast.district,
        school=cast.north_1,
        principal=person(cast, "principal_north_1"),
        defaults={
            "supervisor": person(cast, "north_lead"),
            "visit_on": dt.date(2026, 3, 10),
            "focus": "instruction",
        },
    )
    return found


def north_1_goal(cast):
    """An active growth goal of North One's principal."""
    from districtwise.leadership.models import GrowthGoal

    found, _ = GrowthGoal.objects.get_or_create(
        district=cast.district,
        principal=person(cast, "principal_north_1"),
        school=cast.north_1,
        defaults={"school_year": 2026, "goal": "Matrix goal", "area": "learning"},
    )
    return found


def north_1_principal(cast) -> int:
    return person(cast, "principal_north_1").pk


ROWS.update(
    {
        "leadership:caseload": (
            lambda c: reverse("leadership:caseload"),
            expect(SUPERVISION_LEADS),
        ),
        "leadership:principal": (
            lambda c: reverse("leadership:principal", args=[north_1_principal(c)]),
            expect(NORTH_1_KEEPERS | {"principal_north_1"}),
        ),
        "leadership:goal_new": (
            lambda c: reverse("leadership:goal_new", args=[north_1_principal(c)]),
            expect(NORTH_1_KEEPERS, forbidden={"principal_north_1"}),
        ),
        "leadership:visit_new": (
            lambda c: reverse("leadership:visit_new"),
            expect(SUPERVISION_LEADS),
        ),
        "leadership:visit_edit": (
            lambda c: reverse("leadership:visit_edit", args=[north_1_visit(c).pk]),
            expect(NORTH_1_KEEPERS, forbidden={"principal_north_1"}),
        ),
        "leadership:visit_complete": (
            lambda c: reverse("leadership:visit_complete", args=[north_1_visit(c).pk]),
            expect(NORTH_1_KEEPERS, forbidden={"principal_north_1"}),
        ),
        "leadership:goal_edit": (
            lambda c: reverse("leadership:goal_edit", args=[north_1_goal(c).pk]),
            expect(NORTH_1_KEEPERS, forbidden={"principal_north_1"}),
        ),
        "leadership:goal_note": (
            lambda c: reverse("leadership:goal_note", args=[north_1_goal(c).pk]),
            expect(NORTH_1_KEEPERS | {"principal_north_1"}),
        ),
        # Principals read their own visits on the calendar; the outsider, a principal of
        # another district, reads their own district's.
        "leadership:visit_calendar": (
            lambda c: reverse("leadership:visit_calendar"),
            expect(SUPERVISION_LEADS | SUPERVISED_PRINCIPALS | {"outsider"}),
        ),
        "leadership:my_development": (
            lambda c: reverse("leadership:my_development"),
            expect(SUPERVISED_PRINCIPALS | {"outsider"}),
        ),
    }
)
# ---- end supervision ----
# ---- succession ----
# Succession reads to the superintendent and the supervising network lead (human
# resources is tested in tests/leadership/test_succession_access.py); the matrix position
# is North One's principal post, held by its principal, with the North One coach as a
# candidate. Teacher-leader roles read to the district-wide roles, the network leads and
# the school's leaders; the matrix role is the coach's at North One.
SUCCESSION_READERS = {"superintendent", "north_lead", "south_lead"}
NORTH_SUCCESSION = {"superintendent", "north_lead"}
TEACHER_LEADER_READERS = DISTRICT_WIDE | {
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
    "outsider",  # a principal: reads their own district's roles
}
TEACHER_LEADER_KEEPERS = CABINET | {
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
    "outsider",
}


def matrix_position(cast):
    """North One's principal post, held by its principal, with the coach as a candidate."""
    import datetime as dt

    from districtwise.leadership.models import Candidate, KeyPosition

    found = KeyPosition.objects.filter(district=cast.district, title="Matrix principal post")
    if found.exists():
        return found.get()
    position = KeyPosition.objects.create(
        district=cast.district,
        kind="principal",
        title="Matrix principal post",
        school=cast.north_1,
        incumbent=person(cast, "principal_north_1"),
        incumbent_since=dt.date(2019, 8, 1),
        departure_reason="retirement_eligible",
        departure_likelihood="possible",
    )
    Candidate.objects.create(
        position=position, person=person(cast, "coach_north_1"), readiness="one_to_two_years"
    )
    return position


def matrix_candidate(cast):
    return matrix_position(cast).candidates.get()


def matrix_teacher_leader_role(cast):
    """The North One coach's coaching role this year."""
    from districtwise.leadership.models import TeacherLeaderRole

    coach = person(cast, "coach_north_1")
    found = TeacherLeaderRole.objects.filter(district=cast.district, person=coach)
    return found.first() or TeacherLeaderRole.objects.create(
        district=cast.district,
        school=cast.north_1,
        person=coach,
        kind="coach",
        hours_per_week=10,
        school_year=2026,
    )


ROWS.update(
    {
        "leadership:succession": (
            lambda c: reverse("leadership:succession"),
            expect(SUCCESSION_READERS),
        ),
        "leadership:position_new": (
            lambda c: reverse("leadership:position_new"),
            expect(SUCCESSION_READERS),
        ),
        "leadership:position": (
            lambda c: reverse("leadership:position", args=[matrix_position(c).pk]),
            expect(NORTH_SUCCESSION),
        ),
        "leadership:position_edit": (
            lambda c: reverse("leadership:position_edit", args=[matrix_position(c).pk]),
            expect(NORTH_SUCCESSION),
        ),
        "leadership:candidate_new": (
            lambda c: reverse("leadership:candidate_new", args=[matrix_position(c).pk]),
            expect(NORTH_SUCCESSION),
        ),
        "leadership:candidate_edit": (
            lambda c: reverse("leadership:candidate_edit", args=[matrix_candidate(c).pk]),
            expect(NORTH_SUCCESSION),
        ),
        "leadership:candidate_remove": (
            lambda c: reverse("leadership:candidate_remove", args=[matrix_candidate(c).pk]),
            post_only(NORTH_SUCCESSION),
        ),
        "leadership:pipeline": (
            lambda c: (matrix_position(c), reverse("leadership:pipeline"))[1],
            expect(SUCCESSION_READERS),
        ),
        "leadership:teacher_leaders": (
            lambda c: (matrix_teacher_leader_role(c), reverse("leadership:teacher_leaders"))[1],
            expect(TEACHER_LEADER_READERS),
        ),
        "leadership:teacher_leader_new": (
            lambda c: reverse("leadership:teacher_leader_new"),
            expect(
                TEACHER_LEADER_KEEPERS, forbidden=TEACHER_LEADER_READERS - TEACHER_LEADER_KEEPERS
            ),
        ),
        "leadership:teacher_leader_edit": (
            lambda c: reverse(
                "leadership:teacher_leader_edit", args=[matrix_teacher_leader_role(c).pk]
            ),
            expect(
                CABINET | {"principal_north_1"},
                forbidden={"department_lead", "data_steward", "north_lead"},
            ),
        ),
    }
)
# ---- end succession ----
# Keep the names the parts use importable from here.
__all__ = ["CABINET", "DISTRICT_WIDE", "PEOPLE", "ROWS", "STAFF", "expect", "person", "post_only"]
