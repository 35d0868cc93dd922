from rest_framework.routers import DefaultRouter

from .views import (
    AnswerViewSet,
    AssessmentViewSet,
    ContactPointViewSet,
    InterfaceViewSet,
    RoundViewSet,
    SearchSynonymViewSet,
    ServicePointViewSet,
    ServiceViewSet,
    TemplateViewSet,
)

app_name = "api-catalogue"
router = DefaultRouter()
router.register("services", ServiceViewSet, basename="service")
router.register("service-points", ServicePointViewSet, basename="servicepoint")
router.register("contacts", ContactPointViewSet, basename="contactpoint")
router.register("interfaces", InterfaceViewSet, basename="interface")
router.register("assessments", AssessmentViewSet, basename="assessment")
router.register("templates", TemplateViewSet, basename="template")
router.register("rounds", RoundViewSet, basename="round")
router.register("answers", AnswerViewSet, basename="answer")
router.register("synonyms", SearchSynonymViewSet, basename="synonym")
urlpatterns = router.urls
