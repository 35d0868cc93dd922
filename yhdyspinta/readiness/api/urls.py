from rest_framework.routers import DefaultRouter

from .views import PeriodViewSet, RoadmapViewSet, StatusReportViewSet, TaskViewSet

app_name = "api-readiness"
router = DefaultRouter()
router.register("roadmaps", RoadmapViewSet, basename="roadmap")
router.register("tasks", TaskViewSet, basename="task")
router.register("periods", PeriodViewSet, basename="period")
router.register("reports", StatusReportViewSet, basename="report")
urlpatterns = router.urls
