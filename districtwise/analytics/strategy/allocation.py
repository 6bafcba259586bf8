"""Need-weighted allocation: a pool of dollars or positions shared among the schools in
proportion to their weighted enrolment, and set against what each school has now.

Weighted enrolment follows the spec's weighted pupil (``per_weighted_pupil_spending``):
every student counts the base weight, and each flag the district weights (economically
disadvantaged, English learner, disability, homeless, foster care, gifted) adds its weight
for every student flagged ``Y``. The weights add up: a student who is both an English
learner and economically disadvantaged carries both.

The shares are exact to the step of the pool's unit (a cent of a dollar, a hundredth of a
full-time position): each school first gets the whole steps of its exact share, and the
steps left over go one each to the schools with the largest remainders, ties to the lower
school id (the largest-remainder method, also called Hamilton's method). The allocations
then add up to the pool exactly.

Nothing here knows about Django, users or requests (STYLE.md); the web layer decides what
each user may see of these figures."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from fractions import Fraction

import numpy as np

from districtwise.analytics.equity.metrics.families import assign_quartiles
from districtwise.analytics.equity.spec import FLAG_GROUP_TYPES, QUARTILES

# The flags a district may weight: the student flags the equity audit counts per school.
WEIGHTABLE_FLAGS: tuple[str, ...] = FLAG_GROUP_TYPES
POVERTY_FLAG = "economically_disadvantaged"
# The step of both units: a cent of a dollar, a hundredth of a full-time position.
STEP = Decimal("0.01")
# Weights are kept to four decimal places (0.25, 0.125, 0.0625 …).
WEIGHT_PLACES = 4
PLAIN_NUMBER = re.compile(r"-?(\d+(\.\d*)?|\.\d+)", re.ASCII)


class AllocationInputError(ValueError):
    """A figure given to the allocation that cannot be used, saying what and where."""

    def __init__(self, where: str, message: str):
        super().__init__(message)
        self.where = where
        self.message = message


def read_number(text: object, *, where: str, label: str) -> Decimal:
    """The plain decimal number written in ``text`` ("1200000", "0.25", "1200.50").

    Anything else is refused with a message that names the field (``label``) and repeats
    what was written: a dollar sign, thousands separators, a percent sign, an exponent or
    words are not a number here, since a spreadsheet's "$1,200" could mean 1,200 or 1.2."""
    if isinstance(text, Decimal) and text.is_finite():
        return text
    written = str(text if text is not None else "").strip()
    if not written:
        raise AllocationInputError(where, f"{label}: enter a number.")
    if not PLAIN_NUMBER.fullmatch(written):
        raise AllocationInputError(
            where,
            f"{label}: “{written[:40]}” is not a number. Write plain digits with a decimal "
            "point, such as 1200000.50: no dollar sign, commas, spaces or percent sign.",
        )
    try:
        return Decimal(written)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise AllocationInputError(where, f"{label}: “{written[:40]}” is not a number.") from None


@dataclass(frozen=True)
class Weights:
    """The district's weights: ``base`` per student, and per flag the weight added for each
    student flagged ``Y`` (flags left out weigh nothing)."""

    base: Decimal = Decimal("1")
    extra: Mapping[str, Decimal] = field(default_factory=dict)

    def problems(self) -> dict[str, str]:
        """What is wrong with the weights, per field (``base`` or the flag): empty when
        they can be used."""
        found: dict[str, str] = {}
        if self.base <= 0:
            found["base"] = "The base weight must be above 0: every student counts."
        for flag, weight in self.extra.items():
            if flag not in WEIGHTABLE_FLAGS:
                found[flag] = f"There is no student flag {flag!r} to weight."
            elif weight < 0:
                found[flag] = f"The weight for {flag.replace('_', ' ')} must not be negative."
        for name, weight in (("base", self.base), *self.extra.items()):
            if name not in found and _places(weight) > WEIGHT_PLACES:
                found[name] = f"Weights are kept to {WEIGHT_PLACES} decimal places."
        return found


def _places(number: Decimal) -> int:
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def pool_problem(pool: Decimal) -> str | None:
    """Why ``pool`` cannot be shared out, or None: it must be above 0 and a whole number
    of steps (cents, or hundredths of a position)."""
    if pool <= 0:
        return "The pool must be more than 0."
    if pool % STEP != 0:
        return (
            "The pool is shared to the cent (or to 0.01 of a position): use at most two "
            "decimal places."
        )
    return None


@dataclass(frozen=True)
class SchoolCounts:
    """One school's students in one school year: all of them, and per flag those flagged
    ``Y``."""

    school_id: str
    students: int
    flagged: Mapping[str, int] = field(default_factory=dict)


def weighted_enrolment(counts: SchoolCounts, weights: Weights) -> Decimal:
    """students * base + Σ (students flagged Y * the flag's weight)."""
    total = weights.base * counts.students
    for flag, weight in weights.extra.items():
        total += weight * counts.flagged.get(flag, 0)
    return total


def allocate(weighted: Mapping[str, Decimal], *, pool: Decimal) -> dict[str, Decimal]:
    """Share ``pool`` among the schools in proportion to their weighted enrolment, in whole
    steps (``STEP``), so that the shares add up to the pool exactly: the whole steps of each
    exact share first, then one step each to the largest remainders (ties to the lower
    school id). Raises ``AllocationInputError`` when there is nothing to share by."""
    problem = pool_problem(pool)
    if problem:
        raise AllocationInputError("pool", problem)
    total = sum(weighted.values(), Decimal(0))
    if total <= 0:
        raise AllocationInputError("school_year", "No school has students to share the pool by.")
    steps = int(pool / STEP)
    # Exact fractions: a Decimal division would round before the remainders are compared.
    quotas = {
        school: Fraction(steps) * Fraction(w) / Fraction(total) for school, w in weighted.items()
    }
    whole = {school: int(q) for school, q in quotas.items()}
    left = steps - sum(whole.values())
    by_remainder = sorted(quotas, key=lambda school: (-(quotas[school] - whole[school]), school))
    for school in by_remainder[:left]:
        whole[school] += 1
    return {school: whole[school] * STEP for school in sorted(weighted)}


@dataclass(frozen=True)
class SchoolAllocation:
    """One school's line of the allocation table. ``actual`` is what it has now (dollars
    spent, or teacher FTE), None when not known; ``quartile`` its poverty quartile (1-4)."""

    school_id: str
    students: int
    weighted: Decimal
    amount: Decimal
    actual: Decimal | None
    quartile: int
    flagged: Mapping[str, int] = field(default_factory=dict)

    @property
    def gap(self) -> Decimal | None:
        """The allocation minus what the school has now (positive: it would get more)."""
        return None if self.actual is None else self.amount - self.actual


def per_students(value: Decimal | None, students: int, *, per: int = 1) -> Decimal | None:
    """``value`` per ``per`` students, to the cent (half to even); None without students."""
    if value is None or students <= 0:
        return None
    return (value * per / students).quantize(STEP)


def poverty_quartiles(counts: Iterable[SchoolCounts]) -> dict[str, int]:
    """Each school's poverty quartile (1 lowest poverty … 4 highest) by the spec's rule:
    schools sorted by their share of students economically disadvantaged (ties by school
    id), quartile = min(4, floor(4 * (c + e/2) / E) + 1) with c the enrolment before the
    school, e its own and E the district's."""
    rows = sorted(counts, key=lambda c: c.school_id)
    if not rows:
        return {}
    quartiles = assign_quartiles(
        np.array([c.flagged.get(POVERTY_FLAG, 0) for c in rows], dtype=float),
        np.array([c.students for c in rows], dtype=float),
        np.array([c.school_id for c in rows], dtype=str),
    )
    return {c.school_id: int(q) for c, q in zip(rows, quartiles, strict=True)}


def allocation_table(
    counts: Iterable[SchoolCounts],
    *,
    weights: Weights,
    pool: Decimal,
    actual: Mapping[str, Decimal | None],
) -> list[SchoolAllocation]:
    """Every school's weighted enrolment, allocation, what it has now and its poverty
    quartile, by school id."""
    counts = sorted(counts, key=lambda c: c.school_id)
    weighted = {c.school_id: weighted_enrolment(c, weights) for c in counts}
    amounts = allocate(weighted, pool=pool)
    quartiles = poverty_quartiles(counts)
    return [
        SchoolAllocation(
            school_id=c.school_id,
            students=c.students,
            weighted=weighted[c.school_id],
            amount=amounts[c.school_id],
            actual=actual.get(c.school_id),
            quartile=quartiles[c.school_id],
            flagged=dict(c.flagged),
        )
        for c in counts
    ]


@dataclass(frozen=True)
class QuartileAllocation:
    """The schools of one poverty quartile together: their students, allocation and what
    they have now (None when any of its schools' is not known)."""

    quartile: str
    schools: int
    students: int
    amount: Decimal
    actual: Decimal | None

    @property
    def gap(self) -> Decimal | None:
        return None if self.actual is None else self.amount - self.actual


def quartile_table(lines: Iterable[SchoolAllocation]) -> list[QuartileAllocation]:
    """The allocation table summed per poverty quartile, Q1 (lowest poverty) to Q4."""
    lines = list(lines)
    out = []
    for number, name in enumerate(QUARTILES, start=1):
        mine = [line for line in lines if line.quartile == number]
        actuals = [line.actual for line in mine]
        known = all(a is not None for a in actuals)
        out.append(
            QuartileAllocation(
                quartile=name,
                schools=len(mine),
                students=sum(line.students for line in mine),
                amount=sum((line.amount for line in mine), Decimal(0)),
                actual=sum((a for a in actuals if a is not None), Decimal(0)) if known else None,
            )
        )
    return out
