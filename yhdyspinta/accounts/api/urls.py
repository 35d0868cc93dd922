from rest_framework.routers import DefaultRouter

from .views import MembershipViewSet

app_name = "api-accounts"
router = DefaultRouter()
router.register("memberships", MembershipViewSet, basename="membership")
urlpatterns = router.urls
