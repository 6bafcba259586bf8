"""Bench strength and positions at risk: pure functions on plain facts (no Django).

Bench strength of a position is a score of its candidates by readiness:
ready now counts 1, ready in 1-2 years counts 0.5, developing counts 0. A developing
candidate is worth naming and growing, but cannot cover a departure within two years, so
they do not add to the score (they are still counted, by readiness).

A position is AT RISK when its incumbent is likely to leave and nobody is ready now to
take over. Likely to leave means any of: the likelihood is "likely"; the expected
departure falls within 24 months of today; a move is announced. A vacant position is
always at risk: the post is already empty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

READINESS_WEIGHT = {"ready_now": 1.0, "one_to_two_years": 0.5, "developing": 0.0}
READINESS_ORDER = ("ready_now", "one_to_two_years", "developing")
HORIZON_MONTHS = 24
NO_NETWORK = "Central office"


@dataclass(frozen=True)
class PositionFacts:
    """What the bench computations need to know about one position."""

    key: int
    network: str | None  # the network's name; None for central-office positions
    vacant: bool
    expected_departure: dt.date | None
    departure_reason: str
    departure_likelihood: str
    readiness: Sequence[str] = ()  # one entry per candidate


@dataclass(frozen=True)
class Bench:
    """A position's candidates counted by readiness, its score and its risk."""

    counts: dict[str, int]
    score: float
    departure_likely: bool
    at_risk: bool
    risk_reason: str

    @property
    def ready_now(self) -> int:
        return self.counts["ready_now"]


@dataclass
class NetworkBench:
    """The bench of a network's positions (or the district's)."""

    name: str
    positions: int = 0
    covered: int = 0  # positions with at least one ready-now candidate
    at_risk: int = 0
    score_total: float = 0.0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(READINESS_ORDER, 0))

    @property
    def covered_share(self) -> float | None:
        return self.covered / self.positions if self.positions else None

    @property
    def mean_bench(self) -> float | None:
        return self.score_total / self.positions if self.positions else None


def _months_until(today: dt.date, later: dt.date) -> int:
    return (later.year - today.year) * 12 + later.month - today.month - (later.day < today.day)


def departure_likely(facts: PositionFacts, *, today: dt.date) -> bool:
    """Likely to leave: said to be likely, a move announced, or expected within 24 months."""
    if facts.departure_likelihood == "likely" or facts.departure_reason == "announced_move":
        return True
    return facts.expected_departure is not None and (
        _months_until(today, facts.expected_departure) < HORIZON_MONTHS
    )


def bench_of(facts: PositionFacts, *, today: dt.date) -> Bench:
    """The bench of one position: counts by readiness, score, and whether it is at risk."""
    counts = dict.fromkeys(READINESS_ORDER, 0)
    for readiness in facts.readiness:
        counts[readiness] += 1
    score = sum(READINESS_WEIGHT[r] * n for r, n in counts.items())
    likely = facts.vacant or departure_likely(facts, today=today)
    if facts.vacant:
        reason = "Vacant"
    elif likely and not counts["ready_now"]:
        reason = "Departure likely, nobody ready now"
    else:
        reason = ""
    return Bench(counts, score, likely, bool(reason), reason)


def bench_by_network(
    positions: Iterable[PositionFacts], *, today: dt.date
) -> tuple[list[NetworkBench], NetworkBench]:
    """Per network (by name; central-office positions under "Central office" last), and
    the whole: positions, the share covered by a ready-now candidate, the mean bench score,
    the positions at risk and the candidates by readiness."""
    groups: dict[str, NetworkBench] = {}
    whole = NetworkBench("All positions")
    for facts in positions:
        name = facts.network or NO_NETWORK
        bench = bench_of(facts, today=today)
        for group in (groups.setdefault(name, NetworkBench(name)), whole):
            group.positions += 1
            group.covered += bench.ready_now > 0
            group.at_risk += bench.at_risk
            group.score_total += bench.score
            for readiness, count in bench.counts.items():
                group.counts[readiness] += count
    ordered = sorted(groups.values(), key=lambda g: (g.name == NO_NETWORK, g.name))
    return ordered, whole
