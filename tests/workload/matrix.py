"""Authorization-matrix rows of the workload URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, Row, expect

SCHOOL_LEADERS = {"principal_north_1", "principal_north_2", "principal_south_1"}
WORKLOAD_READERS = DISTRICT_WIDE | {"north_lead", "south_lead", "outsider"} | SCHOOL_LEADERS

ROWS: dict[str, Row] = {
    "workload:overview": (lambda c: reverse("workload:overview"), expect(WORKLOAD_READERS)),
}
