"""The URLs of improvement networks, by part of the capability."""

from django.urls import path

from districtwise.improvement import views
from districtwise.improvement.views import charts as charts_views  # charts
from districtwise.improvement.views import cycles as cycle_views  # cycles part
from districtwise.improvement.views import (  # diagram
    diagram,
    diagram_ideas,
    learning,  # learning
    measures,  # measures
    networks,  # networks
)

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
    path("<int:pk>/measures/", measures.measures, name="measures"),
    path("<int:pk>/measures/new/", measures.measure_create, name="measure_create"),
    path("<int:pk>/measures/refresh/", measures.measures_refresh, name="measures_refresh"),
    path("<int:pk>/measures.csv", measures.measures_export, name="measures_export"),
    path("measures/<int:pk>/", measures.measure, name="measure"),
    path("measures/<int:pk>/edit/", measures.measure_edit, name="measure_edit"),
    path("measures/<int:pk>/retire/", measures.measure_retire, name="measure_retire"),
    path("measures/<int:pk>/upload/", measures.measure_values_upload, name="measure_upload"),
    path(
        "measures/<int:pk>/teams/<int:team>/values/",
        measures.measure_team_values,
        name="measure_team_values",
    ),
    # ---- end measures ----
    # ---- charts ----
    path("<int:pk>/charts/", charts_views.charts, name="charts"),
    path("measures/<int:pk>/chart/", charts_views.measure_chart, name="measure_chart"),
    path(
        "measures/<int:pk>/chart/phases/new/",
        charts_views.chart_phase_new,
        name="chart_phase_new",
    ),
    path(
        "measures/<int:pk>/chart/phases/<int:phase_pk>/delete/",
        charts_views.chart_phase_delete,
        name="chart_phase_delete",
    ),
    # ---- end charts ----
    # ---- cycles ----
    path("<int:pk>/cycles/", cycle_views.network_cycles, name="network_cycles"),
    path("<int:pk>/cycles.csv", cycle_views.cycles_export, name="cycles_export"),
    path("teams/<int:pk>/cycles/", cycle_views.team_cycles, name="team_cycles"),
    path("teams/<int:pk>/cycles/new/", cycle_views.cycle_new, name="cycle_new"),
    path("cycles/<int:pk>/", cycle_views.cycle, name="cycle"),
    path("cycles/<int:pk>/stage/", cycle_views.cycle_stage, name="cycle_stage"),
    path("cycles/<int:pk>/back/", cycle_views.cycle_step_back, name="cycle_step_back"),
    path("cycles/<int:pk>/next/", cycle_views.cycle_next, name="cycle_next"),
    path(
        "cycles/<int:pk>/attachments/new/",
        cycle_views.cycle_attachment_new,
        name="cycle_attachment_new",
    ),
    path("cycles/attachments/<int:pk>/", cycle_views.cycle_attachment, name="cycle_attachment"),
    path(
        "cycles/attachments/<int:pk>/delete/",
        cycle_views.cycle_attachment_delete,
        name="cycle_attachment_delete",
    ),
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
