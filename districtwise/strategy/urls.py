from django.urls import path

from districtwise.strategy.views import plan
from districtwise.strategy.views import progress as progress_views  # area: progress
from districtwise.strategy.views import review as review_views  # area: progress

app_name = "strategy"
urlpatterns = [
    # The plan: vision, goals, theory of action, initiatives.
    path("", plan.overview, name="overview"),
    path("goals/<int:pk>/", plan.goal_detail, name="goal_detail"),
    path("initiatives/<int:pk>/", plan.initiative_detail, name="initiative_detail"),
]

# ---- area: progress (progress monitoring, indicators, the cabinet review) ----
urlpatterns += [
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
]
# ---- end area: progress ----
