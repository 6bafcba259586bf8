from django.urls import path

from districtwise.strategy.views import allocation as allocation_views  # allocation
from districtwise.strategy.views import plan

app_name = "strategy"
urlpatterns = [
    # The plan: vision, goals, theory of action, initiatives.
    path("", plan.overview, name="overview"),
    # --- allocation: need-weighted allocation scenarios ---
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
    # --- end allocation ---
]
