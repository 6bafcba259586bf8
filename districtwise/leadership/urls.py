"""The URLs of leadership, by part of the capability."""

from django.urls import path

from districtwise.leadership import views

# ---- imports ----
# ---- end imports ----

app_name = "leadership"
urlpatterns = [
    path("", views.overview, name="overview"),
    # ---- assessment ----
    # ---- end assessment ----
    # ---- supervision ----
    # ---- end supervision ----
    # ---- succession ----
    # ---- end succession ----
]
