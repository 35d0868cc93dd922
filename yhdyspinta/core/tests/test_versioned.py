"""The one versioned result cache (core.versioned): never a result of another version."""

from yhdyspinta.core.versioned import VersionedCache


def test_a_result_is_only_returned_for_its_version():
    cache, computed, saved = VersionedCache(size=4), [], []

    def compute(value):
        def run():
            computed.append(value)
            return value
        return run

    assert cache.get("p", 1, compute("one"), save=saved.append) == "one"
    assert cache.get("p", 1, compute("again")) == "one"  # memoised
    assert cache.get("p", 2, compute("two")) == "two"  # the data changed: computed anew
    assert computed == ["one", "two"] and saved == ["one"]
    assert cache.peek("p", 1) == "one" and cache.peek("q", 1) is None


def test_the_store_is_asked_before_computing_and_the_memo_is_bounded():
    cache = VersionedCache(size=2)
    assert cache.get("a", 1, lambda: "computed", load=lambda: "stored") == "stored"
    assert cache.get("a", 2, lambda: "computed", load=lambda: None) == "computed"
    cache.put("b", 1, "b1")
    assert cache.peek("a", 1) is None  # the least recently used left the memo (size 2)
    assert cache.peek("a", 2) == "computed" and cache.peek("b", 1) == "b1"
    cache.clear()
    assert cache.peek("b", 1) is None


def test_without_a_memo_every_call_goes_to_the_store():
    cache, loads = VersionedCache(), []
    for _ in range(2):
        cache.get("s", 1, lambda: "computed", load=lambda: loads.append(1) or "stored")
    assert len(loads) == 2
