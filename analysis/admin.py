"""The codebook and priorities can be edited in the admin; theme runs are read-only records."""

from django.contrib import admin

from analysis.models import Action, Code, Priority, ThemeRun


@admin.register(Code)
class CodeAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "order"]
    list_editable = ["order"]
    search_fields = ["name", "key", "description"]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    filter_horizontal = ["codes"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["you_said", "status", "is_public", "updated_at"]
    list_filter = ["status", "is_public"]


@admin.register(ThemeRun)
class ThemeRunAdmin(admin.ModelAdmin):
    """A run is a snapshot that reports are traced to: it can be read, never changed."""

    list_display = ["pk", "version", "status", "answer_count", "created_by", "created_at"]
    list_filter = ["status"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
