from django.contrib import admin

from .models import CalendarEvent, Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created", "recipient", "kind", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind", "digest", "language")
    search_fields = ("occasion", "subject", "recipient__username")
    readonly_fields = [f.name for f in Notification._meta.fields]
    date_hierarchy = "created"


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "mode")
    list_filter = ("kind", "mode")
    search_fields = ("user__username",)


@admin.register(CalendarEvent)
class CalendarEventAdmin(admin.ModelAdmin):
    list_display = ("uid", "sequence", "cancelled")
    search_fields = ("uid",)
