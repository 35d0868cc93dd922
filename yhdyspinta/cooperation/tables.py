import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.tables import VisibleRecordColumn

from .models import Agreement, Escalation, Forum, Meeting


class ForumTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    frequency = tables.Column(verbose_name=_("Meetings a year"), orderable=False, accessor="frequency")
    parent = VisibleRecordColumn()

    class Meta:
        model = Forum
        fields = ("name", "level", "kind", "area", "parent", "frequency", "visibility")
        caption = _("Forums")


class MeetingTable(tables.Table):
    starts_at = tables.DateTimeColumn(linkify=True, format="d.m.Y H:i", verbose_name=_("Starts"))
    forum = VisibleRecordColumn()

    class Meta:
        model = Meeting
        fields = ("starts_at", "forum", "place", "minutes_checked_on", "visibility")
        caption = _("Meetings")


class EscalationTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=pgettext_lazy("heading", "Title"))
    raised_by = VisibleRecordColumn()
    to_forum = VisibleRecordColumn()

    class Meta:
        model = Escalation
        fields = ("title", "raised_by", "to_forum", "state", "raised_on", "closed_on", "visibility")
        caption = _("Escalations")


class AgreementTable(tables.Table):
    title = tables.Column(linkify=True, verbose_name=pgettext_lazy("heading", "Title"))
    remind_on = tables.DateColumn(format="d.m.Y", verbose_name=_("Reminder"), orderable=False)

    class Meta:
        model = Agreement
        fields = ("title", "kind", "valid_from", "valid_until", "renewal_date", "remind_on", "visibility")
        caption = _("Agreements")
