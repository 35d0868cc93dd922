"""The maturity matrix cell in Python: a county's matrix has thousands of cells, and an include
with translate tags per cell took most of the page's time (0.65 s at national scale)."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

from yhdyspinta.core.templatetags.core_tags import fi_number

register = template.Library()


@register.simple_tag
def maturity_cell(cell, link=None):
    """<td> of one interface × municipality (or county): lowest value (mean; assessed/total)."""
    if cell is None:
        return format_html('<td class="maturity">–<span class="visually-hidden"> {}</span></td>',
                           gettext("no interface"))
    if cell["min"] is None:
        css, body = "maturity maturity-none", format_html("{}", gettext("not assessed"))
    else:
        css = f"maturity maturity-{cell['min']}"
        body = format_html("<strong>{}</strong> ({}; {}/{})", cell["min"], fi_number(cell["mean"], 1),
                           cell["assessed"], cell["total"])
    if link is not None:
        body = format_html('<a href="{}">{}</a>', link.get_absolute_url(), body)
    return format_html('<td class="{}">{}</td>', css, body)


@register.filter
def tel_href(phone):
    """A phone number as a tap-to-call link target (tel:+358…); '' when it has no digits."""
    from ..contacts import tel_href as href

    return href(phone)


@register.simple_tag
def translated(obj, field):
    """A translated field in the page's language, else Finnish (or another language) inside
    <span lang="…"> so that screen readers pronounce it right (WCAG 3.1.2)."""
    from ..contacts import _lang, text

    t = text(obj, field, _lang())
    if t["lang"]:
        return format_html('<span lang="{}">{}</span>', t["lang"], t["text"])
    return t["text"]


@register.filter
def lang_text(t):
    """A contact text ({"text", "lang"} of catalogue.contacts.text), marked with lang="…" when it is in
    another language than the page; a filter, not an include, so no stray whitespace follows it
    ("Nokia , puhelin", "15.00 )": walk 5 #14)."""
    if not t or not t.get("text"):
        return ""
    if t.get("lang"):
        return format_html('<span lang="{}">{}</span>', t["lang"], t["text"])
    return t["text"]
