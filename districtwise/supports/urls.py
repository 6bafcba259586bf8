"""The URLs of teacher supports, by part of the capability."""

from django.urls import path

from districtwise.supports import views
from districtwise.supports.views import coverage as coverage_views
from districtwise.supports.views import logs as log_views
from districtwise.supports.views import logs_roster as roster_views

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
    # ---- logs: delivery logs, teacher groups, the teaching roster ----
    path("schools/", log_views.log_schools, name="log_schools"),
    path("schools/<int:school_pk>/logs/", log_views.school_logs, name="school_logs"),
    path("schools/<int:school_pk>/logs/new/", log_views.log_create, name="log_create"),
    path("schools/<int:school_pk>/logs/import/", log_views.log_import, name="log_import"),
    path("schools/<int:school_pk>/logs/<int:pk>/", log_views.log_edit, name="log_edit"),
    path("schools/<int:school_pk>/logs/<int:pk>/delete/", log_views.log_delete, name="log_delete"),
    path("schools/<int:school_pk>/groups/", log_views.school_groups, name="school_groups"),
    path(
        "schools/<int:school_pk>/groups/<int:pk>/delete/",
        log_views.group_delete,
        name="group_delete",
    ),
    path("schools/<int:school_pk>/roster/", roster_views.school_roster, name="school_roster"),
    path("schools/<int:school_pk>/roster/add/", roster_views.roster_add, name="roster_add"),
    path(
        "schools/<int:school_pk>/roster/<int:pk>/",
        roster_views.assignment_edit,
        name="assignment_edit",
    ),
    # ---- end logs ----
]

# ---- adaptations: the catalogue editor and the schools' adaptations ----
from districtwise.supports.views import adaptations as adaptation_views  # noqa: E402
from districtwise.supports.views import catalogue as catalogue_views  # noqa: E402

urlpatterns += [
    path("catalogue/new/", catalogue_views.support_new, name="support_new"),
    path("catalogue/<int:pk>/edit/", catalogue_views.support_edit, name="support_edit"),
    path("catalogue/<int:pk>/retire/", catalogue_views.support_retire, name="support_retire"),
    path(
        "schools/<int:school_pk>/adaptations/",
        adaptation_views.school_supports,
        name="school_supports",
    ),
    path(
        "schools/<int:school_pk>/adaptations/<int:support_pk>/",
        adaptation_views.adaptation_edit,
        name="adaptation_edit",
    ),
    path(
        "schools/<int:school_pk>/adaptations/<int:support_pk>/history/",
        adaptation_views.adaptation_history,
        name="adaptation_history",
    ),
    path(
        "adaptations/<int:pk>/submit/", adaptation_views.adaptation_submit, name="adaptation_submit"
    ),
    path(
        "adaptations/<int:pk>/review/", adaptation_views.adaptation_review, name="adaptation_review"
    ),
    path("adaptations/", adaptation_views.adaptation_queue, name="adaptation_queue"),
]
# ---- end adaptations ----
