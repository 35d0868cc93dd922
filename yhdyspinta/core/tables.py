"""Table columns for linked records, by the one visibility rule.

A list shows only records the reader may see, but a row's links (a forum's parent, an
escalation's forums, a scenario's base set) can point at records the reader may not see. This
column prints such a link as "(hidden)" on the page and in the CSV/XLSX export alike (the export
builds the table without a request, so the reader is the user of the request being served). A
person column would print `Person.display_for(table_reader(table))` the same way."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext as _

from yhdyspinta.core.visibility import current_reader, may_view


def table_reader(table):
    user = getattr(getattr(table, "request", None), "user", None)
    return user if user is not None else current_reader()


class VisibleRecordColumn(tables.Column):
    """A linked record: its name (linked on the page) when the reader may see it, else "(hidden)"."""

    def __init__(self, *args, link=True, **kwargs):
        self.link_to_record = link
        super().__init__(*args, **kwargs)

    def render(self, value, table):
        if not may_view(table_reader(table), value):
            return _("(hidden)")
        url = getattr(value, "get_absolute_url", None)
        if self.link_to_record and url:
            return format_html('<a href="{}">{}</a>', url(), value)
        return str(value)

    def value(self, value, table, **kwargs):
        return str(value) if may_view(table_reader(table), value) else _("(hidden)")

