"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import charts as charts_views  # charts
from districtwise.improvement.views import measures  # measures

app_name = "improvement"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- networks ----
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
    # ---- end learning ----
]
