"""The county and municipal input readers refuse a repeated code and a zero population on the
row's line, with the first line named (one check, funding/inputs.py)."""

import pytest

from yhdyspinta.core.tabular import InputError
from yhdyspinta.funding.inputs import read_county_csv, read_municipal_csv


@pytest.mark.parametrize("reader, kind", [(read_county_csv, "county"), (read_municipal_csv, "municipality")])
def test_a_code_twice_and_no_residents_are_refused_on_their_line(reader, kind):
    ok = reader(b"code;name;population\n01;Alfa;1000\n02;Beta;2000\n", name="in.csv")
    assert [row.code for row in ok] == ["01", "02"]
    with pytest.raises(InputError) as twice:
        reader(b"code;name;population\n01;Alfa;1000\n02;Beta;2000\n01;Alfa;1000\n", name="in.csv")
    assert (twice.value.line, str(twice.value.reason)) == (4, f"{kind} 01 appears twice (first on line 2)")
    with pytest.raises(InputError) as empty:
        reader(b"code;name;population\n01;Alfa;1000\n02;Beta;0\n", name="in.csv")
    assert (empty.value.line, str(empty.value.reason)) == (3, "population: 0 (per-resident figures need residents)")
