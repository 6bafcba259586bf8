"""The URLs of partners and community, by part of the capability."""

from django.urls import include, path

from districtwise.community import views

# ---- imports ----
from districtwise.community.views import stakeholders as stakeholder_views

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
