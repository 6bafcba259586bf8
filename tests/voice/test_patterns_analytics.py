"""The pure parts of the patterns: similar needs grouped, the rising rule, small counts
hidden, and time to answer, each on a set built by hand with its answer worked out."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from districtwise.analytics.voice.patterns import (
    is_rising,
    rising_categories,
    suppress_small,
    window_counts,
    window_of,
)
from districtwise.analytics.voice.similarity import NeedText, similar_groups, words
from districtwise.analytics.voice.timing import AnsweredNeed, answer_timings, percentile

BUS = "The new bus routes leave families stranded"
HAND_BUILT = [
    # Three schools with the same transport problem (students and families).
    NeedText(
        1,
        "students_families",
        "A",
        "Bus route change strands families",
        "Since the new bus routes started, families on the east side have no stop "
        "near them and children miss the first period.",
    ),
    NeedText(
        2,
        "students_families",
        "B",
        "Families stranded by new bus routes",
        "The bus route changes left several families without a stop; children arrive "
        "late every morning.",
    ),
    NeedText(
        3,
        "students_families",
        "C",
        BUS,
        "Families tell us the new route has no stop within walking distance.",
    ),
    # The same words but another category: never grouped with the above.
    NeedText(
        4,
        "budget",
        "D",
        "Bus route budget for field trips",
        "The field trip bus budget ran out for families of the fourth grade.",
    ),
    # Same category, unrelated: stays alone.
    NeedText(
        5,
        "students_families",
        "D",
        "Interpreter for parent conferences",
        "We have no interpreter for the spring parent conferences in two languages.",
    ),
    # Two needs from ONE school about the same leak: similar, but one school only.
    NeedText(
        6,
        "facilities",
        "A",
        "Roof leak in the gym",
        "The gym roof leaks onto the court whenever it rains.",
    ),
    NeedText(
        7,
        "facilities",
        "A",
        "Gym roof still leaking",
        "The gym roof leak is back; the court is closed when it rains.",
    ),
    # Two schools, heating: a second group.
    NeedText(
        8,
        "facilities",
        "B",
        "No heating in portable classrooms",
        "The portable classrooms have had no heating since the boiler failed.",
    ),
    NeedText(
        9,
        "facilities",
        "C",
        "Portable classrooms without heating",
        "Heating in our portable classrooms stopped working; students wear coats.",
    ),
]


def test_needs_of_several_schools_about_the_same_problem_group_together():
    groups = similar_groups(HAND_BUILT)
    assert groups == [[1, 2, 3], [8, 9]]


def test_the_same_words_in_another_category_do_not_join_a_group():
    assert all(4 not in group for group in similar_groups(HAND_BUILT))


def test_one_schools_repeated_need_is_not_a_district_group():
    assert all(6 not in group and 7 not in group for group in similar_groups(HAND_BUILT))
    assert [6, 7] in similar_groups(HAND_BUILT, min_schools=1)


def test_grouping_does_not_depend_on_the_order_of_the_needs():
    assert similar_groups(list(reversed(HAND_BUILT))) == similar_groups(HAND_BUILT)


def test_a_stricter_threshold_splits_loose_groups():
    assert similar_groups(HAND_BUILT, threshold=0.99) == []


def test_words_drop_stop_words_and_plural_endings():
    assert words("The buses and routes of the schools") == ["bus", "route"]


@pytest.mark.parametrize(
    ("recent", "prior", "rising"),
    [
        (6, [2, 2, 2], True),  # 3 times the mean
        (6, [4, 4, 4], True),  # exactly 1.5 times the mean
        (5, [4, 4, 4], False),  # under 1.5 times
        (4, [0, 0, 0], False),  # under the floor of 5, however new
        (5, [0, 0, 0], True),  # new, at the floor
        (20, [14, 14, 14], False),  # many, but steady
    ],
)
def test_the_rising_rule_on_hand_built_counts(recent, prior, rising):
    assert is_rising(recent, prior) is rising


def test_rising_categories_are_listed_steepest_first_new_ones_before_all():
    counts = {
        "safety": [6, 2, 2, 2],  # 3x
        "budget": [8, 4, 4, 4],  # 2x
        "staffing": [5, 0, 0, 0],  # new
        "other": [3, 0, 1, 0],  # under the floor
        "instruction": [9, 9, 9, 9],  # steady
    }
    found = rising_categories(counts)
    assert [r.category for r in found] == ["staffing", "safety", "budget"]
    assert found[1].recent == 6 and found[1].prior_mean == 2 and found[1].ratio == 3
    assert found[0].ratio is None


def test_needs_fall_into_four_week_windows_counted_back_from_today():
    assert [window_of(age) for age in (0, 27.9, 28, 55.99, 84, 111.5, -1)] == [
        0,
        0,
        1,
        1,
        3,
        3,
        None,
    ]
    ages = [("safety", 1), ("safety", 30), ("safety", 200), ("budget", 90)]
    assert window_counts(ages) == {"safety": [1, 1, 0, 0], "budget": [0, 0, 0, 1]}


def test_small_counts_are_hidden_with_the_next_smallest_when_one_alone_is_hidden():
    assert suppress_small({"N": 40, "S": 12, "E": 3}, minimum=10) == {
        "N": 40,
        "S": None,
        "E": None,
    }
    assert suppress_small({"N": 40, "S": 4, "E": 3}, minimum=10) == {
        "N": 40,
        "S": None,
        "E": None,
    }
    assert suppress_small({"N": 40, "S": 12}, minimum=10) == {"N": 40, "S": 12}


def test_percentiles_interpolate_between_ranks():
    assert percentile([1, 2, 3, 4], 0.5) == 2.5
    assert percentile([10], 0.9) == 10
    assert percentile([0, 10], 0.9) == 9
    assert math.isnan(percentile([], 0.5))


def test_time_to_answer_per_group_against_the_target():
    needs = [
        AnsweredNeed(("Facilities", "soon"), days, 7) for days in (1.0, 2.0, 3.0, 8.0, 10.0)
    ] + [AnsweredNeed(("Facilities", "urgent"), 3.0, 2)]
    soon, urgent = answer_timings(needs)
    assert (soon.answered, soon.median_days, soon.within_target) == (5, 3.0, 3)
    assert soon.p90_days == pytest.approx(9.2)  # rank 3.6: 8 + 0.6 * 2
    assert soon.share_within_target == 0.6
    assert (urgent.answered, urgent.within_target, urgent.share_within_target) == (1, 0, 0)


def _reference_groups(items, threshold):
    """Every pair compared one by one, as the definition reads (the slow way)."""
    from districtwise.analytics.voice.similarity import _vectors

    ordered = sorted(items, key=lambda i: (i.category, str(i.key)))
    vectors = _vectors(ordered)
    group_of = {i: {i} for i in range(len(ordered))}
    for i in range(len(ordered)):
        for j in range(i + 1, len(ordered)):
            same = ordered[i].category == ordered[j].category
            dot = sum(v * vectors[j].get(w, 0.0) for w, v in vectors[i].items())
            if same and dot >= threshold - 1e-9 and group_of[i] is not group_of[j]:
                merged = group_of[i] | group_of[j]
                for k in merged:
                    group_of[k] = merged
    groups = {id(g): g for g in group_of.values()}.values()
    return sorted(
        sorted(ordered[i].key for i in g)
        for g in groups
        if len({ordered[i].school for i in g}) >= 2
    )


VOCABULARY = ["bus", "stop", "route", "heat", "roof", "leak", "nurse", "laptop", "lunch"]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["safety", "facilities"]),
            st.integers(0, 3),
            st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=5),
        ),
        max_size=25,
    )
)
def test_the_grouping_equals_comparing_every_pair_one_by_one(drawn):
    items = [
        NeedText(key=n, category=category, school=school, title=" ".join(w), description="")
        for n, (category, school, w) in enumerate(drawn)
    ]
    found = sorted(sorted(group) for group in similar_groups(items, threshold=0.3))
    assert found == _reference_groups(items, 0.3)
