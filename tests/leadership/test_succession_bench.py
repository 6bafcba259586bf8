"""Bench strength and positions at risk, on hand-built positions worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from districtwise.analytics.leadership.bench import (
    PositionFacts,
    bench_by_network,
    bench_of,
    departure_likely,
)

TODAY = dt.date(2026, 3, 1)


def facts(key=1, network="North", *, vacant=False, leaves=None, reason="none_known",
          likelihood="unlikely", readiness=()) -> PositionFacts:  # fmt: skip
    return PositionFacts(key, network, vacant, leaves, reason, likelihood, tuple(readiness))


def test_the_score_counts_ready_now_once_and_one_to_two_years_half():
    bench = bench_of(
        facts(readiness=["ready_now", "one_to_two_years", "one_to_two_years", "developing"]),
        today=TODAY,
    )
    assert bench.counts == {"ready_now": 1, "one_to_two_years": 2, "developing": 1}
    assert bench.score == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("leaves", "reason", "likelihood", "likely"),
    [
        (None, "none_known", "unlikely", False),
        (None, "none_known", "likely", True),
        (None, "announced_move", "possible", True),
        (dt.date(2028, 2, 29), "retirement_eligible", "possible", True),  # 23 months away
        (dt.date(2028, 3, 1), "retirement_eligible", "possible", False),  # 24 months away
        (dt.date(2025, 12, 31), "contract_end", "unlikely", True),  # already past
    ],
)
def test_a_departure_is_likely_when_said_announced_or_within_24_months(
    leaves, reason, likelihood, likely
):
    position = facts(leaves=leaves, reason=reason, likelihood=likelihood)
    assert departure_likely(position, today=TODAY) is likely


def test_a_likely_departure_without_a_ready_now_candidate_is_at_risk():
    position = facts(likelihood="likely", readiness=["one_to_two_years", "developing"])
    bench = bench_of(position, today=TODAY)
    assert bench.at_risk and bench.risk_reason == "Departure likely, nobody ready now"


def test_a_ready_now_candidate_takes_a_likely_departure_out_of_risk():
    position = facts(likelihood="likely", readiness=["ready_now"])
    assert not bench_of(position, today=TODAY).at_risk


def test_a_vacant_position_is_at_risk_even_with_someone_ready():
    bench = bench_of(facts(vacant=True, readiness=["ready_now"]), today=TODAY)
    assert bench.at_risk and bench.risk_reason == "Vacant"


def test_an_unlikely_departure_with_no_candidates_is_not_at_risk():
    assert not bench_of(facts(), today=TODAY).at_risk


def test_networks_count_positions_coverage_mean_bench_and_risk():
    # North: P1 ready now + 1-2 yrs (score 1.5, covered); P2 likely, developing only
    # (score 0, at risk). South: P3 vacant, nobody (at risk). Central office: P4, 1-2 yrs
    # twice (score 1). Whole: 4 positions, 1 covered, 2 at risk, mean (1.5+0+0+1)/4.
    positions = [
        facts(1, "North", readiness=["ready_now", "one_to_two_years"]),
        facts(2, "North", likelihood="likely", readiness=["developing"]),
        facts(3, "South", vacant=True),
        facts(4, None, readiness=["one_to_two_years", "one_to_two_years"]),
    ]
    networks, whole = bench_by_network(positions, today=TODAY)
    assert [n.name for n in networks] == ["North", "South", "Central office"]
    north, south, central = networks
    assert (north.positions, north.covered, north.at_risk) == (2, 1, 1)
    assert north.covered_share == pytest.approx(0.5)
    assert north.mean_bench == pytest.approx(0.75)
    assert (south.positions, south.covered, south.at_risk, south.mean_bench) == (1, 0, 1, 0)
    assert central.mean_bench == pytest.approx(1.0)
    assert (whole.positions, whole.covered, whole.at_risk) == (4, 1, 2)
    assert whole.mean_bench == pytest.approx(2.5 / 4)
    assert whole.counts == {"ready_now": 1, "one_to_two_years": 3, "developing": 1}


def test_no_positions_give_no_mean_rather_than_zero():
    networks, whole = bench_by_network([], today=TODAY)
    assert networks == [] and whole.mean_bench is None and whole.covered_share is None
