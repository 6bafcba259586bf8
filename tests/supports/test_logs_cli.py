"""``districtwise supports-logs-import``: the command's work, run in-process on the cast."""

from __future__ import annotations

import pytest

from districtwise.supports.logs_cli import logs_import_command
from districtwise.supports.models import DeliveryLog
from tests import factories as f
from tests.supports.logs_fixtures import north_1

pytestmark = pytest.mark.django_db
HEADER = "support,school,date,minutes,delivered_by,teachers,notes\n"


def run(path, district: str) -> tuple[int, list[str]]:
    said: list[str] = []
    return logs_import_command(path, district, said.append), said


def test_it_imports_logs_of_any_school_of_the_district(cast, tmp_path):
    north_1(cast)
    south = f.TeacherAssignmentFactory(school=cast.south_1, teacher__staff_id="LT-SOUTH")
    path = tmp_path / "logs.csv"
    path.write_text(
        HEADER
        + f"logs-plc,{cast.north_1.code},2025-10-13,45,,LT-ADA,\n"
        + f"logs-plc,{cast.south_1.code},2025-10-14,45,,LT-SOUTH,\n"
    )
    code, said = run(path, cast.district.code)
    assert code == 0 and said == [f"2 delivery log(s) imported into {cast.district.name}."]
    assert DeliveryLog.objects.filter(school=cast.south_1, teachers=south.teacher).count() == 1


def test_a_wrong_file_prints_every_problem_and_imports_nothing(cast, tmp_path):
    north_1(cast)
    path = tmp_path / "logs.csv"
    path.write_text(HEADER + f"logs-plc,{cast.north_1.code},2025-10-13,0,,LT-GHOST,\n")
    before = DeliveryLog.objects.count()
    code, said = run(path, cast.district.code)
    assert code == 1
    assert said[0] == "Nothing was imported: 2 problem(s)."
    assert said[1] == "  line 2, minutes '0': Minutes must be a positive number."
    assert said[2] == "  line 2, teachers 'LT-GHOST': No person has this staff_id."
    assert DeliveryLog.objects.count() == before


def test_an_unknown_district_is_named(cast, tmp_path):
    path = tmp_path / "logs.csv"
    path.write_text(HEADER)
    assert run(path, "nowhere") == (1, ["There is no district 'nowhere'."])
