"""The URLs of leadership, by part of the capability."""

from django.urls import path

from districtwise.leadership import views

# ---- imports ----
from districtwise.leadership.views import succession

# ---- end imports ----

app_name = "leadership"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- assessment ----
    # ---- end assessment ----
    # ---- supervision ----
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
