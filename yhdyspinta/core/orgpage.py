"""The organisation overview's registry: a municipality's or county's whole picture, one section
per app, each contributed from the app's own `orgpage.py` (core knows no domain app).

    from yhdyspinta.core import orgpage

    @orgpage.section("interfaces", _("Interfaces"), order=10, empty=_("No interfaces."))
    def interfaces(org, user) -> orgpage.Table | None:
        rows = [orgpage.Row([i.title, ...], url=i.get_absolute_url(), record=i) for i in ...]
        return orgpage.Table([_("Interface"), ...], rows)

A section reads only through `Model.objects.restrict(user, "view")` and never shows a field of
`record.hidden_fields_for(user)`; it returns None when it does not apply to the organisation.
The page shows the first cell of a row as a link to `url`; the CSV holds every row of every
section. The internal records shown are logged as reads (`record`), like on any list page.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.module_loading import autodiscover_modules


@dataclass
class Row:
    cells: list
    url: str = ""
    record: object = None


@dataclass
class Table:
    columns: list
    rows: list[Row] = field(default_factory=list)
    more_url: str = ""  # the page listing all of them, filtered to the organisation
    note: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    title: object
    order: int
    empty: object
    func: Callable


_SECTIONS: dict[str, Section] = {}
_LOCK = threading.Lock()
_DISCOVERED = False


def section(key: str, title, *, order: int = 100, empty=""):
    """Registers the decorated function(org, user) -> Table | None as a section of the page."""
    def register(func):
        _SECTIONS[key] = Section(key, title, order, empty, func)
        return func
    return register


def registered() -> list[Section]:
    global _DISCOVERED
    with _LOCK:
        if not _DISCOVERED:
            autodiscover_modules("orgpage")
            _DISCOVERED = True
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def build(org, user) -> list[tuple[Section, Table]]:
    """The sections that apply to `org`, in order, each with what `user` may see."""
    shown = []
    for s in registered():
        table = s.func(org, user)
        if table is not None:
            shown.append((s, table))
    return shown
