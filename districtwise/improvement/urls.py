"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import charts as charts_views  # charts
from districtwise.improvement.views import (
    learning,  # learning
    measures,  # measures
    networks,  # networks
)

app_name = "improvement"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- networks ----
    path("new/", networks.network_new, name="network_new"),
    path("<int:pk>/", networks.network, name="network"),
    path("<int:pk>/edit/", networks.network_edit, name="network_edit"),
    path("<int:pk>/archive/", networks.network_archive, name="network_archive"),
    path("<int:pk>/teams/add/", networks.teams_add, name="teams_add"),
    path("teams/<int:pk>/", networks.team, name="team"),
    path("teams/<int:pk>/remove/", networks.team_remove, name="team_remove"),
    path("teams/<int:pk>/members/add/", networks.member_add, name="member_add"),
    path("teams/<int:pk>/members/invite/", networks.member_invite, name="member_invite"),
    path("members/<int:pk>/edit/", networks.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", networks.member_remove, name="member_remove"),
    path("members/<int:pk>/sign-in-link/", networks.member_link, name="member_link"),
    path("welcome/<uidb64>/<token>/", networks.welcome, name="welcome"),
    # ---- end networks ----
    # ---- diagram ----
    # ---- end diagram ----
    # ---- measures ----
    path("<int:pk>/measures/", measures.measures, name="measures"),
    path("<int:pk>/measures/new/", measures.measure_create, name="measure_create"),
    path("<int:pk>/measures/refresh/", measures.measures_refresh, name="measures_refresh"),
    path("<int:pk>/measures.csv", measures.measures_export, name="measures_export"),
    path("measures/<int:pk>/", measures.measure, name="measure"),
    path("measures/<int:pk>/edit/", measures.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/retire/", measures.measure_retire, name="measure_retire"),
    path("measures/<int:pk>/upload/", measures.measure_values_upload, name="measure_upload"),
    path(
        "measures/<int:pk>/teams/<int:team>/values/",
        measures.measure_team_values,
        name="measure_team_values",
    ),
    # ---- end measures ----
    # ---- charts ----
    path("<int:pk>/charts/", charts_views.charts, name="charts"),
    path("measures/<int:pk>/chart/", charts_views.measure_chart, name="measure_chart"),
    path(
        "measures/<int:pk>/chart/phases/new/",
        charts_views.chart_phase_new,
        name="chart_phase_new",
    ),
    path(
        "measures/<int:pk>/chart/phases/<int:phase_pk>/delete/",
        charts_views.chart_phase_delete,
        name="chart_phase_delete",
    ),
    # ---- end charts ----
    # ---- cycles ----
    # ---- end cycles ----
    # ---- learning ----
    path("<int:pk>/learning/", learning.learning, name="learning"),
    path("<int:pk>/learning/log/", learning.learning_log, name="learning_log"),
    path(
        "<int:pk>/learning/log/<int:entry>/edit/",
        learning.learning_entry_edit,
        name="learning_entry_edit",
    ),
    path(
        "<int:pk>/learning/log/<int:entry>/delete/",
        learning.learning_entry_delete,
        name="learning_entry_delete",
    ),
    path("<int:pk>/learning/summary/", learning.learning_summary, name="learning_summary"),
    path(
        "<int:pk>/learning/summary.pdf", learning.learning_summary_pdf, name="learning_summary_pdf"
    ),
    # ---- end learning ----
]
