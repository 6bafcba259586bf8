"""The URLs of principal workload, by part of the capability."""

from django.urls import path

from districtwise.workload import views
from districtwise.workload.views import time_use as time_views  # time use

app_name = "workload"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- time use ----
    path("time/", time_views.time_home, name="time_home"),
    path("time/goal/", time_views.time_goal, name="time_goal"),
    path("time/<int:pk>/", time_views.time_summary, name="time_summary"),
    path("time/<int:pk>/week/", time_views.time_week, name="time_week"),
    path("time/<int:pk>/day/", time_views.time_day, name="time_day"),
    path("time/<int:pk>/goal/", time_views.time_principal_goal, name="time_principal_goal"),
    # ---- end time use ----
]
