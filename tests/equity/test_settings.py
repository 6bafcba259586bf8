"""The district's audit settings: validated, audited, and a change queues a recompute."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from districtwise.analytics.equity.spec import AuditSettings
from districtwise.core.models import AuditEntry
from districtwise.data.models import Job
from districtwise.equity import selectors, services
from districtwise.equity.forms import EquitySettingsForm
from districtwise.equity.models import EquitySettings


def test_a_district_without_settings_runs_with_the_spec_defaults(cast):
    assert selectors.district_audit_settings(district=cast.district) == AuditSettings()
    assert selectors.equity_settings(user=cast["principal_north_1"], district=cast.district)
    assert selectors.equity_settings(user=cast["family"], district=cast.district) is None


def test_a_change_is_saved_with_its_history_and_queues_a_recompute(cast):
    actor = cast["superintendent"]
    row = services.equity_settings_update(
        actor=actor,
        district=cast.district,
        data={"minimum_n_size": "25", "risk_ratio_threshold": 3, "chronic_rule": "days"},
    )
    assert row.as_audit_settings() == AuditSettings(
        minimum_n_size=25, risk_ratio_threshold=3.0, chronic_rule="days"
    )
    entry = AuditEntry.objects.get(object_type="equity.equitysettings")
    assert entry.actor == actor and entry.action == "update"
    assert entry.changes == {
        "chronic_rule": ["share", "days"],
        "minimum_n_size": [30, 25],
        "risk_ratio_threshold": [2.0, 3.0],
    }
    job = Job.objects.get(kind="audit", district=cast.district)
    assert job.status == "queued" and job.created_by == actor


def test_saving_the_same_values_writes_no_history_and_queues_nothing(cast):
    services.equity_settings_update(
        actor=cast["data_steward"], district=cast.district, data={"minimum_display_n": 10}
    )
    assert not AuditEntry.objects.filter(object_type="equity.equitysettings").exists()
    assert not Job.objects.filter(kind="audit").exists()


def test_two_changes_queue_one_recompute(cast):
    for n in (11, 12):
        services.equity_settings_update(
            actor=cast["data_steward"], district=cast.district, data={"minimum_display_n": n}
        )
    assert Job.objects.filter(kind="audit", status="queued").count() == 1
    assert AuditEntry.objects.filter(object_type="equity.equitysettings").count() == 2


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"minimum_n_size": 0}, "Minimum n size must be at least 1"),
        ({"minimum_display_n": -3}, "Minimum display n must be at least 1"),
        ({"weight_disability": -0.5}, "Weight disability must not be negative"),
        ({"risk_ratio_threshold": 1}, "risk-ratio threshold must be above 1"),
        ({"chronic_share": 1.5}, "between 0 and 1"),
        ({"chronic_rule": "weeks"}, "'share' or 'days'"),
        ({"minimum_cell_size": 2.5}, "whole number"),
        ({"gap_points": "lots"}, "must be a number"),
        ({"risk_ratio_threshold": float("nan")}, "finite"),
        ({"risk_ratio_threshold": True}, "must be a number"),
        ({"year_start_month": 13}, "first month"),
        ({"year_start_month": 2, "year_start_day": 30}, "first day"),
        ({"not_a_setting": 1}, "no audit setting"),
    ],
)
def test_settings_out_of_range_are_refused_and_nothing_is_saved(cast, data, words):
    with pytest.raises(ValidationError) as refused:
        services.equity_settings_update(
            actor=cast["superintendent"], district=cast.district, data=data
        )
    assert any(words in message for message in refused.value.messages), refused.value.messages
    assert not EquitySettings.objects.filter(district=cast.district).exists()
    assert not AuditEntry.objects.filter(object_type="equity.equitysettings").exists()
    assert not Job.objects.filter(kind="audit").exists()


def test_every_problem_is_reported_at_once(cast):
    with pytest.raises(ValidationError) as refused:
        services.equity_settings_update(
            actor=cast["superintendent"],
            district=cast.district,
            data={"minimum_n_size": 0, "weight_english_learner": -1},
        )
    assert len(refused.value.messages) == 2


def test_a_refused_change_leaves_earlier_settings_as_they_were(cast):
    services.equity_settings_update(
        actor=cast["superintendent"], district=cast.district, data={"minimum_n_size": 40}
    )
    with pytest.raises(ValidationError):
        services.equity_settings_update(
            actor=cast["superintendent"],
            district=cast.district,
            data={"minimum_n_size": 50, "minimum_cell_size": 0},
        )
    assert selectors.district_audit_settings(district=cast.district).minimum_n_size == 40


def test_the_form_offers_every_setting_and_feeds_the_service(cast):
    form = EquitySettingsForm(data={**AuditSettings().as_dict(), "minimum_display_n": 15})
    assert form.is_valid(), form.errors
    row = services.equity_settings_update(
        actor=cast["superintendent"], district=cast.district, data=form.cleaned_data
    )
    assert row.minimum_display_n == 15
    assert set(form.fields) == set(AuditSettings().as_dict()) - {"extra"}
