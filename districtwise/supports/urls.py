"""The URLs of teacher supports, by part of the capability."""

from django.urls import path

from districtwise.supports import views

app_name = "supports"
urlpatterns = [
    # The catalogue.
    path("", views.overview, name="overview"),
    path("catalogue/<int:pk>/", views.support_detail, name="support_detail"),
]
