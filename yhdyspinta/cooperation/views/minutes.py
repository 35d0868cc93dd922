"""A meeting's attendance, the minutes' way (draft → checked → approved), corrections, the meeting
documents (notice, agenda, minutes as PDF and DOCX), their templates and recurring meetings."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django.views import View
from django.views.generic import FormView, TemplateView

from yhdyspinta.accounts.permissions import can
from yhdyspinta.core.audit import log_access
from yhdyspinta.core.exports import pdf_response
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.views.generic import ActionFormMixin, ObjectEditView, run_action
from yhdyspinta.organisations.models import Person

from .. import actions, documents
from ..forms import CorrectionForm, DocumentTemplateForm, SeriesForm
from ..models import AttendanceRole, DocumentKind, DocumentTemplate, Meeting
from .common import insider


def _meeting(request, pk, action="view"):
    meeting = get_object_or_404(Meeting.objects.restrict(request.user, "view").select_related("forum"), pk=pk)
    if action != "view" and not can(request.user, meeting, action):
        raise PermissionDenied
    return meeting


class AttendanceView(LoginRequiredMixin, View):
    """One row per expected person (the forum's members in office and the participants, then anyone
    already recorded): a role or absent, and whether the person checks the minutes."""

    template_name = "cooperation/attendance.html"

    def rows(self, meeting):
        recorded = {a.person_id: a for a in meeting.attendance.select_related("person")}
        rows = []
        for person, role in actions.expected_attendance(meeting):
            stored = recorded.pop(person.pk, None)
            rows.append({"person": person, "role": stored.role if stored else role,
                         "checks": bool(stored and stored.checks_minutes), "recorded": stored is not None})
        for stored in recorded.values():
            rows.append({"person": stored.person, "role": stored.role, "checks": stored.checks_minutes,
                         "recorded": True})
        return rows

    def render_page(self, request, meeting, rows, errors=(), status=200):
        return render(request, self.template_name, {
            "object": meeting, "meeting": meeting, "rows": rows, "errors": errors,
            "role_choices": AttendanceRole.choices,
        }, status=status)

    def get(self, request, pk):
        meeting = _meeting(request, pk, "change")
        return self.render_page(request, meeting, self.rows(meeting))

    def post(self, request, pk):
        meeting = _meeting(request, pk, "change")
        visible = {p.pk: p for p in Person.objects.restrict(request.user, "view").filter(
            pk__in=[v for v in request.POST.getlist("person") if v.isdigit()])}
        data, rows = [], []
        for pid in request.POST.getlist("person"):
            person = visible.get(int(pid)) if pid.isdigit() else None
            if person is None:
                continue
            role = request.POST.get(f"role-{pid}", "")
            checks = request.POST.get(f"checks-{pid}") == "on"
            rows.append({"person": person, "role": role, "checks": checks, "recorded": True})
            if role == "":
                continue  # not recorded (neither present nor absent)
            if role not in AttendanceRole.values:
                raise Http404
            data.append((person, role, checks))
        try:
            actions.set_attendance(meeting, data, actor=request.user)
        except ValidationError as exc:
            return self.render_page(request, meeting, rows, errors=exc.messages)
        messages.success(request, _("Attendance saved."))
        return redirect(reverse("cooperation:meeting_detail", args=[meeting.pk]) + "#attendance-h")


class MinutesStateView(LoginRequiredMixin, View):
    """The buttons of the minutes' way: mark checked, approve."""

    def post(self, request, pk, step):
        meeting = _meeting(request, pk)
        action = {"check": actions.mark_minutes_checked, "approve": actions.approve_minutes}.get(step)
        if action is None:
            raise Http404
        run_action(request, action, meeting, actor=request.user,
                   success=_("The minutes are approved.") if step == "approve" else _("The minutes are checked."),
                   denied=_("You may not change these minutes."))
        return redirect(reverse("cooperation:meeting_detail", args=[meeting.pk]) + "#minutes-h")


class CorrectionView(LoginRequiredMixin, ActionFormMixin, FormView):
    """A correction entry of approved minutes (what, why; optionally a decision's new wording)."""

    template_name = "cooperation/meeting_form.html"
    form_class = CorrectionForm
    success_message = gettext_lazy("The correction is recorded on the minutes.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.meeting = _meeting(request, kwargs["pk"], "change")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.meeting}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "object": self.meeting,
                "heading": _("Correct the approved minutes")}

    def run(self, form):
        data = form.cleaned_data
        actions.correct_minutes(self.meeting, actor=self.request.user, what=data["what"], why=data["why"],
                                decision=data["decision"], resolution=data["resolution"] or None,
                                text=data["text"] or None, minutes=data["minutes"] or None)
        return self.meeting


class MeetingDocumentView(View):
    """notice | agenda | minutes as pdf | docx, in the meeting's language; logged as an export.
    The minutes are for those who may read them (checked and public, or the forum's organisations)."""

    def get(self, request, pk, kind, fmt):
        meeting = _meeting(request, pk)
        if kind not in DocumentKind.values or fmt not in ("pdf", "docx"):
            raise Http404
        internal_ok = insider(request.user, meeting.forum)
        if kind == DocumentKind.MINUTES and not (internal_ok or meeting.minutes_public()):
            raise Http404
        context = documents.document_context(meeting, kind, reader=request.user, internal_ok=internal_ok)
        name = slugify(f"{context['document']}-{meeting.forum}-{context['date']}") or kind
        with override(meeting.language):
            if fmt == "pdf":
                return pdf_response(request, "cooperation/meeting_document_pdf.html", {"doc": context},
                                    name=name, title=context["title"], model=Meeting, objects=[meeting])
            data = documents.render_docx(meeting, kind, context)
        log_access(request, AccessLog.Action.EXPORT, model=Meeting,
                   objects=[meeting] if meeting.is_internal else [], detail=f"docx {request.get_full_path()}"[:500])
        response = HttpResponse(data, content_type=documents.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.docx"'
        return response


class DefaultTemplateView(LoginRequiredMixin, View):
    """The shipped default DOCX template of a document: the starting point of a forum's own."""

    def get(self, request, kind):
        if kind not in DocumentKind.values:
            raise Http404
        response = HttpResponse(documents.default_template(kind), content_type=documents.DOCX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{kind}-template.docx"'
        return response


class DocumentTemplateListView(LoginRequiredMixin, TemplateView):
    template_name = "cooperation/document_templates.html"

    def get_context_data(self, **kwargs):
        templates = DocumentTemplate.objects.restrict(self.request.user, "view").select_related("area", "forum")
        return {**super().get_context_data(**kwargs), "kinds": DocumentKind.choices, "templates": list(templates)}


class DocumentTemplateEditView(ObjectEditView):
    model = DocumentTemplate
    form_class = DocumentTemplateForm
    template_name = "cooperation/upload_edit.html"


class SeriesView(LoginRequiredMixin, ActionFormMixin, FormView):
    """Recurring meetings from the forum's rhythm (RRULE), at most 60 at a time."""

    template_name = "cooperation/meeting_form.html"
    form_class = SeriesForm
    success_message = None

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        return {k: v for k, v in self.request.GET.items() if k in ("forum", "rule", "place")}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "heading": _("Recurring meetings"),
                "intro": _("The meetings get the forum's usual length, its members in office as participants, "
                           "and the invitations are sent. At most 60 meetings are created at a time.")}

    def run(self, form):
        from datetime import datetime, time

        from django.utils import timezone

        data = form.cleaned_data
        until = None
        if data["until"]:
            until = timezone.make_aware(datetime.combine(data["until"], time(23, 59)))
        first = timezone.localtime(data["first_start"])
        created = actions.create_series(data["forum"], actor=self.request.user, first_start=first,
                                        until=until, rule=data["rule"], place=data["place"],
                                        language=data["language"])
        messages.success(self.request, _("%(n)d meetings created and invited.") % {"n": len(created)})
        return redirect(reverse("cooperation:meeting_list") + f"?forum={data['forum'].pk}")
