from django.urls import path

from . import views, views_structure

app_name = "readiness"

urlpatterns = [
    path("", views.RoadmapListView.as_view(), name="roadmap_list"),
    path("add/", views_structure.RoadmapEditView.as_view(), name="roadmap_add"),
    path("<int:pk>/", views.RoadmapDetailView.as_view(), name="roadmap_detail"),
    path("<int:pk>/edit/", views_structure.RoadmapEditView.as_view(), name="roadmap_edit"),
    path("areas/add/", views_structure.AreaEditView.as_view(), name="area_add"),
    path("areas/<int:pk>/edit/", views_structure.AreaEditView.as_view(), name="area_edit"),
    path("subareas/add/", views_structure.SubAreaEditView.as_view(), name="subarea_add"),
    path("subareas/<int:pk>/edit/", views_structure.SubAreaEditView.as_view(), name="subarea_edit"),
    path("tasks/add/", views_structure.TaskEditView.as_view(), name="task_add"),
    path("tasks/<int:pk>/edit/", views_structure.TaskEditView.as_view(), name="task_edit"),
    path("<int:pk>/export/", views.RoadmapExportView.as_view(), name="roadmap_export"),
    path("<int:pk>/import/", views.RoadmapImportView.as_view(), name="roadmap_import"),
    path("<int:pk>/periods/add/", views.PeriodAddView.as_view(), name="period_add"),
    path("<int:pk>/regions/", views.RoadmapRegionsView.as_view(), name="roadmap_regions"),
    path("<int:pk>/trend/", views.TrendView.as_view(), name="trend"),
    path("periods/<int:pk>/", views.NationalView.as_view(), name="national"),
    path("periods/<int:pk>/areas/<slug:area>/", views.SubAreaView.as_view(), name="subareas"),
    path("periods/<int:pk>/map/", views.MapView.as_view(), name="map"),
    path("periods/<int:pk>/overdue/", views.OverdueView.as_view(), name="overdue"),
    path("periods/<int:pk>/regions/<int:org>/", views.RegionView.as_view(), name="region"),
    path("periods/<int:pk>/import/", views.StatusImportView.as_view(), name="status_import"),
    path("periods/<int:pk>/template/", views.TemplateDownloadView.as_view(), name="status_template"),
    path("periods/<int:pk>/close/", views.ClosePeriodView.as_view(), name="period_close"),
    path("periods/<int:pk>/reopen/", views.ClosePeriodView.as_view(reopen=True), name="period_reopen"),
    path("reports/", views.StatusReportListView.as_view(), name="report_list"),
    path("reports/<int:pk>/", views.StatusReportDetailView.as_view(), name="report_detail"),
]
