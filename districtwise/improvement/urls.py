"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import charts as charts_views  # charts

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
