"""The URLs of partners and community, by part of the capability."""

from django.urls import include, path

from districtwise.community import views

# ---- imports ----
# ---- end imports ----

app_name = "community"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- partners ----
    path("", include("districtwise.community.urls_partners")),
    # ---- end partners ----
    # ---- needs ----
    # ---- end needs ----
    # ---- surveys ----
    # ---- end surveys ----
    # ---- stakeholders ----
    # ---- end stakeholders ----
]
