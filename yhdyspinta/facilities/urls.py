from django.urls import path

from . import views

app_name = "facilities"


def record_paths(pages: views.Pages, base: str, list_path: str | None = None) -> list:
    """list (at `list_path`, default `base`), add, detail, edit and delete of one model's pages."""
    name = pages.name
    paths = [path(f"{base}add/", pages.edit.as_view(), name=f"{name}_add")]
    if pages.list is not None:
        paths.insert(0, path(base if list_path is None else list_path, pages.list.as_view(), name=f"{name}_list"))
    if pages.detail is not None:
        paths.append(path(f"{base}<int:pk>/", pages.detail.as_view(), name=f"{name}_detail"))
    paths += [path(f"{base}<int:pk>/edit/", pages.edit.as_view(), name=f"{name}_edit"),
              path(f"{base}<int:pk>/delete/", pages.delete.as_view(), name=f"{name}_delete")]
    return paths


urlpatterns = [
    path("leases/import/", views.LeaseImportView.as_view(), name="lease_import"),
    *record_paths(views.LEASE, "leases/", list_path=""),
    *record_paths(views.OPTION, "options/"),
    *record_paths(views.BUILDING, "buildings/"),
    *record_paths(views.PREMISE, "premises/"),
    *record_paths(views.SHARED_USE, "shared-use/"),
    *record_paths(views.SUPPORT, "support/"),
    path("support/flows/<int:pk>/", views.SupportFlowsView.as_view(), name="support_flows"),
    path("schools/import/", views.PupilCountImportView.as_view(), name="pupil_import"),
    path("schools/check/", views.ProximityCheckView.as_view(), name="proximity_check"),
    path("schools/county/<int:pk>/", views.CountyProximityView.as_view(), name="proximity_county"),
    path("schools/municipality/<int:pk>/", views.MunicipalityProximityView.as_view(), name="proximity_municipality"),
    *record_paths(views.SCHOOL, "schools/"),
    *record_paths(views.WELFARE, "welfare/"),
]
