"""Survey authoring in the admin. A published version is read-only, questions and all."""

from django.contrib import admin, messages
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.translation import gettext as _

from surveys import services
from surveys.models import (
    Choice,
    CollectionLink,
    Concern,
    ConcernAction,
    Question,
    QuestionWording,
    Step,
    Survey,
    SurveyVersion,
)


def _version_of(obj):
    if isinstance(obj, SurveyVersion):
        return obj
    if isinstance(obj, Step):
        return obj.version
    if isinstance(obj, Question):
        return obj.step.version
    return None


class FrozenOncePublished:
    """Editing is refused for anything belonging to a published or retired version."""

    def has_change_permission(self, request, obj=None):
        version = _version_of(obj)
        if version is not None and not version.is_editable():
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        version = _version_of(obj)
        if version is not None and not version.is_editable():
            return False
        # An inline is always asked with its parent (None on an add page); a model admin never.
        if isinstance(self, InlineModelAdmin):
            return super().has_add_permission(request, obj)
        return super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        version = _version_of(obj)
        if version is not None and not version.is_editable():
            return False
        return super().has_delete_permission(request, obj)


class DateAndTimeNamed:
    """The admin's date and time boxes share one label that names neither of them, so each box
    gets its own name, e.g. "Opens at: date"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, AdminSplitDateTime):
            date_box, time_box = formfield.widget.widgets
            date_box.attrs["aria-label"] = _("%(field)s: date") % {"field": formfield.label}
            time_box.attrs["aria-label"] = _("%(field)s: time") % {"field": formfield.label}
        return formfield


class StepInline(FrozenOncePublished, admin.TabularInline):
    model = Step
    extra = 0
    show_change_link = True
    fields = ["order", "title", "bands"]


class QuestionInline(FrozenOncePublished, admin.TabularInline):
    model = Question
    extra = 0
    show_change_link = True
    fk_name = "step"
    fields = ["order", "key", "kind", "text", "required", "bands"]


class ChoiceInline(FrozenOncePublished, admin.TabularInline):
    model = Choice
    extra = 0


class WordingInline(FrozenOncePublished, admin.TabularInline):
    model = QuestionWording
    extra = 0


@admin.register(Survey)
class SurveyAdmin(DateAndTimeNamed, admin.ModelAdmin):
    list_display = ["title", "slug", "created"]
    prepopulated_fields = {"slug": ["title"]}


@admin.register(SurveyVersion)
class SurveyVersionAdmin(FrozenOncePublished, admin.ModelAdmin):
    list_display = ["survey", "number", "status", "published_at"]
    list_filter = ["status"]
    readonly_fields = ["status", "published_at"]
    inlines = [StepInline]
    actions = ["publish"]

    @admin.action(description="Publish the selected draft versions")
    def publish(self, request, queryset):
        for version in queryset.filter(status=SurveyVersion.Status.DRAFT):
            services.version_publish(version=version)
        messages.success(request, "Published. Published versions can no longer be edited.")


@admin.register(Step)
class StepAdmin(FrozenOncePublished, admin.ModelAdmin):
    list_display = ["__str__", "version"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(FrozenOncePublished, admin.ModelAdmin):
    list_display = ["key", "kind", "text", "step"]
    list_filter = ["kind", "step__version"]
    inlines = [ChoiceInline, WordingInline]


@admin.register(CollectionLink)
class CollectionLinkAdmin(DateAndTimeNamed, admin.ModelAdmin):
    list_display = ["name", "version", "slug", "opens_at", "closes_at", "fixed_band"]
    readonly_fields = ["slug"]


class ConcernActionInline(admin.TabularInline):
    model = ConcernAction
    extra = 0
    readonly_fields = ["recorded_by", "recorded_at", "what", "closes_concern"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "raised_at", "lead"]
    list_filter = ["status"]
    readonly_fields = [
        "response",
        "answer",
        "text",
        "categories",
        "phrases",
        "raised_at",
        "closed_at",
        "status",
    ]
    inlines = [ConcernActionInline]

    def has_add_permission(self, request):
        return False
