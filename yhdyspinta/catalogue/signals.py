"""The shipped interface templates (`templates_data.py`) are written after each `migrate`, like
Django's own content types and permissions: a page or API GET only reads them (no write on GET)."""

import io

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


def index_services_after_migrate(sender, using=DEFAULT_DB_ALIAS, apps=None, **kwargs):
    """post_migrate of the catalogue app: store the finder's search terms of services that lack them
    (the services existing when the terms table came, or indexed with another analyser). One query
    when all are indexed; a new database has nothing to do."""
    from django.core.management import call_command

    from .models import ServiceSearchTerms

    if using != DEFAULT_DB_ALIAS:
        return
    if apps is not None:
        try:
            migrated = apps.get_model("catalogue", "ServiceSearchTerms")
        except LookupError:
            return
        if {f.column for f in migrated._meta.concrete_fields} != {
                f.column for f in ServiceSearchTerms._meta.concrete_fields}:
            return
    call_command("index_services", verbosity=0, stdout=io.StringIO())
