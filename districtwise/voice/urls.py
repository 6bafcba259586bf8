"""The URLs of voice and guidance, by part of the capability."""

from django.urls import include, path

from districtwise.voice import views
from districtwise.voice.views import guidance  # guidance
from districtwise.voice.views import meetings as meeting_views  # meetings part

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
    path("meetings/", meeting_views.meetings, name="meetings"),
    path("meetings/new/", meeting_views.meeting_new, name="meeting_new"),
    path("meetings/<int:pk>/", meeting_views.meeting, name="meeting"),
    path("meetings/<int:pk>/edit/", meeting_views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/items/new/", meeting_views.agenda_item_new, name="agenda_item_new"),
    path("meetings/<int:pk>/propose/", meeting_views.agenda_propose, name="agenda_propose"),
    path("meetings/<int:pk>/publish/", meeting_views.agenda_publish, name="agenda_publish"),
    path("meetings/<int:pk>/minutes/", meeting_views.minutes_edit, name="minutes_edit"),
    path("meetings/items/<int:pk>/edit/", meeting_views.agenda_item_edit, name="agenda_item_edit"),
    path("meetings/items/<int:pk>/move/", meeting_views.agenda_item_move, name="agenda_item_move"),
    path(
        "meetings/items/<int:pk>/remove/",
        meeting_views.agenda_item_remove,
        name="agenda_item_remove",
    ),
    path(
        "meetings/items/<int:pk>/decide/",
        meeting_views.agenda_proposal_decide,
        name="agenda_proposal_decide",
    ),
    path("meetings/items/<int:pk>/follow-up/", meeting_views.follow_up_new, name="follow_up_new"),
    path("meetings/follow-ups/<int:pk>/done/", meeting_views.follow_up_done, name="follow_up_done"),
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
