from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext

register = template.Library()

HIDDEN_FIELDS = {"id", "password", "visibility"}


@register.simple_tag
def history_url(obj):
    """The change history page of `obj`; for a part without a page of its own (an escalation
    step, a responsibility) its `history_parent`'s, where the part's changes are shown."""
    for _depth in range(5):
        parent = getattr(type(obj), "history_parent", None)
        if hasattr(type(obj), "org_paths") or not parent or getattr(obj, parent, None) is None:
            break
        obj = getattr(obj, parent)
    ct = ContentType.objects.get_for_model(obj)
    return reverse("object_history", args=[ct.pk, obj.pk])


@register.simple_tag(takes_context=True)
def field_pairs(context, obj):
    """(label, display value) of a record's concrete fields, for the generic detail page, by the
    one visibility rule: no field the reader may not see (`hidden_fields_for`), and a linked
    record or person named only as `record_label`/`person_label` name it.

        {% field_pairs object as pairs %}{% for label, value in pairs %}…
    """
    from .visibility_tags import reader, record_label

    hidden = obj.hidden_fields_for(reader(context)) if hasattr(obj, "hidden_fields_for") else frozenset()
    pairs = []
    for field in obj._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS or field.name in hidden or field.name.endswith(("_fi", "_sv", "_en")):
            continue
        if field.is_relation:  # a person by `display_for`, another record only if the reader may see it
            value = record_label(context, getattr(obj, field.name))
        else:
            display = getattr(obj, f"get_{field.name}_display", None)
            value = display() if display else getattr(obj, field.name)
            if isinstance(value, bool):  # in words, not Python's True/False
                value = gettext("Yes") if value else gettext("No")
        pairs.append((field.verbose_name, value))
    return pairs


@register.filter
def fi_number(value, decimals=0):
    """1 234,5 in Finnish and Swedish, 1,234.5 in English: follows the active language."""
    if value is None or value == "":
        return "–"
    try:  # number_format truncates; round half up first (12,5 → 13)
        value = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError):
        return value
    return number_format(value, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)
