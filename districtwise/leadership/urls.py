"""The URLs of leadership, by part of the capability."""

from django.urls import path

from districtwise.leadership import views
from districtwise.leadership.views import assessment as assessment_views  # assessment
from districtwise.leadership.views import succession

# ---- imports ----
from districtwise.leadership.views import supervision as supervision_views

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
    path("supervision/", supervision_views.caseload, name="caseload"),
    path("supervision/principals/<int:pk>/", supervision_views.principal, name="principal"),
    path("supervision/principals/<int:pk>/goals/new/", supervision_views.goal_new, name="goal_new"),
    path("supervision/visits/new/", supervision_views.visit_new, name="visit_new"),
    path("supervision/visits/<int:pk>/edit/", supervision_views.visit_edit, name="visit_edit"),
    path(
        "supervision/visits/<int:pk>/complete/",
        supervision_views.visit_complete,
        name="visit_complete",
    ),
    path("supervision/goals/<int:pk>/edit/", supervision_views.goal_edit, name="goal_edit"),
    path("supervision/goals/<int:pk>/notes/new/", supervision_views.goal_note, name="goal_note"),
    path("supervision/calendar/", supervision_views.visit_calendar, name="visit_calendar"),
    path("supervision/mine/", supervision_views.my_development, name="my_development"),
    # ---- end supervision ----
    # ---- succession ----
    path("succession/", succession.succession, name="succession"),
    path("succession/positions/new/", succession.position_new, name="position_new"),
    path("succession/positions/<int:pk>/", succession.position, name="position"),
    path("succession/positions/<int:pk>/edit/", succession.position_edit, name="position_edit"),
    path(
        "succession/positions/<int:pk>/candidates/new/",
        succession.candidate_new,
        name="candidate_new",
    ),
    path("succession/candidates/<int:pk>/edit/", succession.candidate_edit, name="candidate_edit"),
    path(
        "succession/candidates/<int:pk>/remove/",
        succession.candidate_remove,
        name="candidate_remove",
    ),
    path("succession/pipeline/", succession.pipeline, name="pipeline"),
    path("teacher-leaders/", succession.teacher_leaders, name="teacher_leaders"),
    path("teacher-leaders/new/", succession.teacher_leader_new, name="teacher_leader_new"),
    path(
        "teacher-leaders/<int:pk>/edit/",
        succession.teacher_leader_edit,
        name="teacher_leader_edit",
    ),
    # ---- end succession ----
]
