"""The URLs of principal workload, by part of the capability."""

from django.urls import path

from districtwise.workload import views
from districtwise.workload.views import requests as data_requests  # requests
from districtwise.workload.views import tasks as tasks_views
from districtwise.workload.views import time_use as time_views  # time use

app_name = "workload"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- time use ----
    path("time/", time_views.time_home, name="time_home"),
    path("time/goal/", time_views.time_goal, name="time_goal"),
    path("time/<int:pk>/", time_views.time_summary, name="time_summary"),
    path("time/<int:pk>/week/", time_views.time_week, name="time_week"),
    path("time/<int:pk>/day/", time_views.time_day, name="time_day"),
    path("time/<int:pk>/goal/", time_views.time_principal_goal, name="time_principal_goal"),
    # ---- end time use ----
    # ---- area: tasks (the task audit and its redistribution) ----
    path("tasks/", tasks_views.task_audits, name="tasks"),
    path("tasks/starter/", tasks_views.starter_list, name="tasks_starter"),
    path("tasks/starter/edit/", tasks_views.starter_list_edit, name="tasks_starter_edit"),
    path("tasks/schools/<int:pk>/", tasks_views.school_audit, name="tasks_school"),
    path("tasks/schools/<int:pk>/edit/", tasks_views.school_audit_edit, name="tasks_school_edit"),
    path("tasks/<int:pk>/decision/", tasks_views.task_decision, name="tasks_decision"),
    path("tasks/<int:pk>/agree/", tasks_views.task_decision_agree, name="tasks_agree"),
    path("tasks/<int:pk>/progress/", tasks_views.task_decision_progress, name="tasks_progress"),
    path("tasks/coming-off/", tasks_views.coming_off, name="tasks_coming_off"),
    path("tasks/coming-to-me/", tasks_views.coming_to_me, name="tasks_coming_to_me"),
    path("tasks/hours-returned/", tasks_views.hours_returned, name="tasks_hours_returned"),
    path("tasks/hours-returned.csv", tasks_views.hours_returned_csv, name="tasks_hours_csv"),
    # ---- end area: tasks ----
    # ---- requests: the data-request registry ----
    path("requests/", data_requests.request_list, name="request_list"),
    path("requests/new/", data_requests.request_create, name="request_create"),
    path("requests/<int:pk>/", data_requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/edit/", data_requests.request_edit, name="request_edit"),
    path(
        "requests/<int:pk>/lines/<int:line_pk>/map/",
        data_requests.line_map,
        name="request_line_map",
    ),
    path("requests/overlaps/", data_requests.overlaps, name="request_overlaps"),
    path("requests/consolidate/", data_requests.consolidate, name="request_consolidate"),
    path("requests/fields/", data_requests.field_list, name="request_fields"),
    path("requests/fields/new/", data_requests.field_create, name="request_field_create"),
    path("requests/fields/<int:pk>/edit/", data_requests.field_edit, name="request_field_edit"),
    path("requests/held/", data_requests.held, name="request_held"),
    path("requests/hours/", data_requests.hours, name="request_hours"),
    path("requests/schools/<int:school_pk>/", data_requests.inbox, name="request_inbox"),
    # ---- end requests ----
]
