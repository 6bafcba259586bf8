"""Does a school's adaptation of a support stay inside the support's nonnegotiables?

The district fixes, per support, how often (at least so many times per week, month or
school year), how long (at least so many minutes each time), who may deliver it and which
protocol or materials are used. A school decides the rest (the day, the format, ...). The
checker compares what the school wrote with what the district requires and returns each
conflict in plain words; an empty list means the adaptation is inside the boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

# How many weeks each period holds. A month is 4.33 weeks (52 weeks / 12 months, rounded
# as districts usually write it); a school year is 36 instructional weeks (180 days).
WEEKS_PER_PERIOD: dict[str, Fraction] = {
    "week": Fraction(1),
    "month": Fraction(433, 100),
    "year": Fraction(36),
}
PERIOD_WORDS = {"week": "per week", "month": "per month", "year": "per school year"}


@dataclass(frozen=True)
class DeliveryPlan:
    """How often, how long, by whom and with what a support is delivered.

    Used for both sides: the district's nonnegotiable (``delivered_by`` empty: anyone;
    ``protocol`` empty: none fixed) and the school's adaptation (``protocol`` empty: the
    school uses the district's)."""

    occurrences: int
    period: str
    minutes: int
    delivered_by: tuple[str, ...] = ()
    protocol: str = ""


@dataclass(frozen=True)
class Conflict:
    """One way the school's plan falls outside the nonnegotiable."""

    rule: str  # "frequency", "minutes", "deliverer" or "protocol"
    school_wrote: str
    district_requires: str

    @property
    def message(self) -> str:
        return (
            f"The school wrote {self.school_wrote}; the district requires {self.district_requires}."
        )


def per_week(occurrences: int, period: str) -> Fraction:
    """Occurrences per week: the number divided by the weeks its period holds
    (``WEEKS_PER_PERIOD``): twice a month is 2 / 4.33 ≈ 0.46 a week."""
    if period not in WEEKS_PER_PERIOD:
        raise ValueError(f"Unknown period {period!r}: use week, month or year.")
    return Fraction(occurrences) / WEEKS_PER_PERIOD[period]


def _times(occurrences: int, period: str) -> str:
    times = {1: "once", 2: "twice"}.get(occurrences, f"{occurrences} times")
    return f"{times} {PERIOD_WORDS.get(period, period)}"


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def boundary_conflicts(
    school: DeliveryPlan, district: DeliveryPlan, role_names: dict[str, str] | None = None
) -> list[Conflict]:
    """The conflicts between a school's plan and the district's nonnegotiable.

    - frequency: fewer occurrences per week than required, both sides normalised to a
      week (a month is 4.33 weeks, a school year 36 weeks; see ``per_week``);
    - minutes: each occurrence shorter than the district's minimum (0: no minimum);
    - deliverer: a role the district does not allow (when it names any);
    - protocol: another protocol than the one the district fixes (compared ignoring case
      and spacing; a school that names none uses the district's).
    ``role_names`` turns role codes into words for the messages."""
    names = role_names or {}
    return [
        *_frequency_conflicts(school, district),
        *_minutes_conflicts(school, district),
        *_deliverer_conflicts(school, district, names),
        *_protocol_conflicts(school, district),
    ]


def _frequency_conflicts(school: DeliveryPlan, district: DeliveryPlan) -> list[Conflict]:
    if per_week(school.occurrences, school.period) >= per_week(
        district.occurrences, district.period
    ):
        return []
    wrote = _times(school.occurrences, school.period)
    return [
        Conflict("frequency", wrote, f"at least {_times(district.occurrences, district.period)}")
    ]


def _minutes_conflicts(school: DeliveryPlan, district: DeliveryPlan) -> list[Conflict]:
    if not district.minutes or school.minutes >= district.minutes:
        return []
    return [
        Conflict(
            "minutes", f"{school.minutes} minutes each time", f"at least {district.minutes} minutes"
        )
    ]


def _protocol_conflicts(school: DeliveryPlan, district: DeliveryPlan) -> list[Conflict]:
    if not (district.protocol and school.protocol):
        return []
    if _normal(school.protocol) == _normal(district.protocol):
        return []
    return [Conflict("protocol", f"“{school.protocol}”", f"“{district.protocol}”")]


def _deliverer_conflicts(
    school: DeliveryPlan, district: DeliveryPlan, names: dict[str, str]
) -> list[Conflict]:
    if not district.delivered_by:
        return []
    outside = [r for r in school.delivered_by if r not in district.delivered_by]
    if not outside:
        return []
    allowed = ", ".join(names.get(r, r) for r in district.delivered_by)
    wrote = ", ".join(names.get(r, r) for r in outside)
    return [Conflict("deliverer", f"delivered by {wrote}", f"delivery by {allowed} only")]
