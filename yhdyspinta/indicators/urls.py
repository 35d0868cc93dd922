from django.urls import path

from . import views, views_approval, views_areas, views_imports
from . import views_reports as reports

app_name = "indicators"


def crud(prefix, name, list_view, detail, edit, delete):
    out = []
    if list_view:
        out.append(path(f"{prefix}", list_view.as_view(), name=f"{name}_list"))
    out += [path(f"{prefix}add/", edit.as_view(), name=f"{name}_add")]
    if detail:
        out.append(path(f"{prefix}<int:pk>/", detail.as_view(), name=f"{name}_detail"))
    out += [path(f"{prefix}<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"),
            path(f"{prefix}<int:pk>/delete/", delete.as_view(), name=f"{name}_delete")]
    return out


urlpatterns = [
    path("", views.IndicatorListView.as_view(), name="indicator_list"),
    path("<int:pk>/", views.IndicatorDetailView.as_view(), name="indicator_detail"),
    path("<int:pk>/areas/", views_areas.IndicatorAreasView.as_view(), name="indicator_areas"),
    path("import/", views_imports.ImportValuesView.as_view(), name="import_values"),
    path("picture/", views.PictureIndexView.as_view(), name="picture_index"),
    path("picture/<int:pk>/", views.PictureView.as_view(), name="picture"),
    path("reports/<int:pk>/pdf/", reports.WelfareReportPdfView.as_view(), name="report_pdf"),
    path("reports/<int:pk>/submit/", views_approval.ReportStepView.as_view(step="submit"), name="report_submit"),
    path("reports/<int:pk>/return/", views_approval.ReportStepView.as_view(step="return"), name="report_return"),
    path("reports/<int:pk>/approve/", views_approval.ReportStepView.as_view(step="approve"), name="report_approve"),
    *crud("sets/", "set", views.IndicatorSetListView, views.IndicatorSetDetailView, views.IndicatorSetEditView,
          views.IndicatorSetDeleteView),
    *crud("goals/", "goal", views.SharedGoalListView, views.SharedGoalDetailView, views.SharedGoalEditView,
          views.SharedGoalDeleteView),
    *crud("goals/actors/", "actor", None, None, views.GoalActorEditView, views.GoalActorDeleteView),
    *crud("goals/indicators/", "goalindicator", None, None, views.GoalIndicatorEditView,
          views.GoalIndicatorDeleteView),
    *crud("measures/", "measure", views.MeasureListView, views.MeasureDetailView, views.MeasureEditView,
          views.MeasureDeleteView),
    *crud("composites/", "composite", views.CompositeListView, views.CompositeDetailView, views.CompositeEditView,
          views.CompositeDeleteView),
    *crud("composites/components/", "component", None, None, views.ComponentEditView, views.ComponentDeleteView),
    *crud("reports/", "report", reports.WelfareReportListView, reports.WelfareReportDetailView,
          reports.WelfareReportEditView, reports.WelfareReportDeleteView),
    *crud("reports/sections/", "section", None, None, reports.ReportSectionEditView, reports.ReportSectionDeleteView),
]
