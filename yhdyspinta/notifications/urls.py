from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.PreferencesView.as_view(), name="preferences"),
    path("unsubscribe/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
]
