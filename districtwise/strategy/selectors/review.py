"""Reads of the cabinet's monthly review: past reviews, and what changed since the last one.

What changed is worked out from three places: goal statuses now against the previous
review's ``snapshot``; the figures, milestones and initiatives as they are now; and the
audit history (``core.AuditEntry``) of initiatives since the previous review was recorded.
Everything is read through the user's own selectors, so a reader sees only the changes to
what they may see. Every list is plain text and dates, so a recorded review can keep the
list the cabinet saw (``snapshot["changes"]``)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from districtwise.analytics.strategy.progress import STATUS_NAMES
from districtwise.core.models import AuditEntry
from districtwise.core.scopes import scope_for
from districtwise.equity.charts.labels import group_label
from districtwise.strategy import access
from districtwise.strategy.charts.progress import show_figure
from districtwise.strategy.models import CabinetReview, IndicatorValue, Milestone, Plan
from districtwise.strategy.selectors.plan import initiative_list
from districtwise.strategy.selectors.progress import GoalProgress, GroupProgress, progress_list

OPEN_MILESTONES = (Milestone.Status.PLANNED, Milestone.Status.IN_PROGRESS)
MOST_ENTRIES = 200


def review_list(*, user, district) -> QuerySet[CabinetReview]:
    """The cabinet's reviews of the district's plan, newest first, for readers of the plan."""
    if not access.may_read_plan(scope_for(user, district)):
        return CabinetReview.objects.none()
    return CabinetReview.objects.filter(plan__district=district).select_related("recorded_by")


def last_review(*, user, district) -> CabinetReview | None:
    """The newest review the user may read."""
    return review_list(user=user, district=district).first()


def recorded_changes(*, user, district, review: CabinetReview) -> dict | None:
    """What a past review listed, narrowed to what the user may see now: the cabinet saw
    every initiative; a reader bound to schools sees the ones of their schools."""
    changes = review.snapshot.get("changes")
    if changes is None:
        return None
    visible = set(initiative_list(user=user, district=district).values_list("pk", flat=True))
    return changes | {
        key: [entry for entry in changes.get(key, []) if entry["initiative_id"] in visible]
        for key in ("milestones", "initiatives")
    }


def recorded_statuses(review: CabinetReview) -> list[dict]:
    """Each goal's status when the review was recorded, overall and per group."""
    return [
        {
            "goal_id": int(pk),
            "goal": f"{entry['code']} {entry['title']}",
            "status": STATUS_NAMES.get(entry["status"], entry["status"]),
            "groups": [
                (group_label(*key.split(":", 1)), STATUS_NAMES.get(code, code))
                for key, code in entry.get("groups", {}).items()
            ],
        }
        for pk, entry in review.snapshot.get("goals", {}).items()
    ]


def status_snapshot(progress: list[GoalProgress]) -> dict[str, dict]:
    """Each goal's status now, overall and per group, as a review stores it."""
    return {
        str(p.goal.pk): {
            "code": p.goal.code,
            "title": p.goal.title,
            "status": p.overall.status.code,
            "groups": {line.key: line.status.code for line in p.groups},
        }
        for p in progress
    }


def review_changes(*, user, district, plan: Plan, previous: CabinetReview | None) -> dict:
    """What changed since ``previous`` (since the plan was written, for a first review),
    as the user may see it: status changes, new figures, milestones done, missed or
    overdue, initiatives created, changed or abandoned, goals and the plan's own settings
    created, changed or removed, and goals with no figure for their latest period."""
    since = previous.created_at if previous is not None else plan.created_at
    progress = progress_list(user=user, district=district)
    before = previous.snapshot.get("goals", {}) if previous is not None else None
    return {
        "since": since.isoformat(),
        "first": previous is None,
        "statuses": _status_changes(progress, before),
        "figures": _new_figures(user, district, since),
        "milestones": _milestones(user, district, since),
        "initiatives": _initiative_changes(user, district, since),
        "goals": _goal_changes(district, since),
        "without_figure": _without_figure(progress),
    }


def _status_changes(progress: list[GoalProgress], before: dict | None) -> list[dict]:
    if before is None:
        return []
    changes = []
    for p in progress:
        then = before.get(str(p.goal.pk))
        for line in p.lines:
            old = _old_status(then, line)
            if old != line.status.code:
                changes.append(
                    {
                        "goal_id": p.goal.pk,
                        "goal": f"{p.goal.code} {p.goal.title}",
                        "line": group_label(line.group_type, line.group),
                        "before": STATUS_NAMES.get(old or "", "Not in the last review"),
                        "after": line.status.name,
                    }
                )
    return changes


def _old_status(then: dict | None, line: GroupProgress) -> str | None:
    if then is None:
        return None
    return then.get("status") if line.is_all else then.get("groups", {}).get(line.key)


def _new_figures(user, district, since: dt.datetime) -> list[dict]:
    """Hand-entered figures recorded since, and computed figures if the source's figures
    were computed again since."""
    from districtwise.equity.selectors import current_run

    rows = (
        IndicatorValue.objects.filter(indicator__district=district, updated_at__gt=since)
        .select_related("indicator")
        .order_by("indicator__name", "measured_on", "group_type", "group")[:MOST_ENTRIES]
    )
    found = [
        {
            "indicator": row.indicator.name,
            "period": row.measured_on.isoformat(),
            "line": group_label(row.group_type, row.group),
            "figure": show_figure(row.value, row.indicator.unit),
        }
        for row in rows
    ]
    run = current_run(user=user, district=district)
    if run is not None and run.finished_at is not None and run.finished_at > since:
        found.append(
            {
                "indicator": "Every indicator computed from the equity audit",
                "period": ", ".join(str(y) for y in sorted(run.years)),
                "line": "All lines",
                "figure": f"computed again on {timezone.localdate(run.finished_at).isoformat()}",
            }
        )
    return found


def _milestones(user, district, since: dt.datetime) -> list[dict]:
    today = timezone.localdate()
    visible = Milestone.objects.filter(
        initiative__in=initiative_list(user=user, district=district)
    ).select_related("initiative")
    done = visible.filter(status=Milestone.Status.DONE, updated_at__gt=since)
    missed = visible.filter(status=Milestone.Status.MISSED, updated_at__gt=since)
    overdue = visible.filter(status__in=OPEN_MILESTONES, due_on__lt=today)
    return [
        _milestone(m, what)
        for what, rows in (("Done", done), ("Missed", missed), ("Overdue", overdue))
        for m in rows.order_by("due_on", "id")[:MOST_ENTRIES]
    ]


def _milestone(milestone: Milestone, what: str) -> dict:
    return {
        "what": what,
        "initiative_id": milestone.initiative_id,
        "initiative": f"{milestone.initiative.code} {milestone.initiative.name}",
        "title": milestone.title,
        "due_on": milestone.due_on.isoformat(),
        "done_on": milestone.done_on.isoformat() if milestone.done_on else "",
    }


def _initiative_changes(user, district, since: dt.datetime) -> list[dict]:
    visible = {
        str(pk) for pk in initiative_list(user=user, district=district).values_list("pk", flat=True)
    }
    entries = AuditEntry.objects.filter(
        district=district, object_type="strategy.initiative", at__gt=since
    ).order_by("at", "id")
    found = []
    for entry in entries[: MOST_ENTRIES * 5]:
        if entry.object_id not in visible:
            continue
        found.append(
            {
                "initiative_id": int(entry.object_id),
                "initiative": entry.object_repr,
                "what": _initiative_word(entry),
                "fields": _fields_changed(entry),
                "at": timezone.localtime(entry.at).date().isoformat(),
            }
        )
    return found[:MOST_ENTRIES]


# Goals, their group targets and the plan itself are read by every reader of the plan.
PLAN_OBJECTS = {
    "strategy.plan": "The plan",
    "strategy.goal": "Goal",
    "strategy.goalgrouptarget": "Group target",
}


def _goal_changes(district, since: dt.datetime) -> list[dict]:
    """Goals, group targets and the plan's settings created, changed or removed since."""
    entries = AuditEntry.objects.filter(
        district=district, object_type__in=PLAN_OBJECTS, at__gt=since
    ).order_by("at", "id")
    return [
        {
            "kind": PLAN_OBJECTS[entry.object_type],
            "object": entry.object_repr,
            "goal_id": int(entry.object_id) if entry.object_type == "strategy.goal" else None,
            "what": {"create": "Created", "update": "Changed", "delete": "Removed"}[entry.action],
            "fields": _fields_changed(entry),
            "at": timezone.localtime(entry.at).date().isoformat(),
        }
        for entry in entries[:MOST_ENTRIES]
    ]


def _fields_changed(entry: AuditEntry) -> str:
    """The fields an update changed, in words for the reader (the edit counter left out)."""
    if entry.action != "update":
        return ""
    return ", ".join(sorted(name for name in entry.changes if name != "version"))


def _initiative_word(entry: AuditEntry) -> str:
    status = entry.changes.get("status")
    if entry.action == "update" and status and status[1] == "abandoned":
        return "Abandoned"
    return {"create": "Created", "update": "Changed", "delete": "Deleted"}[entry.action]


def _without_figure(progress: list[GoalProgress]) -> list[dict]:
    """Goals whose indicator has no figure for all students for its latest period (or no
    figure at all)."""
    found = []
    for p in progress:
        latest = p.latest_period
        if latest is not None and p.overall.has_figure_for(latest):
            continue
        reason = (
            "The goal has no indicator yet."
            if p.goal.indicator is None
            else f"No figure for the period ending {latest.isoformat()}."
            if latest is not None
            else "The indicator has no figure yet."
        )
        found.append(
            {"goal_id": p.goal.pk, "goal": f"{p.goal.code} {p.goal.title}", "reason": reason}
        )
    return found
