"""Linked people and records in templates, by the one visibility rule.

    {% load visibility_tags %}
    {% person_label action.owner %}          → "Maija Meikäläinen" or "Head of unit, Kunta A"
    {% record_label evidence.agreement %}    → the agreement's name or "(hidden)"
    {% visible report.goals.all as goals %}  → only the goals the reader may see

The reader is `request.user` from the template context (pages, PDFs rendered with the request);
without one, the anonymous visitor.
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext as _

from yhdyspinta.core.visibility import account_label, may_view, visible_only

register = template.Library()


def reader(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None:
        user = context.get("user")
    return user if user is not None and hasattr(user, "is_authenticated") else AnonymousUser()


@register.simple_tag(takes_context=True)
def person_label(context, person, default=""):
    """The person's name for those who may see the person, else "title, organisation".
    A user account (recorded_by) is printed by `core.visibility.account_label`."""
    if person is None or person == "":
        return default
    if not hasattr(person, "display_for"):  # a user account (recorded by, retracted by)
        return account_label(reader(context), person)
    return person.display_for(reader(context))


@register.simple_tag(takes_context=True)
def record_label(context, obj, default=""):
    """A linked record's name, or "(hidden)" when the reader may not see the record."""
    if obj is None or obj == "":
        return default
    if hasattr(obj, "display_for"):
        return obj.display_for(reader(context))
    return str(obj) if may_view(reader(context), obj) else _("(hidden)")


@register.simple_tag(takes_context=True)
def may_see(context, obj):
    """{% may_see obj as shown %}{% if shown %}<a href=…>{% endif %}"""
    return may_view(reader(context), obj)


@register.simple_tag(takes_context=True)
def visible(context, records):
    """{% visible report.goals.all as goals %}: the records the reader may see."""
    return visible_only(reader(context), records)


@register.simple_tag(takes_context=True)
def visible_items(context, items, attr):
    """{% visible_items plan "goal" as plan %}: the items whose linked record `attr` the reader may see."""
    user = reader(context)
    return [item for item in items or () if may_view(user, _lookup(item, attr))]


def _lookup(item, attr):
    for part in attr.split("."):
        item = item.get(part) if isinstance(item, dict) else getattr(item, part, None)
    return item


@register.simple_tag(takes_context=True)
def record_link(context, obj, default=""):
    """A link to a linked record the reader may see; "(hidden)" without a link otherwise."""
    from django.utils.html import format_html

    if obj is None or obj == "":
        return default
    if not may_view(reader(context), obj):
        return _("(hidden)")
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj)
