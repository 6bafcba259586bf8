"""The demo district's school adaptations of the support catalogue.

Most schools have an approved adaptation of every support; some wait for their network
lead's review, a few were returned with a comment, the last school has written none yet,
and a planted handful are in conflict with a nonnegotiable (``PLANTED_CONFLICTS``; a test
checks the checker finds each one and the school's page shows it). Every write goes
through the services, so the history and the audit log are those a real year leaves.
"""

from __future__ import annotations

from typing import Any

from districtwise.core.models import Membership
from districtwise.core.roles import Role
from districtwise.organization.models import District, School
from districtwise.supports.models import Support
from districtwise.supports.services import adaptations as services

# Where the school decides: the day and format written for each support.
DAYS_AND_FORMAT = {
    "hqim": "Training day in August, before the first week of school.",
    "plc": "Grade teams on Wednesdays after school, in the library.",
    "coaching": "Planning on Mondays, the visit midweek, the debrief on Fridays.",
    "observation": "Unannounced; the principal and the assistant principal share the list.",
    "onboarding": "Mentor and new teacher meet at lunch on Tuesdays and Thursdays.",
}
RETURN_COMMENT = "Name who leads each team and where the agendas are kept, then send it again."

# The planted conflicts: ``school`` is "principal" (the school of the demo principal's
# log-in, where it is left as a draft to fix) or a position in the schools by code;
# ``after_approved``: written as version 2 after an approved version 1.
PLANTED_CONFLICTS: tuple[dict[str, Any], ...] = (
    {
        "school": "principal",
        "support": "plc",
        "plan": {"occurrences": 2, "period": "month", "minutes": 45},
        "days_and_format": "Every other Wednesday, alternating with staff meetings.",
        "rules": ("frequency",),
        "after_approved": False,
    },
    {
        "school": 1,
        "support": "plc",
        "plan": {"minutes": 30},
        "days_and_format": "Thirty minutes at the start of the Monday early release.",
        "rules": ("minutes",),
        "after_approved": True,
    },
    {
        "school": 2,
        "support": "coaching",
        "plan": {"occurrences": 1, "period": "month"},
        "days_and_format": "One cycle a month, the coach being shared with another school.",
        "rules": ("frequency",),
        "after_approved": False,
    },
    {
        "school": 3,
        "support": "coaching",
        "plan": {"delivered_by": ["teacher"]},
        "days_and_format": "Grade-level chairs coach the new teachers of their team.",
        "rules": ("deliverer",),
        "after_approved": True,
    },
    {
        "school": 4,
        "support": "observation",
        "plan": {"protocol": "Our school's walkthrough form"},
        "days_and_format": "Ten-minute walkthroughs with our own form.",
        "rules": ("protocol",),
        "after_approved": False,
    },
)


def plan_inside(support: Support) -> dict[str, Any]:
    """A delivery plan exactly at the nonnegotiable (the usual adaptation)."""
    return {
        "occurrences": support.min_occurrences,
        "period": support.period,
        "minutes": max(support.min_minutes, 1),
        "delivered_by": list(support.delivered_by or ["teacher"])[:2],
        "protocol": support.protocol,
        "days_and_format": DAYS_AND_FORMAT.get(support.code, ""),
        "note": "",
    }


def demo_schools(district: District) -> list[School]:
    """The schools by code (``PLANTED_CONFLICTS`` counts the schools other than the demo
    principal's in this order)."""
    return list(School.objects.filter(district=district).order_by("code"))


def principal_school(district: District) -> School | None:
    """The school of the demo principal's log-in."""
    membership = (
        Membership.objects.filter(
            district=district, role=Role.PRINCIPAL, person__user__isnull=False
        )
        .select_related("school")
        .first()
    )
    return membership.school if membership else None


def planted_school(district: District, entry: dict[str, Any]) -> School:
    """The school a planted conflict was written at."""
    home = principal_school(district)
    if entry["school"] == "principal":
        return home or demo_schools(district)[0]
    # Counted among the other schools, so that no two planted conflicts collide.
    others = [s for s in demo_schools(district) if s != home]
    return others[entry["school"] % len(others)]


def _user_of(district: District, role: str, **scope: Any):
    membership = (
        Membership.objects.filter(district=district, role=role, **scope)
        .select_related("person__user")
        .first()
    )
    return membership.person.user if membership and membership.person.user_id else None


def _write(school: School, support: Support, plan: dict[str, Any], outcome: str) -> None:
    """Save, submit and review one adaptation as the school's principal and network lead."""
    district = school.district
    principal = _user_of(district, Role.PRINCIPAL, school=school)
    lead = _user_of(district, Role.NETWORK_LEAD, network_id=school.network_id)
    draft = services.adaptation_save(actor=principal, school=school, support=support, data=plan)
    if outcome == "draft":
        return
    services.adaptation_submit(actor=principal, adaptation=draft)
    if outcome == "approved":
        services.adaptation_approve(actor=lead, adaptation=draft)
    elif outcome == "returned":
        services.adaptation_return(actor=lead, adaptation=draft, comment=RETURN_COMMENT)


def _outcome(index: int) -> str:
    """Most approved; every seventh waits for review; every eleventh was returned."""
    if index % 11 == 5:
        return "returned"
    if index % 7 == 3:
        return "submitted"
    return "approved"


def adaptations_build(*, district: District) -> None:
    """Write the demo's adaptations: each active support at every school but one (the last
    by code without a planted conflict, which has written none yet)."""
    supports = list(Support.objects.filter(district=district, is_active=True).order_by("code"))
    planted = {(planted_school(district, e).pk, e["support"]): e for e in PLANTED_CONFLICTS}
    schools = demo_schools(district)
    not_yet = next(s for s in reversed(schools) if s.pk not in {pk for pk, _ in planted})
    index = 0
    for school in (s for s in schools if s != not_yet):
        for support in supports:
            entry = planted.get((school.pk, support.code))
            if entry is None:
                _write(school, support, plan_inside(support), _outcome(index))
                index += 1
                continue
            if entry["after_approved"]:
                _write(school, support, plan_inside(support), "approved")
            plan = plan_inside(support) | entry["plan"]
            plan["days_and_format"] = entry["days_and_format"]
            _write(school, support, plan, "draft")
