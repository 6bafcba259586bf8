"""The pages of the stakeholder map: the list, the grid, a group's page, every group's
stance on one goal of the plan, and the forms to add or edit a group, record a position
and log an engagement.

Readers and editors are set in ``community/access.py`` (stakeholders block): everyone else
gets 404 on every page; a reader who opens a form gets 403.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils.safestring import mark_safe

from districtwise.community import access
from districtwise.community.access import STAKEHOLDER_READERS
from districtwise.community.charts.stakeholders import stakeholder_grid_svg, stance_key_svg
from districtwise.community.forms.stakeholders import (
    EngagementForm,
    StakeholderGroupForm,
    StakeholderPositionForm,
)
from districtwise.community.models import StakeholderKind, Stance
from districtwise.community.models.stakeholders import QUADRANT_ADVICE, Quadrant
from districtwise.community.selectors import stakeholders as selectors
from districtwise.community.services import stakeholders as services
from districtwise.core.access import district_view, person_ids
from districtwise.voice.charts.patterns import Bar, bars_across

PER_PAGE = 100


def _show_refusal(form, refused: ValidationError) -> None:
    if not hasattr(refused, "error_dict"):
        form.add_error(None, refused)
        return
    for name, found in refused.message_dict.items():
        form.add_error(name if name in form.fields else None, found)


def _me(request):
    """The user's person record in the district (who recorded, who engaged)."""
    from districtwise.organization.models import Person

    ids = person_ids(request.user, request.district)
    return Person.objects.filter(pk__in=ids).first()


def _require_edit(request) -> None:
    if not access.edits_stakeholders(request.scope):
        raise PermissionDenied("You may read the stakeholder map but not change it.")


def _legend() -> list[tuple[str, str]]:
    # The marks are our own SVG, built from fixed shapes: nothing a user typed.
    return [(label, mark_safe(stance_key_svg(value))) for value, label in Stance.choices]  # noqa: S308


@district_view(STAKEHOLDER_READERS)
def stakeholders(request):
    """Every group on the map, with its current stance and last engagement; filters by kind
    and by current stance."""
    kind = request.GET.get("kind", "")
    stance = request.GET.get("stance", "")
    kind = kind if kind in StakeholderKind.values else ""
    stance = stance if stance in Stance.values else ""
    quiet = request.GET.get("quiet") == "1"
    groups = selectors.stakeholder_list(
        user=request.user, district=request.district, kind=kind, stance=stance, quiet=quiet
    )
    page = Paginator(groups, PER_PAGE).get_page(request.GET.get("page"))
    chosen = (("kind", kind), ("stance", stance), ("quiet", "1" if quiet else ""))
    context = {
        "page": page,
        "page_query": urlencode({k: v for k, v in chosen if v}),
        "kind": kind,
        "stance": stance,
        "quiet": quiet,
        "quiet_days": selectors.QUIET_DAYS,
        "kinds": StakeholderKind.choices,
        "stances": Stance.choices,
        "goals": selectors.plan_goals(user=request.user, district=request.district),
        "edits": access.edits_stakeholders(request.scope),
    }
    return render(request, "community/stakeholders_list.html", context)


@district_view(STAKEHOLDER_READERS)
def stakeholder_grid(request):
    """The interest-influence grid, each group marked by its current stance (on a chosen
    goal of the plan, or its latest on anything), with the same points as a table."""
    goals = selectors.plan_goals(user=request.user, district=request.district)
    asked = request.GET.get("goal", "")
    goal = goals.filter(pk=int(asked)).first() if asked.isdecimal() else None
    points = selectors.stakeholder_grid(user=request.user, district=request.district, goal=goal)
    on = f"on {goal.code} {goal.title}" if goal else "latest on any priority"
    title = f"Stakeholder groups by interest and influence; stance {on}"
    quadrants = [
        (q.label, QUADRANT_ADVICE[q], sum(p.quadrant == q for p in points)) for q in Quadrant
    ]
    context = {
        "points": points,
        "goal": goal,
        "goals": goals,
        "chart": mark_safe(stakeholder_grid_svg(points, title=title)),  # noqa: S308
        "legend": _legend(),
        "quadrants": quadrants,
        "counts": selectors.stance_counts(points),
        "edits": access.edits_stakeholders(request.scope),
    }
    return render(request, "community/stakeholders_grid.html", context)


@district_view(STAKEHOLDER_READERS)
def stakeholder(request, pk: int):
    """A group: who they are, where they sit, their positions over time and the history
    of the district's engagements with them."""
    group = access.get_stakeholder_group_for_user(request.user, request.district, pk)
    page = selectors.stakeholder_group_page(user=request.user, group=group)
    context = {"page": page, "group": group, "edits": access.edits_stakeholders(request.scope)}
    return render(request, "community/stakeholders_detail.html", context)


def _form_page(request, form, *, title: str, intro: str, button: str, group=None):
    context = {"form": form, "title": title, "intro": intro, "button": button, "group": group}
    status = 400 if form.errors else 200
    return render(request, "community/stakeholders_form.html", context, status=status)


@district_view(STAKEHOLDER_READERS)
def stakeholder_new(request):
    """An editor adds a group to the map."""
    _require_edit(request)
    form = StakeholderGroupForm(request.POST or None, district=request.district)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.stakeholder_group_create(
                actor=request.user, district=request.district, **form.cleaned_data
            )
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, f"“{group.name}” is on the map.")
            return redirect("community:stakeholder", pk=group.pk)
    return _form_page(
        request,
        form,
        title="Add a stakeholder group",
        intro="A group whose support the district's priorities depend on. Its interest and "
        "influence place it on the grid.",
        button="Add the group",
    )


@district_view(STAKEHOLDER_READERS)
def stakeholder_edit(request, pk: int):
    """An editor changes a group's description, kind, ratings, contact notes or keeper."""
    group = access.get_stakeholder_group_for_edit(request.user, request.district, pk)
    saved_name = group.name  # the form writes what was typed into the instance
    form = StakeholderGroupForm(request.POST or None, instance=group, district=request.district)
    if request.method == "POST" and form.is_valid():
        group.refresh_from_db()  # the service compares with what was saved
        try:
            services.stakeholder_group_update(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "Saved.")
            return redirect("community:stakeholder", pk=group.pk)
    return _form_page(
        request,
        form,
        title=f"Edit {saved_name}",
        intro="Change what the district knows about the group.",
        button="Save",
        group=group,
    )


@district_view(STAKEHOLDER_READERS)
def stakeholder_position(request, pk: int):
    """An editor records the group's stance on a priority. Earlier positions stay as
    history; this one becomes the current one."""
    group = access.get_stakeholder_group_for_edit(request.user, request.district, pk)
    goals = selectors.plan_goals(user=request.user, district=request.district)
    initial = {"goal": request.GET.get("goal")} if request.GET.get("goal") else {}
    form = StakeholderPositionForm(request.POST or None, goals=goals, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.stakeholder_position_record(
                actor=request.user, group=group, recorded_by=_me(request), **form.cleaned_data
            )
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "The position is recorded.")
            return redirect("community:stakeholder", pk=group.pk)
    return _form_page(
        request,
        form,
        title=f"Record a position of {group.name}",
        intro="Where the group stands on one priority: a goal of the plan, or one named "
        "in words. Earlier positions are kept.",
        button="Record the position",
        group=group,
    )


@district_view(STAKEHOLDER_READERS)
def stakeholder_engagement(request, pk: int):
    """An editor logs a contact with the group that has happened."""
    group = access.get_stakeholder_group_for_edit(request.user, request.district, pk)
    form = EngagementForm(request.POST or None, district=request.district)
    if request.method == "GET":
        form.initial.setdefault("by", _me(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.engagement_log(actor=request.user, group=group, **form.cleaned_data)
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "The engagement is logged.")
            return redirect("community:stakeholder", pk=group.pk)
    return _form_page(
        request,
        form,
        title=f"Log an engagement with {group.name}",
        intro="A meeting, presentation, call, letter, event or public comment that has happened.",
        button="Log the engagement",
        group=group,
    )


@district_view(STAKEHOLDER_READERS)
def stakeholder_priority(request, pk: int):
    """One goal of the plan: every group's current stance on it, most favourable first."""
    goal = access.get_priority_goal_for_user(request.user, request.district, pk)
    rows = selectors.priority_stances(user=request.user, district=request.district, goal=goal)
    weights = selectors.stance_weights(rows)
    bars = [
        Bar(w.label, w.influence, f"{w.influence} ({w.groups} group{pluralize(w.groups)})")
        for w in weights
    ]
    # the largest bar stops short of the edge, leaving room for its figures
    top = max((w.influence for w in weights), default=0) * 1.4 or None
    chart = bars_across(
        bars,
        chart_id="stance-weights",
        title=f"Combined influence by stance on {goal.code}",
        top=top,
    )
    context = {
        "goal": goal,
        "rows": rows,
        "weights": weights,
        "chart": mark_safe(chart),  # noqa: S308 (escaped: labels are ours, figures numbers)
        "goals": selectors.plan_goals(user=request.user, district=request.district),
        "edits": access.edits_stakeholders(request.scope),
    }
    return render(request, "community/stakeholders_priority.html", context)
