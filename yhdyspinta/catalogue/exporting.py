"""The catalogue's export rows (matrix, interface cards); the responses are core.exports'."""

from django.utils.translation import gettext as _


def cell_text(cell):
    """The text of a matrix cell: minimum, mean and how many dimensions are assessed."""
    if cell is None:
        return ""
    if cell["min"] is None:
        return _("not assessed")
    mean = _("mean")
    return f"{cell['min']} ({mean} {str(cell['mean']).replace('.', ',')}; {cell['assessed']}/{cell['total']})"


def matrix_rows(columns, table):
    header = [_("Interface"), *[str(c) for c in columns]]
    rows = [[str(row["row"]), *[cell_text(entry[1]) for entry in row["cells"]]] for row in table]
    return header, rows


def card_rows(interfaces, user):
    """Interface cards as rows: every part of the structure, owners and the latest maturity.

    Internal notes are included only for interfaces whose parties the user may read internally.
    """
    from yhdyspinta.accounts.permissions import can_view_internal_of

    from .choices import Dimension
    from .models import Interface
    from .queries import latest_values

    text_fields = ["summary", "where_client", "how_guided", "service_guidance", "processes", "information_flow",
                   "data_passed", "data_legal_basis", "resourcing", "leadership", "shared_goals", "escalation",
                   "development_forums", "strategies", "welfare_plans", "operating_models", "agreements_text",
                   "legal_constraints", "reform_preparation"]
    meta = Interface._meta
    header = [_("Interface"), _("Theme"), _("Client group"), _("Organisations"), _("Cooperation levels"),
              *[str(meta.get_field(f"{name}_fi").verbose_name).removesuffix(" [fi]").capitalize()
                for name in text_fields],
              _("Owners"), *[f"{_('Maturity')}: {label}" for _d, label in Dimension.choices], _("Internal notes")]
    interfaces = list(interfaces.prefetch_related("parties", "owners__person__organisation", "owners__organisation"))
    latest = latest_values([i.pk for i in interfaces])
    rows = []
    for i in interfaces:
        parties = list(i.parties.all())
        internal = can_view_internal_of(user, [p.pk for p in parties])
        rows.append([
            i.title, i.get_theme_display(), i.get_client_group_display(), ", ".join(str(p) for p in parties),
            ", ".join(str(lv.label) for lv in i.levels), *[getattr(i, name) or "" for name in text_fields],
            # a person the user may not see is "title, organisation", never the name (Person.display_for)
            "; ".join(f"{o.organisation}: {o.person.display_for(user)}" for o in i.owners.all()),
            *[latest.get(i.pk, {}).get(d, "") for d in Dimension.values],
            i.internal_notes if internal else "",
        ])
    return header, rows
