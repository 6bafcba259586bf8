"""What a user may see in a district: computed once per request from their memberships."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from districtwise.core.roles import DISTRICT_WIDE_ROLES, Role


@dataclass(frozen=True)
class Scope:
    """A user's reach in one district.

    ``school_ids`` are the schools whose own records (staff, plans) the user sees;
    ``partner_school_ids`` are schools a partner serves, visible as aggregates only.
    """

    user_id: int
    district_id: int
    roles: frozenset[str]
    department_ids: frozenset[int]
    network_ids: frozenset[int]
    school_ids: frozenset[int]
    partner_ids: frozenset[int]
    partner_school_ids: frozenset[int]
    student_records: bool
    # (school id, role) for every school-scoped membership: who leads or coaches where.
    school_roles: frozenset[tuple[int, str]] = frozenset()

    def roles_at(self, school_id: int) -> frozenset[str]:
        """The roles the user holds at ``school_id`` itself (not through a network)."""
        return frozenset(role for school, role in self.school_roles if school == school_id)

    def schools_where(self, roles: frozenset[str] | set[str]) -> frozenset[int]:
        """The schools at which the user holds one of ``roles`` directly."""
        return frozenset(school for school, role in self.school_roles if role in roles)

    @property
    def district_wide(self) -> bool:
        return bool(self.roles & DISTRICT_WIDE_ROLES)

    def has_any(self, roles: frozenset[str] | set[str]) -> bool:
        return bool(self.roles & roles)

    @property
    def is_member(self) -> bool:
        return bool(self.roles)


def _empty(user_id: int, district_id: int) -> Scope:
    none: frozenset[int] = frozenset()
    return Scope(user_id, district_id, frozenset(), none, none, none, none, none, False)


def _compute_scope(user_id: int, district_id: int) -> Scope:
    from districtwise.core.models import Membership, StudentRecordGrant
    from districtwise.organization.models import School

    today = timezone.localdate()
    memberships: list[dict[str, Any]] = [
        dict(row)
        for row in Membership.objects.filter(
            person__user_id=user_id, person__district_id=district_id, district_id=district_id
        )
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values("role", "department_id", "network_id", "school_id", "partner_id")
    ]
    if not memberships:
        return _empty(user_id, district_id)

    def ids(field: str, roles: set[str] | None = None) -> frozenset[int]:
        return frozenset(
            m[field] for m in memberships if m[field] and (roles is None or m["role"] in roles)
        )

    network_ids = ids("network_id", {Role.NETWORK_LEAD})
    direct = ids("school_id", {Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER})
    in_networks = School.objects.filter(district_id=district_id, network_id__in=network_ids)
    school_ids = direct | frozenset(in_networks.values_list("id", flat=True))
    partner_ids = ids("partner_id", {Role.PARTNER})
    partner_school_ids = frozenset(
        School.objects.filter(partners__id__in=partner_ids).values_list("id", flat=True)
    )
    grant = (
        StudentRecordGrant.objects.filter(
            person__user_id=user_id, district_id=district_id, revoked_at__isnull=True
        )
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
        .exists()
    )
    return Scope(
        user_id=user_id,
        district_id=district_id,
        roles=frozenset(m["role"] for m in memberships),
        department_ids=ids("department_id"),
        network_ids=network_ids,
        school_ids=school_ids,
        partner_ids=partner_ids,
        partner_school_ids=partner_school_ids,
        student_records=grant,
        school_roles=frozenset((m["school_id"], m["role"]) for m in memberships if m["school_id"]),
    )


def scope_for(user, district) -> Scope:
    """The user's scope in ``district`` (cached on the user object for the request)."""
    if district is None or not getattr(user, "is_authenticated", False):
        return _empty(0, 0)
    cache = user.__dict__.setdefault("_districtwise_scopes", {})
    if district.pk not in cache:
        cache[district.pk] = _compute_scope(user.pk, district.pk)
    return cache[district.pk]
