"""Forms of the cooperation pages; each offers only organisations and records the user may write for."""
from typing import ClassVar

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yhdyspinta.catalogue.models import MappingAnswer
from yhdyspinta.core.forms import RestrictedFormMixin
from yhdyspinta.core.widgets import DateInput
from yhdyspinta.organisations.models import Organisation

from .models import (
    AgendaItem,
    Agreement,
    AgreementDocument,
    Attachment,
    Decision,
    DocumentTemplate,
    DutyEvidence,
    Escalation,
    FollowUpAction,
    Forum,
    ForumMember,
    Meeting,
    MinutesState,
    StepTick,
)

DATE = DateInput()
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _writable(user, qs):
    """Records of `qs` the user may change."""
    return qs.restrict(user, "change")


class UserForm(RestrictedFormMixin, forms.ModelForm):
    """Link fields offer only records the user may view (RestrictedFormMixin); `limit()` narrows further."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        if user is not None:
            self.limit(user)
        self.restrict_fields()

    def limit(self, user):
        pass


class ForumForm(UserForm):
    class Meta:
        model = Forum
        fields = ("name_fi", "name_sv", "name_en", "level", "kind", "mandate_fi", "mandate_sv", "mandate_en",
                  "area", "organisations", "parent", "meetings_min", "meetings_max", "meeting_minutes",
                  "recurrence", "work_packages", "interfaces", "visibility")

    def limit(self, user):
        self.fields["area"].queryset = Organisation.objects.organising_areas()
        self.fields["parent"].queryset = Forum.objects.restrict(user, "view")
        self.fields["organisations"].queryset = Organisation.objects.active()
        if "interfaces" in self.fields:
            self.fields["interfaces"].queryset = self.fields["interfaces"].queryset.model.objects.restrict(
                user, "view")


class ForumMemberForm(UserForm):
    class Meta:
        model = ForumMember
        fields = ("forum", "person", "organisation", "role", "field", "term_start", "term_end", "outside_expert")
        widgets: ClassVar[dict] = {"term_start": DATE, "term_end": DATE}

    def limit(self, user):
        from yhdyspinta.organisations.models import Person

        self.fields["forum"].queryset = _writable(user, Forum.objects.all())
        self.fields["person"].queryset = Person.objects.restrict(user, "view").select_related("organisation")


class MeetingForm(UserForm):
    class Meta:
        model = Meeting
        fields = ("forum", "starts_at", "ends_at", "place", "language", "participants", "minutes",
                  "minutes_checked_on", "visibility")
        widgets: ClassVar[dict] = {"starts_at": DATETIME, "ends_at": DATETIME, "minutes_checked_on": DATE}

    def limit(self, user):
        from yhdyspinta.organisations.models import Person

        self.fields["forum"].queryset = _writable(user, Forum.objects.all())
        self.fields["participants"].queryset = Person.objects.restrict(user, "view")
        self.fields["language"].required = False  # not given: as it was (new meetings: Finnish)

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language or "fi"


class SeriesForm(forms.Form):
    """Recurring meetings of a forum from its rhythm (RRULE); see actions.create_series."""

    forum = forms.ModelChoiceField(label=_("Forum"), queryset=Forum.objects.none())
    first_start = forms.DateTimeField(label=_("First meeting starts"), widget=DATETIME)
    until = forms.DateField(label=_("Last date of the series"), widget=DATE, required=False,
                            help_text=_("Empty: the rule's own COUNT or UNTIL decides."))
    rule = forms.CharField(label=_("Rule (RRULE)"), max_length=200, required=False,
                           help_text=_("Empty: the forum's meeting rhythm. E.g. FREQ=MONTHLY;BYDAY=2TU;COUNT=10"))
    place = forms.CharField(label=_("Place or link"), max_length=300, required=False)
    language = forms.ChoiceField(label=_("Language of the documents"), choices=Meeting._meta.get_field(
        "language").choices, initial="fi")

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forum"].queryset = _writable(user, Forum.objects.all())


class CorrectionForm(forms.Form):
    what = forms.CharField(label=_("What is corrected"), widget=forms.Textarea(attrs={"rows": 3}))
    why = forms.CharField(label=_("Reason for the correction"), widget=forms.Textarea(attrs={"rows": 3}))
    decision = forms.ModelChoiceField(label=_("Decision to correct"), queryset=Decision.objects.none(),
                                      required=False)
    resolution = forms.ChoiceField(label=_("New resolution"), required=False)
    text = forms.CharField(label=_("New decision text"), widget=forms.Textarea(attrs={"rows": 3}),
                           required=False, help_text=_("Empty: the text stays as it is."))
    minutes = forms.CharField(label=_("New text of the minutes"), widget=forms.Textarea(attrs={"rows": 5}),
                              required=False, help_text=_("Empty: the text stays as it is."))

    def __init__(self, *args, meeting=None, **kwargs):
        from .models import Resolution

        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = Decision.objects.filter(meeting=meeting).select_related(
            "item__meeting__forum")
        self.fields["resolution"].choices = [("", _("No change")), *Resolution.choices]


class DocumentTemplateForm(UserForm):
    class Meta:
        model = DocumentTemplate
        fields = ("area", "forum", "kind", "file")

    def limit(self, user):
        self.fields["area"].queryset = Organisation.objects.organising_areas()  # rights: on saving
        self.fields["forum"].queryset = _writable(user, Forum.objects.all())

    def clean_file(self):
        from .documents import check_template

        upload = self.cleaned_data.get("file")
        if upload is not None and hasattr(upload, "read") and not getattr(upload, "_committed", False):
            check_template(upload, name=getattr(upload, "name", "") or "DOCX")
        return upload


class AgendaItemForm(UserForm):
    class Meta:
        model = AgendaItem
        fields = ("meeting", "number", "title", "body", "body_visibility", "interfaces")

    def limit(self, user):
        self.fields["meeting"].queryset = _writable(user, Meeting.objects.select_related("forum"))
        self.fields["interfaces"].help_text = _("The register's interfaces this item discusses; the interface's page "
                                                "lists the item.")


class AttachmentForm(UserForm):
    class Meta:
        model = Attachment
        fields = ("meeting", "item", "title", "file", "visibility")

    def limit(self, user):
        self.fields["meeting"].queryset = _writable(user, Meeting.objects.select_related("forum"))
        self.fields["item"].queryset = _writable(user, AgendaItem.objects.select_related("meeting__forum"))


class DecisionForm(UserForm):
    class Meta:
        model = Decision
        fields = ("meeting", "item", "resolution", "text")

    def limit(self, user):
        self.fields["meeting"].queryset = _writable(user, Meeting.objects.select_related("forum"))
        self.fields["item"].queryset = _writable(user, AgendaItem.objects.select_related("meeting__forum"))


class FollowUpActionForm(UserForm):
    class Meta:
        model = FollowUpAction
        fields = ("decision", "title", "owner", "deadline", "status")
        widgets: ClassVar[dict] = {"deadline": DATE}

    def limit(self, user):
        from yhdyspinta.organisations.models import Person

        # decisions of approved minutes take no new actions (refuse_if_frozen): not offered
        self.fields["decision"].queryset = _writable(user, Decision.objects.select_related(
            "item__meeting__forum")).filter(
            ~Q(item__meeting__minutes_state=MinutesState.APPROVED) | Q(pk=self.instance.decision_id))
        self.fields["decision"].help_text = _(
            "A decision of a meeting whose minutes are not yet approved. You can also start from the "
            "meeting's page: “Add a follow-up action” under the decision.")
        self.fields["owner"].queryset = Person.objects.restrict(user, "view")


class EscalationForm(UserForm):
    class Meta:
        model = Escalation
        fields = ("raised_by", "source_item", "to_forum", "interface", "title", "description", "visibility")

    def limit(self, user):
        self.fields["raised_by"].queryset = _writable(user, Forum.objects.all())
        # the items of the raising forums' meetings (Escalation.clean() checks the chosen forum)
        self.fields["source_item"].queryset = AgendaItem.objects.restrict(user, "view").filter(
            meeting__forum__in=self.fields["raised_by"].queryset).select_related("meeting__forum")
        self.fields["to_forum"].queryset = Forum.objects.restrict(user, "view")
        self.fields["interface"].queryset = self.fields["interface"].queryset.model.objects.restrict(user, "view")


class TransitionForm(RestrictedFormMixin, forms.Form):
    target = forms.ChoiceField(label=_("New state"))
    agenda_item = forms.ModelChoiceField(label=_("Agenda item of the forum above"), required=False,
                                         queryset=AgendaItem.objects.none())
    reason = forms.CharField(label=_("Reason (needed for a rejection)"), required=False, widget=forms.Textarea)

    def __init__(self, *args, escalation, user, **kwargs):
        from . import compute

        super().__init__(*args, user=user, **kwargs)
        labels = dict(Escalation._meta.get_field("state").choices)
        self.fields["target"].choices = [(t, labels[t]) for t in compute.allowed_targets(escalation.state)]
        self.fields["agenda_item"].queryset = AgendaItem.objects.restrict(user, "view").filter(
            meeting__forum=escalation.to_forum).select_related("meeting__forum")


class AgreementForm(UserForm):
    party_organisations = forms.ModelMultipleChoiceField(
        label=_("Parties"), queryset=Organisation.objects.active(),
        help_text=_("Every organisation that signs the agreement (at least two)."),
    )

    class Meta:
        model = Agreement
        fields = ("title_fi", "title_sv", "title_en", "kind", "party_organisations", "interfaces", "forums",
                  "description_fi", "description_sv", "description_en", "internal_part", "valid_from",
                  "valid_until", "notice_months", "renewal_date", "reminder_days", "has_funding_clause",
                  "visibility")
        widgets: ClassVar[dict] = {"valid_from": DATE, "valid_until": DATE, "renewal_date": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["party_organisations"] = list(self.instance.parties.values_list("pk", flat=True))

    def limit(self, user):
        self.fields["forums"].queryset = Forum.objects.restrict(user, "view")
        self.fields["interfaces"].queryset = self.fields["interfaces"].queryset.model.objects.restrict(user, "view")

    # The rules (dates in Agreement.clean(), the parties' legal checks) live in one place,
    # actions.save_agreement; its refusals are shown on these fields (AgreementEditView).


class AgreementDocumentForm(UserForm):
    class Meta:
        model = AgreementDocument
        fields = ("agreement", "title", "version", "file", "visibility")

    def limit(self, user):
        self.fields["agreement"].queryset = Agreement.objects.restrict(user, "change")


class DutyEvidenceForm(UserForm):
    class Meta:
        model = DutyEvidence
        fields = ("duty", "kind", "agenda_item", "decision", "agreement", "url", "title", "date")
        widgets: ClassVar[dict] = {"date": DATE, "duty": forms.HiddenInput}

    def limit(self, user):
        self.fields["agenda_item"].queryset = AgendaItem.objects.restrict(user, "view").select_related(
            "meeting__forum")
        self.fields["decision"].queryset = Decision.objects.restrict(user, "view").select_related(
            "item__meeting__forum")
        self.fields["agreement"].queryset = Agreement.objects.restrict(user, "view")


class StepTickForm(UserForm):
    class Meta:
        model = StepTick
        fields = ("county", "item", "done_on", "evidence", "url", "meeting")
        widgets: ClassVar[dict] = {"done_on": DATE, "county": forms.HiddenInput}

    def limit(self, user):
        # the county's own forums' meetings: nationally there are tens of thousands
        meetings = Meeting.objects.restrict(user, "view").select_related("forum")
        county = self.data.get("county") or self.initial.get("county") or self.instance.county_id
        if str(getattr(county, "pk", county) or "").isdigit():
            pk = int(getattr(county, "pk", county))
            # a municipality's checklist: the meetings of its county's forums
            area = Organisation.objects.filter(pk=pk).values_list("area_id", flat=True).first()
            meetings = meetings.filter(forum__area_id__in={pk, area} - {None})
        else:  # no county chosen yet: the areas of the user's own organisations, not the whole country
            meetings = meetings.filter(forum__area_id__in=user.memberships.values("organisation__area_id"))
        # a step is ticked at a recent meeting: the last two years and the next, plus the one already
        # chosen (a county can have thousands of meetings over the years)
        today = timezone.localdate()
        recent = Q(starts_at__date__gte=today.replace(year=today.year - 2, day=1),
                   starts_at__date__lte=today.replace(year=today.year + 1, day=1))
        chosen = getattr(self.instance, "meeting_id", None)
        self.fields["meeting"].queryset = meetings.filter(recent | Q(pk=chosen)) if chosen else meetings.filter(recent)



class BulkEvidenceForm(forms.Form):
    """The same evidence for the duty of every chosen municipality (actions.add_evidence_in_bulk):
    one hyte negotiation with 23 municipalities is one form, not 23."""

    rule = forms.ModelChoiceField(label=_("Duty"), queryset=None)
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities"), queryset=Organisation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The evidence goes to the duty of each chosen municipality whose period includes the date. "
                    "Not used for duties of the county alone."))
    kind = forms.ChoiceField(label=_("Kind of evidence"))
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False)
    decision = forms.ModelChoiceField(label=_("Decision"), queryset=Decision.objects.none(), required=False)
    agreement = forms.ModelChoiceField(label=_("Agreement"), queryset=Agreement.objects.none(), required=False)
    url = forms.URLField(label=_("Document address"), required=False)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    date = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)

    def __init__(self, *args, user=None, county=None, **kwargs):
        from yhdyspinta.core import pickers

        from .models import DutyRule, EvidenceKind

        super().__init__(*args, **kwargs)
        self.county = county
        self.fields["rule"].queryset = DutyRule.objects.filter(active=True)
        self.fields["kind"].choices = EvidenceKind.choices
        # Without a county (a generic check of the link fields) only the reader's rule narrows them.
        everything = county is None
        own = Q() if everything else Q(pk=county.pk) | Q(area=county)
        self.fields["municipalities"].queryset = (Organisation.objects.none() if everything
                                                  else county.area_members.municipalities().order_by("name"))
        self.fields["agenda_item"].queryset = AgendaItem.objects.restrict(user, "view").filter(
            Q() if everything else
            Q(meeting__forum__area=county) | Q(meeting__forum__organisations__in=Organisation.objects.filter(own))
        ).distinct().select_related("meeting__forum").order_by("-meeting__starts_at", "number")
        self.fields["decision"].queryset = Decision.objects.restrict(user, "view").filter(
            Q() if everything else
            Q(item__meeting__forum__area=county)
            | Q(item__meeting__forum__organisations__in=Organisation.objects.filter(own))
        ).distinct().select_related("item__meeting__forum").order_by("-item__meeting__starts_at")
        self.fields["agreement"].queryset = Agreement.objects.restrict(user, "view").filter(
            Q() if everything else Q(parties__in=Organisation.objects.filter(own))).distinct()
        for name in ("agenda_item", "decision", "agreement"):
            pickers.adopt(self.fields[name])


class RoundProblemsForm(RestrictedFormMixin, forms.Form):
    """The problems reported in a closed mapping round to agenda items of a forum's meeting
    (actions.items_from_round_problems): the answers with a problem, and an upcoming meeting of a
    forum of the round's county the user may change."""

    answers = forms.ModelMultipleChoiceField(label=_("Reported problems"), queryset=MappingAnswer.objects.none(),
                                             widget=forms.CheckboxSelectMultiple)
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none(),
                                     help_text=_("An upcoming meeting of a forum of the county; one agenda item per "
                                                 "interface is added after its last item."))

    def __init__(self, *args, round_=None, user=None, **kwargs):
        from yhdyspinta.core.visibility import may_view

        super().__init__(*args, user=user, **kwargs)
        self.fields["answers"].queryset = (
            MappingAnswer.objects.restrict(self.user, "view").filter(round=round_).exclude(problems="")
            .select_related("interface", "organisation").order_by("interface__title", "organisation__name"))
        self.fields["answers"].label_from_instance = lambda a: "{} – {}: {}".format(
            a.interface if may_view(self.user, a.interface) else _("(hidden)"), a.organisation, a.problems[:300])
        self.fields["meeting"].queryset = (
            _writable(self.user, Meeting.objects.select_related("forum"))
            .filter(Q() if round_ is None else Q(forum__area=round_.area_id), starts_at__date__gte=timezone.localdate())
            .exclude(minutes_state=MinutesState.APPROVED)  # frozen: its agenda takes no new items (walk 6 #15)
            .order_by("starts_at"))
