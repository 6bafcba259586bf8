"""REST endpoints of the organisation model."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import Http404
from ninja import Path, Query, Router, Schema, Status

from districtwise.organization import access, selectors

router = Router(tags=["organization"])

# Ids are positive 64-bit database keys (BigAutoField). The schema says so, and an id or
# offset outside that range is a 422 like any malformed one instead of reaching the database.
MAX_ID = 2**63 - 1
PERSON_PAGE_MAX = 500


class DistrictOut(Schema):
    id: int
    code: str
    name: str


class NetworkOut(Schema):
    id: int
    code: str
    name: str


class SchoolOut(Schema):
    id: int
    code: str
    name: str
    level: str
    grade_low: str
    grade_high: str
    title_i: bool | None
    network_id: int | None


class DepartmentOut(Schema):
    id: int
    code: str
    name: str
    domain: str


class PersonOut(Schema):
    id: int
    given_name: str
    family_name: str
    title: str
    school_id: int | None
    department_id: int | None


class Message(Schema):
    """401 (no valid token) and 404 (absent, or not visible to the token: the same answer)."""

    detail: str


class ValidationErrors(Schema):
    """422: a parameter is malformed or out of range."""

    detail: list[dict[str, Any]]


# Every operation needs a token; every one may meet a malformed request.
ERRORS: dict[int, Any] = {401: Message, 422: ValidationErrors}
NOT_FOUND = Status(404, Message(detail="Not found"))


@router.get("/district", response={200: DistrictOut, **ERRORS}, summary="The token's district")
def district_detail(request):
    return request.district


@router.get(
    "/schools", response={200: list[SchoolOut], **ERRORS}, summary="Schools the token may see"
)
def school_list(request):
    return list(selectors.school_list(user=request.user, district=request.district))


@router.get("/schools/{school_id}", response={200: SchoolOut, 404: Message, **ERRORS})
def school_detail(request, school_id: Annotated[int, Path(ge=1, le=MAX_ID)]):
    try:
        return access.get_school_for_user(request.user, request.district, school_id)
    except Http404:
        return NOT_FOUND


@router.get(
    "/networks", response={200: list[NetworkOut], **ERRORS}, summary="Networks the token may see"
)
def network_list(request):
    return list(selectors.network_list(user=request.user, district=request.district))


@router.get("/departments", response={200: list[DepartmentOut], **ERRORS})
def department_list(request):
    return list(selectors.department_list(user=request.user, district=request.district))


@router.get(
    "/people", response={200: list[PersonOut], **ERRORS}, summary="Staff records the token may see"
)
def person_list(
    request,
    limit: Annotated[int, Query(ge=1, le=PERSON_PAGE_MAX)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_ID)] = 0,
):
    # The id breaks ties between namesakes, so that pages neither repeat nor skip anyone.
    people = selectors.person_list(user=request.user, district=request.district).order_by(
        "family_name", "given_name", "id"
    )
    return list(people[offset : offset + limit])


@router.get("/people/{person_id}", response={200: PersonOut, 404: Message, **ERRORS})
def person_detail(request, person_id: Annotated[int, Path(ge=1, le=MAX_ID)]):
    try:
        return access.get_person_for_user(request.user, request.district, person_id)
    except Http404:
        return NOT_FOUND
