"""The "My work" page's registry: each app contributes panels from its own `mywork.py`.

Core knows no domain app. An app that has something for the signed-in user's desk writes
`yhdyspinta/<app>/mywork.py` and registers panel functions there:

    from yhdyspinta.core import mywork

    @mywork.panel("rounds", _("Mapping rounds to answer"), order=10, empty=_("Nothing to answer."))
    def rounds(desk: mywork.Desk) -> mywork.Result | None:
        ...
        return mywork.Result(items=[mywork.Item(text, url, note=..., flag=...)], total=n)

The modules are found with `autodiscover_modules("mywork")` (as the admin finds `admin.py`), once,
the first time the page is built. A panel function reads only through
`Model.objects.restrict(desk.user, "view")` (the one permission path) and returns None when the
panel does not apply to the user (e.g. approvals to someone who approves nothing); an empty
`Result` shows its empty-state sentence. Every item links to the page where the work is done.

"Since your last visit": `desk.since` is the time of the user's previous sign-in, kept in the
session under `SINCE_SESSION_KEY` by whichever app records sign-ins (the notifications app does:
docs/mywork.md); None when there is none.
"""

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import autodiscover_modules

logger = logging.getLogger(__name__)
SINCE_SESSION_KEY = "mywork_since"
DEFAULT_LIMIT = 8  # items listed per panel; the total is counted


@dataclass
class Item:
    """One line of a panel: a linked text, a note after it, and an optional flag shown as a word
    (e.g. "Late"), never by colour alone."""

    text: str
    url: str
    note: str = ""
    flag: str = ""
    record: object = None  # the record shown: an internal one is logged as read (docs/audit.md)


@dataclass
class Result:
    items: list[Item] = field(default_factory=list)
    total: int | None = None  # how many in all (None: len(items))
    more_url: str = ""  # the page listing all of them
    note: str = ""  # a sentence under the heading (e.g. "since 3.12.2026")

    @property
    def count(self) -> int:
        return len(self.items) if self.total is None else self.total


@dataclass
class Panel:
    key: str
    title: object
    function: Callable
    order: int = 100
    empty: object = ""


@dataclass
class Desk:
    """What the panels share: the user, their own organisations (memberships), today and the
    time of the previous visit."""

    user: object
    org_ids: set[int]
    now: datetime
    since: datetime | None
    limit: int = DEFAULT_LIMIT
    cache: dict = field(default_factory=dict)  # panels of one app may share a query's result here

    @property
    def today(self) -> date:
        return timezone.localdate(self.now)


_panels: dict[str, Panel] = {}
_discovered = False
_lock = threading.Lock()


def panel(key: str, title, *, order: int = 100, empty=""):
    """Registers a panel function `f(desk) -> Result | None` under `key` (unique)."""

    def decorator(function):
        _panels[key] = Panel(key, title, function, order, empty)
        return function

    return decorator


def discover():
    """Imports every installed app's `mywork` module once."""
    global _discovered
    if _discovered:
        return
    with _lock:
        if not _discovered:
            autodiscover_modules("mywork")
            _discovered = True


def panels() -> list[Panel]:
    discover()
    return sorted(_panels.values(), key=lambda p: (p.order, p.key))


def since_of(session) -> datetime | None:
    value = session.get(SINCE_SESSION_KEY) if session is not None else None
    return parse_datetime(value) if value else None


def own_org_ids(user) -> set[int]:
    """The organisations the user is a member of (any role): "my organisation" on the page."""
    return set(user.memberships.values_list("organisation_id", flat=True))


def build(request, *, now=None) -> list[dict]:
    """Runs every registered panel for the signed-in user; returns the shown ones in order."""
    user = request.user
    desk = Desk(user=user, org_ids=own_org_ids(user), now=now or timezone.now(),
                since=since_of(getattr(request, "session", None)))
    shown = []
    for p in panels():
        result = p.function(desk)
        if result is None:
            continue
        shown.append({"key": p.key, "title": p.title, "empty": p.empty, "result": result})
    log_reads(request, [item for s in shown for item in s["result"].items])
    return shown


def log_reads(request, items):
    """The internal records the page names are reads, like on any list page (one entry per type)."""
    from .audit import log_internal_reads

    by_model: dict = {}
    for item in items:
        if item.record is not None:
            by_model.setdefault(type(item.record), {})[item.record.pk] = item.record
    for model, records in by_model.items():
        log_internal_reads(request, model, records.values(), detail="my work")
