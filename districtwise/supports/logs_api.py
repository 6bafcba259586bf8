"""REST endpoints of delivery logs: send one log (the same checks as the page) and read a
school's logs, scoped exactly like the pages."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja import Field, Query, Router, Schema, Status

from districtwise.organization.api import ERRORS, MAX_ID, NOT_FOUND, Message
from districtwise.organization.models import Person
from districtwise.supports import access, selectors
from districtwise.supports.models import DeliveryLog
from districtwise.supports.selectors import logs as log_selectors
from districtwise.supports.services import logs as log_services

router = Router(tags=["supports"])
LIST_MAX = 5000


class LogIn(Schema):
    """One delivery: the support by its code, the school by its id, people by staff_id."""

    support: str = Field(max_length=40)
    school: int = Field(ge=1, le=MAX_ID)
    date: dt.date
    minutes: int = Field(ge=-32768, le=32767)
    teachers: list[Annotated[str, Field(max_length=40)]] = Field(max_length=500)
    delivered_by: str | None = Field(default=None, max_length=40)
    notes: str = Field(default="", max_length=10000)
    feedback_on: dt.date | None = None


class LogOut(Schema):
    id: int
    support: str
    school: int
    date: dt.date
    minutes: int
    teachers: list[str]
    delivered_by: str | None
    notes: str
    feedback_on: dt.date | None
    source: str


def _out(log: DeliveryLog) -> dict:
    return {
        "id": log.pk,
        "support": log.support.code,
        "school": log.school_id,
        "date": log.delivered_on,
        "minutes": log.minutes,
        "teachers": sorted(t.staff_id or str(t.pk) for t in log.teachers.all()),
        "delivered_by": log.delivered_by.staff_id if log.delivered_by else None,
        "notes": log.notes,
        "feedback_on": log.feedback_on,
        "source": log.source,
    }


def _problems(found: dict[str, list[str]]) -> Status:
    detail = [
        {"loc": ["body", "payload", name], "msg": message, "type": "value_error"}
        for name, messages in found.items()
        for message in messages
    ]
    return Status(422, {"detail": detail})


def _entry(request, school, body: LogIn) -> log_services.LogEntry:
    """The log in the service's words; unknown codes raise ``ValidationError`` by field."""
    district = request.district
    support = selectors.support_list(user=request.user, district=district).filter(code=body.support)
    ids = {*body.teachers, *([body.delivered_by] if body.delivered_by else [])}
    people = {p.staff_id: p for p in Person.objects.filter(district=district, staff_id__in=ids)}
    problems: dict[str, list[str]] = {}
    if not support.exists():
        problems["support"] = [f"No current support has the code {body.support!r}."]
    unknown = [s for s in body.teachers if s not in people]
    if unknown:
        problems["teachers"] = [f"No person has the staff_id {s!r}." for s in unknown]
    if body.delivered_by and body.delivered_by not in people:
        problems["delivered_by"] = [f"No person has the staff_id {body.delivered_by!r}."]
    if problems:
        raise ValidationError(problems)
    return log_services.LogEntry(
        support=support.get(),
        school=school,
        delivered_on=body.date,
        minutes=body.minutes,
        teachers=tuple(people[s] for s in dict.fromkeys(body.teachers)),
        delivered_by=people.get(body.delivered_by or ""),
        notes=body.notes,
        feedback_on=body.feedback_on,
    )


@router.post(
    "/supports/logs",
    response={201: LogOut, 400: Message, 403: Message, 404: Message, **ERRORS},
    summary="Log one delivery of a support",
    description="The same checks as the log page: a date not in the future and inside a "
    "school year, positive minutes, at least one teacher, every teacher on the school's "
    "roster that day, a deliverer of the school or of a central-office department. 422 lists "
    "every problem by field and nothing is saved; 400 a body that is not JSON. 404 for a "
    "school the token may not see, "
    "403 for one it reads but may not log at (only the school's leaders, coaches and "
    "teacher leaders log).",
)
def log_create(request, payload: LogIn):
    try:
        school = access.get_school_for_logging(request.user, request.district, payload.school)
    except Http404:
        return NOT_FOUND
    except PermissionDenied as denied:
        return Status(403, Message(detail=str(denied)))
    try:
        entry = _entry(request, school, payload)
        log = log_services.log_create(
            actor=request.user, district=request.district, entry=entry, source="api"
        )
    except ValidationError as refused:
        return _problems(refused.message_dict)
    return Status(201, _out(log))


@router.get(
    "/supports/logs",
    response={200: list[LogOut], 404: Message, **ERRORS},
    summary="Delivery logs of a school",
    description="The logs of one school (by id) the token may see, newest first, from "
    f"``since`` on (at most {LIST_MAX}). 404 for a school the token may not see.",
)
def log_list(
    request,
    school: Annotated[int, Query(ge=1, le=MAX_ID)],
    since: dt.date | None = None,
):
    try:
        found = access.get_school_for_user(request.user, request.district, school)
    except Http404:
        return NOT_FOUND
    logs = log_selectors.school_logs(
        user=request.user, district=request.district, school=found, since=since
    ).select_related("support", "delivered_by")
    return [_out(log) for log in logs[:LIST_MAX]]
