from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.improvement"
    verbose_name = "Improvement networks"

    def ready(self) -> None:
        # ---- measures ----
        from districtwise.data.signals import live_data_changed

        live_data_changed.connect(_refresh_measures, dispatch_uid="improvement-measures")
        # ---- end measures ----


# ---- measures ----
def _refresh_measures(sender, *, district, actor, **kwargs) -> None:
    """Measures backed by the district's data follow its live files."""
    from districtwise.improvement.services.measures_data import measure_refresh_from_data

    measure_refresh_from_data(actor=actor, district=district)


# ---- end measures ----
