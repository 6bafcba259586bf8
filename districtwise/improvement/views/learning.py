"""The network's learning: the change ideas by schools matrix and the spread of each idea,
the learning log (members write, others read), and the month's meeting summary (a page
and a PDF)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view
from districtwise.improvement import access
from districtwise.improvement.forms.learning import LearningEntryForm, parse_month
from districtwise.improvement.selectors import learning as selectors
from districtwise.improvement.services import learning as services


def _show_refusal(form, refused: ValidationError) -> None:
    if not hasattr(refused, "error_dict"):
        form.add_error(None, refused)
        return
    for name, found in refused.message_dict.items():
        form.add_error(name if name in form.fields else None, found)


@district_view()
def learning(request, pk: int):
    """The ideas by schools matrix, the spread of each idea and where ideas were adopted."""
    network = access.get_network_for_user(request.user, request.district, pk)
    facts = selectors.cycle_facts(user=request.user, network=network)
    found = {"user": request.user, "network": network, "facts": facts}
    context = {
        "network": network,
        "matrix": selectors.learning_matrix(**found),
        "spread": selectors.idea_spread(**found),
        "adoptions": selectors.moved_to_adoption(**found),
        "team_count": network.teams.count(),
    }
    return render(request, "improvement/learning_matrix.html", context)


def _entry_form(request, network, entry=None) -> LearningEntryForm:
    return LearningEntryForm(request.POST or None, instance=entry, network=network)


@district_view()
def learning_log(request, pk: int):
    """The learning log: every reader reads it; the network's members write in it."""
    network = access.get_network_for_user(request.user, request.district, pk)
    may_write = access.may_write_learning(request.user, request.district, network)
    if request.method == "POST" and not may_write:
        raise PermissionDenied("Only the network's members write in its learning log.")
    form = _entry_form(request, network) if may_write else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.learning_entry_create(actor=request.user, network=network, **form.cleaned_data)
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "Written in the learning log.")
            return redirect("improvement:learning_log", pk=network.pk)
    context = {
        "network": network,
        "form": form,
        "entries": selectors.learning_log(user=request.user, network=network),
    }
    status = 400 if form is not None and form.errors else 200
    return render(request, "improvement/learning_log.html", context, status=status)


@district_view()
def learning_entry_edit(request, pk: int, entry: int):
    """Change an entry of the log: its author, or the network's leads."""
    found = access.get_learning_entry_for_changing(request.user, request.district, pk, entry)
    form = _entry_form(request, found.network, found)
    if request.method == "POST" and form.is_valid():
        try:
            services.learning_entry_update(actor=request.user, entry=found, data=form.cleaned_data)
        except ValidationError as refused:
            _show_refusal(form, refused)
        else:
            messages.success(request, "The entry is changed.")
            return redirect("improvement:learning_log", pk=found.network_id)
    context = {"network": found.network, "entry": found, "form": form}
    status = 400 if form.errors else 200
    return render(request, "improvement/learning_entry_form.html", context, status=status)


@require_POST
@district_view()
def learning_entry_delete(request, pk: int, entry: int):
    """Remove an entry of the log: its author, or the network's leads."""
    found = access.get_learning_entry_for_changing(request.user, request.district, pk, entry)
    services.learning_entry_delete(actor=request.user, entry=found)
    messages.success(request, "The entry is removed from the learning log.")
    return redirect("improvement:learning_log", pk=pk)


def _month(request) -> tuple[tuple[int, int] | None, str]:
    """The month asked for (default: this month), or None and what is wrong with it."""
    try:
        return parse_month(request.GET.get("month"), today=timezone.localdate()), ""
    except ValidationError as wrong:
        return None, wrong.messages[0]


def _neighbours(year: int, month: int) -> tuple[str, str]:
    first = dt.date(year, month, 1)
    before = first - dt.timedelta(days=1)
    after = first + dt.timedelta(days=32)
    return f"{before:%Y-%m}", f"{after:%Y-%m}"


@district_view()
def learning_summary(request, pk: int):
    """A month of the network's work for its meeting: what was tested, what was learned,
    what the measures did."""
    network = access.get_network_for_user(request.user, request.district, pk)
    month, wrong = _month(request)
    context = {"network": network, "wrong": wrong, "asked": request.GET.get("month", "")}
    if month is None:
        return render(request, "improvement/learning_summary.html", context, status=400)
    summary = selectors.meeting_summary(
        user=request.user, network=network, year=month[0], month=month[1]
    )
    previous, following = _neighbours(*month)
    context |= {
        "summary": summary,
        "month": f"{summary.first:%Y-%m}",
        "previous": previous,
        "following": following,
    }
    return render(request, "improvement/learning_summary.html", context)


@district_view()
def learning_summary_pdf(request, pk: int):
    """The month's meeting summary and the network's charts as a PDF."""
    network = access.get_network_for_user(request.user, request.district, pk)
    month, wrong = _month(request)
    if month is None:
        context = {"network": network, "wrong": wrong, "asked": request.GET.get("month", "")}
        return render(request, "improvement/learning_summary.html", context, status=400)
    drawn = selectors.meeting_summary_pdf(
        user=request.user, network=network, year=month[0], month=month[1]
    )
    response = HttpResponse(drawn.pdf, content_type="application/pdf")
    name = f"network-{network.pk}-summary-{month[0]}-{month[1]:02d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
