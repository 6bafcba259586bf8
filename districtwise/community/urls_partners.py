"""The URLs of partners and partnerships (included in the ``community`` namespace)."""

from django.urls import path

from districtwise.community.views import partners as views

urlpatterns = [
    path("partners/", views.partners, name="partners"),
    path("partners/new/", views.partner_new, name="partner_new"),
    path("partners/<int:pk>/", views.partner, name="partner"),
    path("partners/<int:pk>/edit/", views.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/contacts/new/", views.contact_new, name="contact_new"),
    path("partners/contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("partners/contacts/<int:pk>/remove/", views.contact_remove, name="contact_remove"),
    path("partnerships/", views.partnerships, name="partnerships"),
    path("partnerships/new/", views.partnership_new, name="partnership_new"),
    path("partnerships/health/", views.partnership_health, name="partnership_health"),
    path("partnerships/<int:pk>/", views.partnership, name="partnership"),
    path("partnerships/<int:pk>/edit/", views.partnership_edit, name="partnership_edit"),
    path(
        "partnerships/<int:pk>/agreement/",
        views.partnership_agreement,
        name="partnership_agreement",
    ),
    path("partnerships/<int:pk>/services/new/", views.service_new, name="service_new"),
    path("partnerships/services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("partnerships/services/<int:pk>/remove/", views.service_remove, name="service_remove"),
    path("partnerships/<int:pk>/deliveries/new/", views.delivery_new, name="delivery_new"),
    path("partnerships/<int:pk>/reviews/new/", views.review_new, name="review_new"),
]
