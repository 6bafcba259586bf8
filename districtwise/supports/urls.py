"""The URLs of teacher supports, by part of the capability."""

from django.urls import path

from districtwise.supports import views
from districtwise.supports.views import logs as log_views
from districtwise.supports.views import logs_roster as roster_views

app_name = "supports"
urlpatterns = [
    # The catalogue.
    path("", views.overview, name="overview"),
    path("catalogue/<int:pk>/", views.support_detail, name="support_detail"),
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
