"""The URLs of principal workload, by part of the capability."""

from django.urls import path

from districtwise.workload import views
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
]
