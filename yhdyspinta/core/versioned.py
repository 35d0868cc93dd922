"""One versioned result cache: a derived result is kept with the data version it came from.

The data (a readiness period's statuses, a study's answers) carries a version that rises with
every change (`Period.revision`, `Study.data_version`), so a result is only ever returned for the
version it was computed from and never goes stale; nothing has to be invalidated. In front of
the app's own store (a table or a JSON column: `load`/`save`) sits an optional memo of the
process (least recently used first out, `size` entries; 0 for none). Plain Python, no Django.
"""

from collections import OrderedDict
from collections.abc import Callable, Hashable


class VersionedCache:
    def __init__(self, size: int = 0):
        self.size = size
        self._memo: OrderedDict = OrderedDict()

    def peek(self, key: Hashable, version):
        """The memoised result of (key, version), or None."""
        hit = self._memo.get((key, version))
        if hit is not None:
            self._memo.move_to_end((key, version))
        return hit

    def remember(self, key: Hashable, version, value) -> None:
        if self.size <= 0:
            return
        self._memo[(key, version)] = value
        self._memo.move_to_end((key, version))
        while len(self._memo) > self.size:
            self._memo.popitem(last=False)

    def put(self, key: Hashable, version, value, save: Callable | None = None) -> None:
        """Memoise and, with `save(value)`, store the result of (key, version)."""
        self.remember(key, version, value)
        if save is not None:
            save(value)

    def get(self, key: Hashable, version, compute: Callable, *, load: Callable | None = None,
            save: Callable | None = None):
        """The result for (key, version): memo, else `load()` (None: not stored for this
        version), else `compute()`, which is then memoised and given to `save`."""
        value = self.peek(key, version)
        if value is not None:
            return value
        value = load() if load is not None else None
        if value is not None:
            self.remember(key, version, value)
            return value
        value = compute()
        self.put(key, version, value, save)
        return value

    def clear(self) -> None:
        self._memo.clear()
