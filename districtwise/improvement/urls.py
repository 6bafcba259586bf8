"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views

app_name = "improvement"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- networks ----
    # ---- end networks ----
    # ---- diagram ----
    # ---- end diagram ----
    # ---- measures ----
    # ---- end measures ----
    # ---- charts ----
    # ---- end charts ----
    # ---- cycles ----
    # ---- end cycles ----
    # ---- learning ----
    # ---- end learning ----
]
