"""The URLs of voice and guidance, by part of the capability."""

from django.urls import path

from districtwise.voice import views
from districtwise.voice.views import guidance  # guidance

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
    path("guidance/", guidance.library, name="guidance"),
    path("guidance/new/", guidance.document_new, name="guidance_new"),
    path("guidance/<int:pk>/", guidance.document, name="guidance_document"),
    path("guidance/<int:pk>/revise/", guidance.revise, name="guidance_revise"),
    path("guidance/<int:pk>/diff/", guidance.diff, name="guidance_diff"),
    path("guidance/<int:pk>/retire/", guidance.retire, name="guidance_retire"),
    path(
        "guidance/<int:pk>/acknowledgements/",
        guidance.acknowledgements,
        name="guidance_acknowledgements",
    ),
    path(
        "guidance/<int:pk>/acknowledgements.csv",
        guidance.acknowledgements_csv,
        name="guidance_acknowledgements_csv",
    ),
    path("guidance/versions/<int:pk>/", guidance.version, name="guidance_version"),
    path(
        "guidance/versions/<int:pk>/acknowledge/",
        guidance.acknowledge,
        name="guidance_acknowledge",
    ),
    # ---- end guidance ----
]
