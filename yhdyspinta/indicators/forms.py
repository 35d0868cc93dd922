"""Forms: organisations and parent records offered are only those the user may write for."""

from django import forms
from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.models import translated_names
from yhdyspinta.core.uploads import UploadField
from yhdyspinta.core.widgets import DateInput

from .models import (
    Composite,
    CompositeComponent,
    GoalActor,
    GoalIndicator,
    Indicator,
    IndicatorSet,
    Measure,
    ReportSection,
    SharedGoal,
    WelfareReport,
)
from .models_reports import ReportStatus

tr = translated_names


class ScopedForm(RestrictedFormMixin, forms.ModelForm):
    """Limits the organisation field to the user's writable organisations and parents to writable records;
    every other link field (goals, people, indicators) offers only what the user may view."""

    organisation_fields = ("organisation",)  # core.forms: active organisations the user may add for
    parent_fields: tuple = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is None:
            return
        for field, model in self.parent_fields:
            if field in self.fields:
                self.fields[field].queryset = model.objects.restrict(user, "change")


class IndicatorSetForm(ScopedForm):
    """A set may also be entered by Sotkanet ids (e.g. THL's minimum contents of the welfare report)."""

    source_ids = forms.CharField(
        label=_("Sotkanet indicator ids"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Separated by commas or spaces; added to the indicators chosen above."),
    )

    class Meta:
        model = IndicatorSet
        fields = ("organisation", *tr("name", "description"), "followed", "indicators")
        widgets = {"indicators": forms.SelectMultiple(attrs={"size": 12})}

    def clean(self):
        data = super().clean()
        raw = (data.get("source_ids") or "").replace(",", " ").split()
        bad = [r for r in raw if not r.isdigit()]
        if bad:
            self.add_error("source_ids", _("Not Sotkanet ids: %(ids)s") % {"ids": ", ".join(bad[:10])})
            return data
        found = list(Indicator.objects.filter(source="sotkanet", source_id__in=raw))
        missing = sorted(set(raw) - {i.source_id for i in found}, key=int)
        if missing:
            self.add_error("source_ids", _("Unknown indicator ids (refresh them from Sotkanet first): %(ids)s")
                           % {"ids": ", ".join(missing[:20])})
            return data
        data["indicators"] = list({i.pk: i for i in [*(data.get("indicators") or []), *found]}.values())
        return data


class SharedGoalForm(ScopedForm):
    class Meta:
        model = SharedGoal
        fields = ("organisation", *tr("title", "description"), "visibility", "interfaces", "forums")


class GoalActorForm(ScopedForm):
    parent_fields = (("goal", SharedGoal),)

    class Meta:
        model = GoalActor
        fields = ("goal", "actor_type", "organisation", *tr("role"))


class GoalIndicatorForm(ScopedForm):
    parent_fields = (("goal", SharedGoal),)

    class Meta:
        model = GoalIndicator
        fields = ("goal", "indicator", "region", "baseline_year", "baseline_value", "target_year", "target_value",
                  "direction")


class MeasureForm(ScopedForm):
    parent_fields = (("goal", SharedGoal),)

    class Meta:
        model = Measure
        fields = ("goal", *tr("title"), "owner", "owner_organisation", *tr("resources"), "start", "end", "status",
                  "indicators")
        widgets = {"start": DateInput(), "end": DateInput()}


class CompositeForm(ScopedForm):
    class Meta:
        model = Composite
        fields = ("organisation", *tr("name", "description"), "level", "year", "visibility")


class CompositeComponentForm(ScopedForm):
    parent_fields = (("composite", Composite),)

    class Meta:
        model = CompositeComponent
        fields = ("composite", "indicator", "lower", "upper", "weight", "direction")


class WelfareReportForm(ScopedForm):
    class Meta:
        model = WelfareReport
        fields = ("organisation", "kind", *tr("title"), "year", "term_start", "term_end", *tr("summary"),
                  "status", "approved_on", "goals")
        widgets = {"approved_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "Waiting for approval" is reached with the report page's button (it notifies the approvers),
        # so the form offers it only to keep a report that is waiting.
        if "status" in self.fields and self.instance.status != ReportStatus.SUBMITTED:
            self.fields["status"].choices = [c for c in self.fields["status"].choices if c[0] != ReportStatus.SUBMITTED]

    def clean(self):
        from .actions import may_approve_report

        data = super().clean()
        organisation = data.get("organisation") or getattr(self.instance, "organisation", None)
        if (data.get("status") == ReportStatus.APPROVED and self.instance.status != ReportStatus.APPROVED
                and organisation is not None
                and not may_approve_report(self.user, WelfareReport(organisation=organisation))):
            self.add_error("status", _("Only the organisation's admins approve the report: send it for approval."))
        if data.get("kind") == "extended" and not (data.get("term_start") and data.get("term_end")):
            self.add_error("term_start", _("An extended report covers a council term: give its years."))
        if data.get("term_start") and data.get("term_end") and data["term_end"] < data["term_start"]:
            self.add_error("term_end", _("The term must not end before it starts."))
        return data


class ReportSectionForm(ScopedForm):
    parent_fields = (("report", WelfareReport),)

    class Meta:
        model = ReportSection
        fields = ("report", "theme", *tr("title", "analysis"), "indicators", "order")


class ImportValuesForm(forms.Form):
    """A value or metadata file (long CSV, Sotkanet JSON, JSON-stat 2.0); all or nothing."""

    file = UploadField(
        kind="statistics", formats=("csv", "json", "txt"),
        label=_("File"),
        help_text=_("Long CSV (indicator_id, region_code, region_category, year, sex, value, abs_value), "
                    "Sotkanet JSON (values or metadata) or JSON-stat 2.0 from Statistics Finland."),
    )
    regions = UploadField(
        kind="statistics", formats=("json",),
        label=_("Sotkanet region list (JSON)"), required=False,
        help_text=_("Needed only for Sotkanet value files: Sotkanet's /regions maps its region ids to official codes."),
    )
