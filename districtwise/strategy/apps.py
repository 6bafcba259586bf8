from django.apps import AppConfig


class StrategyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.strategy"
    verbose_name = "Strategy and coherence"
