"""The URLs of principal workload, by part of the capability."""

from django.urls import path

from districtwise.workload import views
from districtwise.workload.views import requests as data_requests  # requests

app_name = "workload"
urlpatterns = [
    path("", views.overview, name="overview"),
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
