from django.urls import path

from . import views

app_name = "facilities"

urlpatterns = [
    path("", views.LeaseListView.as_view(), name="lease_list"),
    path("leases/add/", views.LeaseEditView.as_view(), name="lease_add"),
    path("leases/import/", views.LeaseImportView.as_view(), name="lease_import"),
    path("leases/<int:pk>/", views.LeaseDetailView.as_view(), name="lease_detail"),
    path("leases/<int:pk>/edit/", views.LeaseEditView.as_view(), name="lease_edit"),
    path("leases/<int:pk>/delete/", views.LeaseDeleteView.as_view(), name="lease_delete"),
    path("options/add/", views.LeaseOptionEditView.as_view(), name="option_add"),
    path("options/<int:pk>/edit/", views.LeaseOptionEditView.as_view(), name="option_edit"),
    path("options/<int:pk>/delete/", views.LeaseOptionDeleteView.as_view(), name="option_delete"),
    path("buildings/", views.BuildingListView.as_view(), name="building_list"),
    path("buildings/add/", views.BuildingEditView.as_view(), name="building_add"),
    path("buildings/<int:pk>/", views.BuildingDetailView.as_view(), name="building_detail"),
    path("buildings/<int:pk>/edit/", views.BuildingEditView.as_view(), name="building_edit"),
    path("buildings/<int:pk>/delete/", views.BuildingDeleteView.as_view(), name="building_delete"),
    path("premises/", views.PremiseListView.as_view(), name="premise_list"),
    path("premises/add/", views.PremiseEditView.as_view(), name="premise_add"),
    path("premises/<int:pk>/", views.PremiseDetailView.as_view(), name="premise_detail"),
    path("premises/<int:pk>/edit/", views.PremiseEditView.as_view(), name="premise_edit"),
    path("premises/<int:pk>/delete/", views.PremiseDeleteView.as_view(), name="premise_delete"),
    path("shared-use/add/", views.SharedUseEditView.as_view(), name="shareduse_add"),
    path("shared-use/<int:pk>/edit/", views.SharedUseEditView.as_view(), name="shareduse_edit"),
    path("shared-use/<int:pk>/delete/", views.SharedUseDeleteView.as_view(), name="shareduse_delete"),
    path("support/", views.SupportServiceListView.as_view(), name="support_list"),
    path("support/add/", views.SupportServiceEditView.as_view(), name="support_add"),
    path("support/<int:pk>/", views.SupportServiceDetailView.as_view(), name="support_detail"),
    path("support/<int:pk>/edit/", views.SupportServiceEditView.as_view(), name="support_edit"),
    path("support/<int:pk>/delete/", views.SupportServiceDeleteView.as_view(), name="support_delete"),
    path("support/flows/<int:pk>/", views.SupportFlowsView.as_view(), name="support_flows"),
]
