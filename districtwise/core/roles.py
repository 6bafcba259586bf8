"""The roles of Districtwise and the kind of scope each one is held in."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    SUPERINTENDENT = "superintendent", "Superintendent or cabinet member"
    DEPARTMENT_LEAD = "department_lead", "Department lead"
    DEPARTMENT_STAFF = "department_staff", "Department staff"
    NETWORK_LEAD = "network_lead", "Network lead (principal supervisor)"
    PRINCIPAL = "principal", "Principal"
    ASSISTANT_PRINCIPAL = "assistant_principal", "Assistant principal"
    TEACHER_LEADER = "teacher_leader", "Teacher leader or coach"
    DATA_STEWARD = "data_steward", "Data steward"
    PARTNER = "partner", "External partner"
    FAMILY_MEMBER = "family_member", "Family or student team member"
    SYSTEM_ADMIN = "system_admin", "System administrator"


class ScopeKind(models.TextChoices):
    DISTRICT = "district", "District"
    DEPARTMENT = "department", "Department"
    NETWORK = "network", "Network"
    SCHOOL = "school", "School"
    PARTNER = "partner", "Partner organisation"


# Which scope a membership of each role is held in. Family and student members hold
# theirs in the district but see only the improvement teams they join.
SCOPE_OF_ROLE: dict[str, str] = {
    Role.SUPERINTENDENT: ScopeKind.DISTRICT,
    Role.DEPARTMENT_LEAD: ScopeKind.DEPARTMENT,
    Role.DEPARTMENT_STAFF: ScopeKind.DEPARTMENT,
    Role.NETWORK_LEAD: ScopeKind.NETWORK,
    Role.PRINCIPAL: ScopeKind.SCHOOL,
    Role.ASSISTANT_PRINCIPAL: ScopeKind.SCHOOL,
    Role.TEACHER_LEADER: ScopeKind.SCHOOL,
    Role.DATA_STEWARD: ScopeKind.DISTRICT,
    Role.PARTNER: ScopeKind.PARTNER,
    Role.FAMILY_MEMBER: ScopeKind.DISTRICT,
    Role.SYSTEM_ADMIN: ScopeKind.DISTRICT,
}

# Roles that read the whole district (departments read it for their own domain).
DISTRICT_WIDE_ROLES = frozenset(
    {
        Role.SUPERINTENDENT,
        Role.DEPARTMENT_LEAD,
        Role.DEPARTMENT_STAFF,
        Role.DATA_STEWARD,
        Role.SYSTEM_ADMIN,
    }
)
# The cabinet: the superintendent and the system administrator act for the whole district.
CABINET = frozenset({Role.SUPERINTENDENT, Role.SYSTEM_ADMIN})
# Who leads a school: its principal and assistant principals.
SCHOOL_LEADERS = frozenset({Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL})
# Roles that may change the district's organisation (schools, networks, departments).
ORGANIZATION_EDITORS = frozenset({Role.SUPERINTENDENT, Role.SYSTEM_ADMIN})
# Roles that see the district-wide audit feed.
AUDIT_READERS = frozenset({Role.SUPERINTENDENT, Role.SYSTEM_ADMIN})
# Roles that see staff records of the schools in their scope.
STAFF_DIRECTORY_ROLES = frozenset(
    DISTRICT_WIDE_ROLES
    | {Role.NETWORK_LEAD, Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER}
)
