from django.apps import AppConfig


class VoiceConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.voice"
    verbose_name = "Voice and guidance"
