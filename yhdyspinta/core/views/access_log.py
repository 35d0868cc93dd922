"""Who read and exported an organisation's data (tiedonhallintalaki § 17), for its admins.

An organisation admin sees the access-log entries of records that involve the organisations
they administer; a county coordinator those of the whole cooperation area; a superuser all.
Entries carry the organisations involved (`AccessLog.organisation_ids`, written by
`core.audit.log_access`). Record names are shown only for records the viewer may see.
"""

import datetime

from django import forms
from django.apps import apps
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.generic import TemplateView

from yhdyspinta.core.audit import log_access
from yhdyspinta.core.exports import export_metadata, export_response
from yhdyspinta.core.models import AccessLog, RestrictedModel
from yhdyspinta.core.pagination import CappedCountPaginator
from yhdyspinta.core.policy import ALL, org_ids, organisation_model

DATA_ACTIONS = (AccessLog.Action.READ, AccessLog.Action.EXPORT, AccessLog.Action.SEARCH)
NAMES_PER_ENTRY = 20
PAGE_SIZE = 50


def may_see_access_log(user) -> bool:
    """Superusers and those who administer an organisation (org admins, county coordinators).
    A national reader reads all records but administers none, so sees no one's reads."""
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or bool(org_ids(user, "admin"))


def scoped_entries(user):
    """The entries `user` may see: reads, exports and searches of their organisations' records."""
    qs = AccessLog.objects.select_related("content_type", "user")
    ids = org_ids(user, "admin")
    if ids is ALL:
        return qs
    orgs = Q(pk__in=[])
    for pk in sorted(ids):
        orgs |= Q(organisation_ids__contains=f",{pk},")
    return qs.filter(orgs, action__in=DATA_ACTIONS)


def record_type_choices():
    types = []
    for model in apps.get_models():
        if issubclass(model, RestrictedModel):
            ct = ContentType.objects.get_for_model(model)
            types.append((str(ct.pk), str(model._meta.verbose_name).capitalize()))
    return [("", gettext_lazy("All"))] + sorted(types, key=lambda t: t[1])


class AccessLogFilterForm(forms.Form):
    user = forms.CharField(label=gettext_lazy("Person (username)"), required=False, max_length=150)
    record_type = forms.ChoiceField(label=gettext_lazy("Record type"), required=False)
    record_id = forms.IntegerField(label=gettext_lazy("Record id"), required=False, min_value=1)
    action = forms.ChoiceField(label=pgettext_lazy("access log", "Action"), required=False)
    date_from = forms.DateField(label=gettext_lazy("From"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=gettext_lazy("To"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label=gettext_lazy("Order"), required=False, choices=(
        ("-timestamp", gettext_lazy("Newest first")), ("timestamp", gettext_lazy("Oldest first"))))

    def __init__(self, data, *, superuser: bool):
        super().__init__(data)
        actions = AccessLog.Action.choices if superuser else [
            (value, label) for value, label in AccessLog.Action.choices if value in DATA_ACTIONS]
        self.fields["action"].choices = [("", gettext_lazy("All"))] + list(actions)
        self.fields["record_type"].choices = record_type_choices()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filter(self, qs):
        if not self.is_valid():
            return qs.none()
        data = self.cleaned_data
        if data["user"]:
            qs = qs.filter(username__icontains=data["user"].strip())
        if data["record_type"]:
            qs = qs.filter(content_type_id=int(data["record_type"]))
        if data["record_id"]:
            pk = str(data["record_id"])
            qs = qs.filter(Q(object_ids=pk) | Q(object_ids__startswith=f"{pk},")
                           | Q(object_ids__endswith=f",{pk}") | Q(object_ids__contains=f",{pk},"))
        if data["action"]:
            qs = qs.filter(action=data["action"])
        zone = timezone.get_current_timezone()
        if data["date_from"]:
            qs = qs.filter(timestamp__gte=datetime.datetime.combine(data["date_from"], datetime.time.min, zone))
        if data["date_to"]:
            end = data["date_to"] + datetime.timedelta(days=1)
            qs = qs.filter(timestamp__lt=datetime.datetime.combine(end, datetime.time.min, zone))
        return qs.order_by(data["sort"] or "-timestamp", "-pk" if data["sort"] != "timestamp" else "pk")


def _ids(entry) -> list[str]:
    return [i for i in entry.object_ids.split(",") if i]


def visible_names(entries, user) -> dict[tuple[int, str], str]:
    """{(content type id, record id): name} of the listed records that `user` may see
    (one restricted query per record type on the page)."""
    wanted: dict[int, set[str]] = {}
    for entry in entries:
        if entry.content_type_id:
            wanted.setdefault(entry.content_type_id, set()).update(_ids(entry)[:NAMES_PER_ENTRY])
    names = {}
    for ct_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        manager = getattr(model, "objects", None) if model is not None else None
        if manager is None or not hasattr(manager, "restrict"):
            continue
        pks = [int(i) for i in ids if i.isdigit()]
        for obj in manager.restrict(user, "view").filter(pk__in=pks):
            names[(ct_id, str(obj.pk))] = str(obj)
    return names


def record_type_name(entry) -> str:
    model = entry.content_type.model_class() if entry.content_type_id else None
    return str(model._meta.verbose_name).capitalize() if model is not None else ""


def entry_records(entry, names) -> list[dict]:
    ids = _ids(entry)
    return [{"id": i, "name": names.get((entry.content_type_id, i), "")} for i in ids[:NAMES_PER_ENTRY]]


class AccessLogView(LoginRequiredMixin, TemplateView):
    template_name = "core/access_log.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not may_see_access_log(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        user = request.user
        self.form = AccessLogFilterForm(request.GET or None, superuser=user.is_superuser)
        entries = scoped_entries(user)
        entries = self.form.filter(entries) if self.form.is_bound else entries.order_by("-timestamp", "-pk")
        if request.GET.get("export") == "csv":
            return self.export(entries)
        return self.render_page(entries)

    def render_page(self, entries):
        paginator = CappedCountPaginator(entries, PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        rows = list(page.object_list)
        names = visible_names(rows, self.request.user)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        sort = self.form.cleaned_data.get("sort") if self.form.is_bound and self.form.is_valid() else ""
        sort_query = query.copy()
        sort_query["sort"] = "timestamp" if sort in ("", None, "-timestamp") else "-timestamp"
        ctx = self.get_context_data(
            form=self.form, page=page, paginator=paginator, query=query.urlencode(),
            sort_query=sort_query.urlencode(), ascending=sort == "timestamp",
            rows=[{"entry": e, "type": record_type_name(e), "records": entry_records(e, names),
                   "more": max(0, len(_ids(e)) - NAMES_PER_ENTRY)} for e in rows],
            scope=self.scope_text(),
        )
        return self.render_to_response(ctx)

    def scope_text(self):
        ids = org_ids(self.request.user, "admin")
        if ids is ALL:
            return _("You see every entry of the access log.")
        names = sorted(organisation_model().objects.filter(pk__in=ids).values_list("name", flat=True))
        shown = ", ".join(names[:10]) + (" …" if len(names) > 10 else "")
        return _("You see the reads, exports and searches of records that involve: %(names)s.") % {"names": shown}

    def export(self, entries):
        """The filtered list as CSV; the export is itself logged (for the same organisations)."""
        user = self.request.user
        header = [_("Time"), _("User"), pgettext_lazy("access log", "Action"), _("Record type"), _("Record ids"),
                  _("Records"), _("Detail"), _("Address"), _("Request id")]
        rows = []
        chunk: list = []

        def flush():
            names = visible_names(chunk, user)
            for e in chunk:
                visible = [f"{r['name']} ({r['id']})" for r in entry_records(e, names) if r["name"]]
                rows.append([timezone.localtime(e.timestamp).strftime("%Y-%m-%d %H:%M:%S"), e.username,
                             e.get_action_display(), record_type_name(e),
                             e.object_ids, "; ".join(visible), e.detail, e.remote_addr or "", e.request_id])
            chunk.clear()

        for entry in entries.iterator(chunk_size=500):
            chunk.append(entry)
            if len(chunk) >= 500:
                flush()
        flush()
        admin_orgs = org_ids(user, "admin")
        log_access(self.request, AccessLog.Action.EXPORT, model=AccessLog,
                   organisation_ids=() if admin_orgs is ALL else admin_orgs,
                   detail=f"csv {self.request.get_full_path()}"[:500])
        # logged above with the organisations whose log this is, so not again by export_response
        return export_response(self.request, "csv", header, rows, name="access-log", log=False,
                               metadata=export_metadata(self.request, _("Access log")))
