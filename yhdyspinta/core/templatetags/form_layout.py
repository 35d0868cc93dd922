"""Form layout: a translatable text's Finnish, Swedish and English fields as language tabs.

The interface form had every text three times (fi, sv, en) and was ~18 000 px tall. Rendered
through `django/forms/div.html` (core/templates), `name_fi`, `name_sv` and `name_en` become one
tab group (core/_form_rows.html, core/static/core/langtabs.js): "Suomi" open, "Svenska" and
"English" one click or arrow key away, and the group opens on the first language with an error,
whose tab says so in words. Without JavaScript the three fields show one after another.
"""

from django import template

register = template.Library()
OTHER_LANGUAGES = ("sv", "en")
LANGUAGE_NAMES = {"fi": "Suomi", "sv": "Svenska", "en": "English"}  # each in its own language


@register.filter
def bound_with_errors(fields):
    """[bound field] → [(bound field, its errors)], the shape `language_groups` reads (a page that
    lays out a form itself: `form.visible_fields|bound_with_errors|language_groups`)."""
    return [(field, field.errors) for field in fields]


@register.filter
def language_groups(fields):
    """[(bound field, errors)] → [{"field", "errors", "translations": [(field, errors)], "open",
    "label", "languages": [{"code", "name", "field", "errors", "panel_id", "selected"}]}]:
    `languages` (the tabs) is empty for a field without translations; `open`: a translation has
    an error; the selected tab is the first with an error, else Finnish."""
    names = {field.name for field, _errors in fields}
    rows, by_base = [], {}
    for field, errors in fields:
        base, _sep, language = field.name.rpartition("_")
        if language in OTHER_LANGUAGES and (f"{base}_fi" in names or base in names):
            row = by_base.get(base)
            if row is not None:
                row["translations"].append((field, errors))
                row["open"] = row["open"] or bool(errors)
                continue
        row = {"field": field, "errors": errors, "translations": [], "open": False}
        if language == "fi":
            by_base[base] = row
        elif f"{field.name}_sv" in names or f"{field.name}_en" in names:  # `title` with `title_sv`: the Finnish
            by_base[field.name] = row
        rows.append(row)
    for row in rows:
        row["languages"] = _tabs(row) if row["translations"] else []
    return rows


def _tabs(row) -> list[dict]:
    field = row["field"]
    row["label"] = str(field.label).removesuffix(" [fi]")
    tabs = [{"code": "fi" if k == 0 else f.name.rpartition("_")[2], "field": f, "errors": bool(errors),
             "panel_id": f"{f.auto_id or f.html_name}-panel", "selected": False}
            for k, (f, errors) in enumerate([(field, row["errors"]), *row["translations"]])]
    for tab in tabs:
        tab["name"] = LANGUAGE_NAMES[tab["code"]]
    next((tab for tab in tabs if tab["errors"]), tabs[0])["selected"] = True
    return tabs


def section_of(name: str, sections) -> str:
    """The id of the section naming this field: by its name, its name without the _fi/_sv/_en
    ending, or a prefix ending in "*" ("resp_*"); a field no section names is in the last one.
    The page's layout and a section's own save (catalogue's interface form) use this one rule."""
    base, _sep, language = name.rpartition("_")
    for section_id, _title, names in sections:
        for entry in names:
            if name == entry or (language in ("fi", *OTHER_LANGUAGES) and base == entry) or (
                    entry.endswith("*") and name.startswith(entry[:-1])):
                return section_id
    return sections[-1][0]


@register.simple_tag
def form_sections(form, sections, extra=(), section_form=None):
    """A long form in sections (`sections` = ((id, title, [field names]), …)) →
    [{"id", "title", "rows" (as `language_groups`), "errors"}]; a field no section names goes to
    the last one. `extra`: (id, title, has errors) sections rendered by the page itself (a formset).
    `section_form`: the bound form of the one section that was saved (its values and errors), the
    other sections from `form`."""
    sections = list(sections)
    section_form = section_form if hasattr(section_form, "fields") else None  # unset in the template: ""
    by_id = {section_id: [] for section_id, _title, _names in sections}
    for field in form.visible_fields():
        if section_form is not None and field.name in section_form.fields:
            field = section_form[field.name]
        by_id[section_of(field.name, sections)].append((field, field.errors))
    out = [{"id": section_id, "title": title, "rows": language_groups(by_id[section_id]),
            "errors": any(errors for _field, errors in by_id[section_id])}
           for section_id, title, _names in sections if by_id[section_id]]
    out += [{"id": section_id, "title": title, "rows": None, "errors": bool(errors)}
            for section_id, title, errors in extra if section_id]
    return out
