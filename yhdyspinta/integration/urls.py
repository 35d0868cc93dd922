from django.urls import path

from . import views, views_answer, views_research, views_results

app_name = "integration"

urlpatterns = [
    path("", views.StudyListView.as_view(), name="study_list"),
    path("add/", views.StudyEditView.as_view(), name="study_add"),
    path("<int:pk>/", views.StudyDetailView.as_view(), name="study_detail"),
    path("<int:pk>/edit/", views.StudyEditView.as_view(), name="study_edit"),
    path("<int:pk>/delete/", views.StudyDeleteView.as_view(), name="study_delete"),
    path("<int:pk>/analysis/", views_results.AnalysisView.as_view(), name="analysis"),
    path("<int:pk>/boundary/", views_results.BoundaryView.as_view(), name="boundary"),
    path("<int:pk>/research/", views_research.ResearchExportView.as_view(), name="research"),
    path("<int:pk>/parties/add/", views.PartyEditView.as_view(), name="party_add"),
    path("<int:pk>/parties/merge/", views.MergeView.as_view(), name="party_merge"),
    path("<int:pk>/scales/<str:item>/", views.ScaleEditView.as_view(), name="scale_edit"),
    path("<int:pk>/links/", views.LinksView.as_view(), name="links"),
    path("<int:pk>/import/", views.ImportView.as_view(), name="import"),
    path("<int:pk>/import/mapping/", views.ImportMappingView.as_view(), name="import_mapping"),
    path("parties/<int:party>/", views.PartyEditView.as_view(), name="party_edit"),
    path("parties/<int:party>/delete/", views.PartyDeleteView.as_view(), name="party_delete"),
    path("answer/<str:token>/", views_answer.AnswerView.as_view(), name="answer"),
]
