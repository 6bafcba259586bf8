"""Reads of the catalogue's history and the schools' adaptations, for a user."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from districtwise.analytics.supports.boundaries import Conflict
from districtwise.core.models import AuditEntry
from districtwise.core.scopes import scope_for
from districtwise.supports import access
from districtwise.supports.models import DELIVERER_CHOICES, Adaptation, Support
from districtwise.supports.services.adaptations import PLAN_FIELDS, conflicts_of

DELIVERERS = dict(DELIVERER_CHOICES)
FIELD_WORDS = {
    "occurrences": "How many times",
    "period": "Period",
    "minutes": "Minutes each",
    "delivered_by": "Delivered by",
    "protocol": "Protocol or materials",
    "days_and_format": "Day(s) and format",
    "note": "Note",
}


@dataclass
class SchoolSupport:
    """One support on a school's page: the school's current (approved) adaptation, the
    newer version in progress if any, and that version's conflicts."""

    support: Support
    current: Adaptation | None = None
    pending: Adaptation | None = None
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def working(self) -> Adaptation | None:
        """The version the school works on: the pending one, else the current one."""
        return self.pending or self.current


def _split(versions: list[Adaptation]) -> tuple[Adaptation | None, Adaptation | None]:
    """(latest approved, newest version if newer than it) of versions newest first."""
    current = next((a for a in versions if a.status == Adaptation.Status.APPROVED), None)
    newest = versions[0] if versions else None
    return current, (newest if newest is not None and newest is not current else None)


def school_supports(*, user, school) -> list[SchoolSupport]:
    """Each active support with the school's adaptation of it (the school must be one the
    user reads: see ``access.get_school_for_user``)."""
    from districtwise.supports.selectors import support_list

    supports = support_list(user=user, district=school.district)
    versions: dict[int, list[Adaptation]] = {}
    for a in Adaptation.objects.filter(school=school).order_by("support_id", "-version"):
        versions.setdefault(a.support_id, []).append(a)
    rows = []
    for support in supports:
        current, pending = _split(versions.get(support.pk, []))
        row = SchoolSupport(support=support, current=current, pending=pending)
        if row.working is not None:
            row.working.support = support
            row.conflicts = conflicts_of(row.working)
        rows.append(row)
    return rows


def adaptation_versions(*, user, school, support: Support) -> list[dict[str, Any]]:
    """Every version of the school's adaptation of a support, newest first, each with
    what changed from the version before it (``[(field words, before, after)]``)."""
    versions = list(
        Adaptation.objects.filter(school=school, support=support)
        .select_related("written_by", "reviewed_by")
        .order_by("version")
    )
    rows, previous = [], None
    for adaptation in versions:
        adaptation.support = support
        rows.append(
            {
                "adaptation": adaptation,
                "conflicts": conflicts_of(adaptation),
                "changes": _differences(previous, adaptation) if previous else [],
            }
        )
        previous = adaptation
    return list(reversed(rows))


def plan_value(adaptation: Adaptation, name: str) -> str:
    """A plan field in words (roles by their names, the period as 'per week')."""
    if name == "delivered_by":
        return ", ".join(DELIVERERS.get(r, r) for r in adaptation.delivered_by or [])
    if name == "period":
        return adaptation.get_period_display()
    return str(getattr(adaptation, name) or "—")


def _differences(before: Adaptation, after: Adaptation) -> list[tuple[str, str, str]]:
    return [
        (FIELD_WORDS[name], plan_value(before, name), plan_value(after, name))
        for name in PLAN_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]


def current_adaptation(*, user, school, support: Support) -> Adaptation | None:
    """The school's current adaptation of the support: its latest approved version (the
    school must be one the user reads)."""
    return (
        Adaptation.objects.filter(school=school, support=support, status=Adaptation.Status.APPROVED)
        .order_by("-version")
        .first()
    )


def review_queue(*, user, district) -> QuerySet[Adaptation]:
    """The submitted adaptations waiting for this user: a network lead's network, and for
    the cabinet the schools of no network. Oldest first."""
    schools = access.adaptations_reviewed_by(scope_for(user, district))
    return (
        Adaptation.objects.filter(status=Adaptation.Status.SUBMITTED, school__in=schools)
        .select_related("school", "support", "written_by")
        .order_by("submitted_at", "pk")
    )


def support_adaptations(*, user, support: Support) -> list[Adaptation]:
    """The newest version of each adaptation of the support, at the schools the user
    reads, by school name."""
    seen = access.visible_school_ids(scope_for(user, support.district))
    rows = Adaptation.objects.filter(support=support).select_related("school")
    if seen is not None:
        rows = rows.filter(school_id__in=seen)
    newest: dict[int, Adaptation] = {}
    for a in rows.order_by("school__name", "-version"):
        newest.setdefault(a.school_id, a)
    return list(newest.values())


def support_changes(*, user, support: Support) -> QuerySet[AuditEntry]:
    """Who changed the support and when, newest first (for whoever reads the support)."""
    return (
        AuditEntry.objects.filter(
            district=support.district,
            object_type=support._meta.label_lower,
            object_id=str(support.pk),
        )
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def retired_support_list(*, user, district) -> QuerySet[Support]:
    """The retired supports of the catalogue, for anyone who reads it."""
    from districtwise.supports.selectors import support_list

    return support_list(user=user, district=district, include_retired=True).filter(is_active=False)
