from django.urls import path

from districtwise.strategy.views import plan

app_name = "strategy"
urlpatterns = [
    # The plan: vision, goals, theory of action, initiatives.
    path("", plan.overview, name="overview"),
]
