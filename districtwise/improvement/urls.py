"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import networks  # networks

app_name = "improvement"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- networks ----
    path("new/", networks.network_new, name="network_new"),
    path("<int:pk>/", networks.network, name="network"),
    path("<int:pk>/edit/", networks.network_edit, name="network_edit"),
    path("<int:pk>/archive/", networks.network_archive, name="network_archive"),
    path("<int:pk>/teams/add/", networks.teams_add, name="teams_add"),
    path("teams/<int:pk>/", networks.team, name="team"),
    path("teams/<int:pk>/remove/", networks.team_remove, name="team_remove"),
    path("teams/<int:pk>/members/add/", networks.member_add, name="member_add"),
    path("teams/<int:pk>/members/invite/", networks.member_invite, name="member_invite"),
    path("members/<int:pk>/edit/", networks.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", networks.member_remove, name="member_remove"),
    path("members/<int:pk>/sign-in-link/", networks.member_link, name="member_link"),
    path("welcome/<uidb64>/<token>/", networks.welcome, name="welcome"),
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
    # ---- end learning ----
]
