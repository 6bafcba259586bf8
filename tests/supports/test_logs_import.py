"""Delivery logs imported from CSV: the row-level report, all or nothing, bulk speed."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from districtwise.supports.models import DeliveryLog, LogAttendee
from districtwise.supports.services.logs_import import LogSheetRefused, logs_check, logs_import
from tests.supports.logs_fixtures import north_1

pytestmark = pytest.mark.django_db
HEADER = "support,school,date,minutes,delivered_by,teachers,notes\n"


def run(cast, text: str) -> int:
    return logs_import(
        actor=cast["coach_north_1"], district=cast.district, text=text, schools=[cast.north_1]
    )


def problems_of(cast, text: str) -> list[tuple[int, str, str]]:
    before = (DeliveryLog.objects.count(), LogAttendee.objects.count())
    with pytest.raises(LogSheetRefused) as caught:
        run(cast, text)
    assert (DeliveryLog.objects.count(), LogAttendee.objects.count()) == before
    return [(p.line, p.column, p.value) for p in caught.value.problems]


def test_a_good_file_goes_in_whole(cast):
    n = north_1(cast)
    code = cast.north_1.code
    text = HEADER + (
        f"logs-plc,{code},2025-10-13,45,,LT-ADA;LT-BEN,Unit 2 planning\n"
        f"logs-plc,{code},2026-01-12,50,,LT-CY,\n"
    )
    before = DeliveryLog.objects.count()
    assert run(cast, text) == 2
    new = DeliveryLog.objects.order_by("-pk")[:2]
    assert DeliveryLog.objects.count() == before + 2
    assert {frozenset(log.teachers.all()) for log in new} == {
        frozenset({n.ada, n.ben}),
        frozenset({n.cy}),
    }
    assert {log.source for log in new} == {"csv"}


def test_every_wrong_row_is_reported_with_line_column_and_value_and_nothing_goes_in(cast):
    north_1(cast)
    code = cast.north_1.code
    text = HEADER + (
        f"logs-plc,{code},2025-10-13,45,,LT-ADA,fine\n"  # line 2: good
        f"nope,{code},2025-10-13,45,,LT-ADA,\n"  # 3: unknown support
        "logs-plc,ZZZ,2025-10-13,45,,LT-ADA,\n"  # 4: unknown school
        f"logs-plc,{code},13/10/2025,45,,LT-ADA,\n"  # 5: bad date
        f"logs-plc,{code},2025-10-13,45,,LT-GHOST,\n"  # 6: unknown teacher
        f"logs-plc,{code},2025-10-13,45,,LT-CY,\n"  # 7: before the hire's start
        f"logs-plc,{code},2025-10-13,forty,,LT-ADA,\n"  # 8: minutes not a number
        f"logs-plc,{code},2026-07-20,45,,LT-ADA,\n"  # 9: summer
    )
    found = problems_of(cast, text)
    assert found == [
        (3, "support", "nope"),
        (4, "school", "ZZZ"),
        (5, "date", "13/10/2025"),
        (6, "teachers", "LT-GHOST"),
        (7, "teachers", "LT-CY"),
        (8, "minutes", "forty"),
        (9, "date", "2026-07-20"),
    ]


def test_a_school_the_importer_does_not_log_at_is_unknown(cast):
    north_1(cast)
    text = HEADER + f"logs-plc,{cast.north_2.code},2025-10-13,45,,LT-ADA,\n"
    assert problems_of(cast, text) == [(2, "school", cast.north_2.code)]


def test_a_header_without_the_teachers_column_is_refused(cast):
    assert problems_of(cast, "support,school,date,minutes\nx,y,z,1\n") == [(1, "teachers", "")]


def test_a_thousand_rows_go_in_with_a_few_dozen_queries_not_one_per_row(
    cast, django_assert_max_num_queries
):
    north_1(cast)
    row = f"logs-plc,{cast.north_1.code},2025-10-13,45,,LT-ADA;LT-BEN,\n"
    with django_assert_max_num_queries(40):
        assert run(cast, HEADER + row * 1000) == 1000


def test_checking_reports_the_same_problems_without_writing(cast):
    north_1(cast)
    entries, problems = logs_check(
        district=cast.district, text=HEADER + "x,y,z,1,,,\n", schools=[cast.north_1]
    )
    assert entries == [] and {p.column for p in problems} >= {"support", "school", "date"}


CELLS = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(garbage=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6), header=st.booleans())
def test_garbage_is_refused_with_a_clear_report_and_changes_nothing(cast, garbage, header):
    north_1(cast)
    lines = [",".join(cells) for cells in garbage]
    text = (HEADER if header else "") + "\n".join(lines)
    before = (DeliveryLog.objects.count(), LogAttendee.objects.count())
    try:
        run(cast, text)
    except LogSheetRefused as refused:
        assert refused.problems
        assert all(p.line >= 1 and p.message for p in refused.problems)
    assert (DeliveryLog.objects.count(), LogAttendee.objects.count()) == before
