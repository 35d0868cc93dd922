from rest_framework.routers import DefaultRouter

from .views import ItemViewSet, ProjectViewSet, TemplateLineViewSet

app_name = "api-transfers"
router = DefaultRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("items", ItemViewSet, basename="item")
router.register("checklists", TemplateLineViewSet, basename="checklist")
urlpatterns = router.urls
