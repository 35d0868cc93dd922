"""Meetings with their items, attachments, decisions and follow-up actions."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from yhdyspinta.catalogue.models import Interface
from yhdyspinta.core.audit import log_access, log_internal_reads
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.uploads import AttachmentUploadMixin
from yhdyspinta.core.views.generic import (
    FileDownloadView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)
from yhdyspinta.organisations.models import Person

from .. import actions
from ..filtersets import MeetingFilterSet
from ..forms import AgendaItemForm, AttachmentForm, DecisionForm, FollowUpActionForm, MeetingForm
from ..models import (
    ActionStatus,
    AgendaItem,
    Attachment,
    Decision,
    DocumentKind,
    Escalation,
    FollowUpAction,
    ForumMember,
    Meeting,
    MinutesState,
)
from ..models.minutes import in_role_order
from ..tables import MeetingTable
from .common import insider


class MeetingListView(ObjectListView):
    model = Meeting
    table_class = MeetingTable
    filterset_class = MeetingFilterSet
    add_url_name = "cooperation:meeting_add"
    export_name = "meetings"

    related = ("forum",)


class MeetingDetailView(ObjectDetailView):
    """Outsiders see the public parts: titles always, bodies and attachments if public, checked minutes."""

    model = Meeting
    template_name = "cooperation/meeting_detail.html"
    edit_url_name = "cooperation:meeting_edit"
    delete_url_name = "cooperation:meeting_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meeting, user = self.object, self.request.user
        internal_ok = insider(user, meeting.forum)
        attachments = list(Attachment.objects.restrict(user, "view").filter(meeting=meeting))
        items = []
        interfaces = Interface.objects.restrict(user, "view")
        escalations = Escalation.objects.restrict(user, "view")
        for item in meeting.items.select_related("decision").prefetch_related(
                "decision__actions__owner", Prefetch("interfaces", queryset=interfaces, to_attr="shown_interfaces"),
                Prefetch("escalations_raised", queryset=escalations, to_attr="shown_escalations")):
            show_body = item.body_visibility == "public" or internal_ok
            items.append({"item": item, "show_body": show_body, "interfaces": item.shown_interfaces,
                          "escalations": item.shown_escalations,
                          "attachments": [a for a in attachments if a.item_id == item.pk]})
        disclosed = [i["item"] for i in items if i["item"].body_visibility == "internal" and i["show_body"]]
        if disclosed:
            log_access(self.request, AccessLog.Action.READ, model=AgendaItem, objects=disclosed,
                       detail=self.request.path)
        if internal_ok and meeting.minutes and not meeting.minutes_public() and not meeting.is_internal:
            log_access(self.request, AccessLog.Action.READ, model=Meeting, objects=[meeting],
                       detail=f"minutes: {self.request.path}")
        ctx.update(
            items=items, internal_ok=internal_ok,
            meeting_attachments=[a for a in attachments if a.item_id is None],
            show_minutes=meeting.minutes_public() or internal_ok,
            minutes_public=meeting.minutes_public(),
            participants=meeting.participants.restrict(user, "view"),
            attendance=in_role_order(meeting.attendance.select_related("person__organisation")),
            corrections=list(meeting.corrections.select_related("made_by", "decision__item")),
            document_kinds=DocumentKind.choices,
            MinutesState=MinutesState,
            status_choices=ActionStatus.choices,
        )
        if meeting.is_frozen:
            ctx["can_delete"] = False  # refused by actions.delete_meeting: approved minutes are kept
        return ctx


class MeetingEditView(ObjectEditView):
    model = Meeting
    form_class = MeetingForm

    def get_initial(self):
        """A new meeting of a given forum starts with the forum's members in office as participants."""
        initial = super().get_initial()
        forum_id = initial.get("forum")
        if self.object is None and forum_id and str(forum_id).isdigit():
            today = timezone.localdate()
            seats = ForumMember.objects.restrict(self.request.user, "view").filter(forum_id=forum_id)
            initial["participants"] = [s.person_id for s in seats
                                       if not (s.term_end and s.term_end < today)]
        return initial


class MeetingDeleteView(ObjectDeleteView):
    model = Meeting
    success_url_name = "cooperation:meeting_list"
    delete_action = staticmethod(actions.delete_meeting)  # approved minutes are kept


class ItemEditView(ObjectEditView):
    model = AgendaItem
    form_class = AgendaItemForm


class AttachmentEditView(AttachmentUploadMixin, ObjectEditView):
    model = Attachment
    form_class = AttachmentForm
    template_name = "cooperation/upload_edit.html"

    def success_url_for(self, result):
        return result.meeting.get_absolute_url()


class DecisionEditView(ObjectEditView):
    model = Decision
    form_class = DecisionForm


class ActionEditView(ObjectEditView):
    model = FollowUpAction
    form_class = FollowUpActionForm


class AttachmentDownloadView(FileDownloadView):
    """Sends a file only to those who may see it; internal downloads are logged."""

    model = Attachment


class ActionStatusView(LoginRequiredMixin, View):
    def post(self, request, pk):
        obj = get_object_or_404(FollowUpAction.objects.restrict(request.user, "view"), pk=pk)
        status = request.POST.get("status")
        if status not in ActionStatus.values:
            return HttpResponseBadRequest("unknown status")
        actions.set_action_status(obj, status, actor=request.user)
        return redirect(obj.get_absolute_url())


class PersonActionsView(TemplateView):
    """A person's follow-up actions, late ones first (the owner's page section)."""

    template_name = "cooperation/person_actions.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        user = self.request.user
        person = get_object_or_404(Person.objects.restrict(user, "view"), pk=self.kwargs["pk"])
        qs = FollowUpAction.objects.restrict(user, "view").filter(owner=person).select_related(
            "decision__item__meeting__forum")
        today = timezone.localdate()
        listed = list(qs)
        log_internal_reads(self.request, Person, [person], detail=self.request.path)
        log_internal_reads(self.request, FollowUpAction, listed, detail=self.request.path)
        ctx.update(person=person, late=[a for a in listed if a.is_late(today)],
                   others=[a for a in listed if not a.is_late(today)])
        return ctx
