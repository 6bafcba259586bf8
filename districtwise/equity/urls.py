from django.urls import path

from districtwise.equity import views

app_name = "equity"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("findings/", views.findings, name="findings"),
    path("settings/", views.settings_page, name="settings"),
    path("export.<str:fmt>", views.export, name="export"),
    path("<slug:dimension>/", views.dimension, name="dimension"),
]
