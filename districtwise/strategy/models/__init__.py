"""Strategy and coherence: the district's plan (goals, theory of action, initiatives), the
indicators that show progress, the cabinet's reviews, support tiers and need-weighted
allocation. One module per part."""

from districtwise.strategy.models.allocation import AllocationLine, AllocationScenario
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
    "AllocationLine",
    "AllocationScenario",
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
    "PlacementRun",
    "Plan",
    "Tier",
    "TierIndicator",
    "TierOverride",
    "TierPlacement",
    "TierRuleSet",
]
