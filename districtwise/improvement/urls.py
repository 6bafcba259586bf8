"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import learning  # learning

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
    path("<int:pk>/learning/", learning.learning, name="learning"),
    path("<int:pk>/learning/log/", learning.learning_log, name="learning_log"),
    path(
        "<int:pk>/learning/log/<int:entry>/edit/",
        learning.learning_entry_edit,
        name="learning_entry_edit",
    ),
    path(
        "<int:pk>/learning/log/<int:entry>/delete/",
        learning.learning_entry_delete,
        name="learning_entry_delete",
    ),
    path("<int:pk>/learning/summary/", learning.learning_summary, name="learning_summary"),
    path(
        "<int:pk>/learning/summary.pdf", learning.learning_summary_pdf, name="learning_summary_pdf"
    ),
    # ---- end learning ----
]
