"""Overlap detection, consolidation proposals and hours saved, on a request set whose
right answers were worked out by hand (see each test's comment)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from districtwise.analytics.workload.requests import (
    RequestFacts,
    hours_saved,
    match_line,
    propose,
    totals,
    vocabulary_index,
    yearly_minutes,
)

D = dt.date
READING, ELL, ATTENDANCE, HOME_LANGUAGE, COUNSELLING = "rd", "el", "att", "hl", "cs"
MINUTES = {READING: 20, ELL: 15, ATTENDANCE: 5, HOME_LANGUAGE: 10, COUNSELLING: 30}
HELD = frozenset({ATTENDANCE, HOME_LANGUAGE})


def req(id, team, fields, schools, frequency, due, unmatched=0):
    return RequestFacts(id, team, frozenset(fields), frozenset(schools), frequency, due, unmatched)


# 1 and 2 ask schools 1-3 for reading scores monthly, five days apart: they overlap.
# 7 asks school 4 (which 2 also asks) for reading each term: it overlaps 2, so joins them.
# 3 asks school 4 for home language like 7, but both are Family Engagement's: no overlap.
# 4 and 5 ask school 2 for counselling referrals, but 105 days apart: no overlap.
REQUESTS = [
    req(1, "Teaching and Learning", {READING, ELL}, {1, 2, 3}, "monthly", D(2026, 9, 30)),
    req(2, "Data and Assessment", {READING}, {1, 2, 3, 4}, "monthly", D(2026, 10, 5)),
    req(3, "Family Engagement", {HOME_LANGUAGE, COUNSELLING}, {4}, "yearly", D(2026, 10, 1)),
    req(4, "Operations", {COUNSELLING}, {2}, "once", D(2026, 9, 1)),
    req(5, "Human Resources", {COUNSELLING}, {2}, "once", D(2026, 12, 15)),
    req(7, "Family Engagement", {HOME_LANGUAGE, READING}, {4}, "termly", D(2026, 10, 20)),
]


def test_it_proposes_the_one_merge_that_is_right():
    (proposal,) = propose(REQUESTS, held=HELD)
    assert proposal.request_ids == (1, 2, 7)
    assert proposal.teams == ("Data and Assessment", "Family Engagement", "Teaching and Learning")
    assert proposal.shared_fields == {READING}
    assert proposal.fields == {READING, ELL}  # the union, home language dropped
    assert proposal.dropped_held == {HOME_LANGUAGE}
    assert proposal.common_school_ids == {1, 2, 3, 4}  # 1-3 by 1 and 2; 4 by 2 and 7
    assert proposal.school_ids == {1, 2, 3, 4}
    assert proposal.due_on == D(2026, 9, 30)  # the earliest
    assert proposal.frequency == "monthly"  # monthly beats termly


def test_same_fields_far_apart_in_time_do_not_overlap_but_close_together_do():
    apart = [REQUESTS[3], REQUESTS[4]]
    assert propose(apart) == []
    close = [apart[0], req(5, "Human Resources", {COUNSELLING}, {2}, "once", D(2026, 10, 1))]
    assert [p.request_ids for p in propose(close)] == [(4, 5)]  # 30 days: inside 31


def test_a_weekly_request_meets_any_other_within_the_window():
    weekly = req(1, "A", {READING}, {1}, "weekly", D(2026, 9, 7))
    late = req(2, "B", {READING}, {1}, "once", D(2027, 5, 20))
    assert [p.request_ids for p in propose([weekly, late])] == [(1, 2)]


def test_no_overlap_without_a_shared_school_or_within_one_team():
    a = req(1, "A", {READING}, {1}, "monthly", D(2026, 9, 30))
    assert propose([a, req(2, "B", {READING}, {2}, "monthly", D(2026, 9, 30))]) == []
    assert propose([a, req(2, "A", {READING}, {1}, "monthly", D(2026, 9, 30))]) == []


def test_lines_match_names_and_synonyms_whatever_the_case_and_punctuation():
    index = vocabulary_index({ELL: ["ELL status", "English learner flag", "EL indicator"]})
    assert match_line("  english Learner flag.", index) == ELL
    assert match_line("E.L. indicator", index) is None  # "e l" is not "el": map it by hand
    assert match_line("EL-indicator", index) == ELL


def test_yearly_minutes_count_fields_schools_and_occurrences():
    # Request 1: (20 + 15) minutes x 3 schools x 10 months = 1050.
    assert yearly_minutes(REQUESTS[0], MINUTES) == 1050
    # Request 7: (10 + 20) x 1 school x 3 terms = 90; without home language 20 x 3 = 60.
    assert yearly_minutes(REQUESTS[5], MINUTES) == 90
    assert yearly_minutes(REQUESTS[5], MINUTES, held=HELD) == 60
    # Two unmatched lines count 10 minutes each: (20 + 2 x 10) x 2 schools x 1 = 80.
    assert yearly_minutes(req(9, "A", {READING}, {1, 2}, "once", D(2026, 9, 1), 2), MINUTES) == 80


def _consolidated():
    """The set after the data team merges 1, 2 and 7 into 8 (reading and ELL, schools
    1-4, monthly)."""
    merged = req(
        8, "Teaching and Learning", {READING, ELL}, {1, 2, 3, 4}, "monthly", D(2026, 9, 30)
    )
    return hours_saved(
        [*REQUESTS, merged],
        minutes=MINUTES,
        held=HELD,
        merged_from={8: [1, 2, 7]},
        active_ids=frozenset({3, 4, 5, 8}),
    )


def test_district_hours_before_and_after_consolidation():
    savings = _consolidated()
    assert set(savings) == {1, 2, 3, 4, 5, 7}  # the originals only
    total = totals(savings.values())
    # Before: 1050 + 800 + 40 + 30 + 30 + 90 = 2040 minutes = 34 hours.
    assert total.before == Decimal(34)
    # After: the merged request (20 + 15) x 4 x 10 = 1400, request 3 without home
    # language 30, and 30 + 30: 1490 minutes = 24 h 50 min.
    assert round(total.after, 4) == round(Decimal(1490) / 60, 4)
    assert round(total.saved * 60) == 550
    # Held fields alone: home language in 3 (10) and in 7 (10 x 3 terms) = 40 minutes.
    assert round(total.held_removed * 60) == 40


def test_a_merged_request_is_shared_among_its_originals_by_their_hours_before():
    # 1: 1050 of the group's 1940 minutes before, so 1050/1940 of the 1400 after.
    savings = _consolidated()
    assert round(savings[1].after * 60, 6) == round(Decimal(1400) * 1050 / 1940, 6)
    assert savings[1].merged_ids == [8]
    group = totals(savings[i] for i in (1, 2, 7))
    assert round(group.after * 60, 6) == 1400
    # An untouched request keeps its hours, less its held fields.
    assert savings[3].before * 60 == 40 and savings[3].after * 60 == 30
    assert savings[4].saved == 0
