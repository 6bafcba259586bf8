"""The URLs of leadership, by part of the capability."""

from django.urls import path

from districtwise.leadership import views

# ---- imports ----
from districtwise.leadership.views import assessment as assessment_views  # assessment

# ---- end imports ----

app_name = "leadership"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- assessment ----
    path("assessments/", assessment_views.assessments, name="assessments"),
    path("assessments/new/", assessment_views.assessment_new, name="assessment_new"),
    path("assessments/summary/", assessment_views.assessment_summary, name="assessment_summary"),
    path("assessments/<int:pk>/", assessment_views.assessment, name="assessment"),
    path(
        "assessments/<int:pk>/answer/",
        assessment_views.assessment_answer,
        name="assessment_answer",
    ),
    path("assessments/<int:pk>/close/", assessment_views.assessment_close, name="assessment_close"),
    path("assessments/<int:pk>/plan/", assessment_views.assessment_plan, name="assessment_plan"),
    # ---- end assessment ----
    # ---- supervision ----
    # ---- end supervision ----
    # ---- succession ----
    # ---- end succession ----
]
