import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def finnish_by_default():
    """A request with another language leaves it active in the thread; start every test in Finnish."""
    translation.activate("fi")
    yield
    translation.activate("fi")
