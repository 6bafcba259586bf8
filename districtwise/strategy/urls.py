from django.urls import path

from districtwise.strategy.views import plan
from districtwise.strategy.views.exports import plan_export

app_name = "strategy"
urlpatterns = [
    # The plan: vision, goals, theory of action, initiatives.
    path("", plan.overview, name="overview"),
    path("goals/<int:pk>/", plan.goal_detail, name="goal_detail"),
    path("initiatives/<int:pk>/", plan.initiative_detail, name="initiative_detail"),
    # exports: the plan as XLSX or PDF, as the reader may see it.
    path("plan.<str:fmt>", plan_export, name="plan_export"),
    # end exports
]
