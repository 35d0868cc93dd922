"""Sorting by the rules of the page's language: ICU collation through PyICU (issue 16).

A Swedish list puts Jakobstad among the J's (by its Swedish name) and Åbo, Ähtäri, Österbotten
after Z, as Swedish and Finnish readers expect; an English one sorts Å with A. Python's own
`sorted()` compares code points, and the database's order depends on its collation (SQLite's is
binary), so lists and choices shown to residents sort with `sort_key` / `sorted_by` here.

A collator is built once per language and thread (ICU collators are cheap to use, not to build).
"""

import threading

import django_filters
import icu
from django.conf import settings
from django.forms.models import ModelChoiceField, ModelChoiceIterator
from django.utils.translation import get_language
from django_tables2.data import TableListData
from django_tables2.utils import Accessor, OrderBy

_local = threading.local()


def active_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE or "fi")[:2]


def collator(lang: str | None = None) -> "icu.Collator":
    """The ICU collator of `lang` (default: the active language)."""
    lang = lang or active_language()
    cache = getattr(_local, "collators", None)
    if cache is None:
        cache = _local.collators = {}
    if lang not in cache:
        cache[lang] = icu.Collator.createInstance(icu.Locale(lang))
    return cache[lang]


def sort_key(text, lang: str | None = None) -> bytes:
    """A key that sorts `text` by the rules of `lang` (default: the active language)."""
    return collator(lang).getSortKey(str(text or ""))


def sorted_by(items, key=str, lang: str | None = None) -> list:
    """`items` sorted by `key(item)` with the rules of `lang` (default: the active language)."""
    coll = collator(lang)
    return sorted(items, key=lambda item: coll.getSortKey(str(key(item) or "")))


class CollatedModelChoiceIterator(ModelChoiceIterator):
    """Choices in the order of their labels in the active language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted_by(self.queryset, key=self.field.label_from_instance):
            yield self.choice(obj)


class CollatedModelChoiceField(ModelChoiceField):
    """A ModelChoiceField whose options sort by the page's language (Jakobstad among the J's in Swedish)."""

    iterator = CollatedModelChoiceIterator


class CollatedModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A filter's record choice sorted by the page's language (public list pages' organisation filters)."""

    field_class = CollatedModelChoiceField


# ---- list pages: rows sorted by ICU before paginating ---------------------------------------------
def _value_key(value, coll):
    """Texts (and linked records, by their label) by the collator; numbers and dates as they are;
    empty values first."""
    from django.db.models import Model

    if value is None or value == "":
        return (0, b"")
    if isinstance(value, Model):
        value = str(value)
    if isinstance(value, str):
        return (1, coll.getSortKey(value))
    return (1, value)


class CollatedListData(TableListData):
    """django-tables2 data for a list small enough to sort in Python: every column sorts by its
    `order_by` accessors, texts with the page language's ICU collator (Åbo after Z and Jakobstad
    among the J's in Swedish), so the page boundaries are right too. `default` (accessors such as
    ("name",)) is the order without `?sort=`."""

    def __init__(self, data, default=()):
        super().__init__(list(data))
        self._sort(default)

    def order_by(self, aliases):
        accessors = []
        for alias in aliases:  # as TableListData: a bound column's order_by follows the table's order
            column = self.table.columns[OrderBy(alias).bare]
            accessors += column.order_by.opposite if alias[0] != column.order_by_alias[0] else column.order_by
        self._sort(accessors)

    def _sort(self, accessors):
        coll = collator()
        # stable sorts from the least significant key to the most significant one
        for accessor in reversed([OrderBy(a) for a in accessors]):
            path = Accessor(accessor.bare)
            self.data.sort(key=lambda row, path=path: _value_key(path.resolve(row, quiet=True), coll),
                           reverse=accessor.is_descending)


class CollatedListMixin:
    """For an ObjectListView whose filtered rows are at most `collate_max` (organisations, their
    units and people): the whole list is read and sorted by the page's language before the page
    is cut; a longer list keeps the database's order (binary in SQLite) rather than reading it all."""

    collate_max = 5000
    collate_default: tuple[str, ...] = ("name",)

    def get_table_data(self):
        data = super().get_table_data()
        if hasattr(data, "count") and data[: self.collate_max + 1].count() <= self.collate_max:
            return CollatedListData(data, default=() if self.request.GET.get("sort") else self.collate_default)
        return data
