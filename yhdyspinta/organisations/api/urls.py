from rest_framework.routers import DefaultRouter

from .views import OrganisationViewSet, PersonViewSet, UnitViewSet

app_name = "api-organisations"
router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("units", UnitViewSet, basename="unit")
router.register("people", PersonViewSet, basename="person")
urlpatterns = router.urls
