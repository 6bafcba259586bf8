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

# ---- logs ----
NORTH_1_LOGGERS = {"principal_north_1", "coach_north_1"}
NORTH_1_LEADERS = {"principal_north_1"}


def _north_1(cast):
    from tests.supports.logs_fixtures import north_1

    return north_1(cast)


# ---- end logs ----

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
    # ---- logs ----
    "supports:log_schools": (lambda c: reverse("supports:log_schools"), expect(CATALOGUE_READERS)),
    "supports:school_logs": (
        lambda c: reverse("supports:school_logs", args=[c.north_1.pk]),
        expect(NORTH_1_SEERS),
    ),
    "supports:log_create": (
        lambda c: reverse("supports:log_create", args=[c.north_1.pk]),
        expect(NORTH_1_LOGGERS, forbidden=NORTH_1_SEERS - NORTH_1_LOGGERS),
    ),
    "supports:log_import": (
        lambda c: reverse("supports:log_import", args=[c.north_1.pk]),
        expect(NORTH_1_LOGGERS, forbidden=NORTH_1_SEERS - NORTH_1_LOGGERS),
    ),
    "supports:log_edit": (
        lambda c: reverse("supports:log_edit", args=[c.north_1.pk, _north_1(c).log.pk]),
        expect(NORTH_1_LOGGERS, forbidden=NORTH_1_SEERS - NORTH_1_LOGGERS),
    ),
    "supports:log_delete": (
        lambda c: reverse("supports:log_delete", args=[c.north_1.pk, _north_1(c).log.pk]),
        expect(NORTH_1_LOGGERS, forbidden=NORTH_1_SEERS - NORTH_1_LOGGERS),
    ),
    "supports:school_groups": (
        lambda c: reverse("supports:school_groups", args=[c.north_1.pk]),
        expect(NORTH_1_SEERS),
    ),
    "supports:group_delete": (
        lambda c: reverse("supports:group_delete", args=[c.north_1.pk, _north_1(c).group.pk]),
        {p: 405 for p in PEOPLE},
    ),
    "supports:school_roster": (
        lambda c: reverse("supports:school_roster", args=[c.north_1.pk]),
        expect(NORTH_1_SEERS),
    ),
    "supports:roster_add": (
        lambda c: reverse("supports:roster_add", args=[c.north_1.pk]),
        expect(NORTH_1_LEADERS, forbidden=NORTH_1_SEERS - NORTH_1_LEADERS),
    ),
    "supports:assignment_edit": (
        lambda c: reverse("supports:assignment_edit", args=[c.north_1.pk, _north_1(c).ada_row.pk]),
        expect(NORTH_1_LEADERS, forbidden=NORTH_1_SEERS - NORTH_1_LEADERS),
    ),
    # ---- end logs ----
}


# ---- adaptations: the catalogue editor and the schools' adaptations ----
from tests.access_matrix import NORTH_1_SEERS  # noqa: E402

SUPPORT_EDITORS = {"superintendent", "sysadmin", "department_lead"}
SCHOOL_PAGE_READERS = EVERYONE_SIGNED_IN - {"partner", "family"}


def north_1_adaptation(cast):
    """A submitted adaptation of the matrix support at north_1."""
    from districtwise.supports.models import Adaptation

    support = district_support(cast)
    found = Adaptation.objects.filter(school=cast.north_1, support=support).first()
    return found or Adaptation.objects.create(
        district=cast.district,
        school=cast.north_1,
        support=support,
        status=Adaptation.Status.SUBMITTED,
        occurrences=1,
        period="week",
        minutes=45,
        delivered_by=["teacher"],
    )


ROWS.update(
    {
        "supports:support_new": (
            lambda c: reverse("supports:support_new"),
            expect(SUPPORT_EDITORS, forbidden=CATALOGUE_READERS - SUPPORT_EDITORS),
        ),
        "supports:support_edit": (
            lambda c: reverse("supports:support_edit", args=[district_support(c).pk]),
            expect(SUPPORT_EDITORS, forbidden=CATALOGUE_READERS - SUPPORT_EDITORS - {"outsider"}),
        ),
        "supports:support_retire": (
            lambda c: reverse("supports:support_retire", args=[district_support(c).pk]),
            {p: 405 for p in expect(set())},
        ),
        "supports:school_supports": (
            lambda c: reverse("supports:school_supports", args=[c.north_1.pk]),
            expect(NORTH_1_SEERS),
        ),
        "supports:adaptation_edit": (
            lambda c: reverse(
                "supports:adaptation_edit", args=[c.north_1.pk, district_support(c).pk]
            ),
            expect({"principal_north_1"}, forbidden=NORTH_1_SEERS - {"principal_north_1"}),
        ),
        "supports:adaptation_history": (
            lambda c: reverse(
                "supports:adaptation_history", args=[c.north_1.pk, district_support(c).pk]
            ),
            expect(NORTH_1_SEERS),
        ),
        "supports:adaptation_submit": (
            lambda c: reverse("supports:adaptation_submit", args=[north_1_adaptation(c).pk]),
            {p: 405 for p in expect(set())},
        ),
        "supports:adaptation_review": (
            lambda c: reverse("supports:adaptation_review", args=[north_1_adaptation(c).pk]),
            expect(
                {"superintendent", "sysadmin", "north_lead"},
                forbidden={"department_lead", "data_steward", "principal_north_1", "coach_north_1"},
            ),
        ),
        "supports:adaptation_queue": (
            lambda c: reverse("supports:adaptation_queue"),
            expect(SCHOOL_PAGE_READERS),
        ),
    }
)
# ---- end adaptations ----


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
