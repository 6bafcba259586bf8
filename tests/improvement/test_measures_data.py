"""Measures computed from the district's data: a small hand-made import, worked by hand.

North One has 12 students from August 18, 2025 (one, s12, leaves on September 30);
North Two has 3. Discipline: at North One on September 3 s01 gets an OSS (incident I1),
on September 10 s02 and s03 an ISS each (incident I2), on October 15 s01 a referral
(I3); at North Two on September 5 s13 an OSS (I4). Daily attendance: the week of
September 8 at North One, every student every day, with s01 absent on Monday and s02
absent half of Tuesday: 58.5 of 60 days attended.

By hand, North One by month: August 0 of 12 suspended, September 3 of 12 (0.25),
October 0 of 11; incidents per 100 students: September 2 / 0.12 = 16.67, October
1 / 0.11 = 9.09. Every North Two figure is about 3 students, under the minimum display n
of 10: stored without numbers, with a note that says why.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.urls import reverse

from districtwise.core.models import AuditEntry
from districtwise.improvement.models import MeasureValue
from districtwise.improvement.services.measures_data import measure_refresh_from_data
from tests import factories as f
from tests.data.test_import import run_import
from tests.improvement.matrix import matrix_network

D = dt.date


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


def write(folder, name, header, rows):
    lines = [",".join(header)] + [",".join(map(str, r)) for r in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def small_files(cast, folder, *, daily=True):
    folder.mkdir()
    n1, n2 = cast.north_1.code, cast.north_2.code
    write(
        folder,
        "schools.csv",
        ["school_id", "name", "level", "grade_low", "grade_high", "title_i"],
        [[n1, "North One", "high", "09", "12", "N"], [n2, "North Two", "high", "09", "12", "N"]],
    )
    students = [f"s{i:02d}" for i in range(1, 16)]
    write(
        folder,
        "students.csv",
        ["student_id", "sex", "race_ethnicity"],
        [[s, "F", "WH"] for s in students],
    )
    enrollments = [
        [
            s,
            n1 if i < 12 else n2,
            2026,
            "09",
            "2025-08-18",
            "2025-09-30" if s == "s12" else "",
            "N",
            "N",
            "N",
        ]
        for i, s in enumerate(students)
    ]
    write(
        folder,
        "enrollments.csv",
        [
            "student_id",
            "school_id",
            "school_year",
            "grade_level",
            "entry_date",
            "exit_date",
            "economically_disadvantaged",
            "english_learner",
            "disability",
        ],
        enrollments,
    )
    write(
        folder,
        "discipline.csv",
        ["incident_id", "student_id", "school_id", "date", "action", "days_removed", "offense"],
        [
            ["I1", "s01", n1, "2025-09-03", "OSS", 2, "FIGHT"],
            ["I2", "s02", n1, "2025-09-10", "ISS", 1, "FIGHT"],
            ["I2", "s03", n1, "2025-09-10", "ISS", 1, "FIGHT"],
            ["I3", "s01", n1, "2025-10-15", "REF", 0, "THEFT"],
            ["I4", "s13", n2, "2025-09-05", "OSS", 1, "FIGHT"],
        ],
    )
    if daily:
        rows = []
        for s in students[:12]:
            for day in range(8, 13):
                status = "A" if (s, day) == ("s01", 8) else "H" if (s, day) == ("s02", 9) else "P"
                rows.append([s, n1, f"2025-09-{day:02d}", status])
        write(folder, "attendance_daily.csv", ["student_id", "school_id", "date", "status"], rows)
    return folder


def network_with_data_measures(cast):
    network = matrix_network(cast)
    f.TeamFactory(network=network, school=cast.north_2)
    measures = {
        key: f.MeasureFactory(
            network=network,
            name=key,
            source="engine",
            metric_key=key,
            frequency=frequency,
            chart=chart,
        )
        for key, frequency, chart in [
            ("suspended_share", "monthly", "p"),
            ("incidents_per_100", "monthly", "u"),
            ("attendance_rate", "weekly", "p"),
        ]
    }
    return network, measures


def values(measure, school):
    rows = MeasureValue.objects.filter(measure=measure, team__school=school).order_by(
        "period_start"
    )
    return [
        (r.period_start, None if r.value is None else round(r.value, 4), r.numerator, r.denominator)
        for r in rows
    ]


def test_an_import_computes_the_measures_per_school_and_hides_small_counts(cast, tmp_path):
    _network, measures = network_with_data_measures(cast)
    assert (
        run_import(small_files(cast, tmp_path / "files"), code=cast.district.code).status == "live"
    )
    assert values(measures["suspended_share"], cast.north_1) == [
        (D(2025, 8, 1), 0.0, 0.0, 12.0),
        (D(2025, 9, 1), 0.25, 3.0, 12.0),
        (D(2025, 10, 1), 0.0, 0.0, 11.0),
    ]
    assert values(measures["incidents_per_100"], cast.north_1) == [
        (D(2025, 8, 1), 0.0, 0.0, 0.12),
        (D(2025, 9, 1), 16.6667, 2.0, 0.12),
        (D(2025, 10, 1), 9.0909, 1.0, 0.11),
    ]
    assert values(measures["attendance_rate"], cast.north_1) == [(D(2025, 9, 8), 0.975, 58.5, 60.0)]
    hidden = MeasureValue.objects.filter(
        measure=measures["suspended_share"], team__school=cast.north_2
    )
    assert hidden.count() == 3
    assert all(
        r.value is None and r.numerator is None and "fewer than 10 students" in r.note
        for r in hidden
    )


def test_a_refresh_replaces_the_values_and_says_what_is_missing(cast, tmp_path):
    network, measures = network_with_data_measures(cast)
    assert (
        run_import(
            small_files(cast, tmp_path / "files", daily=False), code=cast.district.code
        ).status
        == "live"
    )
    outcomes = {
        o.measure.metric_key: o
        for o in measure_refresh_from_data(
            actor=cast["north_lead"], district=cast.district, network=network
        )
    }
    assert "attendance_daily.csv" in outcomes["attendance_rate"].problem
    assert (outcomes["suspended_share"].written, outcomes["suspended_share"].hidden) == (6, 3)
    assert MeasureValue.objects.filter(measure=measures["suspended_share"]).count() == 6
    assert AuditEntry.objects.filter(object_type="improvement.measure", action="refresh").exists()


def test_the_refresh_button_is_for_the_networks_leads(client_as, cast, tmp_path):
    network, _measures = network_with_data_measures(cast)
    url = reverse("improvement:measures_refresh", args=[network.pk])
    assert client_as("coach_north_1").post(url).status_code == 403
    assert client_as("principal_south_1").post(url).status_code == 404
    response = client_as("north_lead").post(url, follow=True)
    assert b"no data loaded yet" in response.content
    assert not MeasureValue.objects.exists()


def test_values_of_a_data_measure_are_not_entered_by_hand(client_as, cast):
    _network, measures = network_with_data_measures(cast)
    url = reverse("improvement:measure_upload", args=[measures["suspended_share"].pk])
    sheet = f"school_code,period_start,numerator,denominator\n{cast.north_1.code},2025-09-01,1,12\n"
    response = client_as("coach_north_1").post(url, {"sheet": sheet})
    assert response.status_code == 400 and b"computed from the district" in response.content
    assert not MeasureValue.objects.exists()
