from django.contrib import admin

from districtwise.core.admin_audit import AuditedAdmin
from districtwise.strategy.models import (
    ActionStatement,
    BudgetLine,
    CabinetReview,
    Goal,
    GoalGroupTarget,
    Indicator,
    IndicatorValue,
    Initiative,
    InitiativePhase,
    LogEntry,
    Milestone,
    Participation,
    Plan,
)

PARENTS = ("plan", "goal", "initiative", "indicator")


class StrategyAdmin(AuditedAdmin):
    """Audited like every change, under the district of the plan the object belongs to.
    A change to a plan, goal or initiative raises its version, so an editor who opened it
    before is told, exactly as after an edit in the plan editor. No inlines: each object's
    change is audited on its own."""

    def district_of(self, obj):
        for _ in range(4):  # a group target: its goal, the goal's plan, the plan's district
            if getattr(obj, "district_id", None) is not None:
                return obj.district
            parents = [getattr(obj, name) for name in PARENTS if getattr(obj, f"{name}_id", None)]
            if not parents:
                return None
            obj = parents[0]
        return None

    def save_model(self, request, obj, form, change):
        if change and hasattr(obj, "version"):
            obj.version = type(obj)._default_manager.get(pk=obj.pk).version + 1
        super().save_model(request, obj, form, change)


@admin.register(Plan)
class PlanAdmin(StrategyAdmin):
    list_display = ["title", "district", "starts_on", "ends_on", "version"]
    list_filter = ["district"]


@admin.register(Goal)
class GoalAdmin(StrategyAdmin):
    list_display = ["code", "title", "plan", "priority", "owner_department", "version"]
    list_filter = ["plan__district", "is_equity"]
    search_fields = ["code", "title"]


@admin.register(Initiative)
class InitiativeAdmin(StrategyAdmin):
    list_display = ["code", "name", "plan", "owner_department", "status", "version"]
    list_filter = ["plan__district", "status"]
    search_fields = ["code", "name"]
    raw_id_fields = ["lead"]


@admin.register(Indicator)
class IndicatorAdmin(StrategyAdmin):
    list_display = ["name", "district", "source", "metric", "unit"]
    list_filter = ["district", "source"]


admin.site.register(
    [
        IndicatorValue,
        GoalGroupTarget,
        ActionStatement,
        InitiativePhase,
        Participation,
        BudgetLine,
        Milestone,
        LogEntry,
        CabinetReview,
    ],
    StrategyAdmin,
)
