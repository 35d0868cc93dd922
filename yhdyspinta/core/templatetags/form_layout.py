"""Form layout: a translatable text's Swedish and English fields fold under its Finnish one.

The interface form had every text three times (fi, sv, en) and was ~18 000 px tall. Rendered
through `django/forms/div.html` (core/templates), `name_sv` and `name_en` go into a disclosure
right after `name_fi`: Finnish first and open, the other languages one click away, and open by
themselves when one of them has an error.
"""

from django import template

register = template.Library()
OTHER_LANGUAGES = ("sv", "en")


@register.filter
def language_groups(fields):
    """[(bound field, errors)] → [{"field", "errors", "translations": [(field, errors)], "open"}]."""
    names = {field.name for field, _errors in fields}
    rows, by_base = [], {}
    for field, errors in fields:
        base, _sep, language = field.name.rpartition("_")
        if language in OTHER_LANGUAGES and f"{base}_fi" in names:
            row = by_base.get(base)
            if row is not None:
                row["translations"].append((field, errors))
                row["open"] = row["open"] or bool(errors)
                continue
        row = {"field": field, "errors": errors, "translations": [], "open": False}
        if language == "fi":
            by_base[base] = row
        rows.append(row)
    return rows
