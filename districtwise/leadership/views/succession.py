"""The pages of succession and the pipeline: the positions table with bench per network,
a position with its candidates, the forms that keep them, the pipeline's diversity, and
the teacher-leader roles of the schools."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils import timezone

from districtwise.core.access import district_view
from districtwise.leadership import access
from districtwise.leadership.access import SUCCESSION_ROLES, TEACHER_LEADER_READERS
from districtwise.leadership.charts.succession import Bar, bars_across, grouped_bars
from districtwise.leadership.forms.succession import (
    CandidateForm,
    ManyPeopleSelect,
    PositionForm,
    TeacherLeaderRoleForm,
    show_refusal,
)
from districtwise.leadership.models import PositionKind, TeacherLeaderKind
from districtwise.leadership.selectors import succession as selectors
from districtwise.leadership.services import succession as services
from districtwise.organization.models import Department, Network, School, SchoolYear

PAGE_SIZE = 50
SERIES = ("Candidates", "Staff", "Students")


PICKER_LIMIT = 200  # people listed at once in a staff picker


def _rendered(request, template: str, context: dict, form):
    """A form page: 400 when it shows errors, so nothing looks saved. Its staff picker, if
    it has one, lists the people ``?find=`` matches (see ``_narrowed``)."""
    context = {**context, "finder": _narrowed(request, form)}
    return render(request, template, context, status=400 if form.errors else 200)


def _narrowed(request, form) -> dict | None:
    """List at most PICKER_LIMIT people in the form's staff picker: those ``?find=``
    matches, and the person already chosen. The whole staff was the choice when the form
    was checked; only what is shown is narrowed (a large district has tens of thousands)."""
    name = next((n for n, f in form.fields.items() if isinstance(f.widget, ManyPeopleSelect)), "")
    if not name:
        return None
    query = request.GET.get("find", "").strip()[:100]
    found = selectors.staff_choices(request.district, query=query)
    total = found.count()
    listed = list(found.values_list("pk", flat=True)[:PICKER_LIMIT])
    chosen = str(form[name].value() or "")
    keep = [int(chosen)] if chosen.isdecimal() else []
    field = form.fields[name]
    field.queryset = selectors.staff_choices(request.district).filter(pk__in=listed + keep)
    return {"query": query, "total": total, "listed": len(listed)}


def _reader(request) -> None:
    if not access.may_read_succession(request.scope):
        raise Http404("Not found")


def _me(request):
    from districtwise.core.access import person_ids
    from districtwise.organization.models import Person

    return Person.objects.filter(pk__in=person_ids(request.user, request.district)).first()


# ----- the overview ----------------------------------------------------------------------
def _filters(request) -> dict:
    kind = request.GET.get("kind", "")
    network = request.GET.get("network", "")
    risk = request.GET.get("at_risk", "")
    return {
        "kind": kind if kind in PositionKind.values else "",
        "network_id": int(network) if network.isdecimal() else None,
        "at_risk": {"yes": True, "no": False}.get(risk),
    }


def _network_chart(networks) -> str:
    bars = [
        Bar(n.name, n.mean_bench, f"{n.mean_bench:.2f}")
        for n in networks
        if n.mean_bench is not None
    ]
    return bars_across(bars, chart_id="bench-networks", title="Mean bench strength per network")


@district_view(SUCCESSION_ROLES)
def succession(request):
    """The positions the user reads, their bench and risk, and the bench per network."""
    _reader(request)
    today = timezone.localdate()
    filters = _filters(request)
    rows = selectors.position_rows(
        user=request.user, district=request.district, today=today, **filters
    )
    networks, whole = selectors.network_bench(
        user=request.user, district=request.district, today=today
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "page_query": query.urlencode(),
        "filters": filters,
        "filtered": any(v not in (None, "") for v in filters.values()),
        "kinds": PositionKind.choices,
        "network_choices": _visible_networks(request),
        "networks": networks,
        "whole": whole,
        "chart": _network_chart(networks) if networks else "",
        "reads_all": access.reads_all_succession(request.scope),
    }
    return render(request, "leadership/succession.html", context)


def _visible_networks(request):
    networks = Network.objects.filter(district=request.district).order_by("name")
    if access.reads_all_succession(request.scope):
        return networks
    return networks.filter(pk__in=access.supervised_network_ids(request.scope))


# ----- positions -------------------------------------------------------------------------
def _position_form(request, position=None):
    reads_all = access.reads_all_succession(request.scope)
    departments = Department.objects.filter(district=request.district) if reads_all else None
    form = PositionForm(
        request.POST or None,
        initial=PositionForm.initial_of(position) if position else None,
        schools=access.succession_schools(request.user, request.district),
        departments=departments if departments is not None else Department.objects.none(),
        people=selectors.staff_choices(request.district),
    )
    return form


@district_view(SUCCESSION_ROLES)
def position_new(request):
    _reader(request)
    form = _position_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            position = services.position_create(
                actor=request.user, district=request.district, **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{position.title} is added.")
            return redirect("leadership:position", pk=position.pk)
    return _rendered(request, "leadership/succession_position_form.html", {"form": form}, form)


@district_view(SUCCESSION_ROLES)
def position(request, pk: int):
    found = access.get_position_for_user(request.user, request.district, pk)
    today = timezone.localdate()
    candidates = list(selectors.position_candidates(user=request.user, position=found))
    row = selectors.position_row(user=request.user, position=found, today=today)
    context = {"position": found, "row": row, "candidates": candidates}
    return render(request, "leadership/succession_position.html", context)


@district_view(SUCCESSION_ROLES)
def position_edit(request, pk: int):
    found = access.get_position_for_user(request.user, request.district, pk)
    form = _position_form(request, found)
    if request.method == "POST" and form.is_valid():
        try:
            services.position_update(actor=request.user, position=found, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{found.title} is saved.")
            return redirect("leadership:position", pk=found.pk)
    found.refresh_from_db()
    context = {"form": form, "position": found}
    return _rendered(request, "leadership/succession_position_form.html", context, form)


# ----- candidates ------------------------------------------------------------------------
@district_view(SUCCESSION_ROLES)
def candidate_new(request, pk: int):
    found = access.get_position_for_user(request.user, request.district, pk)
    form = CandidateForm(request.POST or None, people=selectors.staff_choices(request.district))
    if request.method == "POST" and form.is_valid():
        try:
            candidate = services.candidate_add(
                actor=request.user, position=found, nominated_by=_me(request), **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{candidate.person} is a candidate for {found.title}.")
            return redirect("leadership:position", pk=found.pk)
    context = {"form": form, "position": found}
    return _rendered(request, "leadership/succession_candidate_form.html", context, form)


@district_view(SUCCESSION_ROLES)
def candidate_edit(request, pk: int):
    found = access.get_candidate_for_user(request.user, request.district, pk)
    initial = {
        name: getattr(found, name)
        for name in ("readiness", "development_plan", "next_step", "next_step_on", "notes")
    }
    form = CandidateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.candidate_update(actor=request.user, candidate=found, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{found.person}'s plan is saved.")
            return redirect("leadership:position", pk=found.position_id)
    context = {"form": form, "position": found.position, "candidate": found}
    return _rendered(request, "leadership/succession_candidate_form.html", context, form)


@district_view(SUCCESSION_ROLES)
def candidate_remove(request, pk: int):
    found = access.get_candidate_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    position_id = found.position_id
    name = str(found.person)
    services.candidate_remove(actor=request.user, candidate=found)
    messages.success(request, f"{name} is no longer a candidate for this position.")
    return redirect("leadership:position", pk=position_id)


# ----- pipeline diversity ----------------------------------------------------------------
GROUP_TYPE_NAMES = {"race_ethnicity": "Race and ethnicity", "sex": "Sex"}


def _share_bar(share) -> Bar:
    if share is None or share.hidden:
        return Bar("", None, "hidden")
    return Bar("", share.share or 0.0, f"{100 * (share.share or 0):.0f}%")


def _diversity_chart(group_type: str, rows, series) -> str:
    groups = [(row.label, [_share_bar(getattr(row.row, name)) for name in series]) for row in rows]
    return grouped_bars(
        groups,
        series=[s.title() for s in series],
        chart_id=f"pipeline-{group_type}",
        title=f"{GROUP_TYPE_NAMES[group_type]}: share of candidates, staff and students",
    )


@district_view(SUCCESSION_ROLES)
def pipeline(request):
    """The candidates' race and ethnicity and sex beside the district's staff and students."""
    from districtwise.equity.charts.labels import RACE_NAMES, SEX_NAMES

    _reader(request)
    diversity = selectors.pipeline_diversity(user=request.user, district=request.district)
    names = {"race_ethnicity": RACE_NAMES, "sex": SEX_NAMES}
    series = [
        name
        for name, missing in (
            ("candidates", diversity.staff_available),
            ("staff", diversity.staff_available),
            ("students", diversity.students_available),
        )
        if not missing
    ]
    sections = []
    for group_type, rows in diversity.rows.items():
        labelled = [
            _Labelled(names[group_type].get(row.group, "Not reported"), row) for row in rows
        ]
        sections.append(
            {
                "name": GROUP_TYPE_NAMES[group_type],
                "rows": labelled,
                "chart": _diversity_chart(group_type, labelled, series) if series else "",
            }
        )
    context = {"diversity": diversity, "sections": sections, "series": series}
    return render(request, "leadership/succession_pipeline.html", context)


class _Labelled:
    def __init__(self, label: str, row):
        self.label, self.row = label, row


# ----- teacher-leader roles --------------------------------------------------------------
def _current_year(district) -> int:
    current = SchoolYear.objects.filter(district=district, is_current=True).first()
    if current is not None:
        return current.year
    today = timezone.localdate()
    return today.year + (today.month >= 7)


@district_view(TEACHER_LEADER_READERS)
def teacher_leaders(request):
    """The teacher-leader roles of the schools the user reads: holders and hours."""
    years = selectors.teacher_leader_years(user=request.user, district=request.district)
    wanted = request.GET.get("year", "")
    year = int(wanted) if wanted.isdecimal() else (years[0] if years else None)
    kind = request.GET.get("kind", "")
    kind = kind if kind in TeacherLeaderKind.values else ""
    roles = selectors.teacher_leader_roles(
        user=request.user, district=request.district, school_year=year, kind=kind
    )
    totals = selectors.teacher_leader_totals(roles)
    page = Paginator(roles, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    bars = [Bar(label, float(hours), f"{hours:g} h") for label, _, hours in totals.by_kind]
    context = {
        "page": page,
        "page_query": query.urlencode(),
        "years": years,
        "year": year,
        "kind": kind,
        "kinds": TeacherLeaderKind.choices,
        "totals": totals,
        "chart": bars_across(bars, chart_id="teacher-leader-hours", title="Hours a week by role")
        if totals.holders
        else "",
        "keeps": access.keeps_teacher_leaders(request.user, request.district),
    }
    return render(request, "leadership/succession_teacher_leaders.html", context)


def _role_schools(request):
    schools = School.objects.filter(district=request.district)
    edits = access.teacher_leader_edit_school_ids(request.user, request.district)
    return schools if edits is None else schools.filter(pk__in=edits)


@district_view(TEACHER_LEADER_READERS)
def teacher_leader_new(request):
    if not access.keeps_teacher_leaders(request.user, request.district):
        raise PermissionDenied("The school's leaders, the cabinet and human resources add roles.")
    schools = _role_schools(request)
    initial = {"school_year": _current_year(request.district)}
    if len(schools[:2]) == 1:  # a principal of one school: it is theirs
        initial["school"] = schools.first()
    form = TeacherLeaderRoleForm(
        request.POST or None,
        initial=initial,
        schools=schools,
        people=selectors.staff_choices(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            role = services.teacher_leader_role_create(
                actor=request.user, district=request.district, **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{role} at {role.school} is recorded.")
            return redirect(f"{_teacher_leaders_url()}?year={role.school_year}")
    return _rendered(
        request, "leadership/succession_teacher_leader_form.html", {"form": form}, form
    )


def _teacher_leaders_url() -> str:
    from django.urls import reverse

    return reverse("leadership:teacher_leaders")


@district_view(TEACHER_LEADER_READERS)
def teacher_leader_edit(request, pk: int):
    found = access.get_teacher_leader_role_for_edit(request.user, request.district, pk)
    form = TeacherLeaderRoleForm(
        request.POST or None,
        initial=TeacherLeaderRoleForm.initial_of(found),
        schools=_role_schools(request),
        people=selectors.staff_choices(request.district),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.teacher_leader_role_update(actor=request.user, role=found, **form.cleaned_data)
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{found} at {found.school} is saved.")
            return redirect(f"{_teacher_leaders_url()}?year={found.school_year}")
    context = {"form": form, "role": found}
    return _rendered(request, "leadership/succession_teacher_leader_form.html", context, form)
