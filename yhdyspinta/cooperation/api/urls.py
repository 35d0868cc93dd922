from rest_framework.routers import DefaultRouter

from . import minutes, views

app_name = "api-cooperation"
router = DefaultRouter()
router.register("forums", views.ForumViewSet, basename="forum")
router.register("members", views.ForumMemberViewSet, basename="member")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("items", views.AgendaItemViewSet, basename="item")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("actions", views.FollowUpActionViewSet, basename="action")
router.register("escalations", views.EscalationViewSet, basename="escalation")
router.register("duties", views.DutyViewSet, basename="duty")
router.register("evidence", views.DutyEvidenceViewSet, basename="evidence")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("attendance", minutes.AttendanceViewSet, basename="attendance")
router.register("corrections", minutes.CorrectionViewSet, basename="correction")
router.register("document-templates", minutes.DocumentTemplateViewSet, basename="document-template")
urlpatterns = router.urls
