"""The progress CSV: every goal, period and group with its figure, what the line expects,
and the status as of that period; hidden figures stay hidden, formulas stay text."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.urls import reverse

from districtwise.strategy.exports.progress import HEADER, progress_csv
from districtwise.strategy.models import GoalGroupTarget
from tests import factories as f
from tests.strategy.progress_audit import store_attendance_audit


@pytest.fixture
def goal(cast, settings, tmp_path):
    settings.DATA_DIR = tmp_path / "var"
    store_attendance_audit(cast)
    indicator = f.IndicatorFactory(
        district=cast.district,
        name="Chronic absence",
        source="engine",
        dimension="attendance",
        metric="chronic_absenteeism",
    )
    goal = f.GoalFactory(
        plan=f.PlanFactory(district=cast.district),
        code="G1",
        title='=HYPERLINK("http://example.invalid")',
        indicator=indicator,
        baseline_value=D("0.20"),
        baseline_on=dt.date(2024, 6, 30),
        target_value=D("0.10"),
        target_on=dt.date(2028, 6, 30),
    )
    GoalGroupTarget.objects.create(
        goal=goal, group_type="race_ethnicity", group="BL", target_value=D("0.1")
    )
    return goal


def _rows(cast, person):
    return list(
        csv.DictReader(io.StringIO(progress_csv(user=cast[person], district=cast.district)))
    )


def test_every_period_of_every_line_has_its_figure_expectation_and_status(cast, goal):
    rows = _rows(cast, "superintendent")
    assert list(rows[0]) == list(HEADER)
    overall = [r for r in rows if r["group_type"] == "all"]
    assert [
        (r["period_ending"], r["value"], r["figure_note"], r["expected"], r["status"])
        for r in overall
    ] == [
        # At the baseline the line expects the baseline; nothing after it yet: no data.
        ("2024-06-30", "0.2", "", "0.2000", "No data"),
        # 2025 has no figure: a gap, never 0; the line expects 0.2 - 0.1 * 365/1461 = 0.1750.
        ("2025-06-30", "", "no figure", "0.1750", "No data"),
        # 2026: 0.155 against 0.1500 expected (0.2 - 0.1 * 730/1461): 90.1 % -> on track.
        ("2026-06-30", "0.155", "", "0.1500", "On track"),
    ]
    assert rows[0]["goal"] == '\'=HYPERLINK("http://example.invalid")'


def test_a_hidden_group_figure_stays_hidden_with_its_reason(cast, goal):
    black = [r for r in _rows(cast, "superintendent") if r["group"] == "BL"]
    assert {(r["value"], r["figure_note"]) for r in black} == {
        ("", "hidden: fewer than 10 students")
    }
    # The group has no baseline of its own: its status cannot be judged.
    assert {r["status"] for r in black} == {"No data"}
    shown = [r for r in _rows(cast, "data_steward") if r["group"] == "BL"]
    assert {r["value"] for r in shown} == {"0.25"}


def test_the_download_is_for_readers_of_the_plan(client_as, cast, goal):
    response = client_as("north_lead").get(reverse("strategy:progress_export"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="progress-riverside.csv"'
    assert "hidden: fewer than 10 students" in response.content.decode()
    assert client_as("family").get(reverse("strategy:progress_export")).status_code == 404
