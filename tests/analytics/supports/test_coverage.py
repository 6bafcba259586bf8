"""Coverage on a hand-built district of four teachers in two schools, September 2025
(1-28, four weeks). Every figure below was worked out by hand from the rules of
``districtwise.analytics.supports.coverage``.

Supports: 1 PLC (everyone, weekly, 45 minutes), 2 coaching (new teachers, twice a month),
3 math planning (subject Math, once in the period), 4 early grades (KG-02, weekly),
5 tier-3 support (schools of tier 3, weekly).
Schools: A (network 1, tier 3), B (network 2, tier 1).
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa
import pytest

from districtwise.analytics.engine import close, connect
from districtwise.analytics.supports.coverage import (
    ASSIGNMENT_SCHEMA,
    DELIVERY_SCHEMA,
    SUPPORT_SCHEMA,
    compute_coverage,
)

START, END = dt.date(2025, 9, 1), dt.date(2025, 9, 28)
A, B = 10, 20
PLC, COACHING, MATH, EARLY, TIER3 = 1, 2, 3, 4, 5


def day(n: int) -> dt.date:
    return dt.date(2025, 9, n)


def support(sid, audience, occurrences, period, minutes=0, **extra):
    row = dict.fromkeys(SUPPORT_SCHEMA.names)
    row.update(support_id=sid, audience=audience, new_teacher_years=2, min_occurrences=occurrences)
    row.update(period=period, min_minutes=minutes, audience_subject="")
    row.update(extra)
    return row


def assignment(teacher, school, starts, ends=None, years=5, subject="", grades=("03", "05")):
    network, tier = {A: (1, 3), B: (2, 1)}[school]
    return dict(
        teacher_id=teacher,
        school_id=school,
        network_id=network,
        tier=tier,
        starts_on=starts,
        ends_on=ends,
        years_experience=years,
        subject=subject,
        grade_low=grades[0],
        grade_high=grades[1],
    )


SUPPORTS = [
    support(PLC, "all", 1, "week", 45),
    support(COACHING, "new", 2, "month"),
    support(MATH, "subject", 1, "year", audience_subject="Math"),
    support(EARLY, "grade_span", 1, "week", audience_grade_low="KG", audience_grade_high="02"),
    support(TIER3, "tier", 1, "week", audience_tier=3),
]
ASSIGNMENTS = [
    assignment(1, A, dt.date(2025, 8, 18), years=5, subject="Math"),
    # A mid-year hire: 14 days of the period.
    assignment(2, A, day(15), years=0, subject="Science", grades=("KG", "01")),
    # One teacher in two schools, overlapping: a window of 28 days, not 20 + 19.
    assignment(3, A, dt.date(2025, 8, 18), day(20), years=3, subject=" math "),
    assignment(3, B, day(10), years=3, subject=" math "),
    # Gone before the period: not counted anywhere.
    assignment(4, B, dt.date(2024, 8, 19), dt.date(2025, 8, 31), years=1),
    # Away for two weeks: a window of 7 + 7 days.
    assignment(5, B, dt.date(2025, 8, 18), day(7), years=1),
    assignment(5, B, day(22), years=1),
]
DELIVERIES = [
    # Teacher 1: three PLCs of 45+ minutes, one of 30 that does not count; two tier-3 visits.
    (PLC, 1, A, day(1), 45),
    (PLC, 1, A, day(8), 60),
    (PLC, 1, A, day(15), 45),
    (PLC, 1, A, day(22), 30),
    (TIER3, 1, A, day(3), 20),
    (TIER3, 1, A, day(10), 20),
    # Teacher 2: a PLC before they were hired (does not count) and one after; one coaching.
    (PLC, 2, A, day(10), 45),
    (PLC, 2, A, day(16), 45),
    (COACHING, 2, A, day(17), 30),
    # Teacher 3: PLCs at both schools, a tier-3 visit at A, math planning at B.
    (PLC, 3, A, day(2), 45),
    (PLC, 3, A, day(9), 45),
    (PLC, 3, B, day(16), 45),
    (PLC, 3, B, day(23), 45),
    (TIER3, 3, A, day(4), 20),
    (MATH, 3, B, day(12), 60),
    # Teacher 4: gone, their delivery is nobody's.
    (PLC, 4, B, day(2), 45),
    # Teacher 5: one PLC in the window, one while away.
    (PLC, 5, B, day(3), 45),
    (PLC, 5, B, day(15), 45),
]


@pytest.fixture(scope="module")
def result():
    con = connect("duckdb")
    try:
        yield compute_coverage(
            con,
            assignments=pa.Table.from_pylist(ASSIGNMENTS, schema=ASSIGNMENT_SCHEMA),
            supports=pa.Table.from_pylist(SUPPORTS, schema=SUPPORT_SCHEMA),
            deliveries=pa.Table.from_pylist(
                [dict(zip(DELIVERY_SCHEMA.names, d, strict=True)) for d in DELIVERIES],
                schema=DELIVERY_SCHEMA,
            ),
            starts_on=START,
            ends_on=END,
        )
    finally:
        close(con)


def doses(result) -> dict[tuple[int, int], tuple[int, int, int, str]]:
    return {
        (r["teacher_id"], r["support_id"]): (
            r["window_days"],
            r["required"],
            r["received"],
            r["status"],
        )
        for r in result.teachers.to_pylist()
    }


def test_each_teacher_gets_the_supports_of_their_audience_and_no_other(result):
    assert set(doses(result)) == {
        (1, PLC),
        (1, MATH),
        (1, TIER3),
        (2, PLC),
        (2, COACHING),
        (2, EARLY),
        (2, TIER3),
        (3, PLC),
        (3, MATH),
        (3, TIER3),
        (5, PLC),
        (5, COACHING),
    }


def test_a_short_delivery_does_not_count_towards_the_dose(result):
    # Four weeks: 4 PLCs required; the 30-minute one is not a PLC of 45 minutes.
    assert doses(result)[(1, PLC)] == (28, 4, 3, "partial")
    assert doses(result)[(1, MATH)] == (28, 1, 0, "none")
    assert doses(result)[(1, TIER3)] == (28, 4, 2, "partial")


def test_a_mid_year_hire_owes_a_prorated_dose_counted_from_their_first_day(result):
    # 14 days: ceil(14 / 7) = 2 PLCs; the PLC of 10 September was before they came.
    assert doses(result)[(2, PLC)] == (14, 2, 1, "partial")
    # Twice a month over 14 days: ceil(2 x 14 / 30.44) = ceil(0.92) = 1.
    assert doses(result)[(2, COACHING)] == (14, 1, 1, "meets")
    assert doses(result)[(2, EARLY)] == (14, 2, 0, "none")


def test_a_teacher_in_two_schools_is_one_teacher_with_one_window(result):
    # 1-20 at A and 10-28 at B: 28 days, PLCs from both schools count.
    assert doses(result)[(3, PLC)] == (28, 4, 4, "meets")
    # Entitled to the tier-3 support through school A only, for the whole window.
    assert doses(result)[(3, TIER3)] == (28, 4, 1, "partial")
    # " math " is Math.
    assert doses(result)[(3, MATH)] == (28, 1, 1, "meets")


def test_days_away_are_outside_the_window_and_so_are_their_deliveries(result):
    assert doses(result)[(5, PLC)] == (14, 2, 1, "partial")
    assert doses(result)[(5, COACHING)] == (14, 1, 0, "none")


def test_experience_bands_put_new_teachers_first(result):
    bands = {r["teacher_id"]: r["experience_band"] for r in result.teachers.to_pylist()}
    assert bands == {1: "5+", 2: "new", 3: "2-4", 5: "new"}


def rollup(result, unit_type, unit_id=None, support_id=None, group_type="all", group="all"):
    for r in result.rollups.to_pylist():
        if (r["unit_type"], r["unit_id"], r["support_id"]) == (unit_type, unit_id, support_id) and (
            r["group_type"],
            r["group_value"],
        ) == (group_type, group):
            return (r["entitled"], r["meets"], r["partial"], r["none"])
    raise AssertionError("no such roll-up row")


def test_a_teacher_in_two_schools_counts_in_both_schools_and_once_in_the_district(result):
    assert rollup(result, "school", A) == (10, 3, 4, 3)
    assert rollup(result, "school", B) == (5, 2, 2, 1)
    assert rollup(result, "network", 1) == (10, 3, 4, 3)
    assert rollup(result, "network", 2) == (5, 2, 2, 1)
    assert rollup(result, "district") == (12, 3, 5, 4)


def test_rollups_by_support_experience_and_tier(result):
    assert rollup(result, "district", support_id=PLC) == (4, 1, 3, 0)
    assert rollup(result, "district", group_type="experience", group="new") == (6, 1, 2, 3)
    assert rollup(result, "district", group_type="experience", group="2-4") == (3, 2, 1, 0)
    assert rollup(result, "district", group_type="experience", group="5+") == (3, 0, 2, 1)
    assert rollup(result, "district", group_type="tier", group="3") == (10, 3, 4, 3)
    assert rollup(result, "district", group_type="tier", group="1") == (5, 2, 2, 1)


def test_shares_are_of_the_entitled_pairs(result):
    row = next(
        r
        for r in result.rollups.to_pylist()
        if r["unit_type"] == "district" and r["support_id"] == PLC and r["group_type"] == "all"
    )
    assert (row["share_meets"], row["share_partial"], row["share_none"]) == (0.25, 0.75, 0.0)


def test_a_period_that_ends_before_it_starts_is_refused():
    con = connect("duckdb")
    try:
        with pytest.raises(ValueError, match="ends before it starts"):
            compute_coverage(
                con,
                assignments=ASSIGNMENT_SCHEMA.empty_table(),
                supports=SUPPORT_SCHEMA.empty_table(),
                deliveries=DELIVERY_SCHEMA.empty_table(),
                starts_on=END,
                ends_on=START,
            )
    finally:
        close(con)


@pytest.mark.parametrize(
    ("period", "occurrences", "days", "required"),
    [
        # 226 days are 32.3 weeks: a weekly team meets 32 times in them, and 32 are owed.
        ("week", 1, 226, 32),
        # 24 days are 3.43 weeks: 3; 25 days are 3.57: 4; 3 days are under half a week:
        # nothing owed yet.
        ("week", 1, 24, 3),
        ("week", 1, 25, 4),
        ("week", 1, 3, 0),
        # Twice a month over 45 days: 2 x 45 / 30.44 = 2.96, so 3.
        ("month", 2, 45, 3),
        # A yearly support over 14 of the period's 28 days: half of 1, rounded up.
        ("year", 1, 14, 1),
    ],
)
def test_the_dose_owed_is_the_nearest_whole_delivery(period, occurrences, days, required):
    first = dt.date(2025, 8, 18)
    ends = first + dt.timedelta(days=days - 1)
    con = connect("duckdb")
    try:
        found = compute_coverage(
            con,
            assignments=pa.Table.from_pylist(
                [assignment(1, A, first, ends)], schema=ASSIGNMENT_SCHEMA
            ),
            supports=pa.Table.from_pylist(
                [support(PLC, "all", occurrences, period)], schema=SUPPORT_SCHEMA
            ),
            deliveries=pa.Table.from_pylist([], schema=DELIVERY_SCHEMA),
            starts_on=first,
            ends_on=first + dt.timedelta(days=(days if period != "year" else 28) - 1),
        ).teachers.to_pylist()
    finally:
        close(con)
    assert [(r["window_days"], r["required"]) for r in found] == [(days, required)]
    assert found[0]["status"] == ("meets" if required == 0 else "none")
