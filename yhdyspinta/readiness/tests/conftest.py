import pytest

from yhdyspinta.readiness import demo

from .factories import reporting_organisations


@pytest.fixture(autouse=True)
def _fresh_figure_cache():
    """Test databases reuse primary keys, so cached figures must not leak between tests."""
    from django.core.cache import cache

    from yhdyspinta.readiness.loaders import clear_cache

    cache.clear()
    clear_cache()
    yield
    cache.clear()
    clear_cache()


@pytest.fixture
def demo_roadmap(db):
    """The 10/2021 demo roadmap with the 2021-10 (closed) and 2021-11 (open) periods."""
    reporting_organisations()
    demo.load()
    return demo.load_roadmap()
