"""The shipped interface templates (`templates_data.py`) are written after each `migrate`, like
Django's own content types and permissions: a page or API GET only reads them (no write on GET)."""

from django.db import DEFAULT_DB_ALIAS


def sync_templates_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate of the catalogue app: load or update the shipped templates.

    Skipped when the migrated state of the template table is not the current one (a migrate to an
    older migration): the next full migrate syncs them.
    """
    from . import actions
    from .models import InterfaceTemplate

    if using != DEFAULT_DB_ALIAS:
        return
    if apps is not None:
        try:
            migrated = apps.get_model("catalogue", "InterfaceTemplate")
        except LookupError:
            return
        columns = {f.column for f in InterfaceTemplate._meta.concrete_fields}
        if {f.column for f in migrated._meta.concrete_fields} != columns:
            return
    actions.sync_templates()
