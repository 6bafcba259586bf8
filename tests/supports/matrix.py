"""Authorization-matrix rows of the supports URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import (
    DISTRICT_WIDE,
    EVERYONE_SIGNED_IN,
    NORTH_1_SEERS,
    PEOPLE,
    Row,
    expect,
)

CATALOGUE_READERS = EVERYONE_SIGNED_IN - {"partner", "family"}


def district_support(cast):
    """A support of the cast's district, owned by the cast's department."""
    from districtwise.supports.models import Support
    from tests import factories as f

    found = Support.objects.filter(district=cast.district, code="matrix-plc").first()
    return found or f.SupportFactory(
        district=cast.district, code="matrix-plc", owner_department=cast.department
    )


ROWS: dict[str, Row] = {
    "supports:overview": (lambda c: reverse("supports:overview"), expect(CATALOGUE_READERS)),
    "supports:support_detail": (
        lambda c: reverse("supports:support_detail", args=[district_support(c).pk]),
        # The outsider belongs to another district: the support is as good as absent.
        expect(CATALOGUE_READERS - {"outsider"}),
    ),
}

# ---- coverage ----
COVERAGE_READERS = DISTRICT_WIDE | {
    "north_lead",
    "south_lead",
    "principal_north_1",
    "principal_north_2",
    "principal_south_1",
    "coach_north_1",
}
# Teacher rows of north_1: its principal, its network lead, district-wide roles; the coach
# reads the school's aggregates only.
NORTH_1_TEACHER_SEERS = NORTH_1_SEERS - {"coach_north_1"}


def _coverage(name: str, target=None):
    def build(cast) -> str:
        from tests.supports.coverage_world import coverage_world, teacher_at_north_1

        coverage_world(cast)
        if target == "school":
            return reverse(name, args=[cast.north_1.pk])
        if target == "teacher":
            return reverse(name, args=[teacher_at_north_1(cast).pk])
        return reverse(name)

    return build


ROWS.update(
    {
        # The outsider reads the coverage of their own district (nothing of the cast's).
        "supports:coverage": (
            _coverage("supports:coverage"),
            expect(COVERAGE_READERS | {"outsider"}),
        ),
        "supports:coverage_compute": (
            _coverage("supports:coverage_compute"),
            {p: 405 for p in PEOPLE},
        ),
        "supports:coverage_school": (
            _coverage("supports:coverage_school", "school"),
            expect(NORTH_1_SEERS),
        ),
        "supports:coverage_school_export": (
            _coverage("supports:coverage_school_export", "school"),
            expect(NORTH_1_TEACHER_SEERS, forbidden={"coach_north_1"}),
        ),
        "supports:coverage_teacher": (
            _coverage("supports:coverage_teacher", "teacher"),
            expect(NORTH_1_TEACHER_SEERS, forbidden={"coach_north_1"}),
        ),
    }
)
# ---- end coverage ----
