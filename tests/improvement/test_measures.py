"""Measures of a network: runners add, edit and retire them; team editors enter values in
a grid or a sheet; readers read; the measure data downloads as CSV."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import Measure, MeasureValue
from tests import factories as f
from tests.improvement.matrix import matrix_measure, matrix_network, matrix_team

MEASURE = {
    "name": "Ninth graders on track",
    "kind": "outcome",
    "definition": "Ninth graders with no failing grade at the weekly grade check.",
    "source": "entered",
    "metric_key": "",
    "frequency": "weekly",
    "chart": "p",
    "unit": "%",
    "higher_is_better": "on",
}


def test_a_lead_adds_a_measure_with_its_definition_and_it_is_audited(client_as, cast):
    network = matrix_network(cast)
    url = reverse("improvement:measure_create", args=[network.pk])
    response = client_as("north_lead").post(url, MEASURE)
    measure = Measure.objects.get(network=network, name="Ninth graders on track")
    assert response.status_code == 302 and response.url == reverse(
        "improvement:measure", args=[measure.pk]
    )
    assert (measure.kind, measure.chart, measure.frequency) == ("outcome", "p", "weekly")
    assert AuditEntry.objects.filter(object_type="improvement.measure", action="create").exists()


def test_a_measure_without_a_definition_or_a_name_taken_is_refused(client_as, cast):
    network = matrix_network(cast)
    url = reverse("improvement:measure_create", args=[network.pk])
    response = client_as("north_lead").post(url, MEASURE | {"definition": ""})
    assert response.status_code == 400 and b"This field is required" in response.content
    matrix_measure(cast)
    response = client_as("north_lead").post(url, MEASURE | {"name": "Matrix measure"})
    assert response.status_code == 400 and b"already has a measure named" in response.content
    assert network.measures.count() == 1


def test_a_reader_or_team_member_cannot_add_or_change_a_measure_and_an_outsider_gets_404(
    client_as, cast
):
    network = matrix_network(cast)
    measure = matrix_measure(cast)
    create = reverse("improvement:measure_create", args=[network.pk])
    assert client_as("coach_north_1").post(create, MEASURE).status_code == 403
    assert client_as("principal_north_1").post(create, MEASURE).status_code == 403
    assert client_as("outsider").post(create, MEASURE).status_code == 404
    edit = reverse("improvement:measure_edit", args=[measure.pk])
    assert client_as("family").post(edit, MEASURE).status_code == 403
    retire = reverse("improvement:measure_retire", args=[measure.pk])
    assert client_as("coach_north_1").post(retire).status_code == 403
    assert client_as("principal_south_1").post(retire).status_code == 404
    assert network.measures.count() == 1 and Measure.objects.get(pk=measure.pk).retired_at is None


def test_a_lead_edits_and_retires_a_measure(client_as, cast):
    measure = matrix_measure(cast)
    lead = client_as("north_lead")
    edit = reverse("improvement:measure_edit", args=[measure.pk])
    assert lead.post(edit, MEASURE | {"name": "Renamed", "chart": "run"}).status_code == 302
    assert Measure.objects.get(pk=measure.pk).name == "Renamed"
    assert lead.post(reverse("improvement:measure_retire", args=[measure.pk])).status_code == 302
    assert Measure.objects.get(pk=measure.pk).retired_at is not None
    page = lead.get(reverse("improvement:measure", args=[measure.pk])).content
    assert b"Retired on" in page


def test_a_measure_with_values_keeps_its_chart(client_as, cast):
    measure = matrix_measure(cast)
    MeasureValue.objects.create(
        measure=measure, team=matrix_team(cast), period_start=dt.date(2025, 10, 6), value=3
    )
    edit = reverse("improvement:measure_edit", args=[measure.pk])
    response = client_as("north_lead").post(edit, MEASURE | {"name": measure.name})
    assert response.status_code == 400 and b"keeps it" in response.content
    assert Measure.objects.get(pk=measure.pk).chart == "run"


def _grid(measure, team, values: dict[str, dict]) -> dict:
    data: dict = {"period_start": list(values)}
    for start, cells in values.items():
        data |= {f"{k}-{start}": v for k, v in cells.items()}
    return data


def test_a_team_member_enters_values_in_the_grid_and_clears_one(client_as, cast):
    measure = matrix_measure(cast)
    team = matrix_team(cast)
    url = reverse("improvement:measure_team_values", args=[measure.pk, team.pk])
    coach = client_as("coach_north_1")
    page = coach.get(url)
    assert page.status_code == 200 and b"October 6, 2025" in page.content
    data = _grid(
        measure,
        team,
        {"2025-10-06": {"value": "12"}, "2025-10-13": {"value": "15", "note": "after the huddle"}},
    )
    assert coach.post(url, data).status_code == 302
    found = {
        v.period_start: (v.value, v.note) for v in MeasureValue.objects.filter(measure=measure)
    }
    assert found == {
        dt.date(2025, 10, 6): (12.0, ""),
        dt.date(2025, 10, 13): (15.0, "after the huddle"),
    }
    data = _grid(
        measure,
        team,
        {"2025-10-06": {"value": ""}, "2025-10-13": {"value": "16", "note": "after the huddle"}},
    )
    assert coach.post(url, data).status_code == 302
    assert [(v.period_start, v.value) for v in MeasureValue.objects.filter(measure=measure)] == [
        (dt.date(2025, 10, 13), 16.0)
    ]
    assert (
        AuditEntry.objects.filter(object_type="improvement.measurevalue", action="delete").count()
        == 1
    )


def test_a_grid_with_a_wrong_value_saves_nothing_and_says_which_row(client_as, cast):
    measure = matrix_measure(cast)
    team = matrix_team(cast)
    url = reverse("improvement:measure_team_values", args=[measure.pk, team.pk])
    data = _grid(measure, team, {"2025-10-06": {"value": "12"}, "2025-10-13": {"value": "twelve"}})
    response = client_as("family").post(url, data)
    assert response.status_code == 400
    assert b"This row, column value: &#x27;twelve&#x27; is not a number" in response.content
    assert not MeasureValue.objects.filter(measure=measure).exists()


def test_a_p_chart_grid_computes_the_value_and_refuses_a_numerator_over_its_denominator(
    client_as, cast
):
    measure = f.MeasureFactory(network=matrix_network(cast), chart="p", name="On track")
    team = matrix_team(cast)
    url = reverse("improvement:measure_team_values", args=[measure.pk, team.pk])
    coach = client_as("coach_north_1")
    bad = _grid(measure, team, {"2025-10-06": {"numerator": "51", "denominator": "50"}})
    response = coach.post(url, bad)
    assert response.status_code == 400 and b"more than the denominator" in response.content
    good = _grid(measure, team, {"2025-10-06": {"numerator": "37", "denominator": "50"}})
    assert coach.post(url, good).status_code == 302
    value = MeasureValue.objects.get(measure=measure)
    assert (value.value, value.numerator, value.denominator) == (0.74, 37, 50)


def test_a_reader_cannot_enter_values_and_an_outsider_gets_404(client_as, cast):
    measure = matrix_measure(cast)
    team = matrix_team(cast)
    url = reverse("improvement:measure_team_values", args=[measure.pk, team.pk])
    data = _grid(measure, team, {"2025-10-06": {"value": "12"}})
    assert client_as("principal_north_1").post(url, data).status_code == 403
    assert client_as("outsider").post(url, data).status_code == 404
    upload = reverse("improvement:measure_upload", args=[measure.pk])
    sheet = {"sheet": "team,period_start,value\nNorth One,2025-10-06,3\n"}
    assert client_as("principal_north_1").post(upload, sheet).status_code == 403
    assert client_as("principal_south_1").post(upload, sheet).status_code == 404
    assert not MeasureValue.objects.exists()


def test_a_pasted_sheet_is_saved_whole_or_refused_whole_with_a_report(client_as, cast):
    measure = matrix_measure(cast)
    code = cast.north_1.code
    south = f.TeamFactory(network=measure.network, school=cast.south_1)
    url = reverse("improvement:measure_upload", args=[measure.pk])
    coach = client_as("coach_north_1")
    sheet = (
        "school_code,period_start,value,note\n"
        f"{code},2025-10-06,4,\n"
        f"{code},2025-10-08,5,\n"
        f"{cast.south_1.code},2025-10-13,6,\n"
        f"{code},2027-01-04,7,\n"
    )
    response = coach.post(url, {"sheet": sheet})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Nothing was saved: 3 problem(s)" in body
    assert "week starting 2025-10-06" in body
    assert "you do not enter values for" in body and "outside the network" in body
    assert not MeasureValue.objects.exists()
    good = f"school_code,period_start,value,note\n{code},2025-10-06,4,first\n{code},2025-10-13,5,\n"
    assert coach.post(url, {"sheet": good}).status_code == 302
    assert MeasureValue.objects.filter(measure=measure).count() == 2
    assert not MeasureValue.objects.filter(team=south).exists()


def test_readers_see_the_table_and_download_the_csv_with_formulas_neutralised(client_as, cast):
    measure = matrix_measure(cast)
    MeasureValue.objects.create(
        measure=measure,
        team=matrix_team(cast),
        period_start=dt.date(2025, 10, 6),
        value=3,
        note="=HYPERLINK(1)",
    )
    page = client_as("principal_north_1").get(reverse("improvement:measure", args=[measure.pk]))
    assert page.status_code == 200 and b"October 6, 2025" in page.content
    response = client_as("family").get(
        reverse("improvement:measures_export", args=[measure.network.pk])
    )
    lines = response.content.decode().splitlines()
    assert (
        lines[0]
        == "network,team,school_code,measure,kind,period_start,value,numerator,denominator,note"
    )
    assert lines[1].startswith("Matrix network,") and lines[1].endswith(
        ",2025-10-06,3.0,,,'=HYPERLINK(1)"
    )
    assert (
        client_as("principal_south_1")
        .get(reverse("improvement:measures_export", args=[measure.network.pk]))
        .status_code
        == 404
    )


def test_a_measure_from_the_districts_data_takes_its_chart_from_the_metric(client_as, cast):
    network = matrix_network(cast)
    url = reverse("improvement:measure_create", args=[network.pk])
    data = MEASURE | {"name": "Suspended", "source": "engine", "chart": "run", "unit": ""}
    response = client_as("north_lead").post(url, data)
    assert response.status_code == 400 and b"Choose the metric" in response.content
    response = client_as("north_lead").post(url, data | {"metric_key": "suspended_share"})
    assert response.status_code == 302
    measure = network.measures.get(name="Suspended")
    assert (measure.chart, measure.unit, measure.higher_is_better) == ("p", "%", False)


def test_a_retired_measure_takes_no_new_values(client_as, cast):
    measure = matrix_measure(cast)
    assert (
        client_as("north_lead")
        .post(reverse("improvement:measure_retire", args=[measure.pk]))
        .status_code
        == 302
    )
    url = reverse("improvement:measure_upload", args=[measure.pk])
    sheet = f"school_code,period_start,value\n{cast.north_1.code},2025-10-06,3\n"
    response = client_as("coach_north_1").post(url, {"sheet": sheet})
    assert response.status_code == 400 and b"is retired" in response.content
    assert not MeasureValue.objects.exists()
