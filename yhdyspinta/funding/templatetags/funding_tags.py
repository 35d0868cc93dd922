"""`fi_round`: the core fi_number, but rounded half up first (number_format only truncates)."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

from yhdyspinta.core.templatetags.core_tags import fi_number

register = template.Library()


def rounded(value, decimals=0):
    if value is None or value == "":
        return value
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return value
    return number.quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)


@register.filter
def fi_round(value, decimals=0):
    return fi_number(rounded(value, decimals), decimals)
