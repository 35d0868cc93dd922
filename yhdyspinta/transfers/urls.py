from django.urls import path

from . import views

app_name = "transfers"

urlpatterns = [
    path("", views.ProjectListView.as_view(), name="project_list"),
    path("add/", views.ProjectEditView.as_view(), name="project_add"),
    path("<int:pk>/", views.ProjectDetailView.as_view(), name="project_detail"),
    path("<int:pk>/edit/", views.ProjectEditView.as_view(), name="project_edit"),
    path("<int:pk>/delete/", views.ProjectDeleteView.as_view(), name="project_delete"),
    path("<int:pk>/export/", views.ProjectExportView.as_view(), name="project_export"),
    path("<int:pk>/import/", views.ItemImportView.as_view(), name="item_import"),
    path("readiness/<int:pk>/", views.RoadmapFeedsView.as_view(), name="roadmap_feeds"),
    path("items/", views.ItemListView.as_view(), name="item_list"),
    path("items/add/", views.ItemEditView.as_view(), name="item_add"),
    path("items/<int:pk>/", views.ItemDetailView.as_view(), name="item_detail"),
    path("items/<int:pk>/edit/", views.ItemEditView.as_view(), name="item_edit"),
    path("items/<int:pk>/delete/", views.ItemDeleteView.as_view(), name="item_delete"),
    path("checks/<int:pk>/", views.CheckView.as_view(), name="check"),
    path("checklists/", views.TemplateLineListView.as_view(), name="template_list"),
    path("checklists/add/", views.TemplateLineEditView.as_view(), name="template_add"),
    path("checklists/<int:pk>/edit/", views.TemplateLineEditView.as_view(), name="template_edit"),
    path("checklists/<int:pk>/delete/", views.TemplateLineDeleteView.as_view(), name="template_delete"),
]
