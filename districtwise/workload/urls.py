"""The URLs of principal workload, by part of the capability."""

from django.urls import path

from districtwise.workload import views

app_name = "workload"
urlpatterns = [
    path("", views.overview, name="overview"),
]
