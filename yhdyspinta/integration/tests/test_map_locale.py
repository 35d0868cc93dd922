"""The network map's figures use the page language's decimal separator (issue 16): a comma in
Finnish and Swedish, a point in English."""

from django.utils import translation
from django.utils.formats import get_format

from yhdyspinta.integration.compute.svg import render_svg

POSITIONS = {"A": (0.0, 0.0), "B": (1.0, 0.5)}
NEEDS = {("A", "B"): 150.25}


def _svg(language: str) -> str:
    with translation.override(language):
        return render_svg(POSITIONS, {"A": 1, "B": 1}, NEEDS,
                          lang_strings={"decimal": get_format("DECIMAL_SEPARATOR")})


def test_decimal_comma_in_finnish_and_swedish_point_in_english():
    assert "150,2" in _svg("fi") or "150,3" in _svg("fi")
    assert "150,2" in _svg("sv") or "150,3" in _svg("sv")
    english = _svg("en")
    assert ("150.2" in english or "150.3" in english) and "150,2" not in english and "150,3" not in english
    assert "150,2" in render_svg(POSITIONS, {"A": 1, "B": 1}, NEEDS) or "150,3" in render_svg(
        POSITIONS, {"A": 1, "B": 1}, NEEDS)  # the module's default is Finnish
