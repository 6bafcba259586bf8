"""The figures of a self-assessment, worked out by hand: mean, spread (range and population
standard deviation), agreement within one level of the median, "don't know" counted apart,
low agreement flagged, and the weakest items a plan starts from."""

from __future__ import annotations

import pytest

from districtwise.leadership.instrument import ITEMS, SECTIONS
from districtwise.leadership.selectors.assessment import (
    item_stats,
    section_results,
    weakest_items,
)

ITEM = ITEMS["focus.1"]


def test_instrument_has_five_areas_and_three_agendas_with_three_to_five_items_each():
    kinds = [s.kind for s in SECTIONS]
    assert kinds.count("area") == 5 and kinds.count("agenda") == 3
    assert all(3 <= len(s.items) <= 5 for s in SECTIONS)
    assert all(item.key.startswith(f"{s.key}.") for s in SECTIONS for item in s.items)


def test_dont_know_is_counted_but_left_out_of_the_figures():
    stats = item_stats(ITEM, [1, 2, 4, None])
    assert stats.dont_know == 1
    assert stats.answered == 4
    assert stats.mean == pytest.approx(7 / 3)
    assert (stats.low, stats.high, stats.spread) == (1, 4, 3)
    # Deviations from 7/3: -4/3, -1/3, 5/3; squares sum to 14/3; over 3 ratings.
    assert stats.sd == pytest.approx((14 / 9) ** 0.5)


def test_agreement_is_the_share_within_one_level_of_the_median():
    assert item_stats(ITEM, [1, 2, 4]).agreement == pytest.approx(2 / 3)
    assert item_stats(ITEM, [3, 3, 4]).agreement == 1.0
    # Median 2.5: both 2 and 3 lie within one level; 1 and 4 do not.
    assert item_stats(ITEM, [2, 3]).agreement == 1.0
    assert item_stats(ITEM, [1, 4]).agreement == 0.0


def test_low_agreement_is_flagged_for_discussion_only_with_two_ratings_or_more():
    assert item_stats(ITEM, [1, 2, 4]).flagged
    assert item_stats(ITEM, [1, 4]).flagged
    assert not item_stats(ITEM, [2, 3, 3]).flagged
    assert not item_stats(ITEM, [1, None, None]).flagged


def test_an_item_only_answered_dont_know_has_no_figures():
    stats = item_stats(ITEM, [None, None])
    assert stats.mean is None and stats.sd is None and stats.agreement is None
    assert stats.dont_know == 2 and not stats.flagged


def test_section_mean_pools_every_rating_of_the_section():
    answers = [("focus.1", 1), ("focus.1", 2), ("focus.2", 4), ("focus.3", None)]
    focus = section_results(answers)[0]
    assert focus.section.key == "focus"
    assert focus.mean == pytest.approx(7 / 3)
    assert focus.dont_know == 1
    others = section_results(answers)[1:]
    assert all(s.mean is None for s in others)


def test_weakest_items_are_the_lowest_means_ties_going_to_the_wider_spread():
    answers = [
        ("focus.1", 2),
        ("focus.1", 2),  # mean 2, no spread
        ("focus.2", 1),
        ("focus.2", 3),  # mean 2, spread: first of the tie
        ("focus.3", 3),
        ("focus.4", None),  # nobody rated it: not a plan step
        ("coherence.2", 4),
    ]
    chosen = weakest_items(section_results(answers))
    assert [s.item.key for s in chosen] == ["focus.2", "focus.1", "coherence.2"]
    assert [s.item.key for s in weakest_items(section_results(answers), per_section=1)] == [
        "focus.2",
        "coherence.2",
    ]
