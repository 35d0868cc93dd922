"""The main menu grouped by what people do: at most seven top-level entries.

Each domain app lists its pages in `AppConfig.nav` as (url name, label) or (url name, label,
group); `AppConfig.nav_group` is the group of the entries that name none. The groups and their
order are here; a group without entries is left out. Anonymous visitors find the service finder
first (the Services group leads and the finder is its first link)."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

GROUPS = (
    ("services", pgettext_lazy("menu", "Services")),
    ("interfaces", pgettext_lazy("menu", "Interfaces")),
    ("cooperation", pgettext_lazy("menu", "Cooperation")),
    ("picture", pgettext_lazy("menu", "Situational picture")),
    ("studies", pgettext_lazy("menu", "Studies")),
    ("funding", pgettext_lazy("menu", "Funding and premises")),
)
MAX_TOP_LEVEL = 7  # the groups and Search
FIRST_FOR_ANONYMOUS = "catalogue:finder"
OTHER = ("other", _("More"))


def grouped(entries, *, anonymous=False):
    """[(group key, label, [(url name, label)])] from [(url name, label, group key)]."""
    known = {key for key, _label in GROUPS}
    by_group: dict = {}
    for url_name, label, group in entries:
        by_group.setdefault(group if group in known else OTHER[0], []).append((url_name, label))
    if anonymous:  # the finder first: what a resident came for
        for items in by_group.values():
            items.sort(key=lambda item: item[0] != FIRST_FOR_ANONYMOUS)
    return [(key, label, by_group[key]) for key, label in (*GROUPS, OTHER) if by_group.get(key)]
