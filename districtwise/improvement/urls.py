"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import diagram, diagram_ideas  # diagram

app_name = "improvement"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- networks ----
    # ---- end networks ----
    # ---- diagram ----
    path("<int:pk>/diagram/", diagram.diagram, name="diagram"),
    path("<int:pk>/diagram/edit/", diagram.diagram_edit, name="diagram_edit"),
    path("<int:pk>/diagram/drivers/add/", diagram.driver_add, name="diagram_driver_add"),
    path(
        "<int:pk>/diagram/drivers/<int:driver_pk>/rename/",
        diagram.driver_rename,
        name="diagram_driver_rename",
    ),
    path(
        "<int:pk>/diagram/drivers/<int:driver_pk>/move/",
        diagram.driver_move,
        name="diagram_driver_move",
    ),
    path(
        "<int:pk>/diagram/drivers/<int:driver_pk>/remove/",
        diagram.driver_remove,
        name="diagram_driver_remove",
    ),
    path(
        "<int:pk>/diagram/drivers/<int:driver_pk>/ideas/",
        diagram.idea_place,
        name="diagram_idea_place",
    ),
    path(
        "<int:pk>/diagram/placements/<int:placement_pk>/remove/",
        diagram.placement_remove,
        name="diagram_placement_remove",
    ),
    path("<int:pk>/diagram/record/", diagram.diagram_record, name="diagram_record"),
    path("<int:pk>/diagram/versions/", diagram.diagram_versions, name="diagram_versions"),
    path(
        "<int:pk>/diagram/versions/<int:number>/", diagram.diagram_version, name="diagram_version"
    ),
    path("<int:pk>/ideas/", diagram_ideas.change_ideas, name="change_ideas"),
    path(
        "<int:pk>/ideas/<int:idea_pk>/edit/",
        diagram_ideas.change_idea_edit,
        name="change_idea_edit",
    ),
    path(
        "<int:pk>/ideas/<int:idea_pk>/retire/",
        diagram_ideas.change_idea_retire,
        name="change_idea_retire",
    ),
    path(
        "<int:pk>/ideas/<int:idea_pk>/delete/",
        diagram_ideas.change_idea_delete,
        name="change_idea_delete",
    ),
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
