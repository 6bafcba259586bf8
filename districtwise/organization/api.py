"""REST endpoints of the organisation model."""

from __future__ import annotations

from django.http import Http404
from ninja import Router, Schema

from districtwise.organization import access, selectors

router = Router(tags=["organization"])


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


class NotFound(Schema):
    detail: str


@router.get("/district", response=DistrictOut, summary="The token's district")
def district_detail(request):
    return request.district


@router.get("/schools", response=list[SchoolOut], summary="Schools the token may see")
def school_list(request):
    return list(selectors.school_list(user=request.user, district=request.district))


@router.get("/schools/{school_id}", response={200: SchoolOut, 404: NotFound})
def school_detail(request, school_id: int):
    try:
        return access.get_school_for_user(request.user, request.district, school_id)
    except Http404:
        return 404, {"detail": "Not found"}


@router.get("/networks", response=list[NetworkOut], summary="Networks the token may see")
def network_list(request):
    return list(selectors.network_list(user=request.user, district=request.district))


@router.get("/departments", response=list[DepartmentOut])
def department_list(request):
    return list(selectors.department_list(user=request.user, district=request.district))


@router.get("/people", response=list[PersonOut], summary="Staff records the token may see")
def person_list(request, limit: int = 100, offset: int = 0):
    limit = max(1, min(limit, 500))
    offset = max(0, offset)
    people = selectors.person_list(user=request.user, district=request.district)
    return list(people[offset : offset + limit])


@router.get("/people/{person_id}", response={200: PersonOut, 404: NotFound})
def person_detail(request, person_id: int):
    try:
        return access.get_person_for_user(request.user, request.district, person_id)
    except Http404:
        return 404, {"detail": "Not found"}
