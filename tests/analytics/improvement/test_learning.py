"""The learning roll-ups on a small network worked out by hand.

Ideas 1 and 2, teams 10, 20 and 30; eight cycles (order = the order recorded):

    idea 1, team 10: c1 Sep 1-Sep 15 adapt; c2 Sep 20-Oct 10 adopt     -> 2 cycles, adopt
    idea 1, team 20: c3 Sep 10-Sep 30 adapt; c4 from Oct 5, open       -> 2, in progress
    idea 1, team 30: c5 Oct 1-Oct 20 abandon                           -> 1, abandon
    idea 2, team 10: c6 from Oct 1, open                               -> 1, in progress
    idea 2, team 20: c7 Nov 3-Nov 20 adopt; c8 Nov 3-Nov 25 abandon    -> 2, abandon
                     (same start: c8 was recorded later, so it is the latest)
"""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.analytics.improvement.learning import (
    ABANDON,
    ADAPT,
    ADOPT,
    IN_PROGRESS,
    Adoption,
    Cell,
    CycleFact,
    Spread,
    active_between,
    adoptions,
    cycle_totals,
    idea_school_matrix,
    month_span,
    spread,
)


def d(month: int, day: int) -> dt.date:
    return dt.date(2025, month, day)


def closed(idea, team, starts, ends, decision, order):
    return CycleFact(idea, team, starts, closed=True, decision=decision, ends=ends, order=order)


CYCLES = [
    closed(1, 10, d(9, 1), d(9, 15), ADAPT, 1),
    closed(1, 10, d(9, 20), d(10, 10), ADOPT, 2),
    closed(1, 20, d(9, 10), d(9, 30), ADAPT, 3),
    CycleFact(1, 20, d(10, 5), order=4),
    closed(1, 30, d(10, 1), d(10, 20), ABANDON, 5),
    CycleFact(2, 10, d(10, 1), order=6),
    closed(2, 20, d(11, 3), d(11, 20), ADOPT, 7),
    closed(2, 20, d(11, 3), d(11, 25), ABANDON, 8),
]


def test_each_cell_counts_its_cycles_and_shows_the_latest_decision():
    assert idea_school_matrix(CYCLES) == {
        (1, 10): Cell(2, ADOPT),
        (1, 20): Cell(2, IN_PROGRESS),
        (1, 30): Cell(1, ABANDON),
        (2, 10): Cell(1, IN_PROGRESS),
        (2, 20): Cell(2, ABANDON),
    }


def test_totals_per_idea_per_team_and_in_all():
    by_idea, by_team, total = cycle_totals(idea_school_matrix(CYCLES))
    assert by_idea == {1: 5, 2: 3}
    assert by_team == {10: 3, 20: 4, 30: 1}
    assert total == 8


def test_the_spread_counts_schools_by_their_latest_decision():
    assert spread(idea_school_matrix(CYCLES)) == {
        1: Spread(idea=1, tested=3, adopted=1, adapted=0, abandoned=1, in_progress=1),
        2: Spread(idea=2, tested=2, adopted=0, adapted=0, abandoned=1, in_progress=1),
    }


def test_a_decision_chosen_but_not_closed_is_still_in_progress():
    acting = CycleFact(1, 10, d(9, 1), closed=False, decision=ADOPT)
    assert idea_school_matrix([acting]) == {(1, 10): Cell(1, IN_PROGRESS)}
    assert adoptions([acting]) == []


def test_adoption_runs_from_the_first_test_to_the_first_adopt():
    found = adoptions(CYCLES)
    assert found == [
        Adoption(1, 10, first_tested=d(9, 1), first_adopted=d(10, 10)),
        Adoption(2, 20, first_tested=d(11, 3), first_adopted=d(11, 20)),
    ]
    assert [a.days for a in found] == [39, 17]


def test_the_cycles_of_october_are_those_open_or_closed_in_it():
    first, last = month_span(2025, 10)
    ran = [c.order for c in CYCLES if active_between(c, first, last)]
    assert ran == [2, 4, 5, 6]


@pytest.mark.parametrize(
    ("cycle", "ran"),
    [
        (closed(1, 1, d(9, 1), d(10, 1), ADOPT, 1), True),  # closed on the first day
        (closed(1, 1, d(9, 1), d(9, 30), ADOPT, 1), False),  # closed the day before
        (CycleFact(1, 1, d(10, 31)), True),  # starts on the last day
        (CycleFact(1, 1, d(11, 1)), False),  # starts the day after
        (CycleFact(1, 1, d(8, 4)), True),  # open since August
    ],
)
def test_the_month_includes_both_of_its_ends(cycle, ran):
    assert active_between(cycle, *month_span(2025, 10)) is ran


def test_month_span_knows_february_of_a_leap_year():
    assert month_span(2024, 2) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert month_span(2025, 12) == (dt.date(2025, 12, 1), dt.date(2025, 12, 31))


def test_nothing_to_roll_up():
    assert idea_school_matrix([]) == {}
    assert cycle_totals({}) == ({}, {}, 0)
    assert spread({}) == {}
    assert adoptions([]) == []
