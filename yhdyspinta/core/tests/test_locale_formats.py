"""One date style and the locale's number format on every page (issue 16): 27.1.2027 and 1 234,5
in Finnish and Swedish; tables and labels use the locale's format, never a fixed "d.m.Y"."""

import datetime
from decimal import Decimal

from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, number_format
from django_tables2 import DateColumn, DateTimeColumn, Table

from yhdyspinta.cooperation import tables as cooperation_tables
from yhdyspinta.cooperation.models.duties import CouncilKind, CouncilTerm
from yhdyspinta.facilities import tables as facilities_tables

DAY = datetime.date(2027, 1, 27)


def test_one_date_style_per_language():
    for language, expected in (("fi", "27.1.2027"), ("sv", "27.1.2027"), ("en", "2027-01-27")):
        with translation.override(language):
            assert date_format(DAY, "SHORT_DATE_FORMAT") == expected
            assert Template("{{ d|date:'SHORT_DATE_FORMAT' }}").render(Context({"d": DAY})) == expected


def test_decimal_comma_and_grouping_in_finnish_and_swedish():
    for language, expected in (("fi", "1\xa0234,5"), ("sv", "1\xa0234,5"), ("en", "1,234.5")):
        with translation.override(language):
            assert number_format(Decimal("1234.5"), decimal_pos=1, force_grouping=True) == expected


def test_a_council_term_is_named_with_the_page_date_style():
    term = CouncilTerm(kind=CouncilKind.COUNTY, start=datetime.date(2025, 6, 1), end=datetime.date(2029, 5, 31))
    with translation.override("fi"):
        assert str(term).endswith("1.6.2025–31.5.2029")
    with translation.override("en"):
        assert str(term).endswith("2025-06-01–2029-05-31")


def test_date_columns_use_the_locale_format():
    checked = 0
    for module in (cooperation_tables, facilities_tables):
        for table in vars(module).values():
            if isinstance(table, type) and issubclass(table, Table) and table is not Table:
                for name, column in table.base_columns.items():
                    if isinstance(column, (DateColumn, DateTimeColumn)):
                        checked += 1
                        assert "SHORT_DATE" in column.template_code, f"{table.__name__}.{name}"
    assert checked >= 5


def test_chart_values_are_grouped_by_the_page_language():
    from yhdyspinta.funding.charts import bar_chart

    for language, expected in (("fi", "−1\xa0234"), ("sv", "−1\xa0234"), ("en", "−1,234")):
        with translation.override(language):
            svg = bar_chart([("A", -1234.4), ("B", 10)], title="t", description="d")
            assert f">{expected}<" in svg
