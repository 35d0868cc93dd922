"""The interface form in sections (issue 15: the add page was ~18 000 px tall): the page lists the
sections, shows one at a time (core/static/core/sections.js) and every section has its own save
button, so a section is saved or reviewed without scrolling through the others."""

from django.utils.translation import gettext_lazy as _

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
