"""Authorization-matrix rows of the workload URLs, gathered by the matrix test."""

from __future__ import annotations

from django.urls import reverse

from tests.access_matrix import DISTRICT_WIDE, EVERYONE_SIGNED_IN, PEOPLE, Row, expect

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
# ---- area: tasks (the task audit and its redistribution) ----
# The audits, the starter list, "coming off" and the hours returned: every reader of
# principal workload (the outsider in their own district). A school's audit: district-wide
# roles, its network lead and its principal; only the principal writes it and decides its
# tasks (the others 403). The starter list is edited by the cabinet. "Coming to me" opens
# for anyone who may be named a task's new owner (not partners or families). Agreeing and
# moving a decision on are POSTs (tests/workload/test_tasks_decisions.py).
TASK_CABINET = {"superintendent", "sysadmin"}
NORTH_1_AUDIT_READERS = DISTRICT_WIDE | {"north_lead", "principal_north_1"}
NORTH_1_AUDIT_WRITE = expect(
    {"principal_north_1"}, forbidden=NORTH_1_AUDIT_READERS - {"principal_north_1"}
)
TASK_OWNER_READERS = EVERYONE_SIGNED_IN - {"partner", "family"}
POST_ONLY = {p: 405 for p in PEOPLE}


def north_1_decided_task(cast):
    """A task of North One's audit, proposed for the cast's department."""
    from tests import factories as f

    task = f.PrincipalTaskFactory(school=cast.north_1, name="Bus duty roster")
    f.TaskDecisionFactory(task=task, new_department=cast.department)
    return task


ROWS.update(
    {
        "workload:tasks": (lambda c: reverse("workload:tasks"), expect(WORKLOAD_READERS)),
        "workload:tasks_starter": (
            lambda c: reverse("workload:tasks_starter"),
            expect(WORKLOAD_READERS),
        ),
        "workload:tasks_starter_edit": (
            lambda c: reverse("workload:tasks_starter_edit"),
            expect(TASK_CABINET, forbidden=WORKLOAD_READERS - TASK_CABINET),
        ),
        "workload:tasks_school": (
            lambda c: reverse("workload:tasks_school", args=[c.north_1.pk]),
            expect(NORTH_1_AUDIT_READERS),
        ),
        "workload:tasks_school_edit": (
            lambda c: reverse("workload:tasks_school_edit", args=[c.north_1.pk]),
            NORTH_1_AUDIT_WRITE,
        ),
        "workload:tasks_decision": (
            lambda c: reverse("workload:tasks_decision", args=[north_1_decided_task(c).pk]),
            NORTH_1_AUDIT_WRITE,
        ),
        "workload:tasks_agree": (
            lambda c: reverse("workload:tasks_agree", args=[north_1_decided_task(c).pk]),
            POST_ONLY,
        ),
        "workload:tasks_progress": (
            lambda c: reverse("workload:tasks_progress", args=[north_1_decided_task(c).pk]),
            POST_ONLY,
        ),
        "workload:tasks_coming_off": (
            lambda c: (north_1_decided_task(c), reverse("workload:tasks_coming_off"))[1],
            expect(WORKLOAD_READERS),
        ),
        "workload:tasks_coming_to_me": (
            lambda c: (north_1_decided_task(c), reverse("workload:tasks_coming_to_me"))[1],
            expect(TASK_OWNER_READERS),
        ),
        "workload:tasks_hours_returned": (
            lambda c: (north_1_decided_task(c), reverse("workload:tasks_hours_returned"))[1],
            expect(WORKLOAD_READERS),
        ),
        "workload:tasks_hours_csv": (
            lambda c: reverse("workload:tasks_hours_csv"),
            expect(WORKLOAD_READERS),
        ),
    }
)


# ---- end area: tasks ----
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
