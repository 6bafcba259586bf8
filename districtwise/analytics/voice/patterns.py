"""Patterns of needs across schools: the rising rule and small-count suppression.

Rising. Needs are counted in four-week windows counted back from today: window 0 holds
the needs raised in the last 28 days, window 1 the 28 days before, and so on. A category
is *rising* when window 0 holds at least ``RISING_MIN_COUNT`` needs of it AND at least
``RISING_RATIO`` times the mean of windows 1 to 3 (the twelve weeks before). The floor keeps
a jump from one need to two out; the ratio asks for a clear change, not noise.

Suppression. Counts that could point at one school (a network's count, when few needs or
few schools make it up) follow the equity metric spec's privacy rule: a cell under the
minimum display n is hidden, and when exactly one cell of a row of siblings is hidden
while their total is shown, the next smallest is hidden too (complementary suppression),
so the hidden one cannot be recovered by subtraction.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

WINDOW_DAYS = 28
PRIOR_WINDOWS = 3
RISING_MIN_COUNT = 5
RISING_RATIO = 1.5
RISING_RULE = (
    f"A category is rising when at least {RISING_MIN_COUNT} needs of it were raised in the "
    f"last four weeks and that is at least {RISING_RATIO:g} times its average over the "
    f"{PRIOR_WINDOWS} four-week periods before."
)


@dataclass(frozen=True)
class Rising:
    """A rising category: its count in the last four weeks, the mean of the three windows
    before, and how many times that mean it is (None when the mean is zero: new)."""

    category: str
    recent: int
    prior_mean: float
    ratio: float | None


def window_of(age_days: float) -> int | None:
    """The four-week window (0 = the last 28 days) of a need raised ``age_days`` ago;
    None for a date in the future."""
    if age_days < 0:
        return None
    return int(age_days // WINDOW_DAYS)


def window_counts(ages: Iterable[tuple[str, float]]) -> dict[str, list[int]]:
    """Per category, the counts of windows 0..PRIOR_WINDOWS from (category, age in days)."""
    counts: dict[str, list[int]] = {}
    for category, age in ages:
        window = window_of(age)
        if window is None or window > PRIOR_WINDOWS:
            continue
        counts.setdefault(category, [0] * (PRIOR_WINDOWS + 1))[window] += 1
    return counts


def is_rising(recent: int, prior: Sequence[int]) -> bool:
    """The rule of the module docstring, for one category."""
    mean = sum(prior) / len(prior) if prior else 0.0
    return recent >= RISING_MIN_COUNT and recent >= RISING_RATIO * mean


def rising_categories(counts: Mapping[str, Sequence[int]]) -> list[Rising]:
    """The rising categories of ``counts`` (category -> [window 0, 1, 2, 3]), steepest
    first (new ones, with nothing before, first of all), then by name."""
    found = []
    for category, windows in counts.items():
        recent, prior = windows[0], list(windows[1 : PRIOR_WINDOWS + 1])
        if not is_rising(recent, prior):
            continue
        mean = sum(prior) / len(prior) if prior else 0.0
        found.append(Rising(category, recent, mean, recent / mean if mean else None))
    found.sort(key=lambda r: (r.ratio is not None, -(r.ratio or 0), -r.recent, r.category))
    return found


def suppress_small(counts: Mapping[Hashable, int], *, minimum: int) -> dict[Hashable, int | None]:
    """``counts`` with each cell under ``minimum`` replaced by None, and complementary
    suppression: if exactly one cell is hidden, the next smallest is hidden too."""
    shown: dict[Hashable, int | None] = {
        key: (None if value < minimum else value) for key, value in counts.items()
    }
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        visible = sorted((v, str(k), k) for k, v in shown.items() if v is not None)
        if visible:
            shown[visible[0][2]] = None
    return shown
