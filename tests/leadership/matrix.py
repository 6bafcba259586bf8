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
# ---- end succession ----
# Keep the names the parts use importable from here.
__all__ = ["CABINET", "DISTRICT_WIDE", "PEOPLE", "ROWS", "STAFF", "expect", "person", "post_only"]
