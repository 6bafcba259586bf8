from django.urls import path

from districtwise.data import views

app_name = "data"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("import/", views.upload, name="upload"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/cancel/", views.job_cancel, name="job_cancel"),
    path("imports/<int:pk>/", views.batch_detail, name="batch_detail"),
    path("imports/<int:pk>/report.csv", views.batch_report, name="batch_report"),
    path("versions/<int:pk>/restore/", views.version_restore, name="version_restore"),
]
