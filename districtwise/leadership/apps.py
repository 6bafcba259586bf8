from django.apps import AppConfig


class LeadershipConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.leadership"
    verbose_name = "Leadership"
