"""The series every run-chart and control-chart rule reads: numbers in chart order, with gaps.

A point's *position* is its place in the sequence the caller passed (0-based), gaps included,
so that positions line up with the chart's dates. Missing values (``None``, NaN, a Decimal
NaN) are gaps: they are skipped by every computation and never break or extend a run.
Anything else that is not a finite real number is bad input and raises ``SeriesError``
naming the position, so a caller can tell the person which point to fix.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from numbers import Real

Number = float | int | Decimal
ABOVE, BELOW = "above", "below"


class SeriesError(ValueError):
    """A series the rules cannot read: a value that is not a number, lengths that differ,
    a denominator that is not positive, a phase start outside the series."""


def round_half_up(x: float) -> int:
    """The nearest integer, halves rounded up (R's and Anhøj's tables' rounding; Python's
    ``round`` would round halves to even)."""
    return math.floor(x + 0.5)


def as_number(value: object, *, position: int, name: str = "values") -> float | None:
    """``value`` as a float, or None when it is missing (None or NaN).

    Raises SeriesError for text, booleans, infinities and anything else that is not a real
    number, naming ``name`` and the 0-based ``position``.
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, Real | Decimal):
        raise SeriesError(f"{name}: the value at position {position} ({value!r}) is not a number")
    number = float(value)
    if math.isnan(number):
        return None
    if math.isinf(number):
        raise SeriesError(f"{name}: the value at position {position} is infinite")
    return number


def clean(values: Iterable[Number | None], *, name: str = "values") -> list[float | None]:
    """The values as floats in their positions, gaps as None (see ``as_number``)."""
    return [as_number(value, position=i, name=name) for i, value in enumerate(values)]


def observed(series: Sequence[float | None]) -> list[tuple[int, float]]:
    """(position, value) of the non-missing points, in order."""
    return [(i, x) for i, x in enumerate(series) if x is not None]


def median(series: Sequence[float | None]) -> float | None:
    """The median of the non-missing values (the mean of the middle two for an even count);
    None when there are none."""
    values = [x for x in series if x is not None]
    return statistics.median(values) if values else None


def side(value: float, center: float) -> str | None:
    """ABOVE or BELOW the centre line; None for a point exactly on it (not useful)."""
    if value > center:
        return ABOVE
    if value < center:
        return BELOW
    return None


@dataclass(frozen=True)
class Stretch:
    """Consecutive counted points: their positions, and the side or direction they share."""

    positions: tuple[int, ...]
    kind: str

    @property
    def length(self) -> int:
        return len(self.positions)


def runs_about(series: Sequence[float | None], center: float) -> list[Stretch]:
    """The runs of useful points: maximal stretches of non-missing points on the same side
    of ``center``. Points on the centre line and gaps neither break nor extend a run and are
    not listed."""
    runs: list[Stretch] = []
    for position, value in observed(series):
        where = side(value, center)
        if where is None:
            continue
        if runs and runs[-1].kind == where:
            runs[-1] = Stretch((*runs[-1].positions, position), where)
        else:
            runs.append(Stretch((position,), where))
    return runs


def point_list(positions: Sequence[int]) -> str:
    """Positions as people count chart points (from 1): "4", "4 and 7", "3 to 9" for a
    consecutive block, "2, 5 and 8" otherwise."""
    numbers = [p + 1 for p in positions]
    if len(numbers) == 1:
        return str(numbers[0])
    if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"{numbers[0]} to {numbers[-1]}"
    return ", ".join(str(n) for n in numbers[:-1]) + f" and {numbers[-1]}"


def plural(count: int, word: str, words: str | None = None) -> str:
    """ "1 point", "3 points"."""
    return f"{count} {word if count == 1 else (words or word + 's')}"
