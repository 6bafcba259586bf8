from django.contrib import admin

from districtwise.supports.models import DeliveryLog, Support, TeacherAssignment, TeacherGroup


@admin.register(Support)
class SupportAdmin(admin.ModelAdmin):
    list_display = ["name", "district", "kind", "owner_department", "is_active"]
    list_filter = ["district", "kind"]


@admin.register(TeacherAssignment)
class TeacherAssignmentAdmin(admin.ModelAdmin):
    list_display = ["teacher", "school", "school_year", "starts_on", "ends_on"]
    list_filter = ["district", "school_year"]


@admin.register(DeliveryLog)
class DeliveryLogAdmin(admin.ModelAdmin):
    list_display = ["support", "school", "delivered_on", "minutes", "source"]
    list_filter = ["district", "source"]


# ---- adaptations ----
from districtwise.supports.models import Adaptation  # noqa: E402


@admin.register(Adaptation)
class AdaptationAdmin(admin.ModelAdmin):
    list_display = ["support", "school", "version", "status", "reviewed_at"]
    list_filter = ["district", "status"]


# ---- end adaptations ----
# ---- logs ----
@admin.register(TeacherGroup)
class TeacherGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "school", "support"]
    list_filter = ["district"]
    filter_horizontal = ["members"]


# ---- end logs ----
