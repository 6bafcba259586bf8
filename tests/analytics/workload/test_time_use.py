"""The arithmetic of principals' time use, on logs worked out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from districtwise.analytics.workload.time_use import (
    MONTH,
    WEEK,
    Period,
    Stretch,
    overfull_days,
    overlaps,
    periods,
    pooled,
    rises_every_period,
    share,
    trend_per_period,
)

MON = dt.date(2026, 3, 2)  # a Monday
TUE = MON + dt.timedelta(days=1)


def at(day, start: str, end: str, category="instructional") -> Stretch:
    h1, m1 = map(int, start.split(":"))
    h2, m2 = map(int, end.split(":"))
    return Stretch.timed(day, h1 * 60 + m1, h2 * 60 + m2, category)


def test_touching_stretches_do_not_overlap():
    assert overlaps([at(MON, "09:00", "09:30"), at(MON, "09:30", "10:00", "hr")]) == []


def test_a_shared_minute_is_an_overlap_and_names_both_stretches():
    first, second = at(MON, "09:00", "10:00", "operations"), at(MON, "09:59", "10:30", "hr")
    found = overlaps([second, first])
    assert [(o.first, o.second) for o in found] == [(first, second)]


def test_a_long_stretch_overlapping_two_later_ones_is_found_twice():
    long = at(MON, "08:00", "12:00")
    a, b = at(MON, "09:00", "09:30", "hr"), at(MON, "11:00", "11:30", "budget")
    assert [(o.first, o.second) for o in overlaps([a, long, b])] == [(long, a), (long, b)]


def test_same_times_on_different_days_do_not_overlap_and_totals_are_ignored():
    total = Stretch(on=MON, category="hr", minutes=600)
    assert overlaps([at(MON, "09:00", "10:00"), at(TUE, "09:00", "10:00"), total]) == []


def test_a_day_over_24_hours_is_named_with_its_minutes():
    day = [at(MON, "00:00", "20:00"), Stretch(on=MON, category="hr", minutes=5 * 60)]
    exactly = [Stretch(on=TUE, category="hr", minutes=24 * 60)]
    assert overfull_days(day + exactly) == [(MON, 1500)]


def test_weekly_shares_by_hand():
    # Week of 2 March: 3 h instructional, 1 h operations -> 75 %.
    # Week of 9 March: 1 h instructional, 2 h compliance -> 1/3 = 33.3 %.
    log = [
        at(MON, "08:00", "10:00"),
        at(TUE, "08:00", "09:00"),
        at(TUE, "09:00", "10:00", "operations"),
        Stretch(on=MON + dt.timedelta(days=7), category="instructional", minutes=60),
        Stretch(on=MON + dt.timedelta(days=11), category="compliance", minutes=120),
    ]
    weeks = periods(log, WEEK)
    assert [w.starts_on for w in weeks] == [MON, MON + dt.timedelta(days=7)]
    assert [w.total for w in weeks] == [240, 180]
    assert [w.instructional_share for w in weeks] == [D("0.750"), D("0.333")]
    assert weeks[0].share_of("operations") == D("0.250")


def test_a_sunday_belongs_to_the_week_that_began_on_monday_and_months_split_weeks():
    sunday = dt.date(2026, 3, 1)  # the week of Monday 23 February; month March
    weeks = periods([Stretch(on=sunday, category="hr", minutes=30)], WEEK)
    months = periods([Stretch(on=sunday, category="hr", minutes=30)], MONTH)
    assert weeks[0].starts_on == dt.date(2026, 2, 23)
    assert months[0].starts_on == dt.date(2026, 3, 1)


def test_a_period_without_minutes_has_no_share_not_zero():
    assert Period(MON).instructional_share is None
    assert share(0, 0) is None
    assert share(1, 8) == D("0.125")
    assert share(2, 3) == D("0.667")  # half up at the third decimal


def test_pooled_share_weighs_minutes_not_principals():
    # A: 10 h, 8 h instructional (80 %); B: 2 h, 0 h instructional (0 %).
    # Mean of shares would be 40 %; pooled is 8 / 12 = 66.7 %.
    a = Period(MON, {"instructional": 480, "hr": 120})
    b = Period(MON, {"operations": 120})
    assert pooled([a, b]).instructional_share == D("0.667")


def test_trend_is_the_least_squares_slope_skipping_weeks_without_a_log():
    # Shares 0.40, (none), 0.50, 0.60 at x = 0, 2, 3: mean x 5/3, mean y 0.5;
    # sum (x - mx)(y - my) = (-5/3)(-0.1) + (1/3)(0) + (4/3)(0.1) = 0.3;
    # sum (x - mx)^2 = 25/9 + 1/9 + 16/9 = 42/9; slope = 0.3 * 9 / 42 = 0.0643.
    weeks = [
        Period(MON, {"instructional": 40, "hr": 60}),
        Period(MON),
        Period(MON, {"instructional": 50, "hr": 50}),
        Period(MON, {"instructional": 60, "hr": 40}),
    ]
    assert trend_per_period(weeks) == D("0.064")
    assert trend_per_period(weeks[:2]) is None


def test_rising_every_period_needs_each_week_above_the_last():
    up = [Period(MON, {"instructional": n, "hr": 100 - n}) for n in (30, 35, 41)]
    flat = [*up, Period(MON, {"instructional": 41, "hr": 59})]
    assert rises_every_period(up)
    assert not rises_every_period(flat)
    assert not rises_every_period([*up, Period(MON)])


@given(
    st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 47), st.integers(1, 8)),
        max_size=12,
    )
)
def test_overlaps_agree_with_counting_shared_half_hours(blocks):
    """Any log of half-hour-aligned stretches: a pair is reported exactly when the two
    share a half hour."""
    stretches = [
        Stretch.timed(MON + dt.timedelta(days=d), s * 30, min(s + n, 48) * 30, "hr")
        for d, s, n in blocks
    ]
    expected = {
        frozenset({i, j})
        for i, a in enumerate(stretches)
        for j, b in enumerate(stretches)
        if i < j and a.on == b.on and a.starts < b.ends and b.starts < a.ends
    }
    found = overlaps(stretches)
    ids = {id(s): i for i, s in enumerate(stretches)}
    got = [frozenset({ids[id(o.first)], ids[id(o.second)]}) for o in found]
    assert len(got) == len(set(got))  # each pair once
    assert set(got) == expected
