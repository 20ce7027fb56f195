from django.contrib import admin

from engage.models import LiveSession, LiveTextAnswer


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
