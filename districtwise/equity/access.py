"""Who may see which units of the equity audit, and who may change its settings."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404

from districtwise.core.roles import DISTRICT_WIDE_ROLES, Role
from districtwise.core.scopes import Scope

# Family and student team members see nothing of the audit; partners see the schools they
# serve, as (suppressed) aggregates.
SCHOOL_ROLES = frozenset({Role.PRINCIPAL, Role.ASSISTANT_PRINCIPAL, Role.TEACHER_LEADER})
AUDIT_READERS = frozenset(DISTRICT_WIDE_ROLES | SCHOOL_ROLES | {Role.NETWORK_LEAD, Role.PARTNER})
SETTINGS_EDITORS = frozenset({Role.SUPERINTENDENT, Role.DATA_STEWARD, Role.SYSTEM_ADMIN})


@dataclass(frozen=True)
class VisibleUnits:
    """The units of the audit a user may see: ``everything``, or the district row (when
    ``district``) plus the listed network and school codes (the ids of the files)."""

    everything: bool = False
    district: bool = False
    network_codes: frozenset[str] = frozenset()
    school_codes: frozenset[str] = frozenset()

    @property
    def nothing(self) -> bool:
        return not (self.everything or self.district or self.network_codes or self.school_codes)


def visible_units(scope: Scope) -> VisibleUnits:
    """District-wide roles see all units; a network lead the district row, their networks
    and their schools; principals, assistant principals and coaches their school and the
    district row; partners only the schools they serve; anyone else nothing."""
    from districtwise.organization.models import Network, School

    if scope.district_wide:
        return VisibleUnits(everything=True)
    networks = scope.network_ids if scope.has_any({Role.NETWORK_LEAD}) else frozenset()
    # scope.school_ids holds the schools of principals, APs, coaches and of led networks.
    schools = set(scope.school_ids) if scope.has_any(SCHOOL_ROLES | {Role.NETWORK_LEAD}) else set()
    if scope.has_any({Role.PARTNER}):
        schools |= scope.partner_school_ids
    return VisibleUnits(
        district=scope.has_any(SCHOOL_ROLES | {Role.NETWORK_LEAD}),
        network_codes=frozenset(
            Network.objects.filter(pk__in=networks).values_list("code", flat=True)
        ),
        school_codes=frozenset(
            School.objects.filter(pk__in=schools).values_list("code", flat=True)
        ),
    )


def may_read_audit(scope: Scope) -> bool:
    return scope.has_any(AUDIT_READERS)


def require_settings_change(scope: Scope) -> None:
    """403 for readers who may not change the district's audit settings."""
    if not scope.has_any(SETTINGS_EDITORS):
        raise PermissionDenied("You may see the audit settings but not change them.")


def scope_key(scope: Scope) -> str:
    """A name for what of the audit a scope reaches: its district, roles, networks, schools,
    partner schools and the student-record right (which decides suppression). Two scopes
    with the same key see the same units with the same figures hidden."""
    reach = (
        scope.district_id,
        sorted(scope.roles),
        sorted(scope.network_ids),
        sorted(scope.school_ids),
        sorted(scope.partner_school_ids),
        scope.student_records,
    )
    return hashlib.sha256(repr(reach).encode()).hexdigest()


def get_board_report_for_user(user, scope: Scope, pk: int):
    """The board report ``pk`` if ``user`` asked for it in this district and their reach is
    still the one it was drawn for; anyone else (and the same person after their access
    changed) finds nothing: 404."""
    from districtwise.equity.models import BoardReport

    mine = BoardReport.objects.filter(
        district_id=scope.district_id, requested_by_id=user.pk, scope_key=scope_key(scope)
    )
    report = mine.select_related("job", "audit_run", "district").filter(pk=pk).first()
    if report is None:
        raise Http404("Not found")
    return report
