from django.apps import AppConfig


class EquityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.equity"
    verbose_name = "Equity audit"
