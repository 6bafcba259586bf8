"""Whether a goal is on track.

A goal runs on a straight line from its baseline (value and date) to its target (value and
date). The line says what the indicator should read on any day between them; after the
target date it expects the target. The latest figure's progress from the baseline, as a
share of the progress the line expects by that figure's date, decides the status by the
district's rule: on track at ``on_track_share`` or more, at risk at ``at_risk_share`` or
more, otherwise off track. A figure that has reached the target is on track whatever its
date. Without a baseline, a target or any figure, the status is "no data" — never a guess.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

ON_TRACK = "on_track"
AT_RISK = "at_risk"
OFF_TRACK = "off_track"
NO_DATA = "no_data"
STATUS_NAMES = {
    ON_TRACK: "On track",
    AT_RISK: "At risk",
    OFF_TRACK: "Off track",
    NO_DATA: "No data",
}


@dataclass(frozen=True)
class Point:
    """One figure of an indicator: its date and value (``None`` is a gap: no figure, or
    a figure hidden for privacy — never zero). ``withheld`` says why a figure that exists
    is hidden (the equity spec's ``suppressed_reason``: small_n, complementary); empty for
    a figure shown and for a period with no figure at all."""

    on: dt.date
    value: Decimal | None
    withheld: str = ""


@dataclass(frozen=True)
class Trajectory:
    """The straight line from baseline to target."""

    baseline_value: Decimal
    baseline_on: dt.date
    target_value: Decimal
    target_on: dt.date

    def expected_at(self, day: dt.date) -> Decimal:
        """The value the line expects on ``day`` (the baseline before it starts, the target
        after it ends)."""
        span = (self.target_on - self.baseline_on).days
        elapsed = min(max((day - self.baseline_on).days, 0), span)
        if span <= 0:
            return self.target_value
        change = self.target_value - self.baseline_value
        return self.baseline_value + change * Decimal(elapsed) / Decimal(span)

    @property
    def rising(self) -> bool:
        return self.target_value >= self.baseline_value


@dataclass(frozen=True)
class Status:
    """A goal's status, the share of expected progress made, and why, in words."""

    code: str
    share: Decimal | None
    reason: str

    @property
    def name(self) -> str:
        return STATUS_NAMES[self.code]


def latest_point(points: list[Point]) -> Point | None:
    """The newest point that has a value (gaps are skipped)."""
    known = [p for p in points if p.value is not None]
    return max(known, key=lambda p: p.on) if known else None


def goal_status(
    trajectory: Trajectory | None,
    points: list[Point],
    *,
    on_track_share: Decimal,
    at_risk_share: Decimal,
    show: Callable[[Decimal], str] | None = None,
) -> Status:
    """The status of a goal from its trajectory and its indicator's figures. ``show``
    writes a figure in the indicator's unit for the reason (plain decimals by default)."""
    show = show or _plain
    if trajectory is None:
        return Status(NO_DATA, None, "The goal has no complete baseline and target yet.")
    latest = latest_point(points)
    if latest is None or latest.value is None:
        return Status(NO_DATA, None, "No figure of the indicator since the baseline.")
    value = latest.value
    reached = (
        value >= trajectory.target_value if trajectory.rising else value <= trajectory.target_value
    )
    if reached:
        return Status(ON_TRACK, None, f"The latest figure ({show(value)}) has reached the target.")
    expected = trajectory.expected_at(latest.on)
    expected_change = expected - trajectory.baseline_value
    if expected_change == 0:
        return _before_any_expected_change(trajectory, latest)
    share = (value - trajectory.baseline_value) / expected_change
    code = ON_TRACK if share >= on_track_share else AT_RISK if share >= at_risk_share else OFF_TRACK
    reason = (
        f"The latest figure, {show(value)} on {latest.on.isoformat()}, has made "
        f"{_percent(share)} of the progress the line from baseline to target expects by then "
        f"({show(expected.quantize(Decimal('0.0001')))}). "
        f"Rule: on track from {_percent(on_track_share)}, at risk from "
        f"{_percent(at_risk_share)}."
    )
    return Status(code, share.quantize(Decimal("0.001")), reason)


def _before_any_expected_change(trajectory: Trajectory, latest: Point) -> Status:
    assert latest.value is not None
    moved = latest.value - trajectory.baseline_value
    backwards = moved < 0 if trajectory.rising else moved > 0
    if backwards:
        return Status(
            AT_RISK, None, "No progress is expected yet, but the figure moved away from the target."
        )
    return Status(
        ON_TRACK, None, "No progress is expected yet by the line from baseline to target."
    )


def _plain(value: Decimal) -> str:
    return (
        format(value.normalize(), "f")
        if value == value.to_integral()
        else format(value, "f").rstrip("0")
    )


def _percent(share: Decimal) -> str:
    return f"{(share * 100).quantize(Decimal('1'))} %"
