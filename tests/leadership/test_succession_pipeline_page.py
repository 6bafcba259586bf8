"""The pipeline page on the district's imported data: a small hand-made import of the
cast's district, worked by hand.

Students of 2026: 30 HL and 20 WH (25 F, 25 M). Staff of 2026: the 24 candidates and 26
more staff (8 HL, 8 WH, 10 BL): 20 HL, 18 WH, 12 BL, 50 in all. The candidates, all on one
bench, are 12 HL, 10 WH and 2 BL: BL (2) is under the minimum display n of 10 and hidden, and so
is WH (10), the next smallest, else 24 - 12 - 10 would give BL away.
"""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.urls import reverse

from districtwise.leadership.models import Candidate
from districtwise.organization.models import Person
from tests.data.test_import import run_import
from tests.leadership.matrix import matrix_position

RACES = ["HL"] * 12 + ["WH"] * 10 + ["BL"] * 2


@pytest.fixture(autouse=True)
def data_dir(tmp_path):
    with override_settings(DATA_DIR=tmp_path / "var"):
        yield


def write(folder, name, header, rows):
    lines = [",".join(header)] + [",".join(map(str, r)) for r in rows]
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def import_small_district(cast, folder, *, staff: bool = True):
    folder.mkdir()
    code = cast.north_1.code
    write(
        folder,
        "schools.csv",
        ["school_id", "name", "level", "grade_low", "grade_high", "title_i"],
        [[code, cast.north_1.name, "elementary", "KG", "05", "N"]],
    )
    students = [(f"s{i:02d}", "HL" if i < 30 else "WH", "F" if i % 2 else "M") for i in range(50)]
    write(
        folder,
        "students.csv",
        ["student_id", "sex", "race_ethnicity"],
        [[s, sex, race] for s, race, sex in students],
    )
    header = [
        "student_id",
        "school_id",
        "school_year",
        "grade_level",
        "entry_date",
        "exit_date",
        "economically_disadvantaged",
        "english_learner",
        "disability",
    ]
    write(
        folder,
        "enrollments.csv",
        header,
        [[s, code, 2026, "03", "2025-08-18", "", "N", "N", "N"] for s, _, _ in students],
    )
    if staff:
        races = RACES + ["HL"] * 8 + ["WH"] * 8 + ["BL"] * 10
        header = [
            "staff_id",
            "school_year",
            "school_id",
            "department",
            "role",
            "sex",
            "race_ethnicity",
            "years_experience",
            "certified_in_assignment",
            "fte",
        ]
        rows = [
            [f"T{i:03d}", 2026, code, "", "teacher", "F", race, 5, "Y", 1]
            for i, race in enumerate(races)
        ]
        write(folder, "staff.csv", header, rows)
    batch = run_import(folder, code=cast.district.code)
    assert batch.status == "live", (batch.message, batch.problems[:5])


def bench_of_24(cast):
    position = matrix_position(cast)
    position.candidates.all().delete()
    # The import made the staff members people of the district (by staff id).
    people = [
        Person.objects.get_or_create(
            district=cast.district,
            staff_id=f"T{i:03d}",
            defaults={"given_name": "Cand", "family_name": f"N{i}"},
        )[0]
        for i in range(len(RACES))
    ]
    Candidate.objects.bulk_create(
        Candidate(position=position, person=p, readiness="developing") for p in people
    )


def test_the_pipeline_hides_small_groups_and_compares_with_staff_and_students(
    client_as, cast, tmp_path
):
    import_small_district(cast, tmp_path / "extract")
    bench_of_24(cast)
    response = client_as("superintendent").get(reverse("leadership:pipeline"))
    assert response.status_code == 200
    race = {r.group: r for r in response.context["diversity"].rows["race_ethnicity"]}
    assert (race["HL"].candidates.count, race["HL"].candidates.share) == (12, 0.5)
    assert race["BL"].candidates.hidden and race["WH"].candidates.hidden
    assert [race[g].staff.count for g in ("HL", "WH", "BL")] == [20, 18, 12]
    assert race["BL"].staff.share == pytest.approx(0.24)
    assert (race["HL"].students.count, race["HL"].students.share) == (30, 0.6)
    page = response.content.decode()
    assert "24 people, each counted once" in page
    assert "hidden (fewer than the minimum)" in page
    assert 'role="img"' in page  # the chart, beside its table


def test_a_network_lead_sees_only_their_benches_so_a_small_pipeline_is_all_hidden(
    client_as, cast, tmp_path
):
    import_small_district(cast, tmp_path / "extract")
    response = client_as("south_lead").get(reverse("leadership:pipeline"))
    race = response.context["diversity"].rows["race_ethnicity"]
    assert response.context["diversity"].candidates == 0
    assert all(r.candidates.count == 0 for r in race)


def test_without_a_staff_file_the_page_says_so_instead_of_zeros(client_as, cast, tmp_path):
    import_small_district(cast, tmp_path / "extract", staff=False)
    page = client_as("superintendent").get(reverse("leadership:pipeline")).content.decode()
    assert "Candidates and staff: not available" in page
    assert "No staff file (staff.csv) has been imported." in page


def test_without_any_data_the_page_says_so(client_as, cast):
    page = client_as("north_lead").get(reverse("leadership:pipeline")).content.decode()
    assert "No student data has been imported for this district." in page
    assert "<table" not in page
