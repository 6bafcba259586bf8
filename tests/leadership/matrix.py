"""Authorization-matrix rows of the leadership URLs, gathered by the matrix test.

Each part defines its matrix objects in its own block (built once per test: later calls
find them). No person of the cast works in human resources (the cast's department is
Teaching and Learning), so succession reads to the superintendent and the supervising
network lead only; tests/leadership test the human-resources reader on their own.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, PEOPLE, Row, expect

CABINET = {"superintendent", "sysadmin"}
STAFF = EVERYONE_SIGNED_IN - {"partner", "family"}


def post_only(reach: set[str]) -> dict:
    """A POST-only URL: GET answers 405 to those who reach it, 404 to the rest."""
    table = expect(set())
    table.update({p: 405 for p in reach})
    return table


def person(cast, name: str):
    return cast[name].people.get(district=cast.district)


ROWS: dict[str, Row] = {
    "leadership:overview": (lambda c: reverse("leadership:overview"), expect(STAFF)),
}
# Each part appends its own rows below, in a fenced block:
# ---- assessment ----
# ---- end assessment ----
# ---- supervision ----
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
