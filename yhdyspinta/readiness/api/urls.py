from rest_framework.routers import DefaultRouter

from .views import (
    PeriodViewSet,
    ReportingRegionViewSet,
    RoadmapViewSet,
    StatusReportViewSet,
    TaskViewSet,
)

app_name = "api-readiness"
router = DefaultRouter()
router.register("roadmaps", RoadmapViewSet, basename="roadmap")
router.register("tasks", TaskViewSet, basename="task")
router.register("periods", PeriodViewSet, basename="period")
router.register("reports", StatusReportViewSet, basename="report")
router.register("regions", ReportingRegionViewSet, basename="region")
urlpatterns = router.urls
