from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "districtwise.web"
    label = "web"
    verbose_name = "Web shell"
