"""The URLs of voice and guidance, by part of the capability."""

from django.urls import path

from districtwise.voice import views

# ---- dilemmas imports ----
from districtwise.voice.views import dilemmas

# ---- end dilemmas imports ----

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
    # ---- end guidance ----
]
