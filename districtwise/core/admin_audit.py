"""Changes made in the Django administration are audited like any other change."""

from __future__ import annotations

from django.contrib import admin

from districtwise.core.audit import audit_record, changed_fields, snapshot


def _district_of(obj):
    """The district an object belongs to (itself for a district), or None."""
    if obj._meta.label_lower == "organization.district":
        return obj
    return getattr(obj, "district", None)


class AuditedAdmin(admin.ModelAdmin):
    """A ModelAdmin whose saves and deletes write the audit history (who, when, before
    and after), so the administration is no back door around it. An app whose objects
    reach their district through another object overrides ``district_of``."""

    def district_of(self, obj):
        """The district the object's history belongs to (None: not recorded)."""
        return _district_of(obj)

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        district = self.district_of(obj)
        changes = changed_fields(before, snapshot(obj))
        if district is not None and changes:
            action = "update" if change else "create"
            audit_record(
                actor=request.user, district=district, action=action, obj=obj, changes=changes
            )

    def delete_model(self, request, obj):
        self._audit_delete(request, obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self._audit_delete(request, obj)
        super().delete_queryset(request, queryset)

    def _audit_delete(self, request, obj) -> None:
        district = self.district_of(obj)
        if district is None or district is obj:
            return  # a deleted district takes its history with it
        changes = {k: [v, None] for k, v in snapshot(obj).items()}
        audit_record(
            actor=request.user, district=district, action="delete", obj=obj, changes=changes
        )
