"""The pages of patterns: needs across schools (counts, rising categories, similar needs,
time to answer) and need issues (list, detail, open, link, unlink, answer)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from districtwise.core.access import district_view, one_or_404
from districtwise.core.roles import CABINET, Role
from districtwise.organization.models import Department
from districtwise.strategy.forms.plan import show_refusal
from districtwise.voice import access
from districtwise.voice.charts.patterns import Bar, bars_across, columns
from districtwise.voice.forms.patterns import AnswerForm, IssueForm, LinkForm
from districtwise.voice.selectors import patterns as selectors
from districtwise.voice.services import patterns as services

ISSUE_READERS = CABINET | access.DEPARTMENT_ROLES | {Role.NETWORK_LEAD}
ISSUE_OPENERS = CABINET | {Role.DEPARTMENT_LEAD}


def _count_bars(tallies) -> list[Bar]:
    return [Bar(t.label, t.count, "hidden" if t.count is None else str(t.count)) for t in tallies]


def _charts(view: selectors.PatternsView) -> dict[str, str]:
    share = [
        Bar(d.department, d.share_within_target * 100, f"{d.share_within_target:.0%}")
        for d in view.departments
        if d.answered
    ]
    return {
        "category": bars_across(
            _count_bars(view.by_category), chart_id="needs-by-category", title="Needs by category"
        ),
        "network": bars_across(
            _count_bars(view.by_network), chart_id="needs-by-network", title="Needs by network"
        ),
        "month": columns(
            _count_bars(view.by_month), chart_id="needs-by-month", title="Needs raised by month"
        ),
        "timing": bars_across(
            share,
            chart_id="answered-within-target",
            title="Share of needs answered within target, by department",
            top=100,
        )
        if share
        else "",
    }


@district_view(access.PATTERN_READERS)
def patterns(request):
    view = selectors.patterns_view(user=request.user, district=request.district)
    context = {
        "view": view,
        "charts": _charts(view),
        "may_link": access.may_link_needs(request.scope),
        "reads_issues": request.scope.has_any(ISSUE_READERS),
    }
    return render(request, "voice/patterns.html", context)


@district_view(ISSUE_READERS)
def issues(request):
    context = {
        "issues": selectors.issue_list(user=request.user, district=request.district),
        "may_link": access.may_link_needs(request.scope),
    }
    return render(request, "voice/patterns_issues.html", context)


def _issue_page(request, issue, answer_form=None, status=200):
    needs, hidden = selectors.issue_needs(user=request.user, district=request.district, issue=issue)
    edits = access.edits_issue(request.user, request.district, issue)
    context = {
        "issue": issue,
        "needs": needs,
        "hidden": hidden,
        "edits": edits,
        "open_count": sum(1 for n in needs if n.state in selectors.OPEN_STATES),
        "form": answer_form or AnswerForm(initial={"answer": issue.answer}),
    }
    return render(request, "voice/patterns_issue.html", context, status=status)


@district_view(ISSUE_READERS)
def issue(request, pk: int):
    return _issue_page(request, access.get_issue_for_user(request.user, request.district, pk))


def _departments(request):
    found = Department.objects.filter(district=request.district)
    if request.scope.has_any(CABINET):
        return found
    return found.filter(pk__in=access.lead_departments(request.user, request.district))


@district_view(ISSUE_OPENERS)
def issue_new(request):
    needs = selectors.linkable_needs(user=request.user, district=request.district)
    chosen = [n for n in needs if str(n.pk) in request.GET.getlist("need")]
    departments = _departments(request)
    initial: dict[str, Any] = {"needs": chosen}
    if chosen:
        initial |= {"category": chosen[0].category, "department": chosen[0].department}
    elif departments.count() == 1:
        initial["department"] = departments.get()
    form = IssueForm(request.POST or None, departments=departments, needs=needs, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            found = services.need_issue_create(
                actor=request.user, district=request.district, **form.cleaned_data
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"The issue “{found.title}” is open.")
            return redirect("voice:issue", pk=found.pk)
    context = {"form": form, "issue": None, "has_needs": bool(needs)}
    status = 400 if form.errors else 200
    return render(request, "voice/patterns_issue_form.html", context, status=status)


def _issue_for_editing(request, pk: int):
    found = access.get_issue_for_user(request.user, request.district, pk)
    if not access.edits_issue(request.user, request.district, found):
        raise PermissionDenied("Only the cabinet or the department's lead changes this issue.")
    return found


@district_view(ISSUE_READERS)
def issue_link(request, pk: int):
    found = _issue_for_editing(request, pk)
    needs = selectors.linkable_needs(user=request.user, district=request.district, issue=found)
    form = LinkForm(request.POST or None, needs=needs)
    if request.method == "POST" and form.is_valid():
        try:
            linked = services.need_issue_link(
                actor=request.user, issue=found, needs=form.cleaned_data["needs"]
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        else:
            messages.success(request, f"{linked} need(s) linked to the issue.")
            return redirect("voice:issue", pk=found.pk)
    context = {"form": form, "issue": found, "has_needs": bool(needs)}
    status = 400 if form.errors else 200
    return render(request, "voice/patterns_issue_form.html", context, status=status)


@district_view(ISSUE_READERS)
def issue_unlink(request, pk: int):
    found = access.get_issue_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not access.edits_issue(request.user, request.district, found):
        raise PermissionDenied("Only the cabinet or the department's lead changes this issue.")
    need_pk = request.POST.get("need", "")
    need = one_or_404(found.needs.all(), int(need_pk) if need_pk.isdecimal() else 0)
    services.need_issue_unlink(actor=request.user, issue=found, need=need)
    messages.success(request, f"“{need.title}” is no longer linked; it is answered on its own.")
    return redirect("voice:issue", pk=found.pk)


@district_view(ISSUE_READERS)
def issue_answer(request, pk: int):
    found = access.get_issue_for_user(request.user, request.district, pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not access.edits_issue(request.user, request.district, found):
        raise PermissionDenied("Only the cabinet or the department's lead answers this issue.")
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answered = services.need_issue_answer(
                actor=request.user, issue=found, answer=form.cleaned_data["answer"]
            )
        except ValidationError as refused:
            show_refusal(form, refused)
        except PermissionDenied as refused:  # a linked need routed to another department
            form.add_error(None, str(refused))
        else:
            messages.success(request, f"The answer went to {len(answered)} linked need(s).")
            return redirect("voice:issue", pk=found.pk)
    return _issue_page(request, found, answer_form=form, status=400)
