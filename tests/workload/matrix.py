"""Authorization-matrix rows of the workload URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, Row, expect

SCHOOL_LEADERS = {"principal_north_1", "principal_north_2", "principal_south_1"}
WORKLOAD_READERS = DISTRICT_WIDE | {"north_lead", "south_lead", "outsider"} | SCHOOL_LEADERS

ROWS: dict[str, Row] = {
    "workload:overview": (lambda c: reverse("workload:overview"), expect(WORKLOAD_READERS)),
}


# ---- time use ----
def principal_pk(cast, name: str = "principal_north_1") -> int:
    return cast[name].people.get().pk


TIME_OWNER = {"principal_north_1"}
TIME_SEERS = TIME_OWNER | {"north_lead"}  # the principal and their supervisor only
CABINET = {"superintendent", "sysadmin"}


def _time(name: str):
    return lambda c: reverse(f"workload:{name}", args=[principal_pk(c)])


ROWS |= {
    "workload:time_home": (lambda c: reverse("workload:time_home"), expect(WORKLOAD_READERS)),
    "workload:time_goal": (
        lambda c: reverse("workload:time_goal"),
        expect(CABINET, forbidden=WORKLOAD_READERS - CABINET),
    ),
    "workload:time_summary": (_time("time_summary"), expect(TIME_SEERS)),
    "workload:time_week": (_time("time_week"), expect(TIME_SEERS)),
    "workload:time_day": (_time("time_day"), expect(TIME_OWNER, forbidden={"north_lead"})),
    "workload:time_principal_goal": (
        _time("time_principal_goal"),
        expect({"north_lead"}, forbidden=TIME_OWNER),
    ),
}
# ---- end time use ----
