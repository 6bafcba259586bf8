"""The URLs of voice and guidance, by part of the capability."""

from django.urls import path

from districtwise.voice import views
from districtwise.voice.views import needs as needs_views  # the needs part

app_name = "voice"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- needs ----
    path("needs/", needs_views.needs, name="needs"),
    path("needs/export.csv", needs_views.needs_export, name="needs_export"),
    path("needs/raise/", needs_views.need_raise, name="need_raise"),
    path("needs/<int:pk>/", needs_views.need, name="need"),
    path("needs/<int:pk>/move/", needs_views.need_move, name="need_move"),
    path("needs/<int:pk>/comment/", needs_views.need_comment, name="need_comment"),
    path("needs/<int:pk>/route/", needs_views.need_route, name="need_route"),
    path("needs/files/<int:pk>/", needs_views.need_attachment, name="need_attachment"),
    path("needs/queue/", needs_views.queue, name="queue"),
    path("needs/queue/<int:pk>/", needs_views.queue_department, name="queue_department"),
    path("needs/queue/export.csv", needs_views.queue_export, name="queue_export"),
    path("needs/routes/", needs_views.routes, name="routes"),
    # ---- end needs ----
    # ---- patterns ----
    # ---- end patterns ----
    # ---- meetings ----
    # ---- end meetings ----
    # ---- dilemmas ----
    # ---- end dilemmas ----
    # ---- guidance ----
    # ---- end guidance ----
]
