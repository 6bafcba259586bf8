from django.apps import AppConfig


class SupportsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "districtwise.supports"
    verbose_name = "Teacher supports"

    def ready(self) -> None:
        from districtwise.data.signals import live_data_changed

        live_data_changed.connect(_refresh_roster, dispatch_uid="supports-roster")
        # ---- coverage ----
        from districtwise.strategy import metric_sources
        from districtwise.supports.selectors.coverage_metrics import CoverageSource

        metric_sources.register(CoverageSource())
        # ---- end coverage ----


def _refresh_roster(sender, *, district, actor, **kwargs) -> None:
    """The teaching roster follows the staff file of the live data."""
    from districtwise.supports.services.roster import roster_refresh_from_live_data

    roster_refresh_from_live_data(actor=actor, district=district)
