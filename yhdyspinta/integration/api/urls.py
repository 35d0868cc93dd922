from rest_framework.routers import DefaultRouter

from .views import StudyPartyViewSet, StudyViewSet

app_name = "api-integration"
router = DefaultRouter()
router.register("studies", StudyViewSet, basename="study")
router.register("parties", StudyPartyViewSet, basename="party")
urlpatterns = router.urls
