"""Creating a log-in together with its person record and role (used by the CLI)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.roles import SCOPE_OF_ROLE, Role, ScopeKind
from districtwise.core.services import membership_create, user_account_create
from districtwise.organization.models import Department, District, Network, Partner, Person, School


def _scope_object(district: District, kind: str, key: str) -> dict:
    lookups: dict[str, tuple[str, Any]] = {
        ScopeKind.SCHOOL: ("school", School.objects.filter(district=district, code=key)),
        ScopeKind.NETWORK: ("network", Network.objects.filter(district=district, code=key)),
        ScopeKind.DEPARTMENT: (
            "department",
            Department.objects.filter(district=district, code=key),
        ),
        ScopeKind.PARTNER: ("partner", Partner.objects.filter(district=district, name=key)),
    }
    if kind not in lookups:
        if key:
            raise ValidationError("This role is held in the whole district: leave --scope out.")
        return {}
    field, found = lookups[kind]
    match = found.first()
    if match is None:
        raise ValidationError(f"No {field} {key!r} in district {district.code}.")
    return {field: match}


@transaction.atomic
def account_with_role_create(
    *,
    username: str,
    password: str | None,
    email: str,
    district_code: str,
    role: str,
    scope: str,
    given_name: str,
    family_name: str,
) -> Person:
    """Create user, person and membership together, or nothing at all."""
    if role not in Role.values:
        raise ValidationError(f"Unknown role {role!r}: use one of {', '.join(Role.values)}.")
    district = District.objects.filter(code=district_code).first()
    if district is None:
        raise ValidationError(f"No district with code {district_code!r}.")
    scope_fields = _scope_object(district, SCOPE_OF_ROLE[role], scope)
    user = user_account_create(username=username, password=password, email=email)
    person = Person.objects.create(
        district=district,
        user=user,
        given_name=given_name,
        family_name=family_name,
        email=email,
        school=scope_fields.get("school"),
        department=scope_fields.get("department"),
    )
    membership_create(actor=None, person=person, role=role, **scope_fields)
    return person
