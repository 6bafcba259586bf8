from django.urls import path

from districtwise.strategy.views import coherence as coherence_views  # coherence
from districtwise.strategy.views import plan

app_name = "strategy"
urlpatterns = [
    # The plan: vision, goals, theory of action, initiatives.
    path("", plan.overview, name="overview"),
    path("goals/<int:pk>/", plan.goal_detail, name="goal_detail"),
    path("initiatives/<int:pk>/", plan.initiative_detail, name="initiative_detail"),
    # coherence: where the district's efforts pull apart.
    path("coherence/", coherence_views.coherence, name="coherence"),
    # end coherence
]
