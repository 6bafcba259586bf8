"""Differentiated support tiers: score each school's need from the district's tier rules
and place it in a tier, with the explanation indicator by indicator.

    rules = TierRules(indicators=(IndicatorRule("chronic_absence", 40, ...), ...),
                      tiers=(TierCut(1, "Universal", 0, 40), ...))
    rule_problems(rules)            # [] when the rules are usable, else the problems in words
    place_schools(figures, rules)   # {school_id: Placement}

Each indicator's value becomes a need score from 0 (no extra need) to 100 (most need),
either linearly between two values the district chooses or by the school's rank among the
district's schools. The school's score is the weighted mean of the need scores of the
indicators it has a value for: when an indicator is missing, the weights of the others are
scaled up so that they again add up to 100 % (and the explanation says so). A higher score
means more need, and a higher tier more support."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

HIGHER_NEEDS_MORE = "higher_needs_more"
LOWER_NEEDS_MORE = "lower_needs_more"
DIRECTIONS = {
    HIGHER_NEEDS_MORE: "a higher value means more need",
    LOWER_NEEDS_MORE: "a lower value means more need",
}
LINEAR, RANK = "linear", "rank"
SCALINGS = {
    LINEAR: "linear between two values",
    RANK: "rank among the district's schools",
}


@dataclass(frozen=True)
class IndicatorKind:
    """An indicator tier rules may use: its name, unit and the direction of need."""

    key: str
    label: str
    unit: str  # "%", "points" or "times"
    direction: str
    about: str


INDICATORS: dict[str, IndicatorKind] = {
    k.key: k
    for k in (
        IndicatorKind(
            "chronic_absence",
            "Chronic absence rate",
            "%",
            HIGHER_NEEDS_MORE,
            "share of the school's students chronically absent (equity audit)",
        ),
        IndicatorKind(
            "proficiency",
            "Proficiency rate",
            "%",
            LOWER_NEEDS_MORE,
            "share of the students tested on the chosen assessment who were proficient",
        ),
        IndicatorKind(
            "growth",
            "Growth in proficiency",
            "points",
            LOWER_NEEDS_MORE,
            "change of the proficiency rate from the previous school year, in points",
        ),
        IndicatorKind(
            "oss_risk_ratio",
            "Highest suspension risk ratio",
            "times",
            HIGHER_NEEDS_MORE,
            "the highest out-of-school suspension risk ratio of a student group",
        ),
        IndicatorKind(
            "oss_rate",
            "Out-of-school suspension rate",
            "%",
            HIGHER_NEEDS_MORE,
            "share of the school's students suspended out of school at least once",
        ),
        IndicatorKind(
            "staff_turnover",
            "Staff turnover",
            "%",
            HIGHER_NEEDS_MORE,
            "share of last year's staff of the school no longer at the school this year",
        ),
    )
}


@dataclass(frozen=True)
class IndicatorRule:
    """One indicator of the rules: its weight (percent), direction and scaling (for linear
    scaling, ``floor`` < ``ceiling``, in the indicator's unit)."""

    key: str
    weight: float
    direction: str
    scaling: str = LINEAR
    floor: float | None = None
    ceiling: float | None = None

    @property
    def label(self) -> str:
        kind = INDICATORS.get(self.key)
        return kind.label if kind else self.key


@dataclass(frozen=True)
class TierCut:
    """A tier and the scores it covers: ``lower`` ≤ score < ``upper`` (the top tier
    includes 100)."""

    level: int
    name: str
    lower: float
    upper: float

    @property
    def title(self) -> str:
        return f"Tier {self.level} ({self.name})" if self.name else f"Tier {self.level}"


@dataclass(frozen=True)
class TierRules:
    """The district's tier rules."""

    indicators: tuple[IndicatorRule, ...]
    tiers: tuple[TierCut, ...]


@dataclass(frozen=True)
class Figure:
    """An indicator's value at one school, or why there is none (``missing``). ``note``
    says where the value comes from; ``sources`` names the audit figures behind it as
    (school_year, metric, group_type, group)."""

    value: float | None
    missing: str = ""
    note: str = ""
    sources: tuple[tuple[int, str, str, str], ...] = ()


@dataclass(frozen=True)
class ExplanationLine:
    """How one indicator counted in a school's score."""

    key: str
    label: str
    value: float | None
    score: float | None
    weight: float
    used_weight: float | None
    contribution: float | None
    missing: str = ""
    note: str = ""
    sources: tuple[tuple[int, str, str, str], ...] = ()


@dataclass(frozen=True)
class Placement:
    """A school's score and tier (None when no indicator has a value), with the lines."""

    tier: int | None
    score: float | None
    lines: tuple[ExplanationLine, ...]
    weights_note: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)


TOTAL_WEIGHT = 100.0


def rule_problems(rules: TierRules) -> list[str]:
    """What makes the rules unusable, in words (empty when they are usable): unknown or
    repeated indicators, weights that are not positive or do not add up to 100 %, bad
    scaling, and tiers whose cut points overlap, leave gaps or do not span 0 to 100."""
    return [*_indicator_problems(rules.indicators), *_tier_problems(rules.tiers)]


def _indicator_problems(indicators: Sequence[IndicatorRule]) -> list[str]:
    if not indicators:
        return ["Choose at least one indicator."]
    found, seen = [], set()
    for rule in indicators:
        if rule.key not in INDICATORS:
            known = ", ".join(INDICATORS)
            found.append(f"There is no indicator {rule.key!r}; the indicators are {known}.")
            continue
        if rule.key in seen:
            found.append(f"{rule.label} is listed twice.")
        seen.add(rule.key)
        found += _one_indicator_problems(rule)
    total = sum(r.weight for r in indicators if math.isfinite(r.weight))
    if not math.isclose(total, TOTAL_WEIGHT, abs_tol=1e-6):
        found.append(
            f"The weights add up to {_number(total)} %; they must add up to exactly 100 %."
        )
    return found


def _one_indicator_problems(rule: IndicatorRule) -> list[str]:
    found = []
    if not math.isfinite(rule.weight) or rule.weight <= 0:
        found.append(f"The weight of {rule.label} must be above 0 %.")
    if rule.direction not in DIRECTIONS:
        found.append(f"{rule.label}: the direction must be one of {', '.join(DIRECTIONS)}.")
    if rule.scaling not in SCALINGS:
        found.append(f"{rule.label}: the scaling must be one of {', '.join(SCALINGS)}.")
    elif rule.scaling == LINEAR:
        if rule.floor is None or rule.ceiling is None:
            found.append(f"{rule.label}: linear scaling needs a low and a high value.")
        elif not rule.floor < rule.ceiling:
            found.append(
                f"{rule.label}: the low value ({_number(rule.floor)}) must be below the high "
                f"value ({_number(rule.ceiling)})."
            )
    return found


def _tier_problems(tiers: Sequence[TierCut]) -> list[str]:
    if len(tiers) < 2:
        return ["Define at least two tiers."]
    found = []
    levels = sorted(t.level for t in tiers)
    if levels != list(range(1, len(tiers) + 1)):
        found.append(f"The tiers must be numbered 1 to {len(tiers)}, each once.")
    for tier in tiers:
        if not tier.name.strip():
            found.append(f"Tier {tier.level} needs a name.")
        if not tier.lower < tier.upper:
            found.append(
                f"{tier.title}: its lowest score ({_number(tier.lower)}) must be below its "
                f"highest ({_number(tier.upper)})."
            )
    return found + _cut_problems(sorted(tiers, key=lambda t: (t.lower, t.level)))


def _cut_problems(ordered: Sequence[TierCut]) -> list[str]:
    found = []
    if ordered[0].lower != 0:
        found.append(f"No tier covers the scores from 0 to {_number(ordered[0].lower)}.")
    if ordered[-1].upper != TOTAL_WEIGHT:
        found.append(f"No tier covers the scores from {_number(ordered[-1].upper)} to 100.")
    for below, above in pairwise(ordered):
        if below.upper > above.lower:
            found.append(
                f"{below.title} and {above.title} overlap: both cover the scores from "
                f"{_number(above.lower)} to {_number(min(below.upper, above.upper))}."
            )
        elif below.upper < above.lower:
            found.append(
                f"There is a gap between {below.title} and {above.title}: no tier covers "
                f"the scores from {_number(below.upper)} to {_number(above.lower)}."
            )
        if below.level > above.level:
            found.append(
                f"{above.title} covers lower scores than {below.title}: a higher tier is for "
                "schools with more need (higher scores)."
            )
    return found


def _number(value: float) -> str:
    return f"{value:g}"


def need_scores(values: Mapping[str, float | None], rule: IndicatorRule) -> dict[str, float]:
    """Need score 0-100 of each school with a value, under one indicator's rule.

    Linear: 0 at the ``floor`` and 100 at the ``ceiling`` when a higher value means more
    need (the other way round otherwise), clipped to 0-100. Rank: the share of the other
    schools with a value that have less need, times 100 (ties share the mean rank; a lone
    school scores 50)."""
    present = {s: v for s, v in values.items() if v is not None and math.isfinite(v)}
    if rule.scaling == RANK:
        return _rank_scores(present, rule.direction)
    assert rule.floor is not None and rule.ceiling is not None
    span = rule.ceiling - rule.floor
    scores = {}
    for school, value in present.items():
        share = (value - rule.floor) / span
        if rule.direction == LOWER_NEEDS_MORE:
            share = 1 - share
        scores[school] = 100 * min(1.0, max(0.0, share))
    return scores


def _rank_scores(present: Mapping[str, float], direction: str) -> dict[str, float]:
    need = {s: (v if direction == HIGHER_NEEDS_MORE else -v) for s, v in present.items()}
    if len(need) == 1:
        return dict.fromkeys(need, 50.0)
    ordered = sorted(need.values())
    scores = {}
    for school, value in need.items():
        below = sum(1 for v in ordered if v < value)
        ties = sum(1 for v in ordered if v == value) - 1
        scores[school] = 100 * (below + ties / 2) / (len(need) - 1)
    return scores


def place_schools(
    figures: Mapping[str, Mapping[str, Figure]], rules: TierRules
) -> dict[str, Placement]:
    """Each school's score and tier under ``rules`` (which must have no problems), from
    ``figures``: school → indicator → Figure. Scores are rounded to two decimals before
    the tier is looked up, so the page shows the score that decided the tier."""
    scores = {
        rule.key: need_scores({s: _figure(f, rule.key).value for s, f in figures.items()}, rule)
        for rule in rules.indicators
    }
    return {
        school: _placement(
            [
                (rule, _figure(figures[school], rule.key), scores[rule.key].get(school))
                for rule in rules.indicators
            ],
            rules.tiers,
        )
        for school in sorted(figures)
    }


def _figure(school_figures: Mapping[str, Figure], key: str) -> Figure:
    return school_figures.get(key) or Figure(None, missing="no figure for this school")


def _placement(
    counted: list[tuple[IndicatorRule, Figure, float | None]], tiers: Sequence[TierCut]
) -> Placement:
    present = sum(rule.weight for rule, _, score in counted if score is not None)
    lines = tuple(_line(rule, figure, score, present) for rule, figure, score in counted)
    if present <= 0:
        return Placement(None, None, lines, "No indicator has a value: the school is not placed.")
    score = round(sum(line.contribution or 0.0 for line in lines), 2)
    return Placement(_tier_of(score, tiers), score, lines, _weights_note(lines, present))


def _line(
    rule: IndicatorRule, figure: Figure, score: float | None, present: float
) -> ExplanationLine:
    used = rule.weight * TOTAL_WEIGHT / present if score is not None and present else None
    missing = figure.missing or ("" if score is not None else "no value")
    return ExplanationLine(
        key=rule.key,
        label=rule.label,
        value=figure.value if score is not None else None,
        score=None if score is None else round(score, 2),
        weight=rule.weight,
        used_weight=None if used is None else round(used, 2),
        contribution=None if used is None or score is None else score * used / TOTAL_WEIGHT,
        missing="" if score is not None else missing,
        note=figure.note,
        sources=figure.sources,
    )


def _weights_note(lines: Sequence[ExplanationLine], present: float) -> str:
    gone = [line.label for line in lines if line.score is None]
    if not gone:
        return "Every indicator has a value: the weights are used as set."
    return (
        f"{_listed(gone)} {'is' if len(gone) == 1 else 'are'} missing, so the weights of the "
        f"other indicators ({_number(round(present, 2))} % together) are each multiplied by "
        f"100 / {_number(round(present, 2))} to add up to 100 % again."
    )


def _listed(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _tier_of(score: float, tiers: Sequence[TierCut]) -> int | None:
    top = max(tiers, key=lambda t: t.upper)
    for tier in tiers:
        if tier.lower <= score < tier.upper or (tier is top and score == tier.upper):
            return tier.level
    return None
