from django.urls import path

from . import views

app_name = "funding"

urlpatterns = [
    path("", views.CountyCalculatorView.as_view(), name="county_calculator"),
    path("municipal/", views.MunicipalCalculatorView.as_view(), name="municipal_calculator"),
    path("sets/", views.ParameterSetListView.as_view(), name="parameterset_list"),
    path("sets/import/", views.ParameterSetImportView.as_view(), name="parameterset_import"),
    path("sets/<int:pk>/", views.ParameterSetDetailView.as_view(), name="parameterset_detail"),
    path("sets/<int:pk>/json/", views.ParameterSetJSONView.as_view(), name="parameterset_json"),
    path("sets/<int:pk>/copy/", views.ParameterSetCopyView.as_view(), name="parameterset_copy"),
    path("sets/<int:pk>/shares/", views.SharesEditView.as_view(), name="parameterset_shares"),
    path("sets/<int:pk>/move/", views.MoveShareView.as_view(), name="parameterset_move"),
    path("sets/<int:pk>/compare/", views.ScenarioCompareView.as_view(), name="scenario_compare"),
    path("sets/<int:pk>/delete/", views.ParameterSetDeleteView.as_view(), name="parameterset_delete"),
    path("inputs/", views.InputSetListView.as_view(), name="inputset_list"),
    path("inputs/import/", views.InputSetImportView.as_view(), name="inputset_import"),
    path("inputs/<int:pk>/", views.InputSetDetailView.as_view(), name="inputset_detail"),
]
