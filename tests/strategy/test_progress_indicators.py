"""Indicators and their hand-entered figures: who may add and feed them, what is refused
and why, and that a sheet with any wrong line saves nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districtwise.core.models import AuditEntry
from districtwise.strategy.models import Indicator, IndicatorValue
from districtwise.strategy.services import progress as services
from tests import factories as f
from tests.strategy.progress_audit import store_attendance_audit


@pytest.fixture
def indicator(cast):
    """A hand-entered rate measuring a goal owned by the department lead's department."""
    indicator = f.IndicatorFactory(
        district=cast.district, name="Grade 3 reading", source_note="State report card"
    )
    plan = f.PlanFactory(district=cast.district)
    f.GoalFactory(plan=plan, indicator=indicator, owner_department=cast.department)
    return indicator


def _manual(**more):
    return {"name": "Family survey: belonging", "unit": "rate", "source": "manual"} | more


# ---------------------------------------------------------------- services


def test_a_hand_entered_indicator_needs_its_source(cast):
    with pytest.raises(ValidationError) as refused:
        services.indicator_create(
            actor=cast["superintendent"], district=cast.district, data=_manual()
        )
    assert "source_note" in refused.value.message_dict
    assert not Indicator.objects.filter(district=cast.district).exists()


def test_a_computed_indicator_must_name_a_metric_the_audit_has(cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    store_attendance_audit(cast)
    data = _manual(source="engine", dimension="discipline", metric="oss_rate")
    with pytest.raises(ValidationError) as refused:
        services.indicator_create(actor=cast["superintendent"], district=cast.district, data=data)
    assert refused.value.message_dict["metric"] == [
        "Choose a metric present in the district's current figures (chosen: discipline: oss_rate)."
    ]
    data |= {"dimension": "attendance", "metric": "chronic_absenteeism"}
    made = services.indicator_create(
        actor=cast["superintendent"], district=cast.district, data=data
    )
    entry = AuditEntry.objects.get(object_type="strategy.indicator", object_id=str(made.pk))
    assert entry.action == "create" and entry.changes["metric"] == [None, "chronic_absenteeism"]


def test_a_sheet_with_one_wrong_line_saves_nothing_and_names_the_line(cast, indicator):
    text = "2025-06-30,0.41\n2026-06-30,41%\n"
    with pytest.raises(services.FigureSheetRefused) as refused:
        services.indicator_figures_import(
            actor=cast["department_lead"], indicator=indicator, text=text
        )
    assert [(p.line, p.column, p.rule) for p in refused.value.problems] == [
        (2, "value", "bad_number")
    ]
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_a_figure_entered_again_replaces_the_old_one_and_the_history_keeps_both(cast, indicator):
    lead = cast["department_lead"]
    services.indicator_figures_import(actor=lead, indicator=indicator, text="2026-06-30,0.41")
    services.indicator_figure_record(
        actor=lead, indicator=indicator, measured_on=dt.date(2026, 6, 30), value=D("0.43")
    )
    (row,) = IndicatorValue.objects.filter(indicator=indicator)
    assert row.value == D("0.43") and row.entered_by == lead
    change = AuditEntry.objects.get(object_type="strategy.indicatorvalue", action="update")
    assert change.changes["value"] == ["0.4100", "0.43"]


def test_a_rate_figure_over_one_is_refused_and_computed_indicators_take_no_figures(cast, indicator):
    with pytest.raises(ValidationError) as refused:
        services.indicator_figure_record(
            actor=cast["superintendent"],
            indicator=indicator,
            measured_on=dt.date(2026, 6, 30),
            value=D("41"),
        )
    assert "45 % is 0.45" in refused.value.message_dict["value"][0]
    computed = f.IndicatorFactory(district=cast.district, source="engine", dimension="attendance")
    with pytest.raises(ValidationError, match="not entered by hand"):
        services.indicator_figures_import(
            actor=cast["superintendent"], indicator=computed, text="2026-06-30,0.2"
        )


def test_an_indicator_with_figures_stays_entered_by_hand(cast, indicator):
    services.indicator_figures_import(
        actor=cast["superintendent"], indicator=indicator, text="2026-06-30,0.4"
    )
    with pytest.raises(ValidationError) as refused:
        services.indicator_update(
            actor=cast["superintendent"], indicator=indicator, data={"source": "engine"}
        )
    assert "stays entered by hand" in refused.value.message_dict["source"][0]


# ---------------------------------------------------------------- pages


def test_the_owning_department_lead_pastes_figures(client_as, cast, indicator):
    url = reverse("strategy:indicator_figures", args=[indicator.pk])
    sheet = "date,value,group_type,group\n2025-06-30,0.41\n2025-06-30,0.33,english_learner,Y"
    response = client_as("department_lead").post(url, {"form": "sheet", "sheet": sheet})
    assert response.status_code == 302
    assert IndicatorValue.objects.filter(indicator=indicator).count() == 2


def test_an_uploaded_sheet_with_errors_is_shown_line_by_line_and_nothing_is_saved(
    client_as, cast, indicator
):
    url = reverse("strategy:indicator_figures", args=[indicator.pk])
    upload = SimpleUploadedFile("figures.csv", b"2025-06-30,0.41\n2026-02-30,0.4\n", "text/csv")
    response = client_as("superintendent").post(url, {"form": "sheet", "upload": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nothing was saved: 1 problem(s) to fix." in text
    assert "&#x27;2026-02-30&#x27; is not a real date written YYYY-MM-DD." in text
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_a_reader_of_the_plan_may_not_enter_figures(client_as, cast, indicator):
    url = reverse("strategy:indicator_figures", args=[indicator.pk])
    response = client_as("principal_north_1").post(
        url, {"form": "sheet", "sheet": "2025-06-30,0.41"}
    )
    assert response.status_code == 403
    assert not IndicatorValue.objects.filter(indicator=indicator).exists()


def test_another_districts_indicator_is_not_found(client_as, cast, indicator):
    url = reverse("strategy:indicator_figures", args=[indicator.pk])
    assert (
        client_as("outsider").post(url, {"form": "sheet", "sheet": "2025-06-30,0.41"}).status_code
        == 404
    )
    assert (
        client_as("family")
        .get(reverse("strategy:indicator_detail", args=[indicator.pk]))
        .status_code
        == 404
    )


def test_a_department_lead_may_not_feed_another_departments_indicator(client_as, cast):
    theirs = f.IndicatorFactory(district=cast.district, source_note="HR system")
    f.GoalFactory(
        plan=f.PlanFactory(district=cast.district), indicator=theirs, owner_department=None
    )
    url = reverse("strategy:indicator_figures", args=[theirs.pk])
    assert client_as("department_lead").post(url, {"form": "one"}).status_code == 403


def test_the_cabinet_adds_an_indicator_and_readers_may_not(client_as, cast):
    url = reverse("strategy:indicator_create")
    data = _manual(source_note="Spring family survey", higher_is_better="on")
    assert client_as("principal_north_1").post(url, data).status_code == 403
    response = client_as("superintendent").post(url, data)
    made = Indicator.objects.get(district=cast.district, name="Family survey: belonging")
    assert response.status_code == 302 and made.source_note == "Spring family survey"
    assert (
        client_as("outsider").get(reverse("strategy:indicator_edit", args=[made.pk])).status_code
        == 404
    )


def test_the_form_says_what_is_missing(client_as, cast):
    response = client_as("department_lead").post(reverse("strategy:indicator_create"), _manual())
    assert response.status_code == 400
    assert "Say where the hand-entered figures come from" in response.content.decode()
    assert not Indicator.objects.filter(district=cast.district).exists()


def test_the_lead_changes_an_indicator_of_their_goal(client_as, cast, indicator):
    url = reverse("strategy:indicator_edit", args=[indicator.pk])
    data = _manual(name="Grade 3 reading on level", source_note="State report card")
    assert client_as("north_lead").post(url, data).status_code == 403
    assert client_as("department_lead").post(url, data).status_code == 302
    indicator.refresh_from_db()
    assert indicator.name == "Grade 3 reading on level"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.sampled_from("0123456789-.,\n %abY_"), max_size=120))
def test_garbage_sheets_are_refused_with_reasons_or_saved_whole(cast, indicator, text):
    before = list(IndicatorValue.objects.filter(indicator=indicator).values_list("pk", "value"))
    try:
        saved = services.indicator_figures_import(
            actor=cast["superintendent"], indicator=indicator, text=text
        )
    except services.FigureSheetRefused as refused:
        assert refused.problems and all(p.message for p in refused.problems)
        after = IndicatorValue.objects.filter(indicator=indicator).values_list("pk", "value")
        assert list(after) == before
    else:
        assert saved and all(D(0) <= row.value <= D(1) for row in saved)
