"""Strategy and coherence: the district's plan (goals, theory of action, initiatives),
the indicators that show progress, and the cabinet's reviews.

One module per part of the capability; each helper area adds its own module here."""

from districtwise.strategy.models.plan import (
    ActionStatement,
    AreaOfAction,
    BudgetLine,
    CabinetReview,
    FundingSource,
    Goal,
    GoalGroupTarget,
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativePhase,
    LearningAgenda,
    LogEntry,
    Milestone,
    Participation,
    Pathway,
    Plan,
)

# tiers: differentiated support tiers
from districtwise.strategy.models.tiers import (
    PlacementRun,
    Tier,
    TierIndicator,
    TierOverride,
    TierPlacement,
    TierRuleSet,
)

__all__ = [
    "ActionStatement",
    "AreaOfAction",
    "BudgetLine",
    "CabinetReview",
    "FundingSource",
    "Goal",
    "GoalGroupTarget",
    "Indicator",
    "IndicatorValue",
    "Initiative",
    "InitiativePhase",
    "LearningAgenda",
    "LogEntry",
    "Milestone",
    "Participation",
    "Pathway",
    "Plan",
]

# tiers
__all__ += [
    "PlacementRun",
    "Tier",
    "TierIndicator",
    "TierOverride",
    "TierPlacement",
    "TierRuleSet",
]
