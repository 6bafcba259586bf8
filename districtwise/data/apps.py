from django.apps import AppConfig


class DataConfig(AppConfig):
    name = "districtwise.data"
    label = "data"
    verbose_name = "District data"
