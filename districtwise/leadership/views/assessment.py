"""The pages of Leading-for-Learning self-assessments: the list, starting one for a team,
a member's answers, the team's results, the action plan, and the aggregates per school,
network and district.

Every assessment is looked up through ``access.get_assessment_for_user`` (read, at least
its aggregates) or ``access.get_assessment_for_member`` (answer, close, edit the plan).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from districtwise.core.access import district_view, one_or_404
from districtwise.leadership import access
from districtwise.leadership.access import LEADERSHIP_MEMBERS
from districtwise.leadership.charts.assessment import DOT_COLOURS, member_dots, section_bars
from districtwise.leadership.forms.assessment import (
    AnswerForm,
    StartForm,
    StepForm,
    field_name,
    initial_answers,
)
from districtwise.leadership.instrument import ITEMS, SCALE, SECTION_BY_KEY, SECTIONS
from districtwise.leadership.selectors import assessment as selectors
from districtwise.leadership.services import assessment as services

PAGE_SIZE = 50


def _person(request):
    from districtwise.organization.models import Person

    return Person.objects.filter(user=request.user, district=request.district).first()


def _show_refusal(form, refused: ValidationError, field_of=lambda name: name) -> None:
    if not hasattr(refused, "error_dict"):
        form.add_error(None, refused)
        return
    for name, found in refused.message_dict.items():
        target = field_of(name)
        form.add_error(target if target in form.fields else None, found)


@district_view(LEADERSHIP_MEMBERS)
def assessments(request):
    """The self-assessments the user may read, and those waiting for their answers."""
    scope = request.scope
    listed = selectors.assessment_list(user=request.user, district=request.district)
    context = {
        "page": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
        "to_answer": selectors.my_open_assessments(user=request.user, district=request.district),
        "may_start": access.assessment_starts(scope),
        "reads_summary": access.assessment_summary_reader(scope),
    }
    return render(request, "leadership/assessment_list.html", context)


def _chosen_unit(request, schools, departments):
    """The school or department of ``?school=`` / ``?department=`` among those the user may
    start for (404 for any other); the only one if the user has just one; else None."""
    if request.GET.get("school"):
        return one_or_404(schools, _int(request.GET["school"])), None
    if request.GET.get("department"):
        return None, one_or_404(departments, _int(request.GET["department"]))
    if schools.count() + departments.count() == 1:
        return schools.first(), departments.first()
    return None, None


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError as error:
        raise Http404("Not found") from error


@district_view(LEADERSHIP_MEMBERS)
def assessment_new(request):
    """Start a self-assessment: choose the team's school or department, then its members."""
    if not access.assessment_starts(request.scope):
        raise Http404("Not found")
    schools, departments = access.assessment_start_units(request.scope)
    school, department = _chosen_unit(request, schools, departments)
    if school is None and department is None:
        units = {"schools": schools.order_by("name"), "departments": departments.order_by("name")}
        return render(request, "leadership/assessment_choose_team.html", units)
    people = services.unit_people(district=request.district, school=school, department=department)
    form = StartForm(request.POST or None, people=people.order_by("family_name", "given_name"))
    if request.method == "POST" and form.is_valid():
        try:
            started = services.assessment_start(
                actor=request.user,
                district=request.district,
                school=school,
                department=department,
                created_by=_person(request),
                **form.cleaned_data,
            )
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "The self-assessment is open: each member answers it now.")
            return redirect("leadership:assessment", pk=started.pk)
    context: dict[str, object] = {"form": form, "unit": school or department, "school": school}
    status = 400 if form.errors else 200
    return render(request, "leadership/assessment_new.html", context, status=status)


@district_view(LEADERSHIP_MEMBERS)
def assessment(request, pk: int):
    """The team's results: per item its mean, spread, agreement and don't-knows, per
    section its mean, a chart; who answered what only for the team's members."""
    found = access.get_assessment_for_user(request.user, request.district, pk)
    results = selectors.assessment_results(user=request.user, assessment=found)
    chart = section_bars(
        [(s.section.title, s.mean) for s in results.sections],
        chart_id="assessment-sections",
        title="Mean rating per section",
    )
    context = {
        "assessment": found,
        "results": results,
        "colours": [
            (name, DOT_COLOURS[i % len(DOT_COLOURS)])
            for i, (name, _) in enumerate(results.progress)
        ],
        "sections": [
            (s, [(i, results.answers_by_item.get(i.item.key, [])) for i in s.items], dots)
            for s, dots in _with_dots(results)
        ],
        "chart": chart,  # drawn by us, every text in it escaped (shown with |safe)
        "is_member": results.shows_answers,
        "scale": SCALE,
        "agreement_floor": selectors.AGREEMENT_FLOOR,
    }
    return render(request, "leadership/assessment_results.html", context)


def _with_dots(results):
    charts = _member_dots(results) if results.shows_answers else {}
    return [(s, charts.get(s.section.key)) for s in results.sections]


def _member_dots(results) -> dict[str, str]:
    """Per section, the team's dot plot of each member's rating of each item."""
    names = [name for name, _ in results.progress]
    charts = {}
    for section in results.sections:
        rows = []
        for stats in section.items:
            said = {
                a.person_name: a.rating for a in results.answers_by_item.get(stats.item.key, [])
            }
            rows.append((stats.item.key, [said.get(name, "") for name in names]))
        charts[section.section.key] = member_dots(
            rows,
            members=names,
            chart_id=f"dots-{section.section.key}",
            title=f"Each member's rating in “{section.section.title}”",
        )
    return charts


@district_view(LEADERSHIP_MEMBERS)
def assessment_answer(request, pk: int):
    """A member answers every item, section by section, with evidence; saves progress."""
    found = access.get_assessment_for_member(request.user, request.district, pk)
    person = _person(request)
    mine = list(found.answers.filter(person=person))
    form = AnswerForm(
        request.POST if request.method == "POST" else None, initial=initial_answers(mine)
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                changed = services.assessment_answers_save(
                    actor=request.user, assessment=found, person=person, answers=form.answers()
                )
            except ValidationError as refused:
                _show_refusal(form, refused, field_name)
            else:
                messages.success(request, f"Your answers are saved ({changed} changed).")
                return redirect("leadership:assessment_answer", pk=found.pk)
        status = 400
    answered = {a.item_key for a in mine}
    left = [
        (section, [item for item in section.items if item.key not in answered])
        for section in SECTIONS
    ]
    context = {
        "assessment": found,
        "form": form,
        "left": [(s, items) for s, items in left if items],
        "left_count": sum(len(items) for _, items in left),
        "item_count": len(ITEMS),
    }
    return render(request, "leadership/assessment_answer.html", context, status=status)


@district_view(LEADERSHIP_MEMBERS)
def assessment_close(request, pk: int):
    """A member closes the self-assessment to answers (POST only)."""
    found = access.get_assessment_for_member(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.assessment_close(actor=request.user, assessment=found)
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, "The self-assessment is closed; its results join the summaries.")
    return redirect("leadership:assessment", pk=found.pk)


def _step_forms(request, found, steps, bound_pk=None):
    from districtwise.strategy.models import Initiative

    initiatives = Initiative.objects.filter(plan__district=request.district).order_by("code")
    members = found.members.order_by("family_name", "given_name")
    forms = []
    for step in steps:
        data = request.POST if bound_pk == step.pk else None
        initial = {
            "action": step.action,
            "owner": step.owner_id,
            "due_on": step.due_on,
            "status": step.status,
            "initiative": step.initiative_id,
        }
        form = StepForm(
            data,
            initial=initial,
            prefix=f"step-{step.pk}",
            members=members,
            initiatives=initiatives,
        )
        forms.append((step, ITEMS.get(step.item_key), form))
    return forms


@district_view(LEADERSHIP_MEMBERS)
def assessment_plan(request, pk: int):
    """The team's action plan: drafted from each section's weakest items, its steps' owners,
    dates and linked initiatives edited by the team's members; read by the other readers."""
    found = access.get_assessment_for_user(request.user, request.district, pk)
    is_member = access.is_assessment_member(request.user, request.district, found)
    bound_pk, status = None, 200
    if request.method == "POST":
        found = access.get_assessment_for_member(request.user, request.district, pk)
        if "draft" in request.POST:
            return _draft(request, found)
        bound_pk = _int(request.POST.get("step", ""))
    steps = selectors.plan_steps(user=request.user, assessment=found)
    forms = _step_forms(request, found, steps, bound_pk) if is_member else []
    if bound_pk is not None:
        step = next((s for s in steps if s.pk == bound_pk), None)
        if step is None:
            raise Http404("Not found")
        form = next(f for s, _, f in forms if s.pk == bound_pk)
        if form.is_valid():
            try:
                services.action_step_update(actor=request.user, step=step, **form.cleaned_data)
            except ValidationError as refused:
                _show_refusal(form, refused)
            else:
                messages.success(request, "The step is saved.")
                return redirect("leadership:assessment_plan", pk=found.pk)
        status = 400
    results = selectors.assessment_results(user=request.user, assessment=found)
    context = {
        "assessment": found,
        "is_member": is_member,
        "steps": steps,
        "forms": forms,
        "weakest": selectors.weakest_items(results.sections),
        "sections": SECTION_BY_KEY,
        "items": ITEMS,
    }
    return render(request, "leadership/assessment_plan.html", context, status=status)


def _draft(request, found):
    results = selectors.assessment_results(user=request.user, assessment=found)
    weakest = selectors.weakest_items(results.sections)
    created = services.action_plan_draft(
        actor=request.user, assessment=found, weakest=weakest, owner=_person(request)
    )
    if created:
        messages.success(request, f"{len(created)} draft steps added from the weakest items.")
    else:
        messages.info(request, "No step to add: every weakest item is already in the plan.")
    return redirect("leadership:assessment_plan", pk=found.pk)


@district_view(LEADERSHIP_MEMBERS)
def assessment_summary(request):
    """Section means across the latest closed (or all) assessment of each team, per school,
    network and the district, as far as the user reaches: never individual answers."""
    if not access.assessment_summary_reader(request.scope):
        raise Http404("Not found")
    include_open = request.GET.get("include") == "open"
    rows = selectors.assessment_summary(
        user=request.user, district=request.district, include_open=include_open
    )
    top = selectors.top_row(rows)
    chart = None
    if top is not None:
        chart = section_bars(
            [(s.title, top.means.get(s.key)) for s in SECTIONS],
            chart_id="summary-sections",
            title=f"Mean rating per section: {top.label}",
        )
    context = {
        "rows": rows,
        "top": top,
        "chart": chart,  # drawn by us, every text in it escaped (shown with |safe)
        "sections": SECTIONS,
        "include_open": include_open,
    }
    return render(request, "leadership/assessment_summary.html", context)
