from django import template

from yhdyspinta.core.templatetags.core_tags import fi_number

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def percent(value, decimals=0):
    """A share 0..1 as a Finnish-formatted percentage (– when missing)."""
    if value is None or value == "":
        return "–"
    return f"{fi_number(round(float(value) * 100, int(decimals)), decimals)} %"


@register.filter
def fi_dec(value, decimals=0):
    """fi_number that rounds (core's fi_number cuts floats: 37.27 → "37,2")."""
    if value is None or value == "":
        return "–"
    if isinstance(value, str):
        return value
    return fi_number(round(float(value), int(decimals)), decimals)


@register.filter
def item_name(item):
    """A rating item's name in the page's language (the stored code is English)."""
    from django.utils.translation import gettext as _

    names = {"frequency": _("Frequency"), "mutuality": _("Mutuality"), "need": _("Need")}
    return names.get(item, item)


@register.filter
def scale_labels(scale):
    """A scale's answer labels in the page's language, Finnish where that one is missing."""
    from django.utils.translation import get_language

    code = (get_language() or "fi")[:2]
    return getattr(scale, f"labels_{code}", None) or scale.labels_fi
