"""Authorization-matrix rows of the workload URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, PEOPLE, Row, expect

SCHOOL_LEADERS = {"principal_north_1", "principal_north_2", "principal_south_1"}
WORKLOAD_READERS = DISTRICT_WIDE | {"north_lead", "south_lead", "outsider"} | SCHOOL_LEADERS

ROWS: dict[str, Row] = {
    "workload:overview": (lambda c: reverse("workload:overview"), expect(WORKLOAD_READERS)),
}


# ---- requests: the data-request registry ----
def district_request(cast):
    """An active request of the cast's department to every school, asking one field."""
    from districtwise.workload.models import DataRequest
    from tests import factories as f

    found = DataRequest.objects.filter(district=cast.district, title="Matrix request").first()
    if found:
        return found
    data_request = f.DataRequestFactory(department=cast.department, title="Matrix request")
    f.DataRequestLineFactory(request=data_request, field=request_field(cast))
    return data_request


def request_field(cast):
    """A field of the cast's district's vocabulary."""
    from districtwise.workload.models import RequestField
    from tests import factories as f

    found = RequestField.objects.filter(district=cast.district, name="Matrix field").first()
    return found or f.RequestFieldFactory(district=cast.district, name="Matrix field")


DATA_TEAM = {"superintendent", "data_steward", "sysadmin"}
SCHOOL_SIDE = {"north_lead", "south_lead"} | SCHOOL_LEADERS
POST_ONLY = {p: 405 for p in PEOPLE}

REQUESTS_ROWS: dict[str, Row] = {
    "workload:request_list": (lambda c: reverse("workload:request_list"), expect(WORKLOAD_READERS)),
    "workload:request_create": (
        lambda c: reverse("workload:request_create"),
        expect(DISTRICT_WIDE, forbidden=SCHOOL_SIDE | {"outsider"}),
    ),
    "workload:request_detail": (
        lambda c: reverse("workload:request_detail", args=[district_request(c).pk]),
        expect(DISTRICT_WIDE | SCHOOL_SIDE),
    ),
    "workload:request_edit": (
        lambda c: reverse("workload:request_edit", args=[district_request(c).pk]),
        expect(DISTRICT_WIDE, forbidden=SCHOOL_SIDE),
    ),
    "workload:request_line_map": (
        lambda c: reverse("workload:request_line_map", args=[district_request(c).pk, 1]),
        POST_ONLY,
    ),
    "workload:request_overlaps": (
        lambda c: reverse("workload:request_overlaps"),
        expect(DISTRICT_WIDE),
    ),
    "workload:request_consolidate": (lambda c: reverse("workload:request_consolidate"), POST_ONLY),
    "workload:request_fields": (
        lambda c: reverse("workload:request_fields"),
        expect(DISTRICT_WIDE),
    ),
    "workload:request_field_create": (
        lambda c: reverse("workload:request_field_create"),
        expect(DATA_TEAM, forbidden={"department_lead"}),
    ),
    "workload:request_field_edit": (
        lambda c: reverse("workload:request_field_edit", args=[request_field(c).pk]),
        expect(DATA_TEAM, forbidden={"department_lead"}),
    ),
    "workload:request_held": (lambda c: reverse("workload:request_held"), expect(DISTRICT_WIDE)),
    "workload:request_hours": (lambda c: reverse("workload:request_hours"), expect(DISTRICT_WIDE)),
    "workload:request_inbox": (
        lambda c: reverse("workload:request_inbox", args=[c.north_1.pk]),
        expect(DISTRICT_WIDE | {"north_lead", "principal_north_1"}),
    ),
}
ROWS.update(REQUESTS_ROWS)
# ---- end requests ----
