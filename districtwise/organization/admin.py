from django.contrib import admin

from districtwise.core.admin_audit import AuditedAdmin
from districtwise.organization.models import (
    Department,
    District,
    Network,
    Partner,
    Person,
    School,
    SchoolYear,
)


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["name", "code", "state"]


@admin.register(School)
class SchoolAdmin(AuditedAdmin):
    list_display = ["name", "code", "district", "network", "level", "title_i"]
    list_filter = ["district", "level", "title_i"]
    search_fields = ["name", "code"]


@admin.register(Person)
class PersonAdmin(AuditedAdmin):
    list_display = ["family_name", "given_name", "district", "title", "school"]
    list_filter = ["district"]
    search_fields = ["family_name", "given_name", "email", "staff_id"]
    raw_id_fields = ["user", "school", "department"]


admin.site.register([SchoolYear, Network, Department, Partner], AuditedAdmin)
