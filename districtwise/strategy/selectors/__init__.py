"""Reads of strategy and coherence, one module per part (``plan``, and each part's own).
The plan's selectors are re-exported here: ``selectors.goal_list(user=…, district=…)``."""

from districtwise.strategy.selectors.plan import goal_list, initiative_list, plan_for

__all__ = ["goal_list", "initiative_list", "plan_for"]
