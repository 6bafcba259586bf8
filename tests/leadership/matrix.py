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
# ---- end succession ----
# Keep the names the parts use importable from here.
__all__ = ["CABINET", "DISTRICT_WIDE", "PEOPLE", "ROWS", "STAFF", "expect", "person", "post_only"]
