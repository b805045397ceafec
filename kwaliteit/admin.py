from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import audit
from .models import AuditEvent, Board, Membership, School, Team, User, VisionVersion


class AuditedAdmin(admin.ModelAdmin):
    """Every app's ModelAdmin: an edit through the admin lands in the audit trail like any other,
    with what changed (old → new). Secrets never do."""

    audit_exclude = ("password", "last_login")

    def _audited_fields(self, form):
        many = {f.name for f in self.model._meta.many_to_many}
        return [n for n in form.changed_data if n not in self.audit_exclude], many

    def save_model(self, request, obj, form, change):
        fields, many = self._audited_fields(form)
        old = self.model._default_manager.filter(pk=obj.pk).first() if change else None
        before = audit.snapshot(old, fields) if old is not None else {}
        super().save_model(request, obj, form, change)
        plain = [name for name in fields if name not in many]
        changes = audit.changed(before, obj, plain) if change else {}
        # The many-to-many fields are saved in save_related; the record is written there.
        request._audit_pending = (obj, change, changes, before, [n for n in fields if n in many])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj, change, changes, before, many = getattr(request, "_audit_pending", (None,) * 5)
        if obj is None:
            return
        del request._audit_pending
        if change:
            changes.update(audit.changed(before, form.instance, many))
        verb = "changed_in_admin" if change else "added_in_admin"
        audit.record(actor=request.user, verb=verb, obj=obj, changes=changes)

    def delete_model(self, request, obj):
        audit.record(actor=request.user, verb="deleted_in_admin", obj=obj)
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            audit.record(actor=request.user, verb="deleted_in_admin", obj=obj)
        super().delete_queryset(request, queryset)


@admin.register(User)
class UserAdmin(AuditedAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name", "language"]}),
        (_("Permissions"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    filter_horizontal = []
    list_filter = ["is_active", "is_staff"]


admin.site.register(Board, AuditedAdmin)
admin.site.register(School, AuditedAdmin)
admin.site.register(Team, AuditedAdmin)
admin.site.register(Membership, AuditedAdmin)


@admin.register(VisionVersion)
class VisionVersionAdmin(AuditedAdmin):
    list_display = ["school", "number", "title", "status", "adopted_on"]

    def has_change_permission(self, request, obj=None):
        # An adopted version is frozen, here too.
        return obj is None or obj.is_draft


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the audit trail has no path to be added to, changed or deleted by hand."""

    list_display = ["at", "actor", "verb", "content_type", "object_repr", "school"]
    list_filter = ["verb", "content_type"]
    search_fields = ["object_repr", "verb"]
    list_select_related = ["actor", "content_type", "school"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
