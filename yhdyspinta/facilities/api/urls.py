from rest_framework.routers import DefaultRouter

from . import views

app_name = "api-facilities"
router = DefaultRouter()
router.register("buildings", views.BuildingViewSet, basename="building")
router.register("premises", views.PremiseViewSet, basename="premise")
router.register("leases", views.LeaseViewSet, basename="lease")
router.register("options", views.LeaseOptionViewSet, basename="option")
router.register("shared-uses", views.SharedUseViewSet, basename="shareduse")
router.register("support-services", views.SupportServiceViewSet, basename="support")
router.register("schools", views.SchoolViewSet, basename="school")
router.register("welfare-services", views.WelfareServiceViewSet, basename="welfareservice")
urlpatterns = router.urls
