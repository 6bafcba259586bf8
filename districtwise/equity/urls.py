from django.urls import path

from districtwise.equity import views

app_name = "equity"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("findings/", views.findings, name="findings"),
    path("settings/", views.settings_page, name="settings"),
    path("export.<str:fmt>", views.export, name="export"),
    path("reports/", views.report_request, name="report_request"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/progress/", views.report_progress, name="report_progress"),
    path("reports/<int:pk>/cancel/", views.report_cancel, name="report_cancel"),
    path("reports/<int:pk>/board-report.pdf", views.report_download, name="report_download"),
    path("<slug:dimension>/", views.dimension, name="dimension"),
]
