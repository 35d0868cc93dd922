import django_tables2 as tables
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from yhdyspinta.core.tables import VisibleRecordColumn, table_reader

from .models import Agreement, Escalation, FollowUpAction, Forum, Meeting


class ForumTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Name"))
    frequency = tables.Column(verbose_name=_("Meetings a year"), orderable=False, accessor="frequency")
    parent = VisibleRecordColumn()

    class Meta:
        model = Forum
        fields = ("name", "level", "kind", "area", "parent", "frequency", "visibility")
        caption = _("Forums")


class MeetingTable(tables.Table):
    starts_at = tables.DateTimeColumn(linkify=True, verbose_name=_("Starts"))
    forum = VisibleRecordColumn()

    class Meta:
        model = Meeting
        fields = ("starts_at", "forum", "place", "minutes_checked_on", "visibility")
        caption = _("Meetings")


class FollowUpActionTable(tables.Table):
    """Follow-up actions (toimenpiteet) with their forum, meeting, owner and deadline; the owner
    is named as Person.display_for the reader (on the page and in the export)."""

    title = tables.Column(linkify=True, verbose_name=pgettext_lazy("follow-up", "Action"))
    forum = VisibleRecordColumn(accessor="decision__item__meeting__forum", verbose_name=_("Forum"),
                                order_by=("decision__item__meeting__forum__name",))
    meeting = tables.DateColumn(accessor="decision__item__meeting__starts_at",
                                verbose_name=_("Meeting"))
    owner = tables.Column(verbose_name=_("Owner"), order_by=("owner__last_name", "owner__first_name"))
    deadline = tables.DateColumn(verbose_name=_("Deadline"))
    late = tables.Column(empty_values=(), orderable=False, verbose_name=_("Late"))

    class Meta:
        model = FollowUpAction
        fields = ("title", "forum", "meeting", "owner", "deadline", "status", "late")
        caption = _("Follow-up actions")

    def render_owner(self, value):
        return value.display_for(table_reader(self))

    def value_owner(self, value):
        return value.display_for(table_reader(self))

    def render_late(self, record):
        return _("Late") if record.is_late() else ""

    def value_late(self, record):
        return _("yes") if record.is_late() else _("no")


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
    remind_on = tables.DateColumn(verbose_name=_("Reminder"), orderable=False)

    class Meta:
        model = Agreement
        fields = ("title", "kind", "valid_from", "valid_until", "renewal_date", "remind_on", "visibility")
        caption = _("Agreements")
