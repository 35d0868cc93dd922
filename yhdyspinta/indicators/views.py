"""Pages: indicators, indicator sets, the situational picture, goals and measures, composites."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from yhdyspinta.core.views.generic import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from yhdyspinta.organisations.models import Organisation

from . import actions, forms, queries
from .compute.charts import line_chart
from .compute.progress import BEHIND, NO_DATA, ON_TRACK
from .filtersets import (
    CompositeFilterSet,
    IndicatorFilterSet,
    IndicatorSetFilterSet,
    MeasureFilterSet,
    SharedGoalFilterSet,
)
from .models import (
    Composite,
    CompositeComponent,
    GoalActor,
    GoalIndicator,
    Indicator,
    IndicatorSet,
    IndicatorValue,
    Measure,
    SharedGoal,
)
from .tables import CompositeTable, IndicatorSetTable, IndicatorTable, MeasureTable, SharedGoalTable
from .templatetags.indicator_tags import fi_value

STATE_LABELS = {ON_TRACK: _("On track"), BEHIND: _("Behind"), NO_DATA: _("No data")}


# ---- indicators ----------------------------------------------------------------------------------
class IndicatorListView(ObjectListView):
    model = Indicator
    table_class = IndicatorTable
    filterset_class = IndicatorFilterSet
    export_name = "indicators"
    template_name = "indicators/indicator_list.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["may_import"] = actions.may_import_values(self.request.user)
        return ctx


class IndicatorDetailView(ObjectDetailView):
    """An indicator with a values table and a chart for a chosen region (default: the whole country)."""

    model = Indicator
    template_name = "indicators/indicator_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ind = self.object
        region_ids = IndicatorValue.objects.filter(indicator=ind).values("region_id").distinct()
        regions = list(Organisation.objects.filter(pk__in=region_ids).order_by("kind", "name"))
        wanted = self.request.GET.get("region")
        region = next((r for r in regions if str(r.pk) == wanted), None)
        if region is None:
            country_id = queries.country_id()
            region = next((r for r in regions if r.pk == country_id), regions[0] if regions else None)
        rows = []
        if region is not None:
            by_year: dict = {}
            for year, sex, value, abs_value in IndicatorValue.objects.filter(indicator=ind, region=region).order_by(
                    "year", "-level").values_list("year", "sex", "value", "abs_value"):  # Helsinki: own row last, shown
                by_year.setdefault(year, {})[sex] = (value, abs_value)
            for year, sexes in by_year.items():
                total = sexes.get("total", (None, None))
                rows.append((year, fi_value(total[0], ind.decimals), fi_value(total[1]),
                             fi_value(sexes.get("male", (None,))[0], ind.decimals),
                             fi_value(sexes.get("female", (None,))[0], ind.decimals)))
            series = [(y, s["total"][0]) for y, s in by_year.items() if "total" in s]
            ctx["chart"] = line_chart([(region.name, series)], title=f"{ind.title}: {region.name}")
        ctx.update(regions=regions, region=region, rows=rows)
        return ctx


# ---- indicator sets ------------------------------------------------------------------------------
class IndicatorSetListView(ObjectListView):
    model = IndicatorSet
    table_class = IndicatorSetTable
    filterset_class = IndicatorSetFilterSet
    add_url_name = "indicators:set_add"
    export_name = "indicator_sets"


class IndicatorSetDetailView(ObjectDetailView):
    model = IndicatorSet
    template_name = "indicators/set_detail.html"
    edit_url_name = "indicators:set_edit"
    delete_url_name = "indicators:set_delete"


class IndicatorSetEditView(ObjectEditView):
    model = IndicatorSet
    form_class = forms.IndicatorSetForm
    save_action = staticmethod(actions.save_indicator_set)


class IndicatorSetDeleteView(ObjectDeleteView):
    model = IndicatorSet
    success_url_name = "indicators:set_list"


# ---- situational picture -------------------------------------------------------------------------
class PictureIndexView(TemplateView):
    template_name = "indicators/picture_index.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["areas"] = Organisation.objects.organising_areas().order_by("area_code", "name")
        return ctx


class PictureView(TemplateView):
    """Yhteinen tilannekuva of one organising area (S10): indicators side by side, trends, goals."""

    template_name = "indicators/picture.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        area = get_object_or_404(Organisation.objects.organising_areas(), pk=self.kwargs["pk"])
        sets = queries.followed_sets(area)
        chosen = next((s for s in sets if str(s.pk) == self.request.GET.get("set")), sets[0] if sets else None)
        ctx.update(area=area, sets=sets, chosen=chosen,
                   **queries.picture(area, chosen, title_for=lambda _key: str(_("Whole country"))))
        goals = SharedGoal.objects.restrict(self.request.user, "view").filter(organisation__area=area)
        ctx["goals"] = [(g, STATE_LABELS[queries.goal_status(queries.goal_progress(g))])
                        for g in goals.select_related("organisation")]
        return ctx


# ---- goals ---------------------------------------------------------------------------------------
class SharedGoalListView(ObjectListView):
    model = SharedGoal
    table_class = SharedGoalTable
    filterset_class = SharedGoalFilterSet
    add_url_name = "indicators:goal_add"
    export_name = "shared_goals"

    related = ("organisation",)


class SharedGoalDetailView(ObjectDetailView):
    model = SharedGoal
    template_name = "indicators/goal_detail.html"
    edit_url_name = "indicators:goal_edit"
    delete_url_name = "indicators:goal_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rows = queries.goal_progress(self.object)
        for row in rows:
            dec = row["gi"].indicator.decimals
            p = row["progress"]
            row["label"] = STATE_LABELS[p.state]
            row["value"] = fi_value(p.value, dec)
            row["path_value"] = fi_value(p.path_value, dec)
            row["municipal"] = [(m, STATE_LABELS[mp.state], mp.state, mp.year, fi_value(mp.value, dec))
                                for m, mp in row["municipalities"]]
        ctx["progress_rows"] = rows
        ctx["status"] = STATE_LABELS[queries.goal_status(rows)]
        ctx["actors"] = self.object.actors.select_related("organisation")
        user = self.request.user
        ctx["interfaces"] = self.object.interfaces.restrict(user, "view")
        ctx["forums"] = self.object.forums.restrict(user, "view")
        ctx["measures"] = self.object.measures.select_related("owner", "owner_organisation").prefetch_related(
            "indicators")
        return ctx


class SharedGoalEditView(ObjectEditView):
    model = SharedGoal
    form_class = forms.SharedGoalForm


class SharedGoalDeleteView(ObjectDeleteView):
    model = SharedGoal
    success_url_name = "indicators:goal_list"


class GoalPartEditView(ObjectEditView):
    """Actors, goal indicators and measures: written by those who may change the goal."""

    save_action = staticmethod(actions.save_goal_part)


class GoalActorEditView(GoalPartEditView):
    model = GoalActor
    form_class = forms.GoalActorForm


class GoalIndicatorEditView(GoalPartEditView):
    model = GoalIndicator
    form_class = forms.GoalIndicatorForm


class GoalPartDeleteView(ObjectDeleteView):
    success_url_name = "indicators:goal_list"


class GoalActorDeleteView(GoalPartDeleteView):
    model = GoalActor


class GoalIndicatorDeleteView(GoalPartDeleteView):
    model = GoalIndicator


class MeasureListView(ObjectListView):
    model = Measure
    table_class = MeasureTable
    filterset_class = MeasureFilterSet
    add_url_name = "indicators:measure_add"
    export_name = "measures"

    related = ("goal", "owner_organisation")


class MeasureDetailView(ObjectDetailView):
    model = Measure
    template_name = "indicators/measure_detail.html"
    edit_url_name = "indicators:measure_edit"
    delete_url_name = "indicators:measure_delete"


class MeasureEditView(GoalPartEditView):
    model = Measure
    form_class = forms.MeasureForm


class MeasureDeleteView(GoalPartDeleteView):
    model = Measure


# ---- composite index -----------------------------------------------------------------------------
class CompositeListView(ObjectListView):
    model = Composite
    table_class = CompositeTable
    filterset_class = CompositeFilterSet
    add_url_name = "indicators:composite_add"
    export_name = "composites"


class CompositeDetailView(ObjectDetailView):
    model = Composite
    template_name = "indicators/composite_detail.html"
    edit_url_name = "indicators:composite_edit"
    delete_url_name = "indicators:composite_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        components, results = queries.composite_results(self.object)
        names = {c.indicator_id: c.indicator.title for c in components}
        ctx["components"] = components
        ctx["results"] = [
            (region, fi_value(res.index, 1), [fi_value(res.scores.get(c.indicator_id), 1) for c in components],
             [names[k] for k in res.missing])
            for region, res, _picked in results
        ]
        return ctx


class CompositeEditView(ObjectEditView):
    model = Composite
    form_class = forms.CompositeForm


class CompositeDeleteView(ObjectDeleteView):
    model = Composite
    success_url_name = "indicators:composite_list"


class ComponentEditView(ObjectEditView):
    model = CompositeComponent
    form_class = forms.CompositeComponentForm


class ComponentDeleteView(ObjectDeleteView):
    model = CompositeComponent
    success_url_name = "indicators:composite_list"
