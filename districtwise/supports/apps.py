from django.apps import AppConfig


class SupportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.supports"
    verbose_name = "Teacher supports"
