from rest_framework.routers import DefaultRouter

from . import views

app_name = "api-indicators"
router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet, basename="indicator")
router.register("values", views.IndicatorValueViewSet, basename="value")
router.register("sets", views.IndicatorSetViewSet, basename="set")
router.register("goals", views.SharedGoalViewSet, basename="goal")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("composites", views.CompositeViewSet, basename="composite")
router.register("reports", views.WelfareReportViewSet, basename="report")
urlpatterns = router.urls
