"""Authorization-matrix rows of the partners-and-community URLs, gathered by the matrix test.

The matrix objects, each built once per test (later calls find it):
- a partnership of the cast's partner (Riverside Youth Services) serving South One, with
  a tutoring service there;
- a mental-health need of South One (outside what the partner delivers) and a tutoring
  need of South One (inside it), and a tutoring need of North One.
"""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, Row, expect

CABINET = {"superintendent", "sysadmin"}
MANAGERS = CABINET | {"department_lead"}
COMMUNITY_MEMBERS = EVERYONE_SIGNED_IN - {"family"}
STAFF = EVERYONE_SIGNED_IN - {"partner", "family"}
# The matrix partnership serves South One: its principal, the South lead, the partner
# and the district-wide roles read it.
PARTNERSHIP_READERS = DISTRICT_WIDE | {"south_lead", "principal_south_1", "partner"}
PARTNERSHIP_LOGGERS = MANAGERS | {"partner"}


def post_only(reach: set[str]) -> dict:
    """A POST-only URL: GET answers 405 to those who reach it, 404 to the rest."""
    table = expect(set())
    table.update({p: 405 for p in reach})
    return table


def person(cast, name: str):
    return cast[name].people.get(district=cast.district)


def matrix_partnership(cast):
    """The cast partner's partnership at South One, with a tutoring service."""
    from districtwise.community.models import Partnership
    from tests import factories as f

    found = Partnership.objects.filter(district=cast.district, title="Matrix partnership")
    if found.exists():
        return found.get()
    partnership = f.PartnershipFactory(
        district=cast.district, partner=cast.partner, title="Matrix partnership"
    )
    partnership.schools.set([cast.south_1])
    f.PartnerServiceFactory(partnership=partnership, category="tutoring", name="Matrix tutoring")
    return partnership


def matrix_service(cast):
    return matrix_partnership(cast).services.get()


def matrix_school_need(cast, *, category: str = "tutoring", school: str = "south_1"):
    """A need of a cast school; South One's tutoring need is what the partner serves."""
    from districtwise.community.models import SchoolNeed
    from tests import factories as f

    at = getattr(cast, school)
    found = SchoolNeed.objects.filter(district=cast.district, school=at, category=category)
    return found.first() or f.SchoolNeedFactory(
        district=cast.district,
        school=at,
        category=category,
        recorded_by=cast["principal_south_1"],
    )


ROWS: dict[str, Row] = {
    "community:overview": (lambda c: reverse("community:overview"), expect(COMMUNITY_MEMBERS)),
}


# Each part appends its own rows below, in a fenced block:
# ---- partners ----
def matrix_partner(cast):
    """The cast's partner, read through the matrix partnership (South One)."""
    matrix_partnership(cast)
    return cast.partner


def matrix_contact(cast):
    from districtwise.community.models import PartnerContact

    found = PartnerContact.objects.filter(partner=cast.partner, name="Matrix contact").first()
    return found or PartnerContact.objects.create(partner=cast.partner, name="Matrix contact")


def matrix_agreement(cast):
    """The matrix partnership with an agreement document kept under DATA_DIR."""
    from pathlib import Path

    from django.conf import settings

    partnership = matrix_partnership(cast)
    if not partnership.agreement.name:
        target = Path(settings.DATA_DIR) / "partnerships" / "matrix-agreement"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"%PDF-1.4 matrix agreement")
        partnership.agreement.name = "partnerships/matrix-agreement"
        partnership.agreement_name = "agreement.pdf"
        partnership.save()
    return partnership


PARTNERSHIP_REVIEWERS = MANAGERS | {"partner"}


def _partnership_url(name: str, builder=matrix_partnership):
    return lambda c: reverse(f"community:{name}", args=[builder(c).pk])


def _writes(ok: set[str]) -> dict:
    return expect(ok, forbidden=PARTNERSHIP_READERS - ok)


ROWS.update(
    {
        "community:partners": (lambda c: reverse("community:partners"), expect(COMMUNITY_MEMBERS)),
        "community:partner_new": (lambda c: reverse("community:partner_new"), expect(MANAGERS)),
        "community:partner": (
            _partnership_url("partner", matrix_partner),
            expect(PARTNERSHIP_READERS),
        ),
        "community:partner_edit": (
            _partnership_url("partner_edit", matrix_partner),
            _writes(MANAGERS),
        ),
        "community:contact_new": (
            _partnership_url("contact_new", matrix_partner),
            _writes(MANAGERS),
        ),
        "community:contact_edit": (
            lambda c: (
                matrix_partnership(c),
                reverse("community:contact_edit", args=[matrix_contact(c).pk]),
            )[1],
            _writes(MANAGERS),
        ),
        "community:partnerships": (
            lambda c: reverse("community:partnerships"),
            expect(COMMUNITY_MEMBERS),
        ),
        "community:partnership_new": (
            lambda c: reverse("community:partnership_new"),
            expect(MANAGERS),
        ),
        "community:partnership_health": (
            lambda c: reverse("community:partnership_health"),
            expect(COMMUNITY_MEMBERS),
        ),
        "community:partnership": (_partnership_url("partnership"), expect(PARTNERSHIP_READERS)),
        "community:partnership_edit": (_partnership_url("partnership_edit"), _writes(MANAGERS)),
        "community:partnership_agreement": (
            _partnership_url("partnership_agreement", matrix_agreement),
            expect(PARTNERSHIP_READERS),
        ),
        "community:service_new": (_partnership_url("service_new"), _writes(MANAGERS)),
        "community:service_edit": (
            _partnership_url("service_edit", matrix_service),
            _writes(MANAGERS),
        ),
        "community:delivery_new": (_partnership_url("delivery_new"), _writes(PARTNERSHIP_LOGGERS)),
        "community:review_new": (_partnership_url("review_new"), _writes(PARTNERSHIP_REVIEWERS)),
    }
)
# ---- end partners ----
# ---- needs ----
# ---- end needs ----
# ---- surveys ----
# ---- end surveys ----
# ---- stakeholders ----
# ---- end stakeholders ----
