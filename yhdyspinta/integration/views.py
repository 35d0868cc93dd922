"""Owner pages: studies, parties, scales, personal links and the answer import with column mapping."""

import base64

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core.exports import export_response
from yhdyspinta.core.localize import error_message
from yhdyspinta.core.views.concurrency import VersionedFormMixin
from yhdyspinta.core.views.generic import (
    ActionFormMixin,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    run_action,
)

from . import actions, importing
from .compute import survey
from .compute.errors import IntegrationInputError
from .filtersets import StudyFilterSet
from .forms import (
    LinksForm,
    MappingForm,
    MergeForm,
    PartyForm,
    ScaleForm,
    StudyForm,
    SurveyMappingForm,
    UploadForm,
)
from .models import Study, StudyParty, StudyScale
from .tables import StudyTable

SESSION_KEY = "integration_import"


def response_counts(study):
    """Sent / answered / rate as the owner sees them (719 / 268 / 37.3 %)."""
    answered = study.respondents.filter(submitted_at__isnull=False).count()
    sent = study.invited
    return {"sent": sent, "answered": answered, "rate": (100.0 * answered / sent) if sent else None,
            "started": study.respondents.filter(submitted_at__isnull=True, progress__gt=0).count()}


class StudyListView(ObjectListView):
    model = Study
    table_class = StudyTable
    filterset_class = StudyFilterSet
    add_url_name = "integration:study_add"
    export_name = "integration-studies"

    def get_queryset(self):
        return super().get_queryset().select_related("owner").annotate(
            answered=Count("respondents", filter=Q(respondents__submitted_at__isnull=False)))


class StudyDetailView(ObjectDetailView):
    model = Study
    template_name = "integration/study_detail.html"
    edit_url_name = "integration:study_edit"
    delete_url_name = "integration:study_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["counts"] = response_counts(self.object)
        ctx["parties"] = self.object.parties.all()
        ctx["scales"] = self.object.scales.all()
        return ctx


class StudyEditView(ObjectEditView):
    model = Study
    form_class = StudyForm
    save_action = staticmethod(actions.save_study)


class StudyDeleteView(ObjectDeleteView):
    model = Study
    success_url_name = "integration:study_list"


class StudyOwnerMixin(LoginRequiredMixin):
    """The study from the URL, for those who may change it (403 otherwise, 404 if unseen)."""

    study_kwarg = "pk"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.study = get_object_or_404(Study.objects.restrict(request.user, "view"), pk=kwargs[self.study_kwarg])
        if not can(request.user, self.study, "change"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"study": self.study}


class PartyEditView(StudyOwnerMixin, VersionedFormMixin, ActionFormMixin, FormView):
    template_name = "integration/form.html"
    form_class = PartyForm

    def get_versioned_object(self):
        return self.party

    def set_versioned_object(self, obj):
        self.party = obj

    def dispatch(self, request, *args, **kwargs):
        if "party" in kwargs:
            party = get_object_or_404(StudyParty, pk=kwargs["party"])
            kwargs["pk"] = party.study_id
            self.party = party
        else:
            self.party = None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"instance": self.party, "study": self.study}

    def run(self, form):
        actions.save_party(form, actor=self.request.user, action="change" if self.party else "add")
        return self.study

    def get_context_data(self, **kwargs):
        title = _("Edit party") if self.party else _("Add a party")
        return super().get_context_data(**kwargs) | {"title": title}


class PartyDeleteView(PartyEditView):
    template_name = "integration/confirm_delete.html"

    def post(self, request, *args, **kwargs):
        run_action(request, actions.delete_party, self.party, actor=request.user, success=_("Deleted."))
        return redirect(self.study.get_absolute_url())


class MergeView(StudyOwnerMixin, ActionFormMixin, FormView):
    template_name = "integration/form.html"
    form_class = MergeForm
    success_message = gettext_lazy("The parties were merged.")

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"study": self.study}

    def run(self, form):
        actions.merge_parties(self.study, form.cleaned_data["source"], form.cleaned_data["target"],
                              actor=self.request.user)
        return self.study

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("Merge two parties")}


class ScaleEditView(StudyOwnerMixin, ActionFormMixin, FormView):
    template_name = "integration/form.html"
    form_class = ScaleForm
    refused_status = 409  # save_scale refuses a stale save (the study's version) with a ValidationError

    def get_form_kwargs(self):
        scale = get_object_or_404(StudyScale, study=self.study, item=self.kwargs["item"])
        return super().get_form_kwargs() | {"instance": scale}

    def run(self, form):
        actions.save_scale(form, actor=self.request.user)
        return self.study

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("Edit the scale")}


class LinksView(StudyOwnerMixin, ActionFormMixin, FormView):
    """Issues personal links; the CSV of links is the only place the tokens ever appear."""

    template_name = "integration/form.html"
    form_class = LinksForm
    error_field = "count"

    def run(self, form):
        tokens = actions.issue_links(self.study, form.cleaned_data["count"], actor=self.request.user)
        base = self.request.build_absolute_uri("/")[:-1]
        rows = [[k + 1, base + reverse("integration:answer", args=[t])] for k, t in enumerate(tokens)]
        return export_response(self.request, "csv", [_("Number"), _("Personal link")], rows,
                               name=f"links-study-{self.study.pk}", model=Study, objects=[self.study],
                               detail=f"links {self.study.pk}")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Issue personal links"),
            "intro": _("You get the links once, as a CSV file: send one link to each person. "
                       "Only a fingerprint of each link is stored, so lost links cannot be shown again."),
            "submit": _("Create and download"),
        }


class ImportView(StudyOwnerMixin, FormView):
    """Step 1: upload; the long form is imported at once, wide forms go to the mapping step."""

    template_name = "integration/form.html"
    form_class = UploadForm
    multipart = True

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        name = upload.name
        try:
            data = importing.to_csv_bytes(upload.read(), name)
            if form.cleaned_data["kind"] == importing.LONG:
                frame, lines = importing.read_long(data, name, self.study)
                count = actions.import_answers(self.study, frame, actor=self.request.user, file=name, lines=lines,
                                               replace=form.cleaned_data["replace"])
                messages.success(self.request, _("%(n)s answer sets imported.") % {"n": count})
                return redirect(self.study.get_absolute_url())
            columns = importing.header(data, name, form.cleaned_data["kind"])
        except IntegrationInputError as exc:
            form.add_error("file", error_message(exc))
            return self.form_invalid(form)
        self.request.session[SESSION_KEY] = {
            "study": self.study.pk, "name": name, "kind": form.cleaned_data["kind"], "columns": columns,
            "replace": form.cleaned_data["replace"],
            "data": base64.b64encode(data).decode("ascii"),
        }
        return redirect("integration:import_mapping", self.study.pk)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "title": _("Import answers"), "multipart": True, "submit": _("Continue"),
            "intro": _("Long form columns: respondent_id, group, party, frequency, mutuality, need and "
                       "optionally municipality and size_group. Empty cells are \"don't know\". The whole "
                       "file is imported or nothing is.") + " " + _(
                "Survey exports are read as the tools write them: LimeSurvey's CSV export with answer codes "
                "or full answers (question codes like G2Q00004[SQ001]; A1–A5 the scale in order, A6 don't know; "
                "unfinished responses left out) and Webropol's CSV or XLSX (columns like "
                "\"Question - 2.1 Ikääntyneiden palvelut\"). On the next page you map each question once; "
                "the mapping is remembered for the study."),
        }


class ImportMappingView(StudyOwnerMixin, FormView):
    """Step 2: map the uploaded wide file's columns, then import all or nothing."""

    template_name = "integration/mapping.html"

    def dispatch(self, request, *args, **kwargs):
        stored = request.session.get(SESSION_KEY)
        if not stored or stored.get("study") != kwargs.get("pk"):
            return redirect("integration:import", kwargs.get("pk"))
        self.stored = stored
        return super().dispatch(request, *args, **kwargs)

    def get_template_names(self):
        return ["integration/survey_mapping.html" if self.is_survey else self.template_name]

    @property
    def is_survey(self) -> bool:
        return self.stored["kind"] == importing.LIMESURVEY

    def get_form(self, form_class=None):
        parties = list(self.study.parties.all())
        columns = self.stored["columns"]
        if self.is_survey:
            guess = survey.guess(columns, importing.survey_parties(self.study), importing.saved_mapping(self.study))
            return SurveyMappingForm(**self.get_form_kwargs(), columns=columns, parties=parties,
                                     initial_mapping=guess)
        return MappingForm(**self.get_form_kwargs(), columns=columns, parties=parties,
                           limesurvey=self.stored["kind"] == importing.LIMESURVEY,
                           initial_mapping=importing.guess_mapping(columns, [p.code for p in parties]))

    def form_valid(self, form):
        data, name = base64.b64decode(self.stored["data"]), self.stored["name"]
        d = form.cleaned_data
        skipped, lines = 0, None
        try:
            if self.is_survey:
                frame, lines, skipped = importing.read_survey_form(data, name, form.mapping(), self.study)
            else:
                frame = importing.read_wide_form(data, name, respondent=d["respondent"], group=d["group"],
                                                 mapping=form.mapping(), municipality=d["municipality"],
                                                 size_group=d["size_group"], study=self.study)
            count = actions.import_answers(self.study, frame, actor=self.request.user, file=name, lines=lines,
                                           replace=bool(self.stored.get("replace")))
            if self.is_survey:
                importing.remember_mapping(self.study, form.mapping())
        except IntegrationInputError as exc:
            form.add_error(None, error_message(exc))
            return self.form_invalid(form)
        self.request.session.pop(SESSION_KEY, None)
        text = _("%(n)s answer sets imported.") % {"n": count}
        if skipped:
            text += " " + _("%(n)s unfinished responses (no submit date) were left out; choose to include "
                            "them on the mapping page if they should count.") % {"n": skipped}
        messages.success(self.request, text)
        return redirect(self.study.get_absolute_url())

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"title": _("Map the columns"), "file_name": self.stored["name"],
                                                     "default_codes": survey.DEFAULT_CODES,
                                                     "dont_know_words": survey.DONT_KNOW_WORDS}
