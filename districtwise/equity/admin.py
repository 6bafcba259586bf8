from django.contrib import admin

from districtwise.equity.models import AuditRun, BoardReport, EquitySettings


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shown for support; changed only through the services (validation, audit history,
    recompute)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(EquitySettings)
class EquitySettingsAdmin(ReadOnlyAdmin):
    list_display = ["district", "risk_ratio_threshold", "minimum_display_n", "updated_at"]


@admin.register(AuditRun)
class AuditRunAdmin(ReadOnlyAdmin):
    list_display = ["district", "status", "started_at", "seconds", "row_count"]
    list_filter = ["district", "status"]


@admin.register(BoardReport)
class BoardReportAdmin(ReadOnlyAdmin):
    list_display = ["district", "requested_by", "school_year", "pages", "size", "created_at"]
    list_filter = ["district"]
