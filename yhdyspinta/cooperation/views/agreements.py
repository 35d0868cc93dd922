"""Agreements: list, detail (internal part for the parties only), reminders, documents."""

from django.db.models import Q
from django.utils import timezone
from django.views.generic import TemplateView

from yhdyspinta.accounts.permissions import can_view_internal_of
from yhdyspinta.core.audit import log_access
from yhdyspinta.core.models import AccessLog
from yhdyspinta.core.uploads import AttachmentUploadMixin
from yhdyspinta.core.views.generic import (
    FileDownloadView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
)

from .. import actions
from ..checks import agreement_errors
from ..compute import reminder_date
from ..filtersets import AgreementFilterSet
from ..forms import AgreementDocumentForm, AgreementForm
from ..models import Agreement, AgreementDocument
from ..tables import AgreementTable


class AgreementListView(ObjectListView):
    model = Agreement
    table_class = AgreementTable
    filterset_class = AgreementFilterSet
    add_url_name = "cooperation:agreement_add"
    export_name = "agreements"


class AgreementDetailView(ObjectDetailView):
    model = Agreement
    template_name = "cooperation/agreement_detail.html"
    edit_url_name = "cooperation:agreement_edit"
    delete_url_name = "cooperation:agreement_delete"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        agreement, user = self.object, self.request.user
        party_ids = set(agreement.parties.values_list("pk", flat=True))
        internal_ok = can_view_internal_of(user, party_ids)
        if internal_ok and agreement.internal_part:
            log_access(self.request, AccessLog.Action.READ, model=Agreement, objects=[agreement],
                       detail="internal part")
        ctx.update(
            internal_ok=internal_ok,
            party_rows=agreement.party_rows.select_related("organisation", "signatory"),
            documents=AgreementDocument.objects.restrict(user, "view").filter(agreement=agreement),
            forums=agreement.forums.restrict(user, "view"),
            interfaces=agreement.interfaces.restrict(user, "view"),
            problems=agreement_errors(agreement.kind, agreement.parties.all(), agreement.has_funding_clause),
            remind_on=agreement.remind_on,
            reminder_due=agreement.remind_on is not None and agreement.remind_on <= timezone.localdate(),
        )
        return ctx


class AgreementEditView(ObjectEditView):
    model = Agreement
    form_class = AgreementForm
    save_action = staticmethod(actions.save_agreement)  # its refusals land on their fields (ObjectEditView)


class AgreementDeleteView(ObjectDeleteView):
    model = Agreement
    success_url_name = "cooperation:agreement_list"


class ReminderListView(TemplateView):
    """Agreements whose renewal or last notice day is within their reminder window."""

    template_name = "cooperation/reminders.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        today = timezone.localdate()
        # the dates first (plain tuples: thousands of agreements nationally), then only the due ones
        visible = (Agreement.objects.restrict(self.request.user, "view")
                   .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today)))
        due = []
        for pk, valid_until, renewal, notice, days in visible.values_list(
                "pk", "valid_until", "renewal_date", "notice_months", "reminder_days"):
            remind = reminder_date(valid_until, renewal, notice, days)
            if remind is not None and remind <= today:
                due.append(pk)
        rows = Agreement.objects.filter(pk__in=due).prefetch_related("parties")
        ctx["agreements"] = sorted(rows, key=lambda a: (a.remind_on, a.pk))
        ctx["today"] = today
        return ctx


class DocumentAddView(AttachmentUploadMixin, ObjectEditView):
    """A new document or a new version of one (same title, next version number)."""

    model = AgreementDocument
    form_class = AgreementDocumentForm
    template_name = "cooperation/upload_edit.html"

    def get_initial(self):
        initial = super().get_initial()
        agreement = Agreement.objects.filter(pk=initial.get("agreement") or 0).first()
        if agreement and initial.get("title"):
            latest = agreement.documents.filter(title=initial["title"]).order_by("-version").first()
            initial["version"] = latest.version + 1 if latest else 1
        return initial

    def success_url_for(self, result):
        return result.agreement.get_absolute_url()


class DocumentDownloadView(FileDownloadView):
    model = AgreementDocument
