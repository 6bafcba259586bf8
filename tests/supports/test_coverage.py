"""Coverage runs stored and read back, and the coverage pages: who sees which figures.
The world is ``tests/supports/coverage_world.py`` (its figures are worked out there)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.test import override_settings
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.supports.models import CoverageRun, LogAttendee
from districtwise.supports.services.coverage import CoverageUnavailable, coverage_compute
from tests import factories as f
from tests.supports.coverage_world import PERIOD, coverage_world, teacher_at_north_1


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield tmp_path / "var"


@pytest.fixture
def run(cast):
    return coverage_world(cast)


def by_name(run) -> dict[str, tuple[int, int, str]]:
    from districtwise.organization.models import Person

    rows = pq.read_table(Path(run.path) / "teachers.parquet").to_pylist()
    names = dict(Person.objects.values_list("pk", "given_name"))
    return {names[r["teacher_id"]]: (r["required"], r["received"], r["status"]) for r in rows}


def test_a_stored_run_reads_back_teacher_by_teacher(run):
    assert run.status == CoverageRun.Status.SUCCEEDED
    assert by_name(run) == {
        "Ada": (4, 4, "meets"),
        "Ben": (4, 1, "partial"),  # the 30-minute PLC does not count
        "Cleo": (2, 0, "none"),  # hired 15 September: 14 days, 2 PLCs owed
        "Dan": (4, 2, "partial"),
    }
    assert run.sources == {"assignments": 4, "supports": 1, "deliveries": 8, "placement_run": None}


def test_computing_is_recorded_in_the_audit_history(run):
    entries = AuditEntry.objects.filter(object_type="supports.coveragerun", object_id=str(run.pk))
    assert sorted(entries.values_list("action", flat=True)) == ["create", "update"]


def test_a_period_that_ends_before_it_starts_is_refused_and_nothing_is_stored(cast):
    with pytest.raises(CoverageUnavailable, match=r"ends .* before it starts"):
        coverage_compute(
            district=cast.district,
            actor=cast["superintendent"],
            period=(dt.date(2025, 9, 28), dt.date(2025, 9, 1)),
        )
    assert not CoverageRun.objects.exists()


def test_the_tier_of_each_school_comes_from_the_newest_placement(cast):
    from districtwise.strategy.models import PlacementRun, TierPlacement

    for tier in (1, 3):  # the second placement is the newest
        placement = PlacementRun.objects.create(
            district=cast.district, school_year=2026, rules_version=1
        )
        TierPlacement.objects.create(run=placement, school=cast.north_1, tier=tier)
    run = coverage_world(cast)
    members = pq.read_table(Path(run.path) / "memberships.parquet").to_pylist()
    tiers = {m["school_id"]: m["tier"] for m in members}
    assert tiers == {cast.north_1.pk: 3, cast.south_1.pk: None}


def test_the_heat_map_shows_the_schools_a_network_lead_reads(run, client_as):
    page = client_as("north_lead").get(reverse("supports:coverage")).content.decode()
    assert "North One Elementary" in page and "South One High" not in page
    # North One: Ada meets, Ben and Cleo do not: 1 of 3 is 33 %.
    assert "33 % (1 of 3)" in page and "<svg" in page


def test_the_heat_map_shows_every_school_to_the_central_office(run, client_as):
    page = client_as("superintendent").get(reverse("supports:coverage")).content.decode()
    assert "North One Elementary" in page and "South One High" in page
    assert "New (under 2 years)" in page  # the roll-up by experience
    # The district: Ada meets, Ben, Cleo and Dan do not.
    overall = client_as("superintendent").get(reverse("supports:coverage")).context["overall"]
    assert [(line.label, line.share.text) for line in overall] == [
        ("Every entitled teacher you oversee", "25 % (1 of 4)")
    ]


def test_a_year_in_progress_is_measured_up_to_today(cast):
    from districtwise.supports.services.coverage import default_period

    f.SchoolYearFactory(
        district=cast.district,
        year=2026,
        starts_on=dt.date(2025, 8, 18),
        ends_on=dt.date(2026, 6, 10),
        is_current=True,
    )
    today = dt.date(2025, 11, 3)
    assert default_period(cast.district, today=today) == (2026, dt.date(2025, 8, 18), today)
    later = dt.date(2026, 8, 1)
    assert default_period(cast.district, today=later)[2] == dt.date(2026, 6, 10)


def test_the_principal_sees_the_teachers_going_without_new_teachers_first(run, client_as):
    client = client_as("principal_north_1")
    response = client.get(
        reverse(
            "supports:coverage_school",
            args=[run.district.schools.get(name="North One Elementary").pk],
        )
    )
    view = response.context["view"]
    assert [(t.name, t.status) for t in view.going_without] == [
        ("Dunn, Cleo", "none"),
        ("Carter, Ben", "partial"),
    ]


def test_a_coach_sees_the_schools_figures_but_no_teacher(run, cast, client_as):
    client = client_as("coach_north_1")
    response = client.get(reverse("supports:coverage_school", args=[cast.north_1.pk]))
    assert response.status_code == 200
    assert "Carter" not in response.content.decode()
    assert response.context["view"].teachers is None
    export = client.get(reverse("supports:coverage_school_export", args=[cast.north_1.pk]))
    assert export.status_code == 403
    teacher = client.get(reverse("supports:coverage_teacher", args=[teacher_at_north_1(cast).pk]))
    assert teacher.status_code == 403


def test_another_principal_cannot_find_the_school_or_its_teachers(run, cast, client_as):
    client = client_as("principal_north_2")
    assert (
        client.get(reverse("supports:coverage_school", args=[cast.north_1.pk])).status_code == 404
    )
    url = reverse("supports:coverage_teacher", args=[teacher_at_north_1(cast).pk])
    assert client.get(url).status_code == 404


def test_the_teacher_page_lists_each_delivery_and_whether_it_counts(run, cast, client_as):
    url = reverse("supports:coverage_teacher", args=[teacher_at_north_1(cast).pk])
    page = client_as("principal_north_1").get(url).content.decode()
    assert "No: under 45 minutes" in page
    assert page.count("<td>Yes</td>") == 1


def test_the_export_is_the_teacher_table_with_formulas_neutralised(cast, client_as):
    f.TeacherAssignmentFactory(
        school=cast.north_1, teacher__given_name="x", teacher__family_name="=HYPERLINK(1)"
    )
    coverage_world(cast)
    url = reverse("supports:coverage_school_export", args=[cast.north_1.pk])
    response = client_as("principal_north_1").get(url)
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Teacher", "Experience", "Support", "Required", "Received", "Status"]
    assert ["Brook, Ada", "5 years or more", "Weekly PLC", "4", "4", "Meets"] in rows
    assert rows[1][0] == "'=HYPERLINK(1), x"


def test_a_principal_computes_coverage_and_a_coach_may_not(cast, client_as):
    f.SchoolYearFactory(
        district=cast.district,
        year=2026,
        starts_on=dt.date(2025, 8, 18),
        ends_on=dt.date(2026, 6, 10),
        is_current=True,
    )
    coach = client_as("coach_north_1").post(reverse("supports:coverage_compute"))
    assert coach.status_code == 403 and not CoverageRun.objects.exists()
    response = client_as("principal_north_1").post(reverse("supports:coverage_compute"))
    assert response.status_code == 302
    assert CoverageRun.objects.get().status == CoverageRun.Status.SUCCEEDED


def test_an_outsider_cannot_compute_the_districts_coverage(cast, client_as):
    client_as("outsider").post(reverse("supports:coverage_compute"))
    assert not CoverageRun.objects.filter(district=cast.district).exists()


def test_log_attendance_outside_the_district_is_not_read(run, cast):
    # A log of the other district for the same support code changes nothing here.
    other = f.DeliveryLogFactory(school=cast.other_school, delivered_on=dt.date(2025, 9, 3))
    LogAttendee.objects.create(
        log=other, teacher=f.TeacherFactory(district=cast.other_school.district)
    )
    again = coverage_compute(district=cast.district, actor=cast["superintendent"], period=PERIOD)
    assert by_name(again) == by_name(run)


def test_the_command_line_computes_a_period_and_refuses_bad_dates(cast):
    from typer.testing import CliRunner

    from districtwise.cli import app
    from tests.supports.coverage_world import coverage_world as world

    world(cast)  # the roster and the logs
    runner = CliRunner()
    code = cast.district.code
    args = ["supports-coverage", "--district", code, "--from", "2025-09-01", "--to", "2025-09-28"]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(
        f"Coverage of {code} from 2025-09-01 to 2025-09-28: 8 deliveries to the teachers of "
        "4 assignments"
    )
    bad = runner.invoke(app, ["supports-coverage", "--district", code, "--from", "1 Sept"])
    assert bad.exit_code == 2 and "Give both --from and --to" in " ".join(bad.output.split())
    assert CoverageRun.objects.filter(status="succeeded").count() == 2
