"""The chart pages: the board, a measure's chart per team and for the network, its phases
(added and removed by the network's runners only), and ``network_charts`` for the summary."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import ChartPhase, MeasureValue
from districtwise.improvement.selectors.charts import network_charts
from tests import factories as f
from tests.improvement.matrix import matrix_network
from tests.improvement.test_charts_series import SHIFTED

START = dt.date(2025, 9, 1)


def measure_with_values(network, team, values, **fields) -> object:
    measure = f.MeasureFactory(network=network, **fields)
    for week, value in enumerate(values):
        MeasureValue.objects.create(
            measure=measure,
            team=team,
            period_start=START + dt.timedelta(weeks=week),
            value=value,
        )
    return measure


@pytest.fixture
def network(cast):
    return matrix_network(cast)


@pytest.fixture
def team(network):
    return network.teams.get()


def chart_url(measure, team=None, **query) -> str:
    url = reverse("improvement:measure_chart", args=[measure.pk])
    if team is not None:
        query["team"] = team.pk
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_board_groups_the_measures_and_gives_each_its_verdict(client_as, network, team):
    measure_with_values(network, team, SHIFTED, name="Courses passed", kind="outcome")
    measure_with_values(network, team, [3, 4], name="Check-ins held", kind="process")
    page = client_as("family").get(reverse("improvement:charts", args=[network.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.index("Outcome measures") < text.index("Courses passed")
    assert text.index("Process measures") < text.index("Check-ins held")
    assert "No balancing measures yet." in text
    assert "Anhøj, unusually long run" in text
    assert "Only 2 useful points" in text


def test_a_teams_chart_shows_its_signal_points_in_the_table(client_as, network, team):
    measure = measure_with_values(network, team, SHIFTED, name="Courses passed")
    page = client_as("coach_north_1").get(chart_url(measure, team))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count('class="dw-signal"') == 20
    assert "<td>Yes</td>" in text and "Rules applied:" in text
    assert "Start a new phase" not in text  # a team member reads the phases, runs none


def test_the_ihi_rules_and_the_control_chart_are_options_of_the_page(client_as, network, team):
    measure = measure_with_values(network, team, SHIFTED, name="Courses passed")
    ihi = client_as("north_lead").get(chart_url(measure, team, rules="ihi")).content.decode()
    assert "Signal (IHI rules)" in ihi
    control = client_as("north_lead").get(chart_url(measure, team, view="control"))
    assert "I chart (XmR)" in control.content.decode()
    assert 'class="dw-limit"' in control.content.decode()


def test_the_network_line_pools_counts_of_a_p_chart(client_as, cast, network, team):
    second = f.TeamFactory(network=network, school=cast.north_2)
    measure = f.MeasureFactory(network=network, chart="p", unit="%")
    for on_team, (count, of) in ((team, (5, 50)), (second, (30, 100))):
        MeasureValue.objects.create(
            measure=measure, team=on_team, period_start=START, value=count / of,
            numerator=count, denominator=of,
        )  # fmt: skip
    page = client_as("north_lead").get(chart_url(measure)).content.decode()
    # 35 of 150 = 23.3 %, not the mean of 10 % and 30 %.
    assert "<td>23.3 %</td>" in page and "<td>35 of 150</td>" in page
    assert "counts are added up per period" in page


def test_the_network_line_of_a_run_chart_is_the_mean_of_the_teams(client_as, cast, network, team):
    second = f.TeamFactory(network=network, school=cast.north_2)
    measure = f.MeasureFactory(network=network, unit="students")
    for on_team, value in ((team, 4), (second, 8)):
        MeasureValue.objects.create(measure=measure, team=on_team, period_start=START, value=value)
    page = client_as("north_lead").get(chart_url(measure)).content.decode()
    assert "<td>6 students</td>" in page


def test_a_teams_cycle_appears_on_its_timeline(client_as, network, team):
    measure = measure_with_values(network, team, SHIFTED)
    f.CycleFactory(team=team, title="Weekly grade check", planned_start=dt.date(2025, 10, 6))
    page = client_as("family").get(chart_url(measure, team)).content.decode()
    assert 'class="dw-cycle"' in page
    assert "<td>Weekly grade check</td>" in page and "October 6, 2025" in page


def test_a_team_of_another_network_is_not_found(client_as, cast, network, team):
    measure = measure_with_values(network, team, SHIFTED)
    stranger = f.TeamFactory(school=cast.south_1, network__district=cast.district)
    assert client_as("north_lead").get(chart_url(measure, stranger)).status_code == 404
    assert client_as("north_lead").get(chart_url(measure) + "?team=x").status_code == 404


# ---- phases: runners write, readers 403, others 404 ----
def phase_post(client, measure, **data):
    fields = {"starts_on": "2025-11-03", "label": "Grade check adopted"} | data
    return client.post(reverse("improvement:chart_phase_new", args=[measure.pk]), fields)


def test_a_runner_adds_a_phase_and_the_limits_start_again(client_as, network, team):
    measure = measure_with_values(network, team, SHIFTED, chart="i")
    idea = f.ChangeIdeaFactory(network=network, title="Grade checks")
    response = phase_post(client_as("north_lead"), measure, change_idea=idea.pk, team=team.pk)
    assert response.status_code == 302
    phase = ChartPhase.objects.get(measure=measure)
    assert (phase.starts_on, phase.team, phase.change_idea) == (dt.date(2025, 11, 3), team, idea)
    assert AuditEntry.objects.filter(object_type="improvement.chartphase", action="create").exists()
    page = client_as("north_lead").get(chart_url(measure, team)).content.decode()
    assert "From November 3, 2025 (Grade check adopted)" in page
    assert 'class="dw-phase"' in page


def test_a_date_outside_the_networks_period_is_refused_and_nothing_saved(client_as, network):
    measure = f.MeasureFactory(network=network)
    response = phase_post(client_as("north_lead"), measure, starts_on="2024-05-01")
    assert response.status_code == 400
    assert "May 1, 2024 is outside the network&#x27;s period" in response.content.decode()
    assert not ChartPhase.objects.exists()


def test_a_label_is_needed(client_as, network):
    measure = f.MeasureFactory(network=network)
    assert phase_post(client_as("north_lead"), measure, label="").status_code == 400
    assert not ChartPhase.objects.exists()


ADD_PHASE = [("coach_north_1", 403), ("family", 403), ("principal_south_1", 404), ("outsider", 404)]


@pytest.mark.parametrize(("person", "status"), ADD_PHASE)
def test_only_runners_add_a_phase(client_as, network, person, status):
    measure = f.MeasureFactory(network=network)
    assert phase_post(client_as(person), measure).status_code == status
    assert not ChartPhase.objects.exists()


REMOVE_PHASE = [
    ("superintendent", 302),
    ("north_lead", 302),
    ("coach_north_1", 403),
    ("outsider", 404),
]


@pytest.mark.parametrize(("person", "status"), REMOVE_PHASE)
def test_only_runners_remove_a_phase(client_as, network, person, status):
    measure = f.MeasureFactory(network=network)
    phase = ChartPhase.objects.create(measure=measure, starts_on=START, label="New rota")
    url = reverse("improvement:chart_phase_delete", args=[measure.pk, phase.pk])
    assert client_as(person).post(url).status_code == status
    assert ChartPhase.objects.filter(pk=phase.pk).exists() == (status != 302)
    removed = AuditEntry.objects.filter(object_type="improvement.chartphase", action="delete")
    assert removed.exists() == (status == 302)


def test_a_measure_without_values_says_so(client_as, network):
    measure = f.MeasureFactory(network=network)
    page = client_as("family").get(chart_url(measure))
    assert page.status_code == 200
    assert "No values yet" in page.content.decode()


# ---- network_charts: what the meeting summary and its PDF include ----
def test_network_charts_gives_each_measure_its_network_line(cast, network, team):
    shifted = measure_with_values(network, team, SHIFTED, name="Courses passed")
    flat = measure_with_values(network, team, [6, 7, 4, 5, 8, 3, 6, 5, 4, 7, 6, 8], name="Flat")
    charts = network_charts(user=cast["family"], network=network)
    assert [(c.measure, c.team, c.kind, c.signal) for c in charts] == [
        (shifted, None, "run", True),
        (flat, None, "run", False),
    ]
    assert "unusually long run" in charts[0].words
    assert str(charts[0].svg).startswith("<svg") and 'width="640"' in charts[0].svg
    assert network_charts(user=cast["principal_south_1"], network=network) == []


def test_the_summary_charts_leave_the_cycles_to_the_summary_and_the_chart_page_keeps_them(cast):
    import datetime as dt

    from districtwise.improvement.selectors import charts as chart_selectors
    from tests import factories as f
    from tests.improvement.matrix import matrix_network

    network = matrix_network(cast)
    team = network.teams.get()
    measure = f.MeasureFactory(network=network, name="Courses passed", chart="run")
    for week in range(12):
        on = dt.date(2025, 9, 1) + dt.timedelta(weeks=week)
        measure.values.create(team=team, period_start=on, value=float(week % 3))
    f.CycleFactory(team=team, planned_start=dt.date(2025, 9, 15))
    user = cast["north_lead"]
    (summary_chart,) = chart_selectors.network_charts(user=user, network=network)
    page_chart = chart_selectors.measure_chart(user=user, measure=measure, team=None)
    assert 'class="dw-cycle"' not in summary_chart.svg
    assert 'class="dw-cycle"' in page_chart.svg
