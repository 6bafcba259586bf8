"""Differentiated support tiers: the district's tier rules (indicators with weights, tiers
with cut points and the support each tier is offered), each school's placement every time
the data changes (kept as history, one row per school per placement run) and the
superintendent's overrides.

The scoring itself is ``districtwise.analytics.strategy.tiers``; ``TierRuleSet.as_rules``
gives it the rules."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from districtwise.analytics.strategy import tiers as scoring
from districtwise.core.base import BaseModel

INDICATOR_CHOICES = [(k.key, k.label) for k in scoring.INDICATORS.values()]
DIRECTION_CHOICES = [(k, v.capitalize()) for k, v in scoring.DIRECTIONS.items()]
SCALING_CHOICES = [(k, v.capitalize()) for k, v in scoring.SCALINGS.items()]


class TierRuleSet(BaseModel):
    """The district's tier rules (one set per district). ``assessment`` is the assessment
    whose proficiency rate (and its growth) the rules read; ``version`` rises with every
    change, and each placement run records the version it used."""

    district = models.OneToOneField(
        "organization.District", on_delete=models.CASCADE, related_name="tier_rules"
    )
    assessment = models.CharField(max_length=64, default="STATE_MATH")
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return f"Tier rules of {self.district} (version {self.version})"

    def as_rules(self) -> scoring.TierRules:
        """The rules as the scoring functions take them."""
        return scoring.TierRules(
            indicators=tuple(i.as_rule() for i in self.indicators.all()),
            tiers=tuple(t.as_cut() for t in self.tiers.all()),
        )


class TierIndicator(BaseModel):
    """One indicator of the rules, with its weight (percent of the score), direction of
    need and scaling to a 0-100 need score (linear between ``floor`` and ``ceiling``, in
    the indicator's unit, or by rank among the district's schools)."""

    rule_set = models.ForeignKey(TierRuleSet, on_delete=models.CASCADE, related_name="indicators")
    indicator = models.CharField(max_length=40, choices=INDICATOR_CHOICES)
    weight = models.DecimalField(max_digits=5, decimal_places=2)
    direction = models.CharField(max_length=20, choices=DIRECTION_CHOICES)
    scaling = models.CharField(max_length=10, choices=SCALING_CHOICES, default=scoring.LINEAR)
    floor = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)
    ceiling = models.DecimalField(max_digits=12, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["rule_set", "-weight", "indicator"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "indicator"], name="unique_tier_rule_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_indicator_display()} ({self.weight} %)"

    def as_rule(self) -> scoring.IndicatorRule:
        return scoring.IndicatorRule(
            key=self.indicator,
            weight=float(self.weight),
            direction=self.direction,
            scaling=self.scaling,
            floor=None if self.floor is None else float(self.floor),
            ceiling=None if self.ceiling is None else float(self.ceiling),
        )


class Tier(BaseModel):
    """A tier: the need scores it covers (``score_from`` ≤ score < ``score_to``; the top
    tier includes 100) and the supports its schools are offered, one per line."""

    rule_set = models.ForeignKey(TierRuleSet, on_delete=models.CASCADE, related_name="tiers")
    level = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=80)
    score_from = models.DecimalField(max_digits=5, decimal_places=2)
    score_to = models.DecimalField(max_digits=5, decimal_places=2)
    supports = models.TextField(blank=True, help_text="One support per line.")

    class Meta:
        ordering = ["rule_set", "level"]
        constraints = [
            models.UniqueConstraint(fields=["rule_set", "level"], name="unique_tier_level"),
        ]

    def __str__(self) -> str:
        return f"Tier {self.level} ({self.name})"

    @property
    def support_list(self) -> list[str]:
        return [line.strip() for line in self.supports.splitlines() if line.strip()]

    def as_cut(self) -> scoring.TierCut:
        return scoring.TierCut(self.level, self.name, float(self.score_from), float(self.score_to))


class PlacementRun(BaseModel):
    """One placement of every school: made when a new equity audit finishes, when the rules
    change, or on request. ``rules`` is a copy of the rules it used, so that the history
    explains itself after the rules change."""

    district = models.ForeignKey(
        "organization.District", on_delete=models.CASCADE, related_name="placement_runs"
    )
    audit_run = models.ForeignKey(
        "equity.AuditRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    school_year = models.PositiveSmallIntegerField()
    rules_version = models.PositiveIntegerField()
    rules = models.JSONField(default=dict)
    reason = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Tier placement of {self.school_year} ({self.created_at:%Y-%m-%d %H:%M})"


class TierPlacement(BaseModel):
    """A school's computed tier in one placement run, with its score and the explanation
    indicator by indicator (``explanation``: the lines and the note on the weights)."""

    run = models.ForeignKey(PlacementRun, on_delete=models.CASCADE, related_name="placements")
    school = models.ForeignKey(
        "organization.School", on_delete=models.CASCADE, related_name="tier_placements"
    )
    tier = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    explanation = models.JSONField(default=dict)

    class Meta:
        ordering = ["-run__created_at", "-run_id", "school__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "school"], name="unique_placement_per_run"),
        ]

    def __str__(self) -> str:
        return f"{self.school}: tier {self.tier or '—'}"


class TierOverride(BaseModel):
    """The superintendent's placement of a school in another tier than the computed one,
    with the reason. It holds through every recomputation until it is removed."""

    school = models.OneToOneField(
        "organization.School", on_delete=models.CASCADE, related_name="tier_override"
    )
    tier = models.PositiveSmallIntegerField()
    reason = models.TextField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.school}: tier {self.tier} by decision"


__all__ = [
    "PlacementRun",
    "Tier",
    "TierIndicator",
    "TierOverride",
    "TierPlacement",
    "TierRuleSet",
]
