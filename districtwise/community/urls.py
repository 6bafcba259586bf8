"""The URLs of partners and community, by part of the capability."""

from django.urls import include, path

from districtwise.community import views

# ---- imports ----
from districtwise.community.views import stakeholders as stakeholder_views
from districtwise.community.views import surveys as survey_views  # surveys part
from districtwise.community.views import surveys_events as event_views  # surveys part
from districtwise.community.views import surveys_public  # surveys part

# ---- end imports ----

app_name = "community"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- partners ----
    path("", include("districtwise.community.urls_partners")),
    # ---- end partners ----
    # ---- needs ----
    path("", include("districtwise.community.urls_needs")),
    # ---- end needs ----
    # ---- surveys ----
    path("surveys/", survey_views.surveys, name="surveys"),
    path("surveys/new/", survey_views.survey_new, name="survey_new"),
    path("surveys/<int:pk>/", survey_views.survey, name="survey"),
    path("surveys/<int:pk>/edit/", survey_views.survey_edit, name="survey_edit"),
    path("surveys/<int:pk>/questions/new/", survey_views.question_new, name="survey_question_new"),
    path(
        "surveys/questions/<int:pk>/edit/",
        survey_views.question_edit,
        name="survey_question_edit",
    ),
    path(
        "surveys/questions/<int:pk>/move/",
        survey_views.question_move,
        name="survey_question_move",
    ),
    path(
        "surveys/questions/<int:pk>/remove/",
        survey_views.question_remove,
        name="survey_question_remove",
    ),
    path(
        "surveys/<int:pk>/translate/<str:lang>/",
        survey_views.survey_translate,
        name="survey_translate",
    ),
    path("surveys/<int:pk>/open/", survey_views.survey_open, name="survey_open"),
    path("surveys/<int:pk>/close/", survey_views.survey_close, name="survey_close"),
    path("surveys/<int:pk>/links/", survey_views.survey_links, name="survey_links"),
    path("surveys/<int:pk>/links/add/", survey_views.survey_links_add, name="survey_links_add"),
    path("surveys/<int:pk>/results/", survey_views.survey_results, name="survey_results"),
    path(
        "surveys/<int:pk>/results.csv",
        survey_views.survey_results_csv,
        name="survey_results_csv",
    ),
    path("s/<str:key>/", surveys_public.survey_answer, name="survey_answer"),
    path("events/", event_views.events, name="events"),
    path("events/new/", event_views.event_new, name="event_new"),
    path("events/<int:pk>/edit/", event_views.event_edit, name="event_edit"),
    # ---- end surveys ----
    # ---- stakeholders ----
    path("stakeholders/", stakeholder_views.stakeholders, name="stakeholders"),
    path("stakeholders/grid/", stakeholder_views.stakeholder_grid, name="stakeholder_grid"),
    path("stakeholders/new/", stakeholder_views.stakeholder_new, name="stakeholder_new"),
    path("stakeholders/<int:pk>/", stakeholder_views.stakeholder, name="stakeholder"),
    path(
        "stakeholders/<int:pk>/edit/", stakeholder_views.stakeholder_edit, name="stakeholder_edit"
    ),
    path(
        "stakeholders/<int:pk>/position/",
        stakeholder_views.stakeholder_position,
        name="stakeholder_position",
    ),
    path(
        "stakeholders/<int:pk>/engagement/",
        stakeholder_views.stakeholder_engagement,
        name="stakeholder_engagement",
    ),
    path(
        "stakeholders/priorities/<int:pk>/",
        stakeholder_views.stakeholder_priority,
        name="stakeholder_priority",
    ),
    # ---- end stakeholders ----
]
