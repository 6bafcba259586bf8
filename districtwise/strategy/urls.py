"""The URLs of strategy and coherence, by part of the capability."""

from django.urls import path

from districtwise.strategy.views import allocation as allocation_views
from districtwise.strategy.views import coherence as coherence_views
from districtwise.strategy.views import plan, plan_edit
from districtwise.strategy.views import plan_initiative_edit as initiative_edit
from districtwise.strategy.views import progress as progress_views
from districtwise.strategy.views import review as review_views
from districtwise.strategy.views import tiers as tier_views
from districtwise.strategy.views.exports import plan_export

app_name = "strategy"
urlpatterns = [
    # The plan: the overview, its settings and its downloads.
    path("", plan.overview, name="overview"),
    path("plan/edit/", plan_edit.plan_edit, name="plan_edit"),
    path("plan.<str:fmt>", plan_export, name="plan_export"),
    # Goals and the theory of action.
    path("goals/new/", plan_edit.goal_new, name="goal_new"),
    path("goals/<int:pk>/", plan.goal_detail, name="goal_detail"),
    path("goals/<int:pk>/edit/", plan_edit.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", plan_edit.goal_delete, name="goal_delete"),
    path("theory/", plan_edit.theory, name="theory"),
    path("theory/<int:pk>/edit/", plan_edit.statement_edit, name="statement_edit"),
    path("theory/<int:pk>/delete/", plan_edit.statement_delete, name="statement_delete"),
    path("theory/<int:pk>/move/", plan_edit.statement_move, name="statement_move"),
    # Initiatives and their phases, budget lines, milestones and log.
    path("initiatives/new/", initiative_edit.initiative_new, name="initiative_new"),
    path("initiatives/<int:pk>/", plan.initiative_detail, name="initiative_detail"),
    path("initiatives/<int:pk>/edit/", initiative_edit.initiative_edit, name="initiative_edit"),
    path(
        "initiatives/<int:pk>/phases/", initiative_edit.initiative_phases, name="initiative_phases"
    ),
    path("initiatives/<int:pk>/phases/<int:item>/", initiative_edit.phase_edit, name="phase_edit"),
    path(
        "initiatives/<int:pk>/phases/<int:item>/delete/",
        initiative_edit.phase_delete,
        name="phase_delete",
    ),
    path(
        "initiatives/<int:pk>/budget/", initiative_edit.initiative_budget, name="initiative_budget"
    ),
    path(
        "initiatives/<int:pk>/budget/<int:item>/",
        initiative_edit.budget_line_edit,
        name="budget_line_edit",
    ),
    path(
        "initiatives/<int:pk>/budget/<int:item>/delete/",
        initiative_edit.budget_line_delete,
        name="budget_line_delete",
    ),
    path(
        "initiatives/<int:pk>/milestones/",
        initiative_edit.initiative_milestones,
        name="initiative_milestones",
    ),
    path(
        "initiatives/<int:pk>/milestones/<int:item>/",
        initiative_edit.milestone_edit,
        name="milestone_edit",
    ),
    path(
        "initiatives/<int:pk>/milestones/<int:item>/delete/",
        initiative_edit.milestone_delete,
        name="milestone_delete",
    ),
    path("initiatives/<int:pk>/log/", initiative_edit.initiative_log, name="initiative_log"),
    # Progress monitoring, indicators and the cabinet's reviews.
    path("progress/", progress_views.progress, name="progress"),
    path("progress/export.csv", progress_views.progress_export, name="progress_export"),
    path("goals/<int:pk>/progress/", progress_views.goal_progress, name="goal_progress"),
    path("indicators/", progress_views.indicator_list, name="indicator_list"),
    path("indicators/new/", progress_views.indicator_create, name="indicator_create"),
    path("indicators/<int:pk>/", progress_views.indicator_detail, name="indicator_detail"),
    path("indicators/<int:pk>/edit/", progress_views.indicator_edit, name="indicator_edit"),
    path(
        "indicators/<int:pk>/figures/", progress_views.indicator_figures, name="indicator_figures"
    ),
    path("reviews/", review_views.review_list, name="review_list"),
    path("reviews/<int:pk>/", review_views.review_detail, name="review_detail"),
    # Coherence: where the district's efforts pull apart.
    path("coherence/", coherence_views.coherence, name="coherence"),
    # Differentiated support tiers.
    path("tiers/", tier_views.overview, name="tiers"),
    path("tiers/refresh/", tier_views.refresh, name="tiers_refresh"),
    path("tiers/rules/", tier_views.rules, name="tier_rules"),
    path("tiers/schools/<int:pk>/", tier_views.school, name="tier_school"),
    path("tiers/schools/<int:pk>/override/", tier_views.override, name="tier_override"),
    # Need-weighted allocation scenarios.
    path("allocation/", allocation_views.allocation_list, name="allocation_list"),
    path("allocation/new/", allocation_views.scenario_create, name="allocation_create"),
    path("allocation/compare/", allocation_views.scenario_compare, name="allocation_compare"),
    path("allocation/<int:pk>/", allocation_views.scenario_detail, name="allocation_detail"),
    path("allocation/<int:pk>/edit/", allocation_views.scenario_edit, name="allocation_edit"),
    path("allocation/<int:pk>/copy/", allocation_views.scenario_copy, name="allocation_copy"),
    path("allocation/<int:pk>/adopt/", allocation_views.scenario_adopt, name="allocation_adopt"),
    path(
        "allocation/<int:pk>/export.<str:fmt>",
        allocation_views.scenario_export,
        name="allocation_export",
    ),
]
