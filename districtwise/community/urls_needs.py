"""The URLs of school needs and the needs map (included by ``community.urls``)."""

from django.urls import path

from districtwise.community.views import needs

urlpatterns = [
    path("needs/", needs.needs, name="needs"),
    path("needs/new/", needs.need_new, name="need_new"),
    path("needs/<int:pk>/edit/", needs.need_edit, name="need_edit"),
    path("needs/<int:pk>/resolve/", needs.need_resolve, name="need_resolve"),
    path("needs/map/", needs.needs_map, name="needs_map"),
    path("needs/map/matrix.csv", needs.needs_map_export, name="needs_map_export"),
    path("needs/schools/<int:pk>/", needs.school_needs, name="school_needs"),
]
