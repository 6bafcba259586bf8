from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "districtwise.core"
    label = "core"
    verbose_name = "Access and audit"
