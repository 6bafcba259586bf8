from django.contrib import admin

from districtwise.core.admin_audit import AuditedAdmin
from districtwise.core.models import ApiToken, AuditEntry, Membership, StudentRecordGrant


@admin.register(Membership)
class MembershipAdmin(AuditedAdmin):
    list_display = ["person", "role", "district", "school", "network", "department", "partner"]
    list_filter = ["district", "role"]
    raw_id_fields = ["person", "school", "network", "department", "partner"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "district", "actor", "action", "object_type", "object_repr"]
    list_filter = ["district", "action", "object_type"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(StudentRecordGrant, AuditedAdmin)


@admin.register(ApiToken)
class ApiTokenAdmin(AuditedAdmin):
    list_display = ["name", "user", "district", "prefix", "created_at", "revoked_at"]
    exclude = ["digest"]
