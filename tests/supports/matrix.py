"""Authorization-matrix rows of the supports URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import EVERYONE_SIGNED_IN, Row, expect

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
