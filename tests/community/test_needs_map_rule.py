"""The matching rule of the needs map, on small sets worked out by hand."""

from __future__ import annotations

import datetime as dt

from districtwise.analytics.community.needs_map import (
    Box,
    Cell,
    NeedRow,
    ServiceRow,
    category_totals,
    coverage,
    duplicates,
    gaps,
    matrix,
    project,
)

TODAY = dt.date(2026, 3, 1)
A, B, C = 1, 2, 3  # schools


def service(partnership, category, *, schools=(), of=(A, B), status="active", start=None, end=None):
    return ServiceRow(
        partnership_id=partnership,
        status=status,
        starts_on=start or dt.date(2025, 8, 1),
        ends_on=end or dt.date(2026, 6, 30),
        category=category,
        service_schools=frozenset(schools),
        partnership_schools=frozenset(of),
    )


def need(pk, school, category, priority="medium", students=None):
    return NeedRow(pk, school, category, priority, students)


def test_a_service_naming_no_school_covers_every_school_of_its_partnership():
    covered = coverage([service(10, "tutoring", of=(A, B))], TODAY)
    assert gaps(
        [need(1, A, "tutoring"), need(2, B, "tutoring"), need(3, C, "tutoring")], covered
    ) == [need(3, C, "tutoring")]


def test_a_service_limited_to_some_schools_meets_needs_there_only():
    covered = coverage([service(10, "food", schools=[B], of=(A, B))], TODAY)
    left = gaps([need(1, A, "food"), need(2, B, "food")], covered)
    assert [n.need_id for n in left] == [1]


def test_an_ended_partnership_meets_nothing():
    covered = coverage([service(10, "mental_health", status="ended", of=(A,))], TODAY)
    assert [n.need_id for n in gaps([need(1, A, "mental_health")], covered)] == [1]


def test_an_agreement_that_lapsed_or_has_not_begun_meets_nothing():
    lapsed = service(10, "health", of=(A,), end=dt.date(2026, 2, 28))
    future = service(11, "health", of=(A,), start=dt.date(2026, 3, 2))
    assert [n.need_id for n in gaps([need(1, A, "health")], coverage([lapsed, future], TODAY))] == [
        1
    ]
    on_the_last_day = service(12, "health", of=(A,), end=TODAY)
    assert gaps([need(1, A, "health")], coverage([on_the_last_day], TODAY)) == []


def test_a_service_of_another_category_does_not_meet_a_need():
    covered = coverage([service(10, "tutoring", of=(A,))], TODAY)
    assert [n.need_id for n in gaps([need(1, A, "mental_health")], covered)] == [1]


def test_gaps_come_highest_priority_first_then_most_students():
    left = gaps(
        [
            need(1, A, "food", "low", 500),
            need(2, B, "food", "high", 10),
            need(3, C, "food", "high", 80),
            need(4, A, "tutoring", "medium"),
        ],
        {},
    )
    assert [n.need_id for n in left] == [3, 2, 4, 1]


def test_two_partnerships_delivering_one_category_at_a_school_are_a_duplicate():
    covered = coverage(
        [
            service(10, "tutoring", of=(A, B)),
            service(11, "tutoring", schools=[A], of=(A, C)),
            service(12, "food", of=(A,)),
            service(12, "food", schools=[A], of=(A,)),  # one partnership twice: no duplicate
            service(13, "food", of=(A,), status="ended"),  # ended: no duplicate
        ],
        TODAY,
    )
    assert duplicates(covered) == {A: ["tutoring"]}
    assert duplicates(covered, [B, C]) == {}


def test_the_matrix_marks_met_unmet_service_only_and_duplicated_cells():
    covered = coverage(
        [
            service(10, "tutoring", of=(A,)),
            service(11, "tutoring", of=(A,)),
            service(10, "food", of=(A, B)),
        ],
        TODAY,
    )
    needs = [need(1, A, "tutoring"), need(2, B, "food"), need(3, B, "health")]
    cells = matrix([A, B], ["tutoring", "food", "health"], needs, covered)
    assert [c.state for c in cells[A]] == [Cell.DUPLICATED, Cell.SERVICE_ONLY, Cell.NONE]
    assert cells[A][0].has_need and cells[A][0].providers == 2
    assert [c.state for c in cells[B]] == [Cell.NONE, Cell.MET, Cell.UNMET]


def test_category_totals_count_needs_met_and_unmet():
    covered = coverage([service(10, "food", of=(A,))], TODAY)
    totals = category_totals(
        [need(1, A, "food"), need(2, B, "food"), need(3, B, "health")],
        covered,
        ["food", "health", "tutoring"],
    )
    assert [(t.category, t.needs, t.met, t.unmet) for t in totals] == [
        ("food", 2, 1, 1),
        ("health", 1, 0, 1),
        ("tutoring", 0, 0, 0),
    ]


def test_the_projection_puts_every_school_inside_the_box_north_up():
    box = Box(640, 420, margin=20)
    places = {
        1: (45.52, -122.68),  # north-west
        2: (45.43, -122.55),  # south-east
        3: (45.48, -122.60),
    }
    xy = project(places, box)
    for x, y in xy.values():
        assert box.margin <= x <= box.width - box.margin
        assert box.margin <= y <= box.height - box.margin
    assert xy[1][0] < xy[2][0] and xy[1][1] < xy[2][1]  # west is left, north is up
    # the wider extent fills the box inside its margins on its side
    xs, ys = [x for x, _ in xy.values()], [y for _, y in xy.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    assert abs(width - 600) < 0.2 or abs(height - 380) < 0.2


def test_one_school_alone_sits_in_the_middle_of_the_box():
    assert project({7: (40.0, -75.0)}, Box(600, 400)) == {7: (300.0, 200.0)}
    assert project({}, Box(600, 400)) == {}
