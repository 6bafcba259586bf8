"""The URLs of voice and guidance, by part of the capability."""

from django.urls import include, path

from districtwise.voice import views

app_name = "voice"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- needs ----
    # ---- end needs ----
    # ---- patterns ----
    # voice:patterns, voice:issues, voice:issue, voice:issue_new, _link, _unlink, _answer
    path("needs/", include("districtwise.voice.urls_patterns")),
    # ---- end patterns ----
    # ---- meetings ----
    # ---- end meetings ----
    # ---- dilemmas ----
    # ---- end dilemmas ----
    # ---- guidance ----
    # ---- end guidance ----
]
