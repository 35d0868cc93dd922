"""The same page in the other languages: hreflang links in the head and the language switcher."""

from django import template
from django.conf import settings
from django.utils.translation import get_language_info

from yhdyspinta.core.language import alternates

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """[{code, url, name}] of the current page in each language (name in that language)."""
    request = context.get("request")
    if request is None:
        return [{"code": code, "url": "/", "name": get_language_info(code)["name_local"]}
                for code, _name in settings.LANGUAGES]
    return [dict(item, name=get_language_info(item["code"])["name_local"]) for item in alternates(request)]
