"""The URLs of voice and guidance, by part of the capability."""

from django.urls import include, path

from districtwise.voice import views

# ---- dilemmas imports ----
from districtwise.voice.views import (
    dilemmas,
    guidance,  # guidance
)
from districtwise.voice.views import meetings as meeting_views  # meetings part
from districtwise.voice.views import needs as needs_views  # the needs part

# ---- end dilemmas imports ----

app_name = "voice"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- needs ----
    path("needs/", needs_views.needs, name="needs"),
    path("needs/export.csv", needs_views.needs_export, name="needs_export"),
    path("needs/raise/", needs_views.need_raise, name="need_raise"),
    path("needs/<int:pk>/", needs_views.need, name="need"),
    path("needs/<int:pk>/move/", needs_views.need_move, name="need_move"),
    path("needs/<int:pk>/comment/", needs_views.need_comment, name="need_comment"),
    path("needs/<int:pk>/route/", needs_views.need_route, name="need_route"),
    path("needs/files/<int:pk>/", needs_views.need_attachment, name="need_attachment"),
    path("needs/queue/", needs_views.queue, name="queue"),
    path("needs/queue/<int:pk>/", needs_views.queue_department, name="queue_department"),
    path("needs/queue/export.csv", needs_views.queue_export, name="queue_export"),
    path("needs/routes/", needs_views.routes, name="routes"),
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
    path("meetings/<int:pk>/dilemmas/new/", dilemmas.dilemma_new, name="dilemma_new"),
    path("dilemmas/lessons/", dilemmas.lessons, name="lessons"),
    path("dilemmas/<int:pk>/", dilemmas.dilemma, name="dilemma"),
    path("dilemmas/<int:pk>/advance/", dilemmas.dilemma_advance, name="dilemma_advance"),
    path("dilemmas/<int:pk>/feedback/", dilemmas.dilemma_feedback, name="dilemma_feedback"),
    path("dilemmas/<int:pk>/record/", dilemmas.dilemma_record, name="dilemma_record"),
    path("dilemmas/<int:pk>/share/", dilemmas.dilemma_share, name="dilemma_share"),
    path("dilemmas/<int:pk>/act/", dilemmas.lesson_act, name="lesson_act"),
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
