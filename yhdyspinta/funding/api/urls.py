from django.urls import path
from rest_framework.routers import DefaultRouter

from .views import CompareView, ComputeView, InputSetViewSet, ParameterSetViewSet

app_name = "api-funding"
router = DefaultRouter()
router.register("parameter-sets", ParameterSetViewSet, basename="parameterset")
router.register("input-sets", InputSetViewSet, basename="inputset")
urlpatterns = [
    path("compute/", ComputeView.as_view(), name="compute"),
    path("compare/", CompareView.as_view(), name="compare"),
    *router.urls,
]
