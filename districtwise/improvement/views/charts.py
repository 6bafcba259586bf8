"""The charts pages: the network's chart board, a measure's chart for one team or the whole
network (run chart or control chart, Anhøj or IHI rules), and the phases its runners add
and remove on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from districtwise.core.access import district_view, one_or_404
from districtwise.improvement import access
from districtwise.improvement.forms.charts import ChartPhaseForm
from districtwise.improvement.models import Measure, Team
from districtwise.improvement.selectors import charts as selectors
from districtwise.improvement.services import charts as services


@district_view()
def charts(request, pk: int):
    """Every measure of the network as a small chart with its verdict, by kind of measure."""
    network = access.get_network_for_user(request.user, request.district, pk)
    context = {
        "network": network,
        "groups": selectors.chart_board(user=request.user, network=network),
    }
    return render(request, "improvement/charts_board.html", context)


@district_view()
def measure_chart(request, pk: int):
    """A measure's chart: ``?team=`` a team (else the network line), ``?view=run|control``,
    ``?rules=anhoj|ihi``."""
    measure = access.get_measure_for_user(request.user, request.district, pk)
    return _chart_page(request, measure, None)


def _team(request, measure: Measure) -> Team | None:
    """The team asked for in the query (404 for one not in the measure's network)."""
    wanted = request.GET.get("team", "")
    if not wanted:
        return None
    if not wanted.isdecimal():
        raise Http404("No such team")
    return one_or_404(measure.network.teams.select_related("school"), int(wanted))


def _chart_page(request, measure: Measure, form: ChartPhaseForm | None, status: int = 200):
    team = _team(request, measure)
    view = request.GET.get("view", "")
    rule_set = request.GET.get("rules", "anhoj")
    drawn = selectors.measure_chart(
        user=request.user,
        measure=measure,
        team=team,
        view=view if view in selectors.VIEWS else "",
        rule_set=rule_set if rule_set in selectors.RULE_SETS else "anhoj",
    )
    runs = access.runs_network(request.user, request.district, measure.network)
    if runs and form is None:
        form = ChartPhaseForm(measure=measure, initial={"team": team})
    context = {
        "network": measure.network,
        "measure": measure,
        "team": team,
        "teams": measure.network.teams.select_related("school"),
        "drawn": drawn,
        "phases": selectors.phases_of(measure, team),
        "runs_network": runs,
        "form": form,
        "query": request.GET.urlencode(),
    }
    return render(request, "improvement/charts_measure.html", context, status=status)


def _back(request, measure: Measure):
    url = reverse("improvement:measure_chart", args=[measure.pk])
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


@require_POST
@district_view()
def chart_phase_new(request, pk: int):
    """A runner starts a new phase (a new baseline) on the measure's chart."""
    measure = access.get_measure_for_user(request.user, request.district, pk)
    access.get_network_for_running(request.user, request.district, measure.network.pk)
    form = ChartPhaseForm(request.POST, measure=measure)
    if form.is_valid():
        try:
            services.chart_phase_create(actor=request.user, measure=measure, **form.cleaned_data)
        except ValidationError as refused:
            for name, errors in refused.message_dict.items():
                for message in errors:
                    form.add_error(name if name in form.fields else None, message)
        else:
            messages.success(request, f"Phase “{form.cleaned_data['label']}” added.")
            return _back(request, measure)
    return _chart_page(request, measure, form, status=400)


@require_POST
@district_view()
def chart_phase_delete(request, pk: int, phase_pk: int):
    """A runner removes a phase from the measure's chart."""
    measure = access.get_measure_for_user(request.user, request.district, pk)
    access.get_network_for_running(request.user, request.district, measure.network.pk)
    phase = one_or_404(measure.phases.all(), phase_pk)
    services.chart_phase_delete(actor=request.user, phase=phase)
    messages.success(request, f"Phase “{phase.label}” removed.")
    return _back(request, measure)
