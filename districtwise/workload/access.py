"""Who may see and change principal workload.

- A principal (or an assistant principal on their behalf) writes their school's task
  audit and time log.
- The principal's supervisor, the network lead of the school's network, reads and
  decides with them.
- District-wide roles read the task audits and the hours returned; time-use entries stay
  with the principal and their supervisor only (others see anonymous summaries).
- Department leads own their department's data requests; the data team keeps the field
  vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from districtwise.core.access import one_or_404
from districtwise.core.models import Membership
from districtwise.core.roles import CABINET, DISTRICT_WIDE_ROLES, SCHOOL_LEADERS, Role
from districtwise.core.scopes import Scope, scope_for
from districtwise.organization.models import Person, School

# Who opens the workload section at all.
WORKLOAD_READERS = DISTRICT_WIDE_ROLES | {Role.NETWORK_LEAD} | SCHOOL_LEADERS


def leads_school(scope: Scope, school_id: int) -> bool:
    """The school's principal or an assistant principal."""
    return bool(scope.roles_at(school_id) & SCHOOL_LEADERS)


def supervises(scope: Scope, school: School) -> bool:
    """The network lead of the school's network: the principal's supervisor."""
    return Role.NETWORK_LEAD in scope.roles and school.network_id in scope.network_ids


def led_school_ids(scope: Scope) -> frozenset[int]:
    """The schools the user leads as principal or assistant principal."""
    return scope.schools_where(SCHOOL_LEADERS)


def visible_school_ids(scope: Scope) -> frozenset[int] | None:
    """Schools whose task audits the user reads; None means every school."""
    if scope.district_wide:
        return None
    if not scope.has_any(WORKLOAD_READERS):
        return frozenset()
    return scope.school_ids


def get_school_for_user(user, district, pk: int) -> School:
    scope = scope_for(user, district)
    school = one_or_404(School.objects.filter(district=district), pk)
    seen = visible_school_ids(scope)
    if seen is not None and school.pk not in seen:
        raise Http404("Not found")
    return school


def get_school_for_leading(user, district, pk: int) -> School:
    """A school whose own workload records the user writes (its principal or AP)."""
    school = get_school_for_user(user, district, pk)
    if not leads_school(scope_for(user, district), school.pk):
        raise PermissionDenied("Only the school's principal and assistant principals do this.")
    return school


# ---- time use ----
# Time-use entries are the principal's own: they and their supervisor read them; an
# assistant principal of the same school enters them on the principal's behalf. Everyone
# else sees summaries only (anonymous to peers, aggregates to district-wide roles).
@dataclass(frozen=True)
class PrincipalAtSchool:
    """A principal and the school they lead (the time log is kept per school)."""

    person: Person
    school: School


def current_principals(district) -> list[PrincipalAtSchool]:
    """The district's principals today, one row per school they lead."""
    today = timezone.localdate()
    memberships = (
        Membership.objects.filter(district=district, role=Role.PRINCIPAL, school__isnull=False)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .select_related("person", "school", "school__network")
        .order_by("school__name", "person__family_name")
    )
    return [PrincipalAtSchool(m.person, m.school) for m in memberships if m.school]


def person_of(user, district) -> Person | None:
    """The user's own staff record in the district."""
    return Person.objects.filter(district=district, user=user).first()


def _principal(district, pk: int) -> PrincipalAtSchool:
    for row in current_principals(district):
        if row.person.pk == pk:
            return row
    raise Http404("Not found")


def may_enter_time_for(user, scope: Scope, row: PrincipalAtSchool) -> bool:
    """The principal themself, or an assistant principal of the principal's school."""
    if row.person.user_id is not None and row.person.user_id == user.pk:
        return True
    return Role.ASSISTANT_PRINCIPAL in scope.roles_at(row.school.pk)


def get_principal_for_time(user, district, pk: int) -> PrincipalAtSchool:
    """A principal whose time entries the user may read (else 404): the principal, an
    assistant principal of their school, or their supervisor."""
    row = _principal(district, pk)
    scope = scope_for(user, district)
    if not (may_enter_time_for(user, scope, row) or supervises(scope, row.school)):
        raise Http404("Not found")
    return row


def get_principal_for_time_entry(user, district, pk: int) -> PrincipalAtSchool:
    """A principal whose time the user enters (their supervisor reads only: 403)."""
    row = get_principal_for_time(user, district, pk)
    if not may_enter_time_for(user, scope_for(user, district), row):
        raise PermissionDenied("Only the principal or an assistant principal logs this time.")
    return row


def get_principal_for_time_goal(user, district, pk: int) -> PrincipalAtSchool:
    """A principal whose own goal the user sets: their supervisor (the principal: 403)."""
    row = get_principal_for_time(user, district, pk)
    if not supervises(scope_for(user, district), row.school):
        raise PermissionDenied("Only the principal's supervisor sets their goal.")
    return row


def require_time_goal_setter(scope: Scope) -> None:
    """The district's goal is the cabinet's to set (other readers: 403)."""
    if not scope.has_any(CABINET):
        raise PermissionDenied("Only the cabinet sets the district's goal.")


# ---- end time use ----
# ---- area: tasks (the task audit and its redistribution) ----
# Who opens "coming to me": anyone of the district who may be named a task's new owner
# (a coach or a teacher leader included); partners and families never are.
TASK_OWNER_READERS = frozenset(Role) - {Role.PARTNER, Role.FAMILY_MEMBER}


def keeps_starter_list(scope: Scope) -> bool:
    """The cabinet keeps the district's starter list of principal tasks."""
    return scope.has_any(CABINET)


def may_agree_for(scope: Scope, school: School) -> bool:
    """The principal's supervisor (the school's network lead) and the cabinet agree."""
    return scope.has_any(CABINET) or supervises(scope, school)


def takes_on(scope: Scope, decision) -> bool:
    """The new owner of a decided task: the named person, or a lead of its new department."""
    owner = decision.new_owner
    if owner is not None and owner.user_id == scope.user_id:
        return True
    return Role.DEPARTMENT_LEAD in scope.roles and decision.new_department_id in (
        scope.department_ids
    )


def may_move_on(scope: Scope, decision) -> bool:
    """Who marks an agreed decision in progress or done: those who agree, and the owner."""
    return may_agree_for(scope, decision.task.school) or takes_on(scope, decision)


def get_task_for_user(user, district, pk: int):
    """A school's audited task the user may see (its school's readers and its new owner)."""
    from districtwise.workload.models import PrincipalTask

    task = one_or_404(
        PrincipalTask.objects.filter(district=district, school__isnull=False).select_related(
            "school", "decision", "decision__new_owner"
        ),
        pk,
    )
    scope = scope_for(user, district)
    seen = visible_school_ids(scope)
    if seen is None or task.school_id in seen:
        return task
    decision = getattr(task, "decision", None)
    if decision is not None and takes_on(scope, decision):
        return task
    raise Http404("Not found")


def get_task_for_deciding(user, district, pk: int):
    """A task whose decision the user proposes: its school's principal or AP."""
    task = get_task_for_user(user, district, pk)
    if not leads_school(scope_for(user, district), task.school_id):
        raise PermissionDenied("Only the school's principal and assistant principals propose.")
    return task


def get_decision_for_agreeing(user, district, pk: int):
    task = get_task_for_user(user, district, pk)
    if not hasattr(task, "decision") or not may_agree_for(scope_for(user, district), task.school):
        raise PermissionDenied("Only the network lead and the cabinet agree decisions.")
    return task.decision


def get_decision_for_moving_on(user, district, pk: int):
    task = get_task_for_user(user, district, pk)
    if not hasattr(task, "decision") or not may_move_on(scope_for(user, district), task.decision):
        raise PermissionDenied("Only the network lead, the cabinet and the new owner do this.")
    return task.decision


# ---- end area: tasks ----
