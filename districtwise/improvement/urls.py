"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import cycles as cycle_views  # cycles part

app_name = "improvement"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- networks ----
    # ---- end networks ----
    # ---- diagram ----
    # ---- end diagram ----
    # ---- measures ----
    # ---- end measures ----
    # ---- charts ----
    # ---- end charts ----
    # ---- cycles ----
    path("<int:pk>/cycles/", cycle_views.network_cycles, name="network_cycles"),
    path("<int:pk>/cycles.csv", cycle_views.cycles_export, name="cycles_export"),
    path("teams/<int:pk>/cycles/", cycle_views.team_cycles, name="team_cycles"),
    path("teams/<int:pk>/cycles/new/", cycle_views.cycle_new, name="cycle_new"),
    path("cycles/<int:pk>/", cycle_views.cycle, name="cycle"),
    path("cycles/<int:pk>/stage/", cycle_views.cycle_stage, name="cycle_stage"),
    path("cycles/<int:pk>/back/", cycle_views.cycle_step_back, name="cycle_step_back"),
    path("cycles/<int:pk>/next/", cycle_views.cycle_next, name="cycle_next"),
    path(
        "cycles/<int:pk>/attachments/new/",
        cycle_views.cycle_attachment_new,
        name="cycle_attachment_new",
    ),
    path("cycles/attachments/<int:pk>/", cycle_views.cycle_attachment, name="cycle_attachment"),
    path(
        "cycles/attachments/<int:pk>/delete/",
        cycle_views.cycle_attachment_delete,
        name="cycle_attachment_delete",
    ),
    # ---- end cycles ----
    # ---- learning ----
    # ---- end learning ----
]
