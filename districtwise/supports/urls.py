"""The URLs of teacher supports, by part of the capability."""

from django.urls import path

from districtwise.supports import views
from districtwise.supports.views import coverage as coverage_views

app_name = "supports"
urlpatterns = [
    # The catalogue.
    path("", views.overview, name="overview"),
    path("catalogue/<int:pk>/", views.support_detail, name="support_detail"),
    # ---- coverage ----
    path("coverage/", coverage_views.coverage_overview, name="coverage"),
    path("coverage/compute/", coverage_views.coverage_compute, name="coverage_compute"),
    path("coverage/schools/<int:pk>/", coverage_views.coverage_school, name="coverage_school"),
    path(
        "coverage/schools/<int:pk>/teachers.csv",
        coverage_views.coverage_school_export,
        name="coverage_school_export",
    ),
    path("coverage/teachers/<int:pk>/", coverage_views.coverage_teacher, name="coverage_teacher"),
    # ---- end coverage ----
]
