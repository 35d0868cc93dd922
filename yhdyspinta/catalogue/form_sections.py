"""The interface form in sections (issue 15: the add page was ~18 000 px tall): the page lists the
sections, shows one at a time (core/static/core/sections.js) and every section has its own save
button, so a section is saved or reviewed without scrolling through the others. On an existing
interface a section's save validates and writes that section's fields only (catalogue/views.py
InterfaceEditView); on the add page it creates the interface from the whole form."""

from django.utils.translation import gettext_lazy as _

from yhdyspinta.core.templatetags.form_layout import section_of

INTERFACE_SECTIONS = (
    ("basics", _("Name, theme and visibility"), ["title", "summary", "theme", "client_group", "visibility"]),
    ("parties", _("Parties, services and owners"), ["parties", "services", "owners"]),
    ("client", _("The client's path"), ["where_client", "how_guided", "service_guidance"]),
    ("processes", _("Processes and information"),
     ["processes", "information_flow", "data_passed", "data_legal_basis"]),
    ("leadership", _("Leadership, resources and goals"),
     ["resourcing", "leadership", "shared_goals", "escalation", "development_forums"]),
    ("plans", _("Strategies, plans and agreements"),
     ["strategies", "welfare_plans", "operating_models", "agreements_text", "legal_constraints",
      "reform_preparation"]),
    ("levels", _("Levels of cooperation"), ["level_political", "level_management", "level_expert", "level_field"]),
    ("responsibilities", _("Responsibilities per organisation"), ["resp_*"]),
    ("internal", _("Internal notes"), ["internal_notes"]),
)
STEPS_SECTION = "steps"


def section_ids(with_steps: bool) -> list[str]:
    """The sections of the page in order (the escalation route only when the interface exists)."""
    return [section_id for section_id, _title, _names in INTERFACE_SECTIONS] + ([STEPS_SECTION] if with_steps else [])


def section_title(section_id: str) -> str:
    return next((str(title) for sid, title, _names in INTERFACE_SECTIONS if sid == section_id),
                str(_("Escalation route")))


def fields_of_section(field_names, section_id: str) -> set[str]:
    """The form's fields that a section's own save validates and writes (the page's layout rule)."""
    return {name for name in field_names if section_of(name, INTERFACE_SECTIONS) == section_id}
