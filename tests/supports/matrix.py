"""Authorization-matrix rows of the supports URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import EVERYONE_SIGNED_IN, NORTH_1_SEERS, PEOPLE, Row, expect

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
