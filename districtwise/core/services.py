"""Writes of accounts and memberships: one transaction each, audited."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from districtwise.core.audit import audit_created
from districtwise.core.models import Membership
from districtwise.core.roles import SCOPE_OF_ROLE, Role, ScopeKind

_SCOPE_FIELDS: dict[str, str] = {
    ScopeKind.DEPARTMENT: "department",
    ScopeKind.NETWORK: "network",
    ScopeKind.SCHOOL: "school",
    ScopeKind.PARTNER: "partner",
}


def _check_scope(role: str, district, scope: dict) -> None:
    kind = SCOPE_OF_ROLE[role]
    needed = _SCOPE_FIELDS.get(kind)
    given = {name for name, value in scope.items() if value is not None}
    if needed and given != {needed}:
        raise ValidationError(f"A {Role(role).label} membership needs a {needed} and only that.")
    if not needed and given:
        raise ValidationError(f"A {Role(role).label} membership is held in the whole district.")
    for value in scope.values():
        if value is not None and value.district_id != district.pk:
            raise ValidationError(f"{value} belongs to another district.")


@transaction.atomic
def membership_create(*, actor, person, role: str, **scope) -> Membership:
    """Give ``person`` a role in a scope of their district (district, department, network,
    school or partner organisation, as the role requires). System administrators also
    get the Django administration pages."""
    scope = {name: scope.get(name) for name in _SCOPE_FIELDS.values()}
    _check_scope(role, person.district, scope)
    membership = Membership.objects.create(
        person=person, district=person.district, role=role, **scope
    )
    if role == Role.SYSTEM_ADMIN and person.user is not None:
        person.user.is_staff = person.user.is_superuser = True
        person.user.save(update_fields=["is_staff", "is_superuser"])
    audit_created(actor=actor, district=person.district, obj=membership)
    return membership


@transaction.atomic
def user_account_create(*, username: str, password: str | None, email: str = ""):
    """A log-in account; with no password it cannot log in until one is set."""
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise ValidationError(f"The user name {username!r} is taken.")
    user = user_model(username=username, email=email)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user
