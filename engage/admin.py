from django.contrib import admin

from engage.models import LiveSession, LiveTextAnswer, Review, ReviewAssignment, ReviewEvent
from engage.reviews import services
from engage.reviews.forms import assignable_staff


@admin.register(LiveSession)
class LiveSessionAdmin(admin.ModelAdmin):
    list_display = ["code", "version", "band", "link", "officer", "status", "created"]
    list_filter = ["status"]
    readonly_fields = ["code", "version", "band", "link", "officer", "question", "created"]


@admin.register(LiveTextAnswer)
class LiveTextAnswerAdmin(admin.ModelAdmin):
    list_display = ["answer", "session", "status", "moderated_at"]
    list_filter = ["status"]
    readonly_fields = ["answer", "session"]


class ReviewAssignmentInline(admin.TabularInline):
    model = ReviewAssignment
    extra = 1

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = assignable_staff()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    """Administrators assign staff here; everything else about a review, and anything a family
    member gave, is on the review's own pages for the staff assigned to it."""

    list_display = ["reference", "child_pseudonym", "stage", "created_at"]
    list_filter = ["stage"]
    search_fields = ["reference"]
    fields = ["reference", "child_pseudonym", "stage", "retention_until", "created_at"]
    readonly_fields = fields
    inlines = [ReviewAssignmentInline]

    def has_add_permission(self, request):
        return False  # started from the staff pages, so its first coordinator is recorded

    def has_delete_permission(self, request, obj=None):
        return False

    def save_formset(self, request, form, formset, change):
        """Assignments go through the review's audit log like those made on its pages."""
        review = form.instance
        assignments = formset.save(commit=False)
        moved = [obj.pk for obj, changed in formset.changed_objects if "user" in changed]
        for old in [*formset.deleted_objects, *ReviewAssignment.objects.filter(pk__in=moved)]:
            username = old.user.get_username()
            old.delete()
            services.record(
                review,
                ReviewEvent.Action.STAFF_ASSIGNED,
                by_user=request.user,
                detail=f"{username}: removed",
            )
        for assignment in assignments:
            services.review_assign(
                review=review, user=assignment.user, role=assignment.role, by=request.user
            )
