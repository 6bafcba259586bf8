from django.urls import path

from districtwise.strategy.views import plan
from districtwise.strategy.views import tiers as tier_views  # tiers

app_name = "strategy"
urlpatterns = [
    # The plan: vision, goals, theory of action, initiatives.
    path("", plan.overview, name="overview"),
    # tiers: differentiated support tiers
    path("tiers/", tier_views.overview, name="tiers"),
    path("tiers/refresh/", tier_views.refresh, name="tiers_refresh"),
    path("tiers/rules/", tier_views.rules, name="tier_rules"),
    path("tiers/schools/<int:pk>/", tier_views.school, name="tier_school"),
    path("tiers/schools/<int:pk>/override/", tier_views.override, name="tier_override"),
]
