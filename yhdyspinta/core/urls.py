from django.urls import path

from .views.access_log import AccessLogView
from .views.feedback import FeedbackDetailView, FeedbackListView
from .views.history import ObjectHistoryView
from .views.pages import AccessibilityView, HomeView, SearchView, healthz, readyz
from .views.pickers import picker_search

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("search/", SearchView.as_view(), name="search"),
    path("pickers/search/", picker_search, name="picker_search"),
    path("accessibility/", AccessibilityView.as_view(), name="accessibility"),
    path("accessibility/feedback/", FeedbackListView.as_view(), name="accessibility_feedback"),
    path("accessibility/feedback/<int:pk>/", FeedbackDetailView.as_view(), name="accessibility_feedback_detail"),
    path("history/<int:content_type_id>/<int:pk>/", ObjectHistoryView.as_view(), name="object_history"),
    path("audit/access/", AccessLogView.as_view(), name="access_log"),
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
]
