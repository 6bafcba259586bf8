"""The demo's improvement networks, built on a small hand-made district: the planted real
improvement is a signal of the Anhøj run-chart rules and the planted flat measure is not.

The verdicts are those of districtwise.analytics.runcharts.runs_analysis, whose limits are
tested against the Anhøj formulas in tests/analytics/test_runcharts.py."""

from __future__ import annotations

import statistics

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from districtwise.analytics.runcharts import runs_analysis
from districtwise.demo.improvement import CHANGE_WEEK, PLANTED, improvement_build
from districtwise.improvement.models import (
    ChartPhase,
    Cycle,
    DiagramVersion,
    ImprovementNetwork,
    MeasureValue,
    TeamMember,
)
from tests import factories as f


def small_district():
    district = f.DistrictFactory()
    for code, level in [
        ("H1", "high"),
        ("H2", "high"),
        ("M1", "middle"),
        ("E1", "elementary"),
        ("E2", "elementary"),
    ]:
        school = f.SchoolFactory(district=district, code=code, level=level, name=f"School {code}")
        for n in range(3):
            f.PersonFactory(district=district, school=school, staff_id=f"{code}-{n}")
    users = get_user_model()
    for username, school in [("network_lead", None), ("family", None), ("coach", "E2")]:
        person = f.PersonFactory(
            district=district,
            school=district.schools.get(code=school) if school else None,
            user=users.objects.get_or_create(username=username)[0],
        )
        assert person.user is not None
    return district


def _series(planted, key):
    measure_id, team_id = planted[key]
    values = MeasureValue.objects.filter(measure_id=measure_id, team_id=team_id).order_by(
        "period_start"
    )
    return [v.value for v in values], list(values)


def test_the_planted_improvement_is_a_signal_and_the_flat_measure_is_not(db):
    district = small_district()
    planted = improvement_build(district=district, seed=42)
    shift, rows = _series(planted, "shift")
    assert len(shift) == 24
    found = runs_analysis(shift)
    assert found.signal, found.words
    assert statistics.mean(shift[:CHANGE_WEEK]) < 0.66 < 0.70 < statistics.mean(shift[CHANGE_WEEK:])
    phase = ChartPhase.objects.get(measure_id=planted["shift"][0])
    assert phase.starts_on == rows[CHANGE_WEEK].period_start and phase.change_idea is not None
    assert all(r.numerator is not None and r.numerator <= r.denominator for r in rows)
    flat, _ = _series(planted, "flat")
    found = runs_analysis(flat)
    assert found.enough_points and not found.signal, found.words
    network = ImprovementNetwork.objects.get(district=district, name=PLANTED["flat"][0])
    assert network.measures.get(pk=planted["flat"][0]).name == PLANTED["flat"][1]


def test_the_demo_network_has_its_people_theory_and_ramps(db):
    district = small_district()
    improvement_build(district=district, seed=42)
    network = ImprovementNetwork.objects.get(district=district, name=PLANTED["shift"][0])
    assert [t.school.code for t in network.teams.order_by("school__code")] == ["H1", "H2", "M1"]
    assert network.leads.get().user.username == "network_lead"
    assert TeamMember.objects.filter(person__user__username="family", kind="family").exists()
    assert TeamMember.objects.filter(
        person__user__username="coach", team__school__code="E2"
    ).exists()
    versions = DiagramVersion.objects.filter(network=network)
    assert versions.filter(recorded_at__isnull=False).count() == 2 and versions.count() == 3
    assert 6 <= network.change_ideas.count() <= 8
    assert set(network.measures.values_list("kind", flat=True)) == {
        "outcome",
        "process",
        "balancing",
    }
    cycles = Cycle.objects.filter(team__network=network)
    decisions = set(cycles.values_list("decision", flat=True))
    assert {"adopt", "adapt", "abandon"} <= decisions
    assert cycles.filter(previous__isnull=False).count() >= 2
    assert network.learning_entries.count() >= 3


@pytest.mark.slow
def test_in_the_built_demo_the_data_measure_has_values_and_the_plants_hold(db, tmp_path):
    from districtwise.core.models import StudentRecordGrant
    from districtwise.demo.build import demo_build
    from districtwise.demo.improvement import ATTENDANCE
    from districtwise.organization.models import District, School

    # The demo's log-in names are the role names; the suite's cast uses some of them too.
    StudentRecordGrant.objects.all().delete()
    get_user_model().objects.all().delete()
    School.objects.all().delete()
    District.objects.all().delete()
    with override_settings(DATA_DIR=tmp_path / "var"):
        district = demo_build(seed=7, students=2500).district
    network = ImprovementNetwork.objects.get(district=district, name=ATTENDANCE)
    data_measure = network.measures.get(source="engine")
    shown = data_measure.values.filter(value__isnull=False)
    assert shown.exists() and all(v.numerator is not None for v in shown)
    assert TeamMember.objects.filter(team__network=network, person__user__username="coach").exists()
    ninth = ImprovementNetwork.objects.get(district=district, name=PLANTED["shift"][0])
    team = ninth.teams.order_by("school__code").first()
    for key, signal in (("shift", True), ("flat", False)):
        measure = ninth.measures.get(name=PLANTED[key][1])
        series = [v.value for v in measure.values.filter(team=team).order_by("period_start")]
        assert runs_analysis(series).signal is signal, key
