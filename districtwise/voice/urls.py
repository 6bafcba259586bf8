"""The URLs of voice and guidance, by part of the capability."""

from django.urls import path

from districtwise.voice import views

app_name = "voice"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- needs ----
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
