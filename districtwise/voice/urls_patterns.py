"""The URLs of patterns (included under ``needs/`` in the ``voice`` namespace)."""

from django.urls import path

from districtwise.voice.views import patterns as views

urlpatterns = [
    path("patterns/", views.patterns, name="patterns"),
    path("issues/", views.issues, name="issues"),
    path("issues/new/", views.issue_new, name="issue_new"),
    path("issues/<int:pk>/", views.issue, name="issue"),
    path("issues/<int:pk>/link/", views.issue_link, name="issue_link"),
    path("issues/<int:pk>/unlink/", views.issue_unlink, name="issue_unlink"),
    path("issues/<int:pk>/answer/", views.issue_answer, name="issue_answer"),
]
