"""Hostile files to the classification update (`update_classification`): refused → nothing changed.

Each example runs the command on a generated file inside a savepoint; a refusal must be a
CommandError naming the file, and the organisations table must equal its snapshot.
"""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from yhdyspinta.organisations import reference
from yhdyspinta.organisations.models import Organisation

pytestmark = pytest.mark.django_db
SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

field = st.one_of(
    st.sampled_from(["091", "837", "08", "02", "", "-1", "1e3", "abc", "1 000", "12,5", "٣", "0" * 5,
                     "Tampere", "Tammerfors", '"quoted;semi"', "=cmd|' /C calc'!A0"]),
    st.text(max_size=30),
    st.integers(min_value=-10, max_value=10**9).map(str),
)
row = st.lists(field, min_size=4, max_size=6)
header = st.one_of(
    st.just(list(reference.MUNICIPALITY_COLUMNS)),
    st.permutations(list(reference.MUNICIPALITY_COLUMNS)),
    st.lists(st.sampled_from([*reference.MUNICIPALITY_COLUMNS, "extra", ""]), max_size=6),
)


def snapshot():
    return list(Organisation.objects.order_by("pk").values())


def run_update(tmp_path: Path, content: bytes):
    path = tmp_path / "municipalities.csv"
    path.write_bytes(content)
    with transaction.atomic():
        before = snapshot()
        try:
            call_command("update_classification", "--municipalities", str(path), stdout=_Null())
        except CommandError as exc:
            assert "municipalities.csv" in str(exc) or "No such file" in str(exc), str(exc)
            assert snapshot() == before
            refused = True
        else:
            refused = False
        transaction.set_rollback(True)
    return refused


class _Null:
    def write(self, *_args, **_kwargs):
        pass

    def flush(self):
        pass


@pytest.fixture
def reference_data(world):
    """The 2021 counties and the first 25 municipalities (the full set costs seconds per test)."""
    county_rows = reference.parse_counties()
    codes = {row["code"] for _l, row in county_rows}
    reference.apply(reference.parse_municipalities(county_codes=codes)[:25], county_rows)
    return world


@SETTINGS
@given(data=st.binary(max_size=600))
def test_arbitrary_bytes_refused_cleanly(reference_data, tmp_path, data):
    run_update(tmp_path, data)


@SETTINGS
@given(head=header, rows=st.lists(row, max_size=6), delimiter=st.sampled_from([";", ","]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_near_valid_files_refused_cleanly(reference_data, tmp_path, head, rows, delimiter, encoding):
    text = "\n".join(delimiter.join(r) for r in [head, *rows])
    run_update(tmp_path, text.encode(encoding, errors="replace"))


def test_a_bad_line_late_in_a_valid_file_changes_nothing(reference_data, tmp_path):
    lines = reference.MUNICIPALITIES_CSV.read_text(encoding="utf-8-sig").splitlines()
    lines[1] = lines[1].replace(lines[1].split(",")[1] if "," in lines[1] else "x", "Muutettu", 1)
    lines.append("999,Rikki,Trasig,not-a-number,08")
    assert run_update(tmp_path, "\n".join(lines).encode()) is True


def test_the_shipped_file_is_accepted(reference_data, tmp_path):
    assert run_update(tmp_path, reference.MUNICIPALITIES_CSV.read_bytes()) is False


def test_a_population_beyond_the_column_is_refused(reference_data, tmp_path):
    content = "code,name_fi,name_sv,population,county_code\n837,Tampere,Tammerfors,99999999999999999999,06\n"
    assert run_update(tmp_path, content.encode()) is True


def test_nul_after_the_first_4096_bytes_is_refused(reference_data, tmp_path):
    header = "code,name_fi,name_sv,population,county_code\n"
    padding = "".join(f"{c},Kunta{c} pitkällä nimellä,Kommun{c},100,08\n" for c in range(900, 999))
    content = (header + padding + "837,Tam\x00pere,Tammerfors,1000,08\n").encode()
    assert content.index(b"\x00") > 4096
    assert run_update(tmp_path, content) is True  # refused with a CommandError
