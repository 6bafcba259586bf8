from django.apps import AppConfig


class OrganizationConfig(AppConfig):
    name = "districtwise.organization"
    label = "organization"
    verbose_name = "Organization"
