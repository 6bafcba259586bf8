"""The fixed parts of the equity-metric definitions (shared/spec/equity-metrics.md):
the tidy result's columns, statuses, group types, dimensions, and the audit settings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# The tidy result: one row per figure, exactly these columns in this order (spec, "The tidy
# result").
TIDY_COLUMNS: tuple[str, ...] = (
    "school_year",
    "unit_type",
    "unit_id",
    "dimension",
    "metric",
    "group_type",
    "group",
    "numerator",
    "denominator",
    "value",
    "comparison_value",
    "ratio",
    "status",
)
STATUSES = ("ok", "insufficient_n", "alternate", "undefined", "suppressed", "unavailable")
UNIT_TYPES = ("district", "network", "school")
DIMENSIONS = (
    "resource",
    "opportunity",
    "representation",
    "programmatic",
    "discipline",
    "achievement",
    "attendance",
)
FLAG_GROUP_TYPES = (
    "economically_disadvantaged",
    "english_learner",
    "disability",
    "homeless",
    "foster_care",
    "gifted",
)
GROUP_TYPES: dict[str, tuple[str, ...]] = {
    "all": ("all",),
    "race_ethnicity": ("HL", "AI", "AS", "BL", "PI", "WH", "TR", "unknown"),
    "sex": ("F", "M", "X", "unknown"),
    **{flag: ("Y", "N", "unknown") for flag in FLAG_GROUP_TYPES},
}
QUARTILES = ("Q1", "Q2", "Q3", "Q4")
ADVANCED_GRADES: dict[str, tuple[str, ...]] = {
    "AP": ("09", "10", "11", "12"),
    "IB": ("09", "10", "11", "12"),
    "DUAL": ("09", "10", "11", "12"),
    "HONORS": ("06", "07", "08", "09", "10", "11", "12"),
    "ALG1_MS": ("07", "08"),
    "GT": (),  # all grades
}


@dataclass(frozen=True)
class AuditSettings:
    """A district's audit settings; every report prints the ones it ran with."""

    risk_ratio_threshold: float = 2.0
    minimum_cell_size: int = 10
    minimum_n_size: int = 30
    minimum_display_n: int = 10
    # Chronic absence: "share" = days_absent / days_enrolled >= chronic_share (spec default);
    # "days" = days_absent >= chronic_days (the federal CRDC alternative).
    chronic_rule: str = "share"
    chronic_share: float = 0.10
    chronic_days: float = 15.0
    minimum_days_enrolled: float = 10.0
    # Findings: gaps at or over this many percentage points are listed.
    gap_points: float = 10.0
    weight_economically_disadvantaged: float = 0.25
    weight_english_learner: float = 0.5
    weight_disability: float = 0.9
    year_start_month: int = 7
    year_start_day: int = 1
    extra: dict = field(default_factory=dict)

    def problems(self) -> list[str]:
        """What is out of range, in words (empty when the settings are usable)."""
        found = []
        if self.risk_ratio_threshold <= 1:
            found.append("The risk-ratio threshold must be above 1.")
        for name in ("minimum_cell_size", "minimum_n_size", "minimum_display_n"):
            if getattr(self, name) < 1:
                found.append(f"{name.replace('_', ' ').capitalize()} must be at least 1.")
        if self.chronic_rule not in ("share", "days"):
            found.append("The chronic-absence rule is 'share' or 'days'.")
        if not 0 < self.chronic_share < 1:
            found.append("The chronic-absence share must be between 0 and 1.")
        if self.chronic_days <= 0:
            found.append("The chronic-absence days must be above 0.")
        for name in (
            "weight_economically_disadvantaged",
            "weight_english_learner",
            "weight_disability",
        ):
            if getattr(self, name) < 0:
                found.append(f"{name.replace('_', ' ').capitalize()} must not be negative.")
        if self.gap_points < 0:
            found.append("The gap for findings must not be negative.")
        return found

    def as_dict(self) -> dict:
        return asdict(self)
