"""Reads of the organisation, always scoped to what the user may see."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from districtwise.core.models import AuditEntry, Membership
from districtwise.core.roles import AUDIT_READERS, STAFF_DIRECTORY_ROLES
from districtwise.core.scopes import scope_for
from districtwise.organization.models import Department, District, Network, Person, School


def school_list(*, user, district: District) -> QuerySet[School]:
    """Schools the user may see: all for district-wide roles, the network's for a network
    lead, their own for school staff, the served ones (aggregates only) for a partner."""
    scope = scope_for(user, district)
    schools = School.objects.filter(district=district).select_related("network")
    if scope.district_wide:
        return schools
    return schools.filter(id__in=scope.school_ids | scope.partner_school_ids)


def network_list(*, user, district: District) -> QuerySet[Network]:
    """Networks the user may see, with how many of their schools the user sees."""
    scope = scope_for(user, district)
    networks = Network.objects.filter(district=district)
    if not scope.district_wide:
        visible = scope.school_ids | scope.partner_school_ids
        networks = networks.filter(Q(id__in=scope.network_ids) | Q(schools__id__in=visible))
    return networks.distinct().annotate(school_count=Count("schools", distinct=True))


def department_list(*, user, district: District) -> QuerySet[Department]:
    """Central-office departments: every district member may see who does what."""
    scope = scope_for(user, district)
    if not scope.is_member:
        return Department.objects.none()
    return Department.objects.filter(district=district).annotate(
        staff_count=Count("staff", distinct=True)
    )


def person_list(*, user, district: District) -> QuerySet[Person]:
    """Staff records the user may see: district-wide roles see everyone; school and
    network roles see the people of their schools and the central office; partners and
    family members see nobody but themselves."""
    scope = scope_for(user, district)
    people = Person.objects.filter(district=district).select_related("school", "department")
    if scope.district_wide:
        return people
    if scope.has_any(STAFF_DIRECTORY_ROLES):
        return people.filter(
            Q(school_id__in=scope.school_ids) | Q(department__isnull=False) | Q(user=user)
        )
    return people.filter(user=user)


def memberships_of(*, user, district: District, person: Person) -> QuerySet[Membership]:
    """The roles a visible person holds (the caller has checked the person is visible)."""
    del user  # visibility of the person is the check; roles of a visible person are public
    return Membership.objects.filter(district=district, person=person).select_related(
        "school", "network", "department", "partner"
    )


def school_staff(*, user, district: District, school: School) -> QuerySet[Person]:
    """The staff of a school, for users who may see that school's people."""
    return person_list(user=user, district=district).filter(school=school)


def audit_feed(*, user, district: District) -> QuerySet[AuditEntry]:
    """The district's change history, for the superintendent and system administrators."""
    if not scope_for(user, district).has_any(AUDIT_READERS):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(district=district).select_related("actor")


def object_history(*, user, district: District, obj) -> QuerySet[AuditEntry]:
    """The change history of one object the user may see."""
    del user  # the caller fetched ``obj`` through access.py, which checked visibility
    return AuditEntry.objects.filter(
        district=district, object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).select_related("actor")
